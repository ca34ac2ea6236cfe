/**
 * The evaluation context: the chart facts and form answers indexed once per assessment, so every rule
 * predicate is a map lookup rather than a scan. Built once per `assess` call; rules never see raw arrays.
 */
import type { ConditionId, Likelihood, RedFlagId, WellsScore } from './assessment';
import type {
  CareEventFact,
  ChartFacts,
  ConditionConcept,
  ConditionFact,
  LabConcept,
  MedicationClass,
  MedicationFact,
  ObservationConcept,
  ObservationFact,
  Side,
  VascularConcept,
} from './facts';
import type { FormAnswers } from '@/lib/form/schema';
import type { Match } from './predicate-types';
import { DAY_MS } from '@/lib/core/time';
import { ageInYears, isoDay } from './format';
import { STALENESS_DAYS, isVascular } from './thresholds';

export interface AssessOptions {
  /** The clock, injected: staleness, ages and "recent" windows are measured from here. */
  readonly now: Date;
  /** Per-concept overrides of {@link STALENESS_DAYS} (site policy). */
  readonly stalenessDays?: Partial<Record<ObservationConcept, number>>;
}

/** A lab value as the engine uses it, with the TSAT fallback computed from iron/TIBC recorded explicitly. */
export interface LabValue {
  readonly fact: ObservationFact;
  readonly stale: boolean;
  readonly ageDays: number;
  /** Set when the value was derived (e.g. TSAT = iron / TIBC × 100). */
  readonly computedFrom?: string;
}

/** One vascular measurement, from the chart or from the form's manual entry. */
export interface Measure {
  readonly concept: VascularConcept;
  readonly value: number;
  readonly side?: Side | undefined;
  readonly source: 'fhir' | 'form';
  readonly date?: string | undefined;
  readonly reference?: string | undefined;
  /** Dotted form path for manual entries. */
  readonly formField?: string | undefined;
  readonly stale: boolean;
  /** When both chart and form had a value: which one was used and why. */
  readonly note?: string | undefined;
}

type LegKey = Side | 'unspecified';

/** Where a pre-answered form value came from: the chart record(s) behind it, as evidence. */
export interface ChartSourcedAnswer {
  readonly path: string;
  readonly value: boolean | string;
  /** "Chart: Atrial fibrillation (active)"-style label of the first record, with its reference and date. */
  readonly label: string;
  readonly reference?: string;
  readonly date?: string;
}

export interface EvalContext {
  readonly facts: ChartFacts;
  /**
   * The answers the engine reasons on: the clinician's, plus the chart's pre-answers for questions the clinician
   * left unanswered (an explicit answer always wins).
   */
  readonly form: FormAnswers;
  /** The clinician's own answers, without the chart's pre-answers. */
  readonly clinicianForm: FormAnswers;
  /** Pre-answered paths that are in {@link form} because of the chart (for provenance: "from chart"). */
  readonly fromChart: ReadonlyMap<string, ChartSourcedAnswer>;
  readonly nowMs: number;
  readonly nowIso: string;
  readonly today: string;
  readonly staleness: Readonly<Record<ObservationConcept, number>>;
  readonly conditions: ReadonlyMap<ConditionConcept, readonly ConditionFact[]>;
  readonly labs: ReadonlyMap<LabConcept, LabValue>;
  readonly medications: ReadonlyMap<MedicationClass, MedicationFact>;
  readonly events: readonly CareEventFact[];
  /** Newest measure per vascular concept and leg (chart and form merged: the newer wins). */
  readonly vascular: ReadonlyMap<VascularConcept, Partial<Record<LegKey, Measure>>>;
  readonly ageYears: number | undefined;
  readonly unavailable: ReadonlySet<string>;
  /** Age in years at the clock, or at death for a deceased patient (never "age 116"). */
  readonly ageAtDeath: boolean;
  /**
   * Per-assessment memo of values several rules read (pure functions of the inputs above, never state passed
   * between stages: each stage's results travel in its own context, see {@link FactContext}).
   */
  readonly cache: EvalCache;
}

export interface EvalCache {
  readonly measures: Map<VascularConcept, readonly Measure[]>;
  /** Evidence matches keyed by the fact they cite (matches are immutable, so sharing is safe). */
  readonly matches: Map<object, { readonly source: 'fhir' | 'form'; readonly label: string }>;
  /**
   * Fact-level derived facts by id (`FACT_DERIVED`). They read the chart, the form and the Wells band and items,
   * which no later stage changes, so one result serves every stage; callers get a copy (combinators append to it).
   */
  readonly derived: Map<string, readonly Match[] | null>;
  clti?: readonly Measure[];
}

/** Stage 1 (red flags, form-level facts): the chart, the form and the Wells score, which is computed from them. */
export interface FactContext extends EvalContext {
  readonly wells: WellsScore;
}

/** Stage 2 (scoring): adds the red flags that were raised, passed explicitly. */
export interface ScoreContext extends FactContext {
  readonly redFlags: ReadonlySet<RedFlagId>;
}

/** Stage 3 (workup, form blocks, missing data): adds the ranking. */
export interface PlanContext extends ScoreContext {
  readonly likelihood: ReadonlyMap<ConditionId, Likelihood>;
  readonly scores: ReadonlyMap<ConditionId, number>;
  /** The top-ranked condition(s): several when tied; empty when the best is only "unlikely". */
  readonly top: ReadonlySet<ConditionId>;
  /** The Wells score is shown (DVT is plausible: `WELLS_RELEVANCE`). */
  readonly wellsShown: boolean;
}

/** What the plan stage adds: the ranking and whether Wells is shown. */
export type PlanState = Pick<PlanContext, 'likelihood' | 'scores' | 'top' | 'wellsShown'>;

const NO_FLAGS: ReadonlySet<RedFlagId> = new Set();
const NO_PLAN: PlanState = { likelihood: new Map(), scores: new Map(), top: new Set(), wellsShown: false };

/**
 * A stage's context: the base context plus what earlier stages produced, as a new object (nothing is mutated).
 * Every stage's object has the same runtime shape — later stages' fields are empty until those stages have run —
 * so the compiled rules read them through monomorphic property accesses; the stage types
 * ({@link FactContext} ⊂ {@link ScoreContext} ⊂ {@link PlanContext}) keep a rule from reading a field its stage
 * does not have yet. The fields are listed one by one (not spread), which is several times faster here.
 */
export function stageContext(
  base: EvalContext,
  wells: WellsScore,
  redFlags: ReadonlySet<RedFlagId> = NO_FLAGS,
  plan: PlanState = NO_PLAN,
): PlanContext {
  return {
    facts: base.facts,
    form: base.form,
    clinicianForm: base.clinicianForm,
    fromChart: base.fromChart,
    nowMs: base.nowMs,
    nowIso: base.nowIso,
    today: base.today,
    staleness: base.staleness,
    conditions: base.conditions,
    labs: base.labs,
    medications: base.medications,
    events: base.events,
    vascular: base.vascular,
    ageYears: base.ageYears,
    unavailable: base.unavailable,
    ageAtDeath: base.ageAtDeath,
    cache: base.cache,
    wells,
    redFlags,
    likelihood: plan.likelihood,
    scores: plan.scores,
    top: plan.top,
    wellsShown: plan.wellsShown,
  };
}

function time(date: string | undefined): number {
  if (!date) return Number.NaN;
  return Date.parse(date);
}

export function ageInDays(date: string | undefined, nowMs: number): number {
  const t = time(date);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : (nowMs - t) / DAY_MS;
}

/**
 * Parsed effective times per observation, memoised by fact object: the UI re-assesses the same chart facts on
 * every form change, so each date string is parsed once per chart rather than once per assessment.
 */
const OBS_TIME = new WeakMap<ObservationFact, number>();
function obsTime(o: ObservationFact): number {
  let t = OBS_TIME.get(o);
  if (t === undefined) {
    t = time(o.date);
    OBS_TIME.set(o, t);
  }
  return t;
}

function isNewer(a: ObservationFact, b: ObservationFact): boolean {
  return obsTime(a) > obsTime(b);
}

function obsAgeDays(o: ObservationFact, nowMs: number): number {
  const t = obsTime(o);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : (nowMs - t) / DAY_MS;
}

const FORM_MEASUREMENTS: readonly {
  readonly concept: VascularConcept;
  readonly side: Side;
  readonly key:
    | 'abiRight'
    | 'abiLeft'
    | 'tbiRight'
    | 'tbiLeft'
    | 'toePressureRight'
    | 'toePressureLeft'
    | 'anklePressureRight'
    | 'anklePressureLeft';
}[] = [
  { concept: 'abi', side: 'right', key: 'abiRight' },
  { concept: 'abi', side: 'left', key: 'abiLeft' },
  { concept: 'tbi', side: 'right', key: 'tbiRight' },
  { concept: 'tbi', side: 'left', key: 'tbiLeft' },
  { concept: 'toe-pressure', side: 'right', key: 'toePressureRight' },
  { concept: 'toe-pressure', side: 'left', key: 'toePressureLeft' },
  { concept: 'ankle-pressure', side: 'right', key: 'anklePressureRight' },
  { concept: 'ankle-pressure', side: 'left', key: 'anklePressureLeft' },
];

/**
 * Builds the context. Linear in the number of facts; no allocation beyond the indexes. `form` is the effective
 * form (clinician answers plus chart pre-answers) and `fromChart` says which of its answers came from the chart.
 */
export function buildContext(
  facts: ChartFacts,
  form: FormAnswers,
  options: AssessOptions,
  fromChart: ReadonlyMap<string, ChartSourcedAnswer> = new Map(),
  clinicianForm: FormAnswers = form,
): EvalContext {
  const nowMs = options.now.getTime();
  const nowIso = options.now.toISOString();
  const today = nowIso.slice(0, 10);
  const staleness = options.stalenessDays ? { ...STALENESS_DAYS, ...options.stalenessDays } : STALENESS_DAYS;

  const conditions = new Map<ConditionConcept, ConditionFact[]>();
  for (const c of facts.conditions) {
    const list = conditions.get(c.concept);
    if (list) list.push(c);
    else conditions.set(c.concept, [c]);
  }
  // Active before history so a rule that accepts either cites the active record.
  for (const list of conditions.values()) {
    if (list.length > 1) list.sort((a, b) => (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1));
  }

  const newestLab = new Map<LabConcept, ObservationFact>();
  const vascularChart = new Map<VascularConcept, Partial<Record<LegKey, ObservationFact>>>();
  for (const o of facts.observations) {
    if (!Number.isFinite(o.value)) continue;
    if (isVascular(o.concept)) {
      const concept = o.concept;
      const leg: LegKey = o.side ?? 'unspecified';
      let perLeg = vascularChart.get(concept);
      if (!perLeg) {
        perLeg = {};
        vascularChart.set(concept, perLeg);
      }
      const prev = perLeg[leg];
      if (!prev || isNewer(o, prev)) perLeg[leg] = o;
    } else {
      const concept = o.concept;
      const prev = newestLab.get(concept);
      if (!prev || isNewer(o, prev)) newestLab.set(concept, o);
    }
  }

  const labs = new Map<LabConcept, LabValue>();
  for (const [concept, fact] of newestLab) {
    const ageDays = obsAgeDays(fact, nowMs);
    labs.set(concept, { fact, ageDays, stale: ageDays > staleness[concept] });
  }
  if (!labs.has('transferrin-saturation')) {
    const iron = labs.get('iron');
    const tibc = labs.get('tibc');
    if (iron && tibc && tibc.fact.value > 0) {
      const value = Math.round((iron.fact.value / tibc.fact.value) * 1000) / 10;
      const older = obsTime(iron.fact) <= obsTime(tibc.fact) ? iron : tibc;
      const fact: ObservationFact = {
        concept: 'transferrin-saturation',
        value,
        unit: '%',
        date: older.fact.date,
        provenance: iron.fact.provenance,
      };
      labs.set('transferrin-saturation', {
        fact,
        ageDays: older.ageDays,
        stale: older.ageDays > staleness['transferrin-saturation'],
        computedFrom: `iron ${iron.fact.value} / TIBC ${tibc.fact.value}`,
      });
    }
  }

  const medications = new Map<MedicationClass, MedicationFact>();
  for (const m of facts.medications) {
    if (m.status === 'active' && !medications.has(m.medClass)) medications.set(m.medClass, m);
  }

  // Vascular: chart newest per leg, merged with the form's manual entries (newer wins; equal → form).
  const vascular = new Map<VascularConcept, Partial<Record<LegKey, Measure>>>();
  for (const [concept, perLeg] of vascularChart) {
    const out: Partial<Record<LegKey, Measure>> = {};
    for (const leg of ['right', 'left', 'unspecified'] as const) {
      const o = perLeg[leg];
      if (!o) continue;
      out[leg] = {
        concept,
        value: o.value,
        side: o.side,
        source: 'fhir',
        date: o.date,
        reference: o.provenance.reference,
        stale: obsAgeDays(o, nowMs) > staleness[concept],
      };
    }
    vascular.set(concept, out);
  }
  const m = form.measurements;
  if (m) {
    const measuredOn = m.measuredOn ?? today;
    const formStale = (concept: VascularConcept) => ageInDays(measuredOn, nowMs) > staleness[concept];
    for (const spec of FORM_MEASUREMENTS) {
      const value = m[spec.key];
      if (value === undefined) continue;
      let perLeg = vascular.get(spec.concept);
      if (!perLeg) {
        perLeg = {};
        vascular.set(spec.concept, perLeg);
      }
      const chart = perLeg[spec.side];
      const formMeasure: Measure = {
        concept: spec.concept,
        value,
        side: spec.side,
        source: 'form',
        date: measuredOn,
        formField: `measurements.${spec.key}`,
        stale: formStale(spec.concept),
      };
      if (!chart) {
        perLeg[spec.side] = formMeasure;
      } else if (time(measuredOn) >= time(chart.date)) {
        perLeg[spec.side] = {
          ...formMeasure,
          note: `form entry (${measuredOn}) used; the chart value ${chart.value} from ${isoDay(chart.date)} is older`,
        };
      } else {
        perLeg[spec.side] = {
          ...chart,
          note: `chart value (${isoDay(chart.date)}) used; the form entry ${value} from ${measuredOn} is older`,
        };
      }
    }
  }

  const birthDate = facts.patient?.birthDate;
  const deceased = facts.patient?.deceased;
  // A deceased patient's age is their age at death; without a date of death it is unknown (not "age 116").
  const deathDate = deceased?.date !== undefined ? new Date(deceased.date) : undefined;
  const ageClock = deceased ? (deathDate && !Number.isNaN(deathDate.getTime()) ? deathDate : undefined) : options.now;
  const ageYears = ageClock ? ageInYears(birthDate, ageClock) : undefined;

  return {
    facts,
    form,
    clinicianForm,
    fromChart,
    nowMs,
    nowIso,
    today,
    staleness,
    conditions,
    labs,
    medications,
    events: facts.events,
    vascular,
    ageYears,
    ageAtDeath: deceased !== undefined,
    unavailable: new Set(facts.unavailable),
    cache: { measures: new Map(), matches: new Map(), derived: new Map() },
  };
}

/** First matching condition fact (active preferred), optionally active only. */
export function findCondition(
  ctx: EvalContext,
  concepts: readonly ConditionConcept[],
  activeOnly: boolean,
): ConditionFact | undefined {
  let history: ConditionFact | undefined;
  for (const concept of concepts) {
    const list = ctx.conditions.get(concept);
    if (!list) continue;
    for (const c of list) {
      if (c.status === 'active') return c;
      history ??= c;
    }
  }
  return activeOnly ? undefined : history;
}

/** All measures of a concept (every leg), chart and form merged. */
const NO_MEASURES: readonly Measure[] = [];

/** All measures of a concept (every leg, right → left → unspecified), chart and form merged. Cached per context. */
export function measuresOf(ctx: EvalContext, concept: VascularConcept): readonly Measure[] {
  const cached = ctx.cache.measures.get(concept);
  if (cached) return cached;
  const perLeg = ctx.vascular.get(concept);
  if (!perLeg) return NO_MEASURES;
  const out: Measure[] = [];
  if (perLeg.right) out.push(perLeg.right);
  if (perLeg.left) out.push(perLeg.left);
  if (perLeg.unspecified) out.push(perLeg.unspecified);
  ctx.cache.measures.set(concept, out);
  return out;
}

/** The lowest (worst) measure of a concept across legs. */
export function worstMeasure(ctx: EvalContext, concept: VascularConcept): Measure | undefined {
  let worst: Measure | undefined;
  for (const m of measuresOf(ctx, concept)) if (!worst || m.value < worst.value) worst = m;
  return worst;
}

/**
 * The legs the story is about: the recorded side, or both legs when the side is "both" or not recorded. A result
 * or a pulse only counts for (or against) a leg the patient is complaining of: a normal left ABI says nothing
 * about a painful right foot.
 */
export function symptomaticLegs(ctx: EvalContext): readonly Side[] {
  const side = ctx.form.side;
  return side === 'left' ? LEFT : side === 'right' ? RIGHT : BOTH;
}
const LEFT: readonly Side[] = ['left'];
const RIGHT: readonly Side[] = ['right'];
const BOTH: readonly Side[] = ['right', 'left'];

/** The recorded pulse of each symptomatic leg (absent entries for legs not examined). */
export function symptomaticPulses(ctx: EvalContext): { readonly side: Side; readonly grade: string }[] {
  const exam = ctx.form.exam;
  const out: { side: Side; grade: string }[] = [];
  for (const side of symptomaticLegs(ctx)) {
    const grade = side === 'right' ? exam?.pulsesRight : exam?.pulsesLeft;
    if (grade !== undefined) out.push({ side, grade });
  }
  return out;
}
