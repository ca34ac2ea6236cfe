/**
 * Personas for each ranked condition of the differential (architecture §3.1): the textbook story a
 * clinician would recognise, with the chart data and bedside answers that go with it.
 */
import { chartPersona } from './common';
import type { Persona } from './types';
import {
  CLINICIANS,
  LAB,
  RX,
  egfrUnits,
  gPerDl,
  icd10,
  mIuPerL,
  mgPerDl,
  mmHg,
  mmolPerL,
  ngPerMl,
  ngPerMlFeu,
  percent,
  pgPerMl,
  snomed,
  ugPerDl,
} from './fhir';

const DIABETES_T2 = [
  snomed('44054006', 'Diabetes mellitus type 2'),
  icd10('E11.9', 'Type 2 diabetes mellitus without complications'),
];
const HYPERTENSION = [snomed('38341003', 'Hypertensive disorder'), icd10('I10', 'Essential (primary) hypertension')];

/** PAD with chronic limb-threatening ischaemia: the seed's "burning toes, wakes after 1–2 h, dangles the leg". */
export const padCltiRestPain = chartPersona({
  id: 'pad-clti-rest-pain',
  name: 'Harold Whitfield',
  story:
    '71-year-old diabetic smoker woken 1–2 h after lying down by burning right toes, eased by dangling the leg; ABI 0.45, toe pressure 25 mmHg.',
  covers: ['pad-ischemic-rest-pain', 'chronic-limb-threatening-ischemia'],
  patient: { given: 'Harold', family: 'Whitfield', sex: 'male', age: 71, mrn: 'MRN-100231' },
  clinician: CLINICIANS.okafor,
  reason: 'Night pain in right foot',
  chart: (chart) =>
    chart
      .condition({ key: 'diabetes', codings: DIABETES_T2, text: 'Type 2 diabetes mellitus', onsetDaysAgo: 14 * 365 })
      .condition({
        key: 'pad',
        codings: [snomed('399957001', 'Peripheral arterial occlusive disease')],
        text: 'Peripheral arterial disease',
        onsetDaysAgo: 3 * 365,
      })
      .condition({
        key: 'claudication',
        codings: [
          snomed('63491006', 'Intermittent claudication'),
          icd10(
            'I70.211',
            'Atherosclerosis of native arteries of extremities with intermittent claudication, right leg',
          ),
        ],
        text: 'Intermittent claudication, right calf',
        onsetDaysAgo: 3 * 365,
      })
      .condition({ key: 'hypertension', codings: HYPERTENSION, onsetDaysAgo: 20 * 365 })
      .smoking('smoking', 'current', 30)
      .abi('right', 0.45, 14, { interpretation: 'L' })
      .abi('left', 0.78, 14, { interpretation: 'L' })
      .abi('right', 0.62, 420, { key: 'abi-right-2024', interpretation: 'L' })
      .observation({
        key: 'toe-pressure-right',
        code: { text: 'Toe pressure (systolic), right hallux' },
        quantity: mmHg(25),
        side: 'right',
        daysAgo: 14,
        category: 'exam',
        interpretation: 'L',
      })
      .lab('hba1c', percent(8.4), 45, { referenceRange: { high: 5.6 }, interpretation: 'H' })
      .lab('creatinine', mgPerDl(1.1), 45, { referenceRange: { low: 0.7, high: 1.3 } })
      .lab('egfr', egfrUnits(68), 45)
      .medication({
        key: 'metformin',
        codings: [RX.metformin],
        text: 'metformin 1000 mg oral tablet',
        authoredDaysAgo: 400,
        dosage: '1000 mg twice daily',
      })
      .medication({
        key: 'atorvastatin',
        codings: [RX.atorvastatin],
        text: 'atorvastatin 80 mg oral tablet',
        authoredDaysAgo: 400,
        dosage: '80 mg at night',
      })
      .medication({
        key: 'lisinopril',
        codings: [RX.lisinopril],
        text: 'lisinopril 10 mg oral tablet',
        authoredDaysAgo: 900,
        dosage: '10 mg daily',
      }),
  form: {
    onset: 'gradual',
    durationWeeks: 6,
    side: 'right',
    locations: ['toes-forefoot', 'foot'],
    qualities: ['burning', 'deep-ache'],
    timing: ['after-1-2-hours-wakes'],
    episodeLength: 'hours',
    relievedBy: ['dangling-leg', 'walking'],
    worsenedBy: ['elevating-leg'],
    irlssg: { urgeToMove: false },
    exam: {
      coolFoot: true,
      pallorOnElevationOrDependentRubor: true,
      shinyHairlessSkin: true,
      ulcer: false,
      gangrene: false,
      pulsesRight: 'absent',
      unilateralSwelling: false,
      suddenColdPaleLeg: false,
      saddleAnaesthesia: false,
    },
    history: { claudication: true, backPain: false, dyspnoeaOrChestPain: false, fever: false },
    comment: 'Now sleeps in the armchair most nights. Walking distance down to 50 m over the past month.',
  },
  expect: {
    top: 'pad-ischemic-rest-pain',
    redFlags: ['chronic-limb-threatening-ischemia'],
    absentRedFlags: ['acute-limb-ischemia', 'suspected-dvt', 'cauda-equina', 'cellulitis'],
  },
});

/** Lumbar spinal stenosis: extension (lying flat) narrows the canal, flexion relieves; pulses and ABI normal. */
export const lumbarStenosis = chartPersona({
  id: 'lumbar-stenosis',
  name: 'Margaret Ellison',
  story:
    '68-year-old with lumbar stenosis: shooting pain from the right buttock down the leg when lying flat, relieved curled up; pulses and ABI normal.',
  covers: ['lumbar-radiculopathy'],
  patient: { given: 'Margaret', family: 'Ellison', sex: 'female', age: 68, mrn: 'MRN-100232' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Leg pain at night',
  chart: (chart) =>
    chart
      .condition({
        key: 'lumbar-stenosis',
        codings: [
          snomed('18347007', 'Spinal stenosis of lumbar region'),
          icd10('M48.062', 'Spinal stenosis, lumbar region with neurogenic claudication'),
        ],
        text: 'Lumbar spinal stenosis with neurogenic claudication',
        onsetDaysAgo: 2 * 365,
      })
      .condition({
        key: 'low-back-pain',
        codings: [snomed('279039007', 'Low back pain'), icd10('M54.50', 'Low back pain, unspecified')],
        onsetDaysAgo: 6 * 365,
      })
      .condition({ key: 'hypertension', codings: HYPERTENSION, onsetDaysAgo: 10 * 365 })
      .smoking('smoking', 'never', 200)
      .abi('right', 1.1, 90, { interpretation: 'N' })
      .abi('left', 1.08, 90, { interpretation: 'N' })
      .lab('hba1c', percent(5.4), 120)
      .medication({
        key: 'amlodipine',
        codings: [RX.amlodipine],
        text: 'amlodipine 5 mg oral tablet',
        authoredDaysAgo: 700,
        dosage: '5 mg daily',
      }),
  form: {
    onset: 'gradual',
    durationWeeks: 16,
    side: 'right',
    locations: ['back-of-leg-from-buttock', 'calf'],
    qualities: ['sharp-shooting-electric', 'numbness-tingling'],
    timing: ['immediately-when-flat'],
    episodeLength: 'minutes-until-position-change',
    relievedBy: ['curling-up-flexion', 'raising-head-of-bed'],
    worsenedBy: ['lying-flat-on-back'],
    irlssg: { urgeToMove: false },
    exam: {
      pulsesRight: 'normal',
      coolFoot: false,
      straightLegRaise: 'negative',
      dermatomalSensoryLoss: true,
      saddleAnaesthesia: false,
      bladderOrBowelChange: false,
      progressiveWeakness: false,
      footDrop: false,
      unilateralSwelling: false,
    },
    history: { backPain: true, claudication: false, weightLoss: false, fever: false, cancerHistory: false },
    comment: 'Walks further leaning on a shopping trolley. Sleeps on her side with knees drawn up.',
  },
  expect: {
    top: 'lumbar-radiculopathy',
    absentRedFlags: ['cauda-equina', 'chronic-limb-threatening-ischemia', 'acute-limb-ischemia', 'suspected-dvt'],
  },
});

/** Common peroneal nerve compression at the fibular head: positional, resolves within minutes. */
export const peronealEntrapment = chartPersona({
  id: 'peroneal-entrapment',
  name: 'Daniel Okonkwo',
  story:
    '46-year-old who sleeps with legs crossed after losing 14 kg: numb lateral left leg with pressure at the knee, gone within minutes of moving.',
  covers: ['peroneal-neuropathy'],
  patient: { given: 'Daniel', family: 'Okonkwo', sex: 'male', age: 46, mrn: 'MRN-100233' },
  clinician: CLINICIANS.nguyen,
  reason: 'Numbness left leg at night',
  chart: (chart) =>
    chart
      .observation({
        key: 'bmi-now',
        code: LAB.bmi,
        quantity: { value: 26.1, unit: 'kg/m2', ucum: 'kg/m2' },
        daysAgo: 0.01,
        category: 'vital-signs',
      })
      .observation({
        key: 'bmi-before',
        code: LAB.bmi,
        quantity: { value: 30.8, unit: 'kg/m2', ucum: 'kg/m2' },
        daysAgo: 150,
        category: 'vital-signs',
      })
      .lab('hba1c', percent(5.2), 150)
      .smoking('smoking', 'never', 150),
  form: {
    onset: 'gradual',
    durationWeeks: 5,
    side: 'left',
    locations: ['lateral-leg-dorsum-foot'],
    qualities: ['numbness-tingling'],
    timing: ['only-with-knee-pressure'],
    episodeLength: 'minutes-until-position-change',
    relievedBy: ['changing-position'],
    worsenedBy: ['pressure-at-knee'],
    irlssg: { urgeToMove: false },
    exam: {
      tinelAtFibularHead: true,
      footDrop: false,
      weakDorsiflexionEversion: false,
      weakInversion: false,
      pulsesLeft: 'normal',
      straightLegRaise: 'negative',
      unilateralSwelling: false,
      saddleAnaesthesia: false,
    },
    history: { legCrossingOrKneeling: true, weightLoss: true, backPain: false, cancerHistory: false, fever: false },
    comment:
      'Intentional weight loss of 14 kg on a diet over 5 months. Sleeps on his side with the left knee on the right.',
  },
  expect: {
    top: 'peroneal-neuropathy',
    absentRedFlags: ['progressive-foot-drop', 'cauda-equina', 'suspected-dvt', 'acute-limb-ischemia'],
  },
});

/** Nocturnal leg cramps with culprit drugs and low potassium and magnesium (magnesium reported in mmol/L). */
export const nocturnalLegCramps = chartPersona({
  id: 'nocturnal-leg-cramps',
  name: 'Dorothy Pennington',
  story:
    '76-year-old on furosemide and atorvastatin woken by sudden calf cramps with a hard knot, eased by stretching; K 3.2, Mg low (in mmol/L).',
  covers: ['nocturnal-leg-cramps'],
  patient: { given: 'Dorothy', family: 'Pennington', sex: 'female', age: 76, mrn: 'MRN-100234' },
  clinician: CLINICIANS.okafor,
  reason: 'Night cramps in calves',
  chart: (chart) =>
    chart
      .condition({ key: 'hypertension', codings: HYPERTENSION, onsetDaysAgo: 18 * 365 })
      .condition({
        key: 'hyperlipidemia',
        codings: [snomed('55822004', 'Hyperlipidemia'), icd10('E78.5', 'Hyperlipidemia, unspecified')],
        onsetDaysAgo: 9 * 365,
      })
      .medication({
        key: 'furosemide',
        codings: [RX.furosemide],
        text: 'furosemide 40 mg oral tablet',
        authoredDaysAgo: 120,
        dosage: '40 mg every morning',
      })
      .medication({
        key: 'atorvastatin',
        codings: [RX.atorvastatin],
        text: 'atorvastatin 40 mg oral tablet',
        authoredDaysAgo: 800,
        dosage: '40 mg at night',
      })
      .lab('potassium', mmolPerL(3.2), 9, { referenceRange: { low: 3.5, high: 5.1 }, interpretation: 'L' })
      .observation({
        key: 'magnesium',
        code: LAB.magnesium,
        // The lab reports magnesium in mmol/L on a mass/volume LOINC: 0.62 mmol/L ≈ 1.51 mg/dL (low).
        quantity: { value: 0.62, unit: 'mmol/L', ucum: 'mmol/L' },
        daysAgo: 9,
        referenceRange: { low: 0.7, high: 1.0 },
        interpretation: 'L',
      })
      .lab('calcium', mgPerDl(9.3), 9, { referenceRange: { low: 8.6, high: 10.3 } })
      .lab('creatinine', mgPerDl(1.0), 9)
      .lab('egfr', egfrUnits(58), 9)
      .lab('tsh', mIuPerL(2.1), 200)
      .smoking('smoking', 'never', 300),
  form: {
    onset: 'gradual',
    durationWeeks: 10,
    side: 'both',
    locations: ['calf'],
    qualities: ['cramp-knot'],
    timing: ['sudden-during-sleep'],
    episodeLength: 'seconds-to-minutes',
    relievedBy: ['stretching-calf'],
    irlssg: { urgeToMove: false, reliefByMovement: false },
    exam: {
      palpableCrampKnot: true,
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
      unilateralSwelling: false,
      calfSwellingOver3cm: false,
      deepVeinTenderness: false,
      warmth: false,
      redness: false,
      coolFoot: false,
    },
    history: { recentSurgeryOrBedRest: false, dyspnoeaOrChestPain: false, recentExertionOrDehydration: false },
    comment: 'Cramps 3–4 nights a week, one calf at a time, since the furosemide dose was increased.',
  },
  expect: {
    top: 'nocturnal-leg-cramps',
    absentRedFlags: ['suspected-dvt', 'acute-limb-ischemia', 'chronic-limb-threatening-ischemia', 'cauda-equina'],
  },
});

const IRLSSG_ALL_MET = {
  urgeToMove: true,
  worseAtRest: true,
  reliefByMovement: true,
  eveningOrNight: true,
  notExplainedByMimic: true,
} as const;

/** Restless legs syndrome with low ferritin, CKD stage 4 and a culprit SSRI. */
export const restlessLegsCkd = chartPersona({
  id: 'restless-legs-ckd',
  name: 'Priya Raman',
  story:
    '58-year-old with CKD stage 4 on sertraline: evening urge to move both legs, creeping feeling, relieved by walking; ferritin 40 ng/mL.',
  covers: ['restless-legs-syndrome'],
  patient: { given: 'Priya', family: 'Raman', sex: 'female', age: 58, mrn: 'MRN-100235' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Restless legs at night',
  chart: (chart) =>
    chart
      .condition({
        key: 'ckd4',
        codings: [
          snomed('431857002', 'Chronic kidney disease stage 4'),
          icd10('N18.4', 'Chronic kidney disease, stage 4 (severe)'),
        ],
        text: 'Chronic kidney disease stage 4',
        onsetDaysAgo: 3 * 365,
      })
      .condition({ key: 'hypertension', codings: HYPERTENSION, onsetDaysAgo: 15 * 365 })
      .medication({
        key: 'sertraline',
        codings: [RX.sertraline],
        text: 'sertraline 100 mg oral tablet',
        authoredDaysAgo: 500,
        dosage: '100 mg daily',
      })
      .lab('ferritin', ngPerMl(40), 21, { referenceRange: { low: 15, high: 150 } })
      .lab('iron', ugPerDl(48), 21)
      .lab('tibc', ugPerDl(390), 21)
      .lab('tsat', percent(12), 21, { referenceRange: { low: 20, high: 50 }, interpretation: 'L' })
      .lab('hemoglobin', gPerDl(10.8), 21, { referenceRange: { low: 12, high: 15.5 }, interpretation: 'L' })
      .lab('creatinine', mgPerDl(2.6), 21, { interpretation: 'H' })
      .lab('egfr', egfrUnits(21), 21, { interpretation: 'L' })
      .smoking('smoking', 'never', 400),
  form: {
    onset: 'gradual',
    durationWeeks: 40,
    side: 'both',
    locations: ['calf', 'thigh'],
    qualities: ['creeping-urge', 'deep-ache'],
    timing: ['evening-at-rest'],
    episodeLength: 'as-long-as-at-rest',
    relievedBy: ['moving-legs', 'walking'],
    worsenedBy: ['rest'],
    irlssg: IRLSSG_ALL_MET,
    exam: {
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
      palpableCrampKnot: false,
      unilateralSwelling: false,
      reducedVibrationOrMonofilament: false,
    },
    history: { partnerNoticesLegJerks: true, familyHistoryRls: false, dyspnoeaOrChestPain: false },
    comment: 'Has to get up and pace the hallway most evenings; husband reports leg jerks in sleep.',
  },
  expect: {
    top: 'restless-legs-syndrome',
    absentRedFlags: ['suspected-dvt', 'chronic-limb-threatening-ischemia', 'acute-limb-ischemia', 'cauda-equina'],
  },
});

/** RLS in the third trimester with iron deficiency. */
export const restlessLegsPregnancy = chartPersona({
  id: 'restless-legs-pregnancy',
  name: 'Sofia Moretti',
  story: '31-year-old, 33 weeks pregnant: irresistible urge to move her legs every evening in bed; ferritin 18 ng/mL.',
  covers: ['restless-legs-syndrome'],
  patient: { given: 'Sofia', family: 'Moretti', sex: 'female', age: 31, mrn: 'MRN-100236' },
  clinician: CLINICIANS.nguyen,
  reason: 'Restless legs in pregnancy',
  chart: (chart) =>
    chart
      .condition({
        key: 'pregnancy',
        codings: [snomed('77386006', 'Patient currently pregnant'), icd10('Z33.1', 'Pregnant state, incidental')],
        text: 'Pregnancy, 33 weeks',
        onsetDaysAgo: 33 * 7,
      })
      .lab('ferritin', ngPerMl(18), 12, { referenceRange: { low: 15, high: 150 } })
      .lab('hemoglobin', gPerDl(10.6), 12, { interpretation: 'L' })
      .smoking('smoking', 'never', 200),
  form: {
    onset: 'gradual',
    durationWeeks: 8,
    side: 'both',
    locations: ['calf'],
    qualities: ['creeping-urge'],
    timing: ['evening-at-rest'],
    episodeLength: 'as-long-as-at-rest',
    relievedBy: ['moving-legs', 'walking'],
    worsenedBy: ['rest'],
    irlssg: IRLSSG_ALL_MET,
    exam: {
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
      unilateralSwelling: false,
      calfSwellingOver3cm: false,
      deepVeinTenderness: false,
      palpableCrampKnot: false,
    },
    history: {
      pregnantOrPostpartum: true,
      familyHistoryRls: true,
      dyspnoeaOrChestPain: false,
      recentSurgeryOrBedRest: false,
    },
  },
  expect: {
    top: 'restless-legs-syndrome',
    absentRedFlags: ['suspected-dvt', 'possible-pulmonary-embolism', 'acute-limb-ischemia'],
  },
});

/** DVT after hip replacement in a patient with active cancer and a previous DVT (Wells high). */
export const dvtPostHipReplacement = chartPersona({
  id: 'dvt-post-hip-replacement',
  name: 'Walter Brennan',
  story:
    '67-year-old, 3 weeks after a hip replacement, with prostate cancer and a past DVT: sudden swollen, tender left calf since yesterday.',
  covers: ['deep-vein-thrombosis', 'suspected-dvt'],
  patient: { given: 'Walter', family: 'Brennan', sex: 'male', age: 67, mrn: 'MRN-100237' },
  clinician: CLINICIANS.okafor,
  reason: 'Swollen painful left calf',
  chart: (chart) =>
    chart
      .procedure({
        key: 'hip-replacement',
        codings: [snomed('52734007', 'Total replacement of hip')],
        text: 'Total hip replacement, left',
        daysAgo: 21,
        hours: 3,
      })
      .inpatientStay('admission-hip', 22, 17, 'Elective left total hip replacement')
      .condition({
        key: 'prostate-cancer',
        codings: [snomed('126906006', 'Neoplasm of prostate')],
        text: 'Prostate cancer, on androgen deprivation therapy',
        onsetDaysAgo: 300,
      })
      .condition({
        key: 'history-dvt',
        codings: [
          snomed('161508001', 'History of - deep vein thrombosis'),
          icd10('Z86.718', 'Personal history of other venous thrombosis and embolism'),
        ],
        text: 'History of DVT (right leg, 2019)',
        recordedDaysAgo: 6 * 365,
      })
      .condition({ key: 'hypertension', codings: HYPERTENSION, onsetDaysAgo: 12 * 365 })
      .medication({
        key: 'apixaban-2019',
        codings: [RX.apixaban],
        text: 'apixaban 5 mg oral tablet',
        status: 'completed',
        authoredDaysAgo: 6 * 365,
        dosage: '5 mg twice daily for 3 months',
      })
      .lab('hemoglobin', gPerDl(11.9), 18, { interpretation: 'L' })
      .lab('creatinine', mgPerDl(0.9), 18)
      .smoking('smoking', 'former', 22),
  form: {
    onset: 'sudden',
    durationWeeks: 0.3,
    side: 'left',
    locations: ['calf'],
    qualities: ['tight-swollen', 'deep-ache'],
    timing: ['constant'],
    episodeLength: 'persistent',
    relievedBy: ['nothing'],
    irlssg: { urgeToMove: false },
    exam: {
      unilateralSwelling: true,
      calfSwellingOver3cm: true,
      pittingOedemaSymptomaticLeg: true,
      deepVeinTenderness: true,
      warmth: true,
      redness: false,
      entireLegSwollen: false,
      collateralSuperficialVeins: false,
      pulsesLeft: 'normal',
      suddenColdPaleLeg: false,
    },
    history: {
      recentSurgeryOrBedRest: true,
      cancerHistory: true,
      dyspnoeaOrChestPain: false,
      haemoptysisOrSyncope: false,
      fever: false,
      alternativeDiagnosisAsLikely: false,
    },
    comment: 'Left calf 4 cm larger than right, 10 cm below the tibial tuberosity.',
  },
  expect: {
    top: 'deep-vein-thrombosis',
    redFlags: ['suspected-dvt'],
    absentRedFlags: ['possible-pulmonary-embolism', 'acute-limb-ischemia', 'cauda-equina'],
  },
});

/** DVT with breathlessness: possible pulmonary embolism is an emergency. */
export const dvtPossiblePe = chartPersona({
  id: 'dvt-possible-pe',
  name: 'Sandra Kowalczyk',
  story:
    '62-year-old on chemotherapy for lung cancer, home from hospital 10 days: whole right leg swollen and new breathlessness; D-dimer high.',
  covers: ['deep-vein-thrombosis', 'suspected-dvt', 'possible-pulmonary-embolism'],
  patient: { given: 'Sandra', family: 'Kowalczyk', sex: 'female', age: 62, mrn: 'MRN-100238' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Swollen right leg, short of breath',
  chart: (chart) =>
    chart
      .condition({
        key: 'lung-cancer',
        codings: [snomed('254637007', 'Non-small cell lung cancer')],
        text: 'Non-small cell lung cancer, on chemotherapy',
        onsetDaysAgo: 160,
      })
      .inpatientStay('admission-neutropenia', 16, 10, 'Febrile neutropenia')
      .lab('dDimerFeu', ngPerMlFeu(2400), 0.1, { key: 'd-dimer', referenceRange: { high: 500 }, interpretation: 'H' })
      .lab('hemoglobin', gPerDl(10.2), 11, { interpretation: 'L' })
      .smoking('smoking', 'former', 160),
  form: {
    onset: 'sudden',
    durationWeeks: 0.4,
    side: 'right',
    locations: ['calf', 'thigh', 'whole-leg'],
    qualities: ['tight-swollen', 'deep-ache'],
    timing: ['constant'],
    episodeLength: 'persistent',
    relievedBy: ['nothing'],
    exam: {
      unilateralSwelling: true,
      entireLegSwollen: true,
      calfSwellingOver3cm: true,
      pittingOedemaSymptomaticLeg: true,
      deepVeinTenderness: true,
      pulsesRight: 'normal',
      suddenColdPaleLeg: false,
    },
    history: {
      recentSurgeryOrBedRest: true,
      cancerHistory: true,
      dyspnoeaOrChestPain: true,
      breathlessnessNewOrWorse: true,
      haemoptysisOrSyncope: false,
      fever: false,
      alternativeDiagnosisAsLikely: false,
    },
    comment: 'Breathless walking to the consulting room; heart rate 112 on arrival.',
  },
  expect: {
    top: 'deep-vein-thrombosis',
    redFlags: ['suspected-dvt', 'possible-pulmonary-embolism'],
    absentRedFlags: ['acute-limb-ischemia', 'cauda-equina'],
  },
});

/** Painful diabetic peripheral neuropathy: bilateral, symmetric, burning feet. */
export const diabeticNeuropathy = chartPersona({
  id: 'diabetic-neuropathy',
  name: 'Samuel Adeyemi',
  story:
    '63-year-old with type 2 diabetes (HbA1c 9.1%) and known neuropathy: burning, tingling soles of both feet at night; no ABI on file.',
  covers: ['diabetic-peripheral-neuropathy'],
  patient: { given: 'Samuel', family: 'Adeyemi', sex: 'male', age: 63, mrn: 'MRN-100239' },
  clinician: CLINICIANS.nguyen,
  reason: 'Burning feet at night',
  chart: (chart) =>
    chart
      .condition({ key: 'diabetes', codings: DIABETES_T2, text: 'Type 2 diabetes mellitus', onsetDaysAgo: 12 * 365 })
      .condition({
        key: 'diabetic-neuropathy',
        codings: [
          snomed('368581000119106', 'Neuropathy due to type 2 diabetes mellitus'),
          icd10('E11.40', 'Type 2 diabetes mellitus with diabetic neuropathy, unspecified'),
        ],
        text: 'Diabetic peripheral neuropathy',
        onsetDaysAgo: 3 * 365,
      })
      .lab('hba1c', percent(9.1), 20, { referenceRange: { high: 5.6 }, interpretation: 'H' })
      .lab('hba1c', percent(8.6), 200, { key: 'hba1c-prior', interpretation: 'H' })
      .lab('glucoseSerum', mgPerDl(212), 20, { key: 'glucose', interpretation: 'H' })
      .lab('b12', pgPerMl(410), 20)
      .lab('creatinine', mgPerDl(1.1), 20)
      .medication({
        key: 'metformin',
        codings: [RX.metformin],
        text: 'metformin 1000 mg oral tablet',
        authoredDaysAgo: 1500,
        dosage: '1000 mg twice daily',
      })
      .smoking('smoking', 'never', 100),
  form: {
    onset: 'gradual',
    durationWeeks: 52,
    side: 'both',
    locations: ['toes-forefoot', 'foot'],
    qualities: ['burning', 'numbness-tingling', 'sheets-touching-hurts'],
    timing: ['constant'],
    episodeLength: 'persistent',
    irlssg: { urgeToMove: false },
    exam: {
      reducedVibrationOrMonofilament: true,
      reducedAnkleReflexes: true,
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
      coolFoot: false,
      ulcer: false,
      gangrene: false,
      unilateralSwelling: false,
    },
    history: { backPain: false, claudication: false },
    comment:
      'Worse at night; the bedsheets hurt his feet. Monofilament absent at 6 of 10 sites on both feet; ankle jerks absent on both sides.',
  },
  expect: {
    top: 'diabetic-peripheral-neuropathy',
    absentRedFlags: ['chronic-limb-threatening-ischemia', 'acute-limb-ischemia', 'suspected-dvt', 'cauda-equina'],
  },
});

/**
 * Chronic venous insufficiency: heavy, aching legs at the end of a standing day, eased by raising the legs, with
 * ankle oedema, varicose veins and haemosiderin staining (a mimic with the opposite pattern to PAD: elevation
 * helps, dependency hurts). Normal pulses and ABI, so compression is safe.
 */
export const venousInsufficiency = chartPersona({
  id: 'venous-insufficiency',
  name: 'Eileen Gallagher',
  story:
    '66-year-old shop worker with chronic venous insufficiency: heavy, aching, swollen calves by evening, eased with her legs up on pillows.',
  covers: ['venous-insufficiency'],
  patient: { given: 'Eileen', family: 'Gallagher', sex: 'female', age: 66, mrn: 'MRN-100240' },
  clinician: CLINICIANS.okafor,
  reason: 'Aching legs in the evening',
  chart: (chart) =>
    chart
      .condition({
        key: 'venous-insufficiency',
        codings: [icd10('I87.2', 'Venous insufficiency (chronic) (peripheral)')],
        text: 'Chronic venous insufficiency, both legs',
        onsetDaysAgo: 5 * 365,
      })
      .condition({ key: 'hypertension', codings: HYPERTENSION, onsetDaysAgo: 8 * 365 })
      .abi('right', 1.05, 60, { interpretation: 'N' })
      .abi('left', 1.07, 60, { interpretation: 'N' })
      .medication({
        key: 'amlodipine',
        codings: [RX.amlodipine],
        text: 'amlodipine 5 mg oral tablet',
        authoredDaysAgo: 900,
        dosage: '5 mg daily',
      })
      .smoking('smoking', 'never', 300),
  form: {
    onset: 'gradual',
    durationWeeks: 104,
    side: 'both',
    locations: ['calf'],
    qualities: ['heavy-aching', 'tight-swollen'],
    timing: ['end-of-day-after-standing'],
    episodeLength: 'hours',
    relievedBy: ['elevating-legs'],
    irlssg: { urgeToMove: false, reliefByMovement: false },
    exam: {
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
      ankleOedema: true,
      varicoseVeins: true,
      venousSkinChanges: true,
      unilateralSwelling: false,
      pittingOedemaSymptomaticLeg: false,
      deepVeinTenderness: false,
      redness: false,
      warmth: false,
      coolFoot: false,
      palpableCrampKnot: false,
    },
    history: { recentSurgeryOrBedRest: false, dyspnoeaOrChestPain: false, claudication: false },
    comment:
      'Heaviness builds through a standing shift and eases within 30 minutes with the legs up on pillows. Varicose veins, pitting ankle oedema and haemosiderin staining over both medial ankles.',
  },
  expect: {
    top: 'venous-insufficiency',
    absentRedFlags: ['suspected-dvt', 'acute-limb-ischemia', 'chronic-limb-threatening-ischemia', 'cellulitis'],
  },
});

export const DIFFERENTIAL_PERSONAS: readonly Persona[] = [
  padCltiRestPain,
  lumbarStenosis,
  peronealEntrapment,
  nocturnalLegCramps,
  restlessLegsCkd,
  restlessLegsPregnancy,
  dvtPostHipReplacement,
  dvtPossiblePe,
  diabeticNeuropathy,
  venousInsufficiency,
];
