import { api } from '../api/endpoints';
import { ApiError, NetworkError } from '../api/problem';
import { liveDayFromHeartbeat, type LiveDay } from './slots';

export type LinkMode = 'live' | 'fallback' | 'offline';

export interface HeartbeatTarget {
  date: string;
  employeeIds: number[];
  clientId: string;
  /** The visitor's pick, reported only for the employee it belongs to so the server keeps it alive. */
  selected: { employeeId: number; time: string } | null;
}

export interface HeartbeatState {
  live: Map<number, LiveDay>;
  mode: LinkMode;
  /** The server's slot-state storage ("redis", "sql"…), shown by the status dot. */
  storageMode: string | null;
  intervalMs: number;
  failures: number;
  serverOffsetMs: number;
  /** The server refused the last round with 429 and asked for this wait (Retry-After); null when it did not. */
  retryAfterMs: number | null;
}

/** A 429 without a readable Retry-After (a proxy dropped it): wait this long rather than hammer at the usual pace. */
export const RATE_LIMITED_FALLBACK_MS = 5000;

/**
 * When to beat next: the server's interval, or longer when it answered 429 (never sooner than Retry-After, so a
 * limited client does not keep the counter full by polling into the refusal).
 */
export function nextHeartbeatDelay(state: HeartbeatState): number {
  return Math.max(state.intervalMs, state.retryAfterMs ?? 0);
}

/**
 * One heartbeat round per call, for every employee of the grid. Remembers each employee's ETag and sends it as
 * If-None-Match, so an unchanged day costs a 304 with no body. Pure of timers: the hook decides when to call.
 */
export class HeartbeatClient {
  private etags = new Map<string, string>();
  state: HeartbeatState = {
    live: new Map(),
    mode: 'live',
    storageMode: null,
    intervalMs: 1000,
    failures: 0,
    serverOffsetMs: 0,
    retryAfterMs: null,
  };

  async tick(target: HeartbeatTarget, signal?: AbortSignal): Promise<HeartbeatState> {
    const live = new Map(this.state.live);
    let retryAfterMs: number | null = null;
    try {
      await Promise.all(
        target.employeeIds.map(async (employeeId) => {
          const key = `${target.date}:${employeeId}`;
          const selectedTime = target.selected?.employeeId === employeeId ? target.selected.time : null;
          let result;
          try {
            result = await api.heartbeat(
              { date: target.date, employeeId, clientId: target.clientId, selectedTime },
              this.etags.get(key) ?? null,
              signal,
            );
          } catch (error) {
            // 429 is the server pacing us, not an outage: keep this employee's last snapshot and ETag, no error state.
            if (!(error instanceof ApiError && error.status === 429)) throw error;
            retryAfterMs = Math.max(retryAfterMs ?? 0, error.retryAfterMs ?? RATE_LIMITED_FALLBACK_MS);
            return;
          }
          if (result.status === 304) return;
          const etag = result.headers.get('ETag');
          if (etag) this.etags.set(key, etag);
          else this.etags.delete(key);
          if (!result.data) return;
          const beat = result.data;
          live.set(employeeId, liveDayFromHeartbeat(beat, target.clientId));
          if (beat.heartbeatIntervalMs && beat.heartbeatIntervalMs >= 250) this.state.intervalMs = beat.heartbeatIntervalMs;
          if (beat.serverTime) this.state.serverOffsetMs = Date.parse(beat.serverTime) - Date.now();
          this.state.storageMode = beat.storageMode ?? beat.redisStatus ?? null;
        }),
      );
      const degraded = /sql|fallback|degraded|down/i.test(this.state.storageMode ?? '');
      this.state = { ...this.state, live, failures: 0, mode: degraded ? 'fallback' : 'live', retryAfterMs };
    } catch (error) {
      // Any other answer (404 unknown employee, 422) is a real error for the caller, not a missing endpoint.
      if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)) {
        this.state = { ...this.state, mode: 'offline', failures: this.state.failures + 1, retryAfterMs: null };
      } else {
        throw error;
      }
    }
    return this.state;
  }

  /** A new date or employee set starts clean: old ETags would hide the new day's state. */
  reset(): void {
    this.etags.clear();
    this.state = { ...this.state, live: new Map() };
  }
}
