/**
 * ABI / TBI / pressure interpretation (2016 AHA/ACC bands, CLTI haemodynamics, WIfI ischaemia grade).
 *
 * Kept separate from the rules because the bands are reported to the clinician as numbers with words,
 * independent of which condition they happen to support.
 */
import type { AbiBand, AbiInterpretation, AbiLeg } from './assessment';
import type { Side, VascularConcept } from './facts';
import { type EvalContext, type Measure, symptomaticLegs, worstMeasure } from './context';
import { isoDay } from './format';
import { ABI, CLTI, TBI_ABNORMAL_MAX, WIFI } from './thresholds';

/** ABI is reported to two decimals; rounding first makes the 0.90/0.91 and 1.40/1.41 boundaries exact. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function abiBand(value: number): AbiBand {
  const v = round2(value);
  if (v <= ABI.abnormalMax) return 'abnormal';
  if (v <= ABI.borderlineMax) return 'borderline';
  if (v <= ABI.normalMax) return 'normal';
  return 'noncompressible';
}

const BAND_TEXT: Readonly<Record<AbiBand, string>> = {
  abnormal: 'abnormal (≤ 0.90): consistent with PAD',
  borderline: 'borderline (0.91–0.99): consider an exercise ABI if symptoms are exertional',
  normal: 'normal (1.00–1.40); does not exclude CLTI in diabetes or CKD',
  noncompressible: 'noncompressible (> 1.40): uninterpretable; measure toe pressure / TBI with waveforms',
};

export function tbiAbnormal(value: number): boolean {
  return round2(value) <= TBI_ABNORMAL_MAX;
}

function leg(m: Measure): AbiLeg {
  const band = abiBand(m.value);
  const parts = [`ABI ${m.value}: ${BAND_TEXT[band]}`];
  if (band === 'abnormal' && round2(m.value) < CLTI.abiBelow) parts.push('below 0.40: CLTI range');
  if (m.source === 'form') parts.push(`entered on the form (${isoDay(m.date)})`);
  if (m.stale) parts.push('older than 12 months: repeat suggested');
  if (m.note) parts.push(m.note);
  return {
    side: m.side,
    value: m.value,
    band,
    interpretation: parts.join('; '),
    source: m.source,
    date: m.date,
    reference: m.reference,
    stale: m.stale,
  };
}

function compressibleAbis(ctx: EvalContext): Measure[] {
  const perLeg = ctx.vascular.get('abi');
  if (!perLeg) return [];
  const out: Measure[] = [];
  for (const m of [perLeg.right, perLeg.left, perLeg.unspecified]) {
    if (m && abiBand(m.value) !== 'noncompressible') out.push(m);
  }
  return out;
}

/** Lowest compressible ABI: a noncompressible value says nothing about perfusion. */
export function worstCompressibleAbi(ctx: EvalContext): Measure | undefined {
  let worst: Measure | undefined;
  for (const m of compressibleAbis(ctx)) if (!worst || m.value < worst.value) worst = m;
  return worst;
}

/** Measures that meet CLTI haemodynamics (ABI < 0.40, ankle < 50, toe < 30, TcPO2 < 30 mmHg). */
export function cltiMeasures(ctx: EvalContext): readonly Measure[] {
  if (ctx.cache.clti) return ctx.cache.clti;
  const out: Measure[] = [];
  const abi = worstCompressibleAbi(ctx);
  if (abi && round2(abi.value) < CLTI.abiBelow) out.push(abi);
  const ankle = worstMeasure(ctx, 'ankle-pressure');
  if (ankle && ankle.value < CLTI.anklePressureBelow) out.push(ankle);
  const toe = worstMeasure(ctx, 'toe-pressure');
  if (toe && toe.value < CLTI.toePressureBelow) out.push(toe);
  const tcpo2 = worstMeasure(ctx, 'tcpo2');
  if (tcpo2 && tcpo2.value < CLTI.tcpo2Below) out.push(tcpo2);
  ctx.cache.clti = out;
  return out;
}

/** The current (not stale) measure of one symptomatic leg; an unsided or stale value is not usable. */
export function freshLegMeasure(ctx: EvalContext, concept: VascularConcept, leg: Side): Measure | undefined {
  const m = ctx.vascular.get(concept)?.[leg];
  return m && !m.stale ? m : undefined;
}

function gradeFromPressure(v: number): 0 | 1 | 2 | 3 {
  const g = WIFI.toeOrTcpo2;
  if (v >= g.grade0From) return 0;
  if (v >= g.grade1From) return 1;
  if (v >= g.grade2From) return 2;
  return 3;
}

/**
 * WIfI ischaemia grade 0–3 from the worst current measure of the symptomatic leg(s); undefined when no
 * symptomatic leg has a current value. Stale results are shown but never grade (they are treated as missing);
 * an unsided value can only make the grade worse, never stand in for the symptomatic leg.
 */
export function wifiIschemiaGrade(ctx: EvalContext): 0 | 1 | 2 | 3 | undefined {
  let grade = -1;
  let sided = false;
  const legs = symptomaticLegs(ctx);
  for (const concept of WIFI_CONCEPTS) {
    const perLeg = ctx.vascular.get(concept);
    if (!perLeg) continue;
    for (const leg of legs) {
      const m = perLeg[leg];
      const g = m && !m.stale ? wifiGradeOf(m) : -1;
      if (g < 0) continue;
      sided = true;
      if (g > grade) grade = g;
    }
    const u = perLeg.unspecified;
    const g = u && !u.stale ? wifiGradeOf(u) : -1;
    if (g > grade) grade = g;
  }
  return sided ? (grade as 0 | 1 | 2 | 3) : undefined;
}

/** One measure's WIfI ischaemia grade, or −1 when it cannot grade (noncompressible ABI, TBI). */
function wifiGradeOf(m: Measure): number {
  switch (m.concept) {
    case 'abi': {
      if (abiBand(m.value) === 'noncompressible') return -1;
      const v = round2(m.value);
      return v >= WIFI.abi.grade0From ? 0 : v >= WIFI.abi.grade1From ? 1 : v >= WIFI.abi.grade2From ? 2 : 3;
    }
    case 'ankle-pressure': {
      const g = WIFI.anklePressure;
      const v = m.value;
      return v > g.grade0Above ? 0 : v >= g.grade1From ? 1 : v >= g.grade2From ? 2 : 3;
    }
    case 'toe-pressure':
    case 'tcpo2':
      return gradeFromPressure(m.value);
    case 'tbi':
      return -1;
  }
}

const WIFI_CONCEPTS: readonly VascularConcept[] = ['abi', 'ankle-pressure', 'toe-pressure', 'tcpo2'];

function point(m: Measure | undefined) {
  if (!m) return undefined;
  return { value: m.value, side: m.side, source: m.source, date: m.date, reference: m.reference };
}

/** The per-leg ABI report plus TBI/pressures; null when no vascular measure is on file or on the form. */
export function interpretVascular(ctx: EvalContext): AbiInterpretation | null {
  if (ctx.vascular.size === 0) return null;
  const abi = ctx.vascular.get('abi');
  const tbi = worstMeasure(ctx, 'tbi');
  const grade = wifiIschemiaGrade(ctx);
  return {
    right: abi?.right ? leg(abi.right) : undefined,
    left: abi?.left ? leg(abi.left) : undefined,
    unspecified: abi?.unspecified ? leg(abi.unspecified) : undefined,
    tbi: tbi ? { ...point(tbi)!, abnormal: tbiAbnormal(tbi.value) } : undefined,
    toePressure: point(worstMeasure(ctx, 'toe-pressure')),
    anklePressure: point(worstMeasure(ctx, 'ankle-pressure')),
    tcpo2: point(worstMeasure(ctx, 'tcpo2')),
    meetsCltiHaemodynamics: cltiMeasures(ctx).length > 0,
    ...(grade === undefined ? {} : { wifiIschemiaGrade: grade }),
  };
}
