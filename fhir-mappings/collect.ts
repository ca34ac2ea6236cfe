/**
 * Turns the input (any Bundle type, or the flat resource list the FHIR IO layer collects from searches)
 * into one list of resources with stable references, de-duplicated by `Type/id` (the one place that happens: two
 * different copies of one record are a data issue naming the copy used, see `chooseCopy`).
 *
 * Transaction bundles (Synthea) carry `urn:uuid:` fullUrls: the resource id is used when present,
 * otherwise the uuid, so provenance always reads `Observation/<id>`.
 */
import type { DataIssue } from '@/lib/engine/facts';
import { formatDate } from '@/lib/engine/format';
import { isFhirDate, quoteToken } from './fhir-helpers';
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
  const state: State = {
    resources: [],
    byReference: new Map(),
    byKey: new Map(),
    issues: [],
    counter: 0,
    tooDeepReported: false,
  };
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
  /** One data issue for all over-deep bundles, not one per bundle. */
  tooDeepReported: boolean;
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
    else if (!state.tooDeepReported) {
      state.tooDeepReported = true;
      state.issues.push({
        problem: `Some records were packed in bundles nested more than ${MAX_DEPTH} levels deep and were not read; the chart shown may be incomplete.`,
      });
    }
    return;
  }
  if (type === 'OperationOutcome') return;
  const reference = referenceFor(type, resource.id, fullUrl, state);
  const existing = state.byKey.get(reference);
  let kept = resource;
  if (existing !== undefined) {
    const earlier = state.resources[existing]!.resource;
    const choice = chooseCopy(earlier, resource);
    if (choice.different) state.issues.push({ resource: reference, problem: choice.problem });
    if (choice.keep === 'later') state.resources[existing] = { resourceType: type, reference, resource };
    else kept = earlier;
  } else {
    state.byKey.set(reference, state.resources.length);
    state.resources.push({ resourceType: type, reference, resource });
  }
  state.byReference.set(reference, kept);
  if (fullUrl) state.byReference.set(fullUrl, kept);
}

/**
 * Two copies of one `Type/id`: paged searches, overlapping searches and `_include` repeat resources, and identical
 * copies are simply one record. Copies that differ are two versions of the record: the more recently updated one is
 * used (`meta.lastUpdated`, then a numeric `meta.versionId`), else the first one received — and the clinician is told,
 * because which version was used can change a value on screen.
 *
 * This is the one place resources are de-duplicated: the FHIR IO layer passes every copy it received through.
 */
function chooseCopy(
  earlier: Record<string, unknown>,
  later: Record<string, unknown>,
): { keep: 'earlier' | 'later'; different: false } | { keep: 'earlier' | 'later'; different: true; problem: string } {
  if (sameJson(earlier, later)) return { keep: 'earlier', different: false };
  const [a, b] = [updatedAt(earlier), updatedAt(later)];
  const [va, vb] = [versionOf(earlier), versionOf(later)];
  const lead = 'The server sent two different versions of this record;';
  if (a !== undefined && b !== undefined && a.ms !== b.ms) {
    const newer = b.ms > a.ms ? b : a;
    return {
      keep: b.ms > a.ms ? 'later' : 'earlier',
      different: true,
      problem: `${lead} the one updated most recently (${formatDate(newer.day)}) was used.`,
    };
  }
  if (va !== undefined && vb !== undefined && va !== vb) {
    return {
      keep: vb > va ? 'later' : 'earlier',
      different: true,
      problem: `${lead} the later version (version ${Math.max(va, vb)}) was used.`,
    };
  }
  return {
    keep: 'earlier',
    different: true,
    problem: `${lead} neither says which is newer, so the first one received was used — check the record in the chart.`,
  };
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

function updatedAt(resource: Record<string, unknown>): { ms: number; day: string } | undefined {
  const meta = resource.meta as { lastUpdated?: unknown } | undefined;
  const value = meta?.lastUpdated;
  if (typeof value !== 'string' || !isFhirDate(value, 'instant')) return undefined;
  return { ms: Date.parse(value), day: value.slice(0, 10) };
}

function versionOf(resource: Record<string, unknown>): number | undefined {
  const meta = resource.meta as { versionId?: unknown } | undefined;
  const value = meta?.versionId;
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** Structural equality of two JSON values (object key order ignored). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every(
    (k) => Object.prototype.hasOwnProperty.call(rb, k) && sameJson((a as Record<string, unknown>)[k], rb[k]),
  );
}
