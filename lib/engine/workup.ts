/**
 * Workup planner: what to order or arrange next, per condition (reference §4 "Workup" rows) and per red flag.
 *
 * Every step is typed data: an item from the catalogue, a reason in clinician words, and an optional
 * {@link PlanPredicate} saying when it applies (rendered into the rule book like the scoring rules, issue 8).
 *
 * Plans for red flags (priority "now" unless the step says otherwise), for conditions ranked "moderate" or "high"
 * (priority "soon"), and for the top-ranked condition even when it is only "low" (priority "routine") once
 * anything has been recorded, so an unclear picture still gets a plan but an empty form gets none. Other "low"
 * conditions get no orders: their cheap discriminating tests stay visible as missing data. A result that is
 * recent on file (or an exam already recorded on the form) is shown as `alreadyOnFile` instead of being
 * re-ordered; a stale one is suggested again. Items are deduplicated across conditions (their `for` lists merge,
 * the highest priority wins). LOINC codes are given only for orderable labs verified in the reference.
 */
import type { ConditionId, RedFlagId, WorkupItem, WorkupPriority } from './assessment';
import { type EvalContext, type PlanContext, measuresOf } from './context';
import type { LabConcept, VascularConcept } from './facts';
import { capitalise, capitaliseStatic, formatValue, isoDay } from './format';
import { OBSERVATION_LABELS } from './labels';
import { holdsPlan } from './predicate-compiler';
import type { AnswerSlot, FactDerivedId, NegatableLeaf, PlanPredicate } from './predicate-types';
import { RED_FLAG_RULE_BY_ID } from './red-flags';
import { LAB_CUTOFFS, RLS_IRON } from './thresholds';

const LOINC = 'http://loinc.org';

interface CatalogueEntry {
  readonly label: string;
  readonly loinc?: string;
  /** A fresh result of this concept on file means "already done". */
  readonly lab?: LabConcept;
  /** Other labs whose fresh result makes this one unnecessary (TSAT on file: no separate iron and TIBC). */
  readonly coveredBy?: readonly LabConcept[];
  readonly vascular?: readonly VascularConcept[];
  /** An exam finding already recorded on the form means "already done". */
  readonly formPath?: `exam.${string}`;
}

export const WORKUP_CATALOGUE = {
  abi: { label: 'Resting ABI with waveforms, both legs', vascular: ['abi'] },
  'toe-pressure-tbi': { label: 'Toe pressure / TBI with waveforms', vascular: ['tbi', 'toe-pressure'] },
  tcpo2: { label: 'TcPO2 or skin perfusion pressure', vascular: ['tcpo2'] },
  'arterial-duplex': { label: 'Arterial duplex ultrasound (CTA/MRA if revascularisation is considered)' },
  'vascular-referral': { label: 'Urgent vascular surgery referral (CLTI team) and wound care' },
  'emergency-vascular': { label: 'Emergency vascular surgery review (emergency department)' },
  'lipid-panel': { label: 'Lipid panel' },
  hba1c: { label: 'HbA1c', loinc: '4548-4', lab: 'hba1c' },
  glucose: { label: 'Glucose (serum/plasma)', loinc: '2345-7', lab: 'glucose' },
  creatinine: { label: 'Creatinine', loinc: '2160-0', lab: 'creatinine' },
  egfr: { label: 'eGFR (CKD-EPI 2021)', loinc: '98979-8', lab: 'egfr' },
  cbc: { label: 'CBC / haemoglobin', loinc: '718-7', lab: 'hemoglobin' },
  ferritin: { label: 'Ferritin (morning, no iron for 24 h)', loinc: '2276-4', lab: 'ferritin' },
  iron: { label: 'Serum iron', loinc: '2498-4', lab: 'iron', coveredBy: ['transferrin-saturation'] },
  tibc: { label: 'TIBC', loinc: '2500-7', lab: 'tibc', coveredBy: ['transferrin-saturation'] },
  tsat: { label: 'Transferrin saturation', loinc: '2502-3', lab: 'transferrin-saturation' },
  'iron-therapy': { label: 'Iron: oral ferrous sulfate or IV ferric carboxymaltose' },
  'iv-iron': { label: 'IV iron (ferric carboxymaltose)' },
  'iv-iron-sucrose': { label: 'IV iron sucrose (end-stage renal disease)' },
  'rls-augmentation-review': { label: 'Review the dopamine agonist for augmentation (sleep medicine)' },
  potassium: { label: 'Potassium', loinc: '2823-3', lab: 'potassium' },
  magnesium: { label: 'Magnesium', loinc: '19123-9', lab: 'magnesium' },
  calcium: { label: 'Calcium', loinc: '17861-6', lab: 'calcium' },
  tsh: { label: 'TSH', loinc: '3016-3', lab: 'tsh' },
  b12: { label: 'Vitamin B12', loinc: '2132-9', lab: 'vitamin-b12' },
  'd-dimer': { label: 'D-dimer (result within 4 hours)', loinc: '48065-7', lab: 'd-dimer' },
  'compression-ultrasound': { label: 'Proximal leg-vein compression ultrasound (result within 4 hours)' },
  'whole-leg-ultrasound': { label: 'Whole-leg venous ultrasound including the iliac veins' },
  'interim-anticoagulation': {
    label: 'Interim therapeutic anticoagulation if the scan cannot be done within 4 hours (then scan within 24 hours)',
  },
  'anticoagulant-failure-review': {
    label:
      'Anticoagulant failure review: adherence, dose, interactions, cancer, antiphospholipid syndrome; thrombosis advice',
  },
  coagulation: { label: 'PT/INR and aPTT before anticoagulation' },
  'emergency-pe': { label: 'Emergency assessment for pulmonary embolism (emergency department)' },
  'mri-lumbar': { label: 'MRI lumbar spine without contrast' },
  'mri-lumbar-prompt': { label: 'Prompt MRI lumbar spine (severe or progressive motor deficit)' },
  'emergency-mri-lumbar': { label: 'Emergency MRI lumbar spine and spinal surgery review' },
  'mri-spine-contrast': { label: 'Same-day MRI of the whole spine with contrast' },
  'blood-cultures': { label: 'Blood cultures before antibiotics, CBC and inflammatory markers' },
  'mri-urgent': { label: 'Urgent MRI of the symptomatic region with inflammatory markers' },
  'emg-ncs': { label: 'EMG / nerve conduction studies' },
  'neurology-review': { label: 'Neurology review' },
  'monofilament-exam': {
    label: 'Foot exam with 10 g monofilament and vibration sense',
    formPath: 'exam.reducedVibrationOrMonofilament',
  },
  'venous-duplex': { label: 'Venous duplex with reflux study' },
  'medication-review': { label: 'Medication review for culprit drugs' },
  'same-day-review': { label: 'Same-day clinical review (infection)' },
  'emergency-surgical-review': { label: 'Emergency surgical review for exploration and debridement' },
  'compartment-review': { label: 'Emergency surgical review for compartment pressures' },
} as const satisfies Record<string, CatalogueEntry>;

export type WorkupId = keyof typeof WORKUP_CATALOGUE;

export interface Step {
  readonly item: WorkupId;
  readonly reason: string;
  /** When the step applies; always when absent. */
  readonly when?: PlanPredicate;
  /** Overrides the priority the step would get from its red flag or ranking. */
  readonly priority?: WorkupPriority;
}

// ---------- predicate shorthands ----------

const derived = (id: FactDerivedId) => ({ kind: 'derived', id }) as const;
const all = (...of: PlanPredicate[]): PlanPredicate => ({ kind: 'all', of });
const any = (...of: PlanPredicate[]): PlanPredicate => ({ kind: 'any', of });
const not = (of: NegatableLeaf): PlanPredicate => ({ kind: 'not', of });
const unanswered = (slot: AnswerSlot): PlanPredicate => ({ kind: 'unanswered', slot });
const atLeastModerate = (condition: ConditionId): PlanPredicate => ({
  kind: 'likelihood',
  condition,
  atLeast: 'moderate',
});
const lab = (concept: LabConcept, op: '<' | '<=' | '>=' | '>', value: number): PlanPredicate => ({
  kind: 'lab',
  concept,
  op,
  value,
});
const DVT_FLAGS: PlanPredicate = { kind: 'flag', ids: ['suspected-dvt', 'possible-pulmonary-embolism'], raised: true };
const PREGNANT: PlanPredicate = any(
  { kind: 'history', item: 'pregnantOrPostpartum', is: true },
  {
    kind: 'choice',
    field: 'history.pregnancyStage',
    anyOf: ['first-trimester', 'second-trimester', 'third-trimester', 'postpartum'],
  },
);
const ESRD = { kind: 'derived', id: 'esrd-or-dialysis' } as const;

/**
 * DVT pathway (NICE NG158, ASH 2018). Ultrasound when Wells is likely, the D-dimer is positive, the D-dimer cannot
 * exclude DVT for this patient (anticoagulated, pregnant, recent surgery, cancer), or a red flag asks for it; a
 * D-dimer first only when Wells is settled "unlikely" and the D-dimer is reliable. Interim anticoagulation and
 * baseline bloods only for a patient not already anticoagulated; on anticoagulation a new DVT is treatment failure.
 */
const DVT_STEPS: readonly Step[] = [
  {
    item: 'd-dimer',
    reason: 'Wells "unlikely": a negative D-dimer excludes DVT (NICE NG158, ASH 2018)',
    when: all(
      { kind: 'wells', is: 'settled-unlikely' },
      { kind: 'flag', ids: ['suspected-dvt', 'possible-pulmonary-embolism'], raised: false },
      not(derived('d-dimer-unreliable')),
    ),
  },
  {
    item: 'compression-ultrasound',
    reason: 'Wells "likely": proximal leg-vein ultrasound with the result within 4 hours (NICE NG158)',
    when: all({ kind: 'wells', is: 'likely' }, not(derived('d-dimer-unreliable'))),
  },
  {
    item: 'compression-ultrasound',
    reason: 'Wells "likely"; a D-dimer would not help here, so go straight to ultrasound',
    when: all({ kind: 'wells', is: 'likely' }, derived('d-dimer-unreliable')),
  },
  {
    item: 'compression-ultrasound',
    reason: 'Wells is incomplete (unknown items could make it "likely"): a negative D-dimer would exclude nothing',
    when: all({ kind: 'wells', is: 'incomplete' }, derived('dvt-compatible-presentation')),
  },
  {
    item: 'compression-ultrasound',
    reason: 'the recent D-dimer is positive: proximal leg-vein ultrasound within 4 hours (NICE NG158)',
    when: derived('d-dimer-positive-recent'),
  },
  {
    item: 'compression-ultrasound',
    reason: 'a D-dimer cannot exclude DVT for this patient (anticoagulation, pregnancy, recent surgery or cancer)',
    when: all(derived('d-dimer-unreliable'), not({ kind: 'derived', id: 'dvt-excluded-by-d-dimer' })),
  },
  {
    item: 'whole-leg-ultrasound',
    reason: 'pregnancy: image the whole leg including the iliac veins (Wells not validated; iliac DVT is commoner)',
    when: PREGNANT,
  },
  {
    item: 'interim-anticoagulation',
    reason: 'NICE NG158: if the scan result cannot be had within 4 hours (low-molecular-weight heparin in pregnancy)',
    when: all(any({ kind: 'wells', is: 'likely' }, DVT_FLAGS), not(derived('anticoagulated'))),
  },
  {
    item: 'anticoagulant-failure-review',
    reason: 'a DVT on anticoagulation is treatment failure',
    when: all(derived('anticoagulated'), any({ kind: 'wells', is: 'likely' }, DVT_FLAGS)),
  },
  {
    item: 'cbc',
    reason: 'baseline before anticoagulation',
    when: all({ kind: 'wells', is: 'likely' }, not(derived('anticoagulated'))),
  },
  {
    item: 'creatinine',
    reason: 'dosing before anticoagulation',
    when: all({ kind: 'wells', is: 'likely' }, not(derived('anticoagulated'))),
  },
  {
    item: 'coagulation',
    reason: 'baseline before anticoagulation',
    when: all({ kind: 'wells', is: 'likely' }, not(derived('anticoagulated'))),
  },
];

export const CONDITION_WORKUP: Readonly<Record<ConditionId, readonly Step[]>> = {
  'pad-ischemic-rest-pain': [
    { item: 'abi', reason: 'resting ABI is the first test when history or exam suggests PAD (Class 1)' },
    {
      item: 'toe-pressure-tbi',
      reason: 'ABI > 1.40 is noncompressible: toe pressure / TBI is needed to assess perfusion',
      when: { kind: 'abi', band: 'noncompressible' },
    },
    {
      item: 'toe-pressure-tbi',
      reason: 'a normal-looking ABI does not exclude CLTI in diabetes or CKD',
      when: all(atLeastModerate('pad-ischemic-rest-pain'), not({ kind: 'abi', band: 'abnormal' }), {
        kind: 'condition',
        concepts: ['diabetes', 'ckd', 'esrd'],
      }),
    },
    {
      item: 'tcpo2',
      reason: 'a wound is present: TcPO2 or SPP grades healing potential',
      when: derived('tissue-loss'),
    },
    {
      item: 'vascular-referral',
      reason: 'rest pain or tissue loss with proven PAD is CLTI: refer urgently (Class 1, GVG 2019)',
      when: { kind: 'flag', ids: ['chronic-limb-threatening-ischemia'], raised: true },
    },
    {
      item: 'arterial-duplex',
      reason: 'anatomy for revascularisation planning',
      when: atLeastModerate('pad-ischemic-rest-pain'),
    },
    { item: 'hba1c', reason: 'diabetes control (PAD risk)', when: atLeastModerate('pad-ischemic-rest-pain') },
    {
      item: 'creatinine',
      reason: 'renal function before contrast imaging',
      when: atLeastModerate('pad-ischemic-rest-pain'),
    },
    {
      item: 'egfr',
      reason: 'renal function before contrast imaging',
      when: all(atLeastModerate('pad-ischemic-rest-pain'), not(derived('on-dialysis'))),
    },
    { item: 'cbc', reason: 'anaemia worsens ischaemia', when: atLeastModerate('pad-ischemic-rest-pain') },
    {
      item: 'lipid-panel',
      reason: 'guideline-directed statin therapy',
      when: atLeastModerate('pad-ischemic-rest-pain'),
    },
  ],
  'lumbar-radiculopathy': [
    {
      item: 'mri-lumbar',
      reason:
        'symptoms ≥ 6 weeks: MRI only if the patient is a candidate for surgery or epidural injection (no routine imaging before 6 weeks without red flags)',
      when: all(atLeastModerate('lumbar-radiculopathy'), { kind: 'duration', op: '>=', weeks: 6 }),
    },
    {
      item: 'emg-ncs',
      reason: 'to separate L5 radiculopathy from peroneal entrapment',
      when: { kind: 'likelihood', condition: 'peroneal-neuropathy', atLeast: 'low' },
    },
  ],
  'peroneal-neuropathy': [
    { item: 'emg-ncs', reason: 'localises the lesion (fibular head vs L5 vs sciatic) and grades axonal loss' },
    { item: 'hba1c', reason: 'diabetes makes nerves vulnerable to compression' },
    { item: 'b12', reason: 'B12 deficiency if a polyneuropathy is possible' },
  ],
  'nocturnal-leg-cramps': [
    { item: 'potassium', reason: 'hypokalaemia causes cramps' },
    { item: 'magnesium', reason: 'hypomagnesaemia causes cramps' },
    { item: 'calcium', reason: 'low calcium causes cramps' },
    { item: 'creatinine', reason: 'CKD is associated with cramps', when: not(derived('on-dialysis')) },
    { item: 'egfr', reason: 'CKD is associated with cramps', when: not(derived('on-dialysis')) },
    { item: 'glucose', reason: 'diabetes is associated with cramps' },
    { item: 'tsh', reason: 'hypothyroidism is associated with cramps' },
    {
      item: 'medication-review',
      reason: 'diuretics, statins, LABA, oestrogens/raloxifene are cramp-associated (no quinine)',
    },
    {
      item: 'neurology-review',
      reason: 'cramps with weakness, wasting or fasciculations: consider motor neurone disease',
      when: { kind: 'exam', finding: 'wastingOrFasciculations', is: true },
    },
  ],
  'restless-legs-syndrome': [
    { item: 'ferritin', reason: `iron if ferritin ≤ ${LAB_CUTOFFS.ferritinSupplementMax} µg/L (AASM 2024)` },
    { item: 'iron', reason: 'for transferrin saturation (iron if TSAT < 20 %)' },
    { item: 'tibc', reason: 'for transferrin saturation (iron if TSAT < 20 %)' },
    { item: 'tsat', reason: `iron if TSAT < ${LAB_CUTOFFS.tsatBelow} % (AASM 2024)` },
    { item: 'cbc', reason: 'iron-deficiency anaemia' },
    { item: 'creatinine', reason: 'CKD/ESRD is a secondary cause of RLS', when: not(derived('on-dialysis')) },
    { item: 'egfr', reason: 'CKD/ESRD is a secondary cause of RLS', when: not(derived('on-dialysis')) },
    {
      item: 'iron-therapy',
      reason: `ferritin ≤ ${LAB_CUTOFFS.ferritinSupplementMax} µg/L or TSAT < ${LAB_CUTOFFS.tsatBelow} %: oral or IV iron (AASM 2024; IV ferric carboxymaltose has the strongest recommendation)`,
      when: all(
        not(ESRD),
        any(
          lab('ferritin', '<=', LAB_CUTOFFS.ferritinSupplementMax),
          lab('transferrin-saturation', '<', LAB_CUTOFFS.tsatBelow),
        ),
        not({ kind: 'lab', concept: 'transferrin-saturation', op: '>=', value: RLS_IRON.ivIronTsatCeiling }),
      ),
    },
    {
      item: 'iv-iron',
      reason: `ferritin ${LAB_CUTOFFS.ferritinSupplementMax}–${RLS_IRON.ivIronFerritinMax} µg/L: IV iron only (oral iron does not reach the brain at this level; AASM 2024)`,
      when: all(
        not(ESRD),
        lab('ferritin', '>', LAB_CUTOFFS.ferritinSupplementMax),
        lab('ferritin', '<=', RLS_IRON.ivIronFerritinMax),
        lab('transferrin-saturation', '>=', LAB_CUTOFFS.tsatBelow),
        lab('transferrin-saturation', '<', RLS_IRON.ivIronTsatCeiling),
      ),
    },
    {
      item: 'iv-iron-sucrose',
      reason: `end-stage renal disease with ferritin < ${RLS_IRON.esrdFerritinBelow} µg/L and TSAT < ${LAB_CUTOFFS.tsatBelow} %: IV iron sucrose (AASM 2024)`,
      when: all(
        ESRD,
        lab('ferritin', '<', RLS_IRON.esrdFerritinBelow),
        lab('transferrin-saturation', '<', LAB_CUTOFFS.tsatBelow),
      ),
    },
    {
      item: 'medication-review',
      reason:
        'sedating antihistamines (including over-the-counter sleep aids), serotonergic antidepressants and dopamine antagonists provoke or worsen RLS: consider stopping or switching',
      when: any(
        {
          kind: 'medication',
          classes: ['sedating-antihistamine', 'antidepressant', 'antipsychotic', 'metoclopramide'],
        },
        {
          kind: 'includes',
          field: 'recentMedicines',
          anyOf: ['sedating-antihistamine', 'serotonergic-antidepressant', 'dopamine-antagonist'],
        },
      ),
    },
    {
      item: 'rls-augmentation-review',
      reason:
        'augmentation on a dopamine agonist: AASM 2024 advises against their standard use; consider an alpha-2-delta ligand and check iron',
      when: all(
        { kind: 'history', item: 'onDopamineAgonist', is: true },
        { kind: 'history', item: 'rlsAugmentation', is: true },
      ),
    },
  ],
  'deep-vein-thrombosis': DVT_STEPS,
  'diabetic-peripheral-neuropathy': [
    { item: 'hba1c', reason: 'glycaemic control drives neuropathy' },
    { item: 'b12', reason: 'B12 deficiency (especially on metformin) mimics or worsens neuropathy' },
    { item: 'tsh', reason: 'hypothyroidism causes neuropathy' },
    { item: 'creatinine', reason: 'uraemia adds to neuropathy', when: not(derived('on-dialysis')) },
    { item: 'egfr', reason: 'uraemia adds to neuropathy', when: not(derived('on-dialysis')) },
    { item: 'monofilament-exam', reason: 'confirms loss of protective sensation' },
    { item: 'abi', reason: 'PAD often coexists with diabetic neuropathy' },
  ],
  'venous-insufficiency': [
    { item: 'venous-duplex', reason: 'confirms reflux' },
    { item: 'abi', reason: 'check ABI before compression stockings' },
  ],
  cellulitis: [
    {
      item: 'same-day-review',
      reason: 'cellulitis: antibiotics and a marked margin; review in 48 hours',
      when: atLeastModerate('cellulitis'),
    },
    {
      item: 'compression-ultrasound',
      reason: 'a red swollen leg: DVT is the mimic to exclude (Wells "likely" or a positive D-dimer)',
      when: all(derived('one-leg-swollen'), any({ kind: 'wells', is: 'likely' }, derived('d-dimer-positive-recent'))),
    },
  ],
};

export const RED_FLAG_WORKUP: Readonly<Record<RedFlagId, readonly Step[]>> = {
  'acute-limb-ischemia': [{ item: 'emergency-vascular', reason: 'possible acute limb ischaemia' }],
  'chronic-limb-threatening-ischemia': [
    { item: 'vascular-referral', reason: 'chronic limb-threatening ischaemia (Class 1: urgent referral)' },
    { item: 'toe-pressure-tbi', reason: 'toe pressure stages CLTI (preferred by GVG 2019)', priority: 'soon' },
    { item: 'arterial-duplex', reason: 'anatomy for revascularisation' },
    { item: 'tcpo2', reason: 'tissue loss: healing potential', when: derived('tissue-loss') },
  ],
  'suspected-dvt': [
    {
      item: 'compression-ultrasound',
      reason: 'suspected DVT: proximal leg-vein ultrasound within 4 hours whatever the Wells score or D-dimer',
    },
    ...DVT_STEPS.filter((s) => s.item !== 'd-dimer'),
  ],
  'possible-pulmonary-embolism': [{ item: 'emergency-pe', reason: 'possible pulmonary embolism' }],
  'cauda-equina': [{ item: 'emergency-mri-lumbar', reason: 'possible cauda equina syndrome' }],
  'spinal-infection': [
    { item: 'mri-spine-contrast', reason: 'suspected spinal infection' },
    { item: 'blood-cultures', reason: 'suspected spinal infection: before antibiotics' },
  ],
  cellulitis: [
    { item: 'same-day-review', reason: 'cellulitis with systemic features' },
    { item: 'cbc', reason: 'infection' },
  ],
  'necrotising-soft-tissue-infection': [
    { item: 'emergency-surgical-review', reason: 'possible necrotising soft-tissue infection' },
    { item: 'blood-cultures', reason: 'possible necrotising infection: before antibiotics' },
  ],
  'progressive-foot-drop': [
    {
      item: 'mri-lumbar-prompt',
      reason: 'a severe or progressive deficit that may be radicular: prompt MRI (ACP/ACR)',
      when: any(derived('radicular-context'), { kind: 'exam', finding: 'weakInversion', is: true }),
    },
    { item: 'neurology-review', reason: 'new or progressive foot drop' },
    {
      item: 'emg-ncs',
      reason: 'localise the lesion once about 3 weeks have passed since onset (earlier studies miss axonal loss)',
      when: any(unanswered('durationWeeks'), { kind: 'duration', op: '<', weeks: 3 }),
      priority: 'soon',
    },
    {
      item: 'emg-ncs',
      reason: 'localise the lesion (the deficit is 3 weeks old or more)',
      when: { kind: 'duration', op: '>=', weeks: 3 },
    },
  ],
  'night-pain-malignancy-infection': [
    {
      item: 'mri-urgent',
      reason: 'night pain with systemic features: malignancy or infection',
      when: { kind: 'flag', ids: ['suspected-dvt', 'possible-pulmonary-embolism'], raised: false },
    },
    {
      item: 'mri-urgent',
      reason: 'night pain with systemic features: malignancy or infection, once DVT has been assessed',
      when: DVT_FLAGS,
    },
    { item: 'cbc', reason: 'infection or marrow involvement' },
  ],
  'compartment-syndrome': [{ item: 'compartment-review', reason: 'possible compartment syndrome' }],
};

const PRIORITY_RANK: Readonly<Record<WorkupPriority, 0 | 1 | 2>> = { now: 0, soon: 1, routine: 2 };

function labOnFile(ctx: EvalContext, concept: LabConcept): WorkupItem['alreadyOnFile'] {
  const lab = ctx.labs.get(concept);
  if (!lab || lab.stale || lab.ageDays < -1) return undefined;
  const f = lab.fact;
  return {
    date: f.date,
    reference: f.provenance.reference,
    summary: `${capitaliseStatic(OBSERVATION_LABELS[concept])} ${formatValue(concept, f.value)} on ${isoDay(f.date)}`,
  };
}

function alreadyOnFile(entry: CatalogueEntry, ctx: EvalContext): WorkupItem['alreadyOnFile'] {
  if (entry.lab) {
    const own = labOnFile(ctx, entry.lab);
    if (own) return own;
    for (const other of entry.coveredBy ?? []) {
      const covered = labOnFile(ctx, other);
      if (covered) return covered;
    }
    return undefined;
  }
  if (entry.formPath) {
    const key = entry.formPath.slice(5) as keyof NonNullable<typeof ctx.form.exam>;
    if (ctx.form.exam?.[key] !== undefined) {
      return {
        date: ctx.today,
        reference: `form:${entry.formPath}`,
        summary: `Recorded on the form today (${ctx.today})`,
      };
    }
    return undefined;
  }
  if (entry.vascular) {
    for (const concept of entry.vascular) {
      const fresh = measuresOf(ctx, concept).filter((m) => !m.stale);
      if (fresh.length === 0) continue;
      // ABI needs both legs unless one is all we will ever get (unspecified side).
      if (concept === 'abi' && !fresh.some((m) => m.side === undefined) && fresh.length < 2) continue;
      const first = fresh[0]!;
      return {
        date: first.date ?? ctx.today,
        reference: first.reference ?? `form:${first.formField ?? 'measurements'}`,
        summary:
          fresh
            .map((m) => `${OBSERVATION_LABELS[concept]}${m.side ? ` ${m.side}` : ''} ${formatValue(concept, m.value)}`)
            .join(', ') + ` (${isoDay(first.date)})`,
      };
    }
  }
  return undefined;
}

interface Draft {
  id: WorkupId;
  reasons: string[];
  for: ConditionId[];
  forRedFlags: RedFlagId[];
  priority: WorkupPriority;
}

/** When the planner plans the top-ranked condition although it is only "low": something has been recorded. */
export const ROUTINE_TOP_WHEN: PlanPredicate = { kind: 'not', of: { kind: 'derived', id: 'nothing-recorded' } };

export function planWorkup(
  ctx: PlanContext,
  order: readonly ConditionId[],
  redFlags: readonly RedFlagId[],
): WorkupItem[] {
  // A short array with linear lookup: there are never more than a few dozen items.
  const drafts: Draft[] = [];
  const add = (
    step: Step,
    priority: WorkupPriority,
    condition: ConditionId | undefined,
    flag: RedFlagId | undefined,
  ) => {
    if (step.when && !holdsPlan(step.when, ctx)) return;
    const p = step.priority ?? priority;
    let d = drafts.find((x) => x.id === step.item);
    if (!d) {
      d = { id: step.item, reasons: [step.reason], for: [], forRedFlags: [], priority: p };
      drafts.push(d);
    } else addReason(d.reasons, step.reason);
    if (condition && !d.for.includes(condition)) d.for.push(condition);
    if (flag && !d.forRedFlags.includes(flag)) d.forRedFlags.push(flag);
    if (PRIORITY_RANK[p] < PRIORITY_RANK[d.priority]) d.priority = p;
  };

  for (const flag of redFlags) for (const step of RED_FLAG_WORKUP[flag]) add(step, 'now', undefined, flag);
  const routineTop = holdsPlan(ROUTINE_TOP_WHEN, ctx);
  for (const id of order) {
    const l = ctx.likelihood.get(id) ?? 'unlikely';
    if (l === 'unlikely') continue;
    if (l === 'low' && !(routineTop && ctx.top.has(id))) continue;
    const priority: WorkupPriority = l === 'high' || l === 'moderate' ? 'soon' : 'routine';
    for (const step of CONDITION_WORKUP[id]) add(step, priority, id, undefined);
  }
  // The DVT pathway's next step whenever the Wells score is shown, even if DVT itself ranks low.
  if (ctx.wellsShown) for (const step of DVT_STEPS) add(step, 'routine', 'deep-vein-thrombosis', undefined);

  // Bucket by priority (stable: first-planned first within a priority) instead of sorting.
  const buckets: [WorkupItem[], WorkupItem[], WorkupItem[]] = [[], [], []];
  for (const d of drafts) {
    // Red-flag items name the conditions they concern.
    for (const flag of d.forRedFlags) {
      for (const related of RED_FLAG_RULE_BY_ID.get(flag)?.related ?? []) {
        if (!d.for.includes(related)) d.for.push(related);
      }
    }
    const entry: CatalogueEntry = WORKUP_CATALOGUE[d.id];
    const onFile = alreadyOnFile(entry, ctx);
    buckets[PRIORITY_RANK[d.priority]].push({
      id: d.id,
      label: entry.label,
      reason: d.reasons.length === 1 ? capitaliseStatic(d.reasons[0]!) : capitalise(d.reasons.join('; ')),
      for: d.for,
      ...(d.forRedFlags.length > 0 ? { forRedFlags: d.forRedFlags } : {}),
      priority: d.priority,
      ...(entry.loinc ? { code: { system: LOINC, code: entry.loinc } } : {}),
      ...(onFile ? { alreadyOnFile: onFile } : {}),
    });
  }
  return buckets[0].concat(buckets[1], buckets[2]);
}

/**
 * Adds a reason unless it says nothing new: one that another reason already contains ("anatomy for
 * revascularisation" beside "anatomy for revascularisation planning") is dropped, and a longer one replaces it.
 */
function addReason(reasons: string[], reason: string): void {
  const lower = reason.toLowerCase();
  for (let i = 0; i < reasons.length; i++) {
    const existing = reasons[i]!.toLowerCase();
    if (existing.includes(lower)) return;
    if (lower.includes(existing)) {
      reasons[i] = reason;
      return;
    }
  }
  reasons.push(reason);
}
