import { afterEach, describe, expect, it, vi } from 'vitest';

/** Issue 24: the manage token is read once and then never left in the page's URL or history entry. */
describe('manage link from the page URL', { timeout: 60_000 }, () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  async function freshApp() {
    vi.resetModules(); // the link is read once per page load (module state)
    return import('./App');
  }

  it('reads the token from the fragment and removes it from the address bar, keeping the host page own query', async () => {
    window.history.replaceState(null, '', '/manage?utm=x#appointment=42&token=secret-token');
    const { manageLinkFromUrl } = await freshApp();

    expect(manageLinkFromUrl()).toEqual({ id: '42', token: 'secret-token' });
    expect(window.location.href).not.toContain('secret-token');
    expect(window.location.href).not.toContain('appointment');
    expect(window.location.search).toBe('?utm=x');
    expect(manageLinkFromUrl()).toEqual({ id: '42', token: 'secret-token' });
  });

  it('still accepts the older query form, and removes it too', async () => {
    window.history.replaceState(null, '', '/manage?appointment=7&token=old-token');
    const { manageLinkFromUrl } = await freshApp();

    expect(manageLinkFromUrl()).toEqual({ id: '7', token: 'old-token' });
    expect(window.location.href).not.toContain('old-token');
  });

  it('puts the token of a new manage link in the fragment, never in the query', async () => {
    const { manageUrl } = await freshApp();

    const url = new URL(manageUrl({ id: 5, manageToken: 'tok' } as never, new URL('https://shop.example/book?x=1') as unknown as Location)!);

    expect(url.search).toBe('');
    expect(url.hash).toBe('#appointment=5&token=tok');
  });
});
