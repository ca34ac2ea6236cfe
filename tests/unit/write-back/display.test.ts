import { displayNumber, displayUnit, tidyEngineText } from '@/fhir-mappings/write-back/display';

describe('displayNumber', () => {
  it('rounds to the reporting precision of each concept and leaves recorded precision alone', () => {
    expect(displayNumber('hba1c', 9.013)).toBe('9.0');
    expect(displayNumber('hba1c', 8.4)).toBe('8.4');
    expect(displayNumber('glucose', 189.168)).toBe('189');
    expect(displayNumber('creatinine', 1.234)).toBe('1.23');
    expect(displayNumber('abi', 0.4521)).toBe('0.45');
    expect(displayNumber('egfr', 68)).toBe('68');
  });

  it('never rounds a value across a cut-off the engine compares against', () => {
    expect(displayNumber('potassium', 3.46)).toBe('3.46');
    expect(displayNumber('magnesium', 1.68)).toBe('1.68');
    expect(displayNumber('bmi', 29.96)).toBe('29.96');
    expect(displayNumber('d-dimer', 499.6)).toBe('499.6');
    expect(displayNumber('toe-pressure', 29.6)).toBe('29.6');
    expect(displayNumber('potassium', 3.64)).toBe('3.6');
  });
});

describe('tidyEngineText', () => {
  it('rounds values after a concept name, fixes eGFR, and leaves other text unchanged', () => {
    expect(tidyEngineText('Magnesium 1.4586 mg/dL (2026-11-11)')).toBe('Magnesium 1.5 mg/dL (2026-11-11)');
    expect(tidyEngineText('ABI right 0.4521 (chart, 2026-11-12)')).toBe('ABI right 0.45 (chart, 2026-11-12)');
    expect(tidyEngineText('EGFR 68 mL/min/1.73 m² on 2026-10-12')).toBe('eGFR 68 mL/min/1.73 m² on 2026-10-12');
    const unchanged = 'hypokalaemia (< 3.5 mmol/L) adds +2 toward cramps; Age 71; dated 2026-11-12';
    expect(tidyEngineText(unchanged)).toBe(unchanged);
  });
});

describe('displayUnit', () => {
  it('writes recorded units for people', () => {
    expect(displayUnit('ng/mL DDU DDU (approximate ×2 to FEU)')).toBe('ng/mL DDU');
    expect(displayUnit('mL/min/{1.73_m2}')).toBe('mL/min/1.73 m2');
    expect(displayUnit('umol/L')).toBe('µmol/L');
  });
});
