/**
 * Typed predicates: the small, closed vocabulary rules are written in.
 *
 * A predicate is data (a discriminated union), not code and not a string mini-language, so that one table can
 * be (a) evaluated against the chart and form, producing provenance for every match, and (b) rendered to
 * plain English by `describePredicate` for review. The compiler checks every form field name and option.
 *
 * Unknown is not normal: a form predicate only matches an answer that was actually given (`is: false` needs an
 * explicit "no"), and a chart predicate only matches a fact that is on file. Absence never matches.
 */
import type { AbiBand, Evidence, WellsScore } from './assessment';
import {
  type EvalContext,
  type LabValue,
  type Measure,
  ageInDays,
  findCondition,
  measuresOf,
  worstMeasure,
} from './context';
import type {
  CareEventFact,
  ConditionConcept,
  ConditionFact,
  LabConcept,
  MedicationClass,
  VascularConcept,
} from './facts';
import {
  CONCEPT_LABELS,
  EPISODE_LABELS,
  EXAM_LABELS,
  HISTORY_LABELS,
  IRLSSG_LABELS,
  IRLSSG_ORDER,
  LIST_TEMPLATES,
  MEDICATION_LABELS,
  OBSERVATION_LABELS,
  OPTION_LABELS,
  SIDE_LABELS,
  joinOr,
  type EpisodeLength,
  type ExamFinding,
  type FormSide,
  type HistoryItem,
  type IrlssgItem,
  type ListField,
  type ListOptions,
  type Onset,
  type PedalPulses,
  type Reliever,
} from './labels';
import { DISPLAY_UNITS, capitalise, capitaliseStatic, formatValue, isoDay } from './format';
import { D_DIMER_WINDOW_DAYS, LAB_CUTOFFS, TBI_ABNORMAL_MAX } from './thresholds';
import { abiBand, cltiMeasures, freshLegMeasure, round2, symptomaticLegs, tbiAbnormal } from './vascular';

export type Cmp = '<' | '<=' | '>=' | '>';

export type IncludesPredicate = {
  readonly [F in ListField]: {
    readonly kind: 'includes';
    readonly field: F;
    readonly anyOf: readonly ListOptions[F][];
  };
}[ListField];

/** Facts computed from several sources at once (each documented in {@link DERIVED}). */
export type DerivedId =
  | 'clti-haemodynamics'
  | 'abi-normal-with-normal-tbi'
  | 'd-dimer-positive-recent'
  | 'd-dimer-negative-with-wells-unlikely'
  | 'wells-likely-with-leg-finding'
  | 'pad-features'
  | 'rest-pain-pattern'
  | 'no-positional-relief'
  | 'relief-not-recorded'
  | 'limb-perfusion-unknown';

/** A form answer that can be "not recorded": used only by red-flag questions, never to score. */
export type AnswerSlot = `exam.${ExamFinding}` | 'exam.pedalPulses' | `history.${HistoryItem}` | 'onset' | ListField;

export type Predicate =
  | { readonly kind: 'exam'; readonly finding: ExamFinding; readonly is: boolean }
  | { readonly kind: 'pulses'; readonly is: PedalPulses }
  | { readonly kind: 'slr'; readonly is: 'positive' | 'negative' }
  | { readonly kind: 'history'; readonly item: HistoryItem; readonly is: boolean }
  | { readonly kind: 'irlssg'; readonly item: IrlssgItem; readonly is: boolean }
  | IncludesPredicate
  | { readonly kind: 'onset'; readonly is: Onset }
  | { readonly kind: 'side'; readonly anyOf: readonly FormSide[] }
  | { readonly kind: 'episode'; readonly anyOf: readonly EpisodeLength[] }
  | { readonly kind: 'duration'; readonly minWeeks: number }
  | { readonly kind: 'condition'; readonly concepts: readonly ConditionConcept[]; readonly activeOnly?: boolean }
  | { readonly kind: 'lab'; readonly concept: LabConcept; readonly op: Cmp; readonly value: number }
  | {
      readonly kind: 'vascular';
      readonly concept: Exclude<VascularConcept, 'abi'>;
      readonly op: '<' | '<=';
      readonly value: number;
    }
  | { readonly kind: 'abi'; readonly band: AbiBand }
  | { readonly kind: 'medication'; readonly classes: readonly MedicationClass[] }
  | { readonly kind: 'event'; readonly kinds: readonly CareEventFact['kind'][]; readonly withinDays: number }
  | { readonly kind: 'smoking'; readonly status: 'current' | 'former' }
  | { readonly kind: 'age'; readonly op: '>=' | '>'; readonly years: number }
  | { readonly kind: 'derived'; readonly id: DerivedId }
  /** Holds when the clinician has not answered this form question (never when it was answered either way). */
  | { readonly kind: 'unanswered'; readonly slot: AnswerSlot }
  | { readonly kind: 'all'; readonly of: readonly Predicate[] }
  | { readonly kind: 'any'; readonly of: readonly Predicate[] };

/** One piece of matched evidence with its provenance (the rule supplies weight and id). */
export interface Match {
  readonly source: 'fhir' | 'form';
  readonly label: string;
  readonly formField?: string | undefined;
  readonly reference?: string | undefined;
  readonly date?: string | undefined;
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

/** The context rules run in: the indexed chart and form plus the Wells score (computed before any rule). */
export interface RuleContext extends EvalContext {
  readonly wells: WellsScore;
}

const OP_TEXT: Readonly<Record<Cmp, string>> = { '<': '<', '<=': '≤', '>=': '≥', '>': '>' };

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

// ---------- matches (provenance builders) ----------

/** Every Match has the same shape (hot path: keeps property access monomorphic). */
function mk(source: 'fhir' | 'form', label: string, formField?: string, reference?: string, date?: string): Match {
  return { source, label, formField, reference, date };
}

function formMatch(formField: string, label: string): Match {
  return mk('form', label, formField);
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
  return memo(ctx, c, () => buildConditionMatch(c));
}

function buildConditionMatch(c: ConditionFact): Match {
  const status = c.status === 'active' ? 'active' : 'history';
  return mk('fhir', `Chart: ${c.label} (${status})`, undefined, c.provenance.reference, c.onset ?? c.provenance.date);
}

export function labMatch(concept: LabConcept, lab: LabValue, ctx?: EvalContext): Match {
  return memo(ctx, lab, () => buildLabMatch(concept, lab));
}

function buildLabMatch(concept: LabConcept, lab: LabValue): Match {
  const f = lab.fact;
  let label = `${capitaliseStatic(OBSERVATION_LABELS[concept])} ${formatValue(concept, f.value)} (${isoDay(f.date)})`;
  if (lab.computedFrom) label += `, computed from ${lab.computedFrom}`;
  if (f.original) label += `, recorded as ${f.original.value} ${f.original.unit}`;
  if (lab.stale) label += `; older than ${Math.round(lab.ageDays)} days: repeat suggested`;
  return mk('fhir', label, undefined, f.provenance.reference, f.date);
}

export function measureMatch(m: Measure, ctx?: EvalContext): Match {
  return memo(ctx, m, () => buildMeasureMatch(m));
}

function buildMeasureMatch(m: Measure): Match {
  const side = m.side ? ` ${m.side}` : '';
  const where = m.source === 'form' ? 'form entry' : 'chart';
  let label = `${OBSERVATION_LABELS[m.concept]}${side} ${formatValue(m.concept, m.value)} (${where}, ${isoDay(m.date)})`;
  if (m.stale) label += '; older than 12 months: repeat suggested';
  if (m.note) label += `; ${m.note}`;
  return m.source === 'form'
    ? mk('form', label, m.formField, undefined, m.date)
    : mk('fhir', label, undefined, m.reference, m.date);
}

// ---------- derived facts ----------

interface DerivedSpec {
  readonly text: string;
  readonly evaluate: (ctx: RuleContext) => readonly Match[] | null;
}

function recentDDimer(ctx: EvalContext): LabValue | undefined {
  const d = ctx.labs.get('d-dimer');
  return d && d.ageDays <= D_DIMER_WINDOW_DAYS && d.ageDays >= -1 ? d : undefined;
}

/** Above the lab's own upper limit (or flag) when given, else above the FEU default cut-off. */
export function dDimerPositive(d: LabValue): boolean {
  const f = d.fact;
  if (f.interpretation === 'high' || f.interpretation === 'abnormal') return true;
  if (f.interpretation === 'normal' || f.interpretation === 'low') return false;
  const cutoff = f.referenceRange?.high ?? LAB_CUTOFFS.dDimerFeuCutoff;
  return f.value >= cutoff;
}

export function recentDDimerResult(ctx: EvalContext): { lab: LabValue; positive: boolean } | undefined {
  const d = recentDDimer(ctx);
  return d ? { lab: d, positive: dDimerPositive(d) } : undefined;
}

/**
 * Relievers that are a change of position: dangling, walking (which puts the leg down: reference §4.1 groups
 * it with dangling as relief by dependency), flexion, propping up, moving off the knee, raising the legs.
 * Moving the legs in bed and stretching the calf are not: constant pain eased only by them is still "not eased
 * by any position" for the night-pain red flag.
 */
export const POSITIONAL_RELIEVERS: readonly Reliever[] = [
  'dangling-leg',
  'walking',
  'curling-up-flexion',
  'raising-head-of-bed',
  'changing-position',
  'elevating-legs',
];
const POSITIONAL_SET: ReadonlySet<string> = new Set(POSITIONAL_RELIEVERS);
const NON_POSITIONAL_RELIEVERS: readonly Reliever[] = (Object.keys(OPTION_LABELS.relievedBy) as Reliever[]).filter(
  (r) => r !== 'nothing' && !POSITIONAL_SET.has(r),
);

const LEG_FINDINGS: readonly ExamFinding[] = [
  'unilateralSwelling',
  'calfSwellingOver3cm',
  'entireLegSwollen',
  'pittingOedemaSymptomaticLeg',
  'deepVeinTenderness',
  'collateralSuperficialVeins',
];

export const DERIVED: Readonly<Record<DerivedId, DerivedSpec>> = {
  'clti-haemodynamics': {
    text: 'objective ischaemia is in the CLTI range (ABI < 0.40, ankle pressure < 50 mmHg, or toe pressure or TcPO2 < 30 mmHg)',
    evaluate: (ctx) => {
      const ms = cltiMeasures(ctx);
      return ms.length > 0 ? ms.map((m) => measureMatch(m, ctx)) : null;
    },
  },
  'abi-normal-with-normal-tbi': {
    text: `in every symptomatic leg (the recorded side, or both legs when the side is "both" or not recorded) a current ABI is normal (1.00–1.40) and a current TBI is above ${TBI_ABNORMAL_MAX}; an unsided, other-leg or stale result never counts`,
    evaluate: (ctx) => {
      const out: Match[] = [];
      for (const leg of symptomaticLegs(ctx)) {
        const abi = freshLegMeasure(ctx, 'abi', leg);
        const tbi = freshLegMeasure(ctx, 'tbi', leg);
        if (!abi || !tbi || abiBand(abi.value) !== 'normal' || tbiAbnormal(tbi.value)) return null;
        out.push(measureMatch(abi, ctx), measureMatch(tbi, ctx));
      }
      return out;
    },
  },
  'd-dimer-positive-recent': {
    text: `a D-dimer drawn in the last ${D_DIMER_WINDOW_DAYS} days is above the lab cut-off`,
    evaluate: (ctx) => {
      const r = recentDDimerResult(ctx);
      return r?.positive ? [labMatch('d-dimer', r.lab)] : null;
    },
  },
  'd-dimer-negative-with-wells-unlikely': {
    text: `a D-dimer drawn in the last ${D_DIMER_WINDOW_DAYS} days is negative, Wells is "unlikely" (≤ 1) even if every unknown item were positive, and neither the suspected-DVT nor the possible-PE red flag is raised`,
    evaluate: (ctx) => {
      const r = recentDDimerResult(ctx);
      if (!r || r.positive || ctx.wells.band !== 'unlikely') return null;
      // Unknown Wells items could make it "likely", and a red flag needs an ultrasound: never exclude then.
      if (ctx.wells.complete !== true || ctx.cache.dvtRedFlag !== false) return null;
      const m = labMatch('d-dimer', r.lab);
      return [{ ...m, label: `${m.label}; Wells ${ctx.wells.points} (unlikely)` }];
    },
  },
  'wells-likely-with-leg-finding': {
    text: 'Wells is "likely" (≥ 2) with at least one leg finding on exam or one-sided symptoms',
    evaluate: (ctx) => {
      if (ctx.wells.band !== 'likely') return null;
      const exam = ctx.form.exam;
      const legFinding = exam ? LEG_FINDINGS.some((k) => exam[k] === true) : false;
      const unilateral = ctx.form.side === 'left' || ctx.form.side === 'right';
      if (!legFinding && !unilateral) return null;
      const out: Match[] = [];
      for (const item of ctx.wells.items) if (item.met === true && item.evidence) out.push(item.evidence);
      return out.length > 0 ? out : [mk('form', `Wells ${ctx.wells.points} (likely)`)];
    },
  },
  'pad-features': {
    text: 'there are PAD features (absent or diminished pulses, ABI ≤ 0.90, TBI ≤ 0.70, CLTI-range pressures, or PAD on the chart)',
    evaluate: (ctx) => {
      const out: Match[] = [];
      const pulses = ctx.form.exam?.pedalPulses;
      if (pulses === 'absent' || pulses === 'diminished') {
        out.push(formMatch('exam.pedalPulses', `Exam: pedal pulses ${pulses}`));
      }
      for (const m of measuresOf(ctx, 'abi')) if (abiBand(m.value) === 'abnormal') out.push(measureMatch(m));
      const tbi = worstMeasure(ctx, 'tbi');
      if (tbi && tbiAbnormal(tbi.value)) out.push(measureMatch(tbi));
      for (const m of cltiMeasures(ctx)) if (m.concept !== 'abi') out.push(measureMatch(m));
      const c = findCondition(ctx, ['pad', 'claudication', 'clti', 'ischemic-ulcer', 'gangrene'], false);
      if (c) out.push(conditionMatch(c));
      return out.length > 0 ? out : null;
    },
  },
  'rest-pain-pattern': {
    text: 'the pain follows the ischaemic rest-pain pattern (relieved by dangling, worse with the leg elevated, waking after 1–2 hours, or burning/aching toes or forefoot), or CLTI is on the chart',
    evaluate: (ctx) => {
      const out: Match[] = [];
      const f = ctx.form;
      if (f.relievedBy?.includes('dangling-leg')) out.push(formMatch('relievedBy', 'Relieved by dangling the leg'));
      if (f.worsenedBy?.includes('elevating-leg')) out.push(formMatch('worsenedBy', 'Worse with the leg elevated'));
      if (f.timing?.includes('after-1-2-hours-wakes')) {
        out.push(formMatch('timing', 'Wakes the patient 1–2 hours after lying down'));
      }
      if (
        f.locations?.includes('toes-forefoot') &&
        (f.qualities?.includes('burning') || f.qualities?.includes('deep-ache'))
      ) {
        out.push(formMatch('qualities', 'Burning or aching pain in the toes or forefoot'));
      }
      const c = findCondition(ctx, ['clti'], true);
      if (c) out.push(conditionMatch(c));
      return out.length > 0 ? out : null;
    },
  },
  'no-positional-relief': {
    text: `no position relieves the pain (relieved by "nothing", or only by ${joinOr(NON_POSITIONAL_RELIEVERS.map((r) => OPTION_LABELS.relievedBy[r]))}; an unanswered question never counts as "nothing")`,
    evaluate: (ctx) => {
      const r = ctx.form.relievedBy;
      // Unknown is not a positive finding: no answer never means "no position helps".
      if (r === undefined || r.length === 0) return null;
      if (r.includes('nothing')) return [formMatch('relievedBy', 'Relieved by nothing')];
      for (const x of r) if (POSITIONAL_SET.has(x)) return null;
      return [
        formMatch(
          'relievedBy',
          `Relieved only by ${joinOr(r.map((x) => OPTION_LABELS.relievedBy[x]))}: no position eases it`,
        ),
      ];
    },
  },
  'limb-perfusion-unknown': {
    text: 'limb perfusion has not been checked (pedal pulses not recorded, or no ABI, TBI or toe pressure from the last 12 months on file)',
    evaluate: (ctx) => {
      const out: Match[] = [];
      if (ctx.form.exam?.pedalPulses === undefined)
        out.push(formMatch('exam.pedalPulses', 'Pedal pulses: not recorded'));
      const fresh = (c: VascularConcept) => measuresOf(ctx, c).some((m) => !m.stale);
      if (!fresh('abi') && !fresh('tbi') && !fresh('toe-pressure')) {
        out.push(mk('form', 'ABI / TBI / toe pressure: none current on file'));
      }
      return out.length > 0 ? out : null;
    },
  },
  'relief-not-recorded': {
    text: 'what relieves the pain was not recorded',
    evaluate: (ctx) => {
      const r = ctx.form.relievedBy;
      return r === undefined || r.length === 0
        ? [formMatch('relievedBy', 'What relieves the pain: not recorded')]
        : null;
    },
  },
};

// ---------- evaluation ----------

/** A predicate compiled to a closure: labels and lookups prepared once, at module load. */
export type Evaluator = (ctx: RuleContext) => Match[] | null;

/** Capitalised sentence starts per list field, computed once at load. */
const LIST_PREFIX: Readonly<Record<ListField, string>> = {
  locations: capitalise(LIST_TEMPLATES.locations.replace('{}', '')),
  qualities: capitalise(LIST_TEMPLATES.qualities.replace('{}', '')),
  timing: capitalise(LIST_TEMPLATES.timing.replace('{}', '')),
  relievedBy: capitalise(LIST_TEMPLATES.relievedBy.replace('{}', '')),
  worsenedBy: capitalise(LIST_TEMPLATES.worsenedBy.replace('{}', '')),
};

function compileIncludes(p: IncludesPredicate): Evaluator {
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

function compileComposite(kind: 'all' | 'any', parts: readonly Evaluator[]): Evaluator {
  if (kind === 'all') {
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

/** Compiles a predicate. Pure: the closure reads only the context it is given. */
export function compile(p: Predicate): Evaluator {
  switch (p.kind) {
    case 'exam': {
      const { finding, is } = p;
      const field = `exam.${finding}`;
      const match = formMatch(field, `Exam: ${is ? EXAM_LABELS[finding] : `no ${EXAM_LABELS[finding]}`}`);
      return (ctx) => (ctx.form.exam?.[finding] === is ? [match] : null);
    }
    case 'pulses': {
      const is = p.is;
      const match = formMatch('exam.pedalPulses', `Exam: pedal pulses ${is}`);
      return (ctx) => (ctx.form.exam?.pedalPulses === is ? [match] : null);
    }
    case 'slr': {
      const is = p.is;
      const match = formMatch('exam.straightLegRaise', `Exam: straight-leg raise ${is}`);
      return (ctx) => (ctx.form.exam?.straightLegRaise === is ? [match] : null);
    }
    case 'history': {
      const { item, is } = p;
      const field = `history.${item}`;
      const match = formMatch(field, `History: ${is ? HISTORY_LABELS[item] : `no ${HISTORY_LABELS[item]}`}`);
      return (ctx) => (ctx.form.history?.[item] === is ? [match] : null);
    }
    case 'irlssg': {
      const { item, is } = p;
      const field = `irlssg.${item}`;
      const n = IRLSSG_ORDER.indexOf(item) + 1;
      const match = formMatch(field, `IRLSSG criterion ${n} ${is ? 'met' : 'not met'}: ${IRLSSG_LABELS[item]}`);
      return (ctx) => (ctx.form.irlssg?.[item] === is ? [match] : null);
    }
    case 'includes':
      return compileIncludes(p);
    case 'onset': {
      const is = p.is;
      const match = formMatch('onset', `Onset ${is}`);
      return (ctx) => (ctx.form.onset === is ? [match] : null);
    }
    case 'side': {
      const anyOf = p.anyOf;
      return (ctx) => {
        const side = ctx.form.side;
        return side && anyOf.includes(side) ? [formMatch('side', `Affects ${SIDE_LABELS[side]}`)] : null;
      };
    }
    case 'episode': {
      const anyOf = p.anyOf;
      return (ctx) => {
        const e = ctx.form.episodeLength;
        return e && anyOf.includes(e) ? [formMatch('episodeLength', `Episodes last ${EPISODE_LABELS[e]}`)] : null;
      };
    }
    case 'duration': {
      const minWeeks = p.minWeeks;
      return (ctx) => {
        const w = ctx.form.durationWeeks;
        return w !== undefined && w >= minWeeks ? [formMatch('durationWeeks', `Symptoms for ${w} weeks`)] : null;
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
        let m: Measure | undefined;
        for (const x of measuresOf(ctx, concept)) if (!x.stale && (!m || x.value < m.value)) m = x;
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
          if (m) {
            const label = `Medication: ${m.label} (active)`;
            return [mk('fhir', label, undefined, m.provenance.reference, m.date ?? m.provenance.date)];
          }
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
            const label = `Chart: ${e.label} (${EVENT_LABELS[e.kind]}, ${isoDay(e.date)})`;
            return [mk('fhir', label, undefined, e.provenance.reference, e.date)];
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
          if (c) return [conditionMatch(c)];
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
        return [mk('fhir', `Age ${age}`, undefined, patient?.provenance?.reference, patient?.birthDate)];
      };
    }
    case 'derived': {
      const spec = DERIVED[p.id];
      return (ctx) => spec.evaluate(ctx) as Match[] | null;
    }
    case 'unanswered': {
      const slot = p.slot;
      const match = formMatch(slot, `${capitalise(slotLabel(slot))}: not recorded`);
      const dot = slot.indexOf('.');
      if (dot < 0) {
        const field = slot as 'onset' | ListField;
        return (ctx) => {
          const v = ctx.form[field];
          return v === undefined || (Array.isArray(v) && v.length === 0) ? [match] : null;
        };
      }
      const group = slot.slice(0, dot) as 'exam' | 'history';
      const key = slot.slice(dot + 1);
      return (ctx) => ((ctx.form[group] as Record<string, unknown> | undefined)?.[key] === undefined ? [match] : null);
    }
    case 'all':
    case 'any':
      return compileComposite(p.kind, p.of.map(compile));
  }
}

const COMPILED = new WeakMap<Predicate, Evaluator>();

/**
 * Evaluates a predicate: `null` when it does not hold, otherwise the matches that make it hold (a fresh array
 * the caller owns). Compiled closures are memoised per predicate object, so rule tables compile once.
 */
export function evaluate(p: Predicate, ctx: RuleContext): Match[] | null {
  let f = COMPILED.get(p);
  if (!f) {
    f = compile(p);
    COMPILED.set(p, f);
  }
  return f(ctx);
}

// ---------- description ----------

const FIELD_WORDS: Readonly<Record<'onset' | ListField, string>> = {
  onset: 'the onset (sudden or gradual)',
  locations: 'where the pain is',
  qualities: 'what the pain feels like',
  timing: 'the timing of the pain',
  relievedBy: 'what relieves the pain',
  worsenedBy: 'what worsens the pain',
};

function slotLabel(slot: AnswerSlot): string {
  if (slot === 'exam.pedalPulses') return 'the pedal pulse check';
  if (slot.startsWith('exam.')) return EXAM_LABELS[slot.slice(5) as ExamFinding];
  if (slot.startsWith('history.')) return HISTORY_LABELS[slot.slice(8) as HistoryItem];
  return FIELD_WORDS[slot as 'onset' | ListField];
}

const ABI_BAND_TEXT: Readonly<Record<AbiBand, string>> = {
  abnormal: 'a current ABI ≤ 0.90 (abnormal) is on file for either leg',
  borderline: 'a current ABI of 0.91–0.99 (borderline) is on file for either leg',
  normal: 'a current ABI of 1.00–1.40 (normal) is on file for either leg',
  noncompressible: 'a current ABI > 1.40 (noncompressible) is on file for either leg',
};

function conceptList(concepts: readonly ConditionConcept[]): string {
  return joinOr(concepts.map((c) => CONCEPT_LABELS[c] ?? c));
}

/** Renders a predicate as an English clause (no leading capital, no full stop). */
export function describePredicate(p: Predicate): string {
  switch (p.kind) {
    case 'exam':
      return p.is ? `the exam finds ${EXAM_LABELS[p.finding]}` : `the exam finds no ${EXAM_LABELS[p.finding]}`;
    case 'pulses':
      return `pedal pulses are ${p.is} on exam`;
    case 'slr':
      return `the straight-leg raise is ${p.is}`;
    case 'history':
      if (p.item === 'alternativeDiagnosisAsLikely') {
        return p.is
          ? 'the clinician judges an alternative diagnosis at least as likely as DVT'
          : 'the clinician judges no alternative diagnosis as likely as DVT';
      }
      return p.is ? `the patient reports ${HISTORY_LABELS[p.item]}` : `the patient denies ${HISTORY_LABELS[p.item]}`;
    case 'irlssg': {
      const n = IRLSSG_ORDER.indexOf(p.item) + 1;
      return `IRLSSG criterion ${n} (${IRLSSG_LABELS[p.item]}) is ${p.is ? 'met' : 'answered "no"'}`;
    }
    case 'includes': {
      const labels = OPTION_LABELS[p.field] as Readonly<Record<string, string>>;
      const opts = (p.anyOf as readonly string[]).map((o) => labels[o] ?? o);
      return LIST_TEMPLATES[p.field].replace('{}', joinOr(opts));
    }
    case 'onset':
      return `the onset was ${p.is}`;
    case 'side':
      return `symptoms affect ${joinOr(p.anyOf.map((s) => SIDE_LABELS[s]))}`;
    case 'episode':
      return `episodes last ${joinOr(p.anyOf.map((e) => EPISODE_LABELS[e]))}`;
    case 'duration':
      return `symptoms have lasted ${p.minWeeks} weeks or more`;
    case 'condition':
      return `the chart lists ${conceptList(p.concepts)}${p.activeOnly ? ' with active status' : ''}`;
    case 'lab': {
      const unit = DISPLAY_UNITS[p.concept];
      return `the latest ${OBSERVATION_LABELS[p.concept]}, if current (within its staleness window), is ${OP_TEXT[p.op]} ${p.value}${unit ? ` ${unit}` : ''}`;
    }
    case 'vascular': {
      const unit = DISPLAY_UNITS[p.concept];
      return `the lowest current ${OBSERVATION_LABELS[p.concept]} (chart or form) is ${OP_TEXT[p.op]} ${p.value}${unit ? ` ${unit}` : ''}`;
    }
    case 'abi':
      return ABI_BAND_TEXT[p.band];
    case 'medication':
      return `the active medication list includes ${joinOr(p.classes.map((c) => MEDICATION_LABELS[c]))}`;
    case 'event':
      return `the chart records ${joinOr(p.kinds.map((k) => EVENT_LABELS[k]))} in the last ${Math.round(p.withinDays / 7)} weeks`;
    case 'smoking':
      return p.status === 'current' ? 'the patient currently smokes' : 'the patient is a former smoker';
    case 'age':
      return `the patient's age is ${OP_TEXT[p.op]} ${p.years}`;
    case 'derived':
      return DERIVED[p.id].text;
    case 'unanswered':
      return `${slotLabel(p.slot)} is not recorded`;
    case 'all':
      return p.of.map((q) => (q.kind === 'any' ? `(${describePredicate(q)})` : describePredicate(q))).join(' and ');
    case 'any': {
      const parts = p.of.map((q) => (q.kind === 'all' ? `(${describePredicate(q)})` : describePredicate(q)));
      return parts.length === 2 ? parts.join(' or ') : parts.join(', or ');
    }
  }
}
