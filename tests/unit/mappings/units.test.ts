import { normaliseUnit, toCanonical } from '@/fhir-mappings/units';
import type { ObservationConcept } from '@/lib/engine/facts';

describe('toCanonical: unit conversions to CANONICAL_UNITS', () => {
  const cases: [ObservationConcept, number, string | undefined, number, string][] = [
    ['ferritin', 40, 'ng/mL', 40, 'ug/L'],
    ['ferritin', 40, 'µg/L', 40, 'ug/L'],
    ['ferritin', 40, 'mcg/L', 40, 'ug/L'],
    ['glucose', 5.5, 'mmol/L', 99.088, 'mg/dL'],
    ['glucose', 99, 'mg/dL', 99, 'mg/dL'],
    ['hba1c', 53, 'mmol/mol', 7.0004, '%'],
    ['hba1c', 7.1, '%', 7.1, '%'],
    ['magnesium', 0.7, 'mmol/L', 1.7017, 'mg/dL'],
    ['magnesium', 1.5, 'mEq/L', 1.8233, 'mg/dL'],
    ['calcium', 2.4, 'mmol/L', 9.6192, 'mg/dL'],
    ['calcium', 9.6, 'mg/dL', 9.6, 'mg/dL'],
    ['creatinine', 88.42, 'umol/L', 1, 'mg/dL'],
    ['creatinine', 176.84, 'µmol/L', 2, 'mg/dL'],
    ['hemoglobin', 135, 'g/L', 13.5, 'g/dL'],
    ['vitamin-b12', 200, 'pmol/L', 271, 'pg/mL'],
    ['tsh', 2.5, 'mIU/L', 2.5, 'm[IU]/L'],
    ['tsh', 2.5, 'uIU/mL', 2.5, 'm[IU]/L'],
    ['tsh', 2.5, 'mU/L', 2.5, 'm[IU]/L'],
    ['potassium', 3.1, 'mEq/L', 3.1, 'mmol/L'],
    ['egfr', 55, 'mL/min/{1.73_m2}', 55, 'mL/min/{1.73_m2}'],
    ['egfr', 55, 'mL/min/1.73 m2', 55, 'mL/min/{1.73_m2}'],
    ['iron', 10, 'umol/L', 55.85, 'ug/dL'],
    ['abi', 0.8, undefined, 0.8, '{ratio}'],
    ['abi', 0.8, '{ratio}', 0.8, '{ratio}'],
    ['abi', 0.8, '1', 0.8, '{ratio}'],
    ['toe-pressure', 25, 'mm[Hg]', 25, 'mm[Hg]'],
    ['toe-pressure', 25, 'mmHg', 25, 'mm[Hg]'],
    ['tcpo2', 4, 'kPa', 30.0025, 'mm[Hg]'],
    ['bmi', 31, 'kg/m2', 31, 'kg/m2'],
  ];
  it.each(cases)('%s %d %s → %d %s', (concept, value, unit, expected, canonical) => {
    const out = toCanonical(concept, value, unit);
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.value).toBeCloseTo(expected, 3);
      expect(out.unit).toBe(canonical);
    }
  });

  it('marks a conversion (so the fact records the original) but not an identity', () => {
    expect(toCanonical('glucose', 5.5, 'mmol/L')).toMatchObject({ ok: true, converted: true });
    expect(toCanonical('ferritin', 40, 'ng/mL')).toMatchObject({ ok: true, converted: false });
    // Synthea reports per-1.73 m² eGFR as "mL/min": accepted, but shown as reinterpreted.
    expect(toCanonical('egfr', 55, 'mL/min')).toMatchObject({ ok: true, value: 55, converted: true });
  });

  it('refuses unknown units and missing units for labs', () => {
    expect(toCanonical('ferritin', 40, 'mg/dL')).toMatchObject({ ok: false });
    expect(toCanonical('glucose', 99, undefined)).toMatchObject({ ok: false, problem: 'no unit was recorded' });
    expect(toCanonical('hba1c', 7, 'furlongs')).toMatchObject({ ok: false });
  });

  describe('D-dimer FEU vs DDU', () => {
    it('FEU in ng/mL, µg/mL and mg/L', () => {
      expect(toCanonical('d-dimer', 450, 'ng/mL FEU')).toMatchObject({ ok: true, value: 450, unit: 'ng/mL{FEU}' });
      expect(toCanonical('d-dimer', 0.45, 'ug/mL{FEU}')).toMatchObject({ ok: true, value: 450 });
      expect(toCanonical('d-dimer', 0.45, 'mg/L FEU')).toMatchObject({ ok: true, value: 450 });
      expect(toCanonical('d-dimer', 450, 'ng/mL', 'FEU')).toMatchObject({ ok: true, value: 450, converted: false });
    });
    it('DDU is doubled and flagged as an approximation', () => {
      const out = toCanonical('d-dimer', 300, 'ng/mL DDU');
      expect(out).toMatchObject({ ok: true, value: 600, converted: true });
      expect(out.ok && out.approximation).toMatch(/approximation/);
      expect(toCanonical('d-dimer', 300, 'ng/mL', 'DDU')).toMatchObject({ ok: true, value: 600 });
    });
    it('without FEU/DDU it is not used (the twofold difference could flip the pathway)', () => {
      expect(toCanonical('d-dimer', 450, 'ng/mL')).toMatchObject({ ok: false });
    });
  });
});

describe('normaliseUnit', () => {
  it.each([
    ['mm[Hg]', 'mmhg'],
    ['mm Hg', 'mmhg'],
    ['µIU/mL', 'uiu/ml'],
    ['mcg/L', 'ug/l'],
    ['{ratio}', 'ratio'],
    ['kg/m^2', 'kg/m2'],
    ['mL/min/{1.73_m2}', 'ml/min/1.73m2'],
  ])('%s → %s', (raw, token) => {
    expect(normaliseUnit(raw).token).toBe(token);
  });
  it('detects FEU/DDU annotations', () => {
    expect(normaliseUnit('ng/mL{FEU}')).toEqual({ token: 'ng/ml', variant: 'FEU' });
    expect(normaliseUnit('ug/L DDU')).toEqual({ token: 'ug/l', variant: 'DDU' });
  });
});
