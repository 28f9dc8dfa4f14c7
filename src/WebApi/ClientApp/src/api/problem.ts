/** RFC 9457 problem details as the API sends them; `errors` (field → messages) on 422. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: Record<string, string[]>;
  /** On 429: the same wait as the Retry-After header, in case a proxy or CORS hides the header. */
  retryAfterSeconds?: number;
}

/** A non-2xx answer from the API. `status` 0 never happens here: unreachable servers throw NetworkError. */
export class ApiError extends Error {
  /** From Retry-After (429, 503): how long the server asks us to wait, in ms; null when it did not say. */
  public readonly retryAfterMs: number | null;

  constructor(
    public readonly problem: Problem,
    retryAfterMs: number | null = null,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    const fromBody = typeof problem.retryAfterSeconds === 'number' && problem.retryAfterSeconds >= 0 ? problem.retryAfterSeconds * 1000 : null;
    this.retryAfterMs = retryAfterMs ?? fromBody;
  }
  get status(): number {
    return this.problem.status;
  }
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [field, messages] of Object.entries(this.problem.errors ?? {})) {
      // Server field names may be paths ("customer.email"); the form keys on the last segment.
      const key = field.split('.').pop()!.replace(/^\w/, (c) => c.toLowerCase());
      if (messages[0]) out[key] = messages[0];
    }
    return out;
  }
}

/** The server could not be reached at all (DNS, refused, offline, CORS) — worth retrying with backoff. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The booking server cannot be reached.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function fieldErrors(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(value))
    if (Array.isArray(messages)) out[field] = messages.filter((m): m is string => typeof m === 'string');
  return out;
}

/** The problem details in an error answer's body (already parsed by openapi-fetch), checked field by field. */
export function toProblem(response: Response, body: unknown): Problem {
  if (!isRecord(body)) return { status: response.status, title: response.statusText };
  return {
    status: response.status,
    type: text(body.type),
    title: text(body.title),
    detail: text(body.detail),
    code: text(body.code),
    errors: fieldErrors(body.errors),
    retryAfterSeconds: typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : undefined,
  };
}

/** Worth retrying: nothing answered, or a gateway/overload answer. */
export function isTransient(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && [502, 503, 504].includes(error.status));
}
