/**
 * The rule book: every point the differential awards, as typed data.
 *
 * Each rule names one condition, a weight (+3 strong, +2 moderate, +1 weak; negative = against, per the
 * clinical reference §4 feature tables), a typed predicate, the guideline that justifies it and why. The
 * scorer sums the weights of the rules that hold; nothing else moves a score. `describeAll()` renders this
 * table to the snapshot in tests/unit/engine/__snapshots__/rules.txt so every change reads as text in review.
 *
 * Where the form cannot capture a table feature, the feature is left out rather than approximated. Where the
 * table groups several findings under one weight (e.g. "dermatomal sensory loss, reduced reflex +2"), they
 * form one rule whose predicate is an `any`, so the group scores its weight once and the further findings are
 * shown as zero-weight context: a finding never counts twice.
 */
import type { ConditionId } from './assessment';
import type { ConditionConcept, LabConcept, MedicationClass } from './facts';
import type {
  EpisodeLength,
  ExamFinding,
  FormSide,
  HistoryItem,
  IrlssgItem,
  ListField,
  ListOptions,
  PulseGrade,
} from './labels';
import type { Cmp, FactDerivedId, ScoreDerivedId, ScorePredicate } from './predicate-types';
import type { SourceId } from './sources';
import { type CapGroup, LAB_CUTOFFS, TBI_ABNORMAL_MAX } from './thresholds';

export interface Rule {
  /** Stable id, `<condition-short>.<feature>`; cited in Evidence.ruleId. */
  readonly id: string;
  readonly condition: ConditionId;
  /** Points when the predicate holds: positive supports, negative opposes. Never 0. */
  readonly weight: number;
  readonly when: ScorePredicate;
  readonly source: SourceId;
  /** Why this finding moves this condition, in one clinical sentence. */
  readonly rationale: string;
  /** Rules in a cap group add up to at most `CAPS[cap]` together. */
  readonly cap?: CapGroup;
}

// ---------- predicate constructors (typed shorthands) ----------

type Predicate = ScorePredicate;
const exam = (finding: ExamFinding, is = true): Predicate => ({ kind: 'exam', finding, is });
const history = (item: HistoryItem, is = true): Predicate => ({ kind: 'history', item, is });
const irlssg = (item: IrlssgItem, is = true): Predicate => ({ kind: 'irlssg', item, is });
const pulses = (...anyOf: PulseGrade[]): Predicate => ({ kind: 'pulses', anyOf });
function has<F extends ListField>(field: F, ...anyOf: ListOptions[F][]): Predicate {
  return { kind: 'includes', field, anyOf } as Predicate;
}
const side = (...anyOf: FormSide[]): Predicate => ({ kind: 'choice', field: 'side', anyOf });
const episode = (...anyOf: EpisodeLength[]): Predicate => ({ kind: 'choice', field: 'episodeLength', anyOf });
const onset = (is: 'sudden' | 'gradual'): Predicate => ({ kind: 'choice', field: 'onset', anyOf: [is] });
const slr = (is: 'positive' | 'negative'): Predicate => ({
  kind: 'choice',
  field: 'exam.straightLegRaise',
  anyOf: [is],
});
const coded = (...concepts: ConditionConcept[]): Predicate => ({ kind: 'condition', concepts });
const codedActive = (...concepts: ConditionConcept[]): Predicate => ({ kind: 'condition', concepts, activeOnly: true });
const lab = (concept: LabConcept, op: Cmp, value: number): Predicate => ({ kind: 'lab', concept, op, value });
const meds = (...classes: MedicationClass[]): Predicate => ({ kind: 'medication', classes });
const derived = (id: FactDerivedId | ScoreDerivedId): Predicate => ({ kind: 'derived', id }) as Predicate;
const all = (...of: Predicate[]): Predicate => ({ kind: 'all', of });
const any = (...of: Predicate[]): Predicate => ({ kind: 'any', of });
/**
 * A VTE risk factor counts toward DVT only beside a presentation that could be a DVT: risk factors raise the
 * probability that a swollen or painful leg is a clot, they explain nothing on their own (with an empty form the
 * chart's prior DVT and cancer used to read "DVT likely": issue 9 item 16).
 */
const risk = (p: Predicate): Predicate => all(p, { kind: 'derived', id: 'dvt-compatible-presentation' });
const pregnant = any(history('pregnantOrPostpartum'), {
  kind: 'choice',
  field: 'history.pregnancyStage',
  anyOf: ['first-trimester', 'second-trimester', 'third-trimester', 'postpartum'],
});

type RuleSpec = Omit<Rule, 'condition'>;
function forCondition(condition: ConditionId, specs: readonly RuleSpec[]): Rule[] {
  return specs.map((s) => ({ ...s, condition }));
}

// ---------- 4.1 Ischaemic rest pain (PAD / CLTI) ----------

const PAD = forCondition('pad-ischemic-rest-pain', [
  {
    id: 'pad.burning-toes',
    weight: 3,
    when: all(has('locations', 'toes-forefoot'), has('qualities', 'burning', 'deep-ache')),
    source: 'aha-acc-2016-pad',
    rationale: 'Ischaemic rest pain is a burning or deep ache in the most distal tissue, the toes and forefoot.',
  },
  {
    id: 'pad.wakes-after-1-2-hours',
    weight: 2,
    when: has('timing', 'after-1-2-hours-wakes'),
    source: 'aha-acc-2016-pad',
    rationale:
      'Perfusion falls gradually once gravity stops helping: the pain typically wakes the patient 1–2 h after lying down.',
  },
  {
    id: 'pad.relieved-by-dangling',
    weight: 3,
    when: has('relievedBy', 'dangling-leg'),
    source: 'aha-acc-2016-pad',
    rationale: 'Dependency restores perfusion pressure; relief by dangling the leg is the signature of rest pain.',
  },
  {
    id: 'pad.relieved-by-walking',
    weight: 1,
    when: has('relievedBy', 'walking'),
    source: 'aha-acc-2016-pad',
    rationale: 'Getting up helps by putting the leg down; weak because walking also relieves restless legs.',
  },
  {
    id: 'pad.worse-elevated',
    weight: 1,
    when: has('worsenedBy', 'elevating-leg'),
    source: 'aha-acc-2016-pad',
    rationale: 'Elevation lowers distal perfusion pressure further (elevation pallor).',
  },
  {
    id: 'pad.claudication',
    weight: 2,
    when: history('claudication'),
    source: 'aha-acc-2016-pad',
    rationale: 'Prior claudication shows exertional ischaemia; rest pain is its progression.',
  },
  {
    id: 'pad.cool-foot',
    weight: 1,
    when: exam('coolFoot'),
    source: 'aha-acc-2016-pad',
    rationale: 'A cool foot reflects reduced skin blood flow.',
  },
  {
    id: 'pad.pallor-rubor',
    weight: 2,
    when: exam('pallorOnElevationOrDependentRubor'),
    source: 'aha-acc-2016-pad',
    rationale: 'Elevation pallor and dependent rubor are guideline-listed signs of advanced PAD.',
  },
  {
    id: 'pad.shiny-skin',
    weight: 1,
    when: exam('shinyHairlessSkin'),
    source: 'aha-acc-2016-pad',
    rationale: 'Trophic skin changes accompany chronic ischaemia.',
  },
  {
    id: 'pad.pulses-absent',
    weight: 3,
    when: pulses('absent', 'doppler-only'),
    source: 'aha-acc-2016-pad',
    rationale:
      'Absent pedal pulses (none palpable) in the symptomatic leg are the strongest bedside sign of arterial occlusion.',
  },
  {
    id: 'pad.pulses-diminished',
    weight: 1,
    when: pulses('diminished'),
    source: 'aha-acc-2016-pad',
    rationale: 'Abnormal (diminished) pulses are a guideline PAD finding, weaker than absent pulses.',
  },
  {
    id: 'pad.ulcer-or-gangrene',
    weight: 3,
    when: any(exam('ulcer'), exam('gangrene')),
    source: 'gvg-2019-clti',
    rationale: 'Non-healing ulcer or gangrene is tissue loss, the CLTI end of PAD.',
  },
  {
    id: 'pad.abi-abnormal',
    weight: 3,
    when: { kind: 'abi', band: 'abnormal' },
    source: 'aha-acc-2016-pad',
    rationale: 'A resting ABI ≤ 0.90 is diagnostic of PAD.',
  },
  {
    id: 'pad.abi-borderline',
    weight: 1,
    when: { kind: 'abi', band: 'borderline' },
    source: 'aha-acc-2016-pad',
    rationale: 'A borderline ABI (0.91–0.99) mildly raises PAD.',
  },
  {
    id: 'pad.tbi-abnormal',
    weight: 2,
    when: { kind: 'vascular', concept: 'tbi', op: '<=', value: TBI_ABNORMAL_MAX },
    source: 'aha-acc-2016-pad',
    rationale: 'TBI ≤ 0.70 is abnormal and diagnoses PAD when the ABI is noncompressible.',
  },
  {
    id: 'pad.toe-pressure-or-tcpo2-low',
    weight: 3,
    when: any(
      { kind: 'vascular', concept: 'toe-pressure', op: '<', value: 30 },
      { kind: 'vascular', concept: 'tcpo2', op: '<', value: 30 },
    ),
    source: 'gvg-2019-clti',
    rationale: 'Toe pressure or TcPO2 < 30 mmHg is objective CLTI-range ischaemia.',
  },
  {
    id: 'pad.coded',
    weight: 3,
    when: coded('pad', 'claudication', 'clti', 'ischemic-ulcer', 'gangrene'),
    source: 'aha-acc-2016-pad',
    rationale: 'Known PAD on the chart makes ischaemic rest pain a leading explanation.',
  },
  {
    id: 'pad.diabetes',
    weight: 1,
    when: coded('diabetes'),
    source: 'aha-acc-2016-pad',
    rationale: 'Diabetes is a major PAD risk factor and favours distal disease.',
  },
  {
    id: 'pad.current-smoker',
    weight: 2,
    when: { kind: 'smoking', status: 'current' },
    source: 'aha-acc-2016-pad',
    rationale: 'Current smoking is the strongest modifiable PAD risk factor.',
  },
  {
    id: 'pad.former-smoker',
    weight: 1,
    when: { kind: 'smoking', status: 'former' },
    source: 'aha-acc-2016-pad',
    rationale: 'Former smoking still raises PAD risk.',
  },
  {
    id: 'pad.ckd',
    weight: 1,
    when: any(coded('ckd', 'esrd'), derived('on-dialysis')),
    source: 'aha-acc-2016-pad',
    rationale: 'CKD raises PAD risk and medial calcification.',
  },
  {
    id: 'pad.cardiovascular-disease',
    weight: 1,
    when: coded('cardiovascular-disease'),
    source: 'aha-acc-2016-pad',
    rationale: 'Atherosclerosis in one bed predicts it in others.',
  },
  {
    id: 'pad.age-65',
    weight: 1,
    when: { kind: 'age', op: '>=', years: 65 },
    source: 'aha-acc-2016-pad',
    rationale: 'Age ≥ 65 is a guideline PAD risk threshold.',
  },
  {
    id: 'pad.foot-ulcer-or-amputation',
    weight: 2,
    when: coded('diabetic-foot-ulcer', 'amputation'),
    source: 'aha-acc-2016-pad',
    rationale: 'A foot ulcer or amputation history marks advanced limb disease.',
  },
  {
    id: 'pad.hba1c-high',
    weight: 1,
    when: lab('hba1c', '>=', LAB_CUTOFFS.hba1cFrom),
    source: 'aha-acc-2016-pad',
    rationale: 'Poor glycaemic control accelerates PAD.',
  },
  {
    id: 'pad.acute-ischaemia-signs',
    weight: 3,
    when: exam('suddenColdPaleLeg'),
    source: 'acc-aha-2024-pad',
    rationale:
      'A leg that suddenly turned cold, pale or numb is arterial ischaemia until proven otherwise (the 6 Ps); pulses and a cool foot score on their own rules.',
  },
  {
    id: 'pad.pulses-normal',
    weight: -2,
    when: { kind: 'pulses', anyOf: ['normal'], legs: 'every' },
    source: 'aha-acc-2016-pad',
    rationale: 'Normal pedal pulses in every symptomatic leg make significant distal arterial occlusion less likely.',
  },
  {
    id: 'pad.brief-episodes',
    weight: -2,
    when: episode('seconds-to-minutes'),
    source: 'aha-acc-2016-pad',
    rationale:
      'Ischaemic rest pain persists until the leg is put down; pain that lasts seconds to minutes is a cramp or a nerve, not ischaemia (reference §4.0).',
  },
  {
    id: 'pad.abi-and-tbi-normal',
    weight: -3,
    when: derived('abi-normal-with-normal-tbi'),
    source: 'aha-acc-2016-pad',
    rationale:
      'A normal ABI with a normal TBI argues strongly against PAD (a noncompressible ABI alone lowers nothing).',
  },
  {
    id: 'pad.relieved-by-elevation',
    weight: -2,
    when: has('relievedBy', 'elevating-legs'),
    source: 'aha-acc-2016-pad',
    rationale:
      'Raising the legs lowers perfusion pressure and worsens ischaemic pain; relief on elevation suggests venous disease.',
  },
  {
    id: 'pad.relieved-by-stretching',
    weight: -1,
    when: has('relievedBy', 'stretching-calf'),
    source: 'afp-2012-cramps',
    rationale: 'Relief by stretching points to a muscle cramp, not ischaemia.',
  },
  {
    id: 'pad.urge-to-move',
    weight: -1,
    when: irlssg('urgeToMove'),
    source: 'irlssg-2012',
    rationale: 'An urge to move is the restless-legs hallmark, not an ischaemic one.',
  },
]);

// ---------- 4.2 Lumbar nerve-root compression ----------

const LUMBAR = forCondition('lumbar-radiculopathy', [
  {
    id: 'lumbar.shooting-from-buttock',
    weight: 3,
    when: all(has('qualities', 'sharp-shooting-electric'), has('locations', 'back-of-leg-from-buttock')),
    source: 'acp-aps-2007-lbp',
    rationale: 'Sharp, electric pain radiating from the buttock down the leg is radicular (sciatic) pain.',
  },
  {
    id: 'lumbar.back-pain',
    weight: 1,
    when: history('backPain'),
    source: 'acp-aps-2007-lbp',
    rationale: 'Back pain accompanies most root compression.',
  },
  {
    id: 'lumbar.stenosis-posture',
    weight: 3,
    when: any(has('worsenedBy', 'lying-flat-on-back'), has('relievedBy', 'curling-up-flexion', 'raising-head-of-bed')),
    source: 'msd-lss',
    rationale:
      'Extension narrows the lumbar canal and flexion opens it: worse flat on the back, better curled up or propped.',
  },
  {
    id: 'lumbar.cough-sneeze',
    weight: 2,
    when: has('worsenedBy', 'cough-sneeze'),
    source: 'acp-aps-2007-lbp',
    rationale: 'Valsalva raises intraspinal pressure and aggravates disc herniation.',
  },
  {
    id: 'lumbar.radiating-numbness',
    weight: 2,
    when: all(has('qualities', 'numbness-tingling'), has('locations', 'back-of-leg-from-buttock')),
    source: 'acp-aps-2007-lbp',
    rationale: 'Paraesthesia in a radicular distribution points to the root.',
  },
  {
    id: 'lumbar.slr-positive',
    weight: 2,
    when: slr('positive'),
    source: 'acp-aps-2007-lbp',
    rationale: 'A positive straight-leg raise is sensitive for L5/S1 root tension.',
  },
  {
    id: 'lumbar.dermatomal-loss',
    weight: 2,
    when: any(exam('dermatomalSensoryLoss'), all(exam('reducedAnkleReflexes'), side('left', 'right'))),
    source: 'acp-aps-2007-lbp',
    rationale:
      'Dermatomal sensory loss, or a reduced ankle jerk (S1) on the one symptomatic side, localises to a root (one finding group, counted once).',
  },
  {
    id: 'lumbar.l5-weakness',
    weight: 2,
    when: all(exam('weakDorsiflexionEversion'), exam('weakInversion')),
    source: 'baima-2008-peroneal',
    rationale: 'Weak dorsiflexion with weak inversion is L5, not peroneal (peroneal spares inversion).',
  },
  {
    id: 'lumbar.cauda-equina-signs',
    weight: 3,
    when: any(exam('saddleAnaesthesia'), exam('bladderOrBowelChange')),
    source: 'girft-2023-ces',
    rationale: 'Saddle numbness and sphincter change come from compression of the sacral roots of the cauda equina.',
  },
  {
    id: 'lumbar.bilateral-sciatica',
    weight: 2,
    when: history('bilateralSciatica'),
    source: 'girft-2023-ces',
    rationale: 'Radicular symptoms in both legs come from the roots of the cauda equina.',
  },
  {
    id: 'lumbar.coded',
    weight: 3,
    when: coded('lumbar-stenosis', 'lumbar-disc-herniation', 'sciatica', 'lumbar-radiculopathy'),
    source: 'acp-aps-2007-lbp',
    rationale: 'Known stenosis, disc disease or radiculopathy on the chart.',
  },
  {
    id: 'lumbar.chronic-back-pain-coded',
    weight: 1,
    when: coded('low-back-pain'),
    source: 'acp-aps-2007-lbp',
    rationale: 'Chronic low back pain on the chart.',
  },
  {
    id: 'lumbar.age-60',
    weight: 1,
    when: { kind: 'age', op: '>', years: 60 },
    source: 'msd-lss',
    rationale: 'Degenerative stenosis is a disease of later life.',
  },
  {
    id: 'lumbar.toes-relieved-by-dangling',
    weight: -2,
    when: all(has('locations', 'toes-forefoot'), has('relievedBy', 'dangling-leg')),
    source: 'aha-acc-2016-pad',
    rationale: 'Toe pain relieved by dangling is the ischaemic pattern, not a radicular one.',
  },
  {
    id: 'lumbar.absent-pulses-low-abi',
    weight: -1,
    when: all(pulses('absent', 'doppler-only'), { kind: 'abi', band: 'abnormal' }),
    source: 'aha-acc-2016-pad',
    rationale: 'Absent pulses with a low ABI make PAD the better explanation (both can coexist).',
  },
  {
    id: 'lumbar.symmetric-stocking',
    weight: -1,
    when: all(side('both'), exam('reducedVibrationOrMonofilament')),
    source: 'dpn-consensus',
    rationale: 'A symmetric stocking pattern points to polyneuropathy.',
  },
  {
    id: 'lumbar.relieved-by-walking',
    weight: -1,
    when: has('relievedBy', 'walking'),
    source: 'msd-lss',
    rationale: 'Stenosis is worse with walking upright; relief by walking points elsewhere (RLS).',
  },
]);

// ---------- 4.3 Common peroneal entrapment ----------

const PERONEAL = forCondition('peroneal-neuropathy', [
  {
    id: 'peroneal.lateral-numbness',
    weight: 3,
    when: all(has('qualities', 'numbness-tingling'), has('locations', 'lateral-leg-dorsum-foot')),
    source: 'baima-2008-peroneal',
    rationale: 'Paraesthesia over the lateral leg and dorsum of the foot is the peroneal sensory territory.',
  },
  {
    id: 'peroneal.knee-pressure',
    weight: 3,
    when: any(
      has('timing', 'only-with-knee-pressure'),
      has('worsenedBy', 'pressure-at-knee'),
      history('legCrossingOrKneeling'),
    ),
    source: 'baima-2008-peroneal',
    rationale: 'The nerve is superficial at the fibular head; pressure there (crossed legs, kneeling) compresses it.',
  },
  {
    id: 'peroneal.resolves-on-position-change',
    weight: 2,
    when: any(has('relievedBy', 'changing-position'), episode('minutes-until-position-change')),
    source: 'baima-2008-peroneal',
    rationale: 'Benign positional compression clears within minutes of moving.',
  },
  {
    id: 'peroneal.risk-history',
    weight: 1,
    when: any(history('weightLoss'), history('legParalysisOrCast'), history('recentSurgeryOrBedRest')),
    source: 'baima-2008-peroneal',
    rationale: 'Weight loss (less padding), casts and prolonged bed rest or surgical positioning are risk factors.',
  },
  {
    id: 'peroneal.tinel',
    weight: 2,
    when: exam('tinelAtFibularHead'),
    source: 'baima-2008-peroneal',
    rationale: 'A Tinel sign at the fibular neck localises the lesion.',
  },
  {
    id: 'peroneal.weak-eversion-preserved-inversion',
    weight: 3,
    when: all(exam('weakDorsiflexionEversion'), exam('weakInversion', false)),
    source: 'baima-2008-peroneal',
    rationale: 'Weak dorsiflexion and eversion with preserved inversion separates peroneal from L5.',
  },
  {
    id: 'peroneal.foot-drop',
    weight: 2,
    when: exam('footDrop'),
    source: 'baima-2008-peroneal',
    rationale: 'Painless foot drop is most often peroneal.',
  },
  {
    id: 'peroneal.coded',
    weight: 3,
    when: coded('peroneal-neuropathy'),
    source: 'baima-2008-peroneal',
    rationale: 'Known peroneal neuropathy on the chart.',
  },
  {
    id: 'peroneal.diabetes',
    weight: 1,
    when: coded('diabetes'),
    source: 'baima-2008-peroneal',
    rationale: 'Diabetic nerves are more vulnerable to compression.',
  },
  {
    id: 'peroneal.leg-fracture',
    weight: 1,
    when: coded('leg-fracture'),
    source: 'baima-2008-peroneal',
    rationale: 'Knee or fibular fracture can injure the nerve.',
  },
  {
    id: 'peroneal.back-pain-slr',
    weight: -2,
    when: all(history('backPain'), slr('positive')),
    source: 'baima-2008-peroneal',
    rationale: 'Back pain with a positive straight-leg raise points to the root, not the fibular head.',
  },
  {
    id: 'peroneal.weak-inversion',
    weight: -2,
    when: exam('weakInversion'),
    source: 'baima-2008-peroneal',
    rationale: 'Weak inversion (tibialis posterior, L5 via the tibial nerve) is not peroneal.',
  },
  {
    id: 'peroneal.bilateral',
    weight: -2,
    when: side('both'),
    source: 'baima-2008-peroneal',
    rationale: 'Entrapment is one-sided; bilateral symmetric symptoms point elsewhere.',
  },
]);

// ---------- 4.4 Nocturnal leg cramps ----------

const CRAMPS = forCondition('nocturnal-leg-cramps', [
  {
    id: 'cramps.painful-contraction',
    weight: 3,
    when: has('qualities', 'cramp-knot'),
    source: 'afp-2012-cramps',
    rationale: 'A sudden, involuntary, painful muscle contraction defines a cramp.',
  },
  {
    id: 'cramps.sudden-in-sleep',
    weight: 1,
    when: any(has('timing', 'sudden-during-sleep'), { kind: 'choice', field: 'episodeOnset', anyOf: ['sudden'] }),
    source: 'afp-2012-cramps',
    rationale: 'Cramps strike suddenly, often out of sleep (one point for either).',
  },
  {
    id: 'cramps.calf-or-foot',
    weight: 2,
    when: all(has('locations', 'calf', 'foot'), derived('cramp-features')),
    source: 'afp-2012-cramps',
    rationale:
      'Nocturnal cramps usually affect the calf or the foot; the location supports cramps only beside a cramp feature (calf pain alone is every diagnosis here: issue 9 item 16).',
  },
  {
    id: 'cramps.seconds-to-minutes',
    weight: 2,
    when: episode('seconds-to-minutes'),
    source: 'afp-2012-cramps',
    rationale: 'A cramp lasts seconds to minutes.',
  },
  {
    id: 'cramps.palpable-knot',
    weight: 2,
    when: exam('palpableCrampKnot'),
    source: 'afp-2012-cramps',
    rationale: 'A hard, palpable knot is the contracted muscle.',
  },
  {
    id: 'cramps.relieved-by-stretching',
    weight: 2,
    when: has('relievedBy', 'stretching-calf'),
    source: 'afp-2012-cramps',
    rationale: 'Stretching the cramping muscle (dorsiflexion) ends the cramp.',
  },
  {
    id: 'cramps.exertion-dehydration',
    weight: 1,
    when: history('recentExertionOrDehydration'),
    source: 'afp-2012-cramps',
    rationale: 'Fatigue, heat and dehydration precipitate cramps.',
  },
  {
    id: 'cramps.pregnancy',
    weight: 1,
    when: pregnant,
    source: 'afp-2012-cramps',
    rationale: 'Cramps are common in pregnancy.',
  },
  {
    id: 'cramps.drug-diuretic',
    weight: 1,
    when: any(meds('diuretic'), has('recentMedicines', 'diuretic')),
    source: 'garrison-2012-cramps',
    rationale: 'Diuretics (especially potassium-sparing) carry a cramp signal.',
    cap: 'cramp-drugs',
  },
  {
    id: 'cramps.drug-statin',
    weight: 1,
    when: any(meds('statin'), has('recentMedicines', 'statin')),
    source: 'garrison-2012-cramps',
    rationale: 'Statins carry a cramp signal.',
    cap: 'cramp-drugs',
  },
  {
    id: 'cramps.drug-laba',
    weight: 1,
    when: meds('laba'),
    source: 'garrison-2012-cramps',
    rationale: 'Long-acting β2-agonists carry a cramp signal.',
    cap: 'cramp-drugs',
  },
  {
    id: 'cramps.drug-estrogen-serm',
    weight: 1,
    when: meds('estrogen-serm'),
    source: 'afp-2012-cramps',
    rationale: 'Conjugated oestrogens and raloxifene are strongly associated with cramps.',
    cap: 'cramp-drugs',
  },
  {
    id: 'cramps.drug-other',
    weight: 1,
    when: any(meds('other-cramp-associated'), has('recentMedicines', 'other-cramp-drug')),
    source: 'afp-2012-cramps',
    rationale: 'Naproxen, teriparatide and IV iron sucrose are strongly associated with cramps.',
    cap: 'cramp-drugs',
  },
  {
    id: 'cramps.low-potassium',
    weight: 2,
    when: lab('potassium', '<', LAB_CUTOFFS.potassiumBelow),
    source: 'afp-2012-cramps',
    rationale: 'Hypokalaemia causes muscle cramps.',
  },
  {
    id: 'cramps.low-magnesium',
    weight: 1,
    when: lab('magnesium', '<', LAB_CUTOFFS.magnesiumBelow),
    source: 'afp-2012-cramps',
    rationale: 'Hypomagnesaemia causes muscle cramps.',
  },
  {
    id: 'cramps.low-calcium',
    weight: 1,
    when: lab('calcium', '<', LAB_CUTOFFS.calciumBelow),
    source: 'afp-2012-cramps',
    rationale: 'Low calcium increases neuromuscular excitability.',
  },
  {
    id: 'cramps.ckd',
    weight: 1,
    when: any(coded('ckd', 'esrd'), derived('on-dialysis')),
    source: 'afp-2012-cramps',
    rationale: 'CKD and haemodialysis are associated with cramps.',
  },
  {
    id: 'cramps.cirrhosis',
    weight: 1,
    when: coded('cirrhosis'),
    source: 'afp-2012-cramps',
    rationale: 'Cirrhosis is associated with cramps.',
  },
  {
    id: 'cramps.hypothyroidism',
    weight: 1,
    when: coded('hypothyroidism'),
    source: 'afp-2012-cramps',
    rationale: 'Hypothyroidism is associated with cramps.',
  },
  {
    id: 'cramps.diabetes',
    weight: 1,
    when: coded('diabetes'),
    source: 'afp-2012-cramps',
    rationale: 'Diabetes is associated with cramps.',
  },
  {
    id: 'cramps.lumbar-stenosis',
    weight: 1,
    when: coded('lumbar-stenosis'),
    source: 'afp-2012-cramps',
    rationale: 'Lumbar canal stenosis is associated with cramps.',
  },
  {
    id: 'cramps.coded',
    weight: 3,
    when: coded('leg-cramps'),
    source: 'afp-2012-cramps',
    rationale: 'Sleep-related leg cramps on the chart.',
  },
  {
    id: 'cramps.urge-to-move',
    weight: -2,
    when: irlssg('urgeToMove'),
    source: 'afp-2012-cramps',
    rationale: 'Cramps have no urge-to-move component; an urge points to RLS.',
  },
  {
    id: 'cramps.lasts-as-long-as-rest',
    weight: -2,
    when: episode('as-long-as-at-rest'),
    source: 'irlssg-2012',
    rationale: 'A sensation lasting as long as rest lasts is the RLS pattern, not a cramp.',
  },
  {
    id: 'cramps.unilateral-swelling',
    weight: -2,
    when: exam('unilateralSwelling'),
    source: 'wells-2003',
    rationale: 'A swollen leg needs another explanation (DVT first).',
  },
  {
    id: 'cramps.burning-relieved-by-dangling',
    weight: -2,
    when: all(has('qualities', 'burning'), has('relievedBy', 'dangling-leg')),
    source: 'aha-acc-2016-pad',
    rationale: 'Burning pain relieved by dangling is ischaemic.',
  },
]);

// ---------- 4.5 Restless legs syndrome ----------

const RLS = forCondition('restless-legs-syndrome', [
  {
    id: 'rls.urge-to-move',
    weight: 3,
    when: irlssg('urgeToMove'),
    source: 'irlssg-2012',
    rationale: 'IRLSSG criterion 1: the urge to move is the defining symptom.',
  },
  {
    id: 'rls.worse-at-rest',
    weight: 2,
    when: irlssg('worseAtRest'),
    source: 'irlssg-2012',
    rationale: 'IRLSSG criterion 2: begins or worsens at rest.',
  },
  {
    id: 'rls.relief-by-movement',
    weight: 3,
    when: irlssg('reliefByMovement'),
    source: 'irlssg-2012',
    rationale: 'IRLSSG criterion 3: relieved by movement while it continues.',
  },
  {
    id: 'rls.evening-night',
    weight: 2,
    when: irlssg('eveningOrNight'),
    source: 'irlssg-2012',
    rationale: 'IRLSSG criterion 4: circadian, evening or night predominance.',
  },
  {
    id: 'rls.all-criteria',
    weight: 2,
    when: all(
      irlssg('urgeToMove'),
      irlssg('worseAtRest'),
      irlssg('reliefByMovement'),
      irlssg('eveningOrNight'),
      irlssg('notExplainedByMimic'),
    ),
    source: 'irlssg-2012',
    rationale: 'All five IRLSSG essential criteria met: meets the diagnostic definition.',
  },
  {
    id: 'rls.evening-at-rest-pattern',
    weight: 1,
    when: has('timing', 'evening-at-rest'),
    source: 'irlssg-2012',
    rationale: 'Symptoms in the evening at rest follow the RLS circadian pattern.',
  },
  {
    id: 'rls.relieved-by-moving',
    weight: 1,
    when: has('relievedBy', 'moving-legs'),
    source: 'irlssg-2012',
    rationale: 'Relief by moving the legs follows the RLS pattern.',
  },
  {
    id: 'rls.creeping',
    weight: 1,
    when: has('qualities', 'creeping-urge'),
    source: 'irlssg-2012',
    rationale: 'Creeping, crawling or pulling sensations are typical of RLS.',
  },
  {
    id: 'rls.bilateral',
    weight: 1,
    when: side('both'),
    source: 'irlssg-2012',
    rationale: 'RLS is usually bilateral.',
  },
  {
    id: 'rls.family-history',
    weight: 1,
    when: history('familyHistoryRls'),
    source: 'irlssg-2012',
    rationale: 'Primary RLS is often familial.',
  },
  {
    id: 'rls.partner-jerks',
    weight: 1,
    when: history('partnerNoticesLegJerks'),
    source: 'aasm-2024-rls',
    rationale: 'Periodic limb movements of sleep accompany most RLS.',
  },
  {
    id: 'rls.coded',
    weight: 3,
    when: coded('restless-legs'),
    source: 'irlssg-2012',
    rationale: 'RLS on the chart (the current symptoms still decide).',
  },
  {
    id: 'rls.ferritin-low',
    weight: 2,
    when: lab('ferritin', '<=', LAB_CUTOFFS.ferritinSupplementMax),
    source: 'aasm-2024-rls',
    rationale: 'Ferritin ≤ 75 µg/L reflects low iron stores, which drive RLS (and is the supplement threshold).',
  },
  {
    id: 'rls.tsat-low',
    weight: 1,
    when: lab('transferrin-saturation', '<', LAB_CUTOFFS.tsatBelow),
    source: 'aasm-2024-rls',
    rationale: 'TSAT < 20 % indicates iron deficiency (supplement threshold).',
  },
  {
    id: 'rls.iron-deficiency',
    weight: 2,
    when: coded('iron-deficiency'),
    source: 'irlssg-iron-2018',
    rationale: 'Iron-deficiency anaemia is a major secondary cause of RLS.',
  },
  {
    id: 'rls.pregnancy',
    weight: 2,
    when: pregnant,
    source: 'aasm-2024-rls',
    rationale: 'RLS is common in pregnancy, especially the third trimester.',
  },
  {
    id: 'rls.advanced-ckd',
    weight: 2,
    when: any(coded('esrd'), derived('on-dialysis'), lab('egfr', '<', LAB_CUTOFFS.egfrBelow)),
    source: 'aasm-2024-rls',
    rationale: 'CKD stage 4–5 and dialysis are strongly associated with RLS.',
  },
  {
    id: 'rls.culprit-drugs',
    weight: 1,
    when: any(
      meds('sedating-antihistamine', 'antidepressant', 'antipsychotic', 'metoclopramide'),
      has('recentMedicines', 'sedating-antihistamine', 'serotonergic-antidepressant', 'dopamine-antagonist'),
    ),
    source: 'aasm-2024-rls',
    rationale:
      'Sedating antihistamines (including over-the-counter sleep aids), serotonergic antidepressants and dopamine antagonists provoke or worsen RLS.',
  },
  {
    id: 'rls.augmentation',
    weight: 1,
    when: history('rlsAugmentation'),
    source: 'aasm-2024-rls',
    rationale:
      'Augmentation (earlier onset, spread to the arms, shorter relief) is an RLS-specific effect of dopaminergic treatment.',
  },
  {
    id: 'rls.diabetic-neuropathy',
    weight: 1,
    when: coded('diabetic-neuropathy'),
    source: 'aasm-2024-rls',
    rationale: 'RLS is a frequent comorbidity of diabetic neuropathy.',
  },
  {
    id: 'rls.no-urge',
    weight: -3,
    when: irlssg('urgeToMove', false),
    source: 'irlssg-2012',
    rationale: 'Without an urge to move, criterion 1 fails.',
  },
  {
    id: 'rls.no-relief-by-movement',
    weight: -2,
    when: irlssg('reliefByMovement', false),
    source: 'irlssg-2012',
    rationale: 'Without relief by movement, criterion 3 fails.',
  },
  {
    id: 'rls.explained-by-mimic',
    weight: -2,
    when: irlssg('notExplainedByMimic', false),
    source: 'irlssg-2012',
    rationale: 'Criterion 5 fails when a mimic (cramps, positional discomfort, oedema) explains the symptoms.',
  },
  {
    id: 'rls.brief-knot',
    weight: -2,
    when: all(has('qualities', 'cramp-knot'), episode('seconds-to-minutes')),
    source: 'irlssg-2012',
    rationale: 'A brief, seconds-long knot is a cramp, the commonest RLS mimic.',
  },
  {
    id: 'rls.positional-numbness',
    weight: -1,
    when: all(has('qualities', 'numbness-tingling'), has('relievedBy', 'changing-position')),
    source: 'irlssg-2012',
    rationale: 'Positional numbness that resolves is a mimic (positional discomfort).',
  },
  {
    id: 'rls.unilateral-swelling',
    weight: -3,
    when: exam('unilateralSwelling'),
    source: 'irlssg-2012',
    rationale: 'Unilateral painful swelling is not RLS (leg oedema is a listed mimic).',
  },
]);

// ---------- 4.6 Deep vein thrombosis ----------

const DVT = forCondition('deep-vein-thrombosis', [
  {
    id: 'dvt.sudden-unilateral',
    weight: 3,
    when: all(onset('sudden'), side('left', 'right'), derived('continuous-pain')),
    source: 'ash-2018-vte',
    rationale:
      'Sudden, continuous one-sided leg pain is the DVT presentation; brief episodes (a cramp, a positional palsy) are not a thrombosis (issue 9 item 16).',
  },
  {
    id: 'dvt.phlegmasia',
    weight: 3,
    when: exam('massiveSwellingBlueOrWhiteLeg'),
    source: 'nice-ng158-vte',
    rationale: 'Massive swelling with a blue or white leg is phlegmasia, an extensive iliofemoral DVT.',
  },
  {
    id: 'dvt.unilateral-swelling',
    weight: 3,
    when: exam('unilateralSwelling'),
    source: 'wells-2003',
    rationale: 'One-sided swelling is the cardinal sign of venous obstruction.',
  },
  {
    id: 'dvt.deep-vein-tenderness',
    weight: 1,
    when: exam('deepVeinTenderness'),
    source: 'wells-1997',
    rationale: 'Wells item: tenderness along the deep veins.',
  },
  {
    id: 'dvt.entire-leg-swollen',
    weight: 1,
    when: exam('entireLegSwollen'),
    source: 'wells-1997',
    rationale: 'Wells item: entire leg swollen.',
  },
  {
    id: 'dvt.calf-swelling',
    weight: 1,
    when: exam('calfSwellingOver3cm'),
    source: 'wells-1997',
    rationale: 'Wells item: calf swelling > 3 cm over the other side.',
  },
  {
    id: 'dvt.pitting-oedema',
    weight: 1,
    when: exam('pittingOedemaSymptomaticLeg'),
    source: 'wells-1997',
    rationale: 'Wells item: pitting oedema confined to the symptomatic leg.',
  },
  {
    id: 'dvt.collateral-veins',
    weight: 1,
    when: exam('collateralSuperficialVeins'),
    source: 'wells-1997',
    rationale: 'Wells item: collateral superficial veins.',
  },
  {
    id: 'dvt.warmth-redness',
    weight: 1,
    when: any(exam('warmth'), exam('redness')),
    source: 'ash-2018-vte',
    rationale: 'Warmth and redness accompany DVT (cellulitis also does this).',
  },
  {
    id: 'dvt.paralysis-or-cast',
    weight: 1,
    when: risk(history('legParalysisOrCast')),
    source: 'wells-1997',
    rationale: 'Wells item: paralysis, paresis or recent plaster immobilisation.',
  },
  {
    id: 'dvt.recent-surgery-or-bed-rest',
    weight: 2,
    when: risk(history('recentSurgeryOrBedRest')),
    source: 'nice-ng158-vte',
    rationale:
      'Major surgery under general or regional anaesthesia, or 3 days or more bedridden, in the last 12 weeks (answered, or from a major procedure or a long enough stay on the chart); a local-anaesthetic procedure or a short admission does not count (issue 9 item 12).',
  },
  {
    id: 'dvt.long-travel',
    weight: 1,
    when: risk(history('longTravel')),
    source: 'ash-2018-vte',
    rationale: 'Prolonged travel causes venous stasis.',
  },
  {
    id: 'dvt.prior-vte',
    weight: 2,
    when: risk(any(history('previousDvt'), history('previousPe'))),
    source: 'wells-2003',
    rationale: 'Previous DVT or PE is the strongest recurrence risk.',
  },
  {
    id: 'dvt.active-cancer',
    weight: 2,
    when: risk(history('activeCancer')),
    source: 'wells-1997',
    rationale: 'Active cancer is prothrombotic (on the chart or reported by the patient: issue 9 item 11).',
  },
  {
    id: 'dvt.pregnancy',
    weight: 2,
    when: risk(pregnant),
    source: 'ash-2018-vte',
    rationale: 'Pregnancy and the 6 weeks postpartum are prothrombotic.',
  },
  {
    id: 'dvt.oestrogen',
    weight: 1,
    when: risk(meds('estrogen-serm')),
    source: 'ash-2018-vte',
    rationale: 'Oral oestrogen, raloxifene and tamoxifen raise VTE risk.',
  },
  {
    id: 'dvt.thrombophilia',
    weight: 2,
    when: risk(coded('thrombophilia')),
    source: 'ash-2018-vte',
    rationale: 'Known thrombophilia raises VTE risk.',
  },
  {
    id: 'dvt.d-dimer-positive',
    weight: 2,
    when: derived('d-dimer-positive-recent'),
    source: 'ash-2018-vte',
    rationale: 'A positive D-dimer raises the probability (it never diagnoses DVT alone).',
  },
  {
    id: 'dvt.obesity',
    weight: 1,
    when: risk(any(lab('bmi', '>=', LAB_CUTOFFS.bmiFrom), coded('obesity'))),
    source: 'ash-2018-vte',
    rationale: 'Obesity (BMI ≥ 30) raises VTE risk.',
  },
  {
    id: 'dvt.bilateral',
    weight: -2,
    when: side('both'),
    source: 'ash-2018-vte',
    rationale: 'Bilateral symmetric symptoms are unusual for DVT.',
  },
  {
    id: 'dvt.chronic-pattern',
    weight: -2,
    when: { kind: 'duration', op: '>=', weeks: 12 },
    source: 'ash-2018-vte',
    rationale: 'A stereotyped nightly pattern over months is not an acute thrombosis.',
  },
  {
    id: 'dvt.alternative-diagnosis',
    weight: -2,
    when: history('alternativeDiagnosisAsLikely'),
    source: 'wells-1997',
    rationale: 'Wells item: an alternative diagnosis at least as likely (−2).',
  },
  {
    id: 'dvt.negative-d-dimer-unlikely-wells',
    weight: -4,
    when: derived('dvt-excluded-by-d-dimer'),
    source: 'nice-ng158-vte',
    rationale:
      'A negative D-dimer with a settled "unlikely" Wells score excludes DVT (ASH 2018, NICE NG158), unless the D-dimer is unreliable for the patient or a red flag asks for imaging.',
  },
]);

// ---------- 4.7 Diabetic peripheral neuropathy ----------

const DPN = forCondition('diabetic-peripheral-neuropathy', [
  {
    id: 'dpn.symmetric-burning-feet',
    weight: 3,
    when: all(
      has('qualities', 'burning', 'numbness-tingling', 'sharp-shooting-electric'),
      has('locations', 'foot', 'toes-forefoot'),
      side('both'),
    ),
    source: 'dpn-consensus',
    rationale: 'Burning, tingling or numb feet, bilateral and distal-first, is the stocking pattern.',
  },
  {
    id: 'dpn.allodynia',
    weight: 2,
    when: has('qualities', 'sheets-touching-hurts'),
    source: 'dpn-consensus',
    rationale:
      'Pain from the light touch of the bedsheets (allodynia), worse at night, is typical of small-fibre neuropathy.',
  },
  {
    id: 'dpn.gradual',
    weight: 1,
    when: onset('gradual'),
    source: 'dpn-consensus',
    rationale: 'Neuropathy progresses slowly.',
  },
  {
    id: 'dpn.reduced-sensation',
    weight: 2,
    when: any(exam('reducedVibrationOrMonofilament'), all(exam('reducedAnkleReflexes'), side('both'))),
    source: 'dpn-consensus',
    rationale:
      'Reduced monofilament or vibration sense, or absent ankle reflexes with symptoms in both legs, are the bedside signs of length-dependent neuropathy (one finding group, counted once).',
  },
  {
    id: 'dpn.coded',
    weight: 3,
    when: coded('diabetic-neuropathy', 'peripheral-neuropathy'),
    source: 'dpn-consensus',
    rationale: 'Neuropathy on the chart.',
  },
  {
    id: 'dpn.diabetes',
    weight: 2,
    when: coded('diabetes'),
    source: 'dpn-consensus',
    rationale: 'Diabetes is the commonest cause of peripheral neuropathy.',
  },
  {
    id: 'dpn.hba1c-high',
    weight: 1,
    when: lab('hba1c', '>=', LAB_CUTOFFS.hba1cFrom),
    source: 'dpn-consensus',
    rationale: 'Poor glycaemic control drives neuropathy.',
  },
  {
    id: 'dpn.ckd',
    weight: 1,
    when: any(coded('ckd', 'esrd'), derived('on-dialysis')),
    source: 'dpn-consensus',
    rationale: 'Uraemia adds to neuropathy.',
  },
  {
    id: 'dpn.low-b12',
    weight: 1,
    when: any(lab('vitamin-b12', '<', LAB_CUTOFFS.b12Below), meds('metformin')),
    source: 'dpn-consensus',
    rationale:
      'B12 deficiency causes or worsens neuropathy; long-term metformin lowers B12 (one point for either, as in the feature table).',
  },
  {
    id: 'dpn.unilateral',
    weight: -2,
    when: side('left', 'right'),
    source: 'dpn-consensus',
    rationale: 'Diabetic polyneuropathy is symmetric; one-sided symptoms point elsewhere.',
  },
  {
    id: 'dpn.radiating-from-back',
    weight: -1,
    when: has('locations', 'back-of-leg-from-buttock'),
    source: 'dpn-consensus',
    rationale: 'Radiation from the buttock is radicular, not length-dependent.',
  },
  {
    id: 'dpn.relieved-by-walking',
    weight: -1,
    when: has('relievedBy', 'walking', 'moving-legs'),
    source: 'irlssg-2012',
    rationale: 'Complete relief by walking or moving suggests RLS.',
  },
  {
    id: 'dpn.relieved-by-dangling',
    weight: -1,
    when: has('relievedBy', 'dangling-leg'),
    source: 'aha-acc-2016-pad',
    rationale: 'Relief by dangling suggests ischaemia.',
  },
]);

// ---------- 4.8 Chronic venous insufficiency (low weight) ----------

const VENOUS = forCondition('venous-insufficiency', [
  {
    id: 'venous.coded',
    weight: 3,
    when: coded('venous-insufficiency'),
    source: 'cvi-consensus',
    rationale: 'Venous insufficiency or varicose veins on the chart.',
  },
  {
    id: 'venous.prior-dvt',
    weight: 1,
    when: history('previousDvt'),
    source: 'cvi-consensus',
    rationale: 'Post-thrombotic syndrome follows DVT.',
  },
  {
    id: 'venous.end-of-day-relieved-by-elevation',
    weight: 2,
    when: any(has('timing', 'end-of-day-after-standing'), has('relievedBy', 'elevating-legs')),
    source: 'cvi-consensus',
    rationale:
      'Venous pressure builds with standing and drains with elevation: worse at the end of the day after standing, relieved by raising the legs (one pattern, counted once).',
  },
  {
    id: 'venous.heaviness',
    weight: 1,
    when: has('qualities', 'heavy-aching', 'tight-swollen'),
    source: 'cvi-consensus',
    rationale: 'Venous pain is a heavy, aching, tight or swollen feeling.',
  },
  {
    id: 'venous.oedema',
    weight: 1,
    when: exam('ankleOedema'),
    source: 'cvi-consensus',
    rationale: 'Ankle oedema accompanies venous hypertension.',
  },
  {
    id: 'venous.varicose-veins',
    weight: 1,
    when: exam('varicoseVeins'),
    source: 'cvi-consensus',
    rationale: 'Varicose veins show superficial venous reflux.',
  },
  {
    id: 'venous.skin-changes',
    weight: 2,
    when: exam('venousSkinChanges'),
    source: 'cvi-consensus',
    rationale:
      'Haemosiderin staining, lipodermatosclerosis or a venous ulcer (CEAP C4–C6) are the skin marks of long-standing venous hypertension.',
  },
  {
    id: 'venous.night-cramps',
    weight: 1,
    when: has('qualities', 'cramp-knot'),
    source: 'cvi-consensus',
    rationale: 'Night cramps are common in chronic venous disease.',
  },
  {
    id: 'venous.relieved-by-dangling',
    weight: -3,
    when: has('relievedBy', 'dangling-leg'),
    source: 'cvi-consensus',
    rationale: 'Venous pain is relieved by elevation; relief by dependency is the opposite (arterial) pattern.',
  },
]);

// ---------- Cellulitis (IDSA 2014, NICE CKS): a clinical diagnosis ----------

const CELLULITIS = forCondition('cellulitis', [
  {
    id: 'cellulitis.redness',
    weight: 3,
    when: exam('redness'),
    source: 'idsa-2014-ssti',
    rationale: 'Spreading erythema is the defining sign of cellulitis.',
  },
  {
    id: 'cellulitis.warmth',
    weight: 1,
    when: exam('warmth'),
    source: 'idsa-2014-ssti',
    rationale: 'Warmth with redness is inflammation of the skin.',
  },
  {
    id: 'cellulitis.swelling',
    weight: 1,
    when: all(exam('redness'), any(exam('unilateralSwelling'), has('qualities', 'tight-swollen'))),
    source: 'idsa-2014-ssti',
    rationale: 'Oedema of the inflamed skin (DVT swells too, so only beside redness).',
  },
  {
    id: 'cellulitis.fever',
    weight: 1,
    when: all(history('fever'), any(exam('redness'), exam('warmth'))),
    source: 'idsa-2014-ssti',
    rationale: 'Fever grades cellulitis (systemic features); it supports infection but the diagnosis is clinical.',
  },
  {
    id: 'cellulitis.spreading',
    weight: 1,
    when: exam('rapidlySpreadingRedness'),
    source: 'idsa-2014-ssti',
    rationale: 'Redness that spreads over hours is infection (and a warning of necrotising infection).',
  },
  {
    id: 'cellulitis.necrotising-signs',
    weight: 2,
    when: any(exam('crepitusBullaeOrNecrosis'), exam('painOutOfProportion')),
    source: 'idsa-2014-ssti',
    rationale:
      'Crepitus, bullae, dusky skin or pain out of proportion are signs of a deep (necrotising) soft-tissue infection.',
  },
  {
    id: 'cellulitis.portal-of-entry',
    weight: 1,
    when: any(exam('ulcer'), exam('ulcerInfected'), history('recentTrauma')),
    source: 'idsa-2014-ssti',
    rationale: 'A wound, ulcer or recent injury is a portal of entry.',
  },
  {
    id: 'cellulitis.coded',
    weight: 3,
    when: codedActive('cellulitis'),
    source: 'idsa-2014-ssti',
    rationale: 'Cellulitis active on the chart.',
  },
  {
    id: 'cellulitis.risk-factors',
    weight: 1,
    when: any(coded('diabetes', 'obesity', 'venous-insufficiency'), exam('ankleOedema')),
    source: 'idsa-2014-ssti',
    rationale: 'Diabetes, obesity and chronic oedema or venous insufficiency predispose to cellulitis.',
  },
  {
    id: 'cellulitis.bilateral',
    weight: -2,
    when: side('both'),
    source: 'idsa-2014-ssti',
    rationale: 'Cellulitis is almost always one-sided; red legs on both sides suggest stasis dermatitis.',
  },
  {
    id: 'cellulitis.no-redness',
    weight: -3,
    when: exam('redness', false),
    source: 'idsa-2014-ssti',
    rationale: 'Without redness of the skin there is no cellulitis.',
  },
  {
    id: 'cellulitis.chronic',
    weight: -2,
    when: { kind: 'duration', op: '>=', weeks: 12 },
    source: 'idsa-2014-ssti',
    rationale: 'A problem of months is not an acute skin infection.',
  },
]);

/** The whole rule book, in review order. */
export const RULES: readonly Rule[] = [
  ...PAD,
  ...LUMBAR,
  ...PERONEAL,
  ...CRAMPS,
  ...RLS,
  ...DVT,
  ...DPN,
  ...VENOUS,
  ...CELLULITIS,
];

/** Rules grouped by condition, precomputed at module load. */
export const RULES_BY_CONDITION: ReadonlyMap<ConditionId, readonly Rule[]> = (() => {
  const m = new Map<ConditionId, Rule[]>();
  for (const r of RULES) {
    const list = m.get(r.condition);
    if (list) list.push(r);
    else m.set(r.condition, [r]);
  }
  return m;
})();
