/**
 * Edge-case personas: threshold boundaries and charts a real EHR produces that a naive reader gets wrong
 * (entered-in-error rows, refuted diagnoses, non-US units, site-local codes, malformed and implausible
 * values, an empty chart, an ABI with no side). The clinical tests check each one's specific trap.
 */
import type { FormAnswers } from '../../lib/form/schema';
import { chartPersona } from './common';
import type { Persona } from './types';
import {
  CLINICIANS,
  ChartBuilder,
  RX,
  SYSTEMS,
  abiCode,
  daysAgo,
  gPerDl,
  icd10,
  mmHg,
  mmolPerL,
  mmolPerMol,
  ngPerMl,
  ngPerMlDdu,
  ngPerMlFeu,
  percent,
  ratio,
  snomed,
  standardChart,
} from './fhir';

const DIABETES_T2 = [
  snomed('44054006', 'Diabetes mellitus type 2'),
  icd10('E11.9', 'Type 2 diabetes mellitus without complications'),
];

/** Ids of the resources the clinical tests look for, so tests and personas cannot drift apart. */
export const EDGE_REFS = {
  abiEnteredInError: 'Observation/abi-entered-in-error-abi-right-wrong-patient',
  abiValidNextToError: 'Observation/abi-entered-in-error-abi-right',
  refutedDvt: 'Condition/refuted-dvt-dvt-ruled-out',
  localCodeAbi: 'Observation/local-code-abi-abi-right-flowsheet',
  malformedAbi: 'Observation/malformed-entry-abi-right',
  implausibleAbi: 'Observation/implausible-abi-abi-right',
  unlateralisedAbi: 'Observation/abi-no-laterality-abi',
  ferritin75: 'Observation/ferritin-exactly-75-ferritin',
  oddHba1c: 'Observation/odd-units-hba1c',
  oddGlucose: 'Observation/odd-units-glucose',
  oddDdimer: 'Observation/odd-units-d-dimer',
} as const;

/** The local flowsheet coding of the local-code persona, as a site would configure it. */
export const LOCAL_ABI_CODING = { system: SYSTEMS.localFlowsheet, code: 'ABI-R' } as const;

/** A nocturnal foot ache that is not rest pain: the ABI alone decides what is said about PAD. */
const FOOT_ACHE_FORM: FormAnswers = {
  onset: 'gradual',
  durationWeeks: 12,
  side: 'right',
  locations: ['foot'],
  qualities: ['deep-ache'],
  episodeLength: 'minutes-until-position-change',
  exam: { pulsesRight: 'diminished', coolFoot: false, ulcer: false, gangrene: false, suddenColdPaleLeg: false },
  history: { claudication: true },
};

interface BoundarySpec {
  readonly value: number;
  readonly given: string;
  readonly family: string;
  readonly sex: 'male' | 'female';
  readonly mrn: string;
}

/** One parametrised builder for the four ABI band boundaries (≤0.90 / 0.91–0.99 / 1.00–1.40 / >1.40). */
export function abiBoundaryPersona(spec: BoundarySpec): Persona {
  const id = `abi-boundary-${spec.value.toFixed(2).replace('.', '-')}`;
  return {
    id,
    name: `${spec.given} ${spec.family}`,
    story: `72-year-old diabetic, former smoker, aching right foot at night; right ABI exactly ${spec.value.toFixed(2)} (band boundary).`,
    covers: ['edge-case', 'pad-ischemic-rest-pain'],
    build(now) {
      return standardChart(
        now,
        id,
        { given: spec.given, family: spec.family, sex: spec.sex, age: 72, mrn: spec.mrn },
        CLINICIANS.okafor,
        'Aching right foot at night',
      )
        .condition({ key: 'diabetes', codings: DIABETES_T2, onsetDaysAgo: 10 * 365 })
        .smoking('smoking', 'former', 100)
        .observation({
          key: 'abi-right',
          code: abiCode('right'),
          quantity: ratio(spec.value),
          side: 'right',
          daysAgo: 30,
          category: 'exam',
        })
        .abi('left', 1.04, 30)
        .bundle();
    },
    form: FOOT_ACHE_FORM,
    expect: { absentRedFlags: ['acute-limb-ischemia', 'suspected-dvt', 'cauda-equina'] },
  };
}

export const ABI_BOUNDARIES = [
  abiBoundaryPersona({ value: 0.9, given: 'Arthur', family: 'Pike', sex: 'male', mrn: 'MRN-100401' }),
  abiBoundaryPersona({ value: 0.91, given: 'Beatrice', family: 'Hale', sex: 'female', mrn: 'MRN-100402' }),
  abiBoundaryPersona({ value: 1.4, given: 'Cedric', family: 'Vance', sex: 'male', mrn: 'MRN-100403' }),
  abiBoundaryPersona({ value: 1.41, given: 'Doris', family: 'Quill', sex: 'female', mrn: 'MRN-100404' }),
] as const;

/** Ferritin exactly at the AASM 2024 iron threshold (≤ 75 µg/L: supplement). */
export const ferritinExactly75 = chartPersona({
  id: 'ferritin-exactly-75',
  name: 'Helen Marsh',
  story:
    '49-year-old with classic restless legs (all five IRLSSG criteria); ferritin exactly 75 ng/mL, the iron threshold.',
  covers: ['edge-case', 'restless-legs-syndrome'],
  patient: { given: 'Helen', family: 'Marsh', sex: 'female', age: 49, mrn: 'MRN-100405' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Restless legs',
  chart: (chart) =>
    chart
      .lab('ferritin', ngPerMl(75), 10, { referenceRange: { low: 15, high: 150 } })
      .lab('tsat', percent(24), 10)
      .lab('hemoglobin', gPerDl(13.1), 10),
  form: {
    onset: 'gradual',
    durationWeeks: 30,
    side: 'both',
    locations: ['calf'],
    qualities: ['creeping-urge'],
    timing: ['evening-at-rest'],
    episodeLength: 'as-long-as-at-rest',
    relievedBy: ['moving-legs'],
    worsenedBy: ['rest'],
    irlssg: {
      urgeToMove: true,
      worseAtRest: true,
      reliefByMovement: true,
      eveningOrNight: true,
      notExplainedByMimic: true,
    },
    exam: { pulsesRight: 'normal', pulsesLeft: 'normal', unilateralSwelling: false, palpableCrampKnot: false },
    history: { familyHistoryRls: true },
  },
  expect: { top: 'restless-legs-syndrome', absentRedFlags: ['suspected-dvt', 'acute-limb-ischemia'] },
});

/** A low ABI filed on the wrong patient and marked entered-in-error, next to the valid normal one. */
export const abiEnteredInError = chartPersona({
  id: 'abi-entered-in-error',
  name: 'Ivan Petrov',
  story:
    '74-year-old with calf cramps; a right ABI of 0.42 was entered in error (wrong patient) beside his valid 1.02.',
  covers: ['edge-case', 'nocturnal-leg-cramps'],
  patient: { given: 'Ivan', family: 'Petrov', sex: 'male', age: 74, mrn: 'MRN-100406' },
  clinician: CLINICIANS.okafor,
  reason: 'Night cramps',
  chart: (chart) =>
    chart
      .abi('right', 1.02, 28)
      .abi('left', 1.04, 28)
      .observation({
        key: 'abi-right-wrong-patient',
        code: abiCode('right'),
        quantity: ratio(0.42),
        side: 'right',
        daysAgo: 20,
        category: 'exam',
        status: 'entered-in-error',
        note: 'Filed on the wrong patient; see corrected record.',
      })
      .medication({
        key: 'atorvastatin',
        codings: [RX.atorvastatin],
        text: 'atorvastatin 20 mg oral tablet',
        authoredDaysAgo: 600,
      }),
  form: {
    onset: 'gradual',
    durationWeeks: 8,
    side: 'both',
    locations: ['calf'],
    qualities: ['cramp-knot'],
    timing: ['sudden-during-sleep'],
    episodeLength: 'seconds-to-minutes',
    relievedBy: ['stretching-calf'],
    irlssg: { urgeToMove: false },
    exam: { palpableCrampKnot: true, pulsesRight: 'normal', pulsesLeft: 'normal', unilateralSwelling: false },
  },
  expect: {
    top: 'nocturnal-leg-cramps',
    absentRedFlags: ['chronic-limb-threatening-ischemia', 'acute-limb-ischemia', 'suspected-dvt'],
  },
});

/** A DVT that a duplex ruled out: verificationStatus refuted must not count as "previously documented DVT". */
export const refutedDvt = chartPersona({
  id: 'refuted-dvt',
  name: 'Joan Fairweather',
  story: '61-year-old with night calf cramps; a suspected DVT last year was refuted by duplex and is coded as refuted.',
  covers: ['edge-case', 'nocturnal-leg-cramps'],
  patient: { given: 'Joan', family: 'Fairweather', sex: 'female', age: 61, mrn: 'MRN-100407' },
  clinician: CLINICIANS.nguyen,
  reason: 'Night cramps in calves',
  chart: (chart) =>
    chart
      .condition({
        key: 'dvt-ruled-out',
        codings: [snomed('128053003', 'Deep venous thrombosis')],
        text: 'DVT right calf - ruled out by duplex',
        verification: 'refuted',
        clinical: 'resolved',
        onsetDaysAgo: 320,
        abatementDaysAgo: 318,
        category: 'encounter-diagnosis',
      })
      .lab('potassium', mmolPerL(4.2), 30),
  form: {
    onset: 'gradual',
    durationWeeks: 20,
    side: 'both',
    locations: ['calf'],
    qualities: ['cramp-knot'],
    timing: ['sudden-during-sleep'],
    episodeLength: 'seconds-to-minutes',
    relievedBy: ['stretching-calf'],
    irlssg: { urgeToMove: false },
    exam: {
      palpableCrampKnot: true,
      unilateralSwelling: false,
      deepVeinTenderness: false,
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
    },
    history: { recentSurgeryOrBedRest: false },
  },
  expect: { top: 'nocturnal-leg-cramps', absentRedFlags: ['suspected-dvt', 'possible-pulmonary-embolism'] },
});

/** Labs from a European lab system: HbA1c in mmol/mol, glucose in mmol/L, D-dimer in DDU. */
export const oddUnits = chartPersona({
  id: 'odd-units',
  name: 'Klaus Bergmann',
  story:
    '57-year-old diabetic with burning feet whose labs come in SI units: HbA1c 75 mmol/mol, glucose 10.5 mmol/L, D-dimer 600 ng/mL DDU.',
  covers: ['edge-case', 'diabetic-peripheral-neuropathy'],
  patient: { given: 'Klaus', family: 'Bergmann', sex: 'male', age: 57, mrn: 'MRN-100408' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Burning feet',
  chart: (chart) =>
    chart
      .condition({ key: 'diabetes', codings: DIABETES_T2, onsetDaysAgo: 9 * 365 })
      .lab('hba1c', mmolPerMol(75), 15, { interpretation: 'H' })
      .lab('glucoseSerum', mmolPerL(10.5), 15, { key: 'glucose', interpretation: 'H' })
      .lab('dDimerDdu', ngPerMlDdu(600), 15, { key: 'd-dimer', referenceRange: { high: 250 }, interpretation: 'H' })
      .medication({
        key: 'metformin',
        codings: [RX.metformin],
        text: 'metformin 850 mg oral tablet',
        authoredDaysAgo: 1000,
      }),
  form: {
    onset: 'gradual',
    durationWeeks: 40,
    side: 'both',
    locations: ['toes-forefoot', 'foot'],
    qualities: ['burning', 'numbness-tingling'],
    timing: ['constant'],
    episodeLength: 'persistent',
    irlssg: { urgeToMove: false },
    exam: {
      reducedVibrationOrMonofilament: true,
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
      unilateralSwelling: false,
    },
  },
  expect: {
    top: 'diabetic-peripheral-neuropathy',
    absentRedFlags: ['chronic-limb-threatening-ischemia', 'acute-limb-ischemia'],
  },
});

/**
 * An ABI filed under a site flowsheet code only (no SNOMED, no recognisable text): it is an ABI only when
 * the site configures `http://hospital.example.org/flowsheet|ABI-R` as a local code.
 */
export const localCodeAbi = chartPersona({
  id: 'local-code-abi',
  name: 'Lena Fischer',
  story:
    '70-year-old with calf claudication and aching feet at night; her ABI 0.62 sits in a local flowsheet row (ABI-R).',
  covers: ['edge-case', 'pad-ischemic-rest-pain'],
  patient: { given: 'Lena', family: 'Fischer', sex: 'female', age: 70, mrn: 'MRN-100409' },
  clinician: CLINICIANS.okafor,
  reason: 'Foot pain at night',
  chart: (chart) =>
    chart
      .condition({ key: 'diabetes', codings: DIABETES_T2, onsetDaysAgo: 7 * 365 })
      .smoking('smoking', 'current', 40)
      .observation({
        key: 'abi-right-flowsheet',
        code: { coding: [{ ...LOCAL_ABI_CODING, display: 'Vasc lab index R' }] },
        quantity: ratio(0.62),
        side: 'right',
        daysAgo: 40,
        category: 'exam',
      }),
  form: {
    onset: 'gradual',
    durationWeeks: 10,
    side: 'right',
    locations: ['toes-forefoot', 'foot'],
    qualities: ['deep-ache', 'burning'],
    timing: ['after-1-2-hours-wakes'],
    relievedBy: ['dangling-leg'],
    exam: { pulsesRight: 'diminished', coolFoot: true, ulcer: false, gangrene: false, suddenColdPaleLeg: false },
    history: { claudication: true },
  },
  expect: { top: 'pad-ischemic-rest-pain', absentRedFlags: ['acute-limb-ischemia', 'suspected-dvt'] },
});

/** A malformed row: the ABI's valueQuantity.value is the string "0.55" (invalid FHIR). */
export const malformedEntry: Persona = {
  id: 'malformed-entry',
  name: 'Oscar Reyes',
  story:
    '65-year-old with aching feet at night whose right ABI row is malformed (value "0.55" as text); the left ABI is fine.',
  covers: ['edge-case'],
  build(now) {
    const chart: ChartBuilder = standardChart(
      now,
      'malformed-entry',
      { given: 'Oscar', family: 'Reyes', sex: 'male', age: 65, mrn: 'MRN-100410' },
      CLINICIANS.nguyen,
      'Foot pain at night',
    )
      .abi('left', 0.98, 25)
      .lab('potassium', mmolPerL(4.1), 25);
    // Deliberately not typed as a FHIR Observation: the value is a string, as a broken interface sends it.
    const malformed: Record<string, unknown> = {
      resourceType: 'Observation',
      id: 'malformed-entry-abi-right',
      status: 'final',
      code: abiCode('right'),
      subject: { reference: 'Patient/malformed-entry' },
      effectiveDateTime: daysAgo(now, 25),
      valueQuantity: { value: '0.55', unit: 'ratio', system: SYSTEMS.ucum, code: '{ratio}' },
      bodySite: { coding: [snomed('24028007', 'Right')], text: 'Right lower limb' },
    };
    return chart.add(malformed).bundle();
  },
  form: FOOT_ACHE_FORM,
  expect: { absentRedFlags: ['acute-limb-ischemia', 'suspected-dvt'] },
};

/** An implausible ABI of 87 (an ankle pressure typed into the ABI row). */
export const implausibleAbi = chartPersona({
  id: 'implausible-abi',
  name: 'Patricia Lowe',
  story: '73-year-old with aching feet at night whose right "ABI" reads 87 (an ankle pressure typed into the ABI row).',
  covers: ['edge-case'],
  patient: { given: 'Patricia', family: 'Lowe', sex: 'female', age: 73, mrn: 'MRN-100411' },
  clinician: CLINICIANS.okafor,
  reason: 'Foot pain at night',
  chart: (chart) => chart.abi('right', 87, 35).abi('left', 0.95, 35),
  form: FOOT_ACHE_FORM,
  expect: { absentRedFlags: ['acute-limb-ischemia', 'suspected-dvt'] },
});

/** Patient only: nothing on file, nothing recorded. Unknown is not normal. */
export const emptyChart: Persona = {
  id: 'empty-chart',
  name: 'Quentin Abbott',
  story: '50-year-old new to the practice: no chart data at all and nothing recorded yet.',
  covers: ['edge-case'],
  build(now) {
    return new ChartBuilder(now, 'empty-chart')
      .patient({ given: 'Quentin', family: 'Abbott', sex: 'male', age: 50, mrn: 'MRN-100412' })
      .bundle();
  },
  form: {},
  expect: {
    redFlags: [],
    absentRedFlags: [
      'suspected-dvt',
      'possible-pulmonary-embolism',
      'acute-limb-ischemia',
      'chronic-limb-threatening-ischemia',
      'cauda-equina',
      'cellulitis',
      'progressive-foot-drop',
      'night-pain-malignancy-infection',
      'compartment-syndrome',
    ],
  },
};

/** An ABI with no laterality anywhere (no bodySite, no side in text or components). */
export const abiNoLaterality = chartPersona({
  id: 'abi-no-laterality',
  name: 'Rosa Delgado',
  story: '69-year-old with aching feet at night and claudication; her only ABI (0.72) does not say which leg.',
  covers: ['edge-case', 'pad-ischemic-rest-pain'],
  patient: { given: 'Rosa', family: 'Delgado', sex: 'female', age: 69, mrn: 'MRN-100413' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Foot pain at night',
  chart: (chart) =>
    chart
      .condition({ key: 'diabetes', codings: DIABETES_T2, onsetDaysAgo: 6 * 365 })
      .observation({ key: 'abi', code: abiCode(), quantity: ratio(0.72), daysAgo: 50, category: 'exam' }),
  form: FOOT_ACHE_FORM,
  expect: { absentRedFlags: ['acute-limb-ischemia', 'suspected-dvt'] },
});

/** Rest-pain story for the PAD variants below (the seed's pattern: burning toes, wakes after 1–2 h, dangles). */
const REST_PAIN_FORM: FormAnswers = {
  onset: 'gradual',
  durationWeeks: 8,
  side: 'right',
  locations: ['toes-forefoot'],
  qualities: ['burning'],
  timing: ['after-1-2-hours-wakes'],
  relievedBy: ['dangling-leg'],
  irlssg: { urgeToMove: false },
  exam: { pulsesRight: 'diminished', coolFoot: true, ulcer: false, gangrene: false, suddenColdPaleLeg: false },
  history: { claudication: true },
};

/**
 * Calcified (noncompressible) arteries: ABI 1.45 says nothing, the toe-brachial index 0.45 shows the ischaemia.
 * A noncompressible ABI must never count against PAD.
 */
export const padNoncompressibleTbi = chartPersona({
  id: 'pad-noncompressible-tbi',
  name: 'Gerald Hutchins',
  story:
    '74-year-old with 20 years of diabetes and burning toes at night; right ABI 1.45 (noncompressible) but toe-brachial index 0.45.',
  covers: ['edge-case', 'pad-ischemic-rest-pain'],
  patient: { given: 'Gerald', family: 'Hutchins', sex: 'male', age: 74, mrn: 'MRN-100414' },
  clinician: CLINICIANS.okafor,
  reason: 'Burning toes at night',
  chart: (chart) =>
    chart
      .condition({ key: 'diabetes', codings: DIABETES_T2, onsetDaysAgo: 20 * 365 })
      .abi('right', 1.45, 21)
      .observation({
        key: 'tbi-right',
        code: { text: 'Toe brachial index (TBI), right' },
        quantity: ratio(0.45),
        side: 'right',
        daysAgo: 21,
        category: 'exam',
        interpretation: 'L',
      })
      .observation({
        key: 'toe-pressure-right',
        code: { text: 'Toe systolic pressure, right great toe' },
        quantity: mmHg(48),
        side: 'right',
        daysAgo: 21,
        category: 'exam',
      })
      .lab('hba1c', percent(7.8), 60, { interpretation: 'H' })
      .smoking('smoking', 'former', 60),
  form: REST_PAIN_FORM,
  expect: { top: 'pad-ischemic-rest-pain', absentRedFlags: ['acute-limb-ischemia', 'suspected-dvt'] },
});

/** An old ABI (3 years): shown, but stale, and suggested again rather than trusted as current. */
export const padStaleAbi = chartPersona({
  id: 'pad-stale-abi',
  name: 'Vera Lindgren',
  story: '77-year-old whose calf claudication has become night pain in the toes; her only ABI (0.85) is 3 years old.',
  covers: ['edge-case', 'pad-ischemic-rest-pain'],
  patient: { given: 'Vera', family: 'Lindgren', sex: 'female', age: 77, mrn: 'MRN-100415' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Toe pain at night',
  chart: (chart) =>
    chart
      .condition({
        key: 'claudication',
        codings: [snomed('63491006', 'Intermittent claudication')],
        text: 'Intermittent claudication',
        onsetDaysAgo: 4 * 365,
      })
      .abi('right', 0.85, 3 * 365)
      .abi('left', 0.97, 3 * 365)
      .smoking('smoking', 'former', 400),
  form: REST_PAIN_FORM,
  expect: { top: 'pad-ischemic-rest-pain', absentRedFlags: ['acute-limb-ischemia', 'suspected-dvt'] },
});

/**
 * Safety review repro: a swollen left leg of sudden onset with most Wells items never asked, and a negative
 * D-dimer from yesterday. Unknown Wells items are not "no": the score is incomplete (it could reach "likely"),
 * so the negative D-dimer excludes nothing, and the suspected-DVT red flag still plans a same-day ultrasound.
 */
export const dvtWellsIncomplete = chartPersona({
  id: 'dvt-wells-incomplete',
  name: 'Ingrid Solberg',
  story:
    "58-year-old with a left leg that swelled up suddenly two days ago; the Wells questions were not asked and yesterday's D-dimer (300 ng/mL FEU) was negative.",
  covers: ['edge-case', 'deep-vein-thrombosis', 'suspected-dvt'],
  patient: { given: 'Ingrid', family: 'Solberg', sex: 'female', age: 58, mrn: 'MRN-100416' },
  clinician: CLINICIANS.lindqvist,
  reason: 'Swollen left leg',
  chart: (chart) =>
    chart.lab('dDimerFeu', ngPerMlFeu(300), 1, { key: 'd-dimer', referenceRange: { high: 500 }, interpretation: 'N' }),
  form: { side: 'left', onset: 'sudden', exam: { unilateralSwelling: true } },
  expect: { redFlags: ['suspected-dvt'], absentRedFlags: ['acute-limb-ischemia', 'compartment-syndrome'] },
});

export const EDGE_CASE_PERSONAS: readonly Persona[] = [
  ...ABI_BOUNDARIES,
  ferritinExactly75,
  abiEnteredInError,
  refutedDvt,
  oddUnits,
  localCodeAbi,
  malformedEntry,
  implausibleAbi,
  emptyChart,
  abiNoLaterality,
  padNoncompressibleTbi,
  padStaleAbi,
  dvtWellsIncomplete,
];
