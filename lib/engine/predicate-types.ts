/**
 * Typed predicates: the small, closed vocabulary every rule is written in (scoring rules, red flags, the workup
 * planner, form blocks, chart pre-answers' consumers).
 *
 * A predicate is data (a discriminated union), not code and not a string mini-language, so one table can be
 * (a) evaluated against the chart and form, producing provenance for every match (`predicate-compiler.ts`), and
 * (b) rendered to plain English for review (`predicate-text.ts`).
 *
 * Three levels, so the type checker enforces the order of work:
 * - {@link FactPredicate}: reads the chart, the form and the Wells score. Red flags are written in these, so a red
 *   flag can never depend on a score or a ranking.
 * - {@link ScorePredicate}: adds which red flags were raised. Scoring rules may read them (a suspected-DVT flag
 *   stops a D-dimer from excluding DVT).
 * - {@link PlanPredicate}: adds the ranking (likelihoods, the top). Only the workup planner and the form blocks
 *   read it.
 *
 * Unknown is not normal: a form predicate only matches an answer that was actually given (`is: false` needs an
 * explicit "no"), and a chart predicate only matches a fact that is on file. Absence never matches. Negation
 * (`not`) exists only over chart facts, derived facts and engine state, never over a form answer, so "not
 * answered" can never be read as "no".
 */
import type { AbiBand, ConditionId, Likelihood, RedFlagId } from './assessment';
import type { CareEventFact, ConditionConcept, LabConcept, MedicationClass, VascularConcept } from './facts';
import type {
  ChoiceField,
  ChoiceOptions,
  ExamFinding,
  HistoryItem,
  IrlssgItem,
  ListField,
  ListOptions,
  PulseGrade,
} from './labels';

export type Cmp = '<' | '<=' | '>=' | '>';

export type IncludesPredicate = {
  readonly [F in ListField]: {
    readonly kind: 'includes';
    readonly field: F;
    readonly anyOf: readonly ListOptions[F][];
  };
}[ListField];

export type ChoicePredicate = {
  readonly [F in ChoiceField]: {
    readonly kind: 'choice';
    readonly field: F;
    readonly anyOf: readonly ChoiceOptions[F][];
  };
}[ChoiceField];

/** Facts computed from several sources at once, documented in `derived.ts`; they read chart, form and Wells. */
export type FactDerivedId =
  | 'clti-haemodynamics'
  | 'objective-pad-symptomatic-leg'
  | 'pad-result-stale-or-other-leg'
  | 'pulse-deficit-symptomatic-leg'
  | 'pad-on-chart'
  | 'abi-normal-with-normal-tbi'
  | 'd-dimer-positive-recent'
  | 'd-dimer-negative-recent'
  | 'd-dimer-unreliable'
  | 'wells-likely-with-leg-finding'
  | 'wells-item-answered'
  | 'dvt-compatible-presentation'
  | 'pad-features'
  | 'rest-pain-pattern'
  | 'tissue-loss'
  | 'acute-ischaemia-timing'
  | 'ischaemia-timing-unknown'
  | 'limb-hypoperfusion'
  | 'ischaemic-neuro-deficit'
  | 'sudden-cold-pale-leg-reported'
  | 'radicular-context'
  | 'bilateral-radicular-pattern'
  | 'one-leg-swollen'
  | 'continuous-pain'
  | 'cramp-features'
  | 'skin-infection-signs'
  | 'tachycardia-or-hypoxia'
  | 'no-positional-relief'
  | 'relief-not-recorded'
  | 'limb-perfusion-unknown'
  | 'on-dialysis'
  | 'esrd-or-dialysis'
  | 'anticoagulated'
  | 'smoking-unknown'
  | 'nothing-recorded';

/** Derived facts that also need the red flags raised (read by scoring rules and the planner only). */
export type ScoreDerivedId = 'dvt-excluded-by-d-dimer';

/**
 * The form answers a predicate can ask about when unanswered: top-level answers, grouped ones by dotted path, and
 * `pulses` for the pulses of the symptomatic leg(s).
 */
export type AnswerSlot =
  | ListField
  | Exclude<ChoiceField, `${string}.${string}`>
  | 'durationWeeks'
  | 'pulses'
  | `exam.${ExamFinding}`
  | `exam.${'straightLegRaise' | 'footSensation' | 'footMovement'}`
  | `history.${HistoryItem}`
  | `history.${'pregnancyStage' | 'anticoagulantAdherence'}`
  | `irlssg.${IrlssgItem}`;

/** Leaves that read the chart: safe to negate (absence of a chart fact is a fact about the chart, not an answer). */
export type ChartLeaf =
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
  | { readonly kind: 'smoking'; readonly status: 'current' | 'former' | 'never' }
  | { readonly kind: 'age'; readonly op: '>=' | '>'; readonly years: number };

/** Engine state computed before any rule runs (Wells is computed from chart and form alone). */
export type WellsLeaf = { readonly kind: 'wells'; readonly is: 'likely' | 'settled-unlikely' | 'incomplete' };

export type FactLeaf =
  | { readonly kind: 'exam'; readonly finding: ExamFinding; readonly is: boolean }
  | { readonly kind: 'history'; readonly item: HistoryItem; readonly is: boolean }
  | { readonly kind: 'irlssg'; readonly item: IrlssgItem; readonly is: boolean }
  | IncludesPredicate
  | ChoicePredicate
  /** The pulse of the symptomatic leg(s): `any` leg (default) or `every` symptomatic leg recorded with one of these. */
  | { readonly kind: 'pulses'; readonly anyOf: readonly PulseGrade[]; readonly legs?: 'any' | 'every' }
  | { readonly kind: 'duration'; readonly op: Cmp; readonly weeks: number }
  | ChartLeaf
  | WellsLeaf
  | { readonly kind: 'derived'; readonly id: FactDerivedId }
  /** Holds when the clinician has not answered this question (and the chart has not pre-answered it). */
  | { readonly kind: 'unanswered'; readonly slot: AnswerSlot };

export type FlagLeaf = { readonly kind: 'flag'; readonly ids: readonly RedFlagId[]; readonly raised: boolean };

export type ScoreLeaf = FactLeaf | FlagLeaf | { readonly kind: 'derived'; readonly id: ScoreDerivedId };

export type PlanLeaf =
  | ScoreLeaf
  /** The condition ranks at least this likely. */
  | { readonly kind: 'likelihood'; readonly condition: ConditionId; readonly atLeast: Likelihood }
  /** The condition ranks first (alone or tied), and at least "low". */
  | { readonly kind: 'top'; readonly condition: ConditionId }
  /** The Wells score is shown (DVT is plausible). */
  | { readonly kind: 'wells-shown' };

/** Leaves that may be negated: chart facts, derived facts and engine state; never a form answer. */
export type NegatableLeaf =
  | ChartLeaf
  | WellsLeaf
  | FlagLeaf
  | { readonly kind: 'derived'; readonly id: FactDerivedId }
  | { readonly kind: 'derived'; readonly id: ScoreDerivedId }
  | { readonly kind: 'likelihood'; readonly condition: ConditionId; readonly atLeast: Likelihood }
  | { readonly kind: 'top'; readonly condition: ConditionId }
  | { readonly kind: 'wells-shown' };

/** Composites are interfaces (not a generic alias) so the recursive unions below are legal. */
export interface AllOf<P> {
  readonly kind: 'all';
  readonly of: readonly P[];
}
export interface AnyOf<P> {
  readonly kind: 'any';
  readonly of: readonly P[];
}
export interface Not<L> {
  readonly kind: 'not';
  readonly of: L;
}

export type FactPredicate =
  FactLeaf | AllOf<FactPredicate> | AnyOf<FactPredicate> | Not<Extract<NegatableLeaf, FactLeaf>>;
export type ScorePredicate =
  ScoreLeaf | AllOf<ScorePredicate> | AnyOf<ScorePredicate> | Not<Extract<NegatableLeaf, ScoreLeaf>>;
export type PlanPredicate = PlanLeaf | AllOf<PlanPredicate> | AnyOf<PlanPredicate> | Not<NegatableLeaf>;

/** One piece of matched evidence with its provenance (the rule supplies weight and id). */
export interface Match {
  readonly source: 'fhir' | 'form';
  readonly label: string;
  readonly formField?: string | undefined;
  readonly reference?: string | undefined;
  readonly date?: string | undefined;
}
