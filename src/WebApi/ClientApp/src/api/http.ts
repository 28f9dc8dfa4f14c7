import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { parseRetryAfter } from '../lib/backoff';
import { ApiError, NetworkError, toProblem } from './problem';
import type { paths } from './schema';

/** Where the API lives: the embedding page's data-api-base, else the widget's own origin. Set once at mount. */
let apiBase = '';
let bearer: string | null = null;
let manageToken: string | null = null;

/** Session and manage-token headers, added to every call that needs them (the token only to /appointments/…). */
const credentials: Middleware = {
  onRequest({ request }) {
    if (bearer && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${bearer}`);
    if (manageToken && new URL(request.url).pathname.includes('/appointments/') && !request.headers.has('X-Manage-Token'))
      request.headers.set('X-Manage-Token', manageToken);
    return request;
  },
};

function create(base: string): Client<paths> {
  // globalThis.fetch is looked up per call (not captured here), so tests can stub it after the client exists.
  const created = createClient<paths>({ baseUrl: base, fetch: (request) => globalThis.fetch(request) });
  created.use(credentials);
  return created;
}

let typed = create(window.location.origin);

export function configureApi(base: string): void {
  apiBase = base.replace(/\/+$/, '') || window.location.origin;
  typed = create(apiBase);
}
export function apiUrl(path: string): string {
  return apiBase + path;
}
export function setBearerToken(token: string | null): void {
  bearer = token;
}
/** The secret from a confirmation's manage link; the API takes it in X-Manage-Token (kept out of URLs and logs). */
export function setManageToken(token: string | null): void {
  manageToken = token;
}

/** The openapi-fetch client typed from the committed snapshot (src/api/schema.d.ts): paths, bodies and answers. */
export function client(): Client<paths> {
  return typed;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Runs one typed call: no answer → NetworkError, non-2xx (except 304) → ApiError with the problem details and
 * Retry-After. Returns openapi-fetch's result untouched, so `data` keeps the schema's type.
 */
export async function send<R extends { response: Response; error?: unknown }>(call: () => Promise<R>): Promise<R> {
  let result: R;
  try {
    result = await call();
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new NetworkError(error);
  }
  const { response } = result;
  if (!response.ok && response.status !== 304)
    throw new ApiError(toProblem(response, result.error), parseRetryAfter(response.headers.get('Retry-After')));
  return result;
}

/** A 2xx that must carry a body: its absence is a broken server, not a case to handle. */
export function body<T>(data: T | undefined): T {
  if (data === undefined) throw new ApiError({ status: 502, title: 'The server answered without a body.' });
  return data;
}
