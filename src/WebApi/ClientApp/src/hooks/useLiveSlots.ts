import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type SlotDto } from '../api/endpoints';
import { ApiError, NetworkError } from '../api/problem';
import { backoffDelay } from '../lib/backoff';
import { HeartbeatClient, nextHeartbeatDelay, type LinkMode } from '../lib/heartbeat';
import { combineEmployees, mergeSlots, type LiveDay, type SlotView } from '../lib/slots';
import { openSlotStreams } from '../lib/slotStream';

/** While the stream pushes the day, the heartbeat only keeps the visitor's own selection alive (its TTL is ~10 s). */
export const STREAMING_SELECTION_REFRESH_MS = 3000;


export interface LiveSlotsArgs {
  date: string | null;
  serviceId: number;
  employeeIds: number[];
  clientId: string;
  selected: { employeeId: number; time: string } | null;
  /** False outside the time step: no heartbeats while nobody looks at the grid. */
  active: boolean;
}

export interface LiveSlots {
  slots: SlotView[];
  loading: boolean;
  mode: LinkMode;
  storageMode: string | null;
  retryInMs: number | null;
  serverOffsetMs: number;
  /** The day is pushed over Server-Sent Events (GET /slots/stream) rather than polled. */
  streaming: boolean;
  refresh: () => Promise<void>;
}

/**
 * The slot grid of one day: /availability as the base, the slot stream (EventSource, where the browser has it) as the
 * live overlay, else the heartbeat (~1 s, ETag, paused while the tab is hidden). A stream the server refuses or that
 * fails for good hands over to the heartbeat; while streaming, the heartbeat only refreshes the visitor's selection. Without a heartbeat endpoint it polls /availability ("fallback"); when the server is
 * unreachable it retries with exponential backoff and reports the wait.
 */
export function useLiveSlots(args: LiveSlotsArgs): LiveSlots {
  const { date, serviceId, clientId, active } = args;
  const employeeKey = args.employeeIds.join(',');
  const [base, setBase] = useState<Map<number, SlotDto[]>>(new Map());
  const [live, setLive] = useState<Map<number, LiveDay>>(new Map());
  const [loading, setLoading] = useState(false);
  const [mode, setMode] = useState<LinkMode>('live');
  const [storageMode, setStorageMode] = useState<string | null>(null);
  const [retryInMs, setRetryInMs] = useState<number | null>(null);
  const [serverOffsetMs, setServerOffsetMs] = useState(0);
  const [streaming, setStreaming] = useState(false);
  const [streamFailed, setStreamFailed] = useState(false);
  const streamingRef = useRef(false);
  streamingRef.current = streaming;
  const client = useRef(new HeartbeatClient());
  const baseLoaded = useRef(false);
  const selectedRef = useRef(args.selected);
  selectedRef.current = args.selected;

  const loadBase = useCallback(async () => {
    if (!date || !employeeKey) return;
    const ids = employeeKey.split(',').map(Number);
    const days = await Promise.all(ids.map((id) => api.availabilityDay(date, id, serviceId)));
    setBase(new Map(ids.map((id, i) => [id, days[i]!.slots])));
    baseLoaded.current = true;
  }, [date, employeeKey, serviceId]);

  const refresh = useCallback(async () => {
    baseLoaded.current = false;
    client.current.reset();
    // An open stream's overlay is already current and only its events change it; wiping it would leave the fresh base
    // alone, which cannot tell this visitor's own selection (still alive for a few seconds) from someone else's.
    if (!streamingRef.current) setLive(new Map());
    setLoading(true);
    try {
      await loadBase();
    } finally {
      setLoading(false);
    }
  }, [loadBase]);

  useEffect(() => {
    setBase(new Map());
    refresh().catch(() => setMode('offline'));
  }, [refresh]);

  useEffect(() => {
    if (!active || !date || !employeeKey || streamFailed || typeof EventSource === 'undefined') return;
    const stop = openSlotStreams(
      { date, employeeIds: employeeKey.split(',').map(Number), clientId },
      {
        onDay: (employeeId, update) =>
          setLive((previous) => new Map(previous).set(employeeId, update(previous.get(employeeId) ?? null))),
        onStorageMode: (storage) => {
          setStorageMode(storage);
          setMode(/sql|fallback|degraded|down/i.test(storage) ? 'fallback' : 'live');
        },
        onLive: () => setStreaming(true),
        onFallback: () => {
          setStreaming(false);
          setStreamFailed(true);
        },
      },
    );
    return () => {
      stop();
      setStreaming(false);
    };
  }, [active, date, employeeKey, clientId, streamFailed]);

  useEffect(() => {
    if (!active || !date || !employeeKey) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();

    const schedule = (ms: number) => {
      if (stopped) return;
      clearTimeout(timer);
      timer = setTimeout(run, ms);
    };

    async function run() {
      if (stopped) return;
      if (document.hidden) return; // resumed by visibilitychange
      if (streamingRef.current && !selectedRef.current) {
        schedule(STREAMING_SELECTION_REFRESH_MS);
        return;
      }
      const hb = client.current;
      const wasOffline = hb.state.mode === 'offline';
      try {
        const state = await hb.tick(
          { date: date!, employeeIds: employeeKey.split(',').map(Number), clientId, selected: selectedRef.current },
          controller.signal,
        );
        if (!streamingRef.current) {
          setLive(state.live); // while streaming, the stream is newer than a heartbeat's (possibly 304) copy
          setStorageMode(state.storageMode);
        }
        setServerOffsetMs(state.serverOffsetMs);
        // Back from an outage (or the first load failed): the base may be stale or missing.
        if (state.mode !== 'offline' && (wasOffline || !baseLoaded.current)) await loadBase();
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
        if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500))
          hb.state = { ...hb.state, mode: 'offline', failures: hb.state.failures + 1 };
      }
      const state = hb.state;
      if (streamingRef.current) {
        schedule(STREAMING_SELECTION_REFRESH_MS);
        return;
      }
      setMode(state.mode);
      if (state.mode === 'offline') {
        const wait = backoffDelay(state.failures - 1);
        setRetryInMs(wait);
        schedule(wait);
      } else {
        setRetryInMs(null);
        schedule(nextHeartbeatDelay(state));
      }
    }

    const onVisibility = () => {
      if (!document.hidden) schedule(0);
    };
    document.addEventListener('visibilitychange', onVisibility);
    schedule(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [active, date, employeeKey, clientId, loadBase]);

  const selectedTime = args.selected?.time ?? null;
  const slots = useMemo(() => {
    const grids = [...base.entries()].map(([employeeId, daySlots]) =>
      mergeSlots(daySlots, live.get(employeeId) ?? null, { clientId, selectedTime: args.selected?.employeeId === employeeId ? selectedTime : null }, employeeId),
    );
    return combineEmployees(grids);
  }, [base, live, clientId, selectedTime, args.selected?.employeeId]);

  return { slots, loading, mode, storageMode, retryInMs, serverOffsetMs, streaming, refresh };
}
