/**
 * The scorer: runs the rule book against the context and turns matches into weighted Evidence.
 *
 * A condition's score is by construction the sum of its evidence weights: each rule that holds yields one
 * weighted evidence item (its first match) plus zero-weight context items (further matches, e.g. the second
 * half of an "and"), and a capped group hands out only what remains of its cap.
 */
import type { ConditionId, Evidence } from './assessment';
import type { ScoreContext } from './context';
import { toEvidence } from './matches';
import { type Evaluator, type Test, compileScore, compileScoreTest } from './predicate-compiler';
import { RULES_BY_CONDITION, type Rule } from './rules';
import { CAPS, type CapGroup } from './thresholds';

export interface ConditionScore {
  readonly id: ConditionId;
  readonly score: number;
  readonly supporting: Evidence[];
  readonly opposing: Evidence[];
}

function byStrength(a: Evidence, b: Evidence): number {
  return Math.abs(b.weight) - Math.abs(a.weight);
}

interface CompiledRule {
  readonly rule: Rule;
  /** Whether the rule holds (cheap: most rules do not, for a given patient). */
  readonly holds: Test<ScoreContext>;
  /** Its matches, built only for rules that hold. */
  readonly matches: Evaluator<ScoreContext>;
}

/** Rule predicates compiled once, at module load. */
const COMPILED_RULES: ReadonlyMap<ConditionId, readonly CompiledRule[]> = new Map(
  [...RULES_BY_CONDITION].map(([id, rules]) => [
    id,
    rules.map((rule) => ({ rule, holds: compileScoreTest(rule.when), matches: compileScore(rule.when) })),
  ]),
);

export function scoreCondition(id: ConditionId, ctx: ScoreContext): ConditionScore {
  const rules = COMPILED_RULES.get(id) ?? [];
  const supporting: Evidence[] = [];
  const opposing: Evidence[] = [];
  let score = 0;
  let capUsed: Partial<Record<CapGroup, number>> | undefined;

  for (const { rule, holds, matches: evaluate } of rules) {
    if (!holds(ctx)) continue;
    const matches = evaluate(ctx);
    if (!matches || matches.length === 0) continue;
    let weight = rule.weight;
    let capNote = '';
    if (rule.cap) {
      capUsed ??= {};
      const used = capUsed[rule.cap] ?? 0;
      const room = Math.max(0, CAPS[rule.cap] - used);
      if (weight > room) {
        weight = room;
        capNote = ` (cap of +${CAPS[rule.cap]} for this group reached)`;
      }
      capUsed[rule.cap] = used + weight;
    }
    score += weight;
    const target = rule.weight > 0 ? supporting : opposing;
    for (let i = 0; i < matches.length; i++) {
      const m = matches[i]!;
      target.push(toEvidence(m, i === 0 ? weight : 0, rule.id, i === 0 && capNote ? m.label + capNote : m.label));
    }
  }
  // Stable sort: strongest first, rule-book order among equals.
  supporting.sort(byStrength);
  opposing.sort(byStrength);
  return { id, score, supporting, opposing };
}
