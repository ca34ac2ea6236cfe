/**
 * Evidence as the screen words it: the engine's label without what the screen says another way (source, ISO date),
 * durations in clinician units, findings joined into one sentence; and the findings that carry a conclusion.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '@/lib/engine/assessment';
import { evidenceText, findingPhrase, joinAnd, leadingFindings } from '@/lib/ui/evidence-text';

const chart = (label: string, weight = 0): Evidence => ({
  source: 'fhir',
  label,
  weight,
  reference: 'Observation/x',
  date: '2026-11-18',
});
const form = (label: string, weight = 0): Evidence => ({ source: 'form', label, weight, formField: 'relievedBy' });

describe('evidenceText', () => {
  it.each([
    ['ABI right 0.45 (chart, 2026-11-18)', 'ABI right 0.45'],
    ['toe pressure right 25 mmHg (chart, 2026-11-18)', 'Toe pressure right 25 mmHg'],
    ['HbA1c 9.0 % (2026-11-17), recorded as 75 mmol/mol', 'HbA1c 9.0 %, recorded as 75 mmol/mol'],
    ['eGFR 21 mL/min/1.73 m² (2026-11-11)', 'eGFR 21 mL/min/1.73 m²'],
    ['Chart: Peripheral arterial disease (active)', 'Peripheral arterial disease (active)'],
    ['Smoking status: former (2026-11-10)', 'Smoking status: former'],
  ])('%s → %s', (label, text) => {
    expect(evidenceText(chart(label))).toBe(text);
  });

  it('keeps a date when the evidence carries none (nothing else would say it)', () => {
    expect(evidenceText({ source: 'fhir', label: 'ABI 0.72 (chart, 2026-10-13)' })).toBe(
      'ABI 0.72 (chart, 2026-10-13)',
    );
  });

  it('words a duration in clinician units and drops the form-entry date', () => {
    expect(evidenceText(form('Symptoms for 104 weeks'))).toBe('Symptoms for about 2 years');
    expect(evidenceText(form('Symptoms for 1 weeks'))).toBe('Symptoms for 7 days');
    expect(evidenceText(form('ABI right 0.41 (form entry, 2026-12-02)'))).toBe('ABI right 0.41');
  });
});

describe('findings in a sentence', () => {
  it('drops the lead-ins that only say what kind of finding it is, keeping acronyms', () => {
    expect(findingPhrase(form('Exam: right foot pulses absent (no Doppler signal)'))).toBe(
      'right foot pulses absent (no Doppler signal)',
    );
    expect(findingPhrase(form('The pain is relieved by dangling the leg over the bed'))).toBe(
      'relieved by dangling the leg over the bed',
    );
    expect(findingPhrase(chart('HbA1c 8.4 % (2026-10-18)'))).toBe('HbA1c 8.4 %');
    expect(joinAnd(['a', 'b', 'c'])).toBe('a, b and c');
    expect(joinAnd(['a'])).toBe('a');
  });

  it('puts chart values first for red flags, and the heaviest findings first for candidates, once each', () => {
    const evidence = [
      form('Relieved by dangling the leg'),
      form('Exam: right foot pulses absent'),
      chart('ABI right 0.45 (chart, 2026-11-18)'),
      chart('Chart: Peripheral arterial disease (active)'),
      form('Relieved by dangling the leg'),
    ];
    expect(leadingFindings(evidence, 3, 'kind').map(findingPhrase)).toEqual([
      'ABI right 0.45',
      'right foot pulses absent',
      'peripheral arterial disease (active)',
    ]);
    const weighted = [form('Exam: a cool foot', 1), chart('ABI right 0.45 (chart, 2026-11-18)', 3), form('Burning', 2)];
    expect(leadingFindings(weighted, 2, 'weight').map(findingPhrase)).toEqual(['ABI right 0.45', 'burning']);
  });
});
