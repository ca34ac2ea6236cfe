/**
 * The grader itself: it must fail a case on every kind of mismatch, or a green library would prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '@/lib/engine';
import type { Assessment } from '@/lib/engine/assessment';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import { CASE_NOW, chart } from './cases/chart';
import type { ClinicalCase } from './cases/types';
import { confusion, emergencyErrors, gradeCase, runCase } from './grade-cases';

const SADDLE: ClinicalCase = {
  id: 'grader-saddle',
  area: 'spine',
  story: 'Saddle anaesthesia on an empty chart (grader self-test).',
  source: 'GIRFT 2023 (grader self-test)',
  chart: chart(),
  form: { exam: { saddleAnaesthesia: true } },
  expect: { top: 'lumbar-radiculopathy', redFlags: { 'cauda-equina': 'emergency' } },
};
const assessment = (c: ClinicalCase): Assessment => assess(EMPTY_FACTS, c.form, { now: CASE_NOW });
const withExpect = (e: Partial<ClinicalCase['expect']>): ClinicalCase => ({
  ...SADDLE,
  expect: { ...SADDLE.expect, ...e },
});

describe('grade-cases', () => {
  const a = assessment(SADDLE);

  it('passes a case whose expectations hold', () => {
    expect(gradeCase(SADDLE, a)).toEqual([]);
    expect(runCase(SADDLE).failures).toEqual([]);
  });

  it('fails a missed emergency, a false emergency and a wrong urgency', () => {
    expect(
      gradeCase(withExpect({ redFlags: { 'cauda-equina': 'emergency', 'spinal-infection': 'emergency' } }), a),
    ).toEqual([expect.stringMatching(/spinal-infection.*MISSED EMERGENCY/)]);
    expect(gradeCase(withExpect({ redFlags: {} }), a)).toEqual([
      expect.stringMatching(/cauda-equina.*FALSE EMERGENCY/),
    ]);
    expect(gradeCase(withExpect({ redFlags: { 'cauda-equina': 'urgent' } }), a)).toEqual([
      expect.stringMatching(/expected urgent, raised emergency/),
    ]);
  });

  it('fails a wrong top, a missing or forbidden workup item, a question not asked and a wrong DVT outcome', () => {
    expect(gradeCase(withExpect({ top: 'restless-legs-syndrome' }), a)).toHaveLength(1);
    expect(gradeCase(withExpect({ top: 'no-single-top' }), a)).toHaveLength(1);
    expect(gradeCase(withExpect({ workup: { must: ['abi'] } }), a)).toEqual(['workup: abi not planned']);
    expect(gradeCase(withExpect({ workup: { mustNot: ['emergency-mri-lumbar'] } }), a)).toHaveLength(1);
    expect(gradeCase(withExpect({ workup: { notNow: ['emergency-mri-lumbar'] } }), a)).toHaveLength(1);
    expect(gradeCase(withExpect({ asks: ['history.nonexistent'] }), a)).toHaveLength(1);
    expect(gradeCase(withExpect({ dvt: 'excluded' }), a)).toHaveLength(1);
    expect(gradeCase(withExpect({ chartAnswers: { 'history.atrialFibrillation': true } }), a)).toHaveLength(1);
    expect(gradeCase(withExpect({ adviceMustNot: /emergency/i }), a).length).toBeGreaterThan(0);
  });

  it('counts the confusion table and the emergency errors from the runs', () => {
    const runs = [runCase(SADDLE), runCase(withExpect({ redFlags: {} }))];
    const ces = confusion(runs).get('cauda-equina')!;
    expect(ces).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(emergencyErrors(runs)).toEqual({ missed: [], falseAlarms: ['grader-saddle: cauda-equina'] });
  });
});
