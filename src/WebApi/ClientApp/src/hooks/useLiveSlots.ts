import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type SlotDto } from '../api/endpoints';
import { ApiError, NetworkError } from '../api/problem';
import { backoffDelay } from '../lib/backoff';
import { HeartbeatClient, nextHeartbeatDelay, type LinkMode } from '../lib/heartbeat';
import { combineEmployees, mergeSlots, type LiveDay, type SlotView } from '../lib/slots';


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
  refresh: () => Promise<void>;
}

/**
 * The slot grid of one day: /availability as the base, the heartbeat (~1 s, ETag, paused while the tab is hidden)
 * as the live overlay. Without a heartbeat endpoint it polls /availability ("fallback"); when the server is
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
    setLive(new Map());
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
      const hb = client.current;
      const wasOffline = hb.state.mode === 'offline';
      try {
        const state = await hb.tick(
          { date: date!, employeeIds: employeeKey.split(',').map(Number), clientId, selected: selectedRef.current },
          controller.signal,
        );
        setLive(state.live);
        setStorageMode(state.storageMode);
        setServerOffsetMs(state.serverOffsetMs);
        // Back from an outage (or the first load failed): the base may be stale or missing.
        if (state.mode !== 'offline' && (wasOffline || !baseLoaded.current)) await loadBase();
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
        if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500))
          hb.state = { ...hb.state, mode: 'offline', failures: hb.state.failures + 1 };
      }
      const state = hb.state;
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

  return { slots, loading, mode, storageMode, retryInMs, serverOffsetMs, refresh };
}
