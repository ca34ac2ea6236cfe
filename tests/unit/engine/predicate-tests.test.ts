/**
 * The compiled yes/no tests (`holds*`) and the evidence-building evaluators (`evaluate*`) must agree: the engine
 * uses a test wherever only the truth matters and as a pre-check before building evidence, so a disagreement
 * would silently drop or invent a rule. Checked for every predicate and sub-predicate of every rule table, on
 * every case of the clinical case library (chart, form and engine state as `assess` builds them).
 */
import { describe, expect, it } from 'vitest';
import { assess } from '@/lib/engine';
import type { ConditionId, Likelihood } from '@/lib/engine/assessment';
import { CONDITION_ADVICE } from '@/lib/engine/advice';
import { deriveChartAnswers, withChartAnswers } from '@/lib/engine/chart-answers';
import { buildContext, type PlanContext } from '@/lib/engine/context';
import { FORM_BLOCK_RULES } from '@/lib/engine/form-blocks';
import { KEY_QUESTIONS } from '@/lib/engine/missing';
import { evaluatePlan, holdsPlan } from '@/lib/engine/predicate-compiler';
import type { PlanPredicate } from '@/lib/engine/predicate-types';
import { RED_FLAG_RULES } from '@/lib/engine/red-flags';
import { RULES } from '@/lib/engine/rules';
import { WELLS_RELEVANCE, computeWells } from '@/lib/engine/wells';
import { CONDITION_WORKUP, RED_FLAG_WORKUP, ROUTINE_TOP_WHEN } from '@/lib/engine/workup';
import { formSchema } from '@/lib/form/schema';
import { CASE_NOW } from '../../clinical/cases/chart';
import { CASES } from '../../clinical/cases/index';
import { chartFacts } from '../../clinical/grade-cases';

/** Every predicate reachable from the rule tables, sub-predicates included (fields `when`, `context`, `relevant`, `of`). */
function collectPredicates(): PlanPredicate[] {
  const found = new Set<PlanPredicate>();
  const visitPredicate = (p: PlanPredicate): void => {
    if (found.has(p)) return;
    found.add(p);
    if (p.kind === 'all' || p.kind === 'any') for (const q of p.of) visitPredicate(q);
    if (p.kind === 'not') visitPredicate(p.of);
  };
  const walk = (v: unknown, seen: Set<unknown>): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) walk(x, seen);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'when' || k === 'context' || k === 'relevant') && x && typeof x === 'object') {
        visitPredicate(x as PlanPredicate);
      } else walk(x, seen);
    }
  };
  const seen = new Set<unknown>();
  for (const table of [
    RULES,
    RED_FLAG_RULES,
    KEY_QUESTIONS,
    CONDITION_WORKUP,
    RED_FLAG_WORKUP,
    FORM_BLOCK_RULES,
    CONDITION_ADVICE,
    WELLS_RELEVANCE,
  ]) {
    walk(table, seen);
  }
  visitPredicate(ROUTINE_TOP_WHEN);
  return [...found];
}

/** The plan-stage context for a case, with the engine state (flags, ranking, Wells shown) `assess` reported. */
function planContext(c: (typeof CASES)[number]): PlanContext {
  const facts = chartFacts(c);
  const form = formSchema.parse(c.form);
  const options = { now: CASE_NOW };
  const a = assess(facts, form, options);
  const chart = deriveChartAnswers(facts, CASE_NOW.getTime(), form);
  const base = buildContext(facts, withChartAnswers(form, chart.applied), options, chart.applied, form);
  const likelihood = new Map<ConditionId, Likelihood>(a.differential.map((d) => [d.id, d.likelihood]));
  const scores = new Map<ConditionId, number>(a.differential.map((d) => [d.id, d.score]));
  const best = a.differential[0];
  const top = new Set(
    a.differential.filter((d) => best && d.score === best.score && d.likelihood !== 'unlikely').map((d) => d.id),
  );
  return {
    ...base,
    wells: a.scores.wells ?? computeWells(base),
    redFlags: new Set(a.redFlags.map((f) => f.id)),
    likelihood,
    scores,
    top,
    wellsShown: a.scores.wells !== null,
  };
}

describe('compiled tests agree with the evaluators', () => {
  const predicates = collectPredicates();

  it('collects the rule tables (sanity)', () => {
    expect(predicates.length).toBeGreaterThan(300);
    const kinds = new Set(predicates.map((p) => p.kind));
    for (const k of [
      'exam',
      'history',
      'includes',
      'choice',
      'pulses',
      'lab',
      'vascular',
      'derived',
      'unanswered',
      'not',
      'all',
      'any',
    ]) {
      expect(kinds, k).toContain(k);
    }
  });

  it('holds(p) === (evaluate(p) !== null) for every predicate on every case, and some of each hold', () => {
    const mismatches: string[] = [];
    let held = 0;
    for (const c of CASES) {
      const ctx = planContext(c);
      for (const p of predicates) {
        const test = holdsPlan(p, ctx);
        const evaluated = evaluatePlan(p, ctx) !== null;
        if (test) held++;
        if (test !== evaluated) mismatches.push(`${c.id}: ${JSON.stringify(p).slice(0, 160)} test=${test}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(held).toBeGreaterThan(1000);
  });
});
