import fs from 'node:fs';
import path from 'node:path';
import { mapChart } from '@/fhir-mappings';

const dir = path.resolve(__dirname, '../../../mocks/fixtures/synthea');
const load = (prefix: string): unknown => {
  const file = fs.readdirSync(dir).find((f) => f.startsWith(prefix));
  return JSON.parse(fs.readFileSync(path.join(dir, file!), 'utf8')) as unknown;
};
const NOW = new Date('2021-01-01T00:00:00Z');

describe('Synthea sandbox patients (transaction Bundles)', () => {
  it('Renato Dare: diabetes, diabetic neuropathy, HbA1c, creatinine, diphenhydramine', () => {
    const { facts, patient, error } = mapChart({ bundle: load('Renato_Dare') }, { now: NOW });
    expect(error).toBeUndefined();
    expect(patient).toMatchObject({ id: 'ffd502c9-23e1-4f8f-bc8a-87373acad280', birthDate: '1976-06-14', sex: 'male' });
    const concepts = facts.conditions.map((c) => `${c.concept}:${c.status}`);
    expect(concepts).toEqual(
      expect.arrayContaining([
        'diabetes:active',
        'diabetic-neuropathy:active',
        'anemia:active',
        'prediabetes:active',
      ]) as unknown,
    );
    expect(facts.conditions.find((c) => c.concept === 'diabetic-neuropathy')?.provenance).toMatchObject({
      reference: 'Condition/13826a1b-c6a5-4386-9459-691b3518120e',
      matched: { code: '368581000119106' },
    });
    const hba1c = facts.observations.filter((o) => o.concept === 'hba1c');
    expect(hba1c).toHaveLength(5);
    expect(hba1c[0]).toMatchObject({ unit: '%', date: '2020-09-07T17:17:39+00:00' });
    const creatinine = facts.observations.filter((o) => o.concept === 'creatinine');
    expect(creatinine).toHaveLength(5);
    expect(creatinine.every((c) => c.unit === 'mg/dL' && c.value > 0.3 && c.value < 5)).toBe(true);
    // Newest first.
    const dates = facts.observations.map((o) => Date.parse(o.date));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(facts.medications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ medClass: 'sedating-antihistamine', status: 'active' }),
        expect.objectContaining({ medClass: 'metformin' }),
      ]) as unknown,
    );
    expect(facts.smoking?.status).toBe('never');
    expect(facts.dataIssues).toEqual([]);
  });

  it('Vito Feeney: 869 Observations map; diabetes, CKD, cancer, HCTZ; implausible HbA1c reported, not used', () => {
    const { facts } = mapChart({ bundle: load('Vito_Feeney') }, { now: NOW });
    const concepts = new Set(facts.conditions.map((c) => c.concept));
    for (const c of ['diabetes', 'ckd', 'active-cancer', 'hypertension', 'anemia']) expect(concepts).toContain(c);
    expect(facts.medications.map((m) => m.medClass)).toEqual(['metformin', 'diuretic']);
    expect(facts.observations.filter((o) => o.concept === 'creatinine')).toHaveLength(39);
    // Synthea's eGFR is "mL/min" for a per-1.73 m² code: accepted and shown as reinterpreted.
    const egfr = facts.observations.find((o) => o.concept === 'egfr');
    expect(egfr?.unit).toBe('mL/min/{1.73_m2}');
    // Synthea generated some HbA1c values below 3 %: physiologically implausible, so data issues.
    const hba1c = facts.observations.filter((o) => o.concept === 'hba1c');
    expect(hba1c.length).toBeGreaterThan(0);
    expect(hba1c.every((o) => o.value >= 3)).toBe(true);
    const implausible = facts.dataIssues.filter((i) =>
      /Haemoglobin A1c value .* outside the plausible range/.test(i.problem),
    );
    expect(implausible.length + hba1c.length).toBe(37);
    expect(facts.patient).toMatchObject({ birthDate: '1910-09-19', sex: 'male' });
  });

  it('Clemente Kreiger: little data, still a valid chart', () => {
    const { facts } = mapChart({ bundle: load('Clemente_Kreiger') }, { now: NOW });
    expect(facts.conditions.map((c) => c.concept)).toEqual(['obesity']);
    expect(facts.observations.some((o) => o.concept === 'bmi')).toBe(true);
    expect(facts.smoking?.status).toBe('never');
    expect(facts.events).toEqual([]);
  });

  it('data issues never carry the patient’s name', () => {
    for (const name of ['Renato_Dare', 'Vito_Feeney', 'Clemente_Kreiger']) {
      const { facts } = mapChart({ bundle: load(name) }, { now: NOW });
      const text = JSON.stringify(facts);
      for (const part of name.split('_')) expect(text).not.toContain(part);
    }
  });
});
