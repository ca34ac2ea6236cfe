/**
 * msw handlers for integration tests: the sandbox's FHIR REST implementation (the same fetch-style handler the
 * sandbox HTTP server uses) mounted at a base URL, plus factories for the ways real servers fail.
 *
 * Why delegate to the store's handler rather than hand-written JSON: tests then exercise real FHIR search
 * semantics (medplum's matcher, paging links, OperationOutcomes) without an HTTP hop.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { FhirApi } from './fhir-store';

const FHIR_JSON = 'application/fhir+json';

/** Everything under `baseUrl` answered by the store's FHIR API (full access: no guard). */
export function fhirStoreHandlers(baseUrl: string, api: FhirApi): HttpHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [http.all(`${base}/*`, ({ request }) => api(request))];
}

export function operationOutcome(code: string, diagnostics: string, severity = 'error') {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

function outcomeResponse(status: number, code: string, diagnostics: string) {
  return HttpResponse.json(operationOutcome(code, diagnostics), {
    status,
    headers: { 'Content-Type': FHIR_JSON },
  });
}

/** A searchset Bundle with optional `next` link. */
export function searchset(
  resources: readonly unknown[],
  options: { next?: string; total?: number; self?: string } = {},
) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(options.total !== undefined ? { total: options.total } : {}),
    link: [
      ...(options.self ? [{ relation: 'self', url: options.self }] : []),
      ...(options.next ? [{ relation: 'next', url: options.next }] : []),
    ],
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
  };
}

/** Error factories: each returns a handler for `GET <base>/<resourceType>` (search) and reads of it. */
export const fhirErrors = {
  /** 401 with an OperationOutcome and `WWW-Authenticate`, as a server answers an expired token. */
  unauthorized(baseUrl: string, resourceType: string) {
    return http.get(`${baseUrl}/${resourceType}*`, () =>
      HttpResponse.json(operationOutcome('login', 'Access token expired'), {
        status: 401,
        headers: { 'Content-Type': FHIR_JSON, 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      }),
    );
  },
  /** 403: the scope for this resource type was not granted. */
  forbidden(baseUrl: string, resourceType: string) {
    return http.get(`${baseUrl}/${resourceType}*`, () =>
      outcomeResponse(403, 'forbidden', `Scope does not permit reading ${resourceType}`),
    );
  },
  /** 500 with an OperationOutcome. */
  serverError(baseUrl: string, resourceType: string, diagnostics = 'Database timeout') {
    return http.get(`${baseUrl}/${resourceType}*`, () => outcomeResponse(500, 'exception', diagnostics));
  },
  /** 200 whose body is not JSON. */
  malformedJson(baseUrl: string, resourceType: string) {
    return http.get(
      `${baseUrl}/${resourceType}*`,
      () =>
        new HttpResponse('{"resourceType":"Bundle","entry":[{', {
          status: 200,
          headers: { 'Content-Type': FHIR_JSON },
        }),
    );
  },
  /** 200 with a Bundle whose entries include unusable ones (no resource, no id, an outcome warning). */
  malformedEntries(baseUrl: string, resourceType: string, good: readonly unknown[]) {
    return http.get(`${baseUrl}/${resourceType}*`, () =>
      HttpResponse.json(
        {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            ...good.map((resource) => ({ resource })),
            { fullUrl: 'urn:uuid:no-resource' },
            { resource: { resourceType } },
            { resource: 'not an object' },
            {
              resource: operationOutcome('informational', 'Some results were suppressed', 'warning'),
              search: { mode: 'outcome' },
            },
          ],
        },
        { headers: { 'Content-Type': FHIR_JSON } },
      ),
    );
  },
  /** A network failure (connection reset / CORS). */
  networkError(baseUrl: string, resourceType: string) {
    return http.get(`${baseUrl}/${resourceType}*`, () => HttpResponse.error());
  },
};

/**
 * Paging: `pages` pages of `perPage` resources each for `GET <base>/<resourceType>`, linked by `next`.
 * `make(i)` builds the i-th resource (0-based). Counts requests in `calls`.
 */
export function pagedSearch(
  baseUrl: string,
  resourceType: string,
  options: { pages: number; perPage: number; make: (index: number) => unknown; nextOrigin?: string },
) {
  const calls: string[] = [];
  const handler = http.get(`${baseUrl}/${resourceType}`, ({ request }) => {
    const url = new URL(request.url);
    calls.push(url.search);
    const page = Number(url.searchParams.get('_page') ?? '1');
    const start = (page - 1) * options.perPage;
    const resources = Array.from({ length: options.perPage }, (_, i) => options.make(start + i));
    const nextUrl = new URL(`${options.nextOrigin ?? ''}${url.pathname}`, options.nextOrigin ?? url.origin);
    for (const [k, v] of url.searchParams) if (k !== '_page') nextUrl.searchParams.set(k, v);
    nextUrl.searchParams.set('_page', String(page + 1));
    return HttpResponse.json(
      searchset(resources, {
        total: options.pages * options.perPage,
        ...(page < options.pages ? { next: nextUrl.href } : {}),
      }),
      { headers: { 'Content-Type': FHIR_JSON } },
    );
  });
  return { handler, calls };
}
