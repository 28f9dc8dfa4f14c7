import { HeartbeatClient } from './heartbeat';

const target = { date: '2026-12-01', employeeIds: [1], clientId: 'client-abc-123', selected: { employeeId: 1, time: '09:00' } };

function json(body: unknown, init: ResponseInit & { etag?: string } = {}): Response {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  if (init.etag) headers.set('ETag', init.etag);
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
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
    const firstHeaders = fetch.mock.calls[0]![1].headers as Record<string, string>;
    expect(firstHeaders['If-None-Match']).toBeUndefined();
    expect(JSON.parse(fetch.mock.calls[0]![1].body as string)).toEqual({
      date: '2026-12-01',
      employeeId: 1,
      clientId: 'client-abc-123',
      selectedTime: '09:00',
    });

    const second = await client.tick(target);
    expect((fetch.mock.calls[1]![1].headers as Record<string, string>)['If-None-Match']).toBe('"v1"');
    expect(second.live.get(1)?.booked.has('10:00')).toBe(true);
  });

  it('forgets ETags on reset so a new day is fetched in full', async () => {
    const fetch = vi.fn().mockImplementation(async () => json(beat, { etag: '"v1"' }));
    vi.stubGlobal('fetch', fetch);
    const client = new HeartbeatClient();
    await client.tick(target);
    client.reset();
    await client.tick(target);
    expect((fetch.mock.calls[1]![1].headers as Record<string, string>)['If-None-Match']).toBeUndefined();
  });

  it('reports fallback when the server keeps slot state in SQL', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ ...beat, storageMode: 'sql' })));
    expect((await new HeartbeatClient().tick(target)).mode).toBe('fallback');
  });

  it('switches to polling when the heartbeat endpoint does not exist', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ status: 404, title: 'Not Found' }, { status: 404 })));
    const state = await new HeartbeatClient().tick(target);
    expect(state.unsupported).toBe(true);
    expect(state.mode).toBe('fallback');
  });

  it('counts network failures as offline so the caller backs off', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const client = new HeartbeatClient();
    await client.tick(target);
    const state = await client.tick(target);
    expect(state.mode).toBe('offline');
    expect(state.failures).toBe(2);
  });
});
