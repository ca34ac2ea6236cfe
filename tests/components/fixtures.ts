/**
 * Hand-built domain objects for component tests: the components are rendered from ChartFacts / Assessment
 * exactly as the page does, without the network or the engine.
 */
import type { Assessment, DifferentialItem } from '@/lib/engine/assessment';
import { EMPTY_FACTS, type ChartFacts } from '@/lib/engine/facts';

export const NOW = new Date('2026-11-26T12:00:00Z');

export const PAD_FACTS: ChartFacts = {
  ...EMPTY_FACTS,
  patient: { birthDate: '1951-03-02', sex: 'male' },
  conditions: [
    {
      concept: 'diabetes',
      status: 'active',
      label: 'Type 2 diabetes mellitus',
      onset: '2012-05-01',
      provenance: { reference: 'Condition/dm-1', date: '2012-05-01' },
    },
    {
      concept: 'claudication',
      status: 'active',
      label: 'Intermittent claudication',
      onset: '2024-02-10',
      provenance: { reference: 'Condition/claud-1', date: '2024-02-10' },
    },
  ],
  observations: [
    {
      concept: 'abi',
      value: 0.38,
      unit: '{ratio}',
      side: 'right',
      date: '2026-10-12',
      provenance: { reference: 'Observation/abi-r-2' },
    },
    {
      concept: 'abi',
      value: 0.62,
      unit: '{ratio}',
      side: 'right',
      date: '2025-09-01',
      provenance: { reference: 'Observation/abi-r-1' },
    },
    {
      concept: 'abi',
      value: 0.95,
      unit: '{ratio}',
      side: 'left',
      date: '2026-10-12',
      provenance: { reference: 'Observation/abi-l-1' },
    },
    {
      concept: 'hba1c',
      value: 8.4,
      unit: '%',
      date: '2026-08-01',
      interpretation: 'high',
      provenance: { reference: 'Observation/a1c-1' },
    },
    {
      concept: 'egfr',
      value: 48,
      unit: 'mL/min/{1.73_m2}',
      date: '2026-08-01',
      provenance: { reference: 'Observation/egfr-1' },
    },
  ],
  medications: [
    {
      medClass: 'statin',
      label: 'Atorvastatin 40 mg',
      status: 'active',
      date: '2024-03-01',
      provenance: { reference: 'MedicationRequest/statin-1' },
    },
  ],
  events: [
    {
      kind: 'surgery',
      label: 'Right knee arthroscopy',
      date: '2026-10-20',
      provenance: { reference: 'Procedure/knee-1' },
    },
  ],
  smoking: { status: 'current', date: '2026-06-01', provenance: { reference: 'Observation/smoke-1' } },
  dataIssues: [{ resource: 'Observation/bad-1', problem: 'ABI value 87 is outside the plausible range; not used.' }],
};

const padItem: DifferentialItem = {
  id: 'pad-ischemic-rest-pain',
  label: 'Ischaemic rest pain (PAD / CLTI)',
  likelihood: 'high',
  score: 14,
  summary: 'Burning forefoot pain relieved by dangling, with ABI 0.38 on the right.',
  supporting: [
    {
      source: 'fhir',
      label: 'ABI 0.38 right (abnormal)',
      weight: 3,
      reference: 'Observation/abi-r-2',
      date: '2026-10-12',
    },
    { source: 'form', label: 'Relieved by dangling the leg', weight: 3, formField: 'relievedBy' },
  ],
  opposing: [{ source: 'form', label: 'Urge to move the legs', weight: -1, formField: 'irlssg.urgeToMove' }],
  missing: [{ concept: 'Toe pressure / TBI', why: 'Confirms CLTI when ABI is unreliable in diabetes.' }],
};

const rlsItem: DifferentialItem = {
  id: 'restless-legs-syndrome',
  label: 'Restless legs syndrome (Willis–Ekbom disease)',
  likelihood: 'low',
  score: 3,
  summary: 'Urge to move recorded, but not relieved by movement.',
  supporting: [{ source: 'form', label: 'Urge to move the legs', weight: 3, formField: 'irlssg.urgeToMove' }],
  opposing: [],
  missing: [{ concept: 'Ferritin', why: 'Ferritin ≤ 75 µg/L supports RLS and guides iron treatment.' }],
};

const dvtItem: DifferentialItem = {
  id: 'deep-vein-thrombosis',
  label: 'Deep vein thrombosis',
  likelihood: 'unlikely',
  score: 0,
  summary: 'No swelling or sudden onset recorded.',
  supporting: [],
  opposing: [],
  missing: [],
};

export const PAD_ASSESSMENT: Assessment = {
  differential: [padItem, rlsItem, dvtItem],
  redFlags: [
    {
      id: 'chronic-limb-threatening-ischemia',
      urgency: 'urgent',
      message: 'Chronic limb-threatening ischaemia: rest pain with ABI below 0.40',
      action: 'Urgent vascular surgery referral (within days).',
      evidence: [
        { source: 'fhir', label: 'ABI 0.38 right', weight: 0, reference: 'Observation/abi-r-2', date: '2026-10-12' },
        { source: 'form', label: 'Burning forefoot pain at night', weight: 0, formField: 'qualities' },
      ],
    },
    {
      id: 'possible-pulmonary-embolism',
      urgency: 'emergency',
      message: 'Possible pulmonary embolism',
      action: 'Call emergency services.',
      evidence: [
        { source: 'form', label: 'Breathlessness or chest pain', weight: 0, formField: 'history.dyspnoeaOrChestPain' },
      ],
    },
  ],
  workup: [
    {
      id: 'vascular-referral',
      label: 'Vascular surgery referral',
      reason: 'Rest pain with ABI < 0.40.',
      for: ['pad-ischemic-rest-pain'],
      priority: 'now',
    },
    {
      id: 'ferritin',
      label: 'Morning ferritin and transferrin saturation',
      reason: 'Iron deficiency worsens restless legs.',
      for: ['restless-legs-syndrome'],
      priority: 'routine',
    },
    {
      id: 'abi',
      label: 'Resting ABI',
      reason: 'Grades PAD.',
      for: ['pad-ischemic-rest-pain'],
      priority: 'soon',
      alreadyOnFile: { date: '2026-10-12', reference: 'Observation/abi-r-2', summary: 'ABI 0.38 right' },
    },
  ],
  scores: {
    wells: {
      points: 3,
      band: 'likely',
      threeLevel: 'high',
      items: [],
      unknownItems: 2,
      pathway: 'Proximal compression ultrasound or whole-leg ultrasound.',
      nextStep: 'ultrasound',
      dDimerUnreliable: [],
    },
    irlssg: {
      criteriaMet: 1,
      of: 5,
      allMet: false,
      items: [
        { id: 'urge', label: 'Urge to move', met: true },
        { id: 'rest', label: 'Worse at rest', met: null },
        { id: 'movement', label: 'Relieved by movement', met: false },
        { id: 'evening', label: 'Evening or night', met: null },
        { id: 'mimic', label: 'Not explained by a mimic', met: null },
      ],
    },
    abi: {
      right: {
        side: 'right',
        value: 0.38,
        band: 'abnormal',
        interpretation: 'Abnormal: PAD; below 0.40 meets CLTI haemodynamics.',
        source: 'fhir',
        date: '2026-10-12',
        reference: 'Observation/abi-r-2',
        stale: false,
      },
      left: {
        side: 'left',
        value: 0.95,
        band: 'borderline',
        interpretation: 'Borderline.',
        source: 'fhir',
        date: '2026-10-12',
        reference: 'Observation/abi-l-1',
        stale: false,
      },
      meetsCltiHaemodynamics: true,
      wifiIschemiaGrade: 3,
    },
  },
  missingData: [],
  dataIssues: [],
  chartAnswers: [],
  formBlocks: [],
  advice: [
    { for: 'pad-ischemic-rest-pain', text: 'Keep your feet warm but do not use heating pads or hot water bottles.' },
  ],
  generatedAt: '2026-11-26T12:00:00.000Z',
  engineVersion: '1.0.0',
  disclaimer: 'Decision support for a clinician; not a diagnosis.',
};

export const EMPTY_ASSESSMENT: Assessment = {
  ...PAD_ASSESSMENT,
  differential: [],
  redFlags: [],
  workup: [],
  scores: { wells: null, irlssg: null, abi: null },
  advice: [],
};
