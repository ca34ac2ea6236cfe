/**
 * The clinical note, as plain text: what the clinician previews, edits and files in the chart.
 *
 * Why plain text: it is the one body every target accepts (Epic stores `text/plain` only, Oracle converts markup,
 * US Core servers must accept it), it survives copy/paste into any EHR, and a clinician can edit it in a textarea
 * without breaking anything. Sections follow a consult note's order (reference §5.4): reason / HPI → data reviewed →
 * red flags → ranked differential → scores → suggested workup → advice → the clinician's comment → the decision-support
 * statement.
 *
 * Why caps on list lengths: notes are read in narrow EHR panes; a few kB is what a colleague will read. Red flags are
 * never capped (never hide a red flag); evidence and chart items are trimmed with an explicit "and N more".
 *
 * Pure: no clock (dates come from the assessment and the injected context), no IO.
 */
import type {
  AbiLeg,
  Assessment,
  DifferentialItem,
  Evidence,
  Likelihood,
  RedFlag,
  WellsScore,
  WorkupItem,
} from '../../lib/engine/assessment';
import type { ChartFacts, ObservationFact } from '../../lib/engine/facts';
import {
  DISPLAY_UNITS,
  capitalise,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPlainNumber,
  formatUnit,
  inSentence,
  isoDay,
} from '../../lib/engine/format';
import { CONDITION_PHRASES, OBSERVATION_LABELS, URGENCY_LABELS } from '../../lib/engine/labels';
import { QUESTION_GROUPS, questionFor, type Question } from '../../lib/form/questions';
import { getAnswer } from '../../lib/form/paths';
import type { FormAnswers } from '../../lib/form/schema';

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
  /** e.g. "Encounter/123" or a human description of the visit. */
  readonly encounter?: string;
  /** Nocturne version, e.g. "0.1.0". */
  readonly appVersion?: string;
}

export interface RenderNoteInput {
  readonly assessment: Assessment;
  readonly form: FormAnswers;
  readonly facts: ChartFacts;
  readonly patient?: NotePatient;
  readonly context?: NoteContext;
}

/** Title of the note (also used as the attachment title and in the DocumentReference description). */
export const NOTE_TITLE = 'Nocturnal / rest leg pain assessment';

/** Budget: the rendered note (without the clinician's free-text comment) stays under this many UTF-8 bytes. */
export const NOTE_SIZE_BUDGET_BYTES = 6000;

const DETAILED_CANDIDATES = 3;
const MAX_SUPPORTING = 4;
const MAX_OPPOSING = 3;
const MAX_CONDITIONS = 10;
const MAX_MEDICATIONS = 8;
const MAX_EVENTS = 5;
const MAX_MISSING = 6;
const MAX_DATA_ISSUES = 5;

const LIKELIHOOD_WORDS: Readonly<Record<Likelihood, string>> = {
  high: 'high likelihood',
  moderate: 'moderate likelihood',
  low: 'low likelihood',
  unlikely: 'unlikely',
};

const PRIORITY_WORDS = { now: 'now', soon: 'soon', routine: 'routine' } as const;

function formatValue(o: ObservationFact): string {
  const unit = DISPLAY_UNITS[o.concept];
  const value = formatNumber(o.concept, o.value);
  return unit ? `${value} ${unit}` : value;
}

/** Conversions that are approximations, not exact unit arithmetic (D-dimer DDU ↔ FEU is a doubling by convention). */
function conversionIsApproximate(o: ObservationFact): boolean {
  return o.concept === 'd-dimer' || /approx/i.test(o.original?.unit ?? '');
}

/**
 * The value as the chart recorded it and as the engine used it, so the clinician can check the conversion:
 * "recorded 600 ng/mL DDU ≈ 1200 ng/mL FEU (converted, approximate)".
 */
function formatResultValue(o: ObservationFact): string {
  if (!o.original) return formatValue(o);
  const approximate = conversionIsApproximate(o);
  const recorded = `${formatPlainNumber(o.original.value)} ${formatUnit(o.original.unit)}`.trim();
  return `recorded ${recorded} ${approximate ? '≈' : '='} ${formatValue(o)} (converted${approximate ? ', approximate' : ''})`;
}

function joinList(items: readonly string[]): string {
  return items.join('; ');
}

/**
 * Evidence read from the Patient resource (age, sex). Its date is the birth date, which is not when the finding
 * holds: age 71 is true as of the assessment, so that is the date the note gives.
 */
export function isPatientEvidence(e: Evidence): boolean {
  return e.source === 'fhir' && (e.reference?.startsWith('Patient/') ?? false);
}

/** Where a piece of evidence came from, short: "[chart 2026-10-01]" or "[form]". */
function evidenceSource(e: Evidence, asOf: string): string {
  if (e.source === 'form') return '[form]';
  if (isPatientEvidence(e)) return `[chart, as of ${isoDay(asOf)}]`;
  return e.date ? `[chart ${isoDay(e.date)}]` : '[chart]';
}

/** The evidence label with its source, unless the label already states it (the engine often writes "(chart, date)"). */
function evidenceLine(e: Evidence, asOf: string): string {
  const label = e.label;
  const date = e.date ? isoDay(e.date) : undefined;
  if (e.source === 'fhir' && !isPatientEvidence(e) && /\bchart\b/i.test(label) && (!date || label.includes(date))) {
    return label;
  }
  // "Ferritin 40 µg/L (2026-11-05)" already carries its date: "[chart]" is enough.
  if (e.source === 'fhir' && !isPatientEvidence(e) && date && label.includes(date)) return `${label} [chart]`;
  return `${label} ${evidenceSource(e, asOf)}`;
}

function trimmed<T>(items: readonly T[], max: number, render: (item: T) => string): string[] {
  const shown = items.slice(0, max).map(render);
  if (items.length > max) shown.push(`and ${items.length - max} more`);
  return shown;
}

// ---------------------------------------------------------------------------------------------------------------
// Reason / HPI from the form

function optionLabel(q: Question, value: string): string {
  if (q.kind === 'choice' || q.kind === 'multi') return q.options.find((o) => o.value === value)?.label ?? value;
  return value;
}

interface GroupSummary {
  readonly title: string;
  readonly answered: string[];
  readonly present: string[];
  readonly absent: string[];
}

function summariseGroup(form: FormAnswers, title: string, questions: readonly Question[]): GroupSummary {
  const out: GroupSummary = { title, answered: [], present: [], absent: [] };
  for (const q of questions) {
    const value = getAnswer(form, q.path);
    if (value === undefined || value === null) continue;
    switch (q.kind) {
      case 'tri':
        if (value === true) out.present.push(q.label);
        else if (value === false) out.absent.push(q.label);
        break;
      case 'choice':
        if (typeof value === 'string') out.answered.push(`${q.label}: ${inSentence(optionLabel(q, value))}`);
        break;
      case 'multi':
        if (Array.isArray(value) && value.length > 0) {
          const labels = value.map((v) => inSentence(optionLabel(q, String(v))));
          out.answered.push(`${q.label}: ${labels.join(', ')}`);
        }
        break;
      case 'number':
        if (typeof value === 'number') {
          const unit = q.unit === 'ratio' ? '' : ` ${q.unit}`;
          out.answered.push(`${q.label}: ${formatPlainNumber(value)}${unit}`);
        }
        break;
      case 'date':
        if (typeof value === 'string') out.answered.push(`${q.label}: ${value}`);
        break;
      case 'text':
        // The free-text comment has its own section, verbatim.
        break;
    }
  }
  return out;
}

function countQuestions(form: FormAnswers): { asked: number; total: number } {
  let asked = 0;
  let total = 0;
  for (const g of QUESTION_GROUPS) {
    for (const q of g.questions) {
      if (q.kind === 'text' || q.kind === 'date') continue;
      total++;
      const v = getAnswer(form, q.path);
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) asked++;
    }
  }
  return { asked, total };
}

function openingSentence(form: FormAnswers): string {
  const side =
    form.side === 'both' ? 'Bilateral leg pain' : form.side ? `${capitalise(form.side)} leg pain` : 'Leg pain';
  const parts = [`${side} that starts or worsens when lying down`];
  if (form.onset) parts.push(`${form.onset} onset`);
  if (form.durationWeeks !== undefined) parts.push(`present for ${formatDuration(form.durationWeeks)}`);
  return `${parts.join(', ')}.`;
}

function renderHpi(form: FormAnswers): string[] {
  const lines = [openingSentence(form)];
  for (const group of QUESTION_GROUPS) {
    // The opening sentence already states onset, duration and side.
    const questions = group.questions.filter((q) => !['onset', 'durationWeeks', 'side'].includes(q.path));
    const s = summariseGroup(form, group.title, questions);
    const parts: string[] = [...s.answered];
    if (s.present.length) parts.push(`present: ${s.present.map(inSentence).join(', ')}`);
    if (s.absent.length) parts.push(`absent: ${s.absent.map(inSentence).join(', ')}`);
    if (parts.length) lines.push(`${s.title}: ${parts.join('; ')}.`);
  }
  const { asked, total } = countQuestions(form);
  if (asked < total) {
    lines.push(
      `${total - asked} of ${total} form questions were not recorded; they are treated as unknown, not as negative.`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// Data reviewed (chart)

function observationLabel(o: ObservationFact): string {
  return capitalise(OBSERVATION_LABELS[o.concept]);
}

function latestPerConcept(observations: readonly ObservationFact[]): ObservationFact[] {
  const seen = new Map<string, ObservationFact>();
  for (const o of observations) {
    const key = `${o.concept}|${o.side ?? ''}`;
    const prev = seen.get(key);
    if (!prev || o.date > prev.date) seen.set(key, o);
  }
  return [...seen.values()];
}

/**
 * Trust marks a fact may carry (facts.ts, additive): `verification` on its provenance (reference ✅ / ◐ / ⚠) and
 * `confirmed: false` on a Condition recorded as provisional or unconfirmed. Read through this structural view so the
 * note works with facts that carry them and with facts that do not.
 */
interface TrustMarks {
  readonly confirmed?: boolean;
  readonly provenance: { readonly verification?: string };
}

/**
 * " (unverified code — confirm)" for a fact matched through a ⚠ code a site opted in to, " (unconfirmed)" for a
 * provisional or unconfirmed diagnosis: the reader sees which chart items rest on weaker ground.
 */
function trustNote(fact: TrustMarks): string {
  const marks: string[] = [];
  if (fact.provenance.verification === 'unverified') marks.push('unverified code — confirm');
  if (fact.confirmed === false) marks.push('unconfirmed');
  return marks.map((m) => ` (${m})`).join('');
}

function renderDataReviewed(facts: ChartFacts): string[] {
  const lines: string[] = [];
  const obs = latestPerConcept(facts.observations);
  if (obs.length) {
    const rendered = obs.map((o) => {
      const side = o.side ? ` ${o.side}` : '';
      const flag = o.interpretation && o.interpretation !== 'normal' ? ` (${o.interpretation})` : '';
      return `${observationLabel(o)}${side} ${formatResultValue(o)}${flag} on ${isoDay(o.date)} (${o.provenance.reference})${trustNote(o)}`;
    });
    lines.push(`Results (latest of each): ${joinList(rendered)}.`);
  } else {
    lines.push('Results: none of the relevant labs or vascular tests were found in the chart.');
  }

  // One line per chart record: a record that matched two concepts (e.g. claudication and PAD) is listed once.
  const seenRefs = new Set<string>();
  const conditions = facts.conditions.filter((c) => {
    if (seenRefs.has(c.provenance.reference)) return false;
    seenRefs.add(c.provenance.reference);
    return true;
  });
  const active = conditions.filter((c) => c.status === 'active');
  const history = conditions.filter((c) => c.status === 'history');
  const conditionLine = (c: (typeof facts.conditions)[number]) => {
    const when = c.onset ? (c.status === 'active' ? `since ${isoDay(c.onset)}, ` : `${isoDay(c.onset)}, `) : '';
    return `${c.label} (${when}${c.provenance.reference})${trustNote(c)}`;
  };
  lines.push(
    active.length
      ? `Active problems: ${joinList(trimmed(active, MAX_CONDITIONS, conditionLine))}.`
      : 'Active problems: none relevant found.',
  );
  if (history.length) lines.push(`Past history: ${joinList(trimmed(history, MAX_CONDITIONS, conditionLine))}.`);

  const meds = facts.medications.filter((m) => m.status === 'active');
  lines.push(
    meds.length
      ? `Relevant medications: ${joinList(
          trimmed(meds, MAX_MEDICATIONS, (m) => `${m.label}${m.date ? ` (${isoDay(m.date)})` : ''}${trustNote(m)}`),
        )}.`
      : 'Relevant medications: none found.',
  );

  if (facts.events.length) {
    lines.push(
      `Recent care events: ${joinList(
        trimmed(
          facts.events,
          MAX_EVENTS,
          (e) => `${e.label} (${e.kind.replace('-', ' ')}, ${isoDay(e.date)})${trustNote(e)}`,
        ),
      )}.`,
    );
  }
  if (facts.smoking) {
    const when = facts.smoking.date ? ` (${isoDay(facts.smoking.date)})` : '';
    lines.push(`Smoking status: ${facts.smoking.status}${when}${trustNote(facts.smoking)}.`);
  }
  if (facts.unavailable.length) {
    lines.push(
      `Could not be loaded from the chart: ${facts.unavailable.join(', ')}. Their contents are unknown, not absent.`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// Red flags, differential, scores, workup

function renderRedFlag(f: RedFlag, asOf: string): string[] {
  const lines = [`- ${URGENCY_LABELS[f.urgency].toUpperCase()}: ${f.message}`, `  Action: ${f.action}`];
  if (f.evidence.length) lines.push(`  Because: ${joinList(f.evidence.map((e) => evidenceLine(e, asOf)))}.`);
  return lines;
}

function byWeight(a: Evidence, b: Evidence): number {
  return Math.abs(b.weight) - Math.abs(a.weight);
}

function renderDifferentialItem(item: DifferentialItem, rank: number, asOf: string): string[] {
  const line = (e: Evidence) => evidenceLine(e, asOf);
  const lines = [
    `${rank}. ${item.label}: ${LIKELIHOOD_WORDS[item.likelihood]} (score ${formatPlainNumber(item.score)}).`,
  ];
  if (item.summary) lines.push(`   ${item.summary}`);
  // Full evidence for the leading candidates only: further down, the summary line is what a reader uses.
  if (rank > DETAILED_CANDIDATES) return lines;
  // Evidence the summary already names is not repeated; the rest is listed with its source.
  // The engine lower-cases a label's first letter inside the summary sentence, so compare without case.
  const summary = item.summary.toLowerCase();
  const inSummary = (e: Evidence) => summary.length > 0 && summary.includes(e.label.toLowerCase());
  const supporting = [...item.supporting].sort(byWeight).filter((e) => !inSummary(e));
  const opposing = [...item.opposing].sort(byWeight).filter((e) => !inSummary(e));
  const also = item.summary ? 'Also ' : '';
  if (supporting.length) {
    lines.push(`   ${also}${also ? 'for' : 'For'}: ${joinList(trimmed(supporting, MAX_SUPPORTING, line))}.`);
  }
  if (opposing.length) {
    lines.push(`   ${also}${also ? 'against' : 'Against'}: ${joinList(trimmed(opposing, MAX_OPPOSING, line))}.`);
  }
  if (item.missing.length) {
    lines.push(`   Would change with: ${item.missing.map((m) => conceptName(m.concept)).join(', ')}.`);
  }
  return lines;
}

function renderDifferential(a: Assessment): string[] {
  const ranked = a.differential.filter((d) => d.likelihood !== 'unlikely');
  const unlikely = a.differential.filter((d) => d.likelihood === 'unlikely');
  if (!a.differential.length) return ['No candidate could be ranked from the information available.'];
  const lines = ranked.flatMap((d, i) => renderDifferentialItem(d, i + 1, a.generatedAt));
  if (!ranked.length) lines.push('No candidate ranks above "unlikely" on the information available.');
  if (unlikely.length) lines.push(`Considered and unlikely: ${unlikely.map((d) => d.label).join(', ')}.`);
  return lines;
}

/**
 * One leg's ABI. The engine's interpretation often restates the value ("ABI 0.45: abnormal …") and already says
 * when the result is stale; each is said once.
 */
function abiLegLine(name: string, leg: AbiLeg): string {
  const when = leg.source === 'form' ? '[form]' : `[chart ${isoDay(leg.date)}]`;
  const value = formatNumber('abi', leg.value);
  let interpretation = leg.interpretation;
  const restated = /^ABI\s+-?\d+(?:\.\d+)?:\s*/.exec(interpretation);
  if (restated) interpretation = interpretation.slice(restated[0].length);
  const band = restated && interpretation.toLowerCase().startsWith(leg.band) ? '' : ` (${leg.band})`;
  const saysStale = /\b(repeat|stale|older than)\b/i.test(interpretation);
  const stale = leg.stale && !saysStale ? ' Older than 12 months; repeat suggested.' : '';
  const end = /[.!?]$/.test(interpretation) ? '' : '.';
  return `${name} ABI ${value}${band} ${when}: ${interpretation}${end}${stale}`;
}

/** Wells is incomplete when any item is unknown, or when the engine says so (`complete: false`). */
function wellsIncomplete(wells: WellsScore): boolean {
  return wells.unknownItems > 0 || wells.complete === false;
}

/**
 * Wells with unknown items is incomplete: that is said first, before any band. When the engine marks the score
 * incomplete (`complete: false`: unknown items could still reach "likely") no band is printed at all, because
 * "unlikely" computed with unknown items counted as 0 can only under-call DVT. The note never concludes that DVT is
 * excluded on its own; the pathway text is the engine's.
 */
function wellsLine(wells: WellsScore): string {
  const counted = wells.items
    .filter((i) => i.met === true)
    .map((i) => `${i.label} (${i.points > 0 ? '+' : ''}${i.points})`);
  const unknown = wells.unknownItems;
  const bandText = `DVT ${wells.band} (${wells.threeLevel} on the three-level scale)`;
  let line: string;
  if (wellsIncomplete(wells)) {
    const n = unknown > 0 ? `${unknown} item${unknown === 1 ? '' : 's'} unknown` : 'items unknown';
    const upTo =
      wells.maxPossible !== undefined && wells.maxPossible > wells.points
        ? `, up to ${formatPlainNumber(wells.maxPossible)} if the unknown items are present`
        : '';
    const points = `${formatPlainNumber(wells.points)} point${wells.points === 1 ? '' : 's'} from the items recorded${upTo}`;
    line =
      wells.complete === false
        ? `Wells DVT score: incomplete (${n}). ${points}; no band until the unknown items are recorded (DVT is not "unlikely" on this score).`
        : `Wells DVT score: incomplete (${n}). ${points}; on those alone ${bandText}, but the true score may differ.`;
  } else {
    line = `Wells DVT score: ${formatPlainNumber(wells.points)}, ${bandText}.`;
  }
  if (counted.length) line += ` Counted: ${joinList(counted)}.`;
  if (unknown > 0) {
    const notRecorded = wells.items.filter((i) => i.met === null).map((i) => i.label);
    if (notRecorded.length) line += ` Not recorded: ${joinList(notRecorded)}.`;
  }
  return line;
}

function renderScores(a: Assessment): string[] {
  const lines: string[] = [];
  const { wells, irlssg, abi } = a.scores;

  if (wells) {
    // An "unlikely" pathway resting on unknown items is qualified (unless the engine's own text says it is
    // incomplete); a "likely" one already leads to ultrasound, which unknown items cannot make less necessary.
    const qualify = wellsIncomplete(wells) && wells.band === 'unlikely' && !/\bincomplete\b/i.test(wells.pathway);
    // Never "record the unknown items first": that would read as a reason to delay an ultrasound already indicated.
    const next = qualify ? 'Next step (on the items recorded so far)' : 'Next step';
    lines.push(`- ${wellsLine(wells)}`, `  ${next}: ${wells.pathway}`);
  } else {
    lines.push('- Wells DVT score: not calculated.');
  }

  if (irlssg) {
    const unknown = irlssg.items.filter((i) => i.met === null).map((i) => i.label);
    const notMet = irlssg.items.some((i) => i.met === false);
    let line = `IRLSSG 2012 restless legs criteria: ${irlssg.criteriaMet} of ${irlssg.of} met`;
    line += irlssg.allMet ? ', which meets the diagnostic criteria.' : ', which does not meet the diagnostic criteria.';
    // All five are required: once one is recorded as not met, the unrecorded ones cannot change the result, so
    // they are counted rather than listed (the note stays short; nothing is presented as negative).
    if (unknown.length && notMet) {
      line += ` ${unknown.length} not recorded (they cannot change this: a required criterion is not met).`;
    } else if (unknown.length) line += ` Not recorded: ${unknown.join('; ')}.`;
    lines.push(`- ${line}`);
  } else {
    lines.push('- IRLSSG restless legs criteria: not assessed.');
  }

  if (abi) {
    const legs: string[] = [];
    if (abi.right) legs.push(abiLegLine('Right', abi.right));
    if (abi.left) legs.push(abiLegLine('Left', abi.left));
    if (abi.unspecified) legs.push(abiLegLine('Side not recorded:', abi.unspecified));
    if (!legs.length) legs.push('No ABI value on file or entered.');
    lines.push(`- ${legs[0]}`, ...legs.slice(1).map((l) => `  ${l}`));
    const more: string[] = [];
    const src = (m: { source: 'fhir' | 'form'; date?: string | undefined; side?: string | undefined }) =>
      `${m.side ? ` ${m.side}` : ''} ${m.source === 'form' ? '[form]' : `[chart ${isoDay(m.date)}]`}`;
    if (abi.tbi)
      more.push(`TBI ${formatNumber('tbi', abi.tbi.value)}${abi.tbi.abnormal ? ' (abnormal)' : ''}${src(abi.tbi)}`);
    if (abi.toePressure)
      more.push(`toe pressure ${formatNumber('toe-pressure', abi.toePressure.value)} mmHg${src(abi.toePressure)}`);
    if (abi.anklePressure) {
      more.push(
        `ankle pressure ${formatNumber('ankle-pressure', abi.anklePressure.value)} mmHg${src(abi.anklePressure)}`,
      );
    }
    if (more.length) lines.push(`  Also: ${joinList(more)}.`);
    if (abi.meetsCltiHaemodynamics)
      lines.push('  The haemodynamics meet the threshold for chronic limb-threatening ischaemia.');
    if (abi.wifiIschemiaGrade !== undefined) lines.push(`  WIfI ischaemia grade ${abi.wifiIschemiaGrade}.`);
  } else {
    lines.push('- Ankle-brachial index: none on file or entered (unknown, not normal).');
  }
  return lines;
}

/**
 * A workup reason with repeats dropped: when several rules call for the same test the engine joins their reasons
 * with "; ", and one may contain another ("anatomy for revascularisation; anatomy for revascularisation planning").
 */
function distinctReasons(reason: string): string {
  const parts = reason.split('; ');
  const kept = parts.filter((p, i) => {
    const lp = p.toLowerCase().replace(/[.\s]+$/, '');
    return !parts.some((q, j) => {
      if (j === i) return false;
      const lq = q.toLowerCase().replace(/[.\s]+$/, '');
      return lq.includes(lp) && (lq.length > lp.length || j < i);
    });
  });
  return kept.map((p, i) => (i === 0 ? capitalise(p) : p)).join('; ');
}

function alreadyOnFileLine(w: WorkupItem): string {
  const on = w.alreadyOnFile!;
  const date = isoDay(on.date);
  const summary = on.summary;
  return `${w.label} (${summary.includes(date) ? summary : `${summary}, ${date}`})`;
}

/** A missing-data concept without the form path the engine appends for developers ("… (exam.straightLegRaise)"). */
function conceptName(concept: string): string {
  const m = /^(.*\S)\s*\(([A-Za-z]+(?:\.[A-Za-z]+)?(?:,\s*[A-Za-z]+(?:\.[A-Za-z]+)?)*)\)$/.exec(concept);
  if (!m) return concept;
  const [, name, list] = m as unknown as [string, string, string];
  const isFormPath = (path: string) =>
    questionFor(path) !== undefined ||
    QUESTION_GROUPS.some((g) => g.questions.some((q) => q.path.startsWith(`${path}.`)));
  return list.split(/,\s*/).every(isFormPath) ? name : concept;
}

/**
 * Workup, compactly: tests to order now or soon with their reason (one per line); routine tests on one line per
 * condition; results already on file on one line (shown so nobody re-orders them); then missing data that is not
 * already covered by a suggested test.
 */
function renderWorkup(a: Assessment): string[] {
  if (!a.workup.length && !a.missingData.length) return ['No further tests suggested.'];
  const lines: string[] = [];
  const toOrder = a.workup.filter((w) => !w.alreadyOnFile);
  for (const w of toOrder.filter((x) => x.priority !== 'routine')) {
    lines.push(`- [${PRIORITY_WORDS[w.priority]}] ${w.label}: ${distinctReasons(w.reason)}`);
  }
  const routineGroups = new Map<string, WorkupItem[]>();
  for (const w of toOrder.filter((x) => x.priority === 'routine')) {
    const key = w.for.map((id) => CONDITION_PHRASES[id]).join(' / ');
    routineGroups.set(key, [...(routineGroups.get(key) ?? []), w]);
  }
  for (const [forWhat, items] of routineGroups) {
    lines.push(`- [routine] ${items.map((w) => w.label).join('; ')}${forWhat ? ` (for ${forWhat})` : ''}.`);
  }
  const onFile = a.workup.filter((w) => w.alreadyOnFile);
  if (onFile.length) lines.push(`- Already on file, not re-ordered: ${joinList(onFile.map(alreadyOnFileLine))}.`);
  if (!a.workup.length) lines.push('No further tests suggested.');
  const ordered = a.workup.map((w) => w.label.toLowerCase());
  // The Wells line lists its unrecorded items by name; the engine's summary entry for them is not repeated here.
  const wellsListed = (a.scores.wells?.unknownItems ?? 0) > 0;
  const missing = a.missingData.filter((m) => {
    const name = conceptName(m.concept).toLowerCase();
    if (wellsListed && name.startsWith('wells items')) return false;
    return !ordered.some((label) => label.startsWith(name));
  });
  if (missing.length) {
    lines.push(
      `Missing data (unknown, not normal): ${joinList(
        trimmed(missing, MAX_MISSING, (m) => `${conceptName(m.concept)} (${m.why})`),
      )}.`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------

function section(title: string, body: readonly string[]): string {
  return [title.toUpperCase(), ...body].join('\n');
}

function header(input: RenderNoteInput): string[] {
  const { assessment, patient, context } = input;
  const lines = [NOTE_TITLE, `Date: ${formatDateTime(assessment.generatedAt)}`];
  if (patient?.name || patient?.birthDate || patient?.sex) {
    const bits = [patient.name, patient.birthDate ? `born ${isoDay(patient.birthDate)}` : '', patient.sex]
      .filter(Boolean)
      .join(', ');
    lines.push(`Patient: ${bits}`);
  }
  if (context?.encounter) lines.push(`Encounter: ${context.encounter}`);
  if (context?.clinician) lines.push(`Clinician: ${context.clinician}`);
  if (assessment.redFlags.length) {
    const n = assessment.redFlags.length;
    lines.push(`*** ${n} red flag${n === 1 ? '' : 's'}: see RED FLAGS below ***`);
  }
  return lines;
}

/** Every chart record a fact was read from. */
function usedReferences(facts: ChartFacts): Set<string> {
  return new Set(
    [
      ...facts.conditions,
      ...facts.observations,
      ...facts.medications,
      ...facts.events,
      ...(facts.smoking ? [facts.smoking] : []),
    ].map((f) => f.provenance.reference),
  );
}

/**
 * Renders the note. Deterministic: the same inputs give the same text (dates come from `assessment.generatedAt`).
 * Used by the write-back preview and by the CLI's `--format text`.
 */
export function renderNoteText(input: RenderNoteInput): string {
  const { assessment: a, form, facts } = input;
  const sections: string[] = [header(input).join('\n')];

  sections.push(section('Reason for assessment / history of present illness', renderHpi(form)));
  sections.push(section('Data reviewed (chart)', renderDataReviewed(facts)));
  sections.push(
    section(
      'Red flags',
      a.redFlags.length
        ? a.redFlags.flatMap((f) => renderRedFlag(f, a.generatedAt))
        : ['None identified from the information recorded (unrecorded answers are unknown, not negative).'],
    ),
  );
  sections.push(section('Differential diagnosis (ranked)', renderDifferential(a)));
  sections.push(section('Scores and test interpretation', renderScores(a)));

  sections.push(section('Suggested workup', renderWorkup(a)));

  if (a.advice.length)
    sections.push(
      section(
        'Advice given',
        a.advice.map((x) => `- ${x.text}`),
      ),
    );

  const comment = form.comment?.trim();
  if (comment) sections.push(section("Clinician's comment", [comment]));

  if (a.dataIssues.length || facts.dataIssues.length) {
    const issues = [
      ...a.dataIssues,
      ...facts.dataIssues.filter((d) => !a.dataIssues.some((x) => x.problem === d.problem)),
    ];
    // An issue about a record the facts still use (e.g. a unit converted approximately) is a caveat, not a record
    // that "could not be used": saying otherwise would contradict the value shown under Data reviewed.
    const used = usedReferences(facts);
    const caveat = (d: (typeof issues)[number]) => d.resource !== undefined && used.has(d.resource);
    const ordered = [...issues.filter((d) => !caveat(d)), ...issues.filter(caveat)];
    sections.push(
      section(
        'Chart data issues',
        trimmed(
          ordered,
          MAX_DATA_ISSUES,
          (d) =>
            `${caveat(d) ? 'Used, with a caveat' : 'Not used'}: ${d.resource ? `${d.resource}: ` : ''}${d.problem}`,
        ).map((line) => `- ${line}`),
      ),
    );
  }

  const version = input.context?.appVersion ? ` ${input.context.appVersion}` : '';
  sections.push(
    section('Decision support', [
      a.disclaimer,
      `Prepared with Nocturne${version} (engine ${a.engineVersion}, data as of ${formatDateTime(a.generatedAt)}); reviewed by the clinician before filing.`,
    ]),
  );
  return `${sections.join('\n\n')}\n`;
}
