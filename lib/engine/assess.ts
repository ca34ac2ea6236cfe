/**
 * `assess`: chart facts + form answers + an injected clock → the Assessment.
 *
 * Pure and deterministic: no IO, no clock of its own, no randomness; the same inputs always give the same
 * output, byte for byte. The order of work is fixed, and each stage hands its results to the next in a context
 * of its own type (never by writing into a shared cache):
 * 1. the chart's pre-answers fill the questions the clinician left open (an explicit answer always wins);
 * 2. Wells, from chart and form (`FactContext`);
 * 3. red flags, from their own triggers only: they cannot read a score;
 * 4. scoring and ranking, which may read the raised flags (`ScoreContext`);
 * 5. the plan (`PlanContext`): whether Wells is shown, workup, form blocks, missing data, advice.
 */
import type {
  Assessment,
  ConditionId,
  DifferentialItem,
  Evidence,
  Likelihood,
  MissingData,
  RedFlagId,
} from './assessment';
import { CONDITION_IDS } from './assessment';
import { RED_FLAG_ADVICE, conditionAdvice } from './advice';
import { deriveChartAnswers, withChartAnswers } from './chart-answers';
import { type AssessOptions, type FactContext, type ScoreContext, buildContext, stageContext } from './context';
import type { ChartFacts } from './facts';
import type { FormAnswers } from '@/lib/form/schema';
import { formBlocks } from './form-blocks';
import { computeIrlssg } from './irlssg';
import { CONDITION_LABELS } from './labels';
import { findMissing } from './missing';
import { holdsPlan } from './predicate-compiler';
import { evaluateRedFlags } from './red-flags';
import { scoreCondition } from './scorer';
import { ENGINE_VERSION, likelihoodFor } from './thresholds';
import { interpretVascular } from './vascular';
import { WELLS_RELEVANCE, computeWells, wellsPathway } from './wells';
import { planWorkup } from './workup';

export type { AssessOptions } from './context';

export const DISCLAIMER =
  'Decision support for the treating clinician, not a diagnosis: confirm every finding and suggestion with your own clinical judgement.';

/** Ties rank the condition that is costlier to miss first (documented in the rule book). */
export const TIE_BREAK_ORDER: readonly ConditionId[] = [
  'deep-vein-thrombosis',
  'pad-ischemic-rest-pain',
  'cellulitis',
  'lumbar-radiculopathy',
  'peroneal-neuropathy',
  'diabetic-peripheral-neuropathy',
  'venous-insufficiency',
  'nocturnal-leg-cramps',
  'restless-legs-syndrome',
];
const TIE_RANK: ReadonlyMap<ConditionId, number> = new Map(TIE_BREAK_ORDER.map((id, i) => [id, i]));

/** Lower-cases a sentence-initial capital so a label reads inside a sentence ("Supported by the pain…"), keeping acronyms (ABI, HbA1c). */
function inSentence(label: string): string {
  const second = label.charAt(1);
  return second !== '' && second === second.toLowerCase() && second !== second.toUpperCase()
    ? label.charAt(0).toLowerCase() + label.slice(1)
    : label;
}

function fmt(e: Evidence): string {
  const w = e.weight > 0 ? `+${e.weight}` : `−${Math.abs(e.weight)}`;
  return `${inSentence(e.label)} (${w})`;
}

function summarise(supporting: readonly Evidence[], opposing: readonly Evidence[]): string {
  // Evidence lists are sorted strongest first, so the first non-zero items are the strongest.
  let pro = '';
  let nPro = 0;
  for (const e of supporting) {
    if (e.weight === 0) continue;
    pro += nPro === 0 ? fmt(e) : `; ${fmt(e)}`;
    if (++nPro === 2) break;
  }
  let con = '';
  for (const e of opposing) {
    if (e.weight !== 0) {
      con = fmt(e);
      break;
    }
  }
  if (nPro === 0 && con === '') return 'Nothing recorded for or against yet: unknown, not excluded.';
  if (nPro === 0) return `Against: ${con}.`;
  return con === '' ? `Supported by ${pro}.` : `Supported by ${pro}; against: ${con}.`;
}

export function assess(facts: ChartFacts, form: FormAnswers, options: AssessOptions): Assessment {
  const nowMs = options.now.getTime();

  // 1. Chart pre-answers, then the context the rules read.
  const chart = deriveChartAnswers(facts, nowMs, form);
  const effective = withChartAnswers(form, chart.applied);
  const base = buildContext(facts, effective, options, chart.applied, form);

  // 2–3. Wells (chart and form only), then red flags, which can read Wells but no score.
  const fctx: FactContext = stageContext(base, computeWells(base));
  const redFlags = evaluateRedFlags(fctx);
  const raised: ReadonlySet<RedFlagId> = new Set(redFlags.map((f) => f.id));

  // 4. Score and rank every condition; the raised flags are passed, not cached.
  const wells = { ...fctx.wells, ...wellsPathway(base, fctx.wells, raised) };
  const sctx: ScoreContext = stageContext(base, fctx.wells, raised);
  const scored = CONDITION_IDS.map((id) => scoreCondition(id, sctx));
  scored.sort((a, b) => b.score - a.score || (TIE_RANK.get(a.id) ?? 0) - (TIE_RANK.get(b.id) ?? 0));
  const likelihood = new Map<ConditionId, Likelihood>();
  const scores = new Map<ConditionId, number>();
  for (const s of scored) {
    likelihood.set(s.id, likelihoodFor(s.score));
    scores.set(s.id, s.score);
  }
  const order = scored.map((s) => s.id);
  const best = scored[0];
  const top = new Set<ConditionId>(
    best && likelihoodFor(best.score) !== 'unlikely'
      ? scored.filter((s) => s.score === best.score).map((s) => s.id)
      : [],
  );

  // 5. The plan: Wells shown or not, then workup, blocks, missing data and advice.
  const planBase = stageContext(base, wells, raised, { likelihood, scores, top, wellsShown: false });
  const wellsShown = WELLS_RELEVANCE.some((r) => holdsPlan(r.when, planBase));
  const pctx = stageContext(base, wells, raised, { likelihood, scores, top, wellsShown });

  const missingData = findMissing(pctx, raised);
  const workup = planWorkup(
    pctx,
    order,
    redFlags.map((f) => f.id),
  );
  const missingFor = new Map<ConditionId, MissingData[]>();
  for (const id of CONDITION_IDS) missingFor.set(id, []);
  for (const m of missingData) {
    if (m.for === undefined) for (const list of missingFor.values()) list.push(m);
    else for (const id of m.for) missingFor.get(id)?.push(m);
  }
  const differential: DifferentialItem[] = scored.map((s) => ({
    id: s.id,
    label: CONDITION_LABELS[s.id],
    likelihood: likelihood.get(s.id) ?? 'unlikely',
    score: s.score,
    summary: summarise(s.supporting, s.opposing),
    supporting: s.supporting,
    opposing: s.opposing,
    missing: missingFor.get(s.id) ?? [],
  }));

  const advice: { for: Assessment['advice'][number]['for']; text: string }[] = [];
  for (const f of redFlags) advice.push({ for: f.id, text: RED_FLAG_ADVICE[f.id] });
  for (const d of differential) {
    if (d.likelihood === 'high' || d.likelihood === 'moderate')
      advice.push({ for: d.id, text: conditionAdvice(d.id, fctx) });
  }

  return {
    differential,
    redFlags,
    workup,
    scores: { wells: wellsShown ? wells : null, irlssg: computeIrlssg(effective), abi: interpretVascular(base) },
    missingData,
    dataIssues: facts.dataIssues.map((d) => (d.resource === undefined ? { problem: d.problem } : { ...d })),
    chartAnswers: chart.answers,
    formBlocks: formBlocks(pctx),
    advice,
    generatedAt: base.nowIso,
    engineVersion: ENGINE_VERSION,
    disclaimer: DISCLAIMER,
  };
}
