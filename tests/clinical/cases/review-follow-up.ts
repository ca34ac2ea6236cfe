/**
 * Follow-up cases for the clinical review's section A fixes, written from the same guidelines: the other
 * direction of each new rule (what must still fire, what must not) and the question asked instead of firing
 * when the deciding answer is unknown. Every id starts with `rf-`.
 */
import { abi, chart, cond, lab, patient } from './chart';
import { IRLSSG_ALL_MET } from './answers';
import type { ClinicalCase } from './types';
import type { FormAnswers } from '@/lib/form/schema';

const ALI =
  '2024 ACC/AHA PAD guideline Table 2 (ALI: ≤ 2 weeks of hypoperfusion, a change from baseline; long-standing absent pulses are not ALI)';
const CES =
  'GIRFT national suspected cauda equina pathway 2023 ("new (within 14 days) or deteriorating" bilateral radicular symptoms)';
const PE = 'NICE NG158 (two-level PE Wells: clinical signs of DVT 3, heart rate > 100 1.5; PE likely > 4)';
const NVO =
  'IDSA 2015 native vertebral osteomyelitis (suspect NVO with new or worsening back pain and fever, or bloodstream infection)';
const CANCER =
  'ACP/APS 2007 (cancer + new back pain → MRI); NICE NG234 (spinal pain in cancer suggests spinal metastases)';

const crampStory = {
  onset: 'gradual',
  episodeOnset: 'sudden',
  locations: ['calf'],
  qualities: ['cramp-knot'],
  timing: ['sudden-during-sleep'],
  episodeLength: 'seconds-to-minutes',
  relievedBy: ['stretching-calf'],
} satisfies FormAnswers;

const rls = {
  onset: 'gradual',
  durationWeeks: 30,
  side: 'both',
  locations: ['calf', 'thigh'],
  qualities: ['creeping-urge'],
  timing: ['evening-at-rest'],
  episodeLength: 'as-long-as-at-rest',
  relievedBy: ['walking', 'moving-legs'],
  irlssg: IRLSSG_ALL_MET,
} satisfies FormAnswers;

const swollenCalf = {
  onset: 'sudden',
  locations: ['calf'],
  qualities: ['tight-swollen', 'deep-ache'],
  timing: ['constant'],
  episodeLength: 'persistent',
} satisfies FormAnswers;

export const REVIEW_FOLLOW_UP_CASES: readonly ClinicalCase[] = [
  {
    id: 'rf-ali-on-known-pad-cold-leg-for-days',
    area: 'vascular',
    story:
      'Known claudicant (PAD on the chart): for 2 days the left foot has been cold, pale and pulseless with numb toes.',
    source: `${ALI} — acute-on-chronic ischaemia: the cold, pulseless leg itself is new, so PAD on the chart does not silence it`,
    chart: chart(patient(71, 'male'), cond('pad', { days: 1500 }), abi('left', 0.62, 200)),
    form: {
      onset: 'sudden',
      durationWeeks: 0.3,
      restPainDuration: 'days',
      side: 'left',
      locations: ['foot', 'toes-forefoot'],
      qualities: ['deep-ache', 'numbness-tingling'],
      exam: {
        pulsesLeft: 'absent',
        coolFoot: true,
        pallorOnElevationOrDependentRubor: true,
        footSensation: 'reduced-toes-only',
        footMovement: 'normal',
      },
    },
    expect: {
      top: 'pad-ischemic-rest-pain',
      redFlags: { 'acute-limb-ischemia': 'emergency' },
      workup: { must: ['emergency-vascular'] },
    },
  },
  {
    id: 'rf-known-pad-new-night-pain-cold-leg-undated-asks',
    area: 'vascular',
    story:
      'PAD on the chart, long-absent pulses: a week of aching right foot at night, foot cool; when it turned cold is not recorded.',
    source: `${ALI} — with a PAD baseline the question is whether the coldness is new: ask, do not guess either way`,
    chart: chart(patient(74, 'female'), cond('pad', { days: 1400 }), abi('right', 0.58, 60)),
    form: {
      onset: 'gradual',
      durationWeeks: 1,
      side: 'right',
      locations: ['foot'],
      qualities: ['deep-ache'],
      exam: { pulsesRight: 'absent', coolFoot: true, footSensation: 'normal', footMovement: 'normal' },
    },
    expect: {
      top: 'pad-ischemic-rest-pain',
      redFlags: {},
      asks: ['restPainDuration'],
      workup: { mustNot: ['emergency-vascular'] },
    },
  },
  {
    id: 'rf-dvt-signs-tachycardia-dyspnoea-answered-no',
    area: 'vte',
    story: 'Swollen, tender left calf after a long flight; heart rate 108 today; no breathlessness or chest pain.',
    source: `${PE}; the clinician's explicit "no breathlessness or chest pain" stands the PE flag down, the DVT flag stands`,
    chart: chart(patient(48, 'female'), lab('heart-rate', 108, { days: 0.05 })),
    form: {
      ...swollenCalf,
      durationWeeks: 0.3,
      side: 'left',
      exam: { unilateralSwelling: true, calfSwellingOver3cm: true, deepVeinTenderness: true },
      history: { longTravel: true, dyspnoeaOrChestPain: false, haemoptysisOrSyncope: false },
    },
    expect: {
      top: 'deep-vein-thrombosis',
      redFlags: { 'suspected-dvt': 'urgent' },
      workup: { must: ['compression-ultrasound'], mustNot: ['emergency-pe'] },
    },
  },
  {
    id: 'rf-tachycardia-without-dvt-signs-no-pe',
    area: 'cramps-and-mimics',
    story:
      'Night calf cramps eased by stretching; heart rate 110 recorded today; breathlessness not asked; no swelling.',
    source: `${PE} — tachycardia alone, without signs of DVT, is not the two-level Wells "PE likely" picture`,
    chart: chart(patient(66, 'male'), lab('heart-rate', 110, { days: 0.05 })),
    form: {
      ...crampStory,
      durationWeeks: 6,
      side: 'left',
      exam: { palpableCrampKnot: true, unilateralSwelling: false },
    },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {}, workup: { mustNot: ['emergency-pe'] } },
  },
  {
    id: 'rf-bilateral-sciatica-ten-weeks-asks-if-new',
    area: 'spine',
    story:
      'Ten weeks of shooting pain from both buttocks down both legs with back pain; whether it is new in both legs is not recorded.',
    source: `${CES} — a 10-week story is not known to be new: ask whether it is, never assume`,
    chart: chart(patient(52, 'male')),
    form: {
      onset: 'gradual',
      durationWeeks: 10,
      side: 'both',
      locations: ['back-of-leg-from-buttock', 'calf'],
      qualities: ['sharp-shooting-electric'],
      worsenedBy: ['cough-sneeze'],
      exam: { saddleAnaesthesia: false, bladderOrBowelChange: false },
      history: { backPain: true, bladderSensationOrStreamChange: false, sexualDysfunction: false },
    },
    expect: {
      top: 'lumbar-radiculopathy',
      redFlags: {},
      asks: ['history.bilateralSciatica'],
      workup: { mustNot: ['emergency-mri-lumbar'] },
    },
  },
  {
    id: 'rf-bacteraemia-back-pain-unanswered-asks',
    area: 'spine',
    story: 'Recent bloodstream infection, afebrile now: night calf cramps; back pain not asked.',
    source: `${NVO} — with a recent bacteraemia, back pain decides a spinal infection: ask it`,
    chart: chart(patient(63, 'female')),
    form: {
      ...crampStory,
      durationWeeks: 3,
      side: 'right',
      exam: { palpableCrampKnot: true },
      history: { recentBacteraemia: true, fever: false },
    },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {}, asks: ['history.backPain'] },
  },
  {
    id: 'rf-stenosis-on-chart-fever-immunosuppressed-back-pain-unasked',
    area: 'spine',
    story:
      'Restless legs; febrile and on methotrexate; lumbar stenosis on the chart; whether there is back pain now is not recorded.',
    source: `${NVO} — a chart diagnosis is not current pain: it prompts the back-pain question, it does not raise the flag`,
    chart: chart(patient(60, 'female'), cond('lumbar-stenosis', { days: 1200 })),
    form: { ...rls, history: { fever: true, ivDrugUseOrImmunosuppression: true } },
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      asks: ['history.backPain'],
      workup: { mustNot: ['mri-spine-contrast'] },
    },
  },
  {
    id: 'rf-active-cancer-no-back-pain-no-flag',
    area: 'cramps-and-mimics',
    story: 'Breast cancer on treatment: night calf cramps eased by stretching; no back pain.',
    source: `${CANCER} — cancer without back or root pain is no spinal red flag`,
    chart: chart(patient(58, 'female'), cond('active-cancer', { label: 'Breast cancer on treatment', days: 120 })),
    form: {
      ...crampStory,
      durationWeeks: 5,
      side: 'left',
      exam: { palpableCrampKnot: true, unilateralSwelling: false },
      history: { backPain: false },
    },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {} },
  },
];
