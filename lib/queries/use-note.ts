/**
 * The note for the chart as a data hook: the generated text, the clinician's edits (the note draft), the FHIR
 * resources built for the configured EHR profile, what this launch may file, and the save — everything the write-back
 * panel shows, as plain data, so the panel is a view and nothing below the UI needs React.
 *
 * Why a mutation that only a click can start: writing to a chart is a clinical act. Nothing here runs on mount, in an
 * effect or on a re-render; `save()` is the only way in, and it refuses while a save is out or once the note is filed.
 *
 * Duplicate protection is layered: this hook answers from the local "already saved" record (a reload after saving
 * sends nothing); `lib/fhir/save-note.ts` joins concurrent saves, asks the server not to file a second copy and
 * reconciles a create whose answer was lost. The words for people are the UI's (`lib/ui/note/note-words.ts`): this
 * hook returns typed problems and reasons.
 */
import { useMutation } from '@tanstack/react-query';
import type { ClinicalImpression, Resource } from 'fhir/r4';
import { useCallback, useMemo, useState } from 'react';
import { assessmentIdentifier } from '../../fhir-mappings/write-back/assessment-id';
import {
  buildWriteBack,
  isClinician,
  parseFhirUser,
  withProvenanceTarget,
  type WriteBackResources,
  type WriteBackResult,
} from '../../fhir-mappings/write-back/build';
import { utf8ByteLength } from '../../fhir-mappings/write-back/encoding';
import { renderNoteText } from '../../fhir-mappings/write-back/note-text';
import { noteTypeDisplay } from '../../fhir-mappings/write-back/note-types';
import {
  getWriteBackProfile,
  type WriteBackProfile,
  type WriteBackProfileId,
} from '../../fhir-mappings/write-back/profiles';
import type { NoteProblem, RequestProblem } from '../core/problem';
import type { Assessment, WorkupItem } from '../engine/assessment';
import type { ChartFacts } from '../engine/facts';
import { clearDraft, type DraftScope } from '../form/draft';
import type { FormAnswers } from '../form/schema';
import type { FhirContext } from '../fhir/http';
import { fileNote } from '../fhir/save-note';
import type { SmartSession } from '../fhir/session';
import { smartFhirContext } from '../fhir/smart';
import { loadNoteDraft, startNewNoteDraft, writeNoteDraft, type NoteDraft } from './note-draft';
import { readSavedNote, writeSavedNote, type SavedNote } from './saved-notes';

export type { CompanionOutcome, FiledNote, NoteCopy } from '../fhir/save-note';
export type { FhirContext } from '../fhir/http';
export type { SmartSession } from '../fhir/session';
export type { SavedNote } from './saved-notes';

/** The write-back settings (from `useClientConfig()`: NOCTURNE_WRITEBACK_PROFILE, NOCTURNE_NOTE_TYPE, …). */
export interface NoteWriteConfig {
  readonly writebackProfile: WriteBackProfileId;
  readonly noteType: string;
  readonly writeProvenance: boolean;
  readonly writeClinicalImpression: boolean;
}

/** The patient as the note's header names them. */
export interface NotePatientInput {
  readonly name: string;
  readonly birthDate?: string | undefined;
  readonly sex?: string | undefined;
}

export interface UseNoteParams {
  readonly session: Pick<SmartSession, 'serverUrl' | 'patientId' | 'encounterId' | 'fhirUser' | 'capabilities'>;
  readonly assessment: Assessment;
  readonly answers: FormAnswers;
  readonly facts: ChartFacts;
  readonly patient?: NotePatientInput | undefined;
  readonly config: NoteWriteConfig;
  /** Same scope as the form draft: the note draft lives beside it. */
  readonly draftScope: DraftScope;
  /** The launch encounter's start (Encounter.period.start), when the page knows it. */
  readonly encounterStart?: string | undefined;
  /** The clinician's display name, when the page knows it. */
  readonly clinicianName?: string | undefined;
  readonly appVersion?: string | undefined;
  /** The FHIR context (authorisation, fetch); default: the SMART session's. Injected in tests. */
  readonly fhirContext?: (() => Promise<FhirContext>) | undefined;
  /** Clock read at the moment of filing (default: the real clock). */
  readonly now?: (() => Date) | undefined;
  /**
   * The suggested workup items the clinician ticked to order (from the workspace): the note's plan lists them as
   * ordered; with none ticked, the plan states the suggestions as suggestions.
   */
  readonly plannedWorkup?: readonly WorkupItem[] | undefined;
}

/**
 * Why Save is not available, most decisive first. `not-a-clinician`: the launch user is a patient or a patient's
 * representative (issue 12); `note-problems`: the note breaks the profile's rules (see `problems`).
 */
export type SaveBlock = 'saved' | 'saving' | 'no-write-scope' | 'not-a-clinician' | 'note-problems';

/** Where and how the note will be filed: what the panel shows before the click. */
export interface NoteFiling {
  readonly profile: Pick<WriteBackProfile, 'id' | 'label' | 'docStatus' | 'docStatusNote'>;
  readonly noteType: { readonly code: string; readonly display?: string | undefined };
  /** The launch's fhirUser (a reference), when the launch named one. */
  readonly author?: string | undefined;
  readonly clinicianName?: string | undefined;
  readonly encounter?: string | undefined;
  readonly patient: string;
  /** The note's stable identifier value (`urn:uuid:…`). */
  readonly identifier: string;
  /** The body's MIME type and the docStatus, once the note can be built. */
  readonly contentType?: string | undefined;
  readonly docStatus?: string | undefined;
}

export interface UseNote {
  /** The text shown: the filed text once saved, else the clinician's edit, else the generated note. */
  readonly text: string;
  readonly edited: boolean;
  /** The assessment changed after the clinician edited the note (the edit is kept). */
  readonly stale: boolean;
  readonly bytes: number;
  readonly filing: NoteFiling;
  /** Why the note cannot be filed as it stands (shown above the note). */
  readonly problems: readonly NoteProblem[];
  /** What the builder left out on purpose, in its words (a companion the profile does not accept…). */
  readonly warnings: readonly string[];
  /** Companions the configuration asks for but this launch was not granted permission to create. */
  readonly companionsNotGranted: readonly ('Provenance' | 'ClinicalImpression')[];
  readonly saving: boolean;
  /** The filed note, from this save or from the local record (a reload after saving). */
  readonly saved?: SavedNote | undefined;
  /** Why the last save failed (the text and the drafts are untouched). */
  readonly failure?: RequestProblem | undefined;
  readonly block?: SaveBlock | undefined;
  /** Starts a save; ignored while blocked. Call only from a click handler. */
  save(): void;
  edit(text: string): { stored: boolean };
  /** Drops the edit and goes back to the generated text. */
  resetToGenerated(): void;
  /** After a note was filed: a new assessment id, no edits. */
  startNew(): void;
}

/** Builds the write-back resources for `now`, dropping the companions this launch may not create. */
function buildFor(
  p: UseNoteParams,
  text: string,
  assessmentId: string,
  appVersion: string,
  now: Date | string,
): { result: WriteBackResult; notGranted: ('Provenance' | 'ClinicalImpression')[] } {
  const { session, config } = p;
  const result = buildWriteBack({
    assessment: p.assessment,
    noteText: text,
    profile: config.writebackProfile,
    noteType: config.noteType,
    options: { provenance: config.writeProvenance, clinicalImpression: config.writeClinicalImpression },
    context: {
      assessmentId,
      patientId: session.patientId,
      encounterId: session.encounterId ?? null,
      fhirUser: session.fhirUser ?? null,
      ...(p.clinicianName ? { authorDisplay: p.clinicianName } : {}),
      serverBaseUrl: session.serverUrl,
      encounterStart: p.encounterStart ?? null,
      now,
      appVersion,
    },
  });
  // The configuration asks, the profile decides (the builder explains a refusal), the granted scopes decide last.
  const { provenance, clinicalImpression, ...rest } = result.resources;
  const mayProvenance = session.capabilities.createProvenance;
  const mayImpression = session.capabilities.createClinicalImpression;
  const notGranted: ('Provenance' | 'ClinicalImpression')[] = [];
  if (provenance && !mayProvenance) notGranted.push('Provenance');
  if (clinicalImpression && !mayImpression) notGranted.push('ClinicalImpression');
  const resources: WriteBackResources = {
    ...rest,
    ...(provenance && mayProvenance ? { provenance } : {}),
    ...(clinicalImpression && mayImpression ? { clinicalImpression } : {}),
  };
  return { result: { ...result, resources }, notGranted };
}

/** The companions in filing order, pointed at the created note. */
function companionsOf(resources: WriteBackResources): (noteReference: string) => Resource[] {
  return (noteReference) => {
    const out: Resource[] = [];
    if (resources.provenance) out.push(withProvenanceTarget(resources.provenance, noteReference));
    if (resources.clinicalImpression) {
      const ci = resources.clinicalImpression;
      const pointed: ClinicalImpression = {
        ...ci,
        supportingInfo: [
          { reference: noteReference },
          ...(ci.supportingInfo ?? []).filter((r) => r.type !== 'DocumentReference'),
        ],
      };
      out.push(pointed);
    }
    return out;
  };
}

interface SaveVariables {
  readonly resources: WriteBackResources;
  readonly profile: WriteBackProfile;
  readonly assessmentId: string;
  readonly text: string;
}

/** The note panel's data: see the module comment. */
export function useNote(p: UseNoteParams): UseNote {
  const { session, config, draftScope } = p;
  // From next.config.js `env` at build time: no bundle imports package.json.
  const appVersion = p.appVersion ?? process.env.NOCTURNE_VERSION ?? 'unversioned';
  const [draft, setDraftState] = useState<NoteDraft>(() => loadNoteDraft(draftScope));
  const assessmentId = draft.assessmentId;
  const serverUrl = session.serverUrl;
  const [savedState, setSaved] = useState<{ id: string; note?: SavedNote | undefined }>(() => ({
    id: assessmentId,
    note: readSavedNote(serverUrl, assessmentId),
  }));
  // Reading the local record is not a write: it only tells the panel a reload happened after filing.
  const saved = savedState.id === assessmentId ? savedState.note : readSavedNote(serverUrl, assessmentId);

  const generated = useMemo(
    () =>
      renderNoteText({
        assessment: p.assessment,
        form: p.answers,
        facts: p.facts,
        ...(p.patient
          ? {
              patient: {
                name: p.patient.name,
                ...(p.patient.birthDate ? { birthDate: p.patient.birthDate } : {}),
                ...(p.patient.sex ? { sex: p.patient.sex } : {}),
              },
            }
          : {}),
        context: {
          appVersion,
          ...(session.encounterId ? { encounter: `Encounter/${session.encounterId}` } : {}),
          ...(p.clinicianName ? { clinician: p.clinicianName } : {}),
        },
      }),
    [p.assessment, p.answers, p.facts, p.patient, p.clinicianName, appVersion, session.encounterId],
  );

  const text = saved ? (draft.filedText ?? draft.edit?.text ?? generated) : (draft.edit?.text ?? generated);
  const edited = !saved && draft.edit !== undefined && draft.edit.text !== generated;
  const stale = edited && draft.edit?.baseText !== generated;

  // The preview is built with the assessment's clock; the filed copy gets the moment of the click.
  const preview = useMemo(
    () => buildFor(p, text, assessmentId, appVersion, p.assessment.generatedAt),
    [
      p.assessment,
      text,
      assessmentId,
      appVersion,
      config.writebackProfile,
      config.noteType,
      config.writeProvenance,
      config.writeClinicalImpression,
      session,
      p.clinicianName,
      p.encounterStart,
    ],
  );

  const mutation = useMutation<Awaited<ReturnType<typeof fileNote>>, Error, SaveVariables>({
    mutationKey: ['nocturne', 'save-note', serverUrl, assessmentId],
    mutationFn: async ({ resources, profile }) => {
      const note = resources.documentReference!;
      return fileNote({
        ctx: await (p.fhirContext ?? (() => smartFhirContext()))(),
        note,
        identifier: assessmentIdentifier(assessmentId),
        patientId: session.patientId,
        conditionalCreate: profile.conditionalCreate,
        companions: companionsOf(resources),
      });
    },
    onSuccess: (result, variables) => {
      if (result.status !== 'saved') return;
      const record: SavedNote = {
        ...result.note,
        serverUrl: serverUrl.replace(/\/+$/, ''),
        assessmentId: variables.assessmentId,
        savedAt: (p.now ?? (() => new Date()))().toISOString(),
        source: 'request',
      };
      // Remember first: whatever happens next, this note must never be offered for filing again.
      writeSavedNote(record);
      clearDraft(draftScope);
      const next: NoteDraft = { assessmentId: variables.assessmentId, filedText: variables.text };
      writeNoteDraft(draftScope, next);
      setDraftState(next);
      setSaved({ id: variables.assessmentId, note: record });
    },
  });

  const user = parseFhirUser(session.fhirUser, session.serverUrl);
  const problems = preview.result.errors;
  const block: SaveBlock | undefined = saved
    ? 'saved'
    : mutation.isPending
      ? 'saving'
      : !session.capabilities.createDocumentReference
        ? 'no-write-scope'
        : user && !isClinician(user)
          ? 'not-a-clinician'
          : problems.length > 0
            ? 'note-problems'
            : undefined;

  // Built again at the click, with the clock read then: the filed note is dated by the moment of filing.
  const { mutate } = mutation;
  const save = () => {
    if (block) return;
    const { result } = buildFor(p, text, assessmentId, appVersion, (p.now ?? (() => new Date()))());
    if (result.errors.length || !result.profile || !result.resources.documentReference) return;
    mutate({ resources: result.resources, profile: result.profile, assessmentId, text });
  };

  const edit = useCallback(
    (value: string) => {
      const next: NoteDraft = { assessmentId, edit: { text: value, baseText: generated } };
      setDraftState(next);
      return { stored: writeNoteDraft(draftScope, next) };
    },
    [assessmentId, generated, draftScope],
  );
  const resetToGenerated = useCallback(() => {
    const next: NoteDraft = { assessmentId };
    setDraftState(next);
    writeNoteDraft(draftScope, next);
  }, [assessmentId, draftScope]);
  const { reset } = mutation;
  const startNew = useCallback(() => {
    const next = startNewNoteDraft(draftScope);
    reset();
    setDraftState(next);
    setSaved({ id: next.assessmentId });
  }, [draftScope, reset]);

  const result = mutation.data;
  const failure: RequestProblem | undefined =
    result?.status === 'failed'
      ? result.problem
      : mutation.error
        ? // The session's FHIR context could not be had (no SMART state in this tab): nothing was sent.
          { kind: 'request', code: 'unauthorized', message: mutation.error.message, status: 0, retryable: false }
        : undefined;

  const profile = getWriteBackProfile(config.writebackProfile);
  const dr = preview.result.resources.documentReference;
  const filing: NoteFiling = {
    profile: {
      id: profile.id,
      label: profile.label,
      docStatus: profile.docStatus,
      docStatusNote: profile.docStatusNote,
    },
    noteType: { code: config.noteType, display: noteTypeDisplay(config.noteType) },
    author: session.fhirUser ?? undefined,
    clinicianName: p.clinicianName,
    encounter: session.encounterId ? `Encounter/${session.encounterId}` : undefined,
    patient: `Patient/${session.patientId}`,
    identifier: assessmentIdentifier(assessmentId).value,
    contentType: dr?.content[0]?.attachment.contentType,
    docStatus: dr?.docStatus,
  };

  return {
    text,
    edited,
    stale,
    bytes: utf8ByteLength(text),
    filing,
    problems,
    warnings: preview.result.warnings,
    companionsNotGranted: preview.notGranted,
    saving: mutation.isPending,
    saved,
    failure: saved ? undefined : failure,
    block,
    save,
    edit,
    resetToGenerated,
    startNew,
  };
}
