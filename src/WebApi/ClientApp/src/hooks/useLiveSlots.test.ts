import { act, renderHook } from '@testing-library/react';
import { configureApi } from '../api/http';
import { useLiveSlots } from './useLiveSlots';

const day = '2026-12-01';
const ok = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });
const beat = (booked: string[]) => ({
  activeSelections: [],
  bookedSlots: booked,
  lockedSlots: [],
  redisStatus: 'available',
  storageMode: 'redis',
  heartbeatIntervalMs: 1000,
  serverTime: new Date().toISOString(),
});

/** Availability with 09:00 and 09:30 free; heartbeats answered in turn by `answers` (the last one repeats). */
function fakeApi(answers: Array<() => Response>) {
  const heartbeats: number[] = [];
  const fetch = vi.fn(async (request: Request) => {
    if (request.url.includes('/availability'))
      return ok({ date: day, employeeId: 7, slots: [{ time: '09:00', status: 'available' }, { time: '09:30', status: 'available' }] });
    heartbeats.push(Date.now());
    return answers[Math.min(heartbeats.length - 1, answers.length - 1)]!();
  });
  return { fetch, heartbeats };
}

describe('useLiveSlots', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    configureApi('');
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('after a 429 waits Retry-After before the next heartbeat and keeps showing the last snapshot', async () => {
    const rateLimited = () =>
      new Response(JSON.stringify({ status: 429, title: 'Too many requests', code: 'rate_limited', retryAfterSeconds: 4 }), {
        status: 429,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '4' },
      });
    const api = fakeApi([() => ok(beat(['09:30']), { ETag: '"a"' }), rateLimited, () => new Response(null, { status: 304 })]);
    vi.stubGlobal('fetch', api.fetch);

    const { result } = renderHook(() =>
      useLiveSlots({ date: day, serviceId: 1, employeeIds: [7], clientId: 'client-abc-123', selected: null, active: true }),
    );
    await act(() => vi.advanceTimersByTimeAsync(50));
    expect(api.heartbeats).toHaveLength(1);
    expect(result.current.slots.find((s) => s.time === '09:30')?.state).toBe('booked');

    await act(() => vi.advanceTimersByTimeAsync(1000)); // the 429
    expect(api.heartbeats).toHaveLength(2);
    const refusedAt = api.heartbeats[1]!;

    await act(() => vi.advanceTimersByTimeAsync(3900));
    expect(api.heartbeats).toHaveLength(2);
    expect(result.current.mode).toBe('live');
    expect(result.current.retryInMs).toBeNull();
    expect(result.current.slots.find((s) => s.time === '09:30')?.state).toBe('booked');

    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(api.heartbeats).toHaveLength(3);
    expect(api.heartbeats[2]! - refusedAt).toBeGreaterThanOrEqual(4000);

    await act(() => vi.advanceTimersByTimeAsync(1000)); // answered again: back to the 1 s interval
    expect(api.heartbeats).toHaveLength(4);
  });

  it('keeps the stream\'s overlay when the grid is refreshed, so the visitor\'s own lingering selection shows free', async () => {
    // The base now says 09:00 is "selected": the visitor's own selection, alive for a few seconds after its hold ran out.
    let ownSelectionAlive = false;
    const fetch = vi.fn(async (request: Request) => {
      if (request.url.includes('/availability'))
        return ok({ date: day, employeeId: 7, slots: [{ time: '09:00', status: ownSelectionAlive ? 'selected' : 'available' }] });
      return ok(beat([]));
    });
    vi.stubGlobal('fetch', fetch);
    const sources: StubSource[] = [];
    vi.stubGlobal('EventSource', class extends StubSource {
      constructor(url: string) {
        super(url);
        sources.push(this);
      }
    });

    const { result } = renderHook(() =>
      useLiveSlots({ date: day, serviceId: 1, employeeIds: [7], clientId: 'client-abc-123', selected: null, active: true }),
    );
    await act(() => vi.advanceTimersByTimeAsync(50));
    act(() => sources[0]!.emit('snapshot', { activeSelections: [], bookedSlots: [], lockedSlots: [], storageMode: 'redis' }));
    expect(result.current.streaming).toBe(true);

    ownSelectionAlive = true;
    await act(() => result.current.refresh());
    expect(result.current.slots.find((s) => s.time === '09:00')?.state).toBe('available');
  });
});

/** Enough of EventSource for the stream manager: listeners by type, dispatch by hand. */
class StubSource {
  static readonly CLOSED = 2;
  readyState = 1;
  listeners = new Map<string, ((event: Event) => void)[]>();
  constructor(public url: string) {}
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = StubSource.CLOSED;
  }
  emit(type: string, data: unknown) {
    const event = new MessageEvent(type, { data: JSON.stringify(data) });
    this.listeners.get(type)?.forEach((listener) => listener(event));
  }
}
