/**
 * Skin and soft-tissue infection and compartment cases: cellulitis is a clinical diagnosis (IDSA 2014; NICE CKS
 * cellulitis) where fever grades severity; pain out of proportion, crepitus, bullae or necrosis suggest a
 * necrotising infection (emergency); compartment syndrome (reference §4.9).
 */
import { chart, cond, lab, patient } from './chart';
import type { ClinicalCase } from './types';
import type { FormAnswers } from '@/lib/form/schema';

const CELLULITIS_SOURCE = 'IDSA 2014 SSTI guideline (Stevens et al.); NICE CKS cellulitis; issue 9 item 6';
const NECROTISING_SOURCE =
  'IDSA 2014: pain out of proportion, bullae, skin necrosis, crepitus or rapid progression → suspect necrotising infection, emergency surgical review';

const redLeg = {
  onset: 'gradual',
  durationWeeks: 0.3,
  side: 'left',
  locations: ['calf'],
  qualities: ['burning', 'tight-swollen'],
} satisfies FormAnswers;

export const INFECTION_CASES: readonly ClinicalCase[] = [
  {
    id: 'cellulitis-afebrile-clinician-judges-cellulitis',
    area: 'infection',
    story:
      'Red, warm, tender, swollen left shin for 2 days, no fever; the clinician judges cellulitis at least as likely as DVT.',
    source: `${CELLULITIS_SOURCE}; NICE NG158 (an alternative diagnosis as likely scores −2)`,
    chart: chart(patient(57, 'male'), cond('diabetes')),
    form: {
      ...redLeg,
      exam: { redness: true, warmth: true, unilateralSwelling: true, deepVeinTenderness: false },
      history: { fever: false, alternativeDiagnosisAsLikely: true },
    },
    expect: { top: 'cellulitis', redFlags: {} },
  },
  {
    id: 'red-swollen-leg-dvt-not-yet-weighed',
    area: 'infection',
    story: 'Red, warm, swollen left calf, no fever, nobody has yet weighed DVT against cellulitis.',
    source: `${CELLULITIS_SOURCE}; NICE NG158 (a red swollen leg needs DVT assessed)`,
    chart: chart(patient(62, 'female')),
    form: { ...redLeg, exam: { redness: true, warmth: true, unilateralSwelling: true }, history: { fever: false } },
    expect: { top: ['cellulitis', 'deep-vein-thrombosis'], redFlags: { 'suspected-dvt': 'urgent' } },
  },
  {
    id: 'cellulitis-with-fever-persona',
    area: 'infection',
    story: 'Persona: diabetic with a red, hot, swollen left shin spreading over 2 days and fever 38.6 °C.',
    source: CELLULITIS_SOURCE,
    chart: { persona: 'cellulitis' },
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
        painOutOfProportion: false,
        crepitusBullaeOrNecrosis: false,
      },
      history: { fever: true, recentTrauma: false, dyspnoeaOrChestPain: false, alternativeDiagnosisAsLikely: true },
    },
    expect: { top: 'cellulitis', redFlags: { cellulitis: 'urgent' }, workup: { must: ['same-day-review'] } },
  },
  {
    id: 'necrotising-pain-out-of-proportion-bullae',
    area: 'infection',
    story: 'Red swollen leg with fever, pain far beyond what the skin shows, and bullae appearing.',
    source: NECROTISING_SOURCE,
    chart: chart(patient(54, 'male'), cond('diabetes')),
    form: {
      ...redLeg,
      exam: { redness: true, warmth: true, painOutOfProportion: true, crepitusBullaeOrNecrosis: true },
      history: { fever: true, alternativeDiagnosisAsLikely: true },
    },
    expect: {
      top: 'cellulitis',
      redFlags: { 'necrotising-soft-tissue-infection': 'emergency' },
      workup: { must: ['emergency-surgical-review'] },
    },
  },
  {
    id: 'necrotising-crepitus-afebrile',
    area: 'infection',
    story: 'Red calf with crepitus under the skin; no fever recorded yet.',
    source: NECROTISING_SOURCE,
    chart: chart(patient(68, 'female')),
    form: { ...redLeg, exam: { redness: true, crepitusBullaeOrNecrosis: true } },
    expect: { top: 'cellulitis', redFlags: { 'necrotising-soft-tissue-infection': 'emergency' } },
  },
  {
    id: 'cellulitis-fever-unknown-asks',
    area: 'infection',
    story: 'Red, warm left shin; temperature not recorded: fever decides the urgency, so ask.',
    source: CELLULITIS_SOURCE,
    chart: chart(patient(49, 'female')),
    form: { ...redLeg, exam: { redness: true, warmth: true, unilateralSwelling: false } },
    expect: { top: 'cellulitis', redFlags: {}, asks: ['history.fever'] },
  },
  {
    id: 'compartment-syndrome-persona',
    area: 'infection',
    story: 'Persona: footballer kicked in the shin: tense swollen calf tonight, severe pain on stretching the toes.',
    source: 'Reference §4.9 (compartment syndrome: emergency fasciotomy review)',
    chart: { persona: 'compartment-syndrome' },
    form: {
      onset: 'sudden',
      durationWeeks: 0,
      side: 'right',
      locations: ['calf'],
      qualities: ['tight-swollen', 'deep-ache'],
      timing: ['constant'],
      episodeLength: 'persistent',
      relievedBy: ['nothing'],
      exam: { tenseSwollenCompartment: true, painOnPassiveStretch: true, pulsesRight: 'normal' },
      history: { recentTrauma: true, fever: false },
    },
    expect: { redFlags: { 'compartment-syndrome': 'emergency' }, top: 'deep-vein-thrombosis' },
  },
  {
    id: 'tense-calf-stretch-unknown-asks',
    area: 'infection',
    story: 'Tense swollen calf after a long run; passive stretch and trauma not recorded.',
    source: 'Reference §4.9 (compartment syndrome)',
    chart: chart(patient(31, 'male')),
    form: { onset: 'sudden', side: 'left', locations: ['calf'], exam: { tenseSwollenCompartment: true } },
    expect: {
      top: 'deep-vein-thrombosis',
      redFlags: {},
      asks: ['exam.painOnPassiveStretch'],
    },
  },
  {
    id: 'cellulitis-coded-on-chart-with-fever',
    area: 'infection',
    story: 'Cellulitis diagnosed yesterday in the ED, now febrile with tachycardia.',
    source: CELLULITIS_SOURCE,
    chart: chart(patient(73, 'male'), cond('cellulitis', { days: 1 }), lab('heart-rate', 108, { days: 0.05 })),
    form: {
      ...redLeg,
      exam: { redness: true, warmth: true },
      history: { fever: true, alternativeDiagnosisAsLikely: true },
    },
    expect: { top: 'cellulitis', redFlags: { cellulitis: 'urgent' } },
  },
];
