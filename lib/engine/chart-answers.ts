/**
 * Chart pre-answers: form questions the chart already answers (issue 9 item 2), with the records behind them.
 *
 * Pure: facts + the injected clock → answers. The engine fills a form question from the chart only when the
 * clinician has not answered it; an explicit answer always wins and the chart's is then reported as overridden.
 *
 * Only positive answers are pre-filled. A chart that lacks a record has not said "no" (problem lists and
 * medication lists are incomplete), so "not on file" stays unknown and is asked. Records that cannot describe
 * today are not used: a pregnancy begun more than {@link PREGNANCY_RECORD_DAYS} days ago, a surgery that was
 * minor or cannot be classed, an admission shorter than 3 days, anything older than the Wells 12-week window.
 */
import type { ChartAnswer, Evidence } from './assessment';
import type { ChartSourcedAnswer } from './context';
import { ageInDays } from './context';
import { isoDay } from './format';
import type { CareEventFact, ChartFacts, ConditionConcept, ConditionFact, MedicationClass } from './facts';
import { conditionMatch, mk, toEvidence, type Match } from './matches';
import { PREGNANCY_RECORD_DAYS, RECENT_EVENT_DAYS } from './thresholds';

/** Wells "recently bedridden": 3 days or more (NICE NG158). */
const BEDRIDDEN_DAYS = 3;

interface Derivation {
  readonly path: string;
  readonly label: string;
  /** The chart records that answer "yes", newest or most relevant first; empty when the chart does not know. */
  readonly find: (facts: ChartFacts, nowMs: number) => readonly Match[];
}

function conditions(
  facts: ChartFacts,
  concepts: readonly ConditionConcept[],
  keep: (c: ConditionFact) => boolean = () => true,
): Match[] {
  const out: Match[] = [];
  // Active records first, so the label cites the current one.
  for (const status of ['active', 'history'] as const) {
    for (const c of facts.conditions) {
      if (c.status === status && concepts.includes(c.concept) && keep(c)) out.push(conditionMatch(c));
    }
  }
  return out;
}

function medications(facts: ChartFacts, cls: MedicationClass): Match[] {
  return facts.medications
    .filter((m) => m.medClass === cls && m.status === 'active')
    .map((m) =>
      mk('fhir', `Medication: ${m.label} (active)`, undefined, m.provenance.reference, m.date ?? m.provenance.date),
    );
}

function eventMatch(e: CareEventFact, detail: string): Match {
  return mk('fhir', `Chart: ${e.label} (${detail}, ${isoDay(e.date)})`, undefined, e.provenance.reference, e.date);
}

function recentEvents(facts: ChartFacts, nowMs: number, keep: (e: CareEventFact) => string | undefined): Match[] {
  const out: Match[] = [];
  for (const e of facts.events) {
    const age = ageInDays(e.date, nowMs);
    if (age < -1 || age > RECENT_EVENT_DAYS) continue;
    const detail = keep(e);
    if (detail !== undefined) out.push(eventMatch(e, detail));
  }
  return out;
}

/** Every pre-answer the engine derives, in form order; the rule book lists them. */
export const CHART_DERIVATIONS: readonly Derivation[] = [
  {
    path: 'history.activeCancer',
    label: 'Active cancer on the problem list',
    find: (f) => conditions(f, ['active-cancer'], (c) => c.status === 'active'),
  },
  {
    path: 'history.cancerHistory',
    label: 'Cancer on the problem list',
    find: (f) => conditions(f, ['active-cancer']),
  },
  {
    path: 'history.previousDvt',
    label: 'DVT on the problem list',
    find: (f) => conditions(f, ['dvt']),
  },
  {
    path: 'history.previousPe',
    label: 'Pulmonary embolism on the problem list',
    find: (f) => conditions(f, ['pulmonary-embolism']),
  },
  {
    path: 'history.onAnticoagulant',
    label: 'An active anticoagulant prescription',
    find: (f) => medications(f, 'anticoagulant'),
  },
  {
    path: 'history.atrialFibrillation',
    label: 'Atrial fibrillation on the problem list',
    find: (f) => conditions(f, ['atrial-fibrillation']),
  },
  {
    path: 'history.priorLegBypassOrStent',
    label: 'A leg bypass, stent or angioplasty on the problem list',
    find: (f) => conditions(f, ['peripheral-revascularisation']),
  },
  {
    path: 'history.onDialysis',
    label: 'Dialysis on the problem list',
    find: (f) => conditions(f, ['dialysis'], (c) => c.status === 'active'),
  },
  {
    path: 'history.pregnantOrPostpartum',
    label: `A pregnancy recorded in the last ${PREGNANCY_RECORD_DAYS} days`,
    find: (f, nowMs) =>
      conditions(
        f,
        ['pregnancy'],
        (c) => c.status === 'active' && ageInDays(c.onset ?? c.provenance.date, nowMs) <= PREGNANCY_RECORD_DAYS,
      ),
  },
  {
    path: 'history.recentSurgeryOrBedRest',
    label: `Major surgery, or a hospital stay of ${BEDRIDDEN_DAYS} days or more, in the last 12 weeks`,
    find: (f, nowMs) =>
      recentEvents(f, nowMs, (e) => {
        if (e.kind === 'surgery' && e.surgeryClass === 'major') return 'major surgery';
        if (e.kind === 'inpatient-stay' && e.days !== undefined && e.days >= BEDRIDDEN_DAYS)
          return `${e.days}-day stay`;
        return undefined;
      }),
  },
  {
    path: 'history.legParalysisOrCast',
    label: 'A cast or brace in the last 12 weeks',
    find: (f, nowMs) => recentEvents(f, nowMs, (e) => (e.kind === 'immobilisation' ? 'immobilisation' : undefined)),
  },
  {
    path: 'history.onDopamineAgonist',
    label: 'An active dopamine agonist or levodopa prescription',
    find: (f) => medications(f, 'dopamine-agonist'),
  },
];

/** A form value at a dotted path (two levels at most). */
function valueAt(form: Record<string, unknown>, path: string): unknown {
  const [head, tail] = path.split('.', 2) as [string, string | undefined];
  const top = form[head];
  if (tail === undefined) return top;
  return top && typeof top === 'object' ? (top as Record<string, unknown>)[tail] : undefined;
}

export interface ChartAnswers {
  /** Every answer the chart gives, applied or overridden, for the Assessment. */
  readonly answers: readonly ChartAnswer[];
  /** The applied ones, by path, for provenance during evaluation. */
  readonly applied: ReadonlyMap<string, ChartSourcedAnswer>;
}

/** Derives the chart's answers and marks those the clinician answered themselves as overridden. */
export function deriveChartAnswers(facts: ChartFacts, nowMs: number, clinician: object): ChartAnswers {
  const answers: ChartAnswer[] = [];
  const applied = new Map<string, ChartSourcedAnswer>();
  for (const d of CHART_DERIVATIONS) {
    const matches = d.find(facts, nowMs);
    if (matches.length === 0) continue;
    const evidence: Evidence[] = matches.map((m) => toEvidence(m, 0, `chart-answer.${d.path}`, m.label));
    const overridden = valueAt(clinician as Record<string, unknown>, d.path) !== undefined;
    answers.push({
      path: d.path,
      value: true,
      label: d.label,
      evidence,
      status: overridden ? 'overridden' : 'applied',
    });
    if (!overridden) {
      const first = matches[0]!;
      applied.set(d.path, {
        path: d.path,
        value: true,
        label: first.label.replace(/^Chart: /, ''),
        ...(first.reference !== undefined ? { reference: first.reference } : {}),
        ...(first.date !== undefined ? { date: first.date } : {}),
      });
    }
  }
  return { answers, applied };
}

/** The clinician's form with the applied chart answers filled in where the clinician left the question open. */
export function withChartAnswers<F extends object>(form: F, applied: ReadonlyMap<string, ChartSourcedAnswer>): F {
  if (applied.size === 0) return form;
  const out: Record<string, unknown> = { ...(form as Record<string, unknown>) };
  for (const a of applied.values()) {
    const [head, tail] = a.path.split('.', 2) as [string, string];
    out[head] = { ...(out[head] ?? {}), [tail]: a.value };
  }
  return out as F;
}
