/**
 * The local "already saved" record: which note this tab filed for an assessment, kept through the one storage
 * accessor (`lib/form/session-json.ts`) like the drafts.
 *
 * Why it exists beside the server-side checks (conditional create, search by identifier): a reload after saving must
 * show the filed note instead of offering to file it again — even on a server where notes cannot be searched — and it
 * must do so without a request. Why sessionStorage: the record is only needed in the tab that filed the note; the
 * server's checks protect every other tab.
 */
import type { FiledNote } from '../fhir/save-note';
import { readJson, writeJson } from '../form/session-json';

const RECORD_PREFIX = 'nocturne:saved-note:';

/** A filed note as this tab remembers it. */
export interface SavedNote extends FiledNote {
  readonly serverUrl: string;
  readonly assessmentId: string;
  /** ISO instant when Nocturne learned the note was in the chart. */
  readonly savedAt: string;
  /** `local-record`: this is the remembered record (a reload), not the answer of a request. */
  readonly source?: 'request' | 'local-record';
}

function recordKey(serverUrl: string, assessmentId: string): string {
  return `${RECORD_PREFIX}${encodeURIComponent(serverUrl.replace(/\/+$/, ''))}|${assessmentId}`;
}

/** The saved-note record for an assessment on a server, or undefined. Never throws. */
export function readSavedNote(serverUrl: string, assessmentId: string, store?: Storage | null): SavedNote | undefined {
  const stored = readJson(recordKey(serverUrl, assessmentId), store);
  if (stored.status !== 'present') return undefined;
  const parsed = stored.value as Partial<SavedNote> | null;
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    typeof parsed.reference !== 'string' ||
    typeof parsed.id !== 'string' ||
    typeof parsed.url !== 'string' ||
    parsed.assessmentId !== assessmentId
  ) {
    return undefined;
  }
  return {
    ...(parsed as SavedNote),
    duplicates: Array.isArray(parsed.duplicates) ? parsed.duplicates : [],
    companions: Array.isArray(parsed.companions) ? parsed.companions : [],
    source: 'local-record',
  };
}

/**
 * Remembers a filed note. When storage is full or denied nothing is remembered: the server-side check (conditional
 * create / search) still protects against a second copy.
 */
export function writeSavedNote(note: SavedNote, store?: Storage | null): void {
  const { source: _source, ...record } = note;
  writeJson(recordKey(note.serverUrl, note.assessmentId), record, store);
}
