/**
 * Turns the input (any Bundle type, or the flat resource list the FHIR IO layer collects from searches)
 * into one list of resources with stable references, deduplicated by `Type/id`.
 *
 * Transaction bundles (Synthea) carry `urn:uuid:` fullUrls: the resource id is used when present,
 * otherwise the uuid, so provenance always reads `Observation/<id>`.
 */
import type { DataIssue } from '@/lib/engine/facts';
import { quoteToken } from './fhir-helpers';
import { BUNDLE_TYPES, bundleSchema } from './schemas/bundle';
import { FHIR_STRING_LIMITS, boundedString } from './schemas/common';

export interface CollectedResource {
  readonly resourceType: string;
  /** `Type/id` (or `Type/<uuid>` for transaction entries without an id). */
  readonly reference: string;
  readonly resource: Record<string, unknown>;
}

export interface Collected {
  readonly resources: CollectedResource[];
  /** Every alias a reference may use (`Type/id`, fullUrl, absolute URL) → resource. */
  readonly byReference: ReadonlyMap<string, Record<string, unknown>>;
  readonly issues: DataIssue[];
  /** Set when the input as a whole is unusable (e.g. a "bundle" that is not a Bundle). */
  readonly error?: string;
}

const KNOWN_BUNDLE_TYPES: ReadonlySet<string> = new Set(BUNDLE_TYPES);
const MAX_DEPTH = 3;
/** FHIR `id`: 1–64 of A–Z, a–z, 0–9, '-' and '.'. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const ABSOLUTE_URL = /\/([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;
const URN_UUID = /^urn:uuid:([0-9a-fA-F-]{1,64})$/;

export function collectResources(input: { resources?: unknown[]; bundle?: unknown }): Collected {
  const state: State = { resources: [], byReference: new Map(), byKey: new Map(), issues: [], counter: 0 };
  let error: string | undefined;
  if (input.bundle !== undefined) {
    const problem = bundleProblem(input.bundle);
    if (problem !== undefined) {
      error = problem;
      state.issues.push({ problem });
    } else {
      readBundle(input.bundle, state, 0);
    }
  }
  if (input.resources !== undefined) {
    if (!Array.isArray(input.resources)) {
      state.issues.push({ problem: 'The resource list is not a list; nothing was read from it.' });
    } else {
      input.resources.forEach((r, i) => readResource(r, undefined, `item ${i + 1}`, state, 0));
    }
  }
  return {
    resources: state.resources,
    byReference: state.byReference,
    issues: state.issues,
    ...(error ? { error } : {}),
  };
}

/** A one-line reason why `value` is not a FHIR Bundle, or undefined when it is one. */
export function bundleProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'The input is not a FHIR Bundle (expected a JSON object with "resourceType": "Bundle").';
  }
  const type = (value as { resourceType?: unknown }).resourceType;
  if (type !== 'Bundle') {
    return typeof type === 'string'
      ? `The input is a FHIR ${quoteToken(type, 'resource')}, not a Bundle.`
      : 'The input is not a FHIR Bundle (it has no "resourceType").';
  }
  if (!bundleSchema.safeParse(value).success) return 'The Bundle is malformed ("entry" must be a list).';
  return undefined;
}

interface State {
  resources: CollectedResource[];
  byReference: Map<string, Record<string, unknown>>;
  byKey: Map<string, number>;
  issues: DataIssue[];
  counter: number;
}

function readBundle(value: unknown, state: State, depth: number): void {
  const bundle = bundleSchema.safeParse(value);
  if (!bundle.success) {
    state.issues.push({ problem: 'A nested Bundle is malformed; its entries were not read.' });
    return;
  }
  const type = bundle.data.type;
  if (type !== undefined && !KNOWN_BUNDLE_TYPES.has(type)) {
    state.issues.push({
      problem: `Bundle type ${quoteToken(type)} is not a FHIR R4 type; its entries were read anyway.`,
    });
  }
  (bundle.data.entry ?? []).forEach((raw, i) => {
    const where = `Bundle entry ${i + 1}`;
    // Hand-checked rather than zod-parsed: this envelope is read once per entry of a 1,000-entry chart.
    if (!isRecord(raw)) {
      state.issues.push({ problem: `${where} is malformed; skipped.` });
      return;
    }
    const resource = raw.resource;
    const fullUrl = boundedString(raw.fullUrl, FHIR_STRING_LIMITS.url);
    const search = isRecord(raw.search) ? raw.search : undefined;
    const response = isRecord(raw.response) ? raw.response : undefined;
    if (search?.mode === 'outcome') return; // OperationOutcome about the search, not chart data
    const status = typeof response?.status === 'string' ? response.status.trim() : undefined;
    if (status !== undefined && !/^2\d\d/.test(status)) {
      state.issues.push({
        problem: `${where}: the server answered ${quoteToken(status.slice(0, 3), 'with an error')} for this request; no data from it.`,
      });
    }
    if (resource === undefined) {
      if (status === undefined) state.issues.push({ problem: `${where} has no resource; skipped.` });
      return;
    }
    readResource(resource, fullUrl, where, state, depth);
  });
}

function readResource(raw: unknown, fullUrl: string | undefined, where: string, state: State, depth: number): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    state.issues.push({ problem: `${where} is not a FHIR resource; skipped.` });
    return;
  }
  const resource = raw as Record<string, unknown>;
  const type = resource.resourceType;
  if (typeof type !== 'string' || type === '') {
    state.issues.push({ problem: `${where} has no resourceType; skipped.` });
    return;
  }
  if (type === 'Bundle') {
    if (depth < MAX_DEPTH) readBundle(resource, state, depth + 1);
    return;
  }
  if (type === 'OperationOutcome') return;
  const reference = referenceFor(type, resource.id, fullUrl, state);
  const existing = state.byKey.get(reference);
  if (existing !== undefined) {
    // Paged searches and _include repeat resources: keep the most recently updated copy.
    if (lastUpdated(resource) > lastUpdated(state.resources[existing]!.resource)) {
      state.resources[existing] = { resourceType: type, reference, resource };
    }
  } else {
    state.byKey.set(reference, state.resources.length);
    state.resources.push({ resourceType: type, reference, resource });
  }
  state.byReference.set(reference, resource);
  if (fullUrl) state.byReference.set(fullUrl, resource);
}

function referenceFor(type: string, id: unknown, fullUrl: string | undefined, state: State): string {
  if (typeof id === 'string' && FHIR_ID.test(id)) return `${type}/${id}`;
  if (fullUrl !== undefined) {
    const uuid = URN_UUID.exec(fullUrl);
    if (uuid?.[1]) return `${type}/${uuid[1]}`;
    const url = ABSOLUTE_URL.exec(fullUrl);
    if (url?.[1] === type && url[2]) return `${type}/${url[2]}`;
  }
  state.counter += 1;
  return `${type}/(no id #${state.counter})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lastUpdated(resource: Record<string, unknown>): number {
  const meta = resource.meta as { lastUpdated?: unknown } | undefined;
  const value = typeof meta?.lastUpdated === 'string' ? Date.parse(meta.lastUpdated) : NaN;
  return Number.isNaN(value) ? 0 : value;
}
