/**
 * Every number the engine compares against, in one reviewed place.
 *
 * Thresholds live here rather than inside rules so that a guideline update is a one-line, reviewable
 * change and so that `describeAll()` can print them next to the rule book. Sources are given per block;
 * see the clinical reference §3–4 for the underlying tables.
 */
import type { Likelihood } from './assessment';
import type { ObservationConcept, VascularConcept } from './facts';

/** Engine version: bump when rules, weights or thresholds change (it is written into every note). */
export const ENGINE_VERSION = '2.0.0';

/**
 * Resting ABI bands (2016 AHA/ACC, unchanged in 2024 ACC/AHA). Values are compared after rounding to two
 * decimals, the precision ABI is reported at, so 0.90 is abnormal and 0.91 borderline exactly.
 */
export const ABI = {
  /** ≤ 0.90: abnormal (PAD). */
  abnormalMax: 0.9,
  /** 0.91–0.99: borderline. */
  borderlineMax: 0.99,
  /** 1.00–1.40: normal; above it the vessels are noncompressible. */
  normalMax: 1.4,
} as const;

/** TBI ≤ 0.70 is abnormal (2016 AHA/ACC diagnostic algorithm). */
export const TBI_ABNORMAL_MAX = 0.7;

/**
 * CLTI-range haemodynamics (PARC / TASC II / 2019 GVG): any one of these, strictly below. They *stage* CLTI and
 * support it (shown with the ABI report, scored toward PAD); they do not gate the CLTI red flag, which needs a
 * rest-pain story or tissue loss plus objectively proven PAD at any level (reference §0b, 2024 ACC/AHA).
 */
export const CLTI = {
  abiBelow: 0.4,
  anklePressureBelow: 50,
  toePressureBelow: 30,
  tcpo2Below: 30,
} as const;

/**
 * WIfI ischaemia grade (SVS, Mills 2014), worst available measure. Each row lists the lower bound of grades
 * 0, 1 and 2 (anything below the grade-2 bound is grade 3). Ankle pressure: > 100 grade 0, 70–100 grade 1,
 * 50–69 grade 2, < 50 grade 3. Grade-0 cut-offs are marked ⚠ in the reference (general knowledge).
 */
export const WIFI = {
  abi: { grade0From: 0.8, grade1From: 0.6, grade2From: 0.4 },
  anklePressure: { grade0Above: 100, grade1From: 70, grade2From: 50 },
  toeOrTcpo2: { grade0From: 60, grade1From: 40, grade2From: 30 },
} as const;

/** Lab cut-offs used by rules (canonical units from facts.ts). */
export const LAB_CUTOFFS = {
  /** AASM 2024 / IRLSSG 2018: supplement iron in RLS when ferritin ≤ 75 µg/L … */
  ferritinSupplementMax: 75,
  /** … or transferrin saturation < 20 %. */
  tsatBelow: 20,
  /** Hypokalaemia (cramps), mmol/L. */
  potassiumBelow: 3.5,
  /** Hypomagnesaemia (cramps), mg/dL. */
  magnesiumBelow: 1.7,
  /** Low total calcium (cramps), mg/dL: lower limit of the usual adult reference range. */
  calciumBelow: 8.5,
  /** HbA1c ≥ 8 % raises PAD and neuropathy (reference §4.1, §4.7). */
  hba1cFrom: 8,
  /** Low B12 (neuropathy), pg/mL: usual lower reference limit. */
  b12Below: 200,
  /** eGFR < 30 = CKD stage 4–5 (RLS), mL/min/1.73 m². */
  egfrBelow: 30,
  /** BMI ≥ 30 (VTE risk). */
  bmiFrom: 30,
  /**
   * D-dimer cut-off in ng/mL FEU when the lab gives no reference range or flag: the common 500 ng/mL FEU
   * (0.5 mg/L FEU) used by most high-sensitivity assays. The lab's own upper limit wins when present.
   */
  dDimerFeuCutoff: 500,
} as const;

/**
 * RLS iron beyond the supplement threshold (AASM 2024, IRLSSG 2018): IV iron alone may be used for ferritin
 * 75–100 µg/L; IV iron is not given when TSAT ≥ 45 %; in end-stage renal disease IV iron sucrose when ferritin
 * < 200 µg/L and TSAT < 20 %.
 */
export const RLS_IRON = {
  ivIronFerritinMax: 100,
  ivIronTsatCeiling: 45,
  esrdFerritinBelow: 200,
} as const;

/** A D-dimer is only used for the current DVT question when drawn within this many days (ASH 2018 pathway). */
export const D_DIMER_WINDOW_DAYS = 3;

/** After major surgery the D-dimer stays raised for weeks: a result in this window cannot exclude DVT. */
export const D_DIMER_UNRELIABLE_AFTER_SURGERY_DAYS = 28;

/**
 * Objective evidence of PAD in a leg (2024 ACC/AHA: abnormal ABI, TBI, TcPO2 or skin perfusion pressure): ABI
 * ≤ 0.90, TBI ≤ 0.70, or a pressure in WIfI ischaemia grade 1 or worse (ankle ≤ 100 mmHg, toe pressure or TcPO2
 * < 60 mmHg). These prove PAD; they do not grade CLTI (that is {@link CLTI} / {@link WIFI}).
 */
export const OBJECTIVE_PAD = {
  abiMax: 0.9,
  tbiMax: 0.7,
  anklePressureMax: 100,
  toePressureBelow: 60,
  tcpo2Below: 60,
} as const;

/** PERC-style vital-sign cut-offs for the possible-PE red flag (tachycardia, hypoxia). */
export const VITALS = {
  heartRateFrom: 100,
  spo2Below: 95,
} as const;

/** A chart pregnancy record counts as "pregnant or ≤ 6 weeks postpartum" only if it began within this many days. */
export const PREGNANCY_RECORD_DAYS = 300;

/** Surgery / inpatient stay / immobilisation "recent" for Wells and VTE risk: 12 weeks (Wells 2003). */
export const RECENT_EVENT_DAYS = 84;

/**
 * How long a result stays current before the engine suggests repeating it. Older results are still shown
 * (marked stale) and re-suggested, but they score nothing either way: a stale value is treated as missing, so a
 * 2019 potassium cannot add toward cramps and an old normal ABI cannot lower PAD. A stale result never raises a
 * red flag either: it asks for a repeat (issue 9 item 10: a 4-year-old pre-bypass ABI raised "CLTI").
 * - Vascular tests: 12 months (disease progresses; a year-old ABI no longer describes today's limb).
 * - Ferritin / iron studies: 3 months (AASM 2024 asks for a current morning ferritin when assessing RLS).
 * - Electrolytes (K, Mg, Ca): 1 month (they move with drugs and intake; cramps need a current value).
 * - Creatinine / eGFR / Hb: 3 months. HbA1c: 6 months (reflects ~3 months of glycaemia; ADA twice-yearly).
 * - D-dimer: 3 days (only a result for this episode answers the DVT question).
 * - TSH, B12, BMI: 12 months.
 */
export const STALENESS_DAYS: Readonly<Record<ObservationConcept, number>> = {
  abi: 365,
  tbi: 365,
  'ankle-pressure': 365,
  'toe-pressure': 365,
  tcpo2: 365,
  ferritin: 90,
  iron: 90,
  tibc: 90,
  'transferrin-saturation': 90,
  potassium: 30,
  magnesium: 30,
  calcium: 30,
  glucose: 30,
  creatinine: 90,
  egfr: 90,
  hemoglobin: 90,
  hba1c: 180,
  'd-dimer': D_DIMER_WINDOW_DAYS,
  tsh: 365,
  'vitamin-b12': 365,
  bmi: 365,
  /** Vital signs describe today only. */
  'heart-rate': 1,
  spo2: 1,
};

/**
 * Likelihood bands from the summed score. Weights follow the reference (+3 strong, +2 moderate, +1 weak),
 * so "high" needs roughly three strong independent findings, "moderate" two, "low" one moderate finding.
 */
export const LIKELIHOOD_CUTOFFS: readonly { readonly band: Likelihood; readonly minScore: number }[] = [
  { band: 'high', minScore: 8 },
  { band: 'moderate', minScore: 5 },
  { band: 'low', minScore: 2 },
  { band: 'unlikely', minScore: Number.NEGATIVE_INFINITY },
];

/** Score caps for rule groups (reference §4.4: cramp-associated drugs +1 each, cap +2). */
export const CAPS = {
  'cramp-drugs': 2,
} as const;
export type CapGroup = keyof typeof CAPS;

/** Likelihoods from most to least likely (0 = high). */
export const LIKELIHOOD_RANK: Readonly<Record<Likelihood, number>> = { high: 0, moderate: 1, low: 2, unlikely: 3 };

export function likelihoodFor(score: number): Likelihood {
  for (const c of LIKELIHOOD_CUTOFFS) if (score >= c.minScore) return c.band;
  return 'unlikely';
}

export function isVascular(concept: ObservationConcept): concept is VascularConcept {
  return (
    concept === 'abi' ||
    concept === 'tbi' ||
    concept === 'ankle-pressure' ||
    concept === 'toe-pressure' ||
    concept === 'tcpo2'
  );
}
