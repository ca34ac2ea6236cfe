/**
 * Unit normalisation to {@link CANONICAL_UNITS} (UCUM), so the engine compares numbers against guideline
 * thresholds without ever reading a unit string.
 *
 * Units are matched on a normalised token (case-folded, µ/mc → u, spaces and UCUM brackets removed), not on
 * exact UCUM, because real servers send "ng/mL", "ng/ml", "NG/ML" and "mcg/L" for the same thing. A unit we
 * do not know is never guessed: the caller turns it into a data issue.
 */
import { CANONICAL_UNITS, type ObservationConcept } from '@/lib/engine/facts';
import { quoteToken } from './fhir-helpers';
import { FHIR_STRING_LIMITS } from './schemas/common';

type Convert = (value: number) => number;
const same: Convert = (v) => v;
const times =
  (factor: number): Convert =>
  (v) =>
    v * factor;

/** Ratio-like tests carry no unit, or "1", "{ratio}", "ratio", "{index}". */
const RATIO: Record<string, Convert> = { '': same, '1': same, ratio: same, index: same };
const PRESSURE: Record<string, Convert> = { mmhg: same, kpa: times(7.50062) };

/**
 * Accepted units per concept (normalised token → conversion into the canonical unit).
 * Factors: glucose 18.016 mg/dL per mmol/L; Mg 2.431 mg/dL per mmol/L and 1.2155 per mEq/L; Ca 4.008
 * per mmol/L and 2.004 per mEq/L; creatinine 88.42 µmol/L per mg/dL; iron 5.585 µg/dL per µmol/L;
 * B12 1.355 pg/mL per pmol/L; Hb 1.611 g/dL per mmol/L (monomer); HbA1c NGSP % = 0.09148 × IFCC + 2.152.
 */
const TABLE: Readonly<Record<ObservationConcept, Record<string, Convert>>> = {
  hba1c: { '%': same, 'mmol/mol': (v) => 0.09148 * v + 2.152 },
  glucose: { 'mg/dl': same, 'mmol/l': times(18.016) },
  ferritin: { 'ug/l': same, 'ng/ml': same },
  iron: { 'ug/dl': same, 'umol/l': times(5.585) },
  tibc: { 'ug/dl': same, 'umol/l': times(5.585) },
  'transferrin-saturation': { '%': same },
  potassium: { 'mmol/l': same, 'meq/l': same },
  magnesium: { 'mg/dl': same, 'mmol/l': times(2.431), 'meq/l': times(1.2155) },
  calcium: { 'mg/dl': same, 'mmol/l': times(4.008), 'meq/l': times(2.004) },
  creatinine: { 'mg/dl': same, 'umol/l': (v) => v / 88.42 },
  egfr: { 'ml/min/1.73m2': same, 'ml/min': same },
  tsh: { 'miu/l': same, 'uiu/ml': same, 'mu/l': same, 'uu/ml': same },
  'd-dimer': { 'ng/ml': same, 'ug/l': same, 'ug/ml': times(1000), 'mg/l': times(1000) },
  'vitamin-b12': { 'pg/ml': same, 'ng/l': same, 'pmol/l': times(1.355) },
  hemoglobin: { 'g/dl': same, 'g/l': times(0.1), 'mmol/l': times(1.611) },
  bmi: { 'kg/m2': same },
  'heart-rate': { '/min': same, 'beats/min': same, bpm: same, '{beats}/min': same, 'min-1': same },
  spo2: { '%': same },
  abi: RATIO,
  tbi: RATIO,
  'ankle-pressure': PRESSURE,
  'toe-pressure': PRESSURE,
  tcpo2: PRESSURE,
};

/**
 * Units that are accepted as the canonical unit but are not literally it (Synthea reports the per-1.73 m²
 * eGFR codes in "mL/min"): the fact records the original so a clinician can see it.
 */
const REINTERPRETED: Readonly<Partial<Record<ObservationConcept, readonly string[]>>> = { egfr: ['ml/min'] };

export interface UnitToken {
  /** Normalised unit, annotations removed. */
  readonly token: string;
  /** `FEU` / `DDU` when the unit says so (D-dimer). */
  readonly variant?: 'FEU' | 'DDU';
}

/**
 * Normalises a unit string for table lookup. Exported for tests.
 *
 * Every pattern here runs in time linear in the string (issue 10: the previous `\s*[_.\s]*` and `\{[^}]*\}`
 * patterns backtracked quadratically on a run of spaces or braces); whitespace is removed before the `1.73 m²`
 * rewrite so no two quantifiers compete for the same characters, and annotations are matched brace to brace.
 * Strings longer than {@link FHIR_STRING_LIMITS}`.unit` are not units and are never scanned.
 */
export function normaliseUnit(raw: string | undefined): UnitToken {
  if (raw === undefined) return { token: '' };
  if (raw.length > FHIR_STRING_LIMITS.unit) return { token: UNREADABLE };
  let s = raw.toLowerCase().trim();
  let variant: 'FEU' | 'DDU' | undefined;
  if (/\bfeu\b|\{feu\}/.test(s)) variant = 'FEU';
  else if (/\bddu\b|\{ddu\}/.test(s)) variant = 'DDU';
  s = s
    .replace(/\{(feu|ddu)\}|\b(feu|ddu)\b/g, '')
    .replace(/\s+/g, '')
    .replace(/\{?1\.73[_.]*(?:sq\.?)?m(?:\^?2|²)?\}?/g, '1.73m2')
    .replace(/[µμ]/g, 'u')
    .replace(/mcg/g, 'ug')
    .replace(/\[(iu|hg)\]/g, '$1')
    .replace(/\^|²/g, (m) => (m === '²' ? '2' : ''));
  // Whole-unit annotations such as {ratio}, {index}, {score}: keep the word so "ratio" is recognised.
  if (/^\{[^{}]*\}$/.test(s)) s = s.slice(1, -1);
  else s = s.replace(/\{[^{}]*\}/g, '');
  if (s === 'mmhg' || s === 'mm(hg)') s = 'mmhg';
  return variant ? { token: s, variant } : { token: s };
}

/** The token of a unit too long to be one: matches no table entry. */
const UNREADABLE = '\u0000unreadable';

export type ConversionResult =
  | {
      readonly ok: true;
      readonly value: number;
      readonly unit: string;
      /** True when the number or the unit's meaning changed (the fact then records the original). */
      readonly converted: boolean;
      /** An approximation the clinician should know about (D-dimer DDU → FEU). */
      readonly approximation?: string;
    }
  | { readonly ok: false; readonly problem: string };

/**
 * Converts a value to the concept's canonical unit. `variant` is the D-dimer unit type from the code, when
 * the LOINC code says FEU or DDU.
 */
export function toCanonical(
  concept: ObservationConcept,
  value: number,
  rawUnit: string | undefined,
  variant?: 'FEU' | 'DDU',
): ConversionResult {
  const { token, variant: unitVariant } = normaliseUnit(rawUnit);
  const convert = TABLE[concept][token];
  const unit = CANONICAL_UNITS[concept];
  if (convert === undefined) {
    return {
      ok: false,
      problem: rawUnit
        ? `${token === UNREADABLE ? 'the recorded unit' : `unit ${quoteToken(rawUnit)}`} is not one Nocturne can convert`
        : 'no unit was recorded',
    };
  }
  if (concept === 'd-dimer') {
    const type = unitVariant ?? variant;
    if (type === undefined) {
      return {
        ok: false,
        problem:
          'the result does not say whether it is in FEU or DDU units (they differ about twofold), so it cannot be compared with a cut-off',
      };
    }
    const feu = convert(value);
    if (type === 'DDU') {
      return {
        ok: true,
        value: round(feu * 2),
        unit,
        converted: true,
        approximation: 'reported in DDU; converted to FEU by doubling, which is an approximation',
      };
    }
    return { ok: true, value: round(feu), unit, converted: feu !== value };
  }
  const out = convert(value);
  const converted = out !== value || (REINTERPRETED[concept]?.includes(token) ?? false);
  return { ok: true, value: round(out), unit, converted };
}

/** Rounds away binary noise (4.008 × 2.4 = 9.619199999…) without losing clinical precision. */
function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
