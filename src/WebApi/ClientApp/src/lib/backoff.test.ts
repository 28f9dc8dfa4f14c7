import { backoffDelay, parseRetryAfter, withRetry } from './backoff';

describe('backoff', () => {
  it('doubles from one second and caps at fifteen', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, mid))).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
  });

  it('retries transient failures, reporting each wait, then returns the result', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const waits: number[] = [];
    const promise = withRetry(
      async () => {
        if (++calls < 3) throw new Error('down');
        return 'ok';
      },
      () => true,
      (_ms, attempt) => waits.push(attempt),
    );
    await vi.runAllTimersAsync();
    await expect(promise).resolves.toBe('ok');
    expect(waits).toEqual([1, 2]);
    vi.useRealTimers();
  });

  it('does not retry an answer such as a conflict', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('409');
        },
        () => false,
        () => undefined,
      ),
    ).rejects.toThrow('409');
    expect(calls).toBe(1);
  });

  it('reads Retry-After as seconds or as an HTTP date, and nothing else', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:08 GMT', now)).toBe(8000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
