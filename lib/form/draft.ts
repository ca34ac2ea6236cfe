/**
 * Draft persistence for the symptom & exam form.
 *
 * Why sessionStorage: the clinician's answers must survive a reload and a token refresh inside the same EHR tab,
 * but must not outlive the tab (shared workstations) nor leak across tabs opened for other patients. The key
 * carries server + patient + encounter so one patient's answers can never pre-fill another's form.
 *
 * Why validate on load: storage is outside our control (older app versions, manual edits, another app on the same
 * origin). A draft that no longer matches the schema is ignored with a notice — never a crash, never partially
 * applied — and removed so the notice is shown once.
 */
import { formSchema, type FormAnswers } from './schema';
import { hasKeyWithPrefix, readJson, removeKey, scopedKey, writeScopedJson, type StorageScope } from './session-json';

/** Bump when the stored envelope changes shape; old drafts are then ignored with a notice. */
const DRAFT_VERSION = 1;
const PREFIX = 'nocturne:draft:';

/** Whose draft: the same patient in another encounter (or on another server) gets a separate draft. */
export type DraftScope = StorageScope;

export type DraftLoad =
  | { readonly status: 'none'; readonly answers: FormAnswers }
  | { readonly status: 'restored'; readonly answers: FormAnswers; readonly savedAt: string }
  | { readonly status: 'corrupted'; readonly answers: FormAnswers; readonly notice: string };

interface Envelope {
  readonly v: number;
  readonly savedAt: string;
  readonly answers: FormAnswers;
}

/** The sessionStorage key for a scope. */
export function draftKey(scope: DraftScope): string {
  return scopedKey(PREFIX, scope);
}

const CORRUPTED_NOTICE =
  'A saved draft of this form could not be read (it may come from an older version) and was discarded. Start from the chart data below.';

/** Loads and validates the draft for a scope. Never throws. */
export function loadDraft(scope: DraftScope): DraftLoad {
  const key = draftKey(scope);
  const stored = readJson(key);
  if (stored.status === 'absent') return { status: 'none', answers: {} };
  const envelope = stored.status === 'present' ? (stored.value as Partial<Envelope> | null) : null;
  const parsed =
    envelope && typeof envelope === 'object' && envelope.v === DRAFT_VERSION
      ? formSchema.safeParse(envelope.answers)
      : undefined;
  if (!parsed?.success) {
    removeKey(key);
    return { status: 'corrupted', answers: {}, notice: CORRUPTED_NOTICE };
  }
  return {
    status: 'restored',
    answers: parsed.data,
    savedAt: typeof envelope?.savedAt === 'string' ? envelope.savedAt : '',
  };
}

/**
 * Saves the draft. Returns false when storage is unavailable or full (the form keeps working in memory).
 * `savedAt` is passed in by the caller: this module reads no clock.
 */
export function saveDraft(scope: DraftScope, answers: FormAnswers, savedAt: string): boolean {
  const envelope: Envelope = { v: DRAFT_VERSION, savedAt, answers };
  return writeScopedJson(PREFIX, scope, envelope);
}

/** Removes the draft; the note's data hook calls this once the note has been saved. */
export function clearDraft(scope: DraftScope): void {
  removeKey(draftKey(scope));
}

/**
 * Whether this tab holds any form draft. Used by the "session expired" screen, which no longer knows the patient
 * (the session is gone) but can still tell the clinician their answers are waiting for the relaunch.
 */
export function hasAnyDraft(): boolean {
  return hasKeyWithPrefix(PREFIX);
}
