import { applySlotEvent, openSlotStreams } from './slotStream';
import type { LiveDay } from './slots';

const empty = (): LiveDay => ({ looking: new Set(), held: new Set(), booked: new Set() });

describe('slot stream events', () => {
  it('adds and removes times from the live sets', () => {
    let day = applySlotEvent(empty(), 'selected', { time: '09:00' });
    day = applySlotEvent(day, 'locked', { time: '09:30' });
    expect([...day.looking]).toEqual(['09:00']);
    expect([...day.held]).toEqual(['09:30']);

    day = applySlotEvent(day, 'expired', { time: '09:00', hold: 'selection' });
    day = applySlotEvent(day, 'booked', { time: '09:30' });
    expect(day.looking.size).toBe(0);
    expect(day.held.size).toBe(0);
    expect([...day.booked]).toEqual(['09:30']);

    day = applySlotEvent(day, 'cancelled', { time: '09:30' });
    expect(day.booked.size).toBe(0);
  });

  it('keeps a lock on expired selection, drops it on expired lock', () => {
    const day = applySlotEvent(empty(), 'locked', { time: '10:00' });
    expect(applySlotEvent(day, 'expired', { time: '10:00', hold: 'selection' }).held.has('10:00')).toBe(true);
    expect(applySlotEvent(day, 'expired', { time: '10:00', hold: 'lock' }).held.has('10:00')).toBe(false);
  });
});

/** Enough of EventSource for the stream manager: listeners by type, dispatch by hand. */
class FakeSource {
  static readonly CLOSED = 2;
  readyState = 1;
  listeners = new Map<string, ((event: Event) => void)[]>();
  constructor(public url: string) {}
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = FakeSource.CLOSED;
  }
  emit(type: string, data?: unknown) {
    const event = data === undefined ? new Event(type) : new MessageEvent(type, { data: JSON.stringify(data) });
    this.listeners.get(type)?.forEach((listener) => listener(event));
  }
}

describe('slot streams', () => {
  beforeEach(() => vi.stubGlobal('EventSource', FakeSource));
  afterEach(() => vi.unstubAllGlobals());

  it('is live after every snapshot, applies events, and falls back when a stream closes for good', () => {
    const sources: FakeSource[] = [];
    const days = new Map<number, LiveDay | null>();
    const handlers = {
      onDay: vi.fn((id: number, update: (previous: LiveDay | null) => LiveDay) => days.set(id, update(days.get(id) ?? null))),
      onStorageMode: vi.fn(),
      onLive: vi.fn(),
      onFallback: vi.fn(),
    };
    const stop = openSlotStreams({ date: '2026-12-01', employeeIds: [1, 2], clientId: 'client-abc-123' }, handlers, (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source as unknown as EventSource;
    });

    expect(sources[0]!.url).toContain('/api/v1/slots/stream?date=2026-12-01&employeeId=1&clientId=client-abc-123');
    sources[0]!.emit('snapshot', { activeSelections: ['09:00'], bookedSlots: [], lockedSlots: [], storageMode: 'redis' });
    expect(handlers.onLive).not.toHaveBeenCalled();
    sources[1]!.emit('snapshot', { activeSelections: [], bookedSlots: [], lockedSlots: [], storageMode: 'redis' });
    expect(handlers.onLive).toHaveBeenCalledOnce();

    sources[0]!.emit('booked', { time: '11:00' });
    expect([...days.get(1)!.booked]).toEqual(['11:00']);
    sources[1]!.emit('store-mode', { storageMode: 'mysql', redisStatus: 'unavailable' });
    expect(handlers.onStorageMode).toHaveBeenLastCalledWith('mysql');

    sources[1]!.close();
    sources[1]!.emit('error');
    expect(handlers.onFallback).toHaveBeenCalledOnce();
    stop();
  });
});
