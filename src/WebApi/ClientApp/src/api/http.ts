import { parseRetryAfter } from '../lib/backoff';
import { ApiError, NetworkError, readProblem } from './problem';

/** Where the API lives: the embedding page's data-api-base, else the widget's own origin. Set once at mount. */
let apiBase = '';
let bearer: string | null = null;
let manageToken: string | null = null;

export function configureApi(base: string): void {
  apiBase = base.replace(/\/+$/, '');
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

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  keepalive?: boolean;
}

export interface RawResult<T> {
  status: number;
  data: T | undefined;
  headers: Headers;
}

/** fetch + JSON + problem mapping. Non-2xx (except 304) throws ApiError; no network throws NetworkError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<RawResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer && !headers.Authorization) headers.Authorization = `Bearer ${bearer}`;
  if (manageToken && path.includes('/appointments/')) headers['X-Manage-Token'] = manageToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (response.status === 304) return { status: 304, data: undefined, headers: response.headers };
  if (!response.ok) throw new ApiError(await readProblem(response), parseRetryAfter(response.headers.get('Retry-After')));
  const text = response.status === 204 ? '' : await response.text();
  return { status: response.status, data: text ? (JSON.parse(text) as T) : undefined, headers: response.headers };
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request<T>(path, { signal })).data as T;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
