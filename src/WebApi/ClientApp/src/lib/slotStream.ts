import { apiUrl } from '../api/http';
import { liveDayFromHeartbeat, normaliseTime, type HeartbeatSets, type LiveDay } from './slots';

/** The stream's change events (GET /api/v1/slots/stream, docs/api.md); `snapshot` and `store-mode` are handled apart. */
export const SLOT_EVENT_TYPES = ['selected', 'deselected', 'locked', 'released', 'expired', 'booked', 'cancelled'] as const;
export type SlotEventType = (typeof SLOT_EVENT_TYPES)[number];

export interface SlotEventData {
  time: string;
  /** On `expired`: whose hold ran out. */
  hold?: 'selection' | 'lock' | null;
}

/** One change applied to a day: each event adds a time to, or removes it from, one of the live sets. */
export function applySlotEvent(day: LiveDay, type: SlotEventType, data: SlotEventData): LiveDay {
  const time = normaliseTime(data.time);
  const next: LiveDay = { looking: new Set(day.looking), held: new Set(day.held), booked: new Set(day.booked) };
  switch (type) {
    case 'selected': next.looking.add(time); break;
    case 'deselected': next.looking.delete(time); break;
    case 'locked': next.held.add(time); break;
    case 'released': next.held.delete(time); break;
    case 'expired': (data.hold === 'lock' ? next.held : next.looking).delete(time); break;
    case 'booked': next.booked.add(time); next.held.delete(time); break;
    case 'cancelled': next.booked.delete(time); break;
  }
  return next;
}

export interface SlotStreamHandlers {
  onDay: (employeeId: number, day: (previous: LiveDay | null) => LiveDay) => void;
  onStorageMode: (mode: string) => void;
  /** Every stream is open and has sent its snapshot. */
  onLive: () => void;
  /** A stream failed for good (refused with 429/503, or the browser gave up): poll the heartbeat instead. */
  onFallback: () => void;
}

export type EventSourceFactory = (url: string) => EventSource;

/**
 * One EventSource per employee of the grid. The browser reconnects by itself and resumes with Last-Event-ID; a
 * `closing` event (the instance stops) reconnects after a short wait. Anything that leaves a stream closed for good
 * hands over to the heartbeat (onFallback).
 */
export function openSlotStreams(
  target: { date: string; employeeIds: number[]; clientId: string },
  handlers: SlotStreamHandlers,
  create: EventSourceFactory = (url) => new EventSource(url),
): () => void {
  const sources = new Map<number, EventSource>();
  const snapshotted = new Set<number>();
  const timers: ReturnType<typeof setTimeout>[] = [];
  let stopped = false;

  const open = (employeeId: number) => {
    const query = new URLSearchParams({ date: target.date, employeeId: String(employeeId), clientId: target.clientId });
    const source = create(apiUrl(`/api/v1/slots/stream?${query}`));
    sources.set(employeeId, source);
    source.addEventListener('snapshot', (event) => {
      const beat = JSON.parse((event as MessageEvent<string>).data) as HeartbeatSets & { storageMode?: string };
      handlers.onDay(employeeId, () => liveDayFromHeartbeat(beat, target.clientId));
      if (beat.storageMode) handlers.onStorageMode(beat.storageMode);
      snapshotted.add(employeeId);
      if (snapshotted.size === target.employeeIds.length) handlers.onLive();
    });
    for (const type of SLOT_EVENT_TYPES)
      source.addEventListener(type, (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as SlotEventData;
        handlers.onDay(employeeId, (previous) => applySlotEvent(previous ?? { looking: new Set(), held: new Set(), booked: new Set() }, type, data));
      });
    source.addEventListener('store-mode', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { storageMode: string };
      handlers.onStorageMode(data.storageMode);
    });
    source.addEventListener('closing', () => {
      source.close();
      snapshotted.delete(employeeId);
      if (!stopped) timers.push(setTimeout(() => !stopped && open(employeeId), 1000 + Math.random() * 2000));
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED && !stopped) handlers.onFallback();
    });
  };

  target.employeeIds.forEach(open);
  return () => {
    stopped = true;
    timers.forEach(clearTimeout);
    sources.forEach((source) => source.close());
  };
}
