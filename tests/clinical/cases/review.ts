/**
 * Independent clinical review cases (reviewer: physician-engineer, 2026-12-02), written from the guideline text
 * before looking at the engine's output. They probe the boundaries most likely to be wrong: both directions of each
 * emergency flag, stale or other-leg data, unknown answers that must not silence a flag, anticoagulated patients,
 * pregnancy, dialysis, non-compressible ABI with a low TBI, bilateral symptoms (neuropathy vs cauda equina), chronic
 * vs new breathlessness, and long-standing absent pulses.
 *
 * Drop-in for `tests/clinical/cases/`: add `...REVIEW_CASES` to `index.ts`. Every id starts with `rv-`.
 */
import { abi, cast, chart, cond, lab, med, patient, smoking, vascular } from './chart';
import { IRLSSG_ALL_MET } from './answers';
import type { ClinicalCase } from './types';
import type { FormAnswers } from '@/lib/form/schema';

const CLTI =
  '2024 ACC/AHA PAD guideline (CLTI: ≥ 2 weeks rest pain, non-healing wound or gangrene attributable to objectively proven PAD; TBI when ABI > 1.40; TBI ≤ 0.70 abnormal); GVG 2019 (toe pressure preferred; refer suspected CLTI urgently)';
const ALI =
  '2024 ACC/AHA PAD guideline Table 2 and §ALI (≤ 2 weeks; 6 Ps; Rutherford I viable, IIa marginally threatened, IIb immediately threatened, III irreversible; every category is evaluated emergently by a vascular specialist and heparinised unless contraindicated)';
const CES =
  'GIRFT national suspected cauda equina pathway 2023; NICE CKS sciatica (bilateral radicular symptoms, saddle, bladder/bowel/sexual change → emergency MRI); reference §4.9 (bilateral or progressive weakness)';
const WELLS =
  'NICE NG158 (two-level Wells; unlikely → D-dimer, negative excludes); ASH 2018 (Lim et al.; D-dimer unreliable in pregnancy, on anticoagulation, after surgery, in cancer; whole-leg imaging including iliac veins in pregnancy)';
const PE =
  'NICE NG158; reference §0b (PE signals: new or worse dyspnoea, pleuritic chest pain, haemoptysis, syncope, tachycardia, hypoxia; chronic stable symptoms are not PE signals)';
const SSTI =
  'IDSA 2014 SSTI guideline (cellulitis a clinical diagnosis; SIRS grades severity; pain out of proportion, bullae, crepitus, skin necrosis or rapid progression → necrotising infection, emergency surgical review); NICE CKS cellulitis';
const RLS_IRON =
  'AASM 2024 RLS guideline; IRLSSG 2018 iron consensus (ferritin ≤ 75 or TSAT < 20 % → iron; ESRD: IV iron sucrose if ferritin < 200 and TSAT < 20 %)';
const CRAMPS = 'AAFP 2012 / NICE CKS leg cramps (brief, sudden, painful contraction relieved by stretching)';

/** A typical ischaemic rest-pain story in the right forefoot (written afresh, not imported). */
const restPain = {
  onset: 'gradual',
  side: 'right',
  locations: ['toes-forefoot', 'foot'],
  qualities: ['burning', 'deep-ache'],
  timing: ['after-1-2-hours-wakes'],
  episodeLength: 'hours',
  relievedBy: ['dangling-leg'],
  worsenedBy: ['elevating-leg'],
} satisfies FormAnswers;

/** A nocturnal calf cramp story. */
const crampStory = {
  onset: 'gradual',
  episodeOnset: 'sudden',
  locations: ['calf'],
  qualities: ['cramp-knot'],
  timing: ['sudden-during-sleep'],
  episodeLength: 'seconds-to-minutes',
  relievedBy: ['stretching-calf'],
} satisfies FormAnswers;

/** A radicular (sciatica) story. */
const radicular = {
  locations: ['back-of-leg-from-buttock', 'calf'],
  qualities: ['sharp-shooting-electric', 'numbness-tingling'],
  worsenedBy: ['cough-sneeze'],
} satisfies FormAnswers;

/** A swollen, tender calf. */
const swollenCalf = {
  onset: 'sudden',
  locations: ['calf'],
  qualities: ['tight-swollen', 'deep-ache'],
  timing: ['constant'],
  episodeLength: 'persistent',
} satisfies FormAnswers;

/** Classic RLS, all IRLSSG criteria. */
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

export const REVIEW_CASES: readonly ClinicalCase[] = [
  // ───────────────────────────── Vascular: CLTI ─────────────────────────────
  {
    id: 'rv-clti-normal-abi-low-tbi',
    area: 'vascular',
    story:
      'Diabetic on dialysis, 4 weeks of rest pain in the right toes; ABI 1.02 (calcified, falsely normal) but TBI 0.28.',
    source: `${CLTI} — a normal ABI does not exclude PAD in diabetes/CKD; a TBI ≤ 0.70 proves it`,
    chart: chart(
      patient(68, 'male'),
      cond('diabetes'),
      cond('esrd'),
      cond('dialysis'),
      abi('right', 1.02),
      vascular('tbi', 0.28, { side: 'right' }),
    ),
    form: { ...restPain, durationWeeks: 4, restPainDuration: '2-weeks-or-more', exam: { pulsesRight: 'diminished' } },
    expect: {
      top: 'pad-ischemic-rest-pain',
      redFlags: { 'chronic-limb-threatening-ischemia': 'urgent' },
      workup: { must: ['vascular-referral'], mustNot: ['egfr', 'creatinine'] },
    },
  },
  {
    id: 'rv-clti-toe-pressure-25-noncompressible',
    area: 'vascular',
    story:
      'Haemodialysis patient with a non-compressible ABI 1.60 and a right toe pressure of 25 mmHg: rest pain 3 weeks.',
    source: `${CLTI}; GVG 2019 (toe pressure < 30 mmHg = severe ischaemia)`,
    chart: chart(
      patient(63, 'female'),
      cond('diabetes'),
      cond('dialysis'),
      abi('right', 1.6),
      vascular('toe-pressure', 25, { side: 'right' }),
    ),
    form: { ...restPain, durationWeeks: 3, restPainDuration: '2-weeks-or-more' },
    expect: {
      top: 'pad-ischemic-rest-pain',
      redFlags: { 'chronic-limb-threatening-ischemia': 'urgent' },
      workup: { must: ['vascular-referral'] },
    },
  },
  {
    id: 'rv-noncompressible-abi-only-not-reassuring',
    area: 'vascular',
    story: 'Rest pain ≥ 2 weeks, absent right foot pulses; the only test is an ABI of 1.55 (non-diagnostic), no TBI.',
    source: `${CLTI} — ABI > 1.40 is non-diagnostic, must not be read as normal; absent pulses + rest pain = suspected CLTI, get TBI and refer`,
    chart: chart(patient(72, 'male'), cond('diabetes'), abi('right', 1.55)),
    form: {
      ...restPain,
      durationWeeks: 5,
      restPainDuration: '2-weeks-or-more',
      exam: { pulsesRight: 'absent', coolFoot: true },
    },
    expect: {
      top: 'pad-ischemic-rest-pain',
      redFlags: { 'chronic-limb-threatening-ischemia': 'urgent' },
      workup: { must: ['toe-pressure-tbi', 'vascular-referral'] },
    },
  },
  {
    id: 'rv-clti-pad-on-problem-list-abi-18-months',
    area: 'vascular',
    story:
      'PAD on the problem list, no revascularisation; right ABI 0.45 from 18 months ago; now 4 weeks of rest pain, absent pulse.',
    source: `${CLTI} — PAD proven once stays proven (it does not regress without revascularisation); a repeat ABI stages, it does not gate the referral`,
    chart: chart(patient(76, 'male'), cond('pad', { days: 900 }), smoking('current'), abi('right', 0.45, 540)),
    form: {
      ...restPain,
      durationWeeks: 4,
      restPainDuration: '2-weeks-or-more',
      exam: { pulsesRight: 'absent', pallorOnElevationOrDependentRubor: true },
    },
    expect: {
      top: 'pad-ischemic-rest-pain',
      redFlags: { 'chronic-limb-threatening-ischemia': 'urgent' },
      workup: { must: ['vascular-referral', 'abi'] },
    },
  },
  {
    id: 'rv-form-abi-measured-years-ago',
    area: 'vascular',
    story: 'No rest pain story (night cramps); the clinician types an old ABI 0.40 dated 2022 from a letter.',
    source: `${CLTI}; issue 9 item 10 (stale results never raise); ${CRAMPS}`,
    chart: chart(patient(70, 'male')),
    form: {
      ...crampStory,
      durationWeeks: 8,
      side: 'right',
      exam: { palpableCrampKnot: true, pulsesRight: 'diminished' },
      measurements: { abiRight: 0.4, measuredOn: '2022-03-01' },
    },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {} },
  },
  {
    id: 'rv-low-tbi-other-leg-only',
    area: 'vascular',
    story: 'Rest pain in the right foot; the only TBI (0.20) is of the LEFT leg; right ABI 1.50 non-compressible.',
    source: `${CLTI}; issue 9 item 10 (contralateral results never raise; ask for the right TBI)`,
    chart: chart(patient(74, 'female'), cond('diabetes'), abi('right', 1.5), vascular('tbi', 0.2, { side: 'left' })),
    form: { ...restPain, durationWeeks: 3, restPainDuration: '2-weeks-or-more' },
    expect: { top: 'pad-ischemic-rest-pain', redFlags: {}, workup: { must: ['toe-pressure-tbi'] } },
  },
  {
    id: 'rv-af-with-chronic-rest-pain-not-ali',
    area: 'vascular',
    story:
      'AF on apixaban; 8 weeks of rest pain in the right toes, ABI 0.50, chronically absent pulses: CLTI, not acute ischaemia.',
    source: `${CLTI}; ${ALI} (an embolic source does not make an 8-week story acute)`,
    chart: chart(
      patient(79, 'female'),
      cond('atrial-fibrillation'),
      cond('pad'),
      med('anticoagulant', 'apixaban 5 mg twice daily', { days: 800 }),
      abi('right', 0.5, 20),
    ),
    form: {
      ...restPain,
      durationWeeks: 8,
      restPainDuration: '2-weeks-or-more',
      exam: { pulsesRight: 'absent', coolFoot: true, footSensation: 'normal', footMovement: 'normal' },
    },
    expect: {
      top: 'pad-ischemic-rest-pain',
      redFlags: { 'chronic-limb-threatening-ischemia': 'urgent' },
      workup: { must: ['vascular-referral'], mustNot: ['emergency-vascular'] },
    },
  },
  // ───────────────────────────── Vascular: ALI ─────────────────────────────
  {
    id: 'rv-ali-af-on-apixaban-rutherford-iia',
    area: 'vascular',
    story:
      'AF on apixaban: 2 days of a cold, pale left foot, no pulses, numb toes only, moves normally (Rutherford IIa).',
    source: `${ALI} — anticoagulation does not exclude embolism`,
    chart: chart(
      patient(81, 'male'),
      cond('atrial-fibrillation'),
      med('anticoagulant', 'apixaban 2.5 mg twice daily', { days: 400 }),
    ),
    form: {
      onset: 'sudden',
      durationWeeks: 0.3,
      restPainDuration: 'days',
      side: 'left',
      locations: ['foot', 'toes-forefoot'],
      qualities: ['deep-ache', 'numbness-tingling'],
      exam: {
        pulsesLeft: 'absent',
        pulsesRight: 'normal',
        coolFoot: true,
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
    id: 'rv-ali-rutherford-i-doppler-signal',
    area: 'vascular',
    story:
      'Pain and a cool right foot since yesterday, pulses not palpable but Doppler signals heard, sensation and power normal (Rutherford I).',
    source: `${ALI} — category I is still ALI: emergent vascular evaluation and heparin`,
    chart: chart(patient(69, 'male'), smoking('current'), cond('hyperlipidemia')),
    form: {
      onset: 'sudden',
      durationWeeks: 0.15,
      restPainDuration: 'hours',
      side: 'right',
      locations: ['foot', 'calf'],
      qualities: ['deep-ache'],
      exam: {
        pulsesRight: 'doppler-only',
        pulsesLeft: 'normal',
        coolFoot: true,
        suddenColdPaleLeg: true,
        footSensation: 'normal',
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
    id: 'rv-ali-paralysed-pulses-unrecorded',
    area: 'vascular',
    story:
      'Sudden agonising left leg 6 hours ago, cold, foot numb and cannot move; pulses not yet recorded, no AF known.',
    source: `${ALI} — motor and sensory loss = Rutherford IIb/III; unrecorded pulses must not silence the flag`,
    chart: chart(patient(64, 'female')),
    form: {
      onset: 'sudden',
      durationWeeks: 0,
      restPainDuration: 'hours',
      side: 'left',
      locations: ['whole-leg', 'foot'],
      qualities: ['deep-ache', 'numbness-tingling'],
      exam: { coolFoot: true, footSensation: 'absent', footMovement: 'paralysed' },
    },
    expect: {
      top: 'pad-ischemic-rest-pain',
      redFlags: { 'acute-limb-ischemia': 'emergency' },
      workup: { must: ['emergency-vascular'] },
      asks: ['exam.pulsesLeft'],
    },
  },
  {
    id: 'rv-ten-week-cramps-known-pad-and-af',
    area: 'vascular',
    story:
      'Known PAD with long-absent foot pulses AND atrial fibrillation: 10 weeks of sudden night calf cramps eased by stretching.',
    source: `${ALI} (long-standing absent pulses, no change from baseline, 10 weeks); ${CRAMPS}; issue 9 item 7`,
    chart: chart(
      patient(77, 'male'),
      cond('pad', { days: 1500 }),
      cond('atrial-fibrillation', { days: 1000 }),
      med('anticoagulant', 'warfarin', { days: 1000 }),
      abi('right', 0.68, 90),
      abi('left', 0.74, 90),
    ),
    form: {
      ...crampStory,
      onset: 'sudden',
      durationWeeks: 10,
      side: 'right',
      exam: {
        pulsesRight: 'absent',
        pulsesLeft: 'absent',
        palpableCrampKnot: true,
        footSensation: 'normal',
        footMovement: 'normal',
      },
    },
    expect: {
      top: 'nocturnal-leg-cramps',
      redFlags: {},
      workup: { mustNot: ['emergency-vascular'] },
    },
  },
  // ───────────────────────────── Spine ─────────────────────────────
  {
    id: 'rv-ces-bilateral-sciatica-in-known-neuropathy',
    area: 'spine',
    story:
      'Diabetic neuropathy on the chart; now 3 days of NEW shooting pain from both buttocks down both legs with back pain.',
    source: `${CES} — known neuropathy must not explain away new bilateral radicular pain`,
    chart: chart(patient(58, 'male'), cond('diabetes'), cond('diabetic-neuropathy', { days: 2000 })),
    form: {
      ...radicular,
      onset: 'sudden',
      durationWeeks: 0.4,
      side: 'both',
      exam: { straightLegRaise: 'positive', reducedVibrationOrMonofilament: true },
      history: { backPain: true, bilateralSciatica: true },
    },
    expect: {
      top: 'lumbar-radiculopathy',
      redFlags: { 'cauda-equina': 'emergency' },
      workup: { must: ['emergency-mri-lumbar'] },
    },
  },
  {
    id: 'rv-ces-bilateral-radicular-story-screen-unanswered',
    area: 'spine',
    story:
      'Back pain, 5 days of shooting pain from the buttocks down BOTH legs worse on coughing; CES screen questions left blank.',
    source: `${CES} — the story is bilateral sciatica; an unanswered screen must not silence the flag (tri-state: unknown is not no)`,
    chart: chart(patient(41, 'female')),
    form: {
      ...radicular,
      onset: 'sudden',
      durationWeeks: 0.7,
      side: 'both',
      exam: { straightLegRaise: 'positive' },
      history: { backPain: true },
    },
    expect: {
      top: 'lumbar-radiculopathy',
      redFlags: { 'cauda-equina': 'emergency' },
      workup: { must: ['emergency-mri-lumbar'] },
    },
  },
  {
    id: 'rv-anticoagulated-back-pain-bilateral-weakness',
    area: 'spine',
    story:
      'On warfarin: sudden severe back pain this morning, now both legs weak and getting weaker (epidural haematoma).',
    source: `${CES} — bilateral progressive weakness with acute back pain is emergency MRI, not neuropathy`,
    chart: chart(patient(71, 'male'), cond('atrial-fibrillation'), med('anticoagulant', 'warfarin', { days: 1500 })),
    form: {
      onset: 'sudden',
      durationWeeks: 0,
      side: 'both',
      locations: ['thigh', 'calf'],
      qualities: ['numbness-tingling', 'deep-ache'],
      exam: { progressiveWeakness: true, weakDorsiflexionEversion: true, footMovement: 'weak' },
      history: { backPain: true },
    },
    expect: {
      top: 'lumbar-radiculopathy',
      redFlags: { 'cauda-equina': 'emergency' },
      workup: { must: ['emergency-mri-lumbar'] },
    },
  },
  {
    id: 'rv-chronic-stenosis-bilateral-no-ces',
    area: 'spine',
    story:
      'Two years of aching in both legs on standing, eased by sitting and bending forward; CES screen all negative.',
    source: `${CES} (new bilateral radicular symptoms only; chronic stable neurogenic claudication is not CES); NASS lumbar stenosis`,
    chart: chart(patient(74, 'female'), cond('lumbar-stenosis', { days: 700 })),
    form: {
      onset: 'gradual',
      durationWeeks: 104,
      side: 'both',
      locations: ['back-of-leg-from-buttock', 'thigh', 'calf'],
      qualities: ['heavy-aching', 'numbness-tingling'],
      timing: ['end-of-day-after-standing'],
      relievedBy: ['curling-up-flexion'],
      exam: {
        saddleAnaesthesia: false,
        bladderOrBowelChange: false,
        progressiveWeakness: false,
        pulsesRight: 'normal',
        pulsesLeft: 'normal',
      },
      history: {
        backPain: true,
        bilateralSciatica: false,
        bladderSensationOrStreamChange: false,
        sexualDysfunction: false,
      },
    },
    expect: { top: 'lumbar-radiculopathy', redFlags: {}, workup: { mustNot: ['emergency-mri-lumbar'] } },
  },
  {
    id: 'rv-chemo-fever-back-pain-spinal-infection',
    area: 'spine',
    story: 'On chemotherapy (immunosuppressed) with fever and new thoracolumbar back pain and right leg pain.',
    source:
      'Reference §0b / NICE CKS back pain red flags: fever + immunosuppression + back pain → same-day MRI with contrast, blood cultures (emergency)',
    chart: chart(patient(62, 'female'), cond('active-cancer', { label: 'Breast cancer on chemotherapy', days: 60 })),
    form: {
      ...radicular,
      onset: 'gradual',
      durationWeeks: 1,
      side: 'right',
      exam: { saddleAnaesthesia: false, bladderOrBowelChange: false },
      history: {
        backPain: true,
        fever: true,
        ivDrugUseOrImmunosuppression: true,
        bilateralSciatica: false,
        bladderSensationOrStreamChange: false,
        sexualDysfunction: false,
      },
    },
    expect: {
      top: 'lumbar-radiculopathy',
      // The malignancy flag, if its trigger held, is superseded by spinal infection (same-day MRI with contrast covers it).
      redFlags: { 'spinal-infection': 'emergency' },
      workup: { must: ['mri-spine-contrast', 'blood-cultures'] },
    },
  },
  {
    id: 'rv-symmetric-neuropathy-with-back-pain-no-ces',
    area: 'spine',
    story:
      'Chronic low back pain AND 3 years of symmetric burning, numb feet (stocking loss) in a diabetic; CES screen negative.',
    source: `${CES} (bilateral distal symmetric deficits are neuropathy, not CES); issue 9 item 8`,
    chart: chart(patient(66, 'male'), cond('diabetes', { days: 5000 }), cond('low-back-pain', { days: 3000 })),
    form: {
      onset: 'gradual',
      durationWeeks: 150,
      side: 'both',
      locations: ['foot', 'toes-forefoot'],
      qualities: ['burning', 'numbness-tingling'],
      timing: ['evening-at-rest'],
      exam: {
        reducedVibrationOrMonofilament: true,
        reducedAnkleReflexes: true,
        saddleAnaesthesia: false,
        bladderOrBowelChange: false,
        pulsesRight: 'normal',
        pulsesLeft: 'normal',
      },
      history: {
        backPain: true,
        bilateralSciatica: false,
        bladderSensationOrStreamChange: false,
        sexualDysfunction: false,
      },
    },
    expect: {
      top: 'diabetic-peripheral-neuropathy',
      redFlags: {},
      workup: { mustNot: ['emergency-mri-lumbar', 'monofilament-exam'] },
    },
  },
  // ───────────────────────────── VTE / PE ─────────────────────────────
  {
    id: 'rv-pregnant-wells-0-negative-d-dimer-not-excluded',
    area: 'vte',
    story:
      '24 weeks pregnant, aching left calf, every Wells item "no", D-dimer negative: pregnancy makes neither reliable.',
    source: `${WELLS} — Wells not validated in pregnancy; a negative D-dimer does not exclude DVT in pregnancy`,
    chart: chart(patient(29, 'female'), cond('pregnancy', { days: 170 }), lab('d-dimer', 280, { days: 0.2 })),
    form: {
      onset: 'gradual',
      side: 'left',
      locations: ['calf'],
      qualities: ['deep-ache'],
      exam: {
        deepVeinTenderness: false,
        entireLegSwollen: false,
        calfSwellingOver3cm: false,
        pittingOedemaSymptomaticLeg: false,
        collateralSuperficialVeins: false,
        unilateralSwelling: false,
      },
      history: {
        pregnantOrPostpartum: true,
        pregnancyStage: 'second-trimester',
        activeCancer: false,
        legParalysisOrCast: false,
        recentSurgeryOrBedRest: false,
        previousDvt: false,
        alternativeDiagnosisAsLikely: false,
        dyspnoeaOrChestPain: false,
        haemoptysisOrSyncope: false,
      },
    },
    expect: { top: 'no-single-top', redFlags: {}, dvt: 'not-excluded' },
  },
  {
    id: 'rv-pregnant-night-cramps-no-dvt-push',
    area: 'cramps-and-mimics',
    story:
      '28 weeks pregnant, woken by brief cramps in both calves eased by stretching, no swelling: classic pregnancy cramps.',
    source: `${CRAMPS} (cramps common in pregnancy); ${WELLS} (pregnancy alone is not a DVT signal)`,
    chart: chart(patient(31, 'female'), cond('pregnancy', { days: 196 })),
    form: {
      ...crampStory,
      durationWeeks: 4,
      side: 'both',
      exam: { unilateralSwelling: false, palpableCrampKnot: true },
      history: { pregnancyStage: 'third-trimester', dyspnoeaOrChestPain: false },
    },
    expect: {
      top: 'nocturnal-leg-cramps',
      redFlags: {},
      workup: { mustNot: ['compression-ultrasound', 'whole-leg-ultrasound', 'd-dimer'] },
    },
  },
  {
    id: 'rv-postpartum-swollen-leg',
    area: 'vte',
    story: '10 days after a caesarean section: swollen, tender whole left leg.',
    source: `${WELLS} — postpartum and post-surgery: D-dimer unreliable; likely → ultrasound (4 hours)`,
    chart: chart(patient(34, 'female')),
    form: {
      ...swollenCalf,
      durationWeeks: 0.2,
      side: 'left',
      locations: ['whole-leg', 'calf', 'thigh'],
      exam: {
        unilateralSwelling: true,
        entireLegSwollen: true,
        deepVeinTenderness: true,
        pittingOedemaSymptomaticLeg: true,
      },
      history: {
        pregnantOrPostpartum: true,
        pregnancyStage: 'postpartum',
        recentSurgeryOrBedRest: true,
        dyspnoeaOrChestPain: false,
        haemoptysisOrSyncope: false,
      },
    },
    expect: {
      top: 'deep-vein-thrombosis',
      redFlags: { 'suspected-dvt': 'urgent' },
      workup: { mustNot: ['d-dimer'] },
    },
  },
  {
    id: 'rv-hypoxia-on-chart-dyspnoea-unanswered',
    area: 'vte',
    story:
      'Swollen tender right calf after a cast; SpO2 89 % and HR 118 recorded an hour ago; breathlessness not asked.',
    source: `${PE} — hypoxia and tachycardia are PE signals; an unanswered question must not silence them`,
    chart: chart(
      patient(52, 'male'),
      cast(10),
      lab('spo2', 89, { days: 0.04 }),
      lab('heart-rate', 118, { days: 0.04 }),
    ),
    form: {
      ...swollenCalf,
      durationWeeks: 0.3,
      side: 'right',
      exam: { unilateralSwelling: true, calfSwellingOver3cm: true, deepVeinTenderness: true },
    },
    expect: {
      top: 'deep-vein-thrombosis',
      redFlags: { 'possible-pulmonary-embolism': 'emergency', 'suspected-dvt': 'urgent' },
      workup: { must: ['emergency-pe'] },
    },
  },
  {
    id: 'rv-copd-old-low-spo2-chronic-dyspnoea-no-pe',
    area: 'vte',
    story:
      'COPD with stable chronic breathlessness (not new); SpO2 90 % from 8 months ago; night calf cramps eased by stretching.',
    source: `${PE} — stale vitals and chronic stable dyspnoea are not PE signals; issue 9 items 9 and 10`,
    chart: chart(
      patient(72, 'male'),
      smoking('former'),
      lab('spo2', 90, { days: 240 }),
      lab('heart-rate', 104, { days: 240 }),
    ),
    form: {
      ...crampStory,
      durationWeeks: 12,
      side: 'left',
      exam: { unilateralSwelling: false, palpableCrampKnot: true },
      history: { dyspnoeaOrChestPain: true, breathlessnessNewOrWorse: false, haemoptysisOrSyncope: false },
    },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {} },
  },
  {
    id: 'rv-febrile-cellulitis-tachycardia-not-pe',
    area: 'infection',
    story:
      'Spreading red, hot, swollen shin with fever 38.6 and HR 112; no breathlessness; clinician judges cellulitis more likely than DVT.',
    source: `${SSTI}; ${PE} (tachycardia explained by fever and no respiratory symptom is not a PE flag); ${WELLS}`,
    chart: chart(
      patient(61, 'male'),
      cond('obesity'),
      lab('heart-rate', 112, { days: 0.05 }),
      lab('spo2', 97, { days: 0.05 }),
    ),
    form: {
      onset: 'sudden',
      durationWeeks: 0.3,
      side: 'right',
      locations: ['calf'],
      qualities: ['burning', 'tight-swollen'],
      timing: ['constant'],
      exam: {
        redness: true,
        warmth: true,
        unilateralSwelling: true,
        calfSwellingOver3cm: false,
        entireLegSwollen: false,
        deepVeinTenderness: false,
        pittingOedemaSymptomaticLeg: false,
        collateralSuperficialVeins: false,
        painOutOfProportion: false,
        crepitusBullaeOrNecrosis: false,
        rapidlySpreadingRedness: false,
      },
      history: {
        fever: true,
        dyspnoeaOrChestPain: false,
        haemoptysisOrSyncope: false,
        activeCancer: false,
        legParalysisOrCast: false,
        recentSurgeryOrBedRest: false,
        previousDvt: false,
        alternativeDiagnosisAsLikely: true,
      },
    },
    expect: {
      top: 'cellulitis',
      redFlags: { cellulitis: 'urgent' },
      workup: { mustNot: ['emergency-pe', 'compression-ultrasound'] },
    },
  },
  {
    id: 'rv-new-breathless-on-rivaroxaban-swollen-leg',
    area: 'vte',
    story:
      'On rivaroxaban for AF: swollen tender left calf and NEW breathlessness today: anticoagulation does not exclude PE.',
    source: `${PE}; reference §0b (VTE on anticoagulation = treatment failure)`,
    chart: chart(
      patient(68, 'female'),
      cond('atrial-fibrillation'),
      med('anticoagulant', 'rivaroxaban 20 mg daily', { days: 600 }),
    ),
    form: {
      ...swollenCalf,
      durationWeeks: 0.3,
      side: 'left',
      exam: { unilateralSwelling: true, calfSwellingOver3cm: true, deepVeinTenderness: true },
      history: { dyspnoeaOrChestPain: true, breathlessnessNewOrWorse: true, anticoagulantAdherence: 'as-prescribed' },
    },
    expect: {
      top: 'deep-vein-thrombosis',
      redFlags: { 'possible-pulmonary-embolism': 'emergency', 'suspected-dvt': 'urgent' },
      workup: { must: ['emergency-pe', 'anticoagulant-failure-review'], mustNot: ['d-dimer'] },
    },
  },
  {
    id: 'rv-bilateral-oedema-heart-failure-no-dvt',
    area: 'vte',
    story: 'Heart failure: symmetric pitting oedema of both ankles, aching legs in the evening; no unilateral signs.',
    source: `${WELLS} (Wells items describe the symptomatic leg; bilateral symmetric oedema is not a DVT signal)`,
    chart: chart(
      patient(82, 'female'),
      cond('cardiovascular-disease', { label: 'Heart failure' }),
      med('diuretic', 'furosemide'),
    ),
    form: {
      onset: 'gradual',
      durationWeeks: 10,
      side: 'both',
      locations: ['calf', 'foot'],
      qualities: ['heavy-aching'],
      timing: ['end-of-day-after-standing'],
      relievedBy: ['elevating-legs'],
      exam: { ankleOedema: true, unilateralSwelling: false, deepVeinTenderness: false, redness: false, warmth: false },
      history: { dyspnoeaOrChestPain: false, haemoptysisOrSyncope: false },
    },
    expect: {
      top: 'venous-insufficiency',
      redFlags: {},
      workup: { mustNot: ['compression-ultrasound', 'whole-leg-ultrasound'] },
    },
  },
  // ───────────────────────────── Compartment / infection ─────────────────────────────
  {
    id: 'rv-compartment-on-warfarin-after-fall',
    area: 'infection',
    story: 'On warfarin, fell yesterday: tense, swollen right calf and severe pain on passive toe stretch.',
    source:
      'Reference §4.9 (compartment syndrome: tense compartment + pain on passive stretch → emergency); anticoagulation raises the risk (bleeding into the compartment)',
    chart: chart(patient(78, 'female'), cond('atrial-fibrillation'), med('anticoagulant', 'warfarin', { days: 900 })),
    form: {
      onset: 'sudden',
      durationWeeks: 0.1,
      side: 'right',
      locations: ['calf'],
      qualities: ['tight-swollen', 'deep-ache'],
      timing: ['constant'],
      exam: { tenseSwollenCompartment: true, painOnPassiveStretch: true, pulsesRight: 'normal' },
      history: { recentTrauma: true, fever: false, dyspnoeaOrChestPain: false },
    },
    expect: {
      top: ['deep-vein-thrombosis', 'cellulitis'],
      redFlags: { 'compartment-syndrome': 'emergency' },
      workup: { must: ['compartment-review'] },
    },
  },
  {
    id: 'rv-necrotising-rapid-spread-afebrile-diabetic',
    area: 'infection',
    story: 'Diabetic, no fever: redness spreading visibly over hours up the shin, pain far beyond what the skin shows.',
    source: `${SSTI} — fever is often absent in necrotising infection; rapid spread + pain out of proportion = emergency`,
    chart: chart(patient(57, 'male'), cond('diabetes')),
    form: {
      onset: 'sudden',
      durationWeeks: 0.1,
      side: 'left',
      locations: ['calf'],
      qualities: ['burning', 'tight-swollen'],
      exam: { redness: true, warmth: true, rapidlySpreadingRedness: true, painOutOfProportion: true },
      history: { fever: false },
    },
    expect: {
      top: 'cellulitis',
      redFlags: { 'necrotising-soft-tissue-infection': 'emergency' },
      workup: { must: ['emergency-surgical-review'] },
    },
  },
  // ───────────────────────────── RLS / cramps ─────────────────────────────
  {
    id: 'rv-rls-dialysis-tsat-25-no-iron',
    area: 'rls',
    story: 'Haemodialysis patient with restless legs, ferritin 150 µg/L but TSAT 25 %: the ESRD iron rule needs both.',
    source: RLS_IRON,
    chart: chart(
      patient(59, 'male'),
      cond('esrd'),
      cond('dialysis'),
      lab('ferritin', 150, { days: 10 }),
      lab('transferrin-saturation', 25, { days: 10 }),
    ),
    form: rls,
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { mustNot: ['iv-iron-sucrose', 'iv-iron', 'iron-therapy', 'egfr', 'creatinine'] },
    },
  },
  {
    id: 'rv-rls-ferritin-120-tsat-15-iron',
    area: 'rls',
    story: 'Restless legs, not on dialysis: ferritin 120 µg/L but TSAT 15 %: iron is indicated by TSAT alone.',
    source: `${RLS_IRON} (the criteria are ferritin ≤ 75 OR TSAT < 20 %)`,
    chart: chart(
      patient(49, 'female'),
      lab('ferritin', 120, { days: 12 }),
      lab('transferrin-saturation', 15, { days: 12 }),
    ),
    form: rls,
    expect: { top: 'restless-legs-syndrome', redFlags: {}, workup: { must: ['iron-therapy'] } },
  },
  {
    id: 'rv-rls-ferritin-75-boundary',
    area: 'rls',
    story: 'Restless legs with ferritin exactly 75 µg/L, TSAT 28 %: the boundary is inclusive (≤ 75).',
    source: RLS_IRON,
    chart: chart(
      patient(55, 'female'),
      lab('ferritin', 75, { days: 12 }),
      lab('transferrin-saturation', 28, { days: 12 }),
    ),
    form: rls,
    expect: { top: 'restless-legs-syndrome', redFlags: {}, workup: { must: ['iron-therapy'] } },
  },
  {
    id: 'rv-dialysis-cramps-no-egfr',
    area: 'cramps-and-mimics',
    story:
      'Haemodialysis patient woken by brief calf cramps eased by stretching: no eGFR/creatinine re-ordered, no flags.',
    source: `${CRAMPS}; issue 9 item 16 (workup repeats what is known: eGFR on dialysis)`,
    chart: chart(patient(66, 'male'), cond('esrd'), cond('dialysis'), lab('potassium', 4.6, { days: 3 })),
    form: {
      ...crampStory,
      durationWeeks: 6,
      side: 'left',
      exam: { palpableCrampKnot: true, unilateralSwelling: false },
    },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {}, workup: { mustNot: ['egfr', 'creatinine', 'potassium'] } },
  },
  {
    id: 'rv-empty-form-af-chart-no-flag',
    area: 'data',
    story:
      'Chart only: AF, PAD and warfarin on file, nothing entered on the form yet: no emergency from the chart alone.',
    source: `${ALI} (ALI is a bedside diagnosis: an embolic source alone is no flag); issue 9 item 16 (empty form)`,
    chart: chart(patient(80, 'male'), cond('atrial-fibrillation'), cond('pad'), med('anticoagulant', 'warfarin')),
    form: {},
    expect: {
      top: 'pad-ischemic-rest-pain',
      redFlags: {},
      workup: { mustNot: ['emergency-vascular', 'compression-ultrasound'] },
      chartAnswers: { 'history.atrialFibrillation': true, 'history.onAnticoagulant': true },
    },
  },
  // ───────────────────────────── Added after reading the rule book (still written from the guidelines) ─────────────
  {
    id: 'rv-known-pad-one-week-cramps-cool-feet-not-ali',
    area: 'vascular',
    story:
      'Known PAD (ABI 0.60 last month), feet always cool with absent pulses; NEW night calf cramps for 1 week, eased by stretching.',
    source: `${ALI} (ALI is a CHANGE from baseline within 2 weeks; long-standing absent pulses and cool feet are baseline); ${CRAMPS}; issue 9 item 7`,
    chart: chart(patient(73, 'male'), cond('pad', { days: 1200 }), abi('right', 0.6, 30), abi('left', 0.65, 30)),
    form: {
      ...crampStory,
      durationWeeks: 1,
      side: 'right',
      exam: {
        pulsesRight: 'absent',
        pulsesLeft: 'absent',
        coolFoot: true,
        palpableCrampKnot: true,
        footSensation: 'normal',
        footMovement: 'normal',
      },
    },
    expect: { top: 'nocturnal-leg-cramps', redFlags: {}, workup: { mustNot: ['emergency-vascular'] } },
  },
  {
    id: 'rv-dvt-in-pad-patient-chronic-absent-pulses-not-ali',
    area: 'vte',
    story: 'Known PAD with long-absent foot pulses and cool feet: swollen, tender left calf for 3 days.',
    source: `${WELLS}; ${ALI} (a swollen calf with baseline pulselessness is not acute arterial ischaemia)`,
    chart: chart(patient(70, 'female'), cond('pad', { days: 2000 }), abi('left', 0.7, 60), abi('right', 0.75, 60)),
    form: {
      ...swollenCalf,
      durationWeeks: 0.4,
      side: 'left',
      exam: {
        unilateralSwelling: true,
        calfSwellingOver3cm: true,
        deepVeinTenderness: true,
        pulsesLeft: 'absent',
        pulsesRight: 'absent',
        coolFoot: true,
        footSensation: 'normal',
        footMovement: 'normal',
      },
      history: { dyspnoeaOrChestPain: false, haemoptysisOrSyncope: false },
    },
    expect: {
      top: 'deep-vein-thrombosis',
      redFlags: { 'suspected-dvt': 'urgent' },
      workup: { must: ['compression-ultrasound'], mustNot: ['emergency-vascular'] },
    },
  },
  {
    id: 'rv-bacteraemia-new-back-pain-afebrile',
    area: 'spine',
    story:
      'Two weeks after S. aureus bacteraemia, afebrile on antibiotics: new, worsening low back pain and left sciatica.',
    source:
      'IDSA 2015 native vertebral osteomyelitis guideline: suspect NVO in new or worsening back pain AND concomitant bloodstream infection or endocarditis (strong); fever is frequently absent; MRI, blood cultures',
    chart: chart(patient(67, 'male')),
    form: {
      ...radicular,
      onset: 'gradual',
      durationWeeks: 1,
      side: 'left',
      exam: { saddleAnaesthesia: false, bladderOrBowelChange: false },
      history: {
        backPain: true,
        fever: false,
        recentBacteraemia: true,
        bilateralSciatica: false,
        bladderSensationOrStreamChange: false,
        sexualDysfunction: false,
      },
    },
    expect: {
      top: 'lumbar-radiculopathy',
      redFlags: { 'spinal-infection': 'emergency' },
      workup: { must: ['mri-spine-contrast', 'blood-cultures'] },
    },
  },
  {
    id: 'rv-active-cancer-new-back-pain-sciatica',
    area: 'spine',
    story:
      'Metastatic prostate cancer: 3 weeks of new low back pain with right sciatica, eased a little lying still; afebrile.',
    source:
      'ACP/APS 2007 (history of cancer + new back pain → MRI); NICE NG234 metastatic spinal cord compression 2023 (spinal pain in cancer → MRI within 1 week; with radicular/neurological symptoms within 24 hours)',
    chart: chart(patient(72, 'male'), cond('active-cancer', { label: 'Metastatic prostate cancer', days: 300 })),
    form: {
      ...radicular,
      onset: 'gradual',
      durationWeeks: 3,
      side: 'right',
      relievedBy: ['changing-position'],
      exam: { saddleAnaesthesia: false, bladderOrBowelChange: false, straightLegRaise: 'positive' },
      history: {
        backPain: true,
        fever: false,
        ivDrugUseOrImmunosuppression: false,
        recentBacteraemia: false,
        bilateralSciatica: false,
        bladderSensationOrStreamChange: false,
        sexualDysfunction: false,
      },
    },
    expect: { top: 'lumbar-radiculopathy', redFlags: { 'night-pain-malignancy-infection': 'urgent' } },
  },
  {
    id: 'rv-neuropathic-burning-toes-mild-pad-not-clti',
    area: 'vascular',
    story:
      'Diabetic claudicant (ABI 0.85 both legs): symmetric burning, tingling toes of both feet in the evening, stocking loss; not eased by dangling.',
    source: `${CLTI} (rest pain must be ATTRIBUTABLE to PAD; "a very low ABI or TBI does not necessarily mean CLI"); diabetic neuropathy (reference §4.7)`,
    chart: chart(
      patient(69, 'male'),
      cond('diabetes', { days: 4000 }),
      cond('claudication', { days: 700 }),
      abi('right', 0.85, 40),
      abi('left', 0.86, 40),
    ),
    form: {
      onset: 'gradual',
      durationWeeks: 60,
      side: 'both',
      locations: ['toes-forefoot', 'foot'],
      qualities: ['burning', 'numbness-tingling'],
      timing: ['evening-at-rest'],
      relievedBy: ['walking'],
      exam: {
        pulsesRight: 'diminished',
        pulsesLeft: 'diminished',
        reducedVibrationOrMonofilament: true,
        reducedAnkleReflexes: true,
        ulcer: false,
        gangrene: false,
      },
    },
    expect: { top: 'diabetic-peripheral-neuropathy', redFlags: {} },
  },
  {
    id: 'rv-fever-immunosuppressed-chronic-stenosis-no-back-pain',
    area: 'spine',
    story:
      'Classic restless legs; on methotrexate, febrile with a UTI; lumbar stenosis on the chart but NO back pain now.',
    source:
      'IDSA 2015 native vertebral osteomyelitis (suspect with NEW or WORSENING back pain + fever); NICE CKS back pain red flags; IRLSSG 2012',
    chart: chart(
      patient(64, 'female'),
      cond('lumbar-stenosis', { days: 1500 }),
      lab('ferritin', 140, { days: 20 }),
      lab('transferrin-saturation', 30, { days: 20 }),
    ),
    form: {
      ...rls,
      history: { fever: true, ivDrugUseOrImmunosuppression: true, backPain: false, bilateralSciatica: false },
      exam: { saddleAnaesthesia: false, bladderOrBowelChange: false },
    },
    expect: {
      top: 'restless-legs-syndrome',
      redFlags: {},
      workup: { mustNot: ['mri-spine-contrast', 'emergency-mri-lumbar'] },
    },
  },
  {
    id: 'rv-new-ed-diabetic-old-stenosis-no-back-pain',
    area: 'spine',
    story:
      'Diabetic with symmetric burning feet reports new erectile dysfunction; old lumbar stenosis on the chart; no back pain or sciatica now.',
    source: `${CES} (sexual dysfunction is a CES symptom in a patient WITH back pain or sciatica); diabetic neuropathy (reference §4.7)`,
    chart: chart(patient(61, 'male'), cond('diabetes', { days: 4000 }), cond('lumbar-stenosis', { days: 2000 })),
    form: {
      onset: 'gradual',
      durationWeeks: 70,
      side: 'both',
      locations: ['foot', 'toes-forefoot'],
      qualities: ['burning', 'numbness-tingling'],
      timing: ['evening-at-rest'],
      exam: {
        reducedVibrationOrMonofilament: true,
        saddleAnaesthesia: false,
        bladderOrBowelChange: false,
        pulsesRight: 'normal',
        pulsesLeft: 'normal',
      },
      history: {
        sexualDysfunction: true,
        backPain: false,
        bilateralSciatica: false,
        bladderSensationOrStreamChange: false,
      },
    },
    expect: { top: 'diabetic-peripheral-neuropathy', redFlags: {}, workup: { mustNot: ['emergency-mri-lumbar'] } },
  },
];
