/**
 * Cramps and the other mimics: nocturnal leg cramps (AFP 2012, Allen & Kirby; AAN 2010: no quinine), cramps with
 * wasting or fasciculations (motor neurone disease → neurology), diabetic neuropathy, venous insufficiency and
 * peroneal entrapment; plus the issue 9 item 16/17 noise and small-error cases.
 */
import { chart, cond, lab, med, patient, smoking } from './chart';
import { IRLSSG_ALL_MET } from './answers';
import type { ClinicalCase } from './types';
import type { FormAnswers } from '@/lib/form/schema';

const CRAMP_SOURCE = 'AFP 2012 leg cramps review (Allen & Kirby); AAN 2010';

const cramp = {
  episodeOnset: 'sudden',
  locations: ['calf'],
  qualities: ['cramp-knot'],
  timing: ['sudden-during-sleep'],
  episodeLength: 'seconds-to-minutes',
  relievedBy: ['stretching-calf'],
} satisfies FormAnswers;

export const CRAMPS_AND_MIMICS_CASES: readonly ClinicalCase[] = [
  {
    id: 'cramps-persona',
    area: 'cramps-and-mimics',
    story: 'Persona: on furosemide and atorvastatin, woken by calf cramps with a knot; K 3.2, Mg low.',
    source: CRAMP_SOURCE,
    chart: { persona: 'nocturnal-leg-cramps' },
    form: { ...cramp, durationWeeks: 12, side: 'right', exam: { palpableCrampKnot: true } },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {}, workup: { must: ['medication-review'] } },
  },
  {
    id: 'calf-location-alone-no-top',
    area: 'cramps-and-mimics',
    story: 'Only "calf" recorded: location alone must not crown any diagnosis.',
    source: `${CRAMP_SOURCE}; issue 9 item 16`,
    chart: chart(patient(50, 'male')),
    form: { locations: ['calf'] },
    expect: {
      top: 'no-single-top',
      redFlags: {},
      workup: { mustNot: ['compression-ultrasound', 'd-dimer', 'potassium'] },
    },
  },
  {
    id: 'cramps-with-wasting-fasciculations',
    area: 'cramps-and-mimics',
    story: 'New cramps in both calves with calf wasting and fasciculations in a 61-year-old.',
    source: `${CRAMP_SOURCE} (cramps with weakness, wasting or fasciculations → neurology, consider MND)`,
    chart: chart(patient(61, 'male')),
    form: {
      ...cramp,
      durationWeeks: 10,
      side: 'both',
      exam: { wastingOrFasciculations: true, palpableCrampKnot: true },
    },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {}, workup: { must: ['neurology-review'] } },
  },
  {
    id: 'cramps-hypokalaemia-on-diuretic',
    area: 'cramps-and-mimics',
    story: 'Calf cramps on bendroflumethiazide with potassium 3.1 mmol/L last week.',
    source: CRAMP_SOURCE,
    chart: chart(patient(72, 'female'), med('diuretic', 'bendroflumethiazide'), lab('potassium', 3.1, { days: 7 })),
    form: { ...cramp, durationWeeks: 6, side: 'left' },
    expect: {
      top: 'nocturnal-leg-cramps',
      redFlags: {},
      workup: { must: ['medication-review'], mustNot: ['potassium'] },
    },
  },
  {
    id: 'diabetic-neuropathy-persona',
    area: 'cramps-and-mimics',
    story: 'Persona: type 2 diabetes, known neuropathy, burning tingling soles at night; no ABI on file.',
    source: 'Diabetic neuropathy (reference §4.7, ADA)',
    chart: { persona: 'diabetic-neuropathy' },
    form: {
      onset: 'gradual',
      durationWeeks: 52,
      side: 'both',
      locations: ['foot', 'toes-forefoot'],
      qualities: ['burning', 'numbness-tingling', 'sheets-touching-hurts'],
      timing: ['evening-at-rest'],
      exam: {
        reducedVibrationOrMonofilament: true,
        reducedAnkleReflexes: true,
        pulsesRight: 'normal',
        pulsesLeft: 'normal',
      },
    },
    expect: {
      top: 'diabetic-peripheral-neuropathy',
      redFlags: {},
      workup: { must: ['abi', 'b12'], mustNot: ['monofilament-exam'] },
    },
  },
  {
    id: 'neuropathy-monofilament-not-recorded',
    area: 'cramps-and-mimics',
    story: 'Diabetic with symmetric burning feet; sensation not yet examined: monofilament exam is planned.',
    source: 'Diabetic neuropathy (reference §4.7); ADA annual 10 g monofilament exam',
    chart: chart(patient(58, 'female'), cond('diabetes', { days: 3000 }), lab('hba1c', 7.4, { days: 40 })),
    form: {
      onset: 'gradual',
      durationWeeks: 30,
      side: 'both',
      locations: ['foot', 'toes-forefoot'],
      qualities: ['burning', 'numbness-tingling'],
    },
    expect: {
      top: 'diabetic-peripheral-neuropathy',
      redFlags: {},
      workup: { must: ['monofilament-exam'], mustNot: ['hba1c'] },
    },
  },
  {
    id: 'venous-insufficiency-persona',
    area: 'cramps-and-mimics',
    story: 'Persona: heavy, aching, swollen calves by evening eased with legs up on pillows.',
    source: 'Chronic venous disease (reference §4.8)',
    chart: { persona: 'venous-insufficiency' },
    form: {
      onset: 'gradual',
      durationWeeks: 104,
      side: 'both',
      locations: ['calf'],
      qualities: ['heavy-aching', 'tight-swollen'],
      timing: ['end-of-day-after-standing'],
      relievedBy: ['elevating-legs'],
      exam: {
        ankleOedema: true,
        varicoseVeins: true,
        unilateralSwelling: false,
        pulsesRight: 'normal',
        pulsesLeft: 'normal',
      },
    },
    expect: { top: 'venous-insufficiency', redFlags: {}, workup: { must: ['venous-duplex'] } },
  },
  {
    id: 'peroneal-entrapment-persona',
    area: 'cramps-and-mimics',
    story: 'Persona: sleeps with legs crossed after losing weight; numb lateral leg, gone within minutes of moving.',
    source: 'Baima & Krivickas 2008 (peroneal neuropathy)',
    chart: { persona: 'peroneal-entrapment' },
    form: {
      onset: 'sudden',
      durationWeeks: 6,
      side: 'left',
      locations: ['lateral-leg-dorsum-foot'],
      qualities: ['numbness-tingling'],
      timing: ['only-with-knee-pressure'],
      episodeLength: 'minutes-until-position-change',
      relievedBy: ['changing-position'],
      worsenedBy: ['pressure-at-knee'],
      exam: { footDrop: false, weakDorsiflexionEversion: false, tinelAtFibularHead: true },
      history: { legCrossingOrKneeling: true, weightLoss: true, backPain: false },
    },
    expect: { top: 'peroneal-neuropathy', redFlags: {}, workup: { mustNot: ['compression-ultrasound'] } },
  },
  {
    id: 'peroneal-sudden-numbness-no-dvt-push',
    area: 'cramps-and-mimics',
    story: 'Sudden numb lateral leg after kneeling to tile a floor, clearing when he changes position.',
    source: 'Baima & Krivickas 2008; issue 9 item 16 ("sudden, one leg" must not score DVT in a peroneal story)',
    chart: chart(patient(39, 'male')),
    form: {
      onset: 'sudden',
      side: 'right',
      locations: ['lateral-leg-dorsum-foot'],
      qualities: ['numbness-tingling'],
      episodeLength: 'minutes-until-position-change',
      relievedBy: ['changing-position'],
      history: { legCrossingOrKneeling: true },
    },
    expect: { top: 'peroneal-neuropathy', redFlags: {}, workup: { mustNot: ['compression-ultrasound', 'd-dimer'] } },
  },
  {
    id: 'deceased-patient-age-not-scored',
    area: 'cramps-and-mimics',
    story: 'A chart reopened for review: the patient died in 2002 at 80; their age must not be scored as 116.',
    source: 'issue 9 item 17 (a deceased patient is scored "age 116")',
    chart: chart(patient(104, 'female', { deceasedYearsAgo: 24 }), cond('pad')),
    form: { ...cramp, durationWeeks: 10, side: 'right' },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {}, evidenceMustNot: /\bAge (1[01]\d|10\d)\b/ },
  },
  {
    id: 'rls-never-smoker-advice',
    area: 'cramps-and-mimics',
    story: 'Never-smoker with restless legs: the advice must not tell her to stop smoking.',
    source: 'issue 9 item 17 (a never-smoker is advised to stop smoking)',
    chart: chart(patient(45, 'female'), smoking('never')),
    form: {
      onset: 'gradual',
      durationWeeks: 30,
      side: 'both',
      locations: ['calf'],
      qualities: ['creeping-urge'],
      timing: ['evening-at-rest'],
      relievedBy: ['moving-legs', 'walking'],
      irlssg: IRLSSG_ALL_MET,
    },
    expect: { top: 'restless-legs-syndrome', redFlags: {}, adviceMustNot: /stop smoking|cut down smoking/i },
  },
];
