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
import { scopedKey, sessionStore, writeScopedJson } from './session-json';

/** Bump when the stored envelope changes shape; old drafts are then ignored with a notice. */
const DRAFT_VERSION = 1;
const PREFIX = 'nocturne:draft:';

/** Whose draft: the same patient in another encounter (or on another server) gets a separate draft. */
export interface DraftScope {
  readonly serverUrl: string;
  readonly patientId: string;
  readonly encounterId?: string | null;
}

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
  const store = sessionStore();
  if (!store) return { status: 'none', answers: {} };
  const key = draftKey(scope);
  let raw: string | null;
  try {
    raw = store.getItem(key);
  } catch {
    return { status: 'none', answers: {} };
  }
  if (raw === null) return { status: 'none', answers: {} };
  try {
    const envelope = JSON.parse(raw) as Partial<Envelope> | null;
    if (!envelope || typeof envelope !== 'object' || envelope.v !== DRAFT_VERSION) throw new Error('envelope');
    const parsed = formSchema.safeParse(envelope.answers);
    if (!parsed.success) throw new Error('schema');
    return {
      status: 'restored',
      answers: parsed.data,
      savedAt: typeof envelope.savedAt === 'string' ? envelope.savedAt : '',
    };
  } catch {
    try {
      store.removeItem(key);
    } catch {
      // ignore: nothing more we can do, and the notice still tells the clinician.
    }
    return { status: 'corrupted', answers: {}, notice: CORRUPTED_NOTICE };
  }
}

/**
 * Saves the draft. Returns false when storage is unavailable or full (the form keeps working in memory).
 * `savedAt` is passed in by the caller: this module reads no clock.
 */
export function saveDraft(scope: DraftScope, answers: FormAnswers, savedAt: string): boolean {
  const envelope: Envelope = { v: DRAFT_VERSION, savedAt, answers };
  return writeScopedJson(PREFIX, scope, envelope);
}

/** Removes the draft; the write-back panel calls this once the note has been saved. */
export function clearDraft(scope: DraftScope): void {
  const store = sessionStore();
  if (!store) return;
  try {
    store.removeItem(draftKey(scope));
  } catch {
    // ignore
  }
}

/**
 * Whether this tab holds any form draft. Used by the "session expired" screen, which no longer knows the patient
 * (the session is gone) but can still tell the clinician their answers are waiting for the relaunch.
 */
export function hasAnyDraft(): boolean {
  const store = sessionStore();
  if (!store) return false;
  try {
    for (let i = 0; i < store.length; i += 1) if (store.key(i)?.startsWith(PREFIX)) return true;
  } catch {
    return false;
  }
  return false;
}
