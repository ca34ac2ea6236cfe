/**
 * Hand-written Assessment / ChartFacts / form fixtures for the write-back tests, typed against the contracts.
 * Written out in full (rather than produced by the engine) so these tests pin the note and the resources to the
 * contract alone and keep passing while the engine's weights are tuned.
 */
import type { Assessment } from '@/lib/engine/assessment';
import type { ChartFacts } from '@/lib/engine/facts';
import type { FormAnswers } from '@/lib/form/schema';

export const NOW = '2026-03-14T09:30:00.000Z';
export const ASSESSMENT_ID = '3f2b6c1e-8d4a-4b7e-9c21-5a6f0e7d8b90';

export const FORM: FormAnswers = {
  onset: 'gradual',
  durationWeeks: 6,
  side: 'right',
  locations: ['toes-forefoot', 'foot'],
  qualities: ['burning', 'deep-ache'],
  timing: ['after-1-2-hours-wakes'],
  relievedBy: ['dangling-leg'],
  worsenedBy: ['lying-flat-on-back', 'elevating-leg'],
  history: { claudication: true, fever: false, backPain: false },
  exam: { pulsesRight: 'absent', coolFoot: true, unilateralSwelling: false, saddleAnaesthesia: false },
  irlssg: { urgeToMove: false },
  comment:
    'Patient sleeps in a chair to ease the pain. Zoë (daughter) present — résumé of history confirmed ≥ 2 weeks.',
};

export const FACTS: ChartFacts = {
  patient: { birthDate: '1952-04-02', sex: 'male', provenance: { reference: 'Patient/p1' } },
  conditions: [
    {
      concept: 'diabetes',
      status: 'active',
      label: 'Type 2 diabetes mellitus',
      onset: '2011-05-01',
      provenance: { reference: 'Condition/c-dm', date: '2011-05-01' },
    },
    {
      concept: 'dvt',
      status: 'history',
      label: 'Deep vein thrombosis of left leg',
      onset: '2019-02-10',
      provenance: { reference: 'Condition/c-dvt', date: '2019-02-10' },
    },
  ],
  observations: [
    {
      concept: 'abi',
      value: 0.38,
      unit: '{ratio}',
      side: 'right',
      date: '2026-02-20T10:00:00Z',
      provenance: { reference: 'Observation/abi-r' },
    },
    {
      concept: 'hba1c',
      value: 8.4,
      unit: '%',
      date: '2026-01-05',
      interpretation: 'high',
      provenance: { reference: 'Observation/a1c' },
    },
    {
      concept: 'hba1c',
      value: 7.9,
      unit: '%',
      date: '2025-07-05',
      provenance: { reference: 'Observation/a1c-old' },
    },
  ],
  medications: [
    {
      medClass: 'statin',
      label: 'Atorvastatin 40 mg tablet',
      status: 'active',
      date: '2024-01-01',
      provenance: { reference: 'MedicationRequest/m1' },
    },
  ],
  events: [],
  smoking: { status: 'former', date: '2025-06-01', provenance: { reference: 'Observation/smoke' } },
  unavailable: ['Procedure'],
  dataIssues: [{ resource: 'Observation/bad-k', problem: 'Potassium with unit "mEq/dL" could not be converted.' }],
};

export const ASSESSMENT: Assessment = {
  differential: [
    {
      id: 'pad-ischemic-rest-pain',
      label: 'Ischaemic rest pain (PAD / CLTI)',
      likelihood: 'high',
      score: 9,
      summary: 'Forefoot pain that wakes him and eases with the leg dangling, absent pulses and ABI 0.38.',
      supporting: [
        { source: 'fhir', label: 'ABI 0.38 right', weight: 4, reference: 'Observation/abi-r', date: '2026-02-20' },
        { source: 'form', label: 'Relieved by dangling the leg', weight: 3, formField: 'relievedBy' },
        { source: 'form', label: 'Foot pulses absent', weight: 2, formField: 'exam.pulsesRight' },
        { source: 'fhir', label: 'Type 2 diabetes', weight: 1, reference: 'Condition/c-dm', date: '2011-05-01' },
        { source: 'form', label: 'Cool foot', weight: 1, formField: 'exam.coolFoot' },
      ],
      opposing: [],
      missing: [],
    },
    {
      id: 'diabetic-peripheral-neuropathy',
      label: 'Diabetic peripheral neuropathy',
      likelihood: 'moderate',
      score: 4,
      summary: 'Burning feet in a patient with diabetes.',
      supporting: [{ source: 'form', label: 'Burning pain', weight: 2, formField: 'qualities' }],
      opposing: [{ source: 'form', label: 'Relief by dangling points to ischaemia', weight: -1 }],
      missing: [{ concept: 'Monofilament / vibration sense', why: 'not examined' }],
    },
    {
      id: 'deep-vein-thrombosis',
      label: 'Deep vein thrombosis',
      likelihood: 'low',
      score: 1,
      summary: 'Previous DVT but no swelling.',
      supporting: [
        { source: 'fhir', label: 'Previous DVT', weight: 1, reference: 'Condition/c-dvt', date: '2019-02-10' },
      ],
      opposing: [{ source: 'form', label: 'No unilateral swelling', weight: -2, formField: 'exam.unilateralSwelling' }],
      missing: [],
    },
    {
      id: 'restless-legs-syndrome',
      label: 'Restless legs syndrome',
      likelihood: 'unlikely',
      score: -2,
      summary: 'No urge to move.',
      supporting: [],
      opposing: [{ source: 'form', label: 'No urge to move', weight: -3 }],
      missing: [],
    },
  ],
  redFlags: [
    {
      id: 'chronic-limb-threatening-ischemia',
      urgency: 'urgent',
      message: 'Chronic limb-threatening ischaemia suspected (rest pain with ABI < 0.40).',
      action: 'Refer to vascular surgery within days; do not elevate the leg.',
      evidence: [
        { source: 'fhir', label: 'ABI 0.38 right', weight: 0, reference: 'Observation/abi-r', date: '2026-02-20' },
      ],
    },
  ],
  workup: [
    {
      id: 'toe-pressure',
      label: 'Toe pressures / TBI',
      reason: 'Grades ischaemia in diabetes (calcified vessels).',
      for: ['pad-ischemic-rest-pain'],
      priority: 'soon',
    },
    {
      id: 'abi',
      label: 'Ankle-brachial index',
      reason: 'Objective PAD test.',
      for: ['pad-ischemic-rest-pain'],
      priority: 'now',
      alreadyOnFile: { date: '2026-02-20', reference: 'Observation/abi-r', summary: 'ABI 0.38 right' },
    },
  ],
  scores: {
    wells: {
      points: 0,
      band: 'unlikely',
      threeLevel: 'low',
      items: [
        { id: 'previous-dvt', label: 'Previously documented DVT', points: 1, met: true },
        { id: 'alternative-dx', label: 'Alternative diagnosis at least as likely', points: -2, met: null },
      ],
      unknownItems: 7,
      pathway: 'DVT unlikely: a negative high-sensitivity D-dimer excludes DVT; if positive, proximal ultrasound.',
      nextStep: 'complete-the-score',
      dDimerUnreliable: [],
    },
    irlssg: {
      criteriaMet: 0,
      of: 5,
      items: [
        { id: 'urgeToMove', label: 'Urge to move the legs', met: false },
        { id: 'worseAtRest', label: 'Worse at rest', met: null },
      ],
      allMet: false,
    },
    abi: {
      right: {
        side: 'right',
        value: 0.38,
        band: 'abnormal',
        interpretation: 'Severe PAD (ABI ≤ 0.40).',
        source: 'fhir',
        date: '2026-02-20',
        reference: 'Observation/abi-r',
        stale: false,
      },
      meetsCltiHaemodynamics: true,
      wifiIschemiaGrade: 3,
    },
  },
  missingData: [{ concept: 'Left ABI', why: 'only the right leg was measured' }],
  dataIssues: [],
  chartAnswers: [],
  formBlocks: [],
  advice: [{ for: 'pad-ischemic-rest-pain', text: 'Keep the foot warm and dependent at night; stop smoking.' }],
  generatedAt: NOW,
  engineVersion: '1.0.0',
  disclaimer: 'Decision support for a clinician, not a diagnosis.',
};

/** An assessment with nothing recorded: the note must still be complete and say what is unknown. */
export const EMPTY_ASSESSMENT: Assessment = {
  differential: [],
  redFlags: [],
  workup: [],
  scores: { wells: null, irlssg: null, abi: null },
  missingData: [],
  dataIssues: [],
  chartAnswers: [],
  formBlocks: [],
  advice: [],
  generatedAt: NOW,
  engineVersion: '1.0.0',
  disclaimer: 'Decision support for a clinician, not a diagnosis.',
};
