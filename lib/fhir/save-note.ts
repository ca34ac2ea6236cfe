/**
 * Filing a note: the HTTP of the create and the server-side protection against a second copy. Nothing else — no
 * builders (the caller hands over finished resources), no storage (the data hook keeps the local "already saved"
 * record), no words for people (the UI's wording table turns the typed results into sentences).
 *
 * How a second copy is prevented, per failure:
 * 1. an in-flight guard per note identifier — a double click while the first request is out joins that request;
 * 2. the server's own check — conditional create (`If-None-Exist: identifier=…`) where the profile or the server's
 *    CapabilityStatement says it is supported, otherwise a search by identifier before creating (Epic has none);
 * 3. reconciliation after any create whose outcome is unknown (no answer: a network error, a timeout, a reset
 *    connection, a 5xx with no OperationOutcome): the note may have been filed — even twice, when the browser re-sent
 *    the POST itself on a dropped connection — so the server is searched by identifier before anything is reported:
 *    one copy → saved; several → saved, with the extra copies listed so one can be marked entered-in-error; none →
 *    not saved, and safe to try again.
 *
 * Why typed results and not throws: every outcome is something the panel must explain with a next step; nothing here
 * touches the draft or the edited text, so a failure never loses what the clinician typed.
 *
 * Companions (Provenance, ClinicalImpression) are written only after the note exists, pointing at it; their failure is
 * reported and never undoes the note.
 */
import type { Bundle, DocumentReference, Resource } from 'fhir/r4';
import type { RequestProblem } from '../core/problem';
import { describeRequest } from './diagnostics';
import { FhirRequestError } from './errors';
import { fhirGetJson, fhirRequest, recordRequest, type FhirContext } from './http';

/** How the server was kept from filing a second copy. `local-record-only`: notes cannot be searched here. */
export type DedupeMethod = 'conditional-create' | 'search-before-create' | 'local-record-only';

/** Whether to use conditional create: as the profile says, or as the server's CapabilityStatement declares. */
export type ConditionalCreateChoice = 'always' | 'never' | 'if-capable';

export interface NoteIdentifier {
  readonly system: string;
  readonly value: string;
}

export interface FileNoteInput {
  readonly ctx: FhirContext;
  /** The finished DocumentReference; it carries {@link identifier}. */
  readonly note: DocumentReference;
  /** The note's stable identifier (one per assessment): what every duplicate check searches for. */
  readonly identifier: NoteIdentifier;
  readonly patientId: string;
  readonly conditionalCreate: ConditionalCreateChoice | boolean;
  /**
   * The companions to write once the note exists, given its reference (`DocumentReference/<id>`) so they can point
   * at it. A companion that carries the note's identifier is created conditionally too, when the note was.
   */
  readonly companions?: (noteReference: string) => readonly Resource[];
}

export interface CompanionOutcome {
  readonly resourceType: string;
  readonly status: 'saved' | 'failed';
  readonly reference?: string;
  readonly problem?: RequestProblem;
}

/** A copy of the note on the server. */
export interface NoteCopy {
  readonly id: string;
  /** `DocumentReference/<id>`. */
  readonly reference: string;
  /** Absolute URL of the copy on the FHIR server. */
  readonly url: string;
  /** When the server says it was filed (`meta.lastUpdated`, else the note's `date`). */
  readonly filedAt?: string;
}

export interface FiledNote extends NoteCopy {
  /** The note already existed (found by identifier before creating, or by conditional create) — not filed now. */
  readonly alreadyExisted: boolean;
  readonly dedupe: DedupeMethod;
  /** The create's answer was lost and the server was searched to learn what happened. */
  readonly reconciled: boolean;
  /** Further copies of this note the server holds (filed more than once): one should be marked entered-in-error. */
  readonly duplicates: readonly NoteCopy[];
  readonly companions: readonly CompanionOutcome[];
}

export type FileNoteResult =
  | { readonly status: 'saved'; readonly note: FiledNote }
  | { readonly status: 'failed'; readonly problem: RequestProblem };

// ---------------------------------------------------------------------------------------------------------------
// HTTP

interface CreateResponse {
  /** HTTP status: 201 created, 200 an existing match (conditional create). */
  readonly status: number;
  /** Undefined when the server answered without saying where the resource is (see {@link idOf}). */
  readonly id?: string;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** Longer `Location` headers are not read (no pattern ever scans an unbounded header). */
const MAX_LOCATION = 2048;

/**
 * The id of a created resource, read deliberately from the two places a server may put it: the body (when the server
 * honoured `Prefer: return=representation`) and the `Location` header — which a browser only exposes when the
 * server's CORS answer lists it in `Access-Control-Expose-Headers`, so a cross-origin EHR may hide it. The body is
 * trusted only when it is the created resource (same type, a valid id); `Location` only when it names that type.
 */
function idOf(resourceType: string, body: unknown, location: string | null): string | undefined {
  const returned = body as { resourceType?: unknown; id?: unknown } | undefined;
  if (returned?.resourceType === resourceType && typeof returned.id === 'string' && FHIR_ID.test(returned.id)) {
    return returned.id;
  }
  if (!location || location.length > MAX_LOCATION) return undefined;
  const path = location.split(/[?#]/)[0]!.replace(/\/_history\/[^/]*$/, '');
  const [type, id] = path.split('/').filter(Boolean).slice(-2);
  return type === resourceType && id !== undefined && FHIR_ID.test(id) ? id : undefined;
}

/**
 * POST one resource through the FHIR layer's shared request ({@link fhirRequest}: session authorisation, fetch, 401
 * handling, typed errors), recorded (type only) in the diagnostics.
 */
function createResource(ctx: FhirContext, resource: Resource, ifNoneExist?: string): Promise<CreateResponse> {
  const type = resource.resourceType;
  return recordRequest(
    describeRequest('POST', type),
    async () => {
      const response = await fhirRequest(ctx, type, {
        method: 'POST',
        body: resource,
        headers: { Prefer: 'return=representation', ...(ifNoneExist ? { 'If-None-Exist': ifNoneExist } : {}) },
      });
      const id = idOf(type, response.body, response.headers.get('Location'));
      return { status: response.status, ...(id ? { id } : {}) };
    },
    () => ({ count: 1 }),
  );
}

function identifierToken(identifier: NoteIdentifier): string {
  return `${identifier.system}|${identifier.value}`;
}

/**
 * The usable copies of the note on the server (entered-in-error ones do not count), oldest first.
 *
 * The identifier is checked again here, not only by the server: a server that does not support the `identifier`
 * search parameter may ignore it and return every note of the patient, and one of those must never be mistaken for
 * ours (the clinician would be told "saved" while nothing was filed).
 */
async function findCopies(ctx: FhirContext, patientId: string, identifier: NoteIdentifier): Promise<NoteCopy[]> {
  const query =
    `DocumentReference?patient=${encodeURIComponent(patientId)}` +
    `&identifier=${encodeURIComponent(identifierToken(identifier))}&_count=100`;
  const body = (await fhirGetJson(ctx, query)) as Bundle | undefined;
  const entries = body && body.resourceType === 'Bundle' ? (body.entry ?? []) : [];
  const notes = entries
    .map((e) => e.resource)
    .filter((r): r is DocumentReference => r?.resourceType === 'DocumentReference' && typeof r.id === 'string')
    .filter((r) => FHIR_ID.test(r.id!) && r.status !== 'entered-in-error')
    .filter((r) => (r.identifier ?? []).some((i) => i.system === identifier.system && i.value === identifier.value));
  const copies = notes.map((r) => copyOf(ctx, r.id!, r.meta?.lastUpdated ?? r.date));
  const unique = copies.filter((c, i) => copies.findIndex((o) => o.id === c.id) === i);
  return unique.sort((a, b) => (Date.parse(a.filedAt ?? '') || 0) - (Date.parse(b.filedAt ?? '') || 0));
}

function copyOf(ctx: FhirContext, id: string, filedAt?: string): NoteCopy {
  const reference = `DocumentReference/${id}`;
  return { id, reference, url: `${ctx.serverUrl.replace(/\/+$/, '')}/${reference}`, ...(filedAt ? { filedAt } : {}) };
}

const capabilityCache = new Map<string, Promise<boolean>>();

/** Does the server's CapabilityStatement declare conditional create for DocumentReference? Cached per server. */
export function serverSupportsConditionalCreate(ctx: FhirContext): Promise<boolean> {
  const key = ctx.serverUrl.replace(/\/+$/, '');
  let cached = capabilityCache.get(key);
  if (!cached) {
    cached = fhirGetJson(ctx, 'metadata')
      .then((body) => {
        const rest = (
          body as { rest?: { mode?: string; resource?: { type?: string; conditionalCreate?: boolean }[] }[] }
        )?.rest;
        return (rest ?? []).some(
          (r) =>
            r.mode !== 'client' &&
            (r.resource ?? []).some((x) => x.type === 'DocumentReference' && x.conditionalCreate === true),
        );
      })
      .catch(() => {
        // Unknown: fall back to search-before-create, and ask again next time.
        capabilityCache.delete(key);
        return false;
      });
    capabilityCache.set(key, cached);
  }
  return cached;
}

/** For tests: forget cached CapabilityStatements and in-flight saves. */
export function resetSaveNoteState(): void {
  capabilityCache.clear();
  inFlight.clear();
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * A failed create whose result nobody knows: no answer at all, or a 5xx with no OperationOutcome (a gateway's 502/504,
 * a proxy that dropped the backend's answer). A 5xx with an OperationOutcome is the server saying it failed.
 */
function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof FhirRequestError)) return false;
  if (error.kind === 'network') return true;
  return error.kind === 'server' && error.outcome.length === 0;
}

function problemOf(error: unknown): RequestProblem {
  if (error instanceof FhirRequestError) return error.problem;
  return {
    kind: 'request',
    code: 'network',
    message: 'An unexpected error occurred in the browser.',
    status: 0,
    retryable: true,
  };
}

async function writeCompanions(
  ctx: FhirContext,
  input: FileNoteInput,
  noteReference: string,
  conditional: boolean,
): Promise<CompanionOutcome[]> {
  const out: CompanionOutcome[] = [];
  const token = identifierToken(input.identifier);
  for (const resource of input.companions?.(noteReference) ?? []) {
    const { resourceType } = resource;
    const carriesIdentifier = (
      (resource as { identifier?: { system?: string; value?: string }[] }).identifier ?? []
    ).some((i) => i.system === input.identifier.system && i.value === input.identifier.value);
    try {
      const created = await createResource(
        ctx,
        resource,
        conditional && carriesIdentifier ? `identifier=${token}` : undefined,
      );
      out.push({
        resourceType,
        status: 'saved',
        ...(created.id ? { reference: `${resourceType}/${created.id}` } : {}),
      });
    } catch (error) {
      out.push({ resourceType, status: 'failed', problem: problemOf(error) });
    }
  }
  return out;
}

/**
 * After a create whose answer was lost: what does the server hold? Searching is the only way to know, and it is done
 * before anything is reported — the clinician must never be told "not saved" (and invited to file again) for a note
 * that is in the chart, nor "saved" for one that is not.
 */
async function reconcile(input: FileNoteInput, dedupe: DedupeMethod, failure: unknown): Promise<FileNoteResult> {
  const { ctx } = input;
  let copies: NoteCopy[];
  try {
    if (dedupe === 'local-record-only') throw failure; // notes cannot be searched on this server
    copies = await findCopies(ctx, input.patientId, input.identifier);
  } catch {
    const base = problemOf(failure);
    return {
      status: 'failed',
      problem: {
        ...base,
        code: 'outcome-unknown',
        // Trying again is safe: the next attempt looks for the note first (or creates it conditionally).
        retryable: dedupe !== 'local-record-only',
      },
    };
  }
  const [first, ...more] = copies;
  if (!first) return { status: 'failed', problem: { ...problemOf(failure), retryable: true } };
  const companions = await writeCompanions(ctx, input, first.reference, dedupe === 'conditional-create');
  return {
    status: 'saved',
    note: { ...first, alreadyExisted: false, dedupe, reconciled: true, duplicates: more, companions },
  };
}

async function file(input: FileNoteInput): Promise<FileNoteResult> {
  const { ctx, note } = input;
  const token = identifierToken(input.identifier);
  const ifNoneExist = `identifier=${token}`;
  let dedupe: DedupeMethod = 'search-before-create';
  let conditional = false;
  try {
    const choice = input.conditionalCreate;
    conditional =
      typeof choice === 'boolean'
        ? choice
        : choice === 'always'
          ? true
          : choice === 'never'
            ? false
            : await serverSupportsConditionalCreate(ctx);

    let found: NoteCopy[] = [];
    if (conditional) {
      dedupe = 'conditional-create';
    } else {
      try {
        found = await findCopies(ctx, input.patientId, input.identifier);
      } catch (error) {
        // No read scope for notes: the local record and the in-flight guard are what is left. Anything else
        // (expired session, server down) stops here: filing blind after a timeout is how duplicates happen.
        if (error instanceof FhirRequestError && error.kind === 'forbidden') dedupe = 'local-record-only';
        else throw error;
      }
    }
    const [existing, ...more] = found;
    if (existing) {
      return {
        status: 'saved',
        note: { ...existing, alreadyExisted: true, dedupe, reconciled: false, duplicates: more, companions: [] },
      };
    }

    let created: CreateResponse;
    try {
      created = await createResource(ctx, note, conditional ? ifNoneExist : undefined);
    } catch (error) {
      if (outcomeUnknown(error)) return await reconcile(input, dedupe, error);
      throw error;
    }
    if (!created.id) {
      // Accepted, but neither the body nor a readable Location says where: the identifier does.
      return await reconcile(
        input,
        dedupe,
        new FhirRequestError({
          kind: 'malformed',
          status: created.status,
          url: `${ctx.serverUrl}/DocumentReference`,
          method: 'POST',
          detail: 'the server accepted the note but did not say where it is',
        }),
      );
    }
    // 200 to a conditional create = the server found the note an earlier request filed.
    const alreadyExisted = conditional && created.status === 200;
    const copy = copyOf(ctx, created.id);
    const companions = alreadyExisted ? [] : await writeCompanions(ctx, input, copy.reference, conditional);
    return {
      status: 'saved',
      note: { ...copy, alreadyExisted, dedupe, reconciled: false, duplicates: [], companions },
    };
  } catch (error) {
    if (error instanceof FhirRequestError && error.status === 409) {
      // A conflict often means "already there": look before reporting, so a filed note is shown as filed.
      try {
        const [match, ...more] = await findCopies(ctx, input.patientId, input.identifier);
        if (match) {
          return {
            status: 'saved',
            note: { ...match, alreadyExisted: true, dedupe, reconciled: false, duplicates: more, companions: [] },
          };
        }
      } catch {
        // fall through to the conflict
      }
      return { status: 'failed', problem: { ...problemOf(error), code: 'conflict', retryable: true } };
    }
    if (error instanceof FhirRequestError && error.status === 412) {
      return { status: 'failed', problem: { ...problemOf(error), code: 'duplicates-on-server', retryable: false } };
    }
    return { status: 'failed', problem: problemOf(error) };
  }
}

const inFlight = new Map<string, Promise<FileNoteResult>>();

/**
 * Files the note (and its companions) once per identifier. Concurrent calls for the same note share one request.
 */
export function fileNote(input: FileNoteInput): Promise<FileNoteResult> {
  const key = `${input.ctx.serverUrl.replace(/\/+$/, '')}|${identifierToken(input.identifier)}`;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const promise = file(input).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}
