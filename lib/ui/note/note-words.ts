/**
 * Every sentence the write-back panel says about saving: why Save is unavailable, why a save failed and what to do,
 * what happened to the companions, and that the EHR filed a note twice. One table, in the UI layer, over the typed
 * results of the data hook (`lib/queries/use-note.ts`) and the FHIR layer — neither of which words anything for people.
 *
 * Rules for the wording: say what happened and what to do next; say that the text is kept; never show a URL, a token
 * or a raw status line (an HTTP status in brackets is allowed: administrators ask for it); the server's own reason is
 * quoted only as the server's.
 */
import { outcomeText, type RequestProblem, type RequestProblemCode } from '../../core/problem';
import { formatDateTime } from '../../engine/format';
import type { CompanionOutcome, NoteCopy, SaveBlock } from '../../queries/use-note';

/** Why Save is disabled, as the button's accessible description and the line under it. */
export const SAVE_BLOCK_WORDS: Readonly<Record<SaveBlock, string>> = {
  saved: 'This note is already in the chart.',
  saving: 'Saving…',
  'no-write-scope':
    'Saving to the chart is not available: this launch was not granted permission to create clinical notes ' +
    '(a DocumentReference create scope such as patient/DocumentReference.c or user/DocumentReference.write). ' +
    'You can still copy, download or print the note.',
  'not-a-clinician':
    'Saving to the chart is not available: this launch is signed in as a patient or a patient’s representative, not ' +
    'a clinician, and a consult note is filed only under the clinician who reviewed it. You can still copy, download ' +
    'or print the note.',
  'note-problems':
    'Saving is not possible until the problem above is resolved. You can still copy, download or print the note.',
};

const KEPT = 'Your note text is kept here.';
const CHECKS_FIRST = 'Nocturne first checks whether the note arrived, so it will not be filed twice.';

/** The server's reason, quoted, or nothing. */
function because(problem: RequestProblem): string {
  const reason = outcomeText(problem.outcome);
  return reason ? ` The server said: “${reason}”.` : '';
}

type Words = { readonly message: string; readonly action: string };

const FAILURE_WORDS: Readonly<Record<RequestProblemCode, (p: RequestProblem, profileId: string) => Words>> = {
  unauthorized: () => ({
    message: 'The EHR session has expired, so the note was not saved.',
    action: `${KEPT} Relaunch Nocturne from the EHR (or sign in again), then click Save note again — it will not be filed twice.`,
  }),
  forbidden: (p) => ({
    message: `The EHR did not allow Nocturne to file this note (403 Forbidden).${because(p)}`,
    action: `${KEPT} Copy or download it and add it to the chart by hand, or ask your EHR administrator to grant Nocturne permission to create clinical notes (DocumentReference).`,
  }),
  conflict: (p) => ({
    message: `The EHR reported a conflict (409): a note for this assessment may already be in the chart.${because(p)}`,
    action: `${KEPT} Check the patient's notes before filing again. Clicking Save note again first looks for the existing note.`,
  }),
  'duplicates-on-server': (p) => ({
    message: `The EHR already holds more than one note for this assessment (412 Precondition Failed), so it did not file another.${because(p)}`,
    action: "Do not file it again: open the patient's notes and mark any duplicate as entered in error.",
  }),
  server: (p) => ({
    message: `The EHR server had an error (${p.status}) and may not have saved the note.${because(p)}`,
    action: `${KEPT} Wait a moment and click Save note again — ${CHECKS_FIRST}`,
  }),
  network: () => ({
    message: 'The EHR did not answer, and the note is not in the chart: it was not saved.',
    action: `${KEPT} Check the connection and click Save note again — ${CHECKS_FIRST}`,
  }),
  'outcome-unknown': (p) => ({
    message:
      'The EHR did not answer, and Nocturne could not check whether the note arrived: it may or may not be in the chart.',
    action: p.retryable
      ? `${KEPT} Click Save note again when the connection is back — ${CHECKS_FIRST}`
      : `${KEPT} This EHR does not let Nocturne look for the note: check the patient's notes, and only if it is not there, copy or download it and file it by hand.`,
  }),
  rejected: (p, profileId) => ({
    message: `The EHR rejected the note (${p.status || 'invalid response'}).${because(p)}`,
    action: `${KEPT} Copy or download it and add it to the chart by hand, and tell your administrator: the write-back profile is "${profileId}" (NOCTURNE_WRITEBACK_PROFILE) — the EHR may need a different one.`,
  }),
  malformed: (p, profileId) => ({
    message: `The EHR accepted the request but its answer could not be read.${because(p)}`,
    action: `${KEPT} Check the patient's notes before filing again, and tell your administrator: the write-back profile is "${profileId}" (NOCTURNE_WRITEBACK_PROFILE).`,
  }),
  'not-found': (p, profileId) => ({
    message: `The EHR does not accept clinical notes at this address (404).${because(p)}`,
    action: `${KEPT} Copy or download it and add it to the chart by hand, and tell your administrator (profile "${profileId}").`,
  }),
};

/** Why a save failed and what to do next. */
export function failureWords(problem: RequestProblem, profileId: string): Words {
  return FAILURE_WORDS[problem.code](problem, profileId);
}

const COMPANION_NAMES: Readonly<Record<string, string>> = {
  Provenance: 'Provenance (who wrote the note)',
  ClinicalImpression: 'ClinicalImpression (the structured differential)',
};

/** One line per companion, after the note was saved. */
export function companionWords(c: CompanionOutcome): string {
  if (c.status === 'saved') return `${c.resourceType} saved${c.reference ? ` as ${c.reference}` : ''}.`;
  const reason = c.problem ? c.problem.message : 'An unexpected error occurred.';
  return `The note is saved, but its ${COMPANION_NAMES[c.resourceType] ?? c.resourceType} could not be written: ${reason}`;
}

/** Why companions are left out: this launch may not create them. */
export function notGrantedWords(resourceType: 'Provenance' | 'ClinicalImpression'): string {
  return `No ${resourceType} will be written: this launch was not granted permission to create ${resourceType}.`;
}

/** "filed 2026-03-14 09:30 GMT" for a copy, in the browser's time zone, when the server says when. */
export function filedWords(copy: NoteCopy): string {
  if (!copy.filedAt || Number.isNaN(Date.parse(copy.filedAt))) return 'filing time not given';
  return `filed ${formatDateTime(copy.filedAt, Intl.DateTimeFormat().resolvedOptions().timeZone)}`;
}

/** The EHR holds the note more than once (the browser re-sent a create whose answer was lost). */
export function duplicatesWords(count: number): string {
  return (
    `The EHR filed this note ${count === 2 ? 'twice' : `${count} times`}: its answer to the first attempt was lost ` +
    'and the request was sent again. Keep one copy and mark the other' +
    `${count > 2 ? 's' : ''} as entered in error in the patient's notes:`
  );
}

/** A create whose answer was lost, settled by finding the note in the chart. */
export const RECONCILED_WORDS = 'The EHR’s answer was lost; Nocturne found the note in the chart.';
