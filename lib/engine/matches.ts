/**
 * Matches: the provenance a predicate returns when it holds (which form answer or which chart record, with its
 * reference and date), and their conversion to weighted Evidence.
 *
 * Why one module: every rule, red flag, Wells item and chart pre-answer cites its sources the same way, so a
 * clinician sees one wording for one fact wherever it appears.
 */
import type { Evidence } from './assessment';
import type { EvalContext, LabValue, Measure } from './context';
import type { ConditionFact, LabConcept } from './facts';
import { capitaliseStatic, formatValue, isoDay } from './format';
import { OBSERVATION_LABELS } from './labels';
import type { Match } from './predicate-types';

export type { Match } from './predicate-types';

/** Every Match has the same shape (hot path: keeps property access monomorphic). */
export function mk(
  source: 'fhir' | 'form',
  label: string,
  formField?: string,
  reference?: string,
  date?: string,
): Match {
  return { source, label, formField, reference, date };
}

export function formMatch(formField: string, label: string): Match {
  return mk('form', label, formField);
}

/**
 * The match for a form answer at `path`: the clinician's answer (form provenance), or, when the chart pre-answered
 * it, the chart record behind it (chart provenance, so the evidence says where it really came from).
 */
export function answerMatch(ctx: EvalContext, path: string, label: string): Match {
  const chart = ctx.fromChart.get(path);
  if (!chart) return formMatch(path, label);
  return mk('fhir', `${label} (from chart: ${chart.label})`, path, chart.reference, chart.date);
}

/**
 * Evidence from a match, always with the same object shape (absent provenance fields are `undefined`, which
 * JSON omits) so the hot path stays monomorphic.
 */
export function toEvidence(m: Match, weight: number, ruleId: string, label: string): Evidence {
  return {
    source: m.source,
    label,
    weight,
    reference: m.reference,
    date: m.date,
    formField: m.formField,
    ruleId,
  };
}

/** Per-context memo: the same chart fact yields the same (immutable) Match for every rule that cites it. */
function memo<T extends object>(ctx: EvalContext | undefined, key: T, build: () => Match): Match {
  if (!ctx) return build();
  const hit = ctx.cache.matches.get(key);
  if (hit) return hit;
  const m = build();
  ctx.cache.matches.set(key, m);
  return m;
}

export function conditionMatch(c: ConditionFact, ctx?: EvalContext): Match {
  return memo(ctx, c, () => {
    const status = c.status === 'active' ? 'active' : 'history';
    return mk('fhir', `Chart: ${c.label} (${status})`, undefined, c.provenance.reference, c.onset ?? c.provenance.date);
  });
}

export function labMatch(concept: LabConcept, lab: LabValue, ctx?: EvalContext): Match {
  return memo(ctx, lab, () => {
    const f = lab.fact;
    let label = `${capitaliseStatic(OBSERVATION_LABELS[concept])} ${formatValue(concept, f.value)} (${isoDay(f.date)})`;
    if (lab.computedFrom) label += `, computed from ${lab.computedFrom}`;
    if (f.original) label += `, recorded as ${f.original.value} ${f.original.unit}`;
    if (lab.stale) label += `; older than ${Math.round(lab.ageDays)} days: repeat suggested`;
    return mk('fhir', label, undefined, f.provenance.reference, f.date);
  });
}

export function measureMatch(m: Measure, ctx?: EvalContext): Match {
  return memo(ctx, m, () => {
    const side = m.side ? ` ${m.side}` : '';
    const where = m.source === 'form' ? 'form entry' : 'chart';
    let label = `${OBSERVATION_LABELS[m.concept]}${side} ${formatValue(m.concept, m.value)} (${where}, ${isoDay(m.date)})`;
    if (m.stale) label += '; older than 12 months: repeat suggested';
    if (m.note) label += `; ${m.note}`;
    return m.source === 'form'
      ? mk('form', label, m.formField, undefined, m.date)
      : mk('fhir', label, undefined, m.reference, m.date);
  });
}
