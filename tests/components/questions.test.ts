import { describe, expect, it } from 'vitest';
import {
  formObjectSchema,
  formSchema,
  examSchema,
  historySchema,
  irlssgSchema,
  measurementsSchema,
} from '@/lib/form/schema';
import { ALL_QUESTIONS, QUESTION_GROUPS, questionFor } from '@/lib/form/questions';

/** Every answerable path of the form schema. */
function schemaPaths(): string[] {
  const top = Object.keys(formObjectSchema.shape).filter(
    (k) => !['irlssg', 'exam', 'history', 'measurements'].includes(k),
  );
  return [
    ...top,
    ...Object.keys(irlssgSchema.shape).map((k) => `irlssg.${k}`),
    ...Object.keys(examSchema.shape).map((k) => `exam.${k}`),
    ...Object.keys(historySchema.shape).map((k) => `history.${k}`),
    ...Object.keys(measurementsSchema.shape).map((k) => `measurements.${k}`),
  ];
}

describe('form questions (presentation data)', () => {
  it('asks every question of the schema exactly once', () => {
    const asked = ALL_QUESTIONS.map((q) => q.path);
    expect(new Set(asked).size).toBe(asked.length);
    expect([...asked].sort()).toEqual(schemaPaths().sort());
  });

  it('labels every option of every choice and multi-select with words', () => {
    for (const q of ALL_QUESTIONS) {
      expect(q.label.trim().length).toBeGreaterThan(2);
      if (q.kind === 'choice' || q.kind === 'multi') {
        expect(q.options.length).toBeGreaterThan(1);
        for (const o of q.options) expect(o.label.trim().length).toBeGreaterThan(1);
      }
    }
  });

  it('offers only option values the schema accepts', () => {
    for (const q of ALL_QUESTIONS) {
      if (q.kind === 'choice') {
        for (const o of q.options) {
          const [head, tail] = q.path.split('.');
          const answer = tail ? { [head as string]: { [tail]: o.value } } : { [q.path]: o.value };
          expect(formSchema.safeParse(answer).success, `${q.path}=${o.value}`).toBe(true);
        }
      }
      if (q.kind === 'multi') {
        expect(formSchema.safeParse({ [q.path]: q.options.map((o) => o.value) }).success, q.path).toBe(true);
      }
    }
  });

  it('puts the red-flag screen first, then the story, and finds questions by path', () => {
    const ids = QUESTION_GROUPS.map((g) => g.id);
    expect(ids.slice(0, 2)).toEqual(['red-flags', 'story']);
    expect(questionFor('exam.coolFoot')?.label).toBe('Cool foot');
    expect(questionFor('nope')).toBeUndefined();
  });
});
