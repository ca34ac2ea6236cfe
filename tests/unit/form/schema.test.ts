import { describe, expect, it } from 'vitest';
import { PLAUSIBLE_RANGES, isPlausibleValue } from '@/lib/engine/plausibility';
import { formJsonSchema } from '@/lib/form/json-schema';
import { formSchema } from '@/lib/form/schema';

describe('form schema', () => {
  it('accepts {} as "nothing recorded yet"', () => {
    expect(formSchema.parse({})).toEqual({});
  });

  it('keeps unanswered questions absent rather than defaulting them to "no"', () => {
    const parsed = formSchema.parse({ exam: { coolFoot: true } });
    expect(parsed.exam).toEqual({ coolFoot: true });
    expect(parsed.exam?.ulcer).toBeUndefined();
  });

  it('rejects unknown fields and out-of-range measurements with a path', () => {
    const result = formSchema.safeParse({ measurements: { abiLeft: 87 }, colour: 'red' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('measurements.abiLeft');
    expect(result.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('accepts exactly the measurements the chart reader accepts (one plausibility table, issue 10)', () => {
    const fields = [
      ['abiRight', 'abi'],
      ['tbiLeft', 'tbi'],
      ['toePressureRight', 'toe-pressure'],
      ['anklePressureLeft', 'ankle-pressure'],
    ] as const;
    for (const [field, concept] of fields) {
      const { min, max } = PLAUSIBLE_RANGES[concept];
      for (const [value, ok] of [
        [min, true],
        [max, true],
        [max + 0.01, false],
        [min - 0.01, false],
      ] as const) {
        expect(formSchema.safeParse({ measurements: { [field]: value } }).success, `${field}=${value}`).toBe(ok);
        expect(isPlausibleValue(concept, value), `${concept}=${value}`).toBe(ok);
      }
    }
    expect(formSchema.safeParse({ measurements: { abiLeft: 3 } }).success).toBe(false);
    expect(formSchema.safeParse({ measurements: { abiLeft: 0 } }).success).toBe(false);
  });

  it('refuses a measurement date in the future or before 1900, and one that is no calendar day', () => {
    for (const measuredOn of ['2099-01-01', '1899-12-31', '2024-02-30', '2024-1-1']) {
      const result = formSchema.safeParse({ measurements: { measuredOn } });
      expect(result.success, measuredOn).toBe(false);
      expect(result.error?.issues[0]?.path.join('.')).toBe('measurements.measuredOn');
    }
    const today = new Date().toISOString().slice(0, 10);
    expect(formSchema.safeParse({ measurements: { measuredOn: today } }).success).toBe(true);
  });

  it('exports a JSON Schema with every top-level section optional', () => {
    const schema = formJsonSchema();
    expect(schema.type).toBe('object');
    expect(schema.required ?? []).toEqual([]);
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining([
        'onset',
        'locations',
        'timing',
        'relievedBy',
        'irlssg',
        'exam',
        'history',
        'measurements',
      ]),
    );
  });
});

describe('form schema v2 (issue 9)', () => {
  it('migrates a draft saved before pulses were recorded per leg, never losing the answer', () => {
    expect(formSchema.parse({ side: 'right', exam: { pedalPulses: 'absent' } }).exam).toEqual({
      pulsesRight: 'absent',
    });
    expect(formSchema.parse({ side: 'left', exam: { pedalPulses: 'diminished' } }).exam).toEqual({
      pulsesLeft: 'diminished',
    });
    expect(formSchema.parse({ side: 'both', exam: { pedalPulses: 'normal', coolFoot: true } }).exam).toEqual({
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
      coolFoot: true,
    });
    expect(formSchema.parse({ exam: { pedalPulses: 'absent' } }).exam).toEqual({
      pulsesRight: 'absent',
      pulsesLeft: 'absent',
    });
    // An answer already given per leg wins over the old one.
    expect(formSchema.parse({ side: 'both', exam: { pedalPulses: 'absent', pulsesLeft: 'normal' } }).exam).toEqual({
      pulsesRight: 'absent',
      pulsesLeft: 'normal',
    });
  });

  it('reports an unrecognised old value instead of hiding it', () => {
    const r = formSchema.safeParse({ side: 'right', exam: { pedalPulses: 'weak' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['exam.pulsesRight']);
  });

  it('keeps every new answer tri-state: an unanswered question stays absent', () => {
    const parsed = formSchema.parse({ history: { atrialFibrillation: false }, restPainDuration: 'days' });
    expect(parsed).toEqual({ history: { atrialFibrillation: false }, restPainDuration: 'days' });
    expect(parsed.history?.onAnticoagulant).toBeUndefined();
  });

  it('prints today’s shape as JSON Schema: per-leg pulses and the issue 9 questions, no legacy field', () => {
    const schema = formJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['episodeOnset', 'restPainDuration', 'ulcerDuration', 'recentMedicines']),
    );
    const exam = Object.keys(schema.properties.exam!.properties!);
    expect(exam).toEqual(expect.arrayContaining(['pulsesRight', 'pulsesLeft', 'massiveSwellingBlueOrWhiteLeg']));
    expect(exam).not.toContain('pedalPulses');
    expect(Object.keys(schema.properties.history!.properties!)).toEqual(
      expect.arrayContaining(['previousDvt', 'onAnticoagulant', 'atrialFibrillation', 'bilateralSciatica']),
    );
  });
});
