'use client';
/**
 * The write-back panel: preview exactly what will be filed, edit it, and file it with one explicit click.
 *
 * Why it shows the filing details (profile, note type, status, author, encounter, identifier) and not just the text:
 * "exactly what will be filed" includes where and under whose name; a clinician must be able to see that a note
 * would go in as preliminary under their name against today's visit before clicking. In words: the FHIR references,
 * identifier and MIME type an EHR team checks a filed note against are one click away ("Technical details").
 *
 * Why nothing is filed except from the button: writing to a chart is a clinical act. The panel renders, previews and
 * stores edits (sessionStorage) freely, but the only network write is `save()` in the click handler.
 *
 * Keyboard and screen readers: native controls only (textarea, buttons, link); the reason a button is disabled is
 * its accessible description; outcomes are announced (role=status for progress and success, role=alert for errors).
 */
import { useId, useRef, useState } from 'react';
import { useNote, type NoteChanges, type UseNoteParams } from '../../queries/use-note';
import { formatDate } from '../../engine/format';
import type { PatientSummary } from '../types';
import { copyNoteText, downloadNoteText, noteFileName, printNote } from './note-actions';
import {
  RECONCILED_WORDS,
  SAVE_BLOCK_WORDS,
  companionWords,
  duplicatesWords,
  failureWords,
  filedWords,
  notGrantedWords,
} from './note-words';
import { PrintView } from './print-view';

export type { NoteWriteConfig } from '../../queries/use-note';

/**
 * What the page passes: the inputs of the note's data hook (session, assessment, configuration, draft scope, the
 * ticked workup, the clinician's time zone…); the patient as the workspace banner shows them (the print view repeats
 * that banner on every page).
 */
export type NotePanelProps = Omit<UseNoteParams, 'patient'> & { readonly patient?: PatientSummary | undefined };

/** The panel: a view over {@link useNote}. */
export function NotePanel(props: NotePanelProps) {
  const note = useNote(props);
  const ids = useId();
  const textId = `${ids}-text`;
  const reasonId = `${ids}-reason`;
  const sizeId = `${ids}-size`;
  const titleId = `${ids}-title`;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');
  const { filing, saved, text } = note;
  const profile = filing.profile;

  const onEdit = (value: string) => {
    if (!note.edit(value).stored) {
      setStatus('This browser did not allow saving your edits: they are kept only while this page stays open.');
    }
  };
  const onUseGenerated = () => {
    note.resetToGenerated();
    setStatus('The note was reset to the generated text.');
  };
  const onSave = () => {
    setStatus('');
    note.save();
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
    downloadNoteText(text, noteFileName(props.assessment.generatedAt));
    setStatus('The note was downloaded as a text file.');
  };
  const onNewNote = () => {
    note.startNew();
    setStatus('');
  };

  const disabledText = note.block ? SAVE_BLOCK_WORDS[note.block] : undefined;
  const failure = note.failure ? failureWords(note.failure, profile.id) : undefined;
  const warnings = [...note.warnings, ...note.companionsNotGranted.map(notGrantedWords)];
  // The reason a patient may not file is the disabled reason; it is not repeated in the list of note problems.
  const problems = note.problems.filter((p) => p.code !== 'author-not-clinician');
  const savedStatus = saved && saved.source === 'request' ? `Saved to the chart as ${saved.reference}.` : '';

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
            <dd>{filing.noteType.display ?? 'Clinical note'}</dd>
          </div>
          <div className="fact-row">
            <dt>Author</dt>
            <dd>
              {filing.clinicianName ??
                (filing.author ? 'The clinician who opened Nocturne from the EHR' : 'Not identified by this launch')}
            </dd>
          </div>
          <div className="fact-row">
            <dt>Visit</dt>
            <dd>
              {filing.encounter
                ? props.encounterStart
                  ? `This visit, ${formatDate(props.encounterStart, props.timeZone)}`
                  : 'The visit Nocturne was opened from'
                : 'None in this launch'}
            </dd>
          </div>
          <div className="fact-row">
            <dt>Patient</dt>
            <dd>{props.patient?.name ?? 'The patient Nocturne was opened for'}</dd>
          </div>
        </dl>
        {/* The references an EHR team checks a filed note against: one click away, not in the clinician's view. */}
        <details className="filing-details">
          <summary>Technical details for your EHR team</summary>
          <dl className="fact-rows">
            <div className="fact-row">
              <dt>Note type code</dt>
              <dd>
                LOINC {filing.noteType.code}
                {filing.noteType.display ? ` ${filing.noteType.display}` : ''}
              </dd>
            </div>
            <div className="fact-row">
              <dt>Author</dt>
              <dd>{filing.author ?? 'none (no fhirUser)'}</dd>
            </div>
            <div className="fact-row">
              <dt>Encounter</dt>
              <dd>{filing.encounter ?? 'none'}</dd>
            </div>
            <div className="fact-row">
              <dt>Patient</dt>
              <dd>{filing.patient}</dd>
            </div>
            <div className="fact-row">
              <dt>Identifier</dt>
              <dd>
                <code>{filing.identifier}</code>
              </dd>
            </div>
            {filing.contentType ? (
              <div className="fact-row">
                <dt>Format</dt>
                <dd>
                  {filing.contentType}, status {filing.docStatus}
                </dd>
              </div>
            ) : null}
          </dl>
        </details>
      </div>

      {problems.length ? (
        <div className="notice notice-warn" role="alert" data-testid="note-build-errors">
          <div>
            <p>
              <strong>This note cannot be filed to {profile.label} yet:</strong>
            </p>
            <ul>
              {problems.map((e) => (
                <li key={e.code}>{e.message}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {warnings.length && !saved ? (
        <div className="notice notice-info no-print" data-testid="note-warnings">
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {note.stale ? (
        <div className="notice notice-warn no-print" data-testid="note-stale">
          <p>
            The assessment changed after you edited the note. Your edited text is kept as it is; it does not include the
            changes below.
          </p>
          {note.changes ? <NoteChangeList changes={note.changes} /> : null}
          <button type="button" className="button button-small" onClick={onUseGenerated}>
            Use the updated note (discards my edits)
          </button>
        </div>
      ) : null}

      <label htmlFor={textId} className="block-title no-print">
        {saved ? 'Filed note' : 'Note text (you can edit it before saving)'}
      </label>
      <textarea
        id={textId}
        ref={textarea}
        className="note-text no-print"
        value={text}
        onChange={(e) => onEdit(e.target.value)}
        readOnly={Boolean(saved) || note.saving}
        rows={24}
        spellCheck
        aria-describedby={sizeId}
        style={{ width: '100%', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
      />
      <p id={sizeId} className="small muted no-print">
        {text.length.toLocaleString('en')} characters ({(note.bytes / 1024).toFixed(1)} kB)
        {note.edited ? ' · edited' : ''}
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
          {note.saving ? 'Saving…' : saved ? 'Saved to chart' : 'Save note to chart'}
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
        {note.edited ? (
          <button type="button" className="button button-quiet" onClick={onUseGenerated}>
            Reset to generated text
          </button>
        ) : null}
      </div>
      {disabledText && note.block !== 'saved' && note.block !== 'saving' ? (
        <p id={reasonId} className="small no-print" data-testid="save-disabled-reason">
          {disabledText}
        </p>
      ) : disabledText ? (
        <span id={reasonId} className="sr-only">
          {disabledText}
        </span>
      ) : null}

      <p role="status" aria-live="polite" className="small muted no-print" data-testid="note-status">
        {note.saving ? 'Saving the note to the chart…' : status || savedStatus}
      </p>

      {failure ? (
        <div className="notice notice-warn no-print" role="alert" data-testid="note-error">
          <div>
            <p>
              <strong>Not saved.</strong> {failure.message}
            </p>
            <p>{failure.action}</p>
          </div>
        </div>
      ) : null}

      {saved ? (
        <div className="notice notice-info no-print" data-testid="note-saved">
          <div>
            <p>
              <strong>{saved.alreadyExisted ? 'Already in the chart' : 'Saved to the chart'}</strong> as{' '}
              <a href={saved.url} target="_blank" rel="noreferrer noopener" data-testid="note-link">
                {saved.reference}
              </a>
              {profile.docStatus === 'preliminary' ? ' (preliminary: review and sign it in the EHR).' : '.'}
            </p>
            {saved.reconciled ? <p>{RECONCILED_WORDS}</p> : null}
            {saved.companions.map((c) => (
              <p key={c.resourceType}>{companionWords(c)}</p>
            ))}
            <button type="button" className="button button-small" onClick={onNewNote}>
              Start a new note
            </button>
          </div>
        </div>
      ) : null}
      {saved && saved.duplicates.length ? (
        <div className="notice notice-warn no-print" role="alert" data-testid="note-duplicates">
          <div>
            <p>
              <strong>Filed more than once.</strong> {duplicatesWords(saved.duplicates.length + 1)}
            </p>
            <ul>
              {[saved, ...saved.duplicates].map((copy, i) => (
                <li key={copy.id}>
                  <a href={copy.url} target="_blank" rel="noreferrer noopener">
                    Copy {i + 1}
                  </a>{' '}
                  ({filedWords(copy)}){i === 0 ? ' — the one Nocturne shows as saved' : ''}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}

      <PrintView
        text={text}
        patient={props.patient}
        advice={props.assessment.advice}
        generatedAt={props.assessment.generatedAt}
        timeZone={note.timeZone}
      />
    </section>
  );
}

const MAX_CHANGES = 8;

/** The lines of the updated note that differ from the one the edit started from. */
function NoteChangeList({ changes }: { changes: NoteChanges }) {
  const lines = [
    ...changes.added.map((text) => ({ text, sign: 'Now', key: `+${text}` })),
    ...changes.removed.map((text) => ({ text, sign: 'No longer', key: `-${text}` })),
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
