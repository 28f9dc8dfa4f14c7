/** Retry delays for an unreachable server: 1 s, 2 s, 4 s … capped at 15 s, with ±20 % jitter so tabs don't retry in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * A Retry-After header in milliseconds: delta-seconds ("5") or an HTTP date, never negative. Null when absent or
 * unreadable, so the caller falls back to its own pacing.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; Date.parse alone would take "-3" as a year.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });
}

/**
 * Runs `action`, retrying while the server is unreachable (network error or 502/503/504) with backoff.
 * `onWait` lets the UI say "retrying in N s"; other errors (409, 422 …) are answers and are thrown at once.
 */
export async function withRetry<T>(
  action: () => Promise<T>,
  isTransient: (error: unknown) => boolean,
  onWait: (ms: number, attempt: number) => void,
  maxAttempts = 6,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!isTransient(error) || attempt + 1 >= maxAttempts) throw error;
      const wait = backoffDelay(attempt);
      onWait(wait, attempt + 1);
      await sleep(wait);
    }
  }
}
