/**
 * Numbers and units as a clinician reads them in the note.
 *
 * Why rounding happens here and not in the facts: unit conversion gives values like 9.013 % (from 75 mmol/mol) or
 * 1.4586 mg/dL (from 0.6 mmol/L). The engine and the structured resources keep the exact value (that is what the
 * rules compared); the note shows it at the precision a lab reports it, so "magnesium 1.4586 mg/dL" does not
 * suggest a precision the assay never had.
 *
 * Why the cut-off guard: rounding must never move a value across a threshold the engine used. Potassium 3.46 is
 * below the 3.5 mmol/L cramp cut-off; printed as "3.5" it would read as normal next to a point for hypokalaemia.
 * When rounding would cross a cut-off, or land exactly on one the value is not equal to, one more decimal is shown
 * (up to three more): conservative, since the extra digit never misleads.
 *
 * Pure: no IO, no clock.
 */
import type { ObservationConcept } from '../../lib/engine/facts';
import { OBSERVATION_LABELS } from '../../lib/engine/labels';
import { CLTI, LAB_CUTOFFS, WIFI } from '../../lib/engine/thresholds';

/** Decimals each concept is reported with (usual laboratory / vascular-lab practice, canonical units). */
export const DISPLAY_DECIMALS: Readonly<Record<ObservationConcept, number>> = {
  hba1c: 1,
  glucose: 0,
  ferritin: 0,
  iron: 0,
  tibc: 0,
  'transferrin-saturation': 0,
  potassium: 1,
  magnesium: 1,
  calcium: 1,
  creatinine: 2,
  egfr: 0,
  tsh: 2,
  'd-dimer': 0,
  'vitamin-b12': 0,
  hemoglobin: 1,
  bmi: 1,
  'heart-rate': 0,
  spo2: 0,
  abi: 2,
  tbi: 2,
  'ankle-pressure': 0,
  'toe-pressure': 0,
  tcpo2: 0,
};

/**
 * Cut-offs the engine compares each concept against (canonical units). ABI and TBI are left out: the engine itself
 * compares them after rounding to two decimals, which is the display precision.
 */
const CUTOFFS: Readonly<Partial<Record<ObservationConcept, readonly number[]>>> = {
  potassium: [LAB_CUTOFFS.potassiumBelow],
  magnesium: [LAB_CUTOFFS.magnesiumBelow],
  calcium: [LAB_CUTOFFS.calciumBelow],
  hba1c: [LAB_CUTOFFS.hba1cFrom],
  'vitamin-b12': [LAB_CUTOFFS.b12Below],
  egfr: [LAB_CUTOFFS.egfrBelow],
  bmi: [LAB_CUTOFFS.bmiFrom],
  'd-dimer': [LAB_CUTOFFS.dDimerFeuCutoff],
  ferritin: [LAB_CUTOFFS.ferritinSupplementMax],
  'transferrin-saturation': [LAB_CUTOFFS.tsatBelow],
  'ankle-pressure': [
    CLTI.anklePressureBelow,
    WIFI.anklePressure.grade0Above,
    WIFI.anklePressure.grade1From,
    WIFI.anklePressure.grade2From,
  ],
  'toe-pressure': [CLTI.toePressureBelow, WIFI.toeOrTcpo2.grade0From, WIFI.toeOrTcpo2.grade1From],
  tcpo2: [CLTI.tcpo2Below, WIFI.toeOrTcpo2.grade0From, WIFI.toeOrTcpo2.grade1From],
};

function decimalsOf(value: number): number {
  const s = String(value);
  if (s.includes('e')) return 20;
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
}

function crossesCutoff(value: number, shown: number, cutoffs: readonly number[]): boolean {
  return cutoffs.some((c) => Math.sign(value - c) !== Math.sign(shown - c));
}

/**
 * A value at its concept's reporting precision: `9.013` HbA1c → "9.0", `189.168` glucose → "189", `8.4` → "8.4"
 * (a value already at or below the precision is printed as recorded). Never rounds across an engine cut-off.
 */
export function displayNumber(concept: ObservationConcept, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const base = DISPLAY_DECIMALS[concept];
  if (decimalsOf(value) <= base) return String(value);
  const cutoffs = CUTOFFS[concept] ?? [];
  for (let d = base; d < base + 3; d++) {
    const shown = value.toFixed(d);
    if (!crossesCutoff(value, Number(shown), cutoffs)) return shown;
  }
  return value.toFixed(base + 3);
}

/**
 * A recorded unit written for people: UCUM annotations and brackets dropped ("ng/mL{DDU}" → "ng/mL DDU",
 * "mm[Hg]" → "mmHg", "ug/L" → "µg/L"), parenthetical remarks removed and repeated words collapsed.
 */
export function displayUnit(unit: string): string {
  const words = unit
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\/\{([^}]*)\}/g, '/$1')
    .replace(/\{([^}]*)\}/g, ' $1')
    .replace(/\[([^\]]*)\]/g, '$1')
    .replace(/\bu(g|mol|L)\b/g, 'µ$1')
    .replace(/_/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.filter((w, i) => i === 0 || w.toLowerCase() !== words[i - 1]!.toLowerCase()).join(' ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "<label>[ right|left] <decimal number>" for every observation concept, longest labels first. */
const VALUE_PATTERNS: readonly { readonly concept: ObservationConcept; readonly re: RegExp }[] = (
  Object.entries(OBSERVATION_LABELS) as [ObservationConcept, string][]
)
  .sort((a, b) => b[1].length - a[1].length)
  .map(([concept, label]) => ({
    concept,
    re: new RegExp(`(\\b${escapeRegExp(label)}(?:\\s+(?:right|left))?\\s+)(-?\\d+\\.\\d+)(?![\\d.])`, 'gi'),
  }));

/**
 * Engine-written text (evidence labels, summaries, "already on file" lines) made fit for the note: values after a
 * concept's name rounded as {@link displayNumber} does, and acronyms spelled as clinicians write them ("eGFR").
 * Text without such values passes through unchanged.
 */
export function tidyEngineText(text: string): string {
  let out = text.replace(/\bEGFR\b/g, 'eGFR');
  for (const { concept, re } of VALUE_PATTERNS) {
    out = out.replace(re, (_m, lead: string, num: string) => `${lead}${displayNumber(concept, Number(num))}`);
  }
  return out;
}
