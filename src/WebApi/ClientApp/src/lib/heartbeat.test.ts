import type { Mock } from 'vitest';
import { HeartbeatClient, nextHeartbeatDelay, RATE_LIMITED_FALLBACK_MS } from './heartbeat';

const target = { date: '2026-12-01', employeeIds: [1], clientId: 'client-abc-123', selected: { employeeId: 1, time: '09:00' } };

function json(body: unknown, init: ResponseInit & { etag?: string; retryAfter?: string } = {}): Response {
  const headers = new Headers({ 'Content-Type': init.status && init.status >= 400 ? 'application/problem+json' : 'application/json' });
  if (init.etag) headers.set('ETag', init.etag);
  if (init.retryAfter) headers.set('Retry-After', init.retryAfter);
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

/** The Request that openapi-fetch handed to fetch on call i. */
function sent(fetch: Mock, i: number): Request {
  const request: unknown = fetch.mock.calls[i]?.[0];
  if (!(request instanceof Request)) throw new Error(`fetch call ${i} was not given a Request`);
  return request;
}

const beat = {
  activeSelections: [{ time: '09:30', clientId: 'someone-else' }],
  bookedSlots: ['10:00'],
  lockedSlots: [],
  storageMode: 'redis',
  serverTime: new Date().toISOString(),
  heartbeatIntervalMs: 1500,
};

describe('heartbeat client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the ETag back as If-None-Match and keeps the state on 304', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(beat, { etag: '"v1"' }))
      .mockResolvedValueOnce(new Response(null, { status: 304 }));
    vi.stubGlobal('fetch', fetch);
    const client = new HeartbeatClient();

    const first = await client.tick(target);
    expect(first.live.get(1)?.looking.has('09:30')).toBe(true);
    expect(first.intervalMs).toBe(1500);
    expect(first.mode).toBe('live');
    expect(sent(fetch, 0).headers.get('If-None-Match')).toBeNull();
    expect(await sent(fetch, 0).json()).toEqual({
      date: '2026-12-01',
      employeeId: 1,
      clientId: 'client-abc-123',
      selectedTime: '09:00',
    });

    const second = await client.tick(target);
    expect(sent(fetch, 1).headers.get('If-None-Match')).toBe('"v1"');
    expect(second.live.get(1)?.booked.has('10:00')).toBe(true);
  });

  it('forgets ETags on reset so a new day is fetched in full', async () => {
    const fetch = vi.fn().mockImplementation(async () => json(beat, { etag: '"v1"' }));
    vi.stubGlobal('fetch', fetch);
    const client = new HeartbeatClient();
    await client.tick(target);
    client.reset();
    await client.tick(target);
    expect(sent(fetch, 1).headers.get('If-None-Match')).toBeNull();
  });

  it('reports fallback when the server keeps slot state in SQL', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ ...beat, storageMode: 'sql' })));
    expect((await new HeartbeatClient().tick(target)).mode).toBe('fallback');
  });

  it('passes a 404 (unknown employee) to the caller instead of taking it for a missing endpoint', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ status: 404, title: 'Not Found', code: 'employee_not_found' }, { status: 404 })));
    await expect(new HeartbeatClient().tick(target)).rejects.toMatchObject({ status: 404 });
  });

  it('counts network failures as offline so the caller backs off', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const client = new HeartbeatClient();
    await client.tick(target);
    const state = await client.tick(target);
    expect(state.mode).toBe('offline');
    expect(state.failures).toBe(2);
  });

  const rateLimited = (retryAfter?: string, body: Record<string, unknown> = {}) =>
    json({ status: 429, title: 'Too many requests', code: 'rate_limited', ...body }, { status: 429, retryAfter });

  it('on 429 keeps the last snapshot, stays live and waits at least Retry-After', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(beat, { etag: '"v1"' }))
      .mockResolvedValueOnce(rateLimited('7'));
    vi.stubGlobal('fetch', fetch);
    const client = new HeartbeatClient();
    await client.tick(target);

    const limited = await client.tick(target);

    expect(limited.mode).toBe('live');
    expect(limited.failures).toBe(0);
    expect(limited.live.get(1)?.looking.has('09:30')).toBe(true);
    expect(limited.live.get(1)?.booked.has('10:00')).toBe(true);
    expect(limited.retryAfterMs).toBe(7000);
    expect(nextHeartbeatDelay(limited)).toBe(7000);
  });

  it('after a 429 sends the old ETag again and returns to the normal interval once answered', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(beat, { etag: '"v1"' }))
      .mockResolvedValueOnce(rateLimited('3'))
      .mockResolvedValueOnce(new Response(null, { status: 304 }));
    vi.stubGlobal('fetch', fetch);
    const client = new HeartbeatClient();
    await client.tick(target);
    await client.tick(target);

    const resumed = await client.tick(target);

    expect(sent(fetch, 2).headers.get('If-None-Match')).toBe('"v1"');
    expect(resumed.retryAfterMs).toBeNull();
    expect(nextHeartbeatDelay(resumed)).toBe(1500);
  });

  it('never beats sooner than the server interval, even when Retry-After is shorter', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(json(beat)).mockResolvedValueOnce(rateLimited('1')));
    const client = new HeartbeatClient();
    await client.tick(target);
    expect(nextHeartbeatDelay(await client.tick(target))).toBe(1500);
  });

  it('on 429 without the header uses retryAfterSeconds from the problem, else a safe fallback', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(rateLimited(undefined, { retryAfterSeconds: 12 })).mockResolvedValueOnce(rateLimited()));
    const client = new HeartbeatClient();
    expect((await client.tick(target)).retryAfterMs).toBe(12_000);
    expect((await client.tick(target)).retryAfterMs).toBe(RATE_LIMITED_FALLBACK_MS);
  });

  it('with two employees keeps the answered one fresh and waits for the refused one', async () => {
    const fetch = vi.fn(async (request: Request) =>
      (await request.json()).employeeId === 2 ? rateLimited('4') : json({ ...beat, bookedSlots: ['11:00'] }),
    );
    vi.stubGlobal('fetch', fetch);
    const state = await new HeartbeatClient().tick({ ...target, employeeIds: [1, 2] });
    expect(state.live.get(1)?.booked.has('11:00')).toBe(true);
    expect(state.live.has(2)).toBe(false);
    expect(state.retryAfterMs).toBe(4000);
    expect(state.mode).toBe('live');
  });
});
