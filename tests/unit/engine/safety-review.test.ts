/**
 * Regression tests for the clinical safety review: each block reproduces one reported defect (written to fail
 * against the engine as it was) and pins the corrected behaviour.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '@/lib/engine';
import type { ChartFacts } from '@/lib/engine/facts';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import type { FormAnswers } from '@/lib/form/schema';
import { OPTS, facts, obs } from './builders';

const run = (form: FormAnswers, f: ChartFacts = EMPTY_FACTS) => assess(f, form, OPTS);
const dvtOf = (a: ReturnType<typeof run>) => a.differential.find((d) => d.id === 'deep-vein-thrombosis')!;

describe('1. Wells with unknown items is incomplete, never "unlikely" by default', () => {
  const form: FormAnswers = { side: 'left', onset: 'sudden', exam: { unilateralSwelling: true } };
  const negDDimer = facts({ observations: [obs('d-dimer', 300, { ageDays: 1 })] });

  it('reports the best possible score and marks the score incomplete', () => {
    const w = run(form).scores.wells!;
    expect(w.points).toBe(0);
    expect(w.maxPossible).toBe(9);
    expect(w.complete).toBe(false);
    expect(w.pathway).toMatch(/^Wells incomplete: 10 items unknown, could reach 9/);
    expect(w.pathway).not.toMatch(/excluded/);
  });

  it('with a recent negative D-dimer: the suspected-DVT flag plans compression ultrasound and DVT is not lowered', () => {
    const a = run(form, negDDimer);
    expect(a.redFlags.map((f) => f.id)).toContain('suspected-dvt');
    const cus = a.workup.find((w) => w.id === 'compression-ultrasound');
    expect(cus).toBeDefined();
    expect(cus!.priority).toBe('now');
    expect(cus!.forRedFlags).toContain('suspected-dvt');
    const dvt = dvtOf(a);
    expect(dvt.opposing.map((e) => e.ruleId)).not.toContain('dvt.negative-d-dimer-unlikely-wells');
    expect(dvt.likelihood).not.toBe('unlikely');
    expect(a.scores.wells!.pathway).not.toMatch(/excluded/);
  });

  it('the suspected-DVT flag plans ultrasound even with a complete "unlikely" Wells and a negative D-dimer', () => {
    const complete: FormAnswers = {
      side: 'left',
      exam: {
        unilateralSwelling: true,
        warmth: true,
        deepVeinTenderness: false,
        entireLegSwollen: false,
        calfSwellingOver3cm: false,
        pittingOedemaSymptomaticLeg: false,
        collateralSuperficialVeins: false,
      },
      history: {
        cancerHistory: false,
        legParalysisOrCast: false,
        recentSurgeryOrBedRest: false,
        alternativeDiagnosisAsLikely: false,
      },
    };
    const a = run(complete, negDDimer);
    expect(a.scores.wells!.complete).toBe(true);
    expect(a.redFlags.map((f) => f.id)).toContain('suspected-dvt');
    expect(a.workup.map((w) => w.id)).toContain('compression-ultrasound');
    expect(dvtOf(a).opposing.map((e) => e.ruleId)).not.toContain('dvt.negative-d-dimer-unlikely-wells');
    expect(a.scores.wells!.pathway).not.toMatch(/excluded/);
  });

  const answeredCalfStory = (tender: boolean): FormAnswers => ({
    side: 'left',
    locations: ['calf'],
    exam: {
      deepVeinTenderness: tender,
      entireLegSwollen: false,
      calfSwellingOver3cm: false,
      pittingOedemaSymptomaticLeg: false,
      collateralSuperficialVeins: false,
    },
    history: {
      cancerHistory: false,
      legParalysisOrCast: false,
      recentSurgeryOrBedRest: false,
      alternativeDiagnosisAsLikely: false,
    },
  });

  it('1 point with the chart-only "previous DVT" item unknown could reach 2: incomplete, nothing excluded', () => {
    const a = run(answeredCalfStory(true), negDDimer);
    const w = a.scores.wells!;
    // Previous DVT is chart-only: unknown unless on file, so the best possible score is 2.
    expect(w.maxPossible).toBe(2);
    expect(w.complete).toBe(false);
    expect(w.pathway).not.toMatch(/excluded/);
    expect(dvtOf(a).opposing.map((e) => e.ruleId)).not.toContain('dvt.negative-d-dimer-unlikely-wells');
  });

  it('a settled "unlikely" Wells (best possible ≤ 1) with a negative D-dimer and no red flag still excludes', () => {
    const a = run(answeredCalfStory(false), negDDimer);
    const w = a.scores.wells!;
    expect(w.maxPossible).toBe(1);
    expect(w.complete).toBe(true);
    expect(a.redFlags).toEqual([]);
    expect(w.pathway).toMatch(/excluded/);
    expect(dvtOf(a).opposing.map((e) => e.ruleId)).toContain('dvt.negative-d-dimer-unlikely-wells');
  });
});
