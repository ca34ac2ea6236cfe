/**
 * Assessment + note text + launch context → the FHIR resources Nocturne files in the chart.
 *
 * Why builders return `{ resources, errors }` instead of throwing or "doing their best": a note that breaks a
 * vendor's rule (Epic without an encounter, Oracle without the logged-in practitioner as author) is rejected by the
 * EHR after the clinician clicked save, or worse, accepted and misfiled. Checking the profile's requirements here
 * turns that into a clear message *before* anything is sent, and a resource is only produced when it is correct.
 *
 * Deterministic: no clock (`now` is injected), no randomness (the assessment id is an input), so the same inputs give
 * byte-identical resources — a retry or a double click sends the same note with the same identifier.
 */
import type { ClinicalImpression, DocumentReference, Provenance, Reference } from 'fhir/r4';
import type { NoteProblem, NoteProblemCode } from '../../lib/core/problem';
import type { Assessment, Evidence } from '../../lib/engine/assessment';
import { assessmentIdentifier, isAssessmentId } from './assessment-id';
import { utf8ByteLength, utf8ToBase64 } from './encoding';
import { isPatientEvidence, NOTE_TITLE } from './note-text';
import { DEFAULT_NOTE_TYPE, loincCheckDigitValid, noteTypeDisplay } from './note-types';
import {
  getWriteBackProfile,
  isWriteBackProfileId,
  type DocStatus,
  type WriteBackProfile,
  type WriteBackProfileId,
} from './profiles';
import {
  DATA_OPERATION_SYSTEM,
  LOINC_SYSTEM,
  PROVENANCE_PARTICIPANT_TYPE_SYSTEM,
  US_CORE_DOCUMENT_CATEGORY_SYSTEM,
  US_CORE_DOCUMENT_REFERENCE_PROFILE,
} from './systems';

/** What the launch (or the CLI) tells us about where and by whom the note is filed. */
export interface WriteBackContext {
  /** One UUID per draft (see `assessment-id.ts`): the note's stable identifier. */
  readonly assessmentId: string;
  readonly patientId: string;
  readonly encounterId?: string | null;
  /** The launch's fhirUser: `Practitioner/123` or an absolute URL ending in `Practitioner/123`. */
  readonly fhirUser?: string | null;
  /** The clinician's name, shown with the author reference. */
  readonly authorDisplay?: string;
  /** FHIR base URL; an absolute fhirUser on this server becomes a relative reference. */
  readonly serverBaseUrl?: string;
  /** Start of the visit (Encounter.period.start), for `context.period.start`. */
  readonly encounterStart?: string | null;
  /** The injected clock: the note's date, creation and period end. */
  readonly now: string | Date;
  /** Nocturne's version, named in the Provenance as the assembler. */
  readonly appVersion: string;
}

export interface WriteBackOptions {
  /** Write a Provenance (clinician author, Nocturne assembler) after the note, where the profile allows it. */
  readonly provenance?: boolean;
  /** Write a ClinicalImpression with the structured differential, on FHIR-native profiles only. */
  readonly clinicalImpression?: boolean;
  /** Override the profile's docStatus (must be one the profile allows). */
  readonly docStatus?: DocStatus;
}

export interface BuildWriteBackInput {
  readonly assessment: Assessment;
  /** The note exactly as the clinician reviewed (and possibly edited) it. */
  readonly noteText: string;
  readonly context: WriteBackContext;
  readonly profile: WriteBackProfileId;
  /** LOINC note type; default 11488-4 Consult note. */
  readonly noteType?: string;
  readonly options?: WriteBackOptions;
}

/** Why a note cannot be filed as it stands: the shared vocabulary's note problem (`lib/core/problem.ts`). */
export type WriteBackErrorCode = NoteProblemCode;

/** A note problem: `message` says what is wrong and what to do, in words a clinician (or the CLI user) can act on. */
export type WriteBackError = NoteProblem;

export interface WriteBackResources {
  readonly documentReference?: DocumentReference;
  /** Target is the note by identifier until the server assigns an id; see {@link withProvenanceTarget}. */
  readonly provenance?: Provenance;
  readonly clinicalImpression?: ClinicalImpression;
}

export interface WriteBackResult {
  /** Empty when there are errors: never a resource that breaks the profile. */
  readonly resources: WriteBackResources;
  readonly errors: readonly WriteBackError[];
  /** Things that were left out on purpose (e.g. a companion the profile does not accept). */
  readonly warnings: readonly string[];
  readonly profile?: WriteBackProfile;
}

/** Largest note body accepted (UTF-8 bytes). Generated notes are a few kB; this only stops pasted-in documents. */
export const MAX_NOTE_BYTES = 64 * 1024;

const FHIR_ID_RE = /^[A-Za-z0-9\-.]{1,64}$/;
const AUTHOR_TYPES = ['Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson'] as const;
type AuthorType = (typeof AUTHOR_TYPES)[number];

export interface ParsedFhirUser {
  readonly resourceType: AuthorType;
  readonly id: string;
  /** Relative (`Practitioner/123`) unless it lives on another server. */
  readonly reference: string;
}

/**
 * Parses the fhirUser claim (relative or absolute) into a reference. Returns undefined for anything that is not
 * `<Practitioner|PractitionerRole|Patient|RelatedPerson>/<id>`.
 */
export function parseFhirUser(fhirUser: string | null | undefined, serverBaseUrl?: string): ParsedFhirUser | undefined {
  if (!fhirUser) return undefined;
  const trimmed = fhirUser.trim().replace(/\/_history\/[^/]+$/, '');
  const m = /(?:^|\/)([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(trimmed);
  if (!m) return undefined;
  const [, type, id] = m as unknown as [string, string, string];
  if (!(AUTHOR_TYPES as readonly string[]).includes(type)) return undefined;
  const relative = `${type}/${id}`;
  const isAbsolute = /^https?:\/\//i.test(trimmed);
  let reference = relative;
  if (isAbsolute && serverBaseUrl) {
    const base = serverBaseUrl.replace(/\/+$/, '');
    reference = trimmed === `${base}/${relative}` ? relative : trimmed;
  }
  return { resourceType: type as AuthorType, id, reference };
}

/** The author of a consult note is the launch's practitioner: a Practitioner or a PractitionerRole. */
export function isClinician(user: ParsedFhirUser): boolean {
  return user.resourceType === 'Practitioner' || user.resourceType === 'PractitionerRole';
}

function toInstant(now: string | Date): string | undefined {
  const d = now instanceof Date ? now : new Date(now);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A FHIR dateTime that carries a time (Oracle requires one in context.period). */
function hasTime(value: string): boolean {
  return /T\d{2}:\d{2}/.test(value);
}

function authorReference(ctx: WriteBackContext, user: ParsedFhirUser): Reference {
  return { reference: user.reference, ...(ctx.authorDisplay ? { display: ctx.authorDisplay } : {}) };
}

interface Checked {
  readonly profile: WriteBackProfile;
  readonly now: string;
  readonly user: ParsedFhirUser | undefined;
  readonly docStatus: DocStatus;
  readonly noteType: string;
  readonly encounterId: string | undefined;
}

function check(input: BuildWriteBackInput, errors: WriteBackError[]): Checked | undefined {
  const { context: ctx } = input;
  if (!isWriteBackProfileId(input.profile)) {
    errors.push({
      kind: 'note',
      code: 'unknown-profile',
      message: `Unknown write-back profile "${String(input.profile)}". Use one of: us-core, epic, oracle, smart-sandbox.`,
    });
    return undefined;
  }
  const profile = getWriteBackProfile(input.profile);
  if (!isAssessmentId(ctx.assessmentId)) {
    errors.push({
      kind: 'note',
      code: 'invalid-assessment-id',
      message: 'The assessment has no valid id (a UUID), so the note could not be protected against duplicates.',
    });
  }
  if (!FHIR_ID_RE.test(ctx.patientId ?? '')) {
    errors.push({
      kind: 'note',
      code: 'invalid-patient',
      message: 'No valid patient id: relaunch Nocturne from the patient chart.',
    });
  }
  const encounterId = ctx.encounterId ?? undefined;
  if (encounterId !== undefined && !FHIR_ID_RE.test(encounterId)) {
    errors.push({ kind: 'note', code: 'invalid-encounter', message: `"${encounterId}" is not a valid Encounter id.` });
  }
  if (profile.encounterRequired && !encounterId) {
    errors.push({
      kind: 'note',
      code: 'encounter-required',
      message: `${profile.label} files notes only against an existing encounter of this patient, and this launch has none. Launch Nocturne from within a visit (encounter context), or give the encounter id (CLI: --encounter <id>).`,
    });
  }
  const user = parseFhirUser(ctx.fhirUser, ctx.serverBaseUrl);
  if (user && !isClinician(user)) {
    // Issue 12: a consult note is the clinician's. A patient (or a patient's representative) launching Nocturne
    // standalone may read and keep the note, but it is not filed under their name as a consult note.
    errors.push({
      kind: 'note',
      code: 'author-not-clinician',
      message: `This launch is signed in as ${user.resourceType === 'Patient' ? 'a patient' : "a patient's representative"}, not a clinician: a consult note is filed only under the clinician who reviewed it. The note can still be copied, downloaded or printed.`,
    });
  } else if (profile.authorRule === 'logged-in-practitioner') {
    if (!ctx.fhirUser) {
      errors.push({
        kind: 'note',
        code: 'author-required',
        message: `${profile.label} files a provider's note only under the logged-in practitioner, and this launch did not say who is logged in (no fhirUser). Relaunch with the "openid fhirUser" scopes (CLI: --author Practitioner/<id>).`,
      });
    } else if (!user || user.resourceType !== 'Practitioner') {
      errors.push({
        kind: 'note',
        code: 'author-not-practitioner',
        message: `${profile.label} requires the author to be the logged-in Practitioner, but the launch user is "${ctx.fhirUser}". Sign in as the practitioner who wrote the note.`,
      });
    }
  }
  const noteType = (input.noteType ?? DEFAULT_NOTE_TYPE).trim();
  if (!loincCheckDigitValid(noteType)) {
    errors.push({
      kind: 'note',
      code: 'invalid-note-type',
      message: `The configured note type "${noteType}" is not a valid LOINC code (NOCTURNE_NOTE_TYPE). Use e.g. ${DEFAULT_NOTE_TYPE} (Consult note) or 11506-3 (Progress note).`,
    });
  }
  const docStatus = input.options?.docStatus ?? profile.docStatus;
  if (!profile.allowedDocStatus.includes(docStatus)) {
    errors.push({
      kind: 'note',
      code: 'doc-status-not-allowed',
      message: `${profile.label} does not accept docStatus "${docStatus}"; it accepts ${profile.allowedDocStatus.join(' or ')}.`,
    });
  }
  if (!input.noteText.trim()) {
    errors.push({
      kind: 'note',
      code: 'empty-note',
      message: 'The note is empty. Restore the generated text or write the note first.',
    });
  } else if (utf8ByteLength(input.noteText) > MAX_NOTE_BYTES) {
    errors.push({
      kind: 'note',
      code: 'note-too-large',
      message: `The note is larger than ${MAX_NOTE_BYTES / 1024} kB. Shorten it before filing (EHR note panes are read quickly).`,
    });
  }
  const now = toInstant(ctx.now);
  if (!now) errors.push({ kind: 'note', code: 'invalid-now', message: 'The filing time is not a valid date-time.' });
  if (errors.length || !now) return undefined;
  return { profile, now, user, docStatus, noteType, encounterId };
}

/** The US Core clinical-note DocumentReference, shaped by the profile. Assumes inputs already checked. */
function documentReference(input: BuildWriteBackInput, c: Checked, warnings: string[]): DocumentReference {
  const { context: ctx } = input;
  const display = noteTypeDisplay(c.noteType);
  const period: { start?: string; end: string } = { end: c.now };
  if (ctx.encounterStart) {
    const start = ctx.encounterStart;
    const startDate = new Date(start);
    if (Number.isNaN(startDate.getTime()) || startDate.toISOString() > c.now) {
      warnings.push(
        'The encounter start time was unusable (invalid or in the future); the note period has only an end.',
      );
    } else if (c.profile.periodEndRequired && !hasTime(start)) {
      warnings.push(
        `${c.profile.label} needs times on every date-time; the encounter start has none and was left out.`,
      );
    } else {
      period.start = start;
    }
  }
  const author: Reference[] = c.user ? [authorReference(ctx, c.user)] : [];
  if (!c.user && ctx.fhirUser) {
    warnings.push(`The launch user "${ctx.fhirUser}" is not a person reference; the note is filed without an author.`);
  } else if (!c.user) {
    warnings.push(
      'No fhirUser in the launch: the note is filed without an author (the EHR may file it under a system user).',
    );
  }
  return {
    resourceType: 'DocumentReference',
    ...(c.profile.claimUsCoreProfile ? { meta: { profile: [US_CORE_DOCUMENT_REFERENCE_PROFILE] } } : {}),
    identifier: [assessmentIdentifier(ctx.assessmentId)],
    status: 'current',
    docStatus: c.docStatus,
    type: {
      coding: [{ system: LOINC_SYSTEM, code: c.noteType, ...(display ? { display } : {}) }],
      text: NOTE_TITLE,
    },
    category: [
      { coding: [{ system: US_CORE_DOCUMENT_CATEGORY_SYSTEM, code: 'clinical-note', display: 'Clinical Note' }] },
    ],
    subject: { reference: `Patient/${ctx.patientId}` },
    date: c.now,
    ...(author.length ? { author } : {}),
    description: `${NOTE_TITLE} (decision support, clinician-reviewed)`,
    content: [
      {
        attachment: {
          contentType: c.profile.contentType,
          data: utf8ToBase64(input.noteText),
          title: NOTE_TITLE,
          creation: c.now,
        },
      },
    ],
    context: {
      ...(c.encounterId ? { encounter: [{ reference: `Encounter/${c.encounterId}` }] } : {}),
      period,
    },
  };
}

/** The note's logical reference (by identifier) for companions built before the server assigns an id. */
function noteByIdentifier(assessmentId: string): Reference {
  return { type: 'DocumentReference', identifier: assessmentIdentifier(assessmentId) };
}

/**
 * Provenance: the clinician is the author, Nocturne the assembler. Built before the note exists on the server, so its
 * target names the note by identifier; {@link withProvenanceTarget} swaps in the server's id once known.
 */
export function buildProvenance(args: {
  readonly assessmentId: string;
  readonly author: Reference;
  readonly recorded: string;
  readonly appVersion: string;
  readonly target?: Reference;
}): Provenance {
  return {
    resourceType: 'Provenance',
    target: [args.target ?? noteByIdentifier(args.assessmentId)],
    recorded: args.recorded,
    activity: { coding: [{ system: DATA_OPERATION_SYSTEM, code: 'CREATE', display: 'create' }] },
    agent: [
      {
        type: { coding: [{ system: PROVENANCE_PARTICIPANT_TYPE_SYSTEM, code: 'author', display: 'Author' }] },
        who: args.author,
      },
      {
        type: { coding: [{ system: PROVENANCE_PARTICIPANT_TYPE_SYSTEM, code: 'assembler', display: 'Assembler' }] },
        who: { display: `Nocturne SMART app v${args.appVersion}` },
      },
    ],
  };
}

/** Points a built Provenance at the created note (`DocumentReference/<id>`). Returns a new object. */
export function withProvenanceTarget(provenance: Provenance, noteReference: string): Provenance {
  return { ...provenance, target: [{ reference: noteReference }] };
}

/**
 * Evidence with its source. Values stay exactly as the engine used them (this is the structured record; the note
 * rounds for reading). Patient-derived evidence (age) is dated by the assessment, not by the birth date.
 */
function evidenceText(e: Evidence, now: string): string {
  const date = isPatientEvidence(e) ? `as of ${now.slice(0, 10)}` : e.date?.slice(0, 10);
  const where = e.source === 'form' ? 'form' : [e.reference, date].filter(Boolean).join(', ');
  return where ? `${e.label} (${where})` : e.label;
}

/**
 * ClinicalImpression with the structured differential (FHIR-native servers only: no EHR offers it for create).
 * Findings carry the condition labels as text, not codes: a differential is not a diagnosis and the engine's
 * condition ids are not a terminology.
 */
export function buildClinicalImpression(args: {
  readonly assessment: Assessment;
  readonly assessmentId: string;
  readonly patientId: string;
  readonly encounterId?: string;
  readonly assessor?: Reference;
  readonly now: string;
}): ClinicalImpression {
  const a = args.assessment;
  const ranked = a.differential.filter((d) => d.likelihood !== 'unlikely');
  const line = (e: Evidence) => evidenceText(e, args.now);
  const references = new Set<string>();
  for (const e of [
    ...a.differential.flatMap((d) => [...d.supporting, ...d.opposing]),
    ...a.redFlags.flatMap((f) => f.evidence),
  ]) {
    if (e.reference && /^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(e.reference)) references.add(e.reference);
  }
  const summaryParts = [
    a.redFlags.length
      ? `Red flags: ${a.redFlags.map((f) => `${f.message} (${f.urgency})`).join('; ')}.`
      : 'No red flags identified from the information recorded.',
    ranked.length
      ? `Differential: ${ranked.map((d) => `${d.label} (${d.likelihood})`).join('; ')}.`
      : 'No candidate ranks above unlikely.',
    a.disclaimer,
  ];
  const findings: NonNullable<ClinicalImpression['finding']> = [
    ...a.redFlags.map((f) => ({
      itemCodeableConcept: { text: `Red flag: ${f.message}` },
      basis: `${f.urgency}. ${f.action} Evidence: ${f.evidence.map(line).join('; ') || 'none recorded'}.`,
    })),
    ...ranked.map((d) => ({
      itemCodeableConcept: { text: d.label },
      basis: `${d.likelihood} likelihood (score ${d.score}). For: ${
        d.supporting.map(line).join('; ') || 'none'
      }. Against: ${d.opposing.map(line).join('; ') || 'none'}.`,
    })),
  ];
  const workup = a.workup.filter((w) => !w.alreadyOnFile);
  return {
    resourceType: 'ClinicalImpression',
    identifier: [assessmentIdentifier(args.assessmentId)],
    status: 'completed',
    description: `${NOTE_TITLE} (decision support, clinician-reviewed)`,
    subject: { reference: `Patient/${args.patientId}` },
    ...(args.encounterId ? { encounter: { reference: `Encounter/${args.encounterId}` } } : {}),
    effectiveDateTime: args.now,
    date: args.now,
    ...(args.assessor ? { assessor: args.assessor } : {}),
    summary: summaryParts.join(' '),
    ...(findings.length ? { finding: findings } : {}),
    supportingInfo: [
      noteByIdentifier(args.assessmentId),
      ...[...references].sort().map((reference) => ({ reference })),
    ],
    ...(workup.length
      ? {
          note: [
            { text: `Suggested workup: ${workup.map((w) => `${w.label} (${w.priority}): ${w.reason}`).join(' ')}` },
          ],
        }
      : {}),
  };
}

/** Builds only the DocumentReference; errors and warnings as {@link buildWriteBack}. */
export function buildDocumentReference(input: BuildWriteBackInput): {
  documentReference?: DocumentReference;
  errors: readonly WriteBackError[];
  warnings: readonly string[];
} {
  const errors: WriteBackError[] = [];
  const warnings: string[] = [];
  const c = check(input, errors);
  if (!c) return { errors, warnings };
  return { documentReference: documentReference(input, c, warnings), errors, warnings };
}

/**
 * Everything to write for one assessment: the note, and the companions the options ask for and the profile
 * allows. Errors mean nothing may be written; warnings explain what was left out.
 */
export function buildWriteBack(input: BuildWriteBackInput): WriteBackResult {
  const errors: WriteBackError[] = [];
  const warnings: string[] = [];
  const c = check(input, errors);
  if (!c) {
    return {
      resources: {},
      errors,
      warnings,
      ...(isWriteBackProfileId(input.profile) ? { profile: getWriteBackProfile(input.profile) } : {}),
    };
  }
  const { context: ctx, options } = input;
  const dr = documentReference(input, c, warnings);
  let provenance: Provenance | undefined;
  let clinicalImpression: ClinicalImpression | undefined;

  if (options?.provenance) {
    if (!c.profile.provenance) {
      warnings.push(`${c.profile.label} does not accept Provenance from apps; only the note is written.`);
    } else if (!c.user) {
      warnings.push('No Provenance: the launch did not identify the clinician (no fhirUser) to name as its author.');
    } else {
      provenance = buildProvenance({
        assessmentId: ctx.assessmentId,
        author: authorReference(ctx, c.user),
        recorded: c.now,
        appVersion: ctx.appVersion,
      });
    }
  }
  if (options?.clinicalImpression) {
    if (!c.profile.clinicalImpression) {
      warnings.push(
        `${c.profile.label} does not accept ClinicalImpression; the differential is in the note text only.`,
      );
    } else {
      const assessor =
        c.user && (c.user.resourceType === 'Practitioner' || c.user.resourceType === 'PractitionerRole')
          ? authorReference(ctx, c.user)
          : undefined;
      clinicalImpression = buildClinicalImpression({
        assessment: input.assessment,
        assessmentId: ctx.assessmentId,
        patientId: ctx.patientId,
        ...(c.encounterId ? { encounterId: c.encounterId } : {}),
        ...(assessor ? { assessor } : {}),
        now: c.now,
      });
    }
  }
  return {
    resources: {
      documentReference: dr,
      ...(provenance ? { provenance } : {}),
      ...(clinicalImpression ? { clinicalImpression } : {}),
    },
    errors,
    warnings,
    profile: c.profile,
  };
}
