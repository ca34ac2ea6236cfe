import { describe, expect, it } from 'vitest';
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
