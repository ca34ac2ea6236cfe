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
    expect(w.pathway).toMatch(/Wells incomplete: 10 items unknown, could reach 9/);
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

const flagIds = (a: ReturnType<typeof run>) => a.redFlags.map((f) => f.id);
const questions = (a: ReturnType<typeof run>) => a.missingData.map((m) => m.concept).join('\n');

describe('2. CLTI: tissue loss', () => {
  it('gangrene on exam alone raises the urgent CLTI flag', () => {
    const a = run({ side: 'right', exam: { gangrene: true } });
    expect(flagIds(a)).toContain('chronic-limb-threatening-ischemia');
    expect(a.redFlags.find((f) => f.id === 'chronic-limb-threatening-ischemia')!.urgency).toBe('urgent');
  });

  it('an ulcer with pulses and ABI unknown asks for pulses and ABI now', () => {
    const a = run({ side: 'right', exam: { ulcer: true } });
    expect(flagIds(a)).not.toContain('chronic-limb-threatening-ischemia');
    expect(questions(a)).toMatch(/Foot pulses and ABI of the symptomatic leg/);
  });

  it('an ulcer with any PAD feature fires', () => {
    expect(
      flagIds(run({ side: 'right', exam: { ulcer: true, pulsesRight: 'diminished', pulsesLeft: 'diminished' } })),
    ).toContain('chronic-limb-threatening-ischemia');
  });

  it('an ulcer with normal pulses and a fresh normal ABI asks nothing', () => {
    const f = facts({ observations: [obs('abi', 1.1, { side: 'right' }), obs('abi', 1.1, { side: 'left' })] });
    const a = run({ side: 'right', exam: { ulcer: true, pulsesRight: 'normal', pulsesLeft: 'normal' } }, f);
    expect(flagIds(a)).not.toContain('chronic-limb-threatening-ischemia');
    expect(questions(a)).not.toMatch(/Foot pulses and ABI of the symptomatic leg/);
  });
});

describe('3. compartment syndrome', () => {
  it('fires on a tense compartment with passive-stretch pain or trauma', () => {
    expect(flagIds(run({ exam: { tenseSwollenCompartment: true, painOnPassiveStretch: true } }))).toContain(
      'compartment-syndrome',
    );
    expect(flagIds(run({ exam: { tenseSwollenCompartment: true }, history: { recentTrauma: true } }))).toContain(
      'compartment-syndrome',
    );
  });

  it('a tense compartment alone asks about passive stretch and trauma', () => {
    const a = run({ exam: { tenseSwollenCompartment: true } });
    expect(flagIds(a)).not.toContain('compartment-syndrome');
    expect(questions(a)).toMatch(/Pain on passive stretch, and any recent trauma/);
  });

  it('passive-stretch pain after trauma with the compartment unexamined asks for the compartment', () => {
    const a = run({ exam: { painOnPassiveStretch: true }, history: { recentTrauma: true } });
    expect(questions(a)).toMatch(/Is the compartment tense and swollen/);
  });

  it('everything answered "no" asks nothing', () => {
    const a = run({
      exam: { tenseSwollenCompartment: true, painOnPassiveStretch: false },
      history: { recentTrauma: false },
    });
    expect(questions(a)).not.toMatch(/passive stretch|compartment/i);
  });
});

describe('4. acute limb ischaemia', () => {
  it('a recent cool foot with pulses unrecorded asks to check pulses now', () => {
    const a = run({ side: 'left', onset: 'sudden', durationWeeks: 0.2, exam: { coolFoot: true } });
    expect(questions(a)).toMatch(/Check the foot pulses of the affected leg now/);
  });

  it('sensory loss with pulses unrecorded asks too; recorded pulses ask nothing', () => {
    expect(questions(run({ onset: 'sudden', exam: { footSensation: 'reduced-beyond-toes' } }))).toMatch(
      /Check the foot pulses of the affected leg now/,
    );
    expect(
      questions(run({ onset: 'sudden', exam: { coolFoot: true, pulsesRight: 'normal', pulsesLeft: 'normal' } })),
    ).not.toMatch(/Check the foot pulses/);
  });
});

describe('5. suspected DVT', () => {
  it('unilateral swelling with onset and tenderness unanswered asks for them', () => {
    const a = run({ side: 'left', exam: { unilateralSwelling: true } });
    expect(flagIds(a)).not.toContain('suspected-dvt');
    expect(questions(a)).toMatch(/Did the swelling start suddenly, and is there tenderness along the deep veins/);
  });

  it('entire leg swollen with onset unanswered asks too', () => {
    expect(questions(run({ exam: { entireLegSwollen: true, deepVeinTenderness: false } }))).toMatch(
      /Did the swelling start suddenly/,
    );
  });
});

describe('6. cellulitis', () => {
  it('redness and fever with warmth unanswered asks', () => {
    expect(questions(run({ exam: { redness: true }, history: { fever: true } }))).toMatch(/Is the red leg warm\?/);
  });
  it('redness and warmth with fever unanswered asks', () => {
    expect(questions(run({ exam: { redness: true, warmth: true } }))).toMatch(/Fever\?/);
  });
  it('all three fire the flag and ask nothing more', () => {
    const a = run({ exam: { redness: true, warmth: true }, history: { fever: true } });
    expect(flagIds(a)).toContain('cellulitis');
    expect(questions(a)).not.toMatch(/Fever\?|Is the red leg warm/);
  });
});

describe('9. cauda equina (reference §0b; GIRFT 2023)', () => {
  it('bilateral distal weakness without a radicular story is not cauda equina (issue 9 item 8)', () => {
    expect(flagIds(run({ side: 'both', exam: { footDrop: true } }))).not.toContain('cauda-equina');
    expect(flagIds(run({ side: 'both', exam: { weakInversion: true } }))).not.toContain('cauda-equina');
  });
  it('bilateral progressive weakness with back pain fires; one-sided or unsided progressive weakness is foot drop, not CES', () => {
    expect(flagIds(run({ side: 'both', exam: { progressiveWeakness: true }, history: { backPain: true } }))).toContain(
      'cauda-equina',
    );
    const oneSide = flagIds(run({ exam: { progressiveWeakness: true }, history: { backPain: true } }));
    expect(oneSide).not.toContain('cauda-equina');
    expect(oneSide).toContain('progressive-foot-drop');
    expect(flagIds(run({ exam: { saddleAnaesthesia: true } }))).toContain('cauda-equina');
    expect(flagIds(run({ exam: { bladderOrBowelChange: true } }))).toContain('cauda-equina');
  });
  it('weak dorsiflexion alone raises no flag (only new or progressive foot drop does)', () => {
    expect(flagIds(run({ side: 'left', exam: { weakDorsiflexionEversion: true } }))).toEqual([]);
  });
});

describe('10. night pain with a DVT red flag', () => {
  const form: FormAnswers = {
    side: 'left',
    onset: 'sudden',
    timing: ['constant'],
    relievedBy: ['nothing'],
    exam: { unilateralSwelling: true, warmth: true },
    history: { cancerHistory: true },
  };
  it('does not fire when a swollen leg explains the constant pain: the DVT flag leads', () => {
    const a = run(form);
    expect(flagIds(a)).toContain('suspected-dvt');
    expect(flagIds(a)).not.toContain('night-pain-malignancy-infection');
    expect(a.workup.find((w) => w.id === 'mri-urgent')).toBeUndefined();
  });
  it('without a DVT flag the action is unchanged', () => {
    const a = run({ ...form, exam: {} });
    expect(a.redFlags.find((f) => f.id === 'night-pain-malignancy-infection')!.action).not.toMatch(/DVT/);
  });
  it('relief "nothing" with cancer and timing unanswered asks for the timing', () => {
    const a = run({ relievedBy: ['nothing'], history: { weightLoss: true } });
    expect(questions(a)).toMatch(/Is the night pain constant/);
  });
});

const ruleIds = (a: ReturnType<typeof run>, id: string) => {
  const d = a.differential.find((x) => x.id === id)!;
  return [...d.supporting, ...d.opposing].map((e) => e.ruleId);
};

describe('7. laterality: only the symptomatic leg lowers PAD or sets the WIfI grade', () => {
  const leftNormal = facts({ observations: [obs('abi', 1.1, { side: 'left' }), obs('tbi', 0.9, { side: 'left' })] });

  it('a normal LEFT ABI and TBI do not lower PAD for a RIGHT-leg story; the right ABI is asked for', () => {
    const a = run({ side: 'right', locations: ['toes-forefoot'] }, leftNormal);
    expect(ruleIds(a, 'pad-ischemic-rest-pain')).not.toContain('pad.abi-and-tbi-normal');
    expect(a.scores.abi!.wifiIschemiaGrade).toBeUndefined();
    expect(a.missingData.map((m) => m.concept)).toContain('ABI, symptomatic leg (right)');
  });

  it('the same values lower PAD for a LEFT-leg story and set the grade', () => {
    const a = run({ side: 'left', locations: ['toes-forefoot'] }, leftNormal);
    expect(ruleIds(a, 'pad-ischemic-rest-pain')).toContain('pad.abi-and-tbi-normal');
    expect(a.scores.abi!.wifiIschemiaGrade).toBe(0);
    expect(a.missingData.map((m) => m.concept)).not.toContain('ABI, symptomatic leg (left)');
  });

  it('side both or unknown needs both legs normal to lower PAD', () => {
    expect(ruleIds(run({ side: 'both' }, leftNormal), 'pad-ischemic-rest-pain')).not.toContain(
      'pad.abi-and-tbi-normal',
    );
    const both = facts({
      observations: [
        obs('abi', 1.1, { side: 'left' }),
        obs('tbi', 0.9, { side: 'left' }),
        obs('abi', 1.05, { side: 'right' }),
        obs('tbi', 0.8, { side: 'right' }),
      ],
    });
    expect(ruleIds(run({}, both), 'pad-ischemic-rest-pain')).toContain('pad.abi-and-tbi-normal');
  });

  it('the WIfI grade of a right-leg story uses the right leg, not a worse or better left leg', () => {
    const f = facts({ observations: [obs('abi', 0.5, { side: 'left' }), obs('abi', 0.85, { side: 'right' })] });
    expect(run({ side: 'right' }, f).scores.abi!.wifiIschemiaGrade).toBe(0);
    expect(run({ side: 'left' }, f).scores.abi!.wifiIschemiaGrade).toBe(2);
    expect(run({}, f).scores.abi!.wifiIschemiaGrade).toBe(2);
  });
});

describe('8. stale results neither lower nor raise a score', () => {
  const CRAMPS: FormAnswers = {
    side: 'both',
    locations: ['calf'],
    qualities: ['cramp-knot'],
    timing: ['sudden-during-sleep'],
    relievedBy: ['stretching-calf'],
  };

  it('a potassium from 2019 does not add +2 toward cramps and is re-suggested', () => {
    const a = run(CRAMPS, facts({ observations: [obs('potassium', 3.0, { ageDays: 2600 })] }));
    expect(ruleIds(a, 'nocturnal-leg-cramps')).not.toContain('cramps.low-potassium');
    expect(a.missingData.find((m) => m.concept === 'Potassium')?.why).toMatch(/days old/);
    const fresh = run(CRAMPS, facts({ observations: [obs('potassium', 3.0, { ageDays: 5 })] }));
    expect(ruleIds(fresh, 'nocturnal-leg-cramps')).toContain('cramps.low-potassium');
  });

  it('a BMI from 1979 does not add +1 toward DVT', () => {
    const form: FormAnswers = { side: 'left', onset: 'sudden', exam: { unilateralSwelling: true } };
    const a = run(form, facts({ observations: [obs('bmi', 35, { ageDays: 17_000 })] }));
    expect(ruleIds(a, 'deep-vein-thrombosis')).not.toContain('dvt.obesity');
  });

  it('an old normal ABI/TBI does not lower PAD (−3) or set the WIfI grade; an old abnormal one does not raise it', () => {
    const oldNormal = facts({
      observations: [
        obs('abi', 1.1, { side: 'right', ageDays: 900 }),
        obs('tbi', 0.9, { side: 'right', ageDays: 900 }),
      ],
    });
    const a = run({ side: 'right' }, oldNormal);
    expect(ruleIds(a, 'pad-ischemic-rest-pain')).not.toContain('pad.abi-and-tbi-normal');
    expect(a.scores.abi!.wifiIschemiaGrade).toBeUndefined();
    expect(a.scores.abi!.right!.stale).toBe(true);
    const oldLow = run({ side: 'right' }, facts({ observations: [obs('abi', 0.6, { side: 'right', ageDays: 900 })] }));
    expect(ruleIds(oldLow, 'pad-ischemic-rest-pain')).not.toContain('pad.abi-abnormal');
    expect(oldLow.missingData.find((m) => m.concept === 'ABI')?.why).toMatch(/older than 12 months/);
  });
});
