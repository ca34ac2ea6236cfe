/**
 * `assess`: chart facts + form answers + an injected clock → the Assessment.
 *
 * Pure and deterministic: no IO, no clock of its own, no randomness; the same inputs always give the same
 * output, byte for byte. Order of work: index the inputs, compute Wells (rules need it), evaluate red flags
 * (independently of any score), score and rank the eight conditions, then derive scores, missing data,
 * workup and advice from the ranking. Wells is always computed (red flags read it) but only shown when DVT is
 * plausible (`WELLS_RELEVANCE`).
 */
import type { Assessment, ConditionId, DifferentialItem, Evidence, Likelihood, MissingData } from './assessment';
import { CONDITION_IDS } from './assessment';
import { CONDITION_ADVICE, RED_FLAG_ADVICE } from './advice';
import { type AssessOptions, buildContext } from './context';
import type { ChartFacts } from './facts';
import type { FormAnswers } from '@/lib/form/schema';
import { computeIrlssg } from './irlssg';
import { CONDITION_LABELS } from './labels';
import { findMissing } from './missing';
import type { RuleContext } from './predicates';
import { evaluateRedFlags } from './red-flags';
import { scoreCondition } from './scorer';
import { ENGINE_VERSION, likelihoodFor } from './thresholds';
import { interpretVascular } from './vascular';
import { computeWells, wellsPathway, wellsRelevant } from './wells';
import { planWorkup } from './workup';

export type { AssessOptions } from './context';

export const DISCLAIMER =
  'Decision support for the treating clinician, not a diagnosis: confirm every finding and suggestion with your own clinical judgement.';

/** Ties rank the condition that is costlier to miss first (documented in the rule book). */
export const TIE_BREAK_ORDER: readonly ConditionId[] = [
  'deep-vein-thrombosis',
  'pad-ischemic-rest-pain',
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
  const ctx = buildContext(facts, form, options);
  const baseWells = computeWells(ctx);
  const rctx: RuleContext = { ...ctx, wells: baseWells };

  // 1. Red flags first, from their own triggers only.
  const redFlags = evaluateRedFlags(rctx);
  // A suspected-DVT or possible-PE flag overrides the D-dimer exclusion pathway (never "excluded" under a flag).
  // Rules read it from the per-assessment cache (set once, before any scoring rule runs).
  let dvtRedFlag = false;
  for (const f of redFlags) if (f.id === 'suspected-dvt' || f.id === 'possible-pulmonary-embolism') dvtRedFlag = true;
  ctx.cache.dvtRedFlag = dvtRedFlag;
  // Only the pathway text changes under a flag; rules never read it, so they keep `baseWells`.
  const wells = dvtRedFlag ? { ...baseWells, pathway: wellsPathway(ctx, baseWells, true) } : baseWells;

  // 2. Score and rank every condition.
  const scored = CONDITION_IDS.map((id) => scoreCondition(id, rctx));
  scored.sort((a, b) => b.score - a.score || (TIE_RANK.get(a.id) ?? 0) - (TIE_RANK.get(b.id) ?? 0));
  const likelihood = new Map<ConditionId, Likelihood>();
  const scores = new Map<ConditionId, number>();
  for (const s of scored) {
    likelihood.set(s.id, likelihoodFor(s.score));
    scores.set(s.id, s.score);
  }
  const order = scored.map((s) => s.id);

  // 3. Scores shown beside the ranking. Wells only when DVT is plausible (see WELLS_RELEVANCE).
  const showWells = wellsRelevant({
    ctx,
    dvtLikelihood: likelihood.get('deep-vein-thrombosis') ?? 'unlikely',
    redFlags,
  });
  const irlssg = computeIrlssg(form);
  const abi = interpretVascular(ctx);

  // 4. Missing data, workup, advice.
  const missingData = findMissing({ ctx: rctx, likelihood, wells, wellsComputed: showWells });
  const workup = planWorkup({ ctx, wells, likelihood, scores, redFlags, dvtRedFlag }, order);

  const missingFor = new Map<ConditionId, MissingData[]>();
  for (const id of CONDITION_IDS) missingFor.set(id, []);
  for (const m of missingData) {
    if (m.for === undefined) for (const list of missingFor.values()) list.push(m);
    else for (const id of m.for) missingFor.get(id)?.push(m);
  }
  const differential: DifferentialItem[] = scored.map((s) => {
    const missing: MissingData[] = missingFor.get(s.id) ?? [];
    return {
      id: s.id,
      label: CONDITION_LABELS[s.id],
      likelihood: likelihood.get(s.id) ?? 'unlikely',
      score: s.score,
      summary: summarise(s.supporting, s.opposing),
      supporting: s.supporting,
      opposing: s.opposing,
      missing,
    };
  });

  const advice: { for: Assessment['advice'][number]['for']; text: string }[] = [];
  for (const f of redFlags) advice.push({ for: f.id, text: RED_FLAG_ADVICE[f.id] });
  for (const d of differential) {
    if (d.likelihood === 'high' || d.likelihood === 'moderate')
      advice.push({ for: d.id, text: CONDITION_ADVICE[d.id] });
  }

  return {
    differential,
    redFlags,
    workup,
    scores: { wells: showWells ? wells : null, irlssg, abi },
    missingData,
    dataIssues: facts.dataIssues.map((d) => (d.resource === undefined ? { problem: d.problem } : { ...d })),
    advice,
    generatedAt: ctx.nowIso,
    engineVersion: ENGINE_VERSION,
    disclaimer: DISCLAIMER,
  };
}
