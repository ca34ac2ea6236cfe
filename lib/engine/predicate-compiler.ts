/**
 * The predicate compiler: turns a typed predicate into a closure over an evaluation context, once per predicate
 * object (memoised), so rule tables are compiled at first use and evaluation is a few map lookups.
 *
 * A closure returns `null` when the predicate does not hold, else the matches that make it hold (a fresh array
 * the caller owns). Form answers the chart pre-filled are cited with their chart provenance (`answerMatch`).
 */
import type { FactContext, Measure, PlanContext, ScoreContext } from './context';
import { ageInDays, findCondition, measuresOf, symptomaticLegs, symptomaticPulses } from './context';
import { capitalise, isoDay } from './format';
import { FACT_DERIVED, SCORE_DERIVED } from './derived';
import type { CareEventFact } from './facts';
import type { FormAnswers } from '@/lib/form/schema';
import {
  CHOICE_OPTION_LABELS,
  CHOICE_TEMPLATES,
  EXAM_LABELS,
  HISTORY_LABELS,
  IRLSSG_LABELS,
  IRLSSG_ORDER,
  LIST_TEMPLATES,
  OPTION_LABELS,
  PULSE_LABELS,
  joinOr,
  type ChoiceField,
  type ListField,
} from './labels';
import { answerMatch, conditionMatch, formMatch, labMatch, measureMatch, mk, type Match } from './matches';
import type {
  AnswerSlot,
  ChoicePredicate,
  Cmp,
  FactPredicate,
  IncludesPredicate,
  PlanPredicate,
  ScorePredicate,
} from './predicate-types';
import { slotLabel } from './predicate-text';
import { LIKELIHOOD_RANK } from './thresholds';
import { abiBand, round2 } from './vascular';

export type Evaluator<C> = (ctx: C) => Match[] | null;

function compare(a: number, op: Cmp, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '>':
      return a > b;
  }
}

const EVENT_LABELS: Readonly<Record<CareEventFact['kind'], string>> = {
  surgery: 'surgery',
  'inpatient-stay': 'an inpatient stay',
  immobilisation: 'immobilisation (cast or brace)',
};

/** Capitalised sentence starts per list field, computed once at load. */
const LIST_PREFIX = Object.fromEntries(
  (Object.keys(LIST_TEMPLATES) as ListField[]).map((f) => [f, capitalise(LIST_TEMPLATES[f].replace('{}', ''))]),
) as Readonly<Record<ListField, string>>;

function compileIncludes(p: IncludesPredicate): Evaluator<FactContext> {
  const field = p.field;
  const options = p.anyOf as readonly string[];
  const labels = OPTION_LABELS[field] as Readonly<Record<string, string>>;
  const optionLabels = options.map((o) => labels[o] ?? o);
  const prefix = LIST_PREFIX[field];
  return (ctx) => {
    const given = ctx.form[field] as readonly string[] | undefined;
    if (!given || given.length === 0) return null;
    let hit: string[] | undefined;
    for (let i = 0; i < options.length; i++) {
      if (given.includes(options[i]!)) (hit ??= []).push(optionLabels[i]!);
    }
    return hit ? [formMatch(field, prefix + joinOr(hit))] : null;
  };
}

/** The value of a choice field in the form (`exam.footSensation` → `form.exam.footSensation`). */
export function choiceValue(form: FormAnswers, field: ChoiceField): string | undefined {
  const dot = field.indexOf('.');
  if (dot < 0) return form[field as 'onset'];
  const group = form[field.slice(0, dot) as 'exam' | 'history'] as Record<string, unknown> | undefined;
  return group?.[field.slice(dot + 1)] as string | undefined;
}

function compileChoice(p: ChoicePredicate): Evaluator<FactContext> {
  const field = p.field;
  const anyOf = p.anyOf as readonly string[];
  const labels = CHOICE_OPTION_LABELS[field] as Readonly<Record<string, string>>;
  const template = capitalise(CHOICE_TEMPLATES[field]);
  return (ctx) => {
    const v = choiceValue(ctx.form, field);
    return v !== undefined && anyOf.includes(v)
      ? [answerMatch(ctx, field, template.replace('{}', labels[v] ?? v))]
      : null;
  };
}

/** Whether a form slot has an answer (clinician's or the chart's). */
export function slotAnswered(ctx: FactContext, slot: AnswerSlot): boolean {
  if (slot === 'pulses') return symptomaticPulses(ctx).length === symptomaticLegs(ctx).length;
  const [group, key] = slotParts(slot);
  if (key === undefined) {
    const v = ctx.form[group as keyof FormAnswers];
    return v !== undefined && !(Array.isArray(v) && v.length === 0);
  }
  const answers = ctx.form[group as 'exam' | 'history' | 'irlssg'] as Record<string, unknown> | undefined;
  return answers?.[key] !== undefined;
}

/** `exam.coolFoot` → ['exam', 'coolFoot']; `relievedBy` → ['relievedBy', undefined] (split once per slot). */
const SLOT_PARTS = new Map<string, readonly [string, string | undefined]>();
function slotParts(slot: string): readonly [string, string | undefined] {
  let parts = SLOT_PARTS.get(slot);
  if (!parts) {
    const dot = slot.indexOf('.');
    parts = dot < 0 ? [slot, undefined] : [slot.slice(0, dot), slot.slice(dot + 1)];
    SLOT_PARTS.set(slot, parts);
  }
  return parts;
}

function lowestFresh(ctx: FactContext, concept: Measure['concept']): Measure | undefined {
  let m: Measure | undefined;
  for (const x of measuresOf(ctx, concept)) if (!x.stale && (!m || x.value < m.value)) m = x;
  return m;
}

const RANK_OF = LIKELIHOOD_RANK;

/**
 * Leaves about engine state (a flag raised, a ranking, Wells shown) and negations hold without citing anything: they
 * return an empty match list, so they never add evidence of their own to a rule or a red flag.
 */
const NO_EVIDENCE = (): Match[] => [];

/** Compiles any predicate; callers use the level-typed wrappers below. */
function compileAny(p: PlanPredicate): Evaluator<PlanContext> {
  switch (p.kind) {
    case 'exam': {
      const { finding, is } = p;
      const path = `exam.${finding}`;
      const label = `Exam: ${is ? EXAM_LABELS[finding] : `no ${EXAM_LABELS[finding]}`}`;
      return (ctx) => (ctx.form.exam?.[finding] === is ? [answerMatch(ctx, path, label)] : null);
    }
    case 'history': {
      const { item, is } = p;
      const path = `history.${item}`;
      const label = `History: ${is ? HISTORY_LABELS[item] : `no ${HISTORY_LABELS[item]}`}`;
      return (ctx) => (ctx.form.history?.[item] === is ? [answerMatch(ctx, path, label)] : null);
    }
    case 'irlssg': {
      const { item, is } = p;
      const n = IRLSSG_ORDER.indexOf(item) + 1;
      const match = formMatch(
        `irlssg.${item}`,
        `IRLSSG criterion ${n} ${is ? 'met' : 'not met'}: ${IRLSSG_LABELS[item]}`,
      );
      return (ctx) => (ctx.form.irlssg?.[item] === is ? [match] : null);
    }
    case 'includes':
      return compileIncludes(p);
    case 'choice':
      return compileChoice(p);
    case 'pulses': {
      const anyOf: readonly string[] = p.anyOf;
      const every = p.legs === 'every';
      return (ctx) => {
        const recorded = symptomaticPulses(ctx);
        const hits = recorded.filter((x) => anyOf.includes(x.grade));
        if (hits.length === 0) return null;
        if (every && (hits.length !== recorded.length || recorded.length < symptomaticLegs(ctx).length)) return null;
        return hits.map((x) =>
          answerMatch(
            ctx,
            x.side === 'right' ? 'exam.pulsesRight' : 'exam.pulsesLeft',
            `Exam: ${x.side} foot pulses ${PULSE_LABELS[x.grade as keyof typeof PULSE_LABELS]}`,
          ),
        );
      };
    }
    case 'duration': {
      const { op, weeks } = p;
      return (ctx) => {
        const w = ctx.form.durationWeeks;
        return w !== undefined && compare(w, op, weeks)
          ? [formMatch('durationWeeks', `Symptoms for ${w} weeks`)]
          : null;
      };
    }
    case 'condition': {
      const { concepts } = p;
      const activeOnly = p.activeOnly === true;
      return (ctx) => {
        const c = findCondition(ctx, concepts, activeOnly);
        return c ? [conditionMatch(c, ctx)] : null;
      };
    }
    case 'lab': {
      const { concept, op, value } = p;
      // A stale result is shown (and re-suggested) but scores nothing either way: it is treated as missing.
      return (ctx) => {
        const lab = ctx.labs.get(concept);
        return lab && !lab.stale && compare(lab.fact.value, op, value) ? [labMatch(concept, lab, ctx)] : null;
      };
    }
    case 'vascular': {
      const { concept, op, value } = p;
      return (ctx) => {
        const m = lowestFresh(ctx, concept);
        return m && compare(round2(m.value), op, value) ? [measureMatch(m, ctx)] : null;
      };
    }
    case 'abi': {
      const band = p.band;
      return (ctx) => {
        let out: Match[] | null = null;
        for (const m of measuresOf(ctx, 'abi')) {
          if (!m.stale && abiBand(m.value) === band) (out ??= []).push(measureMatch(m, ctx));
        }
        return out;
      };
    }
    case 'medication': {
      const classes = p.classes;
      return (ctx) => {
        for (const cls of classes) {
          const m = ctx.medications.get(cls);
          if (m)
            return [
              mk(
                'fhir',
                `Medication: ${m.label} (active)`,
                undefined,
                m.provenance.reference,
                m.date ?? m.provenance.date,
              ),
            ];
        }
        return null;
      };
    }
    case 'event': {
      const { kinds, withinDays } = p;
      return (ctx) => {
        for (const e of ctx.events) {
          if (!kinds.includes(e.kind)) continue;
          const age = ageInDays(e.date, ctx.nowMs);
          if (age >= -1 && age <= withinDays) {
            return [
              mk(
                'fhir',
                `Chart: ${e.label} (${EVENT_LABELS[e.kind]}, ${isoDay(e.date)})`,
                undefined,
                e.provenance.reference,
                e.date,
              ),
            ];
          }
        }
        return null;
      };
    }
    case 'smoking': {
      const status = p.status;
      return (ctx) => {
        const s = ctx.facts.smoking;
        if (s && s.status === status) {
          const label = `Smoking status: ${s.status}${s.date ? ` (${isoDay(s.date)})` : ''}`;
          return [mk('fhir', label, undefined, s.provenance.reference, s.date)];
        }
        if (status === 'current' && (!s || s.status === 'unknown')) {
          const c = findCondition(ctx, ['tobacco-use'], true);
          if (c) return [conditionMatch(c, ctx)];
        }
        return null;
      };
    }
    case 'age': {
      const { op, years } = p;
      return (ctx) => {
        const age = ctx.ageYears;
        if (age === undefined || !compare(age, op, years)) return null;
        const patient = ctx.facts.patient;
        const label = ctx.ageAtDeath ? `Age ${age} at death` : `Age ${age}`;
        return [mk('fhir', label, undefined, patient?.provenance?.reference, patient?.birthDate)];
      };
    }
    case 'wells': {
      const is = p.is;
      return (ctx) => {
        const w = ctx.wells;
        const holds =
          is === 'likely'
            ? w.band === 'likely'
            : is === 'settled-unlikely'
              ? w.band === 'unlikely' && w.complete !== false
              : w.band === 'unlikely' && w.complete === false;
        return holds ? NO_EVIDENCE() : null;
      };
    }
    case 'derived': {
      const id = p.id;
      if (id === 'dvt-excluded-by-d-dimer') {
        const spec = SCORE_DERIVED[id];
        return (ctx) => spec.evaluate(ctx);
      }
      const spec = FACT_DERIVED[id];
      return (ctx) => {
        const cache = ctx.cache.derived;
        let r = cache.get(id);
        if (r === undefined) {
          r = spec.evaluate(ctx);
          cache.set(id, r);
        }
        return r === null ? null : r.slice();
      };
    }
    case 'unanswered': {
      const slot = p.slot;
      const match = formMatch(
        slot === 'pulses' ? 'exam.pulsesRight' : slot,
        `${capitalise(slotLabel(slot))}: not recorded`,
      );
      return (ctx) => (slotAnswered(ctx, slot) ? null : [match]);
    }
    case 'flag': {
      const { ids, raised } = p;
      return (ctx) => {
        const hit = ids.filter((id) => ctx.redFlags.has(id));
        return (raised ? hit.length > 0 : hit.length === 0) ? NO_EVIDENCE() : null;
      };
    }
    case 'likelihood': {
      const { condition, atLeast } = p;
      return (ctx) => {
        const l = ctx.likelihood.get(condition) ?? 'unlikely';
        return RANK_OF[l] <= RANK_OF[atLeast] ? NO_EVIDENCE() : null;
      };
    }
    case 'top': {
      const condition = p.condition;
      return (ctx) => (ctx.top.has(condition) ? NO_EVIDENCE() : null);
    }
    case 'wells-shown':
      return (ctx) => (ctx.wellsShown ? NO_EVIDENCE() : null);
    case 'not': {
      const inner = compiledTest(p.of);
      return (ctx) => (inner(ctx) ? null : NO_EVIDENCE());
    }
    case 'all': {
      const parts = p.of.map(compileAny);
      return (ctx) => {
        // Child results are freshly allocated, so the first one is reused as the accumulator.
        let out: Match[] | null = null;
        for (const f of parts) {
          const m = f(ctx);
          if (!m) return null;
          if (out) for (const x of m) out.push(x);
          else out = m;
        }
        return out;
      };
    }
    case 'any': {
      const parts = p.of.map(compileAny);
      return (ctx) => {
        let out: Match[] | null = null;
        for (const f of parts) {
          const m = f(ctx);
          if (!m) continue;
          if (out) for (const x of m) out.push(x);
          else out = m;
        }
        return out;
      };
    }
  }
}

/** A predicate compiled to a yes/no test: same truth as its evaluator, without building any evidence. */
export type Test<C> = (ctx: C) => boolean;

function pulsesHold(ctx: FactContext, anyOf: readonly string[], every: boolean): boolean {
  const exam = ctx.form.exam;
  let recorded = 0;
  let hits = 0;
  const legs = symptomaticLegs(ctx);
  for (const side of legs) {
    const grade = side === 'right' ? exam?.pulsesRight : exam?.pulsesLeft;
    if (grade === undefined) continue;
    recorded++;
    if (anyOf.includes(grade)) hits++;
  }
  if (hits === 0) return false;
  return !every || (hits === recorded && recorded === legs.length);
}

/**
 * The test twin of {@link compileAny}: one case per leaf, each the evaluator's condition with the evidence left
 * out (a unit test checks the two agree on every rule-table predicate over the case library). Used wherever only
 * the truth is needed — questions, workup and form-block conditions, variants — and as a cheap pre-check before
 * building evidence, since most predicates do not hold for a given patient.
 */
function compileTestAny(p: PlanPredicate): Test<PlanContext> {
  switch (p.kind) {
    case 'exam': {
      const { finding, is } = p;
      return (ctx) => ctx.form.exam?.[finding] === is;
    }
    case 'history': {
      const { item, is } = p;
      return (ctx) => ctx.form.history?.[item] === is;
    }
    case 'irlssg': {
      const { item, is } = p;
      return (ctx) => ctx.form.irlssg?.[item] === is;
    }
    case 'includes': {
      const field = p.field;
      const options = p.anyOf as readonly string[];
      return (ctx) => {
        const given = ctx.form[field] as readonly string[] | undefined;
        if (!given || given.length === 0) return false;
        for (const o of options) if (given.includes(o)) return true;
        return false;
      };
    }
    case 'choice': {
      const field = p.field;
      const anyOf = p.anyOf as readonly string[];
      return (ctx) => {
        const v = choiceValue(ctx.form, field);
        return v !== undefined && anyOf.includes(v);
      };
    }
    case 'pulses': {
      const anyOf: readonly string[] = p.anyOf;
      const every = p.legs === 'every';
      return (ctx) => pulsesHold(ctx, anyOf, every);
    }
    case 'duration': {
      const { op, weeks } = p;
      return (ctx) => {
        const w = ctx.form.durationWeeks;
        return w !== undefined && compare(w, op, weeks);
      };
    }
    case 'condition': {
      const { concepts } = p;
      const activeOnly = p.activeOnly === true;
      return (ctx) => findCondition(ctx, concepts, activeOnly) !== undefined;
    }
    case 'lab': {
      const { concept, op, value } = p;
      return (ctx) => {
        const lab = ctx.labs.get(concept);
        return lab !== undefined && !lab.stale && compare(lab.fact.value, op, value);
      };
    }
    case 'vascular': {
      const { concept, op, value } = p;
      return (ctx) => {
        const m = lowestFresh(ctx, concept);
        return m !== undefined && compare(round2(m.value), op, value);
      };
    }
    case 'abi': {
      const band = p.band;
      return (ctx) => {
        for (const m of measuresOf(ctx, 'abi')) if (!m.stale && abiBand(m.value) === band) return true;
        return false;
      };
    }
    case 'medication': {
      const classes = p.classes;
      return (ctx) => {
        for (const cls of classes) if (ctx.medications.get(cls)) return true;
        return false;
      };
    }
    case 'event': {
      const { kinds, withinDays } = p;
      return (ctx) => {
        for (const e of ctx.events) {
          if (!kinds.includes(e.kind)) continue;
          const age = ageInDays(e.date, ctx.nowMs);
          if (age >= -1 && age <= withinDays) return true;
        }
        return false;
      };
    }
    case 'smoking': {
      const status = p.status;
      return (ctx) => {
        const s = ctx.facts.smoking;
        if (s && s.status === status) return true;
        return (
          status === 'current' &&
          (!s || s.status === 'unknown') &&
          findCondition(ctx, ['tobacco-use'], true) !== undefined
        );
      };
    }
    case 'age': {
      const { op, years } = p;
      return (ctx) => ctx.ageYears !== undefined && compare(ctx.ageYears, op, years);
    }
    case 'unanswered': {
      const slot = p.slot;
      return (ctx) => !slotAnswered(ctx, slot);
    }
    case 'flag': {
      const { ids, raised } = p;
      return (ctx) => ids.some((id) => ctx.redFlags.has(id)) === raised;
    }
    case 'derived':
    case 'wells':
    case 'likelihood':
    case 'top':
    case 'wells-shown': {
      // Derived facts carry their own logic (and engine-state leaves build no evidence): the evaluator is the test.
      const f = compiled(p);
      return (ctx) => f(ctx) !== null;
    }
    case 'not': {
      const inner = compiledTest(p.of);
      return (ctx) => !inner(ctx);
    }
    case 'all': {
      const parts = p.of.map(compiledTest);
      return (ctx) => {
        for (const f of parts) if (!f(ctx)) return false;
        return true;
      };
    }
    case 'any': {
      const parts = p.of.map(compiledTest);
      return (ctx) => {
        for (const f of parts) if (f(ctx)) return true;
        return false;
      };
    }
  }
}

const COMPILED = new WeakMap<object, Evaluator<PlanContext>>();

function compiled(p: PlanPredicate): Evaluator<PlanContext> {
  let f = COMPILED.get(p);
  if (!f) {
    f = compileAny(p);
    COMPILED.set(p, f);
  }
  return f;
}

const COMPILED_TESTS = new WeakMap<object, Test<PlanContext>>();

function compiledTest(p: PlanPredicate): Test<PlanContext> {
  let f = COMPILED_TESTS.get(p);
  if (!f) {
    f = compileTestAny(p);
    COMPILED_TESTS.set(p, f);
  }
  return f;
}

/*
 * Level-typed entry points. A FactPredicate contains no leaf that reads red flags or the ranking (the types say
 * so), so evaluating it with a FactContext never touches the fields a FactContext lacks.
 */

export function evaluateFact(p: FactPredicate, ctx: FactContext): Match[] | null {
  return (compiled(p) as Evaluator<FactContext>)(ctx);
}

export function evaluateScore(p: ScorePredicate, ctx: ScoreContext): Match[] | null {
  return (compiled(p) as Evaluator<ScoreContext>)(ctx);
}

export function evaluatePlan(p: PlanPredicate, ctx: PlanContext): Match[] | null {
  return compiled(p)(ctx);
}

/** A compiled scoring predicate (the scorer compiles its table once at load). */
export function compileScore(p: ScorePredicate): Evaluator<ScoreContext> {
  return compiled(p) as Evaluator<ScoreContext>;
}

export function holdsFact(p: FactPredicate, ctx: FactContext): boolean {
  return (compiledTest(p) as Test<FactContext>)(ctx);
}

export function holdsScore(p: ScorePredicate, ctx: ScoreContext): boolean {
  return (compiledTest(p) as Test<ScoreContext>)(ctx);
}

export function holdsPlan(p: PlanPredicate, ctx: PlanContext): boolean {
  return compiledTest(p)(ctx);
}

/** A scoring predicate's test (the scorer compiles its table once at load). */
export function compileScoreTest(p: ScorePredicate): Test<ScoreContext> {
  return compiledTest(p) as Test<ScoreContext>;
}
