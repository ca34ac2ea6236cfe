/**
 * The consult note, as plain text: what the clinician previews, edits, prints and files in the chart, and what the
 * CLI's `--format text` prints.
 *
 * Shape (issue 12): a SOAP-style consult note a physician could sign as written —
 *   title, patient and the one date-time of the note (in the clinician's time zone, zone stated);
 *   IMPRESSION (one line) · HISTORY (prose from the answers) · EXAMINATION · RELEVANT FINDINGS (chart data with
 *   dates, abnormal first, only what the assessment used) · ASSESSMENT (red flags first, then the candidates in play
 *   with findings for and against, one line for the unlikely ones) · PLAN (red-flag actions, what was ordered or
 *   what is suggested, advice and safety-net, missing data in one sentence) · a one-line decision-support statement.
 *
 * Why plain text: it is the one body every target accepts (Epic stores `text/plain` only, Oracle converts markup,
 * US Core servers must accept it), it survives copy/paste into any EHR, and a clinician can edit it in a textarea.
 *
 * Provenance stays out of the prose: no resource ids, `urn:uuid`s, form paths or engine points appear in the text;
 * the chart records used are listed by {@link noteSources} for the DocumentReference's `context.related`.
 * Untrusted text (chart labels, the patient's name, the comment) passes through `lib/core/safe-text.ts`, and so does
 * the finished note.
 *
 * Pure: no clock (the date is the assessment's), no IO; deterministic for the same inputs.
 */
import type { Assessment, Evidence } from '../../lib/engine/assessment';
import type { ChartFacts } from '../../lib/engine/facts';
import { ageInYears, formatDate, formatDateTimeWords, isTimeZone } from '../../lib/engine/format';
import type { FormAnswers } from '../../lib/form/schema';
import { safeInline, safeText } from '../../lib/core/safe-text';
import { assessmentLines, impressionLine } from './note-assessment';
import { findingsLines } from './note-findings';
import { examinationLines, historyLines } from './note-history';
import { planLines, type NotePlanChoices } from './note-plan';

export { noteSources } from './note-findings';

/** Optional patient details for the header. Leave out anything the note should not repeat. */
export interface NotePatient {
  readonly name?: string;
  readonly birthDate?: string;
  readonly sex?: string;
}

/** Optional filing context for the header and the closing statement. */
export interface NoteContext {
  /** Display name of the clinician filing the note. */
  readonly clinician?: string;
  /** Nocturne version, e.g. "0.1.0". */
  readonly appVersion?: string;
  /**
   * The clinician's IANA time zone ("Europe/London"; the browser's own, or the CLI's `--tz`). Default UTC. The
   * note's one date-time is shown in it, with the zone named, and results' days are the days in that zone.
   */
  readonly timeZone?: string;
}

export interface RenderNoteInput {
  readonly assessment: Assessment;
  readonly form: FormAnswers;
  readonly facts: ChartFacts;
  readonly patient?: NotePatient;
  readonly context?: NoteContext;
  /** What the clinician chose on the workspace (the workup items ticked for ordering). */
  readonly plan?: NotePlanChoices;
}

/** Title of the note (also the attachment title and the DocumentReference's type text). */
export const NOTE_TITLE = 'Nocturnal / rest leg pain assessment';

/** Budgets (characters) from issue 12: a typical note, and the longest any story may produce. */
export const NOTE_TYPICAL_BUDGET_CHARS = 2000;
export const NOTE_MAX_BUDGET_CHARS = 3500;

/** Section headings, in order. */
export const NOTE_SECTIONS = [
  'IMPRESSION',
  'HISTORY',
  'EXAMINATION',
  'RELEVANT FINDINGS',
  'ASSESSMENT',
  'PLAN',
] as const;

/** The closing line starts with this (tests and the print view find it by it). */
export const DECISION_SUPPORT_LEAD = 'Decision support:';

/**
 * Evidence read from the Patient resource (age, sex). Its date is the birth date, which is not when the finding
 * holds: age 71 is true as of the assessment, so that is the date the structured record gives.
 */
export function isPatientEvidence(e: Evidence): boolean {
  return e.source === 'fhir' && (e.reference?.startsWith('Patient/') ?? false);
}

const SEX_WORDS: Readonly<Record<string, string>> = { male: 'male', female: 'female', other: 'other sex' };

function header(input: RenderNoteInput, timeZone: string): string[] {
  const { assessment: a, patient, context } = input;
  const who: string[] = [];
  if (patient?.name) who.push(safeInline(patient.name));
  const sex = patient?.sex ? SEX_WORDS[patient.sex] : undefined;
  if (sex) who.push(sex);
  const deceased = input.facts.patient?.deceased;
  if (patient?.birthDate) {
    // A deceased patient has no current age: the chart is flagged instead (and the data issue says why it matters).
    const age = deceased ? undefined : ageInYears(patient.birthDate, new Date(a.generatedAt));
    who.push(`born ${formatDate(patient.birthDate)}${age !== undefined ? ` (${age} y)` : ''}`);
  }
  if (deceased) who.push(`recorded as deceased${deceased.date ? ` ${formatDate(deceased.date, timeZone)}` : ''}`);
  const when = formatDateTimeWords(a.generatedAt, timeZone);
  const lines = [NOTE_TITLE, [...who, when].join(' · ')];
  if (context?.clinician) lines.push(`Clinician: ${safeInline(context.clinician)}`);
  return lines;
}

function section(title: string, body: readonly string[]): string | undefined {
  const lines = body.filter((l) => l.trim().length > 0);
  return lines.length ? [title, ...lines].join('\n') : undefined;
}

/**
 * Renders the note. Deterministic: the same inputs give the same text (the date is `assessment.generatedAt`).
 * Used by the write-back preview, the print view and the CLI's `--format text`.
 */
export function renderNoteText(input: RenderNoteInput): string {
  const { assessment: a, form, facts } = input;
  const zone = input.context?.timeZone;
  const timeZone = zone && isTimeZone(zone) ? zone : 'UTC';
  const version = input.context?.appVersion ? ` ${input.context.appVersion}` : '';
  const open = a.formBlocks.filter((b) => b.open).map((b) => b.id);
  const parts = [
    header(input, timeZone).join('\n'),
    section('IMPRESSION', [impressionLine(a, form, facts)]),
    section('HISTORY', historyLines(form, open)),
    section('EXAMINATION', examinationLines(form, open)),
    section('RELEVANT FINDINGS', findingsLines(a, facts, timeZone)),
    section('ASSESSMENT', assessmentLines(a, form, facts)),
    section('PLAN', planLines(a, input.plan)),
    `${DECISION_SUPPORT_LEAD} drafted with Nocturne${version} from the chart and the answers above; not a diagnosis.`,
  ].filter((p): p is string => p !== undefined);
  return safeText(`${parts.join('\n\n')}\n`);
}
