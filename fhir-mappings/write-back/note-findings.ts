/**
 * Relevant findings from the chart, and the chart records the note rests on.
 *
 * "Relevant" is decided by the engine, not here: a chart record is listed when the assessment used it (as evidence
 * for a red flag or a plausible candidate, in the ABI interpretation, as a chart pre-answer, or as a workup result
 * already on file for a candidate in play). A Synthea chart with 869 Observations therefore yields a few lines, not
 * a dump. Results come first when abnormal, each with its date (in the clinician's time zone), in the unit and
 * rounding of a lab report (`lib/engine/format.ts`).
 *
 * The same set of records is the note's provenance: {@link noteSources} lists them for `DocumentReference.context
 * .related` (and the Provenance's `entity`), so resource ids never need to appear in the prose.
 */
import type { Assessment, Evidence } from '../../lib/engine/assessment';
import type { CareEventFact, ChartFacts, ChartSection, ObservationFact } from '../../lib/engine/facts';
import { formatDate, formatPlainNumber, formatUnit, formatValue, inSentence } from '../../lib/engine/format';
import { OBSERVATION_LABELS } from '../../lib/engine/labels';
import { RECENT_EVENT_DAYS, STALENESS_DAYS } from '../../lib/engine/thresholds';
import { DAY_MS } from '../../lib/core/time';
import { safeInline } from '../../lib/core/safe-text';
import { chartLabel, joinAnd, joinClauses, sentence } from './note-phrases';

/** A FHIR relative reference to a resource Nocturne read (`Observation/abc`); anything else is not a source. */
const RELATIVE_REFERENCE =
  /^(?:Observation|Condition|MedicationRequest|MedicationStatement|Procedure|Encounter)\/[A-Za-z0-9\-.]{1,64}$/;

/** Evidence the assessment rests on: red flags, candidates in play, Wells items, chart pre-answers. */
function relevantEvidence(a: Assessment): Evidence[] {
  const inPlay = a.differential.filter((d) => d.likelihood !== 'unlikely');
  return [
    ...a.redFlags.flatMap((f) => f.evidence),
    ...inPlay.flatMap((d) => [...d.supporting, ...d.opposing]),
    ...(a.scores.wells?.items.flatMap((i) => (i.met === true && i.evidence ? [i.evidence] : [])) ?? []),
    // Chart pre-answers were reviewed either way: applied, or shown beside the clinician's own answer.
    ...a.chartAnswers.flatMap((c) => c.evidence),
  ];
}

/**
 * Recent surgery, hospital stays and immobilisation when a clot is in question: they are Wells items and the reason
 * a D-dimer may mislead, even when the clinician answered the question from the history.
 */
function clotContextEvents(a: Assessment, facts: ChartFacts | undefined): CareEventFact[] {
  if (!facts) return [];
  const clot =
    a.redFlags.some((f) => f.id === 'suspected-dvt' || f.id === 'possible-pulmonary-embolism') ||
    a.differential.some((d) => d.id === 'deep-vein-thrombosis' && d.likelihood !== 'unlikely');
  if (!clot) return [];
  const now = Date.parse(a.generatedAt);
  return facts.events.filter((e) => {
    const age = (now - Date.parse(e.date)) / DAY_MS;
    return Number.isFinite(age) && age >= -1 && age <= RECENT_EVENT_DAYS;
  });
}

/** The chart records the assessment used, in a stable order (first use first). */
export function noteSources(a: Assessment, facts?: ChartFacts): string[] {
  const refs: string[] = [];
  const add = (r: string | undefined) => {
    if (r && RELATIVE_REFERENCE.test(r) && !refs.includes(r)) refs.push(r);
  };
  for (const e of relevantEvidence(a)) add(e.reference);
  const abi = a.scores.abi;
  if (abi) {
    for (const m of [abi.right, abi.left, abi.unspecified, abi.tbi, abi.toePressure, abi.anklePressure, abi.tcpo2]) {
      add(m?.reference);
    }
  }
  for (const e of clotContextEvents(a, facts)) add(e.provenance.reference);
  const inPlay = new Set(a.differential.filter((d) => d.likelihood !== 'unlikely').map((d) => d.id));
  for (const w of a.workup) {
    if (w.alreadyOnFile && (w.for.some((id) => inPlay.has(id)) || (w.forRedFlags?.length ?? 0) > 0)) {
      add(w.alreadyOnFile.reference);
    }
  }
  return refs;
}

/** Positively weighted evidence marks a result as bearing on the story even when the lab did not flag it. */
function abnormalRefs(a: Assessment): Set<string> {
  const out = new Set<string>();
  for (const e of relevantEvidence(a)) if (e.reference && e.weight >= 0) out.add(e.reference);
  for (const d of a.differential) for (const e of d.opposing) if (e.reference) out.delete(e.reference);
  return out;
}

/** Conversions that are approximations, not exact unit arithmetic (D-dimer DDU ↔ FEU is a doubling by convention). */
function approximate(o: ObservationFact): boolean {
  return o.concept === 'd-dimer' || /approx/i.test(o.original?.unit ?? '');
}

interface Result {
  /** "ABI", "toe pressure", "HbA1c". */
  readonly name: string;
  /** "right 0.45", "8.4 % (high)", "1200 ng/mL FEU (reported as 600 ng/mL DDU, converted approximately)". */
  readonly value: string;
  readonly date: string;
  readonly abnormal: boolean;
  readonly stale: boolean;
}

function resultValue(o: ObservationFact): string {
  const notes: string[] = [];
  // A lab's own high/low flag is worth repeating; vascular results are read against the guideline bands instead.
  const lab = !['abi', 'tbi', 'ankle-pressure', 'toe-pressure', 'tcpo2'].includes(o.concept);
  if (lab && (o.interpretation === 'high' || o.interpretation === 'low')) notes.push(o.interpretation);
  if (o.original) {
    const recorded = `${formatPlainNumber(o.original.value)} ${formatUnit(o.original.unit)}`.trim();
    notes.push(`reported as ${recorded}${approximate(o) ? ', converted approximately' : ''}`);
  }
  // One parenthesis: "magnesium 1.5 mg/dL (low; reported as 0.62 mmol/L)".
  return `${o.side ? `${o.side} ` : ''}${formatValue(o.concept, o.value)}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

function isStale(o: ObservationFact, asOf: string): boolean {
  const age = (Date.parse(asOf) - Date.parse(o.date)) / DAY_MS;
  return Number.isFinite(age) && age > STALENESS_DAYS[o.concept];
}

/**
 * "ABI right 0.45, left 0.78 and toe pressure right 25 mmHg on 18 Nov 2026": consecutive results of one day
 * together, a repeated test named once.
 */
function groupByDay(items: readonly Result[], timeZone: string): string[] {
  const groups: { day: string; stale: boolean; texts: string[]; last: string }[] = [];
  for (const item of items) {
    const day = formatDate(item.date, timeZone);
    let g = groups[groups.length - 1];
    if (!g || g.day !== day || g.stale !== item.stale) {
      g = { day, stale: item.stale, texts: [], last: '' };
      groups.push(g);
    }
    g.texts.push(g.last === item.name ? item.value : `${item.name} ${item.value}`);
    g.last = item.name;
  }
  return groups.map((g) => `${joinAnd(g.texts)} on ${g.day}${g.stale ? ' (old: repeat)' : ''}`);
}

const SECTION_WORDS: Readonly<Record<ChartSection, string>> = {
  Patient: 'demographics',
  Condition: 'the problem list',
  Observation: 'results',
  MedicationRequest: 'medications',
  Procedure: 'procedures',
  Encounter: 'hospital stays',
};

const RESOURCE_WORDS: Readonly<Record<string, string>> = {
  Observation: 'a result',
  Condition: 'a problem-list entry',
  MedicationRequest: 'a medication order',
  Procedure: 'a procedure record',
  Encounter: 'an encounter record',
};

/**
 * A data issue in clinician words: the record type named as a clinician would, and parser detail (field paths,
 * UCUM brackets) dropped; the reader learns what was not used and that it should be checked.
 */
function issueText(problem: string): string {
  let t = safeInline(problem)
    .replace(/\s*\((?:field|expected|path)[^)]*\)/gi, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\s{2,}/g, ' ');
  const first = /^([A-Z][A-Za-z]+)\b/.exec(t)?.[1];
  if (first && RESOURCE_WORDS[first]) t = `${RESOURCE_WORDS[first]}${t.slice(first.length)}`;
  return t.replace(/\s*\.\s*$/, '').replace(/\s+\)/g, ')');
}

const MAX_ISSUES = 2;

/** The RELEVANT FINDINGS section's lines (chart data with dates, abnormal first). */
export function findingsLines(a: Assessment, facts: ChartFacts, timeZone: string): string[] {
  const sources = new Set(noteSources(a, facts));
  const abnormal = abnormalRefs(a);
  const lines: string[] = [];

  const observations = facts.observations.filter((o) => sources.has(o.provenance.reference));
  const seen = new Set<string>();
  const results: Result[] = [];
  for (const o of observations) {
    if (seen.has(o.provenance.reference)) continue;
    seen.add(o.provenance.reference);
    results.push({
      name: OBSERVATION_LABELS[o.concept],
      value: resultValue(o),
      date: o.date,
      abnormal:
        abnormal.has(o.provenance.reference) || (o.interpretation !== undefined && o.interpretation !== 'normal'),
      stale: isStale(o, a.generatedAt),
    });
  }
  // Manual entries on the form (ABI and pressures measured today) are findings too; say where they came from.
  const abi = a.scores.abi;
  const measures = abi
    ? ([
        ['abi', abi.right],
        ['abi', abi.left],
        ['tbi', abi.tbi],
        ['toe-pressure', abi.toePressure],
        ['ankle-pressure', abi.anklePressure],
      ] as const)
    : [];
  const manual = measures.flatMap(([concept, m]) =>
    m?.source === 'form'
      ? [`${OBSERVATION_LABELS[concept]}${m.side ? ` ${m.side}` : ''} ${formatValue(concept, m.value)}`]
      : [],
  );
  const ordered = [...results.filter((r) => r.abnormal), ...results.filter((r) => !r.abnormal)];
  const resultParts = groupByDay(ordered, timeZone);
  if (manual.length) resultParts.push(`${joinAnd(manual)} measured and entered on the form`);
  if (resultParts.length) lines.push(sentence(joinClauses(resultParts)));

  const conditionRefs = new Set<string>();
  const conditions = facts.conditions.filter((c) => {
    if (!sources.has(c.provenance.reference) || conditionRefs.has(c.provenance.reference)) return false;
    conditionRefs.add(c.provenance.reference);
    return true;
  });
  const history: string[] = conditions.map((c) => {
    const label = inSentence(chartLabel(c.label));
    const marks = [
      ...(c.confirmed === false ? ['unconfirmed'] : []),
      ...(c.provenance.verification === 'unverified' ? ['code unverified: confirm'] : []),
    ];
    // Month and year are how a problem list is read ("since Dec 2023"); the day adds nothing.
    const onset = c.onset ? formatDate(c.onset.slice(0, 7)) : undefined;
    const when = c.status === 'active' ? (onset ? `since ${onset}` : '') : (onset ?? '');
    const details = [when, ...marks].filter(Boolean).join(', ');
    const name = c.status === 'history' && !/^(?:history|previous|past)\b/i.test(label) ? `history of ${label}` : label;
    return details ? `${name} (${details})` : name;
  });
  for (const m of facts.medications) {
    if (!sources.has(m.provenance.reference)) continue;
    const when = m.date ? ` (${m.status === 'active' ? 'since' : 'stopped'} ${formatDate(m.date, timeZone)})` : '';
    history.push(`${inSentence(chartLabel(m.label))}${m.status === 'stopped' && !m.date ? ' (stopped)' : when}`);
  }
  for (const e of facts.events) {
    if (!sources.has(e.provenance.reference)) continue;
    // The mapper's label reads "Inpatient stay: Hospital admission (5 days)"; in a sentence: "hospital admission
    // (5 days, discharged 15 Nov 2026)".
    let label = chartLabel(e.label);
    const details: string[] = [];
    if (e.kind === 'inpatient-stay') {
      label = label.replace(/^inpatient stay:\s*/i, '') || 'hospital admission';
      const days = /\s*\((\d+ days?)\)$/.exec(label);
      if (days) {
        label = label.slice(0, days.index);
        details.push(days[1]!);
      }
      details.push(`discharged ${formatDate(e.date, timeZone)}`);
    } else details.push(formatDate(e.date, timeZone));
    history.push(`${inSentence(label)} (${details.join(', ')})`);
  }
  if (facts.smoking && sources.has(facts.smoking.provenance.reference) && facts.smoking.status !== 'unknown') {
    const s = facts.smoking.status;
    history.push(s === 'current' ? 'current smoker' : s === 'former' ? 'former smoker' : 'never smoked');
  }
  if (history.length) lines.push(sentence(joinClauses(history)));

  if (facts.unavailable.length) {
    const what = joinAnd(facts.unavailable.map((s) => SECTION_WORDS[s]));
    lines.push(sentence(`could not be loaded from the chart: ${what} (unknown, not normal)`));
  }
  const issues = [
    ...a.dataIssues,
    ...facts.dataIssues.filter((d) => !a.dataIssues.some((x) => x.problem === d.problem)),
  ];
  if (issues.length) {
    const shown = issues.slice(0, MAX_ISSUES).map((d) => inSentence(issueText(d.problem)));
    const rest = issues.length - shown.length;
    lines.push(
      sentence(
        `not used from the chart: ${joinClauses(shown)}${rest > 0 ? `; ${rest} other record${rest === 1 ? '' : 's'}` : ''}`,
      ),
    );
  }
  return lines;
}
