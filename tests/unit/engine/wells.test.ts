import { describe, expect, it } from 'vitest';
import { assess } from '@/lib/engine';
import type { FormAnswers } from '@/lib/form/schema';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import { OPTS, careEvent, condition, facts, obs } from './builders';

/** A one-sided calf story with every Wells form item answered "no". */
const SETTLED_UNLIKELY: FormAnswers = {
  side: 'left',
  locations: ['calf'],
  exam: {
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

const wellsOf = (f: Parameters<typeof assess>[0], form: FormAnswers) => assess(f, form, OPTS).scores.wells;

describe('Wells DVT score', () => {
  it('is null when nothing makes DVT relevant (no one-sided symptoms, swelling or DVT features)', () => {
    expect(wellsOf(EMPTY_FACTS, {})).toBeNull();
    expect(wellsOf(EMPTY_FACTS, { side: 'both', relievedBy: ['moving-legs'] })).toBeNull();
  });

  it('is computed for a sudden one-sided calf story and counts unrecorded items as unknown, not as "no"', () => {
    const w = wellsOf(EMPTY_FACTS, { side: 'left', onset: 'sudden', locations: ['calf'] });
    expect(w).not.toBeNull();
    expect(w!.points).toBe(0);
    expect(w!.unknownItems).toBe(10);
    expect(w!.items.every((i) => i.met === null)).toBe(true);
    // Every unknown item could be positive: incomplete, not "unlikely" (safety review).
    expect(w!.maxPossible).toBe(9);
    expect(w!.complete).toBe(false);
    expect(w!.pathway).toMatch(/^Wells incomplete: 10 items unknown, could reach 9/);
  });

  it('two-level: 1 point is "unlikely", 2 points "likely" (boundary)', () => {
    const one = wellsOf(EMPTY_FACTS, { side: 'left', exam: { deepVeinTenderness: true } });
    const two = wellsOf(EMPTY_FACTS, { side: 'left', exam: { deepVeinTenderness: true, calfSwellingOver3cm: true } });
    expect(one).toMatchObject({ points: 1, band: 'unlikely', threeLevel: 'moderate' });
    expect(two).toMatchObject({ points: 2, band: 'likely', threeLevel: 'moderate' });
    expect(two!.pathway).toMatch(/compression ultrasound/);
  });

  it('three-level (1997): ≤0 low, 1–2 moderate, ≥3 high', () => {
    const exam = { deepVeinTenderness: true, calfSwellingOver3cm: true, entireLegSwollen: true };
    expect(wellsOf(EMPTY_FACTS, { side: 'left', exam: { deepVeinTenderness: false } })!.threeLevel).toBe('low');
    expect(wellsOf(EMPTY_FACTS, { side: 'left', exam: { deepVeinTenderness: true } })!.threeLevel).toBe('moderate');
    expect(wellsOf(EMPTY_FACTS, { side: 'left', exam })!.threeLevel).toBe('high');
  });

  it('counts previously documented DVT in the 2003 score only', () => {
    const f = facts({ conditions: [condition('dvt', { status: 'history', label: 'History of DVT' })] });
    const w = wellsOf(f, { side: 'right', exam: { deepVeinTenderness: true } })!;
    expect(w.points).toBe(2);
    expect(w.band).toBe('likely');
    expect(w.threeLevelPoints).toBe(1);
    expect(w.threeLevel).toBe('moderate');
    const prior = w.items.find((i) => i.id === 'previous-dvt')!;
    expect(prior.met).toBe(true);
    expect(prior.evidence?.reference).toMatch(/^Condition\//);
  });

  it('subtracts 2 for an alternative diagnosis at least as likely', () => {
    const w = wellsOf(EMPTY_FACTS, {
      side: 'left',
      exam: { deepVeinTenderness: true, calfSwellingOver3cm: true },
      history: { alternativeDiagnosisAsLikely: true },
    })!;
    expect(w.points).toBe(0);
    expect(w.band).toBe('unlikely');
    expect(w.threeLevel).toBe('low');
  });

  it('takes active cancer and surgery within 12 weeks from the chart', () => {
    const f = facts({
      conditions: [condition('active-cancer', { label: 'Carcinoma of colon' })],
      events: [careEvent('surgery', 84, 'Hip replacement', { surgeryClass: 'major' })],
    });
    const w = wellsOf(f, { side: 'left' })!;
    expect(w.items.find((i) => i.id === 'active-cancer')?.met).toBe(true);
    expect(w.items.find((i) => i.id === 'bedridden-or-surgery')?.met).toBe(true);
    expect(w.points).toBe(2);

    const old = wellsOf(facts({ events: [careEvent('surgery', 85, 'Hip replacement', { surgeryClass: 'major' })] }), {
      side: 'left',
      exam: { deepVeinTenderness: false },
    })!;
    expect(old.items.find((i) => i.id === 'bedridden-or-surgery')?.met).toBeNull();

    // Issue 9 item 12: a local-anaesthetic procedure or an unclassified one is not "major surgery"; a 2-day stay
    // is not "bedridden 3 days or more".
    for (const e of [
      careEvent('surgery', 20, 'Excision of skin lesion', { surgeryClass: 'minor' }),
      careEvent('surgery', 20, 'Procedure on knee'),
      careEvent('inpatient-stay', 20, 'Inpatient stay', { days: 2 }),
    ]) {
      const w = wellsOf(facts({ events: [e] }), { side: 'left', exam: { deepVeinTenderness: false } })!;
      expect(w.items.find((i) => i.id === 'bedridden-or-surgery')?.met, e.label).toBeNull();
    }
    const stay = wellsOf(facts({ events: [careEvent('inpatient-stay', 20, 'Inpatient stay', { days: 5 })] }), {
      side: 'left',
      exam: { deepVeinTenderness: false },
    })!;
    expect(stay.items.find((i) => i.id === 'bedridden-or-surgery')?.met).toBe(true);
  });

  it('does not treat a resolved cancer as active', () => {
    const f = facts({ conditions: [condition('active-cancer', { status: 'history' })] });
    const form: FormAnswers = { side: 'left', exam: { deepVeinTenderness: false } };
    expect(wellsOf(f, form)!.items.find((i) => i.id === 'active-cancer')?.met).toBeNull();
  });

  it('uses a D-dimer from the last 3 days in the pathway; ignores an older one', () => {
    // Every form item answered "no": best possible 1 (the chart-only previous-DVT item), a settled "unlikely".
    const form = SETTLED_UNLIKELY;
    const neg = assess(facts({ observations: [obs('d-dimer', 300, { ageDays: 1 })] }), form, OPTS);
    expect(neg.scores.wells!.pathway).toMatch(/D-dimer is negative/);
    const dvt = neg.differential.find((d) => d.id === 'deep-vein-thrombosis')!;
    expect(dvt.opposing.find((e) => e.ruleId === 'dvt.negative-d-dimer-unlikely-wells')?.weight).toBe(-4);
    expect(neg.workup.find((w) => w.id === 'compression-ultrasound')).toBeUndefined();

    const pos = assess(facts({ observations: [obs('d-dimer', 900, { ageDays: 1 })] }), form, OPTS);
    expect(pos.scores.wells!.pathway).toMatch(/D-dimer is positive/);
    expect(pos.workup.find((w) => w.id === 'compression-ultrasound')).toBeDefined();

    const stale = assess(facts({ observations: [obs('d-dimer', 300, { ageDays: 5 })] }), form, OPTS);
    expect(stale.scores.wells!.pathway).toMatch(/D-dimer first/);
    expect(stale.missingData.some((m) => m.concept === 'D-dimer')).toBe(true);
  });

  it("honours the lab's own D-dimer cut-off and flag", () => {
    const form: FormAnswers = { side: 'left' };
    const flagged = assess(
      facts({ observations: [obs('d-dimer', 300, { ageDays: 0, interpretation: 'high' })] }),
      form,
      OPTS,
    );
    expect(flagged.scores.wells!.pathway).toMatch(/positive/);
    const ownRange = assess(facts({ observations: [obs('d-dimer', 450, { ageDays: 0, high: 400 })] }), form, OPTS);
    expect(ownRange.scores.wells!.pathway).toMatch(/positive/);
  });

  it('likely Wells plans ultrasound and no D-dimer; unlikely plans D-dimer first', () => {
    const likely = assess(
      EMPTY_FACTS,
      { side: 'left', exam: { deepVeinTenderness: true, entireLegSwollen: true } },
      OPTS,
    );
    expect(likely.workup.map((w) => w.id)).toContain('compression-ultrasound');
    expect(likely.workup.map((w) => w.id)).not.toContain('d-dimer');
    const unlikely = assess(EMPTY_FACTS, { ...SETTLED_UNLIKELY, onset: 'sudden' }, OPTS);
    const dd = unlikely.workup.find((w) => w.id === 'd-dimer')!;
    expect(dd.code).toEqual({ system: 'http://loinc.org', code: '48065-7' });
    // The scan after a positive D-dimer is part of the pathway text, not a second order (issue 9 item 12).
    expect(unlikely.workup.map((w) => w.id)).not.toContain('compression-ultrasound');
    expect(unlikely.scores.wells?.pathway).toMatch(/if positive, proximal leg-vein ultrasound/);
  });

  describe('shown only when DVT is plausible', () => {
    /** Classic one-sided ischaemic rest pain: nothing about it suggests a clot. */
    const REST_PAIN: FormAnswers = {
      side: 'right',
      onset: 'gradual',
      locations: ['toes-forefoot'],
      qualities: ['burning'],
      timing: ['after-1-2-hours-wakes'],
      relievedBy: ['dangling-leg'],
      exam: { pulsesRight: 'absent', pulsesLeft: 'absent', coolFoot: true },
    };

    it('is null for a one-sided rest-pain story, with no Wells or D-dimer prompts in missing data', () => {
      expect(wellsOf(EMPTY_FACTS, { side: 'left' })).toBeNull();
      const a = assess(EMPTY_FACTS, REST_PAIN, OPTS);
      expect(a.scores.wells).toBeNull();
      const concepts = a.missingData.map((m) => m.concept);
      expect(concepts).not.toContain('D-dimer');
      expect(concepts).not.toContain('Wells items not recorded');
      expect(a.workup.map((w) => w.id)).not.toContain('d-dimer');
      // The swelling screen is still asked: it is how a clot would show itself here.
      expect(concepts).toContain('Unilateral leg swelling (exam.unilateralSwelling)');
    });

    it.each<[string, FormAnswers]>([
      ['unilateral swelling', { ...REST_PAIN, exam: { ...REST_PAIN.exam, unilateralSwelling: true } }],
      ['a red leg', { ...REST_PAIN, exam: { ...REST_PAIN.exam, redness: true } }],
      ['a Wells exam item answered "no"', { ...REST_PAIN, exam: { ...REST_PAIN.exam, deepVeinTenderness: false } }],
      ['the alternative-diagnosis judgement', { ...REST_PAIN, history: { alternativeDiagnosisAsLikely: true } }],
      ['sudden calf pain', { side: 'left', onset: 'sudden', locations: ['calf'] }],
      ['sudden thigh pain, side not recorded', { onset: 'sudden', locations: ['thigh'] }],
    ])('is shown for %s', (_what, form) => {
      expect(wellsOf(EMPTY_FACTS, form)).not.toBeNull();
    });

    it('is not shown for sudden pain in both calves, nor for sudden pain in the toes alone', () => {
      expect(wellsOf(EMPTY_FACTS, { side: 'both', onset: 'sudden', locations: ['calf'] })).toBeNull();
      expect(wellsOf(EMPTY_FACTS, { onset: 'sudden', locations: ['toes-forefoot'] })).toBeNull();
    });

    it('is shown with a previous DVT or PE on the chart once the leg pain could be a clot', () => {
      const prior = facts({ conditions: [condition('pulmonary-embolism', { status: 'history' })] });
      // Risk factors explain nothing on their own (issue 9 item 16): no presentation, no Wells.
      expect(wellsOf(prior, { durationWeeks: 52 })).toBeNull();
      expect(wellsOf(prior, { locations: ['foot'] })).toBeNull();
      expect(wellsOf(prior, { side: 'right', locations: ['calf'] })).not.toBeNull();
    });

    it('is shown when DVT ranks low or above, which chart risk factors alone never do', () => {
      const f = facts({ conditions: [condition('thrombophilia')] });
      const a = assess(f, REST_PAIN, OPTS);
      expect(a.differential.find((d) => d.id === 'deep-vein-thrombosis')!.likelihood).toBe('unlikely');
      expect(a.scores.wells).toBeNull();
      const calf = assess(f, { side: 'left', locations: ['calf'] }, OPTS);
      expect(calf.differential.find((d) => d.id === 'deep-vein-thrombosis')!.likelihood).toBe('low');
      expect(calf.scores.wells).not.toBeNull();
    });

    it('never hides the suspected-DVT red flag: a "likely" Wells from the chart still fires it', () => {
      const f = facts({ conditions: [condition('dvt', { status: 'history' }), condition('active-cancer')] });
      const a = assess(f, { side: 'right' }, OPTS);
      expect(a.redFlags.map((r) => r.id)).toContain('suspected-dvt');
      expect(a.scores.wells).toMatchObject({ band: 'likely' });
      // Computed even when not shown: the red flag reads it.
      const hidden = assess(EMPTY_FACTS, REST_PAIN, OPTS);
      expect(hidden.scores.wells).toBeNull();
      expect(hidden.redFlags.map((r) => r.id)).not.toContain('suspected-dvt');
    });
  });
});
