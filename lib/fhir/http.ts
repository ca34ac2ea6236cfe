/**
 * FHIR reads over `fetch`, with typed errors, the bearer token from the SMART client and a diagnostics record.
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
  const done = options.record === false ? undefined : diagnostics.start(describeRequest('GET', relative));
  try {
    const body = await getJson(ctx, url, options.signal);
    done?.({ status: 'ok', ...countOf(body) });
    return body;
  } catch (error) {
    done?.({ status: 'error', detail: detailOf(error) });
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

async function getJson(ctx: FhirContext, url: string, signal?: AbortSignal): Promise<unknown> {
  let authorization: string | undefined;
  try {
    authorization = await ctx.authorization();
  } catch {
    ctx.onUnauthorized?.();
    throw new FhirRequestError({
      kind: 'unauthorized',
      status: 401,
      url,
      detail: 'the session could not be refreshed',
    });
  }
  const headers: Record<string, string> = { Accept: 'application/fhir+json' };
  if (authorization) headers.Authorization = authorization;
  const doFetch = ctx.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'GET',
      headers,
      signal: signal ?? null,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new FhirRequestError({ kind: 'network', status: 0, url, detail: 'no response (network error or CORS)' });
  }
  if (!response.ok) {
    const error = await errorFromResponse(response, 'GET', url);
    if (error.kind === 'unauthorized') ctx.onUnauthorized?.();
    throw error;
  }
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FhirRequestError({ kind: 'malformed', status: response.status, url, detail: 'the response is not JSON' });
  }
}
