/**
 * Derived facts: the few predicates that combine several answers, chart records and measurements at once. Each
 * has one plain-English definition (rendered into the rule book) and one evaluator, so what a reviewer reads is
 * what runs.
 *
 * Stale results (outside their staleness window) and results of the other leg never prove anything here: they
 * are reported as "repeat the test" instead (issue 9 item 10).
 */
import type { FactContext, Measure, ScoreContext } from './context';
import { findCondition, measuresOf, symptomaticLegs, symptomaticPulses } from './context';
import { anticoagulated, dDimerUnreliableReasons, recentDDimerResult } from './d-dimer';
import type { Side, VascularConcept } from './facts';
import { EXAM_LABELS, OPTION_LABELS, PULSE_LABELS, joinOr, type ExamFinding, type Reliever } from './labels';
import { answerMatch, conditionMatch, formMatch, labMatch, measureMatch, mk, type Match } from './matches';
import type { FactDerivedId, ScoreDerivedId } from './predicate-types';
import { D_DIMER_WINDOW_DAYS, OBJECTIVE_PAD, TBI_ABNORMAL_MAX, VITALS } from './thresholds';
import { abiBand, cltiMeasures, freshLegMeasure, round2, tbiAbnormal } from './vascular';

export interface DerivedSpec<C> {
  /** The definition, as a clause of the rule book ("… when <text>"). */
  readonly text: string;
  readonly evaluate: (ctx: C) => Match[] | null;
}

/**
 * Relievers that are a change of position: dangling, walking (which puts the leg down: reference §4.1 groups it
 * with dangling as relief by dependency), flexion, propping up, moving off the knee, raising the legs. Moving the
 * legs in bed and stretching the calf are not: constant pain eased only by them is still "not eased by any
 * position" for the night-pain red flag.
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
/** The Wells exam items: answering any means DVT is being weighed. */
const WELLS_EXAM_ITEMS: readonly ExamFinding[] = [
  'deepVeinTenderness',
  'entireLegSwollen',
  'calfSwellingOver3cm',
  'pittingOedemaSymptomaticLeg',
  'collateralSuperficialVeins',
];
const SWELLING: readonly ExamFinding[] = ['unilateralSwelling', 'calfSwellingOver3cm', 'entireLegSwollen'];
const PULSE_DEFICIT: ReadonlySet<string> = new Set(['diminished', 'doppler-only', 'absent']);
const PULSELESS: ReadonlySet<string> = new Set(['doppler-only', 'absent']);

/** A measure proves PAD (objective haemodynamic evidence, OBJECTIVE_PAD). */
function provesPad(m: Measure): boolean {
  const v = round2(m.value);
  switch (m.concept) {
    case 'abi':
      return abiBand(m.value) === 'abnormal' && v <= OBJECTIVE_PAD.abiMax;
    case 'tbi':
      return tbiAbnormal(m.value);
    case 'ankle-pressure':
      return m.value <= OBJECTIVE_PAD.anklePressureMax;
    case 'toe-pressure':
      return m.value < OBJECTIVE_PAD.toePressureBelow;
    case 'tcpo2':
      return m.value < OBJECTIVE_PAD.tcpo2Below;
  }
}

const PAD_CONCEPTS: readonly VascularConcept[] = ['abi', 'tbi', 'toe-pressure', 'tcpo2', 'ankle-pressure'];

/** Current measures of the symptomatic leg(s) (or with no recorded leg) that prove PAD. */
function objectivePad(ctx: FactContext): Match[] {
  const legs = symptomaticLegs(ctx);
  const out: Match[] = [];
  for (const concept of PAD_CONCEPTS) {
    const perLeg = ctx.vascular.get(concept);
    if (!perLeg) continue;
    for (const leg of [...legs, 'unspecified'] as const) {
      const m = perLeg[leg];
      if (m && !m.stale && provesPad(m)) out.push(measureMatch(m, ctx));
    }
  }
  return out;
}

function legWord(side: Side): string {
  return side === 'right' ? 'Right' : 'Left';
}

function pulseMatches(ctx: FactContext, grades: ReadonlySet<string>): Match[] {
  return symptomaticPulses(ctx)
    .filter((p) => grades.has(p.grade))
    .map((p) => {
      const path = p.side === 'right' ? 'exam.pulsesRight' : 'exam.pulsesLeft';
      return answerMatch(
        ctx,
        path,
        `Exam: ${legWord(p.side).toLowerCase()} foot pulses ${PULSE_LABELS[p.grade as keyof typeof PULSE_LABELS]}`,
      );
    });
}

const nonEmpty = (m: Match[]): Match[] | null => (m.length > 0 ? m : null);

const PAD_CHART_CONCEPTS = ['pad', 'claudication', 'clti', 'peripheral-revascularisation'] as const;

/** Nerve-root pain reported on the form (not back pain alone), shared by the two spine facts that need it. */
function rootPainMatches(f: FactContext['form']): Match[] {
  const out: Match[] = [];
  if (f.history?.bilateralSciatica === true)
    out.push(formMatch('history.bilateralSciatica', 'History: sciatica in both legs'));
  if (f.locations?.includes('back-of-leg-from-buttock')) {
    out.push(formMatch('locations', 'Pain from the buttock down the back of the leg'));
  }
  if (f.exam?.straightLegRaise === 'positive')
    out.push(formMatch('exam.straightLegRaise', 'Exam: straight-leg raise positive'));
  if (f.exam?.dermatomalSensoryLoss === true)
    out.push(formMatch('exam.dermatomalSensoryLoss', 'Exam: dermatomal sensory loss'));
  return out;
}

/** Back pain or nerve-root pain reported on the form, in that order (the chart's spinal diagnoses are not included). */
function backOrRootPainMatches(ctx: FactContext): Match[] {
  const back = ctx.form.history?.backPain === true ? [answerMatch(ctx, 'history.backPain', 'History: back pain')] : [];
  return [...back, ...rootPainMatches(ctx.form)];
}

/** PAD on the chart: long-standing cool feet and absent pulses may be this patient's baseline. */
function padBaseline(ctx: FactContext): boolean {
  return findCondition(ctx, PAD_CHART_CONCEPTS, false) !== undefined;
}

export const FACT_DERIVED: Readonly<Record<FactDerivedId, DerivedSpec<FactContext>>> = {
  'clti-haemodynamics': {
    text: 'objective ischaemia is in the CLTI range (ABI < 0.40, ankle pressure < 50 mmHg, or toe pressure or TcPO2 < 30 mmHg) in a current result',
    evaluate: (ctx) =>
      nonEmpty(
        cltiMeasures(ctx)
          .filter((m) => !m.stale)
          .map((m) => measureMatch(m, ctx)),
      ),
  },
  'objective-pad-symptomatic-leg': {
    text: `a current result of the symptomatic leg (or of an unrecorded leg) proves PAD: ABI ≤ ${OBJECTIVE_PAD.abiMax.toFixed(2)} or TBI ≤ ${OBJECTIVE_PAD.tbiMax.toFixed(2)} (2024 ACC/AHA), ankle pressure ≤ ${OBJECTIVE_PAD.anklePressureMax} mmHg, or toe pressure or TcPO2 < ${OBJECTIVE_PAD.toePressureBelow} mmHg (SVS WIfI 2014 ischaemia grade 1 or worse); no CLTI-range cut-off; a stale or other-leg result never counts`,
    evaluate: (ctx) => nonEmpty(objectivePad(ctx)),
  },
  'pad-result-stale-or-other-leg': {
    text: 'a PAD-range result is on file but only stale or of the other leg, and no current result of the symptomatic leg proves PAD',
    evaluate: (ctx) => {
      if (objectivePad(ctx).length > 0) return null;
      const legs = new Set<string>(symptomaticLegs(ctx));
      const out: Match[] = [];
      for (const concept of PAD_CONCEPTS) {
        for (const m of measuresOf(ctx, concept)) {
          const otherLeg = m.side !== undefined && !legs.has(m.side);
          if ((m.stale || otherLeg) && provesPad(m)) out.push(measureMatch(m, ctx));
        }
      }
      return nonEmpty(out);
    },
  },
  'pulse-deficit-symptomatic-leg': {
    text: 'foot pulses of the symptomatic leg are diminished, Doppler-only or absent',
    evaluate: (ctx) => nonEmpty(pulseMatches(ctx, PULSE_DEFICIT)),
  },
  'abi-noncompressible-symptomatic-leg': {
    text: `a current ABI of the symptomatic leg is non-compressible (> 1.40: calcified arteries, so the ABI can neither prove nor exclude PAD) and no current TBI of that leg is normal (> ${TBI_ABNORMAL_MAX})`,
    evaluate: (ctx) => {
      const out: Match[] = [];
      for (const leg of symptomaticLegs(ctx)) {
        const abi = freshLegMeasure(ctx, 'abi', leg);
        if (!abi || abiBand(abi.value) !== 'noncompressible') continue;
        const tbi = freshLegMeasure(ctx, 'tbi', leg);
        if (tbi && !tbiAbnormal(tbi.value)) continue;
        out.push(measureMatch(abi, ctx));
      }
      return nonEmpty(out);
    },
  },
  'pad-on-chart': {
    text: 'the chart lists peripheral artery disease, claudication, CLTI or a leg bypass, stent or angioplasty',
    evaluate: (ctx) => {
      const c = findCondition(ctx, PAD_CHART_CONCEPTS, false);
      return c ? [conditionMatch(c, ctx)] : null;
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
      return r?.positive ? [labMatch('d-dimer', r.lab, ctx)] : null;
    },
  },
  'd-dimer-negative-recent': {
    text: `a D-dimer drawn in the last ${D_DIMER_WINDOW_DAYS} days is negative`,
    evaluate: (ctx) => {
      const r = recentDDimerResult(ctx);
      return r && !r.positive ? [labMatch('d-dimer', r.lab, ctx)] : null;
    },
  },
  'd-dimer-unreliable': {
    text: 'a negative D-dimer cannot exclude DVT for this patient: anticoagulated, pregnant or postpartum, active cancer, or recent major surgery or bed rest',
    evaluate: (ctx) => {
      const reasons = dDimerUnreliableReasons(ctx);
      return reasons.length > 0 ? [mk('form', `D-dimer unreliable: ${reasons.join(', ')}`)] : null;
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
  'wells-item-answered': {
    text: 'the clinician answered a Wells exam item or the "alternative diagnosis as likely" judgement (yes or no)',
    evaluate: (ctx) => {
      const f = ctx.clinicianForm;
      const exam = WELLS_EXAM_ITEMS.filter((k) => f.exam?.[k] !== undefined).map((k) =>
        formMatch(`exam.${k}`, `Exam: ${EXAM_LABELS[k]} answered`),
      );
      if (f.history?.alternativeDiagnosisAsLikely !== undefined) {
        exam.push(formMatch('history.alternativeDiagnosisAsLikely', 'Alternative diagnosis judgement answered'));
      }
      return nonEmpty(exam);
    },
  },
  'pad-features': {
    text: 'there are PAD features (a pulse deficit in the symptomatic leg, a current ABI ≤ 0.90 or TBI ≤ 0.70, CLTI-range pressures, or PAD on the chart)',
    evaluate: (ctx) => {
      const out: Match[] = [...pulseMatches(ctx, PULSE_DEFICIT), ...objectivePad(ctx)];
      const c = findCondition(ctx, ['pad', 'claudication', 'clti', 'ischemic-ulcer', 'gangrene'], false);
      if (c) out.push(conditionMatch(c, ctx));
      return nonEmpty(out);
    },
  },
  'rest-pain-pattern': {
    text: 'the pain follows the ischaemic rest-pain pattern (relieved by dangling, worse with the leg elevated, waking after 1–2 hours, or burning/aching toes or forefoot)',
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
      return nonEmpty(out);
    },
  },
  'ischaemic-rest-pain-feature': {
    text: 'the pain has a feature of ischaemic rest pain that neuropathic pain lacks: relieved by dangling the leg, worse with the leg elevated, or waking the patient 1–2 hours after lying down',
    evaluate: (ctx) => {
      const out: Match[] = [];
      const f = ctx.form;
      if (f.relievedBy?.includes('dangling-leg')) out.push(formMatch('relievedBy', 'Relieved by dangling the leg'));
      if (f.worsenedBy?.includes('elevating-leg')) out.push(formMatch('worsenedBy', 'Worse with the leg elevated'));
      if (f.timing?.includes('after-1-2-hours-wakes')) {
        out.push(formMatch('timing', 'Wakes the patient 1–2 hours after lying down'));
      }
      return nonEmpty(out);
    },
  },
  'neuropathic-foot-pattern': {
    text: 'the feet show the symmetric neuropathic pattern: burning or tingling toes or feet in both legs with reduced vibration or monofilament sense, none of the features of ischaemic rest pain and no tissue loss',
    evaluate: (ctx) => {
      const f = ctx.form;
      if (f.side !== 'both' || f.exam?.reducedVibrationOrMonofilament !== true) return null;
      if (!f.locations?.some((l) => l === 'toes-forefoot' || l === 'foot')) return null;
      if (!f.qualities?.some((q) => q === 'burning' || q === 'numbness-tingling')) return null;
      if (FACT_DERIVED['ischaemic-rest-pain-feature'].evaluate(ctx) || FACT_DERIVED['tissue-loss'].evaluate(ctx)) {
        return null;
      }
      return [
        formMatch('side', 'Burning or tingling feet in both legs'),
        answerMatch(ctx, 'exam.reducedVibrationOrMonofilament', `Exam: ${EXAM_LABELS.reducedVibrationOrMonofilament}`),
      ];
    },
  },
  'tissue-loss': {
    text: 'there is tissue loss: gangrene (on exam, or active on the chart), or an ulcer (on exam, or an active ischaemic ulcer on the chart) not recorded as under 2 weeks old',
    evaluate: (ctx) => {
      const out: Match[] = [];
      const exam = ctx.form.exam;
      if (exam?.gangrene === true) out.push(answerMatch(ctx, 'exam.gangrene', 'Exam: gangrene'));
      const g = findCondition(ctx, ['gangrene'], true);
      if (g) out.push(conditionMatch(g, ctx));
      if (ctx.form.ulcerDuration !== 'under-2-weeks') {
        if (exam?.ulcer === true) out.push(answerMatch(ctx, 'exam.ulcer', `Exam: ${EXAM_LABELS.ulcer}`));
        const u = findCondition(ctx, ['ischemic-ulcer'], true);
        if (u) out.push(conditionMatch(u, ctx));
      }
      return nonEmpty(out);
    },
  },
  'acute-ischaemia-timing': {
    text: 'the pain at rest or the cold leg is recent: present for hours or days (under 2 weeks), or, with that not recorded and no PAD on the chart, the whole problem is under 2 weeks old (with PAD on the chart, cold feet and absent pulses may be the baseline: a new problem does not make them new)',
    evaluate: (ctx) => {
      const r = ctx.form.restPainDuration;
      if (r === 'hours' || r === 'days')
        return [formMatch('restPainDuration', `Pain at rest for ${r === 'hours' ? 'hours' : 'days'}`)];
      const w = ctx.form.durationWeeks;
      return r === undefined && w !== undefined && w < 2 && !padBaseline(ctx)
        ? [formMatch('durationWeeks', `Symptoms for ${w} weeks`)]
        : null;
    },
  },
  'ischaemia-timing-unknown': {
    text: 'how long the pain at rest or the cold leg has been present is not recorded, and the problem is not known to be under 2 weeks old or PAD on the chart means a new problem does not date the cold, pulseless leg',
    evaluate: (ctx) => {
      if (ctx.form.restPainDuration !== undefined) return null;
      const w = ctx.form.durationWeeks;
      return w !== undefined && w < 2 && !padBaseline(ctx)
        ? null
        : [formMatch('restPainDuration', 'How long the pain at rest has lasted: not recorded')];
    },
  },
  'cold-leg-deficit-pulses-unchecked': {
    text: 'the foot pulses of the symptomatic leg are not recorded, the foot is cool or pale, and sensation is lost beyond the toes or toe and ankle movement is weak or paralysed (an unchecked pulse never silences a threatened limb)',
    evaluate: (ctx) => {
      if (symptomaticPulses(ctx).length > 0) return null;
      const exam = ctx.form.exam;
      const cold: Match[] = [];
      if (exam?.coolFoot === true) cold.push(answerMatch(ctx, 'exam.coolFoot', 'Exam: a cool foot'));
      if (exam?.pallorOnElevationOrDependentRubor === true) {
        cold.push(answerMatch(ctx, 'exam.pallorOnElevationOrDependentRubor', 'Exam: pallor'));
      }
      if (cold.length === 0) return null;
      const deficit = FACT_DERIVED['ischaemic-neuro-deficit'].evaluate(ctx);
      return deficit ? [...cold, ...deficit, formMatch('exam.pulsesRight', 'Foot pulses: not recorded')] : null;
    },
  },
  'limb-hypoperfusion': {
    text: 'the symptomatic leg is pulseless (no palpable pulse: Doppler-only or absent) and cold, pale, numb or weak (cool foot, pallor, reduced sensation or movement)',
    evaluate: (ctx) => {
      const pulses = pulseMatches(ctx, PULSELESS);
      if (pulses.length === 0) return null;
      const exam = ctx.form.exam;
      const signs: Match[] = [];
      if (exam?.coolFoot === true) signs.push(answerMatch(ctx, 'exam.coolFoot', 'Exam: a cool foot'));
      if (exam?.pallorOnElevationOrDependentRubor === true) {
        signs.push(answerMatch(ctx, 'exam.pallorOnElevationOrDependentRubor', 'Exam: pallor'));
      }
      if (exam?.footSensation !== undefined && exam.footSensation !== 'normal') {
        signs.push(formMatch('exam.footSensation', `Exam: sensation ${exam.footSensation.replace(/-/g, ' ')}`));
      }
      if (exam?.footMovement !== undefined && exam.footMovement !== 'normal') {
        signs.push(formMatch('exam.footMovement', `Exam: toe and ankle movement ${exam.footMovement}`));
      }
      return signs.length > 0 ? [...pulses, ...signs] : null;
    },
  },
  'ischaemic-neuro-deficit': {
    text: 'sensation is lost beyond the toes or toe and ankle movement is weak or paralysed (Rutherford IIb or worse)',
    evaluate: (ctx) => {
      const exam = ctx.form.exam;
      const out: Match[] = [];
      if (exam?.footSensation === 'reduced-beyond-toes' || exam?.footSensation === 'absent') {
        out.push(formMatch('exam.footSensation', `Exam: sensation ${exam.footSensation.replace(/-/g, ' ')}`));
      }
      if (exam?.footMovement === 'weak' || exam?.footMovement === 'paralysed') {
        out.push(formMatch('exam.footMovement', `Exam: toe and ankle movement ${exam.footMovement}`));
      }
      return nonEmpty(out);
    },
  },
  'sudden-cold-pale-leg-reported': {
    text: 'a sudden cold, pale or numb leg is recorded, the pain at rest is not recorded as 2 weeks or more old, and the symptomatic leg’s pulses are not all recorded as normal',
    evaluate: (ctx) => {
      if (ctx.form.exam?.suddenColdPaleLeg !== true || ctx.form.restPainDuration === '2-weeks-or-more') return null;
      const pulses = symptomaticPulses(ctx);
      if (pulses.length === symptomaticLegs(ctx).length && pulses.every((p) => p.grade === 'normal')) return null;
      return [answerMatch(ctx, 'exam.suddenColdPaleLeg', `Exam: ${EXAM_LABELS.suddenColdPaleLeg}`)];
    },
  },
  'radicular-context': {
    text: 'there is a radicular (nerve-root) context: back pain, sciatica-type pain from the buttock down the leg, a positive straight-leg raise, dermatomal sensory loss, or lumbar stenosis, disc disease, sciatica or radiculopathy on the chart',
    evaluate: (ctx) => {
      const out = backOrRootPainMatches(ctx);
      const c = findCondition(
        ctx,
        ['lumbar-stenosis', 'lumbar-disc-herniation', 'sciatica', 'lumbar-radiculopathy'],
        true,
      );
      if (c) out.push(conditionMatch(c, ctx));
      return nonEmpty(out);
    },
  },
  'back-or-root-pain-now': {
    text: 'back pain or nerve-root pain is reported now: back pain, sciatica in both legs, pain from the buttock down the leg, a positive straight-leg raise or dermatomal sensory loss (a spinal diagnosis on the chart alone is not current pain: it prompts the question)',
    evaluate: (ctx) => nonEmpty(backOrRootPainMatches(ctx)),
  },
  'root-pain-now': {
    text: 'nerve-root pain is reported now: sciatica in both legs, pain from the buttock down the leg, a positive straight-leg raise or dermatomal sensory loss (back pain alone is not root pain)',
    evaluate: (ctx) => nonEmpty(rootPainMatches(ctx.form)),
  },
  'bilateral-radicular-pattern': {
    text: 'both legs have sciatica-type pain: symptoms in both legs, from the buttock down the back of the leg, sharp and shooting or numb and tingling',
    evaluate: (ctx) => {
      const f = ctx.form;
      if (f.side !== 'both' || !f.locations?.includes('back-of-leg-from-buttock')) return null;
      if (!f.qualities?.some((q) => q === 'sharp-shooting-electric' || q === 'numbness-tingling')) return null;
      return [formMatch('side', 'Sciatica-type pain down both legs')];
    },
  },
  'one-leg-swollen': {
    text: 'one leg is swollen (unilateral swelling, calf > 3 cm over the other side, or the entire leg)',
    evaluate: (ctx) => {
      const exam = ctx.form.exam;
      if (!exam) return null;
      return nonEmpty(
        SWELLING.filter((k) => exam[k] === true).map((k) => formMatch(`exam.${k}`, `Exam: ${EXAM_LABELS[k]}`)),
      );
    },
  },
  'dvt-clinical-signs': {
    text: 'there are clinical signs of DVT (the two-level PE Wells item, 3 points): one leg swollen or tender along the deep veins',
    evaluate: (ctx) => {
      const out = FACT_DERIVED['one-leg-swollen'].evaluate(ctx) ?? [];
      if (ctx.form.exam?.deepVeinTenderness === true) {
        out.push(answerMatch(ctx, 'exam.deepVeinTenderness', `Exam: ${EXAM_LABELS.deepVeinTenderness}`));
      }
      return nonEmpty(out);
    },
  },
  'dvt-compatible-presentation': {
    text: 'the presentation could be a DVT: a swollen leg or a Wells exam finding, a tight or swollen feeling, or pain in one leg (or a leg not recorded) in the calf, thigh or whole leg (or a place not recorded); not an empty form, both legs, the toes alone, or sciatica (pain from the buttock down the leg that is shooting or electric, tingling, or worse on coughing) without swelling',
    evaluate: (ctx) => {
      const f = ctx.form;
      const out: Match[] = [];
      const exam = f.exam;
      if (exam) {
        for (const k of [...SWELLING, ...WELLS_EXAM_ITEMS, 'massiveSwellingBlueOrWhiteLeg'] as const) {
          if (exam[k] === true) out.push(formMatch(`exam.${k}`, `Exam: ${EXAM_LABELS[k]}`));
        }
      }
      if (f.qualities?.includes('tight-swollen')) out.push(formMatch('qualities', 'Feels tight or swollen'));
      // One leg (or the side not recorded) with calf, thigh or whole-leg pain (or the place not recorded); an
      // empty form is not a presentation, and both legs or the toes alone are not a DVT picture.
      const oneLeg = f.side === 'left' || f.side === 'right';
      // Sciatica down to the calf is nerve-root pain, not a clot picture: cancer or a prior DVT then adds nothing.
      const sciatica =
        f.locations?.includes('back-of-leg-from-buttock') === true &&
        (f.qualities?.some((q) => q === 'sharp-shooting-electric' || q === 'numbness-tingling') === true ||
          f.worsenedBy?.includes('cough-sneeze') === true);
      const legPain =
        !sciatica && f.locations?.some((l) => l === 'calf' || l === 'thigh' || l === 'whole-leg') === true;
      const noPlace = f.locations === undefined || f.locations.length === 0;
      if ((oneLeg && (legPain || noPlace)) || (f.side === undefined && legPain)) {
        out.push(formMatch(legPain ? 'locations' : 'side', 'Pain in one calf, thigh or whole leg'));
      }
      return nonEmpty(out);
    },
  },
  'continuous-pain': {
    text: 'the pain is not brief and episodic (episodes last hours, as long as at rest or persistently, or the episode length is not recorded)',
    evaluate: (ctx) => {
      const e = ctx.form.episodeLength;
      if (e === 'seconds-to-minutes' || e === 'minutes-until-position-change') return null;
      return [
        formMatch(
          'episodeLength',
          e === undefined ? 'Episode length not recorded' : `Episodes last ${e.replace(/-/g, ' ')}`,
        ),
      ];
    },
  },
  'cramp-features': {
    text: 'there is a cramp feature (a cramp with a knot, episodes of seconds to minutes, a palpable knot, relief by stretching, or sudden attacks in sleep)',
    evaluate: (ctx) => {
      const f = ctx.form;
      const out: Match[] = [];
      if (f.qualities?.includes('cramp-knot')) out.push(formMatch('qualities', 'A cramp with a knot'));
      if (f.episodeLength === 'seconds-to-minutes')
        out.push(formMatch('episodeLength', 'Episodes of seconds to minutes'));
      if (f.exam?.palpableCrampKnot === true)
        out.push(formMatch('exam.palpableCrampKnot', 'Exam: a palpable cramp knot'));
      if (f.relievedBy?.includes('stretching-calf'))
        out.push(formMatch('relievedBy', 'Relieved by stretching the calf'));
      if (f.timing?.includes('sudden-during-sleep')) out.push(formMatch('timing', 'Sudden attacks during sleep'));
      return nonEmpty(out);
    },
  },
  'skin-infection-signs': {
    text: 'there are signs of skin infection: redness of the leg, an infected ulcer, or active cellulitis on the chart',
    evaluate: (ctx) => {
      const out: Match[] = [];
      if (ctx.form.exam?.redness === true) out.push(formMatch('exam.redness', 'Exam: redness of the leg'));
      if (ctx.form.exam?.ulcerInfected === true) out.push(formMatch('exam.ulcerInfected', 'Exam: infected ulcer'));
      const c = findCondition(ctx, ['cellulitis'], true);
      if (c) out.push(conditionMatch(c, ctx));
      return nonEmpty(out);
    },
  },
  'tachycardia-or-hypoxia': {
    text: `today's vital signs show a heart rate ≥ ${VITALS.heartRateFrom}/min or an oxygen saturation < ${VITALS.spo2Below} % (PERC cut-offs; tachycardia is also a two-level PE Wells item, NICE NG158)`,
    evaluate: (ctx) => {
      const out: Match[] = [];
      const hr = ctx.labs.get('heart-rate');
      if (hr && !hr.stale && hr.fact.value >= VITALS.heartRateFrom) out.push(labMatch('heart-rate', hr, ctx));
      const sat = ctx.labs.get('spo2');
      if (sat && !sat.stale && sat.fact.value < VITALS.spo2Below) out.push(labMatch('spo2', sat, ctx));
      return nonEmpty(out);
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
  'relief-not-recorded': {
    text: 'what relieves the pain was not recorded',
    evaluate: (ctx) => {
      const r = ctx.form.relievedBy;
      return r === undefined || r.length === 0
        ? [formMatch('relievedBy', 'What relieves the pain: not recorded')]
        : null;
    },
  },
  'limb-perfusion-unknown': {
    text: 'perfusion of the symptomatic leg has not been checked (its foot pulses not recorded, or no current ABI, TBI or toe pressure of that leg on file)',
    evaluate: (ctx) => {
      const out: Match[] = [];
      const legs = symptomaticLegs(ctx);
      if (symptomaticPulses(ctx).length < legs.length)
        out.push(formMatch('exam.pulsesRight', 'Foot pulses: not recorded'));
      const fresh = (c: VascularConcept) =>
        legs.some((leg) => freshLegMeasure(ctx, c, leg) !== undefined) ||
        measuresOf(ctx, c).some((m) => m.side === undefined && !m.stale);
      if (!fresh('abi') && !fresh('tbi') && !fresh('toe-pressure')) {
        out.push(mk('form', 'ABI / TBI / toe pressure: none current on file'));
      }
      return nonEmpty(out);
    },
  },
  'on-dialysis': {
    text: 'the patient is on dialysis (answered, or dialysis on the chart)',
    evaluate: (ctx) => {
      if (ctx.form.history?.onDialysis === true)
        return [answerMatch(ctx, 'history.onDialysis', 'History: on dialysis')];
      const c = findCondition(ctx, ['dialysis'], true);
      return c ? [conditionMatch(c, ctx)] : null;
    },
  },
  'esrd-or-dialysis': {
    text: 'the patient has end-stage renal disease or is on dialysis',
    evaluate: (ctx) => {
      const c = findCondition(ctx, ['esrd'], false);
      if (c) return [conditionMatch(c, ctx)];
      return FACT_DERIVED['on-dialysis'].evaluate(ctx);
    },
  },
  anticoagulated: {
    text: 'the patient takes an anticoagulant (answered, or an active prescription) and it has not been stopped',
    evaluate: (ctx) =>
      anticoagulated(ctx) ? [answerMatch(ctx, 'history.onAnticoagulant', 'History: taking an anticoagulant')] : null,
  },
  'smoking-unknown': {
    text: 'smoking status is not on file',
    evaluate: (ctx) => {
      const s = ctx.facts.smoking;
      if (s && s.status !== 'unknown') return null;
      return findCondition(ctx, ['tobacco-use'], true) ? null : [mk('form', 'Smoking status: not on file')];
    },
  },
  'nothing-recorded': {
    text: 'nothing has been recorded on the form yet (answers the chart pre-fills do not count)',
    evaluate: (ctx) =>
      Object.values(ctx.clinicianForm).every((v) => v === undefined)
        ? [mk('form', 'Nothing recorded on the form yet')]
        : null,
  },
};

export const SCORE_DERIVED: Readonly<Record<ScoreDerivedId, DerivedSpec<ScoreContext>>> = {
  'dvt-excluded-by-d-dimer': {
    text: `a D-dimer drawn in the last ${D_DIMER_WINDOW_DAYS} days is negative, Wells is "unlikely" (≤ 1) even if every unknown item were positive, the D-dimer is reliable for this patient (not anticoagulated, pregnant or postpartum, with active cancer, or after recent major surgery), and neither the suspected-DVT nor the possible-PE red flag is raised (ASH 2018, NICE NG158)`,
    evaluate: (ctx) => {
      const r = recentDDimerResult(ctx);
      if (!r || r.positive || ctx.wells.band !== 'unlikely' || ctx.wells.complete !== true) return null;
      if (ctx.redFlags.has('suspected-dvt') || ctx.redFlags.has('possible-pulmonary-embolism')) return null;
      if (dDimerUnreliableReasons(ctx).length > 0) return null;
      const m = labMatch('d-dimer', r.lab, ctx);
      return [{ ...m, label: `${m.label}; Wells ${ctx.wells.points} (unlikely)` }];
    },
  },
};

export const DERIVED_TEXT: Readonly<Record<FactDerivedId | ScoreDerivedId, string>> = Object.fromEntries(
  [...Object.entries(FACT_DERIVED), ...Object.entries(SCORE_DERIVED)].map(([id, spec]) => [id, spec.text]),
) as Record<FactDerivedId | ScoreDerivedId, string>;
