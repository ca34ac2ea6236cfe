import fs from 'node:fs';
import path from 'node:path';
import { REVIEWED_VALUE_SETS, VALUE_SET_FILES, validateReviewedValueSets } from '@/fhir-mappings/value-sets';
import { getMatchers, matchConcept } from '@/fhir-mappings/matcher';
import { describeValueSets, parseLocalCodes } from '@/fhir-mappings/local-codes';
import { CONDITION_CONCEPTS, LAB_CONCEPTS, MEDICATION_CLASSES, VASCULAR_CONCEPTS } from '@/lib/engine/facts';

const m = getMatchers();
/** A site that opted in to ⚠ unverified codes (the default does not trust them). */
const optIn = parseLocalCodes({ $options: { minimumVerification: 'unverified' } });
const mAll = getMatchers(optIn.ok ? optIn.config : undefined);

describe('reviewed value sets', () => {
  it('every file is valid, and what ships is exactly what was validated (validation changes nothing)', () => {
    expect(validateReviewedValueSets()).toStrictEqual(REVIEWED_VALUE_SETS);
  });

  it('every JSON file in the folder is imported, and ids match file names', () => {
    const dir = path.resolve(__dirname, '../../../fhir-mappings/value-sets');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect([...VALUE_SET_FILES].sort()).toEqual(files.sort());
    for (const vs of REVIEWED_VALUE_SETS) expect(VALUE_SET_FILES).toContain(`${vs.id}.json`);
    expect(new Set(REVIEWED_VALUE_SETS.map((v) => v.id)).size).toBe(REVIEWED_VALUE_SETS.length);
  });

  it('covers every domain concept in facts.ts', () => {
    const concepts = new Set(REVIEWED_VALUE_SETS.flatMap((v) => ('concept' in v ? [v.concept] : [])));
    for (const c of [...CONDITION_CONCEPTS, ...LAB_CONCEPTS, ...VASCULAR_CONCEPTS]) expect(concepts).toContain(c);
    const classes = new Set(REVIEWED_VALUE_SETS.flatMap((v) => (v.domain === 'medication' ? [v.medClass] : [])));
    for (const c of MEDICATION_CLASSES) expect(classes).toContain(c);
  });

  it('every set has a source and a purpose, and something to match on', () => {
    for (const vs of REVIEWED_VALUE_SETS) {
      expect(vs.source.length, vs.id).toBeGreaterThan(10);
      expect(vs.purpose.length, vs.id).toBeGreaterThan(10);
      expect(vs.codes.length + vs.icd10Prefixes.length + vs.textPatterns.length, vs.id).toBeGreaterThan(0);
    }
  });

  it('each reviewed code maps back to its own value set', () => {
    for (const vs of REVIEWED_VALUE_SETS) {
      if (vs.domain === 'smoking-answer') continue;
      for (const code of vs.codes) {
        const hits = matchConcept(mAll, vs.domain, [{ system: code.system, code: code.code }], []);
        expect(
          hits.map((h) => h.valueSet.id),
          `${vs.id} ${code.code}`,
        ).toContain(vs.id);
      }
    }
  });

  it('exports a "what do we match" table', () => {
    const rows = describeValueSets();
    const abi = rows.find((r) => r.id === 'abi');
    expect(abi).toMatchObject({ domain: 'observation', mapsTo: 'abi' });
    expect(abi?.codes.some((c) => c.code === '446841001' && c.origin === 'reviewed')).toBe(true);
    expect(abi?.textPatterns.length).toBeGreaterThan(0);
  });
});

describe('condition matching: SNOMED, ICD-10 prefix, then text', () => {
  const cond = (codings: { system?: string; code?: string; display?: string }[], text?: string) =>
    matchConcept(m, 'condition', codings, [text])
      .map((h) => h.valueSet.concept)
      .sort();
  const SCT = 'http://snomed.info/sct';
  const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';

  it.each([
    [SCT, '44054006', ['diabetes']],
    [SCT, '368581000119106', ['diabetes', 'diabetic-neuropathy']],
    [SCT, '32914008', ['restless-legs']],
    [SCT, '161508001', ['dvt']],
    [SCT, '18347007', ['lumbar-stenosis']],
    [ICD, 'E11.42', ['diabetes', 'diabetic-neuropathy']],
    [ICD, 'E1142', ['diabetes', 'diabetic-neuropathy']],
    [ICD, 'I70.222', ['pad', 'clti']],
    [ICD, 'I70.213', ['pad', 'claudication']],
    [ICD, 'I82.401', ['dvt']],
    [ICD, 'Z86.718', ['dvt']],
    [ICD, 'M48.062', ['lumbar-stenosis']],
    [ICD, 'M51.16', ['lumbar-disc-herniation', 'lumbar-radiculopathy']],
    [ICD, 'G57.31', ['peroneal-neuropathy']],
    [ICD, 'G25.81', ['restless-legs']],
    [ICD, 'G47.62', ['leg-cramps']],
    [ICD, 'N18.6', ['ckd', 'esrd']],
    [ICD, 'Z85.46', ['active-cancer']],
    [ICD, 'F17.210', ['tobacco-use']],
    ['urn:oid:2.16.840.1.113883.6.90', 'I26.99', ['pulmonary-embolism']],
  ])('%s %s → %j', (system, code, expected) => {
    expect(cond([{ system, code }])).toEqual([...expected].sort());
  });

  it.each([
    ['Restless legs syndrome', ['restless-legs']],
    ['Peripheral arterial disease of both legs', ['pad']],
    ['Nocturnal leg cramps', ['leg-cramps']],
    ['Common peroneal nerve palsy, left', ['peroneal-neuropathy']],
    ['Lumbar spinal stenosis with neurogenic claudication', ['lumbar-stenosis']],
    ['History of DVT', ['dvt']],
    ['Type 2 diabetes with peripheral neuropathy', ['diabetes', 'diabetic-neuropathy']],
    ['Chronic venous insufficiency', ['venous-insufficiency']],
    ['Iron deficiency anaemia', ['iron-deficiency', 'anemia']],
  ])('text "%s" → %j', (text, expected) => {
    expect(cond([], text)).toEqual([...expected].sort());
  });

  it.each([
    'Family history of DVT',
    'DVT ruled out',
    'Prediabetes',
    'Diabetes insipidus',
    'Neurogenic claudication due to spinal stenosis' /* stenosis, not PAD claudication */,
    'Never smoker',
    'Pulmonary hypertension',
    'Menstrual cramps',
  ])('text "%s" does not over-match', (text) => {
    const concepts = cond([], text);
    expect(concepts).not.toContain('dvt');
    expect(concepts).not.toContain('diabetes');
    expect(concepts).not.toContain('claudication');
    expect(concepts).not.toContain('tobacco-use');
    expect(concepts).not.toContain('hypertension');
    expect(concepts).not.toContain('leg-cramps');
  });
});

describe('observation matching', () => {
  const obs = (codings: { system?: string; code?: string; display?: string }[], text?: string) =>
    matchConcept(m, 'observation', codings, [text]).map((h) => h.valueSet.concept);
  const LN = 'http://loinc.org';

  it.each([
    ['4548-4', 'hba1c'],
    ['2339-0', 'glucose'],
    ['2345-7', 'glucose'],
    ['2276-4', 'ferritin'],
    ['2498-4', 'iron'],
    ['2500-7', 'tibc'],
    ['2502-3', 'transferrin-saturation'],
    ['2823-3', 'potassium'],
    ['6298-4', 'potassium'],
    ['19123-9', 'magnesium'],
    ['17861-6', 'calcium'],
    ['49765-1', 'calcium'],
    ['2160-0', 'creatinine'],
    ['38483-4', 'creatinine'],
    ['33914-3', 'egfr'],
    ['98979-8', 'egfr'],
    ['3016-3', 'tsh'],
    ['48065-7', 'd-dimer'],
    ['48066-5', 'd-dimer'],
    ['2132-9', 'vitamin-b12'],
    ['718-7', 'hemoglobin'],
    ['39156-5', 'bmi'],
  ])('LOINC %s → %s', (code, concept) => {
    expect(obs([{ system: LN, code }])).toEqual([concept]);
  });

  it('ABI by SNOMED observable 446841001', () => {
    expect(obs([{ system: 'http://snomed.info/sct', code: '446841001' }])).toEqual(['abi']);
  });

  it.each([
    ['ABI', 'abi'],
    ['Right ABI', 'abi'],
    ['Ankle brachial index', 'abi'],
    ['Ankle-brachial pressure index (left)', 'abi'],
    ['ABPI', 'abi'],
    ['Toe brachial index', 'tbi'],
    ['TBI right great toe', 'tbi'],
    ['Toe systolic pressure', 'toe-pressure'],
    ['Hallux pressure', 'toe-pressure'],
    ['Ankle systolic pressure, dorsalis pedis', 'ankle-pressure'],
    ['TcPO2 dorsum of foot', 'tcpo2'],
    ['Transcutaneous oxygen tension', 'tcpo2'],
    ['D-dimer', 'd-dimer'],
    ['Ferritin', 'ferritin'],
    ['Hemoglobin A1c', 'hba1c'],
    ['Hemoglobin [Mass/volume] in Blood', 'hemoglobin'],
    ['Serum iron', 'iron'],
  ])('text "%s" → %s', (text, concept) => {
    expect(obs([], text)).toEqual([concept]);
  });

  it.each([
    'Glucose [Mass/volume] in Urine by Test strip',
    'Hemoglobin [Presence] in Urine by Test strip',
    'Creatinine [Mass/volume] in Urine',
    'Microalbumin Creatinine Ratio',
    'Calcium.ionized',
    'Body mass index (BMI) [Percentile] Per age and gender',
    'Cabinet label', // "abi" inside a word
    'Traumatic brain injury screen (TBI)',
    'Blood pressure systolic',
    'Body Height',
  ])('text "%s" matches nothing', (text) => {
    expect(obs([], text)).toEqual([]);
  });
});

describe('medication classes: RxNorm ingredient codes and ingredient text', () => {
  const med = (codings: { system?: string; code?: string }[], text?: string) =>
    matchConcept(m, 'medication', codings, [text]).map((h) => h.valueSet.medClass);
  const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';

  it.each([
    ['4603', 'diuretic'],
    ['5487', 'diuretic'],
    ['9997', 'diuretic'],
    ['83367', 'statin'],
    ['3498', 'sedating-antihistamine'],
    ['6915', 'metoclopramide'],
    ['11289', 'anticoagulant'],
    ['1364430', 'anticoagulant'],
    ['1114195', 'anticoagulant'],
    ['51272', 'antipsychotic'],
  ])('RxNorm %s → %s', (code, medClass) => {
    expect(med([{ system: RX, code }])).toEqual([medClass]);
  });

  it.each([
    ['Furosemide 40 MG Oral Tablet', ['diuretic']],
    ['Hydrochlorothiazide 25 MG', ['diuretic']],
    ['chlorthalidone 25 mg', ['diuretic']],
    ['Triamterene 37.5 MG / Hydrochlorothiazide 25 MG Oral Tablet', ['diuretic']],
    ['Spironolactone 25 MG', ['diuretic']],
    ['Bumetanide 1 MG', ['diuretic']],
    ['torsemide 20 mg', ['diuretic']],
    ['amiloride', ['diuretic']],
    ['Atorvastatin 40 MG Oral Tablet', ['statin']],
    ['fluticasone / salmeterol inhaler', ['laba']],
    ['budesonide/formoterol', ['laba']],
    ['vilanterol', ['laba']],
    ['Raloxifene 60 MG', ['estrogen-serm']],
    ['Conjugated Estrogens 0.625 MG', ['estrogen-serm']],
    ['Estradiol 1 MG Oral Tablet', ['estrogen-serm']],
    ['tamoxifen 20 mg', ['estrogen-serm']],
    ['diphenhydrAMINE Hydrochloride 25 MG Oral Tablet', ['sedating-antihistamine']],
    ['hydroxyzine 25 mg', ['sedating-antihistamine']],
    ['chlorpheniramine', ['sedating-antihistamine']],
    ['promethazine', ['sedating-antihistamine']],
    ['doxylamine', ['sedating-antihistamine']],
    ['Sertraline 50 MG', ['antidepressant']],
    ['venlafaxine ER', ['antidepressant']],
    ['Mirtazapine 15 MG', ['antidepressant']],
    ['amitriptyline 10 mg', ['antidepressant']],
    ['Quetiapine 25 MG', ['antipsychotic']],
    ['metoclopramide 10 mg', ['metoclopramide']],
    ['warfarin 5 mg', ['anticoagulant']],
    ['Apixaban 5 MG', ['anticoagulant']],
    ['rivaroxaban', ['anticoagulant']],
    ['dabigatran', ['anticoagulant']],
    ['edoxaban', ['anticoagulant']],
    ['Enoxaparin 40 MG/0.4 ML', ['anticoagulant']],
    ['Heparin sodium 5000 UNT/ML Injectable Solution', ['anticoagulant']],
    ['Heparin lock flush 10 UNT/ML', []],
    ['Nystatin 100000 UNT/ML Oral Suspension', []],
    ['Metformin 500 MG', ['metformin']],
  ])('"%s" → %j', (text, expected) => {
    expect(med([], text)).toEqual(expected);
  });
});
