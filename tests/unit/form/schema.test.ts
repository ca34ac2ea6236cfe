import { describe, expect, it } from 'vitest';
import { PLAUSIBLE_RANGES, isPlausibleValue } from '@/lib/engine/plausibility';
import { formJsonSchema, formSchema } from '@/lib/form/schema';

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
