/**
 * Restless legs cases: IRLSSG 2012 diagnostic criteria; iron per the AASM 2024 guideline and the IRLSSG 2018 iron
 * consensus (oral or IV iron if ferritin ≤ 75 µg/L or TSAT < 20 %; IV iron for ferritin 75–100; no IV iron if
 * TSAT ≥ 45 %; in ESRD IV iron sucrose if ferritin < 200 and TSAT < 20 %); drug-induced RLS (serotonergic
 * antidepressants, sedating antihistamines, dopamine antagonists); augmentation on dopamine agonists.
 */
import { chart, cond, lab, med, patient } from './chart';
import { IRLSSG_ALL_MET } from './answers';
import type { ClinicalCase } from './types';
import type { FormAnswers } from '@/lib/form/schema';

const IRON_SOURCE = 'AASM 2024 RLS guideline (Winkelman et al.) and IRLSSG 2018 iron consensus; issue 9 item 14';

/** All five IRLSSG criteria, both legs, evening. */
const classicRls = {
  onset: 'gradual',
  durationWeeks: 40,
  side: 'both',
  locations: ['calf', 'thigh'],
  qualities: ['creeping-urge'],
  timing: ['evening-at-rest'],
  episodeLength: 'as-long-as-at-rest',
  relievedBy: ['walking', 'moving-legs'],
  irlssg: IRLSSG_ALL_MET,
} satisfies FormAnswers;

export const RLS_CASES: readonly ClinicalCase[] = [
  {
    id: 'rls-ferritin-40-iron',
    area: 'rls',
    story: 'Classic restless legs with ferritin 40 µg/L: iron is indicated (oral or IV).',
    source: IRON_SOURCE,
    chart: chart(
      patient(52, 'female'),
      lab('ferritin', 40, { days: 10 }),
      lab('transferrin-saturation', 18, { days: 10 }),
    ),
    form: classicRls,
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { must: ['iron-therapy'], mustNot: ['ferritin', 'tsat'] },
    },
  },
  {
    id: 'rls-ferritin-85-iv-iron-band',
    area: 'rls',
    story: 'Restless legs with ferritin 85 µg/L and TSAT 25 %: only IV iron helps in the 75–100 band.',
    source: IRON_SOURCE,
    chart: chart(
      patient(46, 'female'),
      lab('ferritin', 85, { days: 14 }),
      lab('transferrin-saturation', 25, { days: 14 }),
    ),
    form: classicRls,
    expect: { top: 'restless-legs-syndrome', redFlags: {}, workup: { must: ['iv-iron'], mustNot: ['iron-therapy'] } },
  },
  {
    id: 'rls-ferritin-150-no-iron',
    area: 'rls',
    story: 'Restless legs with ferritin 150 µg/L and TSAT 30 %: iron is not indicated.',
    source: IRON_SOURCE,
    chart: chart(
      patient(60, 'male'),
      lab('ferritin', 150, { days: 14 }),
      lab('transferrin-saturation', 30, { days: 14 }),
    ),
    form: classicRls,
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { mustNot: ['iron-therapy', 'iv-iron', 'iv-iron-sucrose'] },
    },
  },
  {
    id: 'rls-tsat-over-45-no-iv-iron',
    area: 'rls',
    story: 'Restless legs with ferritin 90 µg/L but TSAT 52 %: IV iron must not be given.',
    source: IRON_SOURCE,
    chart: chart(
      patient(57, 'male'),
      lab('ferritin', 90, { days: 14 }),
      lab('transferrin-saturation', 52, { days: 14 }),
    ),
    form: classicRls,
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { mustNot: ['iv-iron', 'iron-therapy', 'iv-iron-sucrose'] },
    },
  },
  {
    id: 'rls-esrd-iron-sucrose',
    area: 'rls',
    story: 'Haemodialysis patient with restless legs, ferritin 150 µg/L and TSAT 15 %: IV iron sucrose.',
    source: IRON_SOURCE,
    chart: chart(
      patient(64, 'male'),
      cond('esrd'),
      cond('dialysis', { label: 'Dependence on renal dialysis' }),
      lab('ferritin', 150, { days: 7 }),
      lab('transferrin-saturation', 15, { days: 7 }),
    ),
    form: classicRls,
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { must: ['iv-iron-sucrose'], mustNot: ['egfr', 'creatinine'] },
      chartAnswers: { 'history.onDialysis': true },
    },
  },
  {
    id: 'rls-esrd-ferritin-250-no-iron',
    area: 'rls',
    story: 'Haemodialysis patient with restless legs, ferritin 250 µg/L: above the ESRD iron threshold.',
    source: IRON_SOURCE,
    chart: chart(
      patient(70, 'female'),
      cond('esrd'),
      lab('ferritin', 250, { days: 7 }),
      lab('transferrin-saturation', 18, { days: 7 }),
    ),
    form: { ...classicRls, history: { onDialysis: true } },
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { mustNot: ['iv-iron-sucrose', 'iv-iron', 'iron-therapy', 'egfr', 'creatinine'] },
    },
  },
  {
    id: 'rls-started-on-sertraline',
    area: 'rls',
    story: 'Restless legs since starting sertraline 6 weeks ago; iron normal.',
    source: `${IRON_SOURCE} (serotonergic antidepressants aggravate RLS)`,
    chart: chart(
      patient(38, 'female'),
      med('antidepressant', 'sertraline 50 mg', { days: 42 }),
      lab('ferritin', 120, { days: 20 }),
      lab('transferrin-saturation', 30, { days: 20 }),
    ),
    form: classicRls,
    expect: { top: 'restless-legs-syndrome', redFlags: {}, workup: { must: ['medication-review'] } },
  },
  {
    id: 'rls-otc-antihistamine',
    area: 'rls',
    story: 'Worse restless legs since taking an over-the-counter diphenhydramine sleep aid.',
    source: `${IRON_SOURCE} (sedating antihistamines aggravate RLS)`,
    chart: chart(patient(44, 'male')),
    form: { ...classicRls, recentMedicines: ['sedating-antihistamine'] },
    expect: { top: 'restless-legs-syndrome', redFlags: {}, workup: { must: ['medication-review', 'ferritin'] } },
  },
  {
    id: 'rls-augmentation-on-pramipexole',
    area: 'rls',
    story: 'On pramipexole for 3 years: symptoms now start in the afternoon and spread to the arms.',
    source: 'AASM 2024 (augmentation; against standard use of dopamine agonists); reference §0b',
    chart: chart(
      patient(66, 'female'),
      cond('restless-legs'),
      med('dopamine-agonist', 'pramipexole 0.25 mg', { days: 1100 }),
    ),
    form: { ...classicRls, history: { rlsAugmentation: true } },
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { must: ['rls-augmentation-review'] },
      chartAnswers: { 'history.onDopamineAgonist': true },
    },
  },
  {
    id: 'rls-iron-on-file-not-reordered',
    area: 'rls',
    story: 'Restless legs with ferritin, iron, TIBC and TSAT from last month on file: nothing to re-order.',
    source: `${IRON_SOURCE}; issue 9 item 16 (workup repeats what is on file)`,
    chart: chart(
      patient(50, 'female'),
      lab('ferritin', 60, { days: 30 }),
      lab('transferrin-saturation', 22, { days: 30 }),
      lab('hemoglobin', 13.1, { days: 30 }),
      lab('creatinine', 0.8, { days: 30 }),
      lab('egfr', 88, { days: 30 }),
    ),
    form: classicRls,
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { must: ['iron-therapy'], mustNot: ['ferritin', 'iron', 'tibc', 'tsat', 'cbc', 'egfr', 'creatinine'] },
    },
  },
  {
    id: 'rls-pregnancy-persona',
    area: 'rls',
    story: 'Persona: 33 weeks pregnant with an evening urge to move her legs; ferritin 18.',
    source: `${IRON_SOURCE}; IRLSSG 2012`,
    chart: { persona: 'restless-legs-pregnancy' },
    form: {
      ...classicRls,
      durationWeeks: 6,
      history: { pregnantOrPostpartum: true, pregnancyStage: 'third-trimester' },
    },
    expect: { top: 'restless-legs-syndrome', redFlags: {} },
  },
  {
    id: 'rls-ckd-persona',
    area: 'rls',
    story: 'Persona: CKD stage 4 on sertraline with an evening urge to move both legs; ferritin 40.',
    source: IRON_SOURCE,
    chart: { persona: 'restless-legs-ckd' },
    form: classicRls,
    expect: { top: 'restless-legs-syndrome', redFlags: {}, workup: { must: ['iron-therapy', 'medication-review'] } },
  },
  {
    id: 'rls-urge-without-iron-asks-ferritin',
    area: 'rls',
    story: 'Classic restless legs and no iron studies on file: ferritin and TSAT first.',
    source: IRON_SOURCE,
    chart: chart(patient(55, 'male')),
    form: classicRls,
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { must: ['ferritin', 'tsat'], mustNot: ['iron-therapy', 'iv-iron'] },
    },
  },
];
