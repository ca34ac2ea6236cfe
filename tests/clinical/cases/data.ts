/**
 * Data cases: chart-only and empty forms, chart pre-answers and the clinician's override, stale and other-leg
 * results. Unknown is not normal: an empty form raises nothing and names nothing, and the chart's answers are shown
 * as "from chart" but never beat an explicit answer.
 */
import { abi, chart, cond, lab, med, patient } from './chart';
import { IRLSSG_ALL_MET } from './answers';
import type { ClinicalCase } from './types';
import { formSchema, type FormAnswers } from '@/lib/form/schema';

/** A form as an older app version saved it, brought to today's shape exactly as a restored draft is. */
function savedByOlderVersion(raw: Record<string, unknown>): FormAnswers {
  return formSchema.parse(raw);
}

export const DATA_CASES: readonly ClinicalCase[] = [
  {
    id: 'empty-form-empty-chart',
    area: 'data',
    story: 'Nothing on file and nothing recorded: no flag, no diagnosis, no scan.',
    source: 'issue 9 item 16 (with an empty form the tool said "DVT likely: scan")',
    chart: chart(patient(50, 'male')),
    form: {},
    expect: {
      top: 'no-single-top',
      redFlags: {},
      workup: { mustNot: ['compression-ultrasound', 'd-dimer', 'abi'] },
      asks: ['exam.suddenColdPaleLeg', 'exam.saddleAnaesthesia'],
    },
  },
  {
    id: 'empty-form-persona-empty-chart',
    area: 'data',
    story: 'Persona: new to the practice, no chart data, nothing recorded yet.',
    source: 'issue 9 item 16',
    chart: { persona: 'empty-chart' },
    form: {},
    expect: { top: 'no-single-top', redFlags: {}, workup: { mustNot: ['compression-ultrasound', 'd-dimer'] } },
  },
  {
    id: 'chart-only-af-anticoagulant-prior-dvt',
    area: 'data',
    story: 'Empty form; the chart knows AF, apixaban and a DVT five years ago: pre-answered from the chart.',
    source: 'issue 9 "pre-answer from the chart wherever the chart knows"',
    chart: chart(
      patient(76, 'female'),
      cond('atrial-fibrillation'),
      cond('dvt', { status: 'history', days: 5 * 365 }),
      med('anticoagulant', 'apixaban 5 mg twice daily', { days: 600 }),
    ),
    form: {},
    expect: {
      top: 'no-single-top',
      redFlags: {},
      chartAnswers: {
        'history.atrialFibrillation': true,
        'history.onAnticoagulant': true,
        'history.previousDvt': true,
      },
      workup: { mustNot: ['compression-ultrasound'] },
    },
  },
  {
    id: 'chart-only-pad-low-abi-no-story',
    area: 'data',
    story:
      'Empty form; PAD and a current right ABI of 0.35 on the chart: no rest-pain story recorded, so no CLTI flag yet.',
    source: '2024 ACC/AHA PAD guideline (CLTI needs rest pain or tissue loss); issue 9 item 10',
    chart: chart(patient(78, 'male'), cond('pad'), abi('right', 0.35), abi('left', 0.7)),
    form: {},
    expect: { top: 'pad-ischemic-rest-pain', redFlags: {} },
  },
  {
    id: 'clinician-overrides-chart-af',
    area: 'data',
    story:
      'Chart lists AF, but the clinician records "no AF" (coded in error); cold foot, pulses absent, timing unknown.',
    source: 'issue 9 (an explicit clinician answer always overrides the chart); 2024 ACC/AHA ALI',
    chart: chart(patient(69, 'male'), cond('atrial-fibrillation', { days: 30 }), cond('claudication')),
    form: {
      side: 'left',
      locations: ['foot'],
      exam: { pulsesLeft: 'absent', coolFoot: true },
      history: { atrialFibrillation: false, priorLegBypassOrStent: false },
    },
    expect: { top: 'pad-ischemic-rest-pain', redFlags: {}, asks: ['restPainDuration'] },
  },
  {
    id: 'old-pregnancy-not-pre-answered',
    area: 'data',
    story: 'A pregnancy recorded 3 years ago and never closed on the problem list: not a current pregnancy.',
    source: 'Chart pre-answers must not come from stale records (unknown is not yes either)',
    chart: chart(patient(36, 'female'), cond('pregnancy', { days: 3 * 365 })),
    form: {
      onset: 'gradual',
      durationWeeks: 20,
      side: 'both',
      locations: ['calf'],
      qualities: ['creeping-urge'],
      timing: ['evening-at-rest'],
      relievedBy: ['moving-legs'],
      irlssg: IRLSSG_ALL_MET,
    },
    expect: { top: 'restless-legs-syndrome', redFlags: {}, chartAnswers: {} },
  },
  {
    id: 'stale-potassium-re-suggested',
    area: 'data',
    story: 'Cramps with a potassium of 3.0 from two years ago: stale, re-suggested, not scored.',
    source: 'AFP 2012 cramps (electrolytes move with drugs and intake: a current value is needed)',
    chart: chart(patient(66, 'male'), lab('potassium', 3.0, { days: 730 })),
    form: {
      episodeOnset: 'sudden',
      durationWeeks: 8,
      side: 'right',
      locations: ['calf'],
      qualities: ['cramp-knot'],
      episodeLength: 'seconds-to-minutes',
      relievedBy: ['stretching-calf'],
    },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {}, workup: { must: ['potassium'] } },
  },
  {
    id: 'legacy-draft-pedal-pulses-migrated',
    area: 'data',
    story: 'A draft saved before pulses were recorded per leg ("pedal pulses absent", right leg) still counts.',
    source: 'Never lose the clinician\u2019s input: old drafts are migrated, not dropped',
    chart: chart(patient(74, 'male'), abi('right', 0.5)),
    form: savedByOlderVersion({
      onset: 'gradual',
      durationWeeks: 6,
      restPainDuration: '2-weeks-or-more',
      side: 'right',
      locations: ['toes-forefoot'],
      qualities: ['burning'],
      timing: ['after-1-2-hours-wakes'],
      relievedBy: ['dangling-leg'],
      exam: { pedalPulses: 'absent' },
    }),
    expect: { top: 'pad-ischemic-rest-pain', redFlags: { 'chronic-limb-threatening-ischemia': 'urgent' } },
  },
];
