/**
 * The clinical case library inside `npm test`: every case must meet every expectation, and across the library
 * there must be zero missed and zero false emergencies. The confusion table is printed once for the log.
 */
import { describe, expect, it } from 'vitest';
import { CONDITION_IDS, RED_FLAG_IDS } from '@/lib/engine/assessment';
import { formSchema } from '@/lib/form/schema';
import { CASES } from './cases/index';
import { CASE_AREAS } from './cases/types';
import { confusion, emergencyErrors, report, runAll } from './grade-cases';

const runs = runAll();

describe('clinical case library', () => {
  it('has at least 80 cases with unique kebab-case ids, a story and a guideline source, in every area', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
    const ids = CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CASES) {
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.story.length, c.id).toBeGreaterThan(20);
      expect(c.story, c.id).not.toContain('\n');
      expect(c.source.length, c.id).toBeGreaterThan(10);
      expect(formSchema.safeParse(c.form).success, c.id).toBe(true);
    }
    for (const area of CASE_AREAS)
      expect(
        CASES.some((c) => c.area === area),
        area,
      ).toBe(true);
  });

  it('fires every red flag in some case and withholds it in others', () => {
    for (const [id, c] of confusion(runs)) {
      expect(c.tp + c.fn, `${id}: cases expecting it`).toBeGreaterThan(0);
      expect(c.tn + c.fp, `${id}: cases expecting it absent`).toBeGreaterThan(0);
    }
    expect(new Set(confusion(runs).keys())).toEqual(new Set(RED_FLAG_IDS));
  });

  it('expects every condition on top somewhere, and "no single top" somewhere', () => {
    const tops = new Set<string>();
    for (const c of CASES)
      for (const t of typeof c.expect.top === 'string' ? [c.expect.top] : c.expect.top) tops.add(t);
    for (const id of CONDITION_IDS) expect(tops, id).toContain(id);
    expect(tops).toContain('no-single-top');
  });

  it('has zero missed and zero false emergencies', () => {
    const { missed, falseAlarms } = emergencyErrors(runs);
    console.log(report(runs));
    expect(missed).toEqual([]);
    expect(falseAlarms).toEqual([]);
  });

  it.each(runs.map((r) => [r.case.id, r] as const))('%s', (_id, r) => {
    expect(r.failures).toEqual([]);
  });
});
