/**
 * Red-flag personas (architecture §3.2, reference §4.9): presentations where the ranking matters less
 * than acting now. Each one must raise its flag whatever the scores say.
 */
import { chartPersona } from './common';
import type { Persona } from './types';
import { CLINICIANS, LAB, RX, gPerDl, icd10, mgPerDl, perMin, percent, snomed, standardChart } from './fhir';

/** Acute limb ischaemia: sudden cold, pale, pulseless leg in atrial fibrillation off anticoagulation. */
export const acuteLimbIschemia = chartPersona({
  id: 'acute-limb-ischemia',
  name: 'Frank Delaney',
  story:
    '78-year-old with atrial fibrillation, anticoagulant stopped 2 months ago: right leg suddenly cold, pale, numb and pulseless 3 hours ago.',
  covers: ['acute-limb-ischemia', 'pad-ischemic-rest-pain'],
  patient: { given: 'Frank', family: 'Delaney', sex: 'male', age: 78, mrn: 'MRN-100301' },
  clinician: CLINICIANS.okafor,
  reason: 'Sudden cold right leg',
  chart: (chart) =>
    chart
      .condition({
        key: 'atrial-fibrillation',
        codings: [snomed('49436004', 'Atrial fibrillation')],
        onsetDaysAgo: 4 * 365,
      })
      .condition({
        key: 'claudication',
        codings: [snomed('63491006', 'Intermittent claudication')],
        text: 'Intermittent claudication, right calf',
        onsetDaysAgo: 2 * 365,
      })
      .condition({
        key: 'hypertension',
        codings: [snomed('38341003', 'Hypertensive disorder'), icd10('I10', 'Essential (primary) hypertension')],
        onsetDaysAgo: 20 * 365,
      })
      .medication({
        key: 'apixaban',
        codings: [RX.apixaban],
        text: 'apixaban 5 mg oral tablet',
        status: 'stopped',
        authoredDaysAgo: 4 * 365,
        dosage: 'Stopped after a gastrointestinal bleed',
      })
      .abi('right', 0.82, 300, { interpretation: 'L' })
      .abi('left', 0.95, 300)
      .smoking('smoking', 'former', 300),
  form: {
    onset: 'sudden',
    durationWeeks: 0,
    restPainDuration: 'hours',
    side: 'right',
    locations: ['whole-leg', 'foot'],
    qualities: ['numbness-tingling', 'deep-ache'],
    timing: ['constant'],
    episodeLength: 'persistent',
    relievedBy: ['nothing'],
    exam: {
      suddenColdPaleLeg: true,
      coolFoot: true,
      footSensation: 'reduced-beyond-toes',
      pulsesRight: 'absent',
      unilateralSwelling: false,
      redness: false,
      saddleAnaesthesia: false,
    },
    history: { claudication: true, recentTrauma: false, fever: false },
    comment: 'Woke at 3 am with the right foot white and cold; cannot feel the toes.',
  },
  expect: {
    top: 'pad-ischemic-rest-pain',
    redFlags: ['acute-limb-ischemia'],
    absentRedFlags: ['cauda-equina', 'cellulitis'],
  },
});

/** Cauda equina syndrome on a known lumbar disc herniation. */
export const caudaEquina = chartPersona({
  id: 'cauda-equina',
  name: 'Lisa Thornton',
  story:
    '44-year-old with a known L4–5 disc: shooting pain down both legs, now numb "in the saddle" and unable to pass urine since this morning.',
  covers: ['cauda-equina', 'lumbar-radiculopathy'],
  patient: { given: 'Lisa', family: 'Thornton', sex: 'female', age: 44, mrn: 'MRN-100302' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Back pain with leg pain and numbness',
  chart: (chart) =>
    chart
      .condition({
        key: 'disc-herniation',
        codings: [icd10('M51.16', 'Intervertebral disc disorders with radiculopathy, lumbar region')],
        text: 'L4–5 disc herniation with radiculopathy',
        onsetDaysAgo: 56,
      })
      .condition({
        key: 'low-back-pain',
        codings: [snomed('279039007', 'Low back pain'), icd10('M54.50', 'Low back pain, unspecified')],
        onsetDaysAgo: 60,
      })
      .smoking('smoking', 'never', 60),
  form: {
    onset: 'sudden',
    durationWeeks: 8,
    side: 'both',
    locations: ['back-of-leg-from-buttock', 'calf'],
    qualities: ['sharp-shooting-electric', 'numbness-tingling'],
    timing: ['constant'],
    episodeLength: 'persistent',
    worsenedBy: ['cough-sneeze', 'lying-flat-on-back'],
    exam: {
      straightLegRaise: 'positive',
      saddleAnaesthesia: true,
      bladderOrBowelChange: true,
      dermatomalSensoryLoss: true,
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
      unilateralSwelling: false,
    },
    history: { backPain: true, fever: false, recentTrauma: false },
    comment: 'Painless urinary retention since this morning; perianal sensation reduced.',
  },
  expect: {
    top: 'lumbar-radiculopathy',
    redFlags: ['cauda-equina'],
    absentRedFlags: ['acute-limb-ischemia', 'chronic-limb-threatening-ischemia', 'cellulitis'],
  },
});

/** Cellulitis: spreading redness, warmth and fever in a diabetic leg (DVT remains to be excluded). */
export const cellulitis = chartPersona({
  id: 'cellulitis',
  name: 'George Whitaker',
  story: '59-year-old with diabetes and obesity: red, hot, swollen left shin spreading over 2 days, fever 38.6 °C.',
  covers: ['cellulitis'],
  patient: { given: 'George', family: 'Whitaker', sex: 'male', age: 59, mrn: 'MRN-100303' },
  clinician: CLINICIANS.nguyen,
  reason: 'Red swollen left leg',
  chart: (chart) =>
    chart
      .condition({
        key: 'diabetes',
        codings: [
          snomed('44054006', 'Diabetes mellitus type 2'),
          icd10('E11.9', 'Type 2 diabetes mellitus without complications'),
        ],
        onsetDaysAgo: 8 * 365,
      })
      .condition({
        key: 'obesity',
        codings: [snomed('162864005', 'Body mass index 30+ - obesity')],
        onsetDaysAgo: 5 * 365,
      })
      .lab('hba1c', percent(8.2), 60, { interpretation: 'H' })
      .observation({
        key: 'bmi',
        code: LAB.bmi,
        quantity: { value: 34.2, unit: 'kg/m2', ucum: 'kg/m2' },
        daysAgo: 0.01,
        category: 'vital-signs',
      })
      .medication({
        key: 'metformin',
        codings: [RX.metformin],
        text: 'metformin 500 mg oral tablet',
        authoredDaysAgo: 900,
        dosage: '500 mg twice daily',
      }),
  form: {
    onset: 'gradual',
    durationWeeks: 0.3,
    side: 'left',
    locations: ['calf', 'foot'],
    qualities: ['burning', 'tight-swollen'],
    timing: ['constant'],
    episodeLength: 'persistent',
    relievedBy: ['nothing'],
    exam: {
      redness: true,
      warmth: true,
      unilateralSwelling: true,
      pulsesLeft: 'normal',
      ulcer: false,
      suddenColdPaleLeg: false,
      tenseSwollenCompartment: false,
    },
    history: { fever: true, recentTrauma: false, dyspnoeaOrChestPain: false, alternativeDiagnosisAsLikely: true },
    comment: 'Spreading erythema with a fissure between the 4th and 5th toes; margin marked at 14:10.',
  },
  expect: {
    top: 'cellulitis',
    redFlags: ['cellulitis'],
    absentRedFlags: [
      'acute-limb-ischemia',
      'cauda-equina',
      'compartment-syndrome',
      'necrotising-soft-tissue-infection',
      'night-pain-malignancy-infection',
    ],
  },
});

/** New, progressive foot drop from peroneal compression (kneeling at work, weight loss). */
export const progressiveFootDrop = chartPersona({
  id: 'progressive-foot-drop',
  name: 'Martin Kessler',
  story:
    '52-year-old tiler, kneeling all day after losing weight: numb lateral left leg and a left foot drop that has worsened over 3 weeks.',
  covers: ['progressive-foot-drop', 'peroneal-neuropathy'],
  patient: { given: 'Martin', family: 'Kessler', sex: 'male', age: 52, mrn: 'MRN-100304' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Tripping over left foot',
  chart: (chart) =>
    chart
      .condition({
        key: 'diabetes',
        codings: [
          snomed('44054006', 'Diabetes mellitus type 2'),
          icd10('E11.9', 'Type 2 diabetes mellitus without complications'),
        ],
        onsetDaysAgo: 4 * 365,
      })
      .lab('hba1c', percent(7.1), 90, { interpretation: 'H' })
      .smoking('smoking', 'current', 90),
  form: {
    onset: 'gradual',
    durationWeeks: 3,
    side: 'left',
    locations: ['lateral-leg-dorsum-foot'],
    qualities: ['numbness-tingling'],
    timing: ['constant'],
    episodeLength: 'persistent',
    worsenedBy: ['pressure-at-knee'],
    exam: {
      footDrop: true,
      weakDorsiflexionEversion: true,
      weakInversion: false,
      tinelAtFibularHead: true,
      progressiveWeakness: true,
      straightLegRaise: 'negative',
      saddleAnaesthesia: false,
      bladderOrBowelChange: false,
      pulsesLeft: 'normal',
    },
    history: { legCrossingOrKneeling: true, weightLoss: true, backPain: false, recentTrauma: false },
    comment: 'Steppage gait on the left. Dorsiflexion 3/5 last week, 2/5 today; inversion 5/5.',
  },
  expect: {
    top: 'peroneal-neuropathy',
    redFlags: ['progressive-foot-drop'],
    // Constant pain with weight loss, but what relieves it was not recorded: asked, not flagged.
    absentRedFlags: ['acute-limb-ischemia', 'suspected-dvt', 'compartment-syndrome', 'night-pain-malignancy-infection'],
  },
});

/** Constant night pain, weight loss and a cancer history: malignancy (or infection) until proven otherwise. */
export const nightPainMalignancy = chartPersona({
  id: 'night-pain-malignancy',
  name: 'Raymond Cole',
  story:
    '72-year-old with treated prostate cancer: constant deep right thigh and buttock pain every night, no position helps, 6 kg weight loss.',
  covers: ['night-pain-malignancy-infection'],
  patient: { given: 'Raymond', family: 'Cole', sex: 'male', age: 72, mrn: 'MRN-100305' },
  clinician: CLINICIANS.okafor,
  reason: 'Night pain right thigh',
  chart: (chart) =>
    chart
      .condition({
        key: 'prostate-cancer',
        codings: [snomed('126906006', 'Neoplasm of prostate')],
        text: 'Prostate cancer, treated with radiotherapy',
        clinical: 'remission',
        onsetDaysAgo: 6 * 365,
        abatementDaysAgo: 5 * 365,
      })
      .lab('hemoglobin', gPerDl(11.2), 14, { interpretation: 'L' })
      .lab('calcium', mgPerDl(10.9), 14, { referenceRange: { low: 8.6, high: 10.3 }, interpretation: 'H' })
      .smoking('smoking', 'former', 200),
  form: {
    onset: 'gradual',
    durationWeeks: 6,
    side: 'right',
    locations: ['thigh', 'back-of-leg-from-buttock'],
    qualities: ['deep-ache'],
    timing: ['constant'],
    episodeLength: 'persistent',
    relievedBy: ['nothing'],
    exam: { pulsesRight: 'normal', unilateralSwelling: false, redness: false, saddleAnaesthesia: false },
    history: { weightLoss: true, cancerHistory: true, backPain: true, fever: false, recentTrauma: false },
    comment: 'Lost 6 kg in 2 months without trying. Pain unchanged lying, sitting or walking.',
  },
  expect: {
    redFlags: ['night-pain-malignancy-infection'],
    absentRedFlags: ['acute-limb-ischemia', 'cellulitis', 'compartment-syndrome'],
  },
});

/** Acute compartment syndrome after a kick to the shin. */
export const compartmentSyndrome: Persona = {
  id: 'compartment-syndrome',
  name: 'Tyler Brooks',
  story:
    '24-year-old footballer kicked in the right shin this afternoon: tense, swollen calf tonight with severe pain on stretching the toes.',
  covers: ['compartment-syndrome'],
  build(now) {
    return standardChart(
      now,
      'compartment-syndrome',
      { given: 'Tyler', family: 'Brooks', sex: 'male', age: 24, mrn: 'MRN-100306' },
      CLINICIANS.nguyen,
      'Painful swollen right leg after injury',
    ).bundle();
  },
  form: {
    onset: 'sudden',
    durationWeeks: 0,
    side: 'right',
    locations: ['calf'],
    qualities: ['tight-swollen', 'deep-ache'],
    timing: ['constant'],
    episodeLength: 'persistent',
    relievedBy: ['nothing'],
    exam: {
      tenseSwollenCompartment: true,
      painOnPassiveStretch: true,
      unilateralSwelling: true,
      pulsesRight: 'normal',
      suddenColdPaleLeg: false,
    },
    history: { recentTrauma: true, fever: false, recentSurgeryOrBedRest: false },
    comment: 'Pain out of proportion to the injury, not eased by codeine.',
  },
  expect: {
    redFlags: ['compartment-syndrome'],
    absentRedFlags: ['cauda-equina', 'cellulitis'],
  },
};

/** Spinal infection: fever and back pain in a person who injects drugs (an emergency, not "urgent"). */
export const spinalInfection = chartPersona({
  id: 'spinal-infection',
  name: 'Dylan Harte',
  story:
    '34-year-old who injects heroin: 5 days of fever and worsening low back pain spreading down the left leg; no bladder or saddle symptoms.',
  covers: ['spinal-infection', 'lumbar-radiculopathy'],
  patient: { given: 'Dylan', family: 'Harte', sex: 'male', age: 34, mrn: 'MRN-100307' },
  clinician: CLINICIANS.okafor,
  reason: 'Back pain and fever',
  chart: (chart) =>
    chart.smoking('smoking', 'current', 30).observation({
      key: 'heart-rate',
      code: LAB.heartRate,
      quantity: perMin(104),
      daysAgo: 0.02,
      category: 'vital-signs',
    }),
  form: {
    onset: 'gradual',
    durationWeeks: 0.7,
    side: 'left',
    locations: ['back-of-leg-from-buttock', 'thigh'],
    qualities: ['deep-ache', 'sharp-shooting-electric'],
    timing: ['constant'],
    episodeLength: 'persistent',
    relievedBy: ['nothing'],
    exam: { saddleAnaesthesia: false, bladderOrBowelChange: false, straightLegRaise: 'positive', pulsesLeft: 'normal' },
    history: {
      fever: true,
      ivDrugUseOrImmunosuppression: true,
      backPain: true,
      bilateralSciatica: false,
      bladderSensationOrStreamChange: false,
    },
    comment: 'Temperature 38.9 °C. Tender over L3–L4. Injects into the groin.',
  },
  expect: {
    top: 'lumbar-radiculopathy',
    redFlags: ['spinal-infection'],
    absentRedFlags: ['cauda-equina', 'night-pain-malignancy-infection', 'suspected-dvt'],
  },
});

/** Necrotising soft-tissue infection: a cellulitis that is not: pain out of proportion, bullae, crepitus. */
export const necrotisingInfection = chartPersona({
  id: 'necrotising-infection',
  name: 'Maureen Okoye',
  story:
    '61-year-old with diabetes, grazed left shin 2 days ago: red swollen calf with pain far beyond what the skin shows, bullae and crepitus, fever 39 °C.',
  covers: ['necrotising-soft-tissue-infection', 'cellulitis'],
  patient: { given: 'Maureen', family: 'Okoye', sex: 'female', age: 61, mrn: 'MRN-100308' },
  clinician: CLINICIANS.nguyen,
  reason: 'Red painful left leg',
  chart: (chart) =>
    chart
      .condition({
        key: 'diabetes',
        codings: [snomed('44054006', 'Diabetes mellitus type 2'), icd10('E11.9', 'Type 2 diabetes mellitus')],
        onsetDaysAgo: 10 * 365,
      })
      .observation({
        key: 'heart-rate',
        code: LAB.heartRate,
        quantity: perMin(118),
        daysAgo: 0.02,
        category: 'vital-signs',
      }),
  form: {
    onset: 'gradual',
    durationWeeks: 0.3,
    side: 'left',
    locations: ['calf'],
    qualities: ['burning', 'tight-swollen'],
    timing: ['constant'],
    episodeLength: 'persistent',
    relievedBy: ['nothing'],
    exam: {
      redness: true,
      warmth: true,
      painOutOfProportion: true,
      crepitusBullaeOrNecrosis: true,
      rapidlySpreadingRedness: true,
      tenseSwollenCompartment: false,
      pulsesLeft: 'normal',
    },
    history: { fever: true, recentTrauma: true, alternativeDiagnosisAsLikely: true },
    comment: 'Dusky patch with bullae over the medial calf; crepitus on palpation.',
  },
  expect: {
    top: 'cellulitis',
    redFlags: ['necrotising-soft-tissue-infection'],
    absentRedFlags: ['cellulitis', 'compartment-syndrome', 'suspected-dvt', 'night-pain-malignancy-infection'],
  },
});

export const RED_FLAG_PERSONAS: readonly Persona[] = [
  acuteLimbIschemia,
  caudaEquina,
  cellulitis,
  progressiveFootDrop,
  nightPainMalignancy,
  compartmentSyndrome,
  spinalInfection,
  necrotisingInfection,
];
