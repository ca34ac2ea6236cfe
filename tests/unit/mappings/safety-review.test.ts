/**
 * Findings of the clinical safety review of the mappings (one `describe` per finding). Each case failed
 * before its fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mapChart, parseLocalCodes, REVIEWED_VALUE_SETS } from '@/fhir-mappings';
import type { LocalCodeConfig } from '@/fhir-mappings';
import { ICD10CM, LOINC, NOW, SNOMED, condition, medicationRequest, observation } from './builders';

const map = (...resources: Record<string, unknown>[]) => mapChart({ resources }, { now: NOW }).facts;
const concepts = (...resources: Record<string, unknown>[]) => map(...resources).conditions.map((c) => c.concept);
const config = (json: unknown): LocalCodeConfig => {
  const parsed = parseLocalCodes(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.config;
};

describe('1. acronyms match case-sensitively as whole words; phrases stay case-insensitive', () => {
  it.each([
    ['Heating pad burn of foot'],
    ['Rls pattern noted'],
    ['ckd-epi formula discussed'],
    ['Muscle cramps after exercise'],
    ['Cramps'],
    ['Menstrual cramps'],
    ['Heat stroke'],
    ['Neuroleptic malignant syndrome'],
  ])('"%s" is not a problem-list fact', (text) => {
    expect(concepts(condition({ text }))).toEqual([]);
  });

  it('"Malignant hypertension" is hypertension, not cancer', () => {
    expect(concepts(condition({ text: 'Malignant hypertension' }))).toEqual(['hypertension']);
  });

  it.each([
    ['PAD', 'pad'],
    ['Severe PAD, right leg', 'pad'],
    ['peripheral arterial disease', 'pad'],
    ['PERIPHERAL ARTERIAL DISEASE', 'pad'],
    ['RLS', 'restless-legs'],
    ['restless legs', 'restless-legs'],
    ['CKD stage 3', 'ckd'],
    ['DPN', 'diabetic-neuropathy'],
    ['Nocturnal leg cramps', 'leg-cramps'],
    ['Cramps in both calves at night', 'leg-cramps'],
    ['Night cramps', 'leg-cramps'],
  ])('"%s" → %s', (text, concept) => {
    expect(concepts(condition({ text }))).toContain(concept);
  });

  it('TBI matches the toe-brachial index, not "tbi" and not traumatic brain injury', () => {
    expect(map(observation({ text: 'TBI right', value: 0.5 })).observations[0]?.concept).toBe('tbi');
    expect(map(observation({ text: 'tbi right', value: 0.5 })).observations).toHaveLength(0);
    expect(map(observation({ text: 'TBI (traumatic brain injury) score', value: 0.5 })).observations).toHaveLength(0);
  });

  it('ABI and ABPI match upper case only; "ankle brachial" in any case', () => {
    expect(map(observation({ text: 'ABPI left', value: 0.8 })).observations[0]?.concept).toBe('abi');
    expect(map(observation({ text: 'Abi left', value: 0.8 })).observations).toHaveLength(0);
    expect(map(observation({ text: 'ANKLE BRACHIAL INDEX left', value: 0.8 })).observations[0]?.concept).toBe('abi');
  });

  it('an EGFR gene result is not an eGFR', () => {
    expect(map(observation({ text: 'EGFR mutation analysis', value: 1, unit: 'mL/min' })).observations).toEqual([]);
    expect(map(observation({ text: 'eGFR', value: 55, unit: 'mL/min/1.73m2' })).observations[0]?.concept).toBe('egfr');
  });

  it('the value-set format declares case-sensitive patterns, and a site can add them', () => {
    const pad = REVIEWED_VALUE_SETS.find((vs) => vs.id === 'pad')!;
    expect(pad.textPatternsCaseSensitive).toContain('\\b(PAD|PAOD)\\b');
    expect(pad.textPatterns.some((p) => p.includes('PAD'))).toBe(false);
    const localCodes = config({ tbi: { textPatternsCaseSensitive: ['\\bTBX\\b'] } });
    const r = (text: string) =>
      mapChart({ resources: [observation({ text, value: 0.4 })] }, { now: NOW, localCodes }).facts.observations;
    expect(r('TBX L')).toHaveLength(1);
    expect(r('tbx L')).toHaveLength(0);
  });
});

describe('2. unverified (⚠) codes are not trusted silently', () => {
  it('by default an ⚠ code alone is not used, and the record is listed as not used', () => {
    const facts = map(condition({ id: 'p1', system: ICD10CM, code: 'I73.9' }));
    expect(facts.conditions).toEqual([]);
    expect(facts.dataIssues).toEqual([
      {
        resource: 'Condition/p1',
        problem: expect.stringMatching(/unverified code.*peripheral arterial disease.*confirm/i) as unknown,
      },
    ]);
  });

  it.each([
    [ICD10CM, 'I73.9', 'Peripheral vascular disease, unspecified', 'pad'],
    [SNOMED, '840580004', 'Peripheral arterial disease', 'pad'],
    [ICD10CM, 'C34.90', 'Malignant neoplasm of unspecified part of bronchus or lung', 'active-cancer'],
    [ICD10CM, 'O26.891', 'Other specified pregnancy related conditions, first trimester', 'pregnancy'],
    [SNOMED, '433144002', 'Chronic kidney disease stage 3', 'ckd'],
    [ICD10CM, 'M51.26', 'Other intervertebral disc displacement, lumbar region', 'lumbar-disc-herniation'],
    [SNOMED, '35240004', 'Iron deficiency', 'iron-deficiency'],
  ])('%s %s with its display is still found by name (text match, marked)', (system, code, display, concept) => {
    const facts = map(condition({ system, code, display }));
    const fact = facts.conditions.find((c) => c.concept === concept);
    expect(fact).toBeDefined();
    expect(fact?.provenance.matchedBy).toBe('text');
  });

  it('a combined code keeps its verified concept and still finds the ⚠ one by name', () => {
    const facts = map(
      condition({
        system: ICD10CM,
        code: 'E11.22',
        display: 'Type 2 diabetes mellitus with diabetic chronic kidney disease',
      }),
    );
    expect(facts.conditions.map((c) => [c.concept, c.provenance.matchedBy])).toEqual(
      expect.arrayContaining([
        ['diabetes', 'icd10-prefix'],
        ['ckd', 'text'],
      ]) as unknown,
    );
  });

  it('a site can opt in; the fact then carries its verification level', () => {
    const localCodes = config({ $options: { minimumVerification: 'unverified' } });
    const facts = mapChart(
      { resources: [condition({ system: ICD10CM, code: 'I73.9' })] },
      { now: NOW, localCodes },
    ).facts;
    expect(facts.conditions[0]?.provenance).toMatchObject({ verification: 'unverified', matchedBy: 'icd10-prefix' });
  });

  it('verified and single-source code matches carry their level', () => {
    expect(map(condition({ code: '399957001' })).conditions[0]?.provenance.verification).toBe('verified');
    expect(map(condition({ code: '233961000' })).conditions[0]?.provenance.verification).toBe('single-source');
  });
});

describe('2d. an ⚠ medication code without a name is listed, not dropped', () => {
  it('RxNorm 5093 (⚠ haloperidol) alone becomes a data issue; with its name it is read', () => {
    const facts = map(medicationRequest({ id: 'h1', code: '5093' }));
    expect(facts.medications).toEqual([]);
    expect(facts.dataIssues).toEqual([
      {
        resource: 'MedicationRequest/h1',
        problem: expect.stringMatching(/unverified code for antipsychotic/i) as unknown,
      },
    ]);
    expect(map(medicationRequest({ code: '5093', display: 'haloperidol' })).medications[0]?.medClass).toBe(
      'antipsychotic',
    );
  });
});

describe('3. verificationStatus differential / provisional / unconfirmed', () => {
  it('differential is excluded with a data issue (not a prior DVT)', () => {
    const facts = map(condition({ id: 'd1', code: '128053003', verification: 'differential' }));
    expect(facts.conditions).toEqual([]);
    expect(facts.dataIssues).toEqual([
      { resource: 'Condition/d1', problem: expect.stringMatching(/differential/) as unknown },
    ]);
  });

  it.each(['provisional', 'unconfirmed'])('%s is kept but marked unconfirmed', (verification) => {
    const fact = map(condition({ code: '128053003', verification })).conditions[0];
    expect(fact).toMatchObject({ concept: 'dvt', confirmed: false });
  });

  it('confirmed or absent verification carries no mark', () => {
    expect(map(condition({ code: '128053003', verification: 'confirmed' })).conditions[0]?.confirmed).toBeUndefined();
    expect(map(condition({ code: '128053003' })).conditions[0]?.confirmed).toBeUndefined();
  });
});

const dir = path.resolve(__dirname, '../../../mocks/fixtures/synthea');
const load = (prefix: string): unknown => {
  const file = fs.readdirSync(dir).find((f) => f.startsWith(prefix));
  return JSON.parse(fs.readFileSync(path.join(dir, file!), 'utf8')) as unknown;
};
const SYNTHEA_NOW = new Date('2021-01-01T00:00:00Z');

describe('4. diabetes evidence is the plain diabetes record, not a complication', () => {
  it.each([
    ['Renato_Dare', 'Condition/bb93ac67-f7ba-4d92-a744-c6d016f776e9'],
    ['Vito_Feeney', 'Condition/c54489bc-e98b-4797-87e4-6f9592a0543e'],
  ])('%s: the first active diabetes fact is the plain record', (who, reference) => {
    const { facts } = mapChart({ bundle: load(who) }, { now: SYNTHEA_NOW });
    const diabetes = facts.conditions.filter((c) => c.concept === 'diabetes');
    expect(diabetes[0]?.provenance.reference).toBe(reference);
    expect(diabetes[0]?.implied).toBeUndefined();
    expect(diabetes.slice(1).every((c) => c.implied === true)).toBe(true);
  });

  it('a complication code alone still implies diabetes, labelled so', () => {
    const fact = map(
      condition({ code: '368581000119106', display: 'Neuropathy due to type 2 diabetes mellitus' }),
    ).conditions.find((c) => c.concept === 'diabetes');
    expect(fact).toMatchObject({ implied: true, status: 'active' });
  });

  it('E11.9 is plain, E11.42 implies', () => {
    const facts = map(
      condition({ id: 'x42', system: ICD10CM, code: 'E11.42', onset: '2025-09-01' }),
      condition({ id: 'x9', system: ICD10CM, code: 'E11.9', onset: '2020-01-01' }),
    );
    expect(facts.conditions.filter((c) => c.concept === 'diabetes').map((c) => c.provenance.reference)).toEqual([
      'Condition/x9',
      'Condition/x42',
    ]);
  });
});

describe('5. a deceased patient is flagged', () => {
  it('Vito Feeney (deceased 1979) carries deceased and a data issue', () => {
    const { facts, patient } = mapChart({ bundle: load('Vito_Feeney') }, { now: SYNTHEA_NOW });
    expect(patient.deceased).toEqual({ date: '1979-11-07T23:11:46+00:00' });
    expect(facts.patient?.deceased).toEqual({ date: '1979-11-07T23:11:46+00:00' });
    expect(facts.dataIssues).toContainEqual({
      resource: 'Patient/9efca32a-04f9-438a-990c-a287e8b62aac',
      problem: expect.stringMatching(/patient is recorded as deceased/i) as unknown,
    });
  });

  it('deceasedBoolean true is read; false is not a flag', () => {
    const pt = (extra: Record<string, unknown>) =>
      mapChart({ resources: [{ resourceType: 'Patient', id: 'p', birthDate: '1950-01-01', ...extra }] }, { now: NOW });
    expect(pt({ deceasedBoolean: true }).facts.patient?.deceased).toEqual({});
    expect(pt({ deceasedBoolean: false }).facts.patient?.deceased).toBeUndefined();
    expect(pt({ deceasedBoolean: false }).facts.dataIssues).toEqual([]);
  });
});

describe('6. metformin', () => {
  it('the name maps to the metformin class; RxNorm 6809 (⚠, general knowledge) only when a site opts in', () => {
    expect(map(medicationRequest({ code: '6809', display: 'metformin' })).medications[0]?.medClass).toBe('metformin');
    expect(
      map(medicationRequest({ text: '24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet' }))
        .medications[0]?.medClass,
    ).toBe('metformin');
    const localCodes = config({ $options: { minimumVerification: 'unverified' } });
    const coded = mapChart({ resources: [medicationRequest({ code: '6809' })] }, { now: NOW, localCodes }).facts;
    expect(coded.medications[0]?.provenance).toMatchObject({ matchedBy: 'code', verification: 'unverified' });
    expect(map(medicationRequest({ code: '6809' })).medications).toEqual([]);
  });
});

describe('7. D-dimer DDU', () => {
  it('carries the original and is not listed as a record that could not be used', () => {
    const facts = map(observation({ code: '48066-5', value: 600, unit: 'ng/mL' }));
    expect(facts.observations[0]).toMatchObject({ value: 1200, original: { value: 600 } });
    expect(facts.observations[0]?.original?.unit).toMatch(/^ng\/mL DDU.*approximate/);
    expect(facts.dataIssues).toEqual([]);
  });

  it('a DDU annotation in the unit is not doubled in the original', () => {
    const fact = map(observation({ text: 'D-dimer', value: 600, unit: 'ng/mL DDU' })).observations[0];
    expect(fact?.original).toEqual({ value: 600, unit: 'ng/mL DDU (converted ×2 to FEU, approximate)' });
  });

  it.each([
    ['48065-7', 0.6, 'ug/mL', 600],
    ['4548-4', 64, 'mmol/mol', 8.0068],
    ['2339-0', 5.5, 'mmol/L', 99.088],
    ['718-7', 120, 'g/L', 12],
    ['2160-0', 88.42, 'umol/L', 1],
  ])('every numeric conversion keeps the original (%s %s %s)', (code, value, unit, converted) => {
    const fact = map(observation({ code, value, unit })).observations[0];
    expect(fact?.value).toBeCloseTo(converted, 3);
    expect(fact?.original).toEqual({ value, unit });
  });
});

describe('8. verification marks per sub-code', () => {
  it.each([
    [ICD10CM, 'N18.3', 'ckd'],
    [ICD10CM, 'N18.9', 'ckd'],
    [ICD10CM, 'I82.491', 'dvt'],
    [ICD10CM, 'I82.4Z1', 'dvt'],
  ])('%s %s (⚠) is not used without a display', (system, code) => {
    expect(map(condition({ system, code })).conditions).toEqual([]);
  });

  it.each([
    [ICD10CM, 'N18.4', 'ckd', 'verified'],
    [ICD10CM, 'I82.411', 'dvt', 'verified'],
    [ICD10CM, 'G57.31', 'peroneal-neuropathy', 'verified'],
    [ICD10CM, 'G57.32', 'peroneal-neuropathy', 'single-source'],
  ])('%s %s → %s (%s)', (system, code, concept, verification) => {
    const fact = map(condition({ system, code })).conditions.find((c) => c.concept === concept);
    expect(fact?.provenance.verification).toBe(verification);
  });
});

describe('9. the matched code keeps its own display', () => {
  it('an MDRD eGFR says MDRD in provenance', () => {
    const fact = map(observation({ system: LOINC, code: '33914-3', value: 55, unit: 'mL/min/{1.73_m2}' }))
      .observations[0];
    expect(fact?.provenance.matched?.display).toMatch(/MDRD/);
  });

  it('a generic server display (Synthea) does not hide the equation', () => {
    const display = 'Estimated Glomerular Filtration Rate';
    const fact = map(observation({ system: LOINC, code: '33914-3', display, value: 55, unit: 'mL/min' }))
      .observations[0];
    expect(fact?.provenance.matched?.display).toBe('Glomerular filtration rate/1.73 sq M.predicted (MDRD)');
  });
});

describe('2b. ⚠ observation codes are still fetched and never silently dropped', () => {
  it('the search plan still asks for ⚠ LOINC codes (so their rows can be read by name)', async () => {
    const { buildSearchPlan } = await import('@/fhir-mappings');
    const tokens = buildSearchPlan({ now: NOW })
      .requests.filter((r) => r.resourceType === 'Observation' && r.params.code !== undefined)
      .flatMap((r) => r.params.code!.split(','));
    expect(tokens).toEqual(expect.arrayContaining(['http://loinc.org|48642-3', 'http://loinc.org|20567-4']) as unknown);
  });

  it('an ⚠ LOINC with a display is read by name', () => {
    const display = 'Glomerular filtration rate/1.73 sq M.predicted among non-blacks';
    const fact = map(observation({ code: '48642-3', display, value: 48, unit: 'mL/min/{1.73_m2}' })).observations[0];
    expect(fact).toMatchObject({ concept: 'egfr', value: 48, provenance: { matchedBy: 'text' } });
  });

  it('an ⚠ LOINC without any name becomes a data issue', () => {
    const facts = map(observation({ id: 'g1', code: '48642-3', value: 48, unit: 'mL/min/{1.73_m2}' }));
    expect(facts.observations).toEqual([]);
    expect(facts.dataIssues).toEqual([
      {
        resource: 'Observation/g1',
        problem: expect.stringMatching(/unverified code for estimated glomerular/i) as unknown,
      },
    ]);
  });
});

describe('1b/2c. text fallback reads ⚠ ICD-10 displays by name; suspected diagnoses are not facts', () => {
  it.each([
    ['I82.501', 'Chronic embolism and thrombosis of unspecified deep veins of right lower extremity', 'dvt'],
    ['I82.4Z1', 'Acute embolism and thrombosis of unspecified deep veins of right distal lower extremity', 'dvt'],
    ['I80.11', 'Phlebitis and thrombophlebitis of right femoral vein', 'dvt'],
    ['I11.9', 'Hypertensive heart disease without heart failure', 'hypertension'],
    ['S72.001A', 'Fracture of unspecified part of neck of right femur, initial encounter', 'leg-fracture'],
    ['Z68.35', 'Body mass index [BMI] 35.0-35.9, adult', 'obesity'],
  ])('%s "%s" → %s', (code, display, concept) => {
    expect(concepts(condition({ system: ICD10CM, code, display }))).toContain(concept);
  });

  it.each(['Suspected DVT', 'Possible deep vein thrombosis', '?DVT left calf', 'Query pulmonary embolism'])(
    '"%s" is not a DVT/PE fact',
    (text) => {
      expect(concepts(condition({ text }))).toEqual([]);
    },
  );

  it("Ludwig's angina is not heart disease", () => {
    expect(concepts(condition({ text: "Ludwig's angina" }))).toEqual([]);
  });
});
