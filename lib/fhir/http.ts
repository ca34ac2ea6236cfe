/**
 * FHIR requests over `fetch`, with typed errors, the bearer token from the SMART client and a diagnostics record.
 *
 * Why our own fetch and not `client.request()`: we need the raw status and OperationOutcome for typed errors,
 * AbortSignals from react-query, and control over paging (caps, truncation reporting, refusing `next` links
 * that point to another origin — the token must never be sent to a host the launch did not name).
 */
import { describeRequest, diagnostics } from './diagnostics';
import { FhirRequestError, errorFromResponse } from './errors';

export interface FhirContext {
  /** FHIR base URL, no trailing slash. */
  readonly serverUrl: string;
  /** The `Authorization` header value (refreshing the token first if needed), or undefined for an open server. */
  authorization(): Promise<string | undefined>;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Called on a 401 so the session can be marked expired. */
  readonly onUnauthorized?: () => void;
}

/** Resolves a relative path against the base, or checks an absolute URL stays on the FHIR server's origin. */
export function resolveFhirUrl(serverUrl: string, pathOrUrl: string): string {
  if (/^https?:\/\//i.test(pathOrUrl)) {
    const target = new URL(pathOrUrl);
    const base = new URL(serverUrl);
    if (target.origin !== base.origin) {
      throw new FhirRequestError({
        kind: 'malformed',
        status: 0,
        url: `${target.origin}${target.pathname}`,
        detail: `the server linked to another origin (${target.origin}); the request was not sent`,
      });
    }
    return target.href;
  }
  return `${serverUrl.replace(/\/+$/, '')}/${pathOrUrl.replace(/^\/+/, '')}`;
}

/** GET one FHIR URL and return its parsed JSON body (unknown: callers narrow it). */
export async function fhirGetJson(
  ctx: FhirContext,
  pathOrUrl: string,
  options: { signal?: AbortSignal; record?: boolean } = {},
): Promise<unknown> {
  const url = resolveFhirUrl(ctx.serverUrl, pathOrUrl);
  const relative = url.startsWith(ctx.serverUrl) ? url.slice(ctx.serverUrl.length) : new URL(url).pathname;
  const run = async () => (await fhirRequest(ctx, url, options.signal ? { signal: options.signal } : {})).body;
  return options.record === false ? run() : recordRequest(describeRequest('GET', relative), run, countOf);
}

export type FhirMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface FhirRequestOptions {
  /** Default `GET`. */
  readonly method?: FhirMethod;
  /** A resource (or Bundle) to send as `application/fhir+json`. */
  readonly body?: unknown;
  /** Extra headers (`If-None-Exist`, `If-Match`, `Prefer`…). `Authorization` is always the session's, never these. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface FhirResponse {
  /** HTTP status of a 2xx answer (non-2xx answers throw). */
  readonly status: number;
  readonly headers: Headers;
  /**
   * The parsed JSON body. A read must answer JSON (anything else is a `malformed` error); a write's answer is its
   * status and `Location`, so an empty or non-JSON body there is `undefined`, not an error.
   */
  readonly body: unknown;
}

/**
 * The one place a FHIR request leaves the app: reads and writes alike get the session's `Authorization` header
 * (refreshed by the session if needed), typed {@link FhirRequestError}s with the server's OperationOutcome, and
 * `onUnauthorized` on a 401 so the session is marked expired.
 *
 * Why no retries here: a 401/403 is an authorisation decision that repeating cannot change, and repeating a write
 * after an unknown outcome is how duplicate notes happen; callers (react-query for reads, the save's dedupe for
 * writes) decide. Nothing here logs: URLs in errors are reduced to origin + path, and bodies and tokens are never
 * put in an error or a diagnostics record.
 */
export async function fhirRequest(
  ctx: FhirContext,
  pathOrUrl: string,
  options: FhirRequestOptions = {},
): Promise<FhirResponse> {
  const method = options.method ?? 'GET';
  const url = resolveFhirUrl(ctx.serverUrl, pathOrUrl);
  let authorization: string | undefined;
  try {
    authorization = await ctx.authorization();
  } catch {
    ctx.onUnauthorized?.();
    throw new FhirRequestError({
      kind: 'unauthorized',
      status: 401,
      url,
      method,
      detail: 'the session could not be refreshed',
    });
  }
  const headers: Record<string, string> = { Accept: 'application/fhir+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/fhir+json; charset=utf-8';
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (name.toLowerCase() !== 'authorization') headers[name] = value;
  }
  if (authorization) headers.Authorization = authorization;
  const doFetch = ctx.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      signal: options.signal ?? null,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new FhirRequestError({
      kind: 'network',
      status: 0,
      url,
      method,
      detail: 'no response (network error or CORS)',
    });
  }
  if (!response.ok) {
    const error = await errorFromResponse(response, method, url);
    if (error.kind === 'unauthorized') ctx.onUnauthorized?.();
    throw error;
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = method === 'GET' || text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    if (method === 'GET') {
      throw new FhirRequestError({
        kind: 'malformed',
        status: response.status,
        url,
        method,
        detail: 'the response is not JSON',
      });
    }
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * Runs one request under a diagnostics record (label from {@link describeRequest}: types and parameter names only),
 * completing it with the result count or the error kind.
 */
export async function recordRequest<T>(
  label: string,
  run: () => Promise<T>,
  count: (result: T) => { count?: number },
): Promise<T> {
  const done = diagnostics.start(label);
  try {
    const result = await run();
    done({ status: 'ok', ...count(result) });
    return result;
  } catch (error) {
    done({ status: 'error', detail: detailOf(error) });
    throw error;
  }
}

function countOf(body: unknown): { count?: number } {
  if (body && typeof body === 'object' && (body as { resourceType?: unknown }).resourceType === 'Bundle') {
    const entry = (body as { entry?: unknown }).entry;
    return { count: Array.isArray(entry) ? entry.length : 0 };
  }
  return { count: 1 };
}

export function detailOf(error: unknown): string {
  if (error instanceof FhirRequestError) return `${error.kind}${error.status ? ` (${error.status})` : ''}`;
  if (error instanceof Error && error.name === 'AbortError') return 'cancelled';
  return 'failed';
}
