'use client';
/**
 * The write-back panel: preview exactly what will be filed, edit it, and file it with one explicit click.
 *
 * Why it shows the filing details (profile, note type, status, author, encounter, identifier) and not just the text:
 * "exactly what will be filed" includes where and under whose name; a clinician must be able to see that a note
 * would go in as preliminary under their name against today's visit before clicking.
 *
 * Why nothing is filed except from the button: writing to a chart is a clinical act. The panel renders, previews and
 * stores edits (sessionStorage) freely, but the only network write is `save()` in the click handler.
 *
 * Keyboard and screen readers: native controls only (textarea, buttons, link); the reason a button is disabled is
 * its accessible description; outcomes are announced (role=status for progress and success, role=alert for errors).
 */
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { buildWriteBack, type WriteBackResult } from '../../../fhir-mappings/write-back/build';
import { assessmentIdentifier } from '../../../fhir-mappings/write-back/assessment-id';
import { utf8ByteLength } from '../../../fhir-mappings/write-back/encoding';
import { noteSources, renderNoteText } from '../../../fhir-mappings/write-back/note-text';
import { noteTypeDisplay } from '../../../fhir-mappings/write-back/note-types';
import { getWriteBackProfile, type WriteBackProfileId } from '../../../fhir-mappings/write-back/profiles';
import type { Assessment, WorkupItem } from '../../engine/assessment';
import type { ChartFacts } from '../../engine/facts';
import { clearDraft, type DraftScope } from '../../form/draft';
import type { FormAnswers } from '../../form/schema';
import type { FhirContext } from '../../fhir/http';
import type { SavedNote } from '../../fhir/save-note';
import type { SmartSession } from '../../fhir/session';
import { SAVE_DISABLED_TEXT, useSaveNote } from '../../queries/use-save-note';
import type { PatientSummary } from '../types';
import { safeText } from '../../core/safe-text';
import { copyNoteText, downloadNoteText, noteFileName, printNote } from './note-actions';
import { noteChanges } from './note-changes';
import { loadNoteDraft, startNewNoteDraft, writeNoteDraft, type NoteDraft } from './note-draft';
import { PrintView } from './print-view';
import packageJson from '../../../package.json';

/** The write-back settings (from `useClientConfig()`: NOCTURNE_WRITEBACK_PROFILE, NOCTURNE_NOTE_TYPE, …). */
export interface NoteWriteConfig {
  readonly writebackProfile: WriteBackProfileId;
  readonly noteType: string;
  readonly writeProvenance: boolean;
  readonly writeClinicalImpression: boolean;
}

export interface NotePanelProps {
  readonly session: Pick<SmartSession, 'serverUrl' | 'patientId' | 'encounterId' | 'fhirUser' | 'capabilities'>;
  readonly assessment: Assessment;
  readonly answers: FormAnswers;
  readonly facts: ChartFacts;
  readonly patient?: PatientSummary;
  readonly config: NoteWriteConfig;
  /** Same scope as the form draft: the note draft lives beside it. */
  readonly draftScope: DraftScope;
  /** The launch encounter's start (Encounter.period.start), when the page knows it. */
  readonly encounterStart?: string;
  /** The clinician's display name, when the page knows it. */
  readonly clinicianName?: string;
  readonly appVersion?: string;
  /** Injected in tests; default: the SMART session's FHIR context. */
  readonly fhirContext?: () => Promise<FhirContext>;
  /** Clock read at the moment of filing (default: the real clock). */
  readonly now?: () => Date;
  /** The workup the clinician ticked to order (from the workspace): the note's plan lists these as ordered. */
  readonly plannedWorkup?: readonly WorkupItem[] | undefined;
  /** The clinician's IANA time zone for the note's date and time (default: this browser's). */
  readonly timeZone?: string | undefined;
}

/** This browser's time zone ("Europe/London"); UTC when the runtime cannot say. */
function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The panel. Remounts its inner state per assessment id (a new note starts clean). */
export function NotePanel(props: NotePanelProps) {
  const [draft, setDraft] = useState<NoteDraft>(() => loadNoteDraft(props.draftScope));
  const onNewNote = useCallback(() => setDraft(startNewNoteDraft(props.draftScope)), [props.draftScope]);
  return <NotePanelInner key={draft.assessmentId} {...props} draft={draft} setDraft={setDraft} onNewNote={onNewNote} />;
}

function NotePanelInner(
  props: NotePanelProps & {
    draft: NoteDraft;
    setDraft: (d: NoteDraft) => void;
    onNewNote: () => void;
  },
) {
  const { session, assessment, answers, facts, config, draft, setDraft, draftScope } = props;
  const appVersion = props.appVersion ?? packageJson.version;
  const ids = useId();
  const textId = `${ids}-text`;
  const reasonId = `${ids}-reason`;
  const sizeId = `${ids}-size`;
  const titleId = `${ids}-title`;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');

  const profile = getWriteBackProfile(config.writebackProfile);
  const timeZone = props.timeZone ?? browserTimeZone();
  const ticked = useMemo(() => (props.plannedWorkup ?? []).map((w) => w.id), [props.plannedWorkup]);
  const generated = useMemo(
    () =>
      renderNoteText({
        assessment,
        form: answers,
        facts,
        ...(props.patient
          ? {
              patient: {
                name: props.patient.name,
                ...(props.patient.birthDate ? { birthDate: props.patient.birthDate } : {}),
                ...(props.patient.sex ? { sex: props.patient.sex } : {}),
              },
            }
          : {}),
        context: {
          appVersion,
          timeZone,
          ...(props.clinicianName ? { clinician: props.clinicianName } : {}),
        },
        plan: { ticked },
      }),
    [assessment, answers, facts, props.patient, props.clinicianName, appVersion, timeZone, ticked],
  );

  // The exact text sent by the click, so the "filed" copy is what was filed even if a re-render changed the draft.
  const sentText = useRef<string | null>(null);
  const onSaved = useCallback(
    (note: SavedNote) => {
      clearDraft(draftScope);
      const next: NoteDraft = { assessmentId: draft.assessmentId, filedText: sentText.current ?? generated };
      writeNoteDraft(draftScope, next);
      setDraft(next);
      setStatus(`Saved to the chart as ${note.reference}.`);
    },
    [draftScope, draft.assessmentId, generated, setDraft],
  );

  const saver = useSaveNote({
    session,
    assessmentId: draft.assessmentId,
    ...(props.fhirContext ? { fhirContext: props.fhirContext } : {}),
    onSaved,
  });

  const text = saver.saved ? (draft.filedText ?? draft.edit?.text ?? generated) : (draft.edit?.text ?? generated);
  const edited = !saver.saved && draft.edit !== undefined && draft.edit.text !== generated;
  const stale = edited && draft.edit.baseText !== generated;

  // Companions: the configuration asks, the profile decides (the builder explains a refusal), and the granted
  // scopes decide last (a companion the launch may not create is dropped here, with a note in the preview).
  const mayProvenance = session.capabilities.createProvenance;
  const mayImpression = session.capabilities.createClinicalImpression;
  const build = useCallback(
    (now: Date | string): WriteBackResult => {
      const result = buildWriteBack({
        assessment,
        noteText: text,
        profile: config.writebackProfile,
        noteType: config.noteType,
        options: { provenance: config.writeProvenance, clinicalImpression: config.writeClinicalImpression },
        sources: noteSources(assessment, facts),
        context: {
          assessmentId: draft.assessmentId,
          patientId: session.patientId,
          encounterId: session.encounterId ?? null,
          fhirUser: session.fhirUser ?? null,
          ...(props.clinicianName ? { authorDisplay: props.clinicianName } : {}),
          serverBaseUrl: session.serverUrl,
          encounterStart: props.encounterStart ?? null,
          now,
          appVersion,
        },
      });
      const { provenance, clinicalImpression, ...rest } = result.resources;
      const warnings = [...result.warnings];
      if (provenance && !mayProvenance) {
        warnings.push('No Provenance will be written: this launch was not granted permission to create Provenance.');
      }
      if (clinicalImpression && !mayImpression) {
        warnings.push(
          'No ClinicalImpression will be written: this launch was not granted permission to create ClinicalImpression.',
        );
      }
      return {
        ...result,
        warnings,
        resources: {
          ...rest,
          ...(provenance && mayProvenance ? { provenance } : {}),
          ...(clinicalImpression && mayImpression ? { clinicalImpression } : {}),
        },
      };
    },
    [
      assessment,
      facts,
      text,
      config.writebackProfile,
      config.noteType,
      config.writeProvenance,
      config.writeClinicalImpression,
      mayProvenance,
      mayImpression,
      draft.assessmentId,
      session,
      props.clinicianName,
      props.encounterStart,
      appVersion,
    ],
  );
  // The preview is built with the assessment's clock; the filed copy gets the moment of the click.
  const preview = useMemo(() => build(assessment.generatedAt), [build, assessment.generatedAt]);
  const warnings = preview.warnings;

  const onEdit = (input: string) => {
    // Control and bidi characters pasted into the note never reach the chart, the clipboard or a download.
    const value = safeText(input);
    const next: NoteDraft = { assessmentId: draft.assessmentId, edit: { text: value, baseText: generated } };
    setDraft(next);
    if (!writeNoteDraft(draftScope, next)) {
      setStatus('This browser did not allow saving your edits: they are kept only while this page stays open.');
    }
  };
  const onUseGenerated = () => {
    const next: NoteDraft = { assessmentId: draft.assessmentId };
    setDraft(next);
    writeNoteDraft(draftScope, next);
    setStatus('The note was reset to the generated text.');
  };

  const buildBlocked = preview.errors.length > 0;
  const disabledText = saver.disabledReason
    ? SAVE_DISABLED_TEXT[saver.disabledReason]
    : buildBlocked
      ? 'Saving is not possible until the problem above is resolved. You can still copy, download or print the note.'
      : undefined;

  const onSave = () => {
    if (saver.disabledReason || buildBlocked) return;
    const result = build((props.now ?? (() => new Date()))());
    if (result.errors.length || !result.profile) return;
    sentText.current = text;
    setStatus('');
    saver.save({ resources: result.resources, profile: result.profile });
  };

  const onCopy = async () => {
    const r = await copyNoteText(text, textarea.current);
    setStatus(
      r === 'copied'
        ? 'The note was copied to the clipboard.'
        : 'Copying was blocked by the browser: select the text and press Ctrl+C (⌘C on a Mac).',
    );
  };
  const onDownload = () => {
    downloadNoteText(text, noteFileName(assessment.generatedAt));
    setStatus('The note was downloaded as a text file.');
  };

  const noteTypeLabel = noteTypeDisplay(config.noteType);
  const dr = preview.resources.documentReference;
  const author = session.fhirUser ?? undefined;
  const bytes = utf8ByteLength(text);

  return (
    <section className="panel note-panel" aria-labelledby={titleId} data-testid="note-panel" data-print-section="note">
      <div className="panel-head">
        <h2 className="panel-title" id={titleId}>
          Note for the chart
        </h2>
      </div>
      <p className="muted small no-print">
        Review and edit the note below. Nothing is written to the chart until you click “Save note to chart”.
      </p>

      <div role="group" aria-label="Where the note will be filed" className="note-target no-print">
        <dl className="fact-rows">
          <div className="fact-row">
            <dt>EHR profile</dt>
            <dd>
              {profile.label} — {profile.docStatusNote}
            </dd>
          </div>
          <div className="fact-row">
            <dt>Note type</dt>
            <dd>
              LOINC {config.noteType}
              {noteTypeLabel ? ` ${noteTypeLabel}` : ''} · clinical note
            </dd>
          </div>
          <div className="fact-row">
            <dt>Author</dt>
            <dd>
              {author
                ? `${props.clinicianName ? `${props.clinicianName} (${author})` : author}`
                : 'Not identified by this launch (no fhirUser)'}
            </dd>
          </div>
          <div className="fact-row">
            <dt>Encounter</dt>
            <dd>{session.encounterId ? `Encounter/${session.encounterId}` : 'None in this launch'}</dd>
          </div>
          <div className="fact-row">
            <dt>Patient</dt>
            <dd>Patient/{session.patientId}</dd>
          </div>
          <div className="fact-row">
            <dt>Identifier</dt>
            <dd>
              <code>{assessmentIdentifier(draft.assessmentId).value}</code>
            </dd>
          </div>
          {dr ? (
            <div className="fact-row">
              <dt>Format</dt>
              <dd>
                {dr.content[0]?.attachment.contentType}, status {dr.docStatus}
              </dd>
            </div>
          ) : null}
        </dl>
      </div>

      {preview.errors.length ? (
        <div className="notice notice-warn" role="alert" data-testid="note-build-errors">
          <div>
            <p>
              <strong>This note cannot be filed to {profile.label} yet:</strong>
            </p>
            <ul>
              {preview.errors.map((e) => (
                <li key={e.code}>{e.message}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {warnings.length && !saver.saved ? (
        <div className="notice notice-info no-print" data-testid="note-warnings">
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {stale ? (
        <div className="notice notice-warn no-print" data-testid="note-stale">
          <p>
            The assessment changed after you edited the note. Your edited text is kept as it is; it does not include the
            changes below.
          </p>
          <NoteChangeList before={draft.edit.baseText} after={generated} />
          <button type="button" className="button button-small" onClick={onUseGenerated}>
            Use the updated note (discards my edits)
          </button>
        </div>
      ) : null}

      <label htmlFor={textId} className="block-title no-print">
        {saver.saved ? 'Filed note' : 'Note text (you can edit it before saving)'}
      </label>
      <textarea
        id={textId}
        ref={textarea}
        className="note-text no-print"
        value={text}
        onChange={(e) => onEdit(e.target.value)}
        readOnly={Boolean(saver.saved) || saver.isSaving}
        rows={24}
        spellCheck
        aria-describedby={sizeId}
        style={{ width: '100%', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
      />
      <p id={sizeId} className="small muted no-print">
        {text.length.toLocaleString('en')} characters ({(bytes / 1024).toFixed(1)} kB)
        {edited ? ' · edited' : ''}
      </p>

      <div
        className="toolbar no-print"
        role="group"
        aria-label="Note actions"
        style={{ justifyContent: 'flex-start', flexWrap: 'wrap' }}
      >
        <button
          type="button"
          className="button"
          onClick={onSave}
          disabled={Boolean(disabledText)}
          aria-describedby={disabledText ? reasonId : undefined}
        >
          {saver.isSaving ? 'Saving…' : saver.saved ? 'Saved to chart' : 'Save note to chart'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => void onCopy()}>
          Copy note
        </button>
        <button type="button" className="button button-quiet" onClick={onDownload}>
          Download .txt
        </button>
        <button type="button" className="button button-quiet" onClick={printNote}>
          Print / save as PDF
        </button>
        {edited ? (
          <button type="button" className="button button-quiet" onClick={onUseGenerated}>
            Reset to generated text
          </button>
        ) : null}
      </div>
      {disabledText && saver.disabledReason !== 'saved' && saver.disabledReason !== 'saving' ? (
        <p id={reasonId} className="small no-print" data-testid="save-disabled-reason">
          {disabledText}
        </p>
      ) : disabledText ? (
        <span id={reasonId} className="sr-only">
          {disabledText}
        </span>
      ) : null}

      <p role="status" aria-live="polite" className="small muted no-print" data-testid="note-status">
        {saver.isSaving ? 'Saving the note to the chart…' : status}
      </p>

      {saver.error ? (
        <div className="notice notice-warn no-print" role="alert" data-testid="note-error">
          <div>
            <p>
              <strong>Not saved.</strong> {saver.error.message}
            </p>
            <p>{saver.error.action}</p>
          </div>
        </div>
      ) : null}

      {saver.saved ? (
        <div className="notice notice-info no-print" data-testid="note-saved">
          <div>
            <p>
              <strong>{saver.saved.alreadyExisted ? 'Already in the chart' : 'Saved to the chart'}</strong> as{' '}
              <a href={saver.saved.url} target="_blank" rel="noreferrer noopener" data-testid="note-link">
                {saver.saved.reference}
              </a>
              {profile.docStatus === 'preliminary' ? ' (preliminary: review and sign it in the EHR).' : '.'}
            </p>
            {saver.saved.companions.map((c) => (
              <p key={c.resourceType}>
                {c.status === 'saved' ? `${c.resourceType} saved as ${c.reference}.` : c.message}
              </p>
            ))}
            <button type="button" className="button button-small" onClick={props.onNewNote}>
              Start a new note
            </button>
          </div>
        </div>
      ) : null}

      <PrintView
        text={text}
        patient={props.patient}
        advice={assessment.advice}
        generatedAt={assessment.generatedAt}
        timeZone={timeZone}
      />
    </section>
  );
}

const MAX_CHANGES = 8;

/** The lines of the updated note that differ from the one the edit started from. */
function NoteChangeList({ before, after }: { before: string; after: string }) {
  const { added, removed } = noteChanges(before, after);
  const lines = [
    ...added.map((text) => ({ text, sign: 'Now', key: `+${text}` })),
    ...removed.map((text) => ({ text, sign: 'No longer', key: `-${text}` })),
  ];
  if (!lines.length) return null;
  return (
    <ul className="note-changes" data-testid="note-changes">
      {lines.slice(0, MAX_CHANGES).map((l) => (
        <li key={l.key}>
          <strong>{l.sign}:</strong> {l.text}
        </li>
      ))}
      {lines.length > MAX_CHANGES ? <li>…and {lines.length - MAX_CHANGES} further changed lines.</li> : null}
    </ul>
  );
}
