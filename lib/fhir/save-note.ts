/**
 * Filing the note: a duplicate-safe create of the DocumentReference, then its optional companions.
 *
 * Why three layers of duplicate protection, each for a different failure:
 * 1. an in-flight guard per assessment id — a double click while the first request is still out joins that request;
 * 2. the server's own check — conditional create (`If-None-Exist: identifier=…`) where the profile or the server's
 *    CapabilityStatement says it is supported, otherwise a search by identifier before creating (Epic has no
 *    conditional create) — a retry after a timeout finds the note the first request did create;
 * 3. a local "already saved" record in sessionStorage keyed by assessment id — a reload after saving shows the saved
 *    note instead of offering to file it again, even where the server cannot be searched.
 *
 * Why typed results and not throws: every outcome (saved, already there, refused, unreachable) is something the
 * panel must explain in words with a next step; nothing here touches the draft or the edited text, so a failure
 * never loses what the clinician typed.
 *
 * Companions (Provenance, ClinicalImpression) are written only after the note exists; their failure is reported and
 * never undoes the note.
 */
import type { Bundle, ClinicalImpression, DocumentReference, Provenance, Resource } from 'fhir/r4';
import { assessmentIdentifierToken } from '../../fhir-mappings/write-back/assessment-id';
import { withProvenanceTarget, type WriteBackResources } from '../../fhir-mappings/write-back/build';
import type { WriteBackProfile } from '../../fhir-mappings/write-back/profiles';
import { describeRequest } from './diagnostics';
import { FhirRequestError, parseOperationOutcome, type OperationOutcomeIssue } from './errors';
import { fhirGetJson, fhirRequest, recordRequest, resolveFhirUrl, type FhirContext } from './http';

export type SaveNoteErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'duplicates-on-server'
  | 'rejected'
  | 'server'
  | 'network'
  | 'not-buildable';

export interface SaveNoteError {
  readonly kind: SaveNoteErrorKind;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** What happened, in a sentence. */
  readonly message: string;
  /** What the clinician can do next. */
  readonly action: string;
  /** Clicking "Save note" again may succeed (and will not create a duplicate). */
  readonly retryable: boolean;
  /** The server's OperationOutcome, when it sent one. */
  readonly issues: readonly OperationOutcomeIssue[];
}

/** How the server was kept from filing a second copy. */
export type DedupeMethod = 'conditional-create' | 'search-before-create' | 'local-record-only';

export interface CompanionOutcome {
  readonly resourceType: 'Provenance' | 'ClinicalImpression';
  readonly status: 'saved' | 'failed';
  readonly reference?: string;
  readonly message?: string;
}

export interface SavedNote {
  /** `DocumentReference/<id>`. */
  readonly reference: string;
  readonly id: string;
  /** Absolute URL of the note on the FHIR server. */
  readonly url: string;
  readonly serverUrl: string;
  readonly assessmentId: string;
  /** ISO instant when Nocturne learned the note was in the chart. */
  readonly savedAt: string;
  /** The note already existed (found by identifier) rather than being created by this request. */
  readonly alreadyExisted: boolean;
  readonly dedupe: DedupeMethod | 'local-record';
  readonly companions: readonly CompanionOutcome[];
}

export type SaveNoteResult =
  { readonly status: 'saved'; readonly note: SavedNote } | { readonly status: 'failed'; readonly error: SaveNoteError };

export interface SaveNoteInput {
  readonly ctx: FhirContext;
  readonly assessmentId: string;
  readonly patientId: string;
  /** The output of `buildWriteBack` (must contain the DocumentReference). */
  readonly resources: WriteBackResources;
  readonly profile: WriteBackProfile;
  /** Override the conditional-create decision (tests, or a site that knows its server). */
  readonly conditionalCreate?: boolean;
  /** Injected clock for `savedAt`. */
  readonly now?: () => Date;
  /** Injected for tests; defaults to `window.sessionStorage` when available. */
  readonly storage?: Storage | null;
}

// ---------------------------------------------------------------------------------------------------------------
// The local "already saved" record

const RECORD_PREFIX = 'nocturne:saved-note:';

function defaultStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

function recordKey(serverUrl: string, assessmentId: string): string {
  return `${RECORD_PREFIX}${encodeURIComponent(serverUrl.replace(/\/+$/, ''))}|${assessmentId}`;
}

/** The saved-note record for an assessment on a server, or undefined. Never throws. */
export function readSavedNote(
  serverUrl: string,
  assessmentId: string,
  storage: Storage | null = defaultStorage(),
): SavedNote | undefined {
  if (!storage) return undefined;
  try {
    const raw = storage.getItem(recordKey(serverUrl, assessmentId));
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<SavedNote> | null;
    if (
      !parsed ||
      typeof parsed.reference !== 'string' ||
      typeof parsed.id !== 'string' ||
      typeof parsed.url !== 'string' ||
      parsed.assessmentId !== assessmentId
    ) {
      return undefined;
    }
    return parsed as SavedNote;
  } catch {
    return undefined;
  }
}

function writeSavedNote(note: SavedNote, storage: Storage | null): void {
  if (!storage) return;
  try {
    storage.setItem(recordKey(note.serverUrl, note.assessmentId), JSON.stringify(note));
  } catch {
    // Storage full or denied: the server-side check (conditional create / search) still protects against duplicates.
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Errors → what to tell the clinician

const KEPT = 'Your note text is kept here.';

function toSaveError(error: unknown, profile: WriteBackProfile): SaveNoteError {
  if (!(error instanceof FhirRequestError)) {
    return {
      kind: 'network',
      status: 0,
      message: 'The note could not be sent to the EHR (an unexpected error in the browser).',
      action: `${KEPT} Try Save note again; if it keeps failing, copy or download the note and file it by hand.`,
      retryable: true,
      issues: [],
    };
  }
  const reason = error.issues.find((i) => i.details || i.diagnostics);
  const because = reason ? ` The server said: “${reason.details ?? reason.diagnostics}”.` : '';
  const base = { status: error.status, issues: error.issues };
  if (error.kind === 'unauthorized') {
    return {
      ...base,
      kind: 'unauthorized',
      message: 'The EHR session has expired, so the note was not saved.',
      action: `${KEPT} Relaunch Nocturne from the EHR (or sign in again), then click Save note again — it will not be filed twice.`,
      retryable: false,
    };
  }
  if (error.kind === 'forbidden') {
    return {
      ...base,
      kind: 'forbidden',
      message: `The EHR did not allow Nocturne to file this note (403 Forbidden).${because}`,
      action: `${KEPT} Copy or download it and add it to the chart by hand, or ask your EHR administrator to grant Nocturne permission to create clinical notes (DocumentReference).`,
      retryable: false,
    };
  }
  if (error.status === 409) {
    return {
      ...base,
      kind: 'conflict',
      message: `The EHR reported a conflict (409): a note for this assessment may already be in the chart.${because}`,
      action: `${KEPT} Check the patient's notes before filing again. Clicking Save note again first looks for the existing note.`,
      retryable: true,
    };
  }
  if (error.status === 412) {
    return {
      ...base,
      kind: 'duplicates-on-server',
      message: `The EHR already holds more than one note for this assessment (412 Precondition Failed), so it did not file another.${because}`,
      action: "Do not file it again: open the patient's notes and mark any duplicate as entered in error.",
      retryable: false,
    };
  }
  if (error.kind === 'server') {
    return {
      ...base,
      kind: 'server',
      message: `The EHR server had an error (${error.status}) and may not have saved the note.${because}`,
      action: `${KEPT} Wait a moment and click Save note again — Nocturne first checks whether the note arrived, so it will not be filed twice.`,
      retryable: true,
    };
  }
  if (error.kind === 'network') {
    return {
      ...base,
      kind: 'network',
      message: 'The EHR could not be reached; the note may or may not have been saved.',
      action: `${KEPT} Check the connection and click Save note again — Nocturne first checks whether the note arrived, so it will not be filed twice.`,
      retryable: true,
    };
  }
  return {
    ...base,
    kind: 'rejected',
    message: `The EHR rejected the note (${error.status || 'invalid response'}).${because}`,
    action: `${KEPT} Copy or download it and add it to the chart by hand, and tell your administrator: the write-back profile is "${profile.id}" (NOCTURNE_WRITEBACK_PROFILE) — the EHR may need a different one.`,
    retryable: false,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP

interface CreateResponse {
  /** HTTP status: 201 created, 200 an existing match (conditional create). */
  readonly status: number;
  readonly id?: string;
  readonly resource?: Resource;
}

function idFromLocation(location: string | null, resourceType: string): string | undefined {
  if (!location) return undefined;
  const m = new RegExp(`(?:^|/)${resourceType}/([A-Za-z0-9\\-.]{1,64})(?:/_history/[^/]+)?/?$`).exec(location);
  return m?.[1];
}

/**
 * POST one resource through the FHIR layer's shared request ({@link fhirRequest}: session authorisation, fetch,
 * 401 handling, typed errors), so the write behaves like every other request the app makes, and it is recorded
 * (type only) in the diagnostics.
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
      const body = response.body;
      const returned =
        body && typeof body === 'object' && (body as Resource).resourceType === type ? (body as Resource) : undefined;
      const id = idFromLocation(response.headers.get('Location'), type) ?? returned?.id;
      if (!id) {
        throw new FhirRequestError({
          kind: 'malformed',
          status: response.status,
          url: resolveFhirUrl(ctx.serverUrl, type),
          method: 'POST',
          issues: parseOperationOutcome(body),
          detail: 'the server accepted the request but did not say where the new resource is',
        });
      }
      return { status: response.status, id, ...(returned ? { resource: returned } : {}) };
    },
    () => ({ count: 1 }),
  );
}

/**
 * Existing, usable notes with this assessment's identifier (entered-in-error ones do not count).
 *
 * The identifier is checked again here, not only by the server: a server that does not support the `identifier`
 * search parameter may ignore it and return every note of the patient, and one of those must never be mistaken for
 * ours (the clinician would be told "saved" while nothing was filed).
 */
async function findByIdentifier(ctx: FhirContext, patientId: string, token: string): Promise<DocumentReference[]> {
  const query = `DocumentReference?patient=${encodeURIComponent(patientId)}&identifier=${encodeURIComponent(token)}`;
  const body = (await fhirGetJson(ctx, query)) as Bundle | undefined;
  const entries = body && body.resourceType === 'Bundle' ? (body.entry ?? []) : [];
  const [system, value] = token.split('|') as [string, string];
  return entries
    .map((e) => e.resource)
    .filter((r): r is DocumentReference => r?.resourceType === 'DocumentReference' && typeof r.id === 'string')
    .filter((r) => r.status !== 'entered-in-error')
    .filter((r) => (r.identifier ?? []).some((i) => i.system === system && i.value === value));
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

async function writeCompanions(
  ctx: FhirContext,
  noteReference: string,
  resources: WriteBackResources,
  ifNoneExist: string | undefined,
): Promise<CompanionOutcome[]> {
  const out: CompanionOutcome[] = [];
  const jobs: [CompanionOutcome['resourceType'], Provenance | ClinicalImpression, string | undefined][] = [];
  if (resources.provenance)
    jobs.push(['Provenance', withProvenanceTarget(resources.provenance, noteReference), undefined]);
  if (resources.clinicalImpression) {
    const ci: ClinicalImpression = {
      ...resources.clinicalImpression,
      supportingInfo: [
        { reference: noteReference },
        ...(resources.clinicalImpression.supportingInfo ?? []).filter((r) => r.type !== 'DocumentReference'),
      ],
    };
    jobs.push(['ClinicalImpression', ci, ifNoneExist]);
  }
  for (const [resourceType, resource, conditional] of jobs) {
    try {
      const created = await createResource(ctx, resource, conditional);
      out.push({ resourceType, status: 'saved', reference: `${resourceType}/${created.id}` });
    } catch (error) {
      const reason = error instanceof FhirRequestError ? error.userMessage : 'An unexpected error occurred.';
      out.push({
        resourceType,
        status: 'failed',
        message: `The note is saved, but its ${resourceType} could not be written: ${reason}`,
      });
    }
  }
  return out;
}

async function save(input: SaveNoteInput): Promise<SaveNoteResult> {
  const { ctx, assessmentId, profile, resources } = input;
  const storage = input.storage === undefined ? defaultStorage() : input.storage;
  const serverUrl = ctx.serverUrl.replace(/\/+$/, '');
  const now = input.now ?? (() => new Date());

  const existing = readSavedNote(serverUrl, assessmentId, storage);
  if (existing) return { status: 'saved', note: { ...existing, dedupe: 'local-record' } };

  const note = resources.documentReference;
  if (!note) {
    return {
      status: 'failed',
      error: {
        kind: 'not-buildable',
        status: 0,
        message: 'There is no note to file (it could not be built for this EHR profile).',
        action: 'Fix the problem shown above the note, or copy or download the note instead.',
        retryable: false,
        issues: [],
      },
    };
  }

  const token = assessmentIdentifierToken(assessmentId);
  const ifNoneExist = `identifier=${token}`;
  let dedupe: DedupeMethod;
  try {
    const conditional =
      input.conditionalCreate ??
      (profile.conditionalCreate === 'always'
        ? true
        : profile.conditionalCreate === 'never'
          ? false
          : await serverSupportsConditionalCreate(ctx));

    let found: DocumentReference | undefined;
    if (conditional) {
      dedupe = 'conditional-create';
    } else {
      dedupe = 'search-before-create';
      try {
        found = (await findByIdentifier(ctx, input.patientId, token))[0];
      } catch (error) {
        // No read scope for notes: the local record and the in-flight guard are what is left. Anything else
        // (expired session, server down) stops here: filing blind after a timeout is how duplicates happen.
        if (error instanceof FhirRequestError && error.kind === 'forbidden') dedupe = 'local-record-only';
        else throw error;
      }
    }

    let id: string;
    let alreadyExisted: boolean;
    if (found?.id) {
      id = found.id;
      alreadyExisted = true;
    } else {
      const created = await createResource(ctx, note, conditional ? ifNoneExist : undefined);
      id = created.id!;
      // 200 to a conditional create = the server found the note an earlier request filed.
      alreadyExisted = conditional && created.status === 200;
    }

    const reference = `DocumentReference/${id}`;
    const base: SavedNote = {
      reference,
      id,
      url: `${serverUrl}/${reference}`,
      serverUrl,
      assessmentId,
      savedAt: now().toISOString(),
      alreadyExisted,
      dedupe,
      companions: [],
    };
    // Record first: whatever happens to the companions, this note must never be filed again.
    writeSavedNote(base, storage);
    const companions = alreadyExisted
      ? []
      : await writeCompanions(ctx, reference, resources, conditional ? ifNoneExist : undefined);
    const saved: SavedNote = { ...base, companions };
    writeSavedNote(saved, storage);
    return { status: 'saved', note: saved };
  } catch (error) {
    if (error instanceof FhirRequestError && error.status === 409) {
      // A conflict often means "already there": look before reporting, so a filed note is shown as filed.
      try {
        const match = (await findByIdentifier(ctx, input.patientId, token))[0];
        if (match?.id) {
          const reference = `DocumentReference/${match.id}`;
          const saved: SavedNote = {
            reference,
            id: match.id,
            url: `${serverUrl}/${reference}`,
            serverUrl,
            assessmentId,
            savedAt: now().toISOString(),
            alreadyExisted: true,
            dedupe: 'search-before-create',
            companions: [],
          };
          writeSavedNote(saved, storage);
          return { status: 'saved', note: saved };
        }
      } catch {
        // fall through to the conflict message
      }
    }
    return { status: 'failed', error: toSaveError(error, profile) };
  }
}

const inFlight = new Map<string, Promise<SaveNoteResult>>();

/**
 * Files the note (and its companions) once per assessment id. Concurrent calls for the same assessment share one
 * request; later calls after success return the saved record without touching the network.
 */
export function saveNote(input: SaveNoteInput): Promise<SaveNoteResult> {
  const key = `${input.ctx.serverUrl.replace(/\/+$/, '')}|${input.assessmentId}`;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const promise = save(input).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}
