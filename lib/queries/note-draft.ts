/**
 * The note's own draft: the assessment id (one per draft: the duplicate-safety key) and the clinician's edits.
 *
 * Why separate from the form draft (`lib/form/draft.ts`): the form draft is cleared once the note is filed, but the
 * assessment id must outlive that — a reload after saving has to find the same id, and with it the "already saved"
 * record, so the note is never offered for filing twice. Edits are stored with the text they were made against, so
 * when the assessment changes afterwards the panel can say so instead of silently dropping or keeping stale text.
 *
 * Same storage rules as the form draft: sessionStorage (survives a reload in this tab, never another tab), scoped by
 * server + patient + encounter, validated on load, never throws.
 */
import { ensureAssessmentId, isAssessmentId, newAssessmentId } from '../../fhir-mappings/write-back/assessment-id';
import type { DraftScope } from '../form/draft';
import { readJson, scopedKey, writeScopedJson } from '../form/session-json';

const PREFIX = 'nocturne:note-draft:';
const VERSION = 1;

export interface NoteEdit {
  /** The text as the clinician edited it. */
  readonly text: string;
  /** The generated text the edit started from. */
  readonly baseText: string;
}

export interface NoteDraft {
  readonly assessmentId: string;
  readonly edit?: NoteEdit;
  /** The text that was filed, once saved (shown after a reload). */
  readonly filedText?: string;
}

export function noteDraftKey(scope: DraftScope): string {
  return scopedKey(PREFIX, scope);
}

function parse(value: unknown): NoteDraft | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as {
    v?: unknown;
    assessmentId?: unknown;
    edit?: { text?: unknown; baseText?: unknown };
    filedText?: unknown;
  };
  if (v.v !== VERSION || !isAssessmentId(v.assessmentId)) return undefined;
  const edit =
    v.edit && typeof v.edit.text === 'string' && typeof v.edit.baseText === 'string'
      ? { text: v.edit.text, baseText: v.edit.baseText }
      : undefined;
  return {
    assessmentId: v.assessmentId,
    ...(edit ? { edit } : {}),
    ...(typeof v.filedText === 'string' ? { filedText: v.filedText } : {}),
  };
}

/** Writes the draft; false when storage is unavailable or full (the panel keeps working in memory). */
export function writeNoteDraft(scope: DraftScope, draft: NoteDraft): boolean {
  return writeScopedJson(PREFIX, scope, { v: VERSION, ...draft });
}

/**
 * The draft for a scope; creates (and stores) a fresh assessment id when there is none or it is unreadable.
 * Reading the same scope again returns the same id.
 */
export function loadNoteDraft(scope: DraftScope): NoteDraft {
  const stored = readJson(noteDraftKey(scope));
  const existing = stored.status === 'present' ? parse(stored.value) : undefined;
  if (existing) return existing;
  const draft: NoteDraft = { assessmentId: ensureAssessmentId(undefined) };
  writeNoteDraft(scope, draft);
  return draft;
}

/** Starts a new note for the scope (after one was filed): a new assessment id, no edits. */
export function startNewNoteDraft(scope: DraftScope): NoteDraft {
  const draft: NoteDraft = { assessmentId: newAssessmentId() };
  writeNoteDraft(scope, draft);
  return draft;
}
