/**
 * Issue 9 (clinical safety layer v2): one block per reported defect, each written to fail against the engine as it
 * was and fixed by a general rule. The clinical case library (tests/clinical/cases) proves the same rules on whole
 * patients; these pin each mechanism on its own.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '@/lib/engine';
import type { Assessment, RedFlagId } from '@/lib/engine/assessment';
import { EMPTY_FACTS, type ChartFacts } from '@/lib/engine/facts';
import { formSchema, type FormAnswers } from '@/lib/form/schema';
import { OPTS, careEvent, condition, facts, med, obs, patientAged } from './builders';

const run = (form: FormAnswers, f: ChartFacts = EMPTY_FACTS) => assess(f, form, OPTS);
const flags = (a: Assessment) => a.redFlags.map((r) => r.id);
const urgency = (a: Assessment, id: RedFlagId) => a.redFlags.find((r) => r.id === id)?.urgency;
const workup = (a: Assessment) => a.workup.filter((w) => !w.alreadyOnFile).map((w) => w.id);
const asked = (a: Assessment) => a.missingData.flatMap((m) => m.paths ?? []);

const REST_PAIN_RIGHT: FormAnswers = {
  side: 'right',
  locations: ['toes-forefoot'],
  qualities: ['burning'],
  timing: ['after-1-2-hours-wakes'],
  relievedBy: ['dangling-leg'],
};

/** Every Wells item answered on the form; only deep-vein tenderness is present (1 point). */
const WELLS_ANSWERED: FormAnswers = {
  side: 'left',
  locations: ['calf'],
  exam: {
    deepVeinTenderness: true,
    entireLegSwollen: false,
    calfSwellingOver3cm: false,
    pittingOedemaSymptomaticLeg: false,
    collateralSuperficialVeins: false,
  },
  history: {
    activeCancer: false,
    legParalysisOrCast: false,
    recentSurgeryOrBedRest: false,
    previousDvt: false,
    alternativeDiagnosisAsLikely: false,
  },
};

describe('1. CLTI: rest pain or tissue loss with objectively proven PAD, no numeric cut-off', () => {
  it.each([
    ['ABI 0.42', [obs('abi', 0.42, { side: 'right' })]],
    ['ABI 0.62', [obs('abi', 0.62, { side: 'right' })]],
    ['noncompressible ABI with TBI 0.22', [obs('abi', 1.5, { side: 'right' }), obs('tbi', 0.22, { side: 'right' })]],
  ])('rest pain with %s raises urgent CLTI and plans a vascular referral', (_l, observations) => {
    const a = run({ ...REST_PAIN_RIGHT, restPainDuration: '2-weeks-or-more' }, facts({ observations }));
    expect(urgency(a, 'chronic-limb-threatening-ischemia')).toBe('urgent');
    expect(workup(a)).toContain('vascular-referral');
  });

  it('an unknown rest-pain duration flags and asks', () => {
    const a = run(REST_PAIN_RIGHT, facts({ observations: [obs('abi', 0.55, { side: 'right' })] }));
    expect(flags(a)).toContain('chronic-limb-threatening-ischemia');
    expect(asked(a)).toContain('restPainDuration');
  });
});

describe('2. acute limb ischaemia with unknown onset: the 6 Ps, AF or a graft, graded by Rutherford', () => {
  const coldLeg: FormAnswers = {
    side: 'right',
    exam: { pulsesRight: 'absent', coolFoot: true, footSensation: 'reduced-beyond-toes' },
  };

  it('fires on a cold, pale, pulseless, numb leg in AF with the onset unknown, as Rutherford IIb, and asks the timing', () => {
    const a = run(coldLeg, facts({ conditions: [condition('atrial-fibrillation')] }));
    expect(urgency(a, 'acute-limb-ischemia')).toBe('emergency');
    expect(a.redFlags[0]!.message).toMatch(/Rutherford IIb/);
    expect(asked(a)).toContain('restPainDuration');
  });

  it('fires after a bypass or stent occludes within days', () => {
    const a = run({
      side: 'left',
      restPainDuration: 'days',
      exam: { pulsesLeft: 'doppler-only', coolFoot: true },
      history: { priorLegBypassOrStent: true },
    });
    expect(urgency(a, 'acute-limb-ischemia')).toBe('emergency');
  });
});

describe('3. cauda equina: bilateral sciatica, early bladder signs and sexual dysfunction; screen asked first', () => {
  it.each<[string, FormAnswers]>([
    ['bilateral sciatica', { history: { bilateralSciatica: true } }],
    [
      'poor stream with sciatica',
      { locations: ['back-of-leg-from-buttock'], history: { bladderSensationOrStreamChange: true } },
    ],
    ['sexual dysfunction with back pain', { history: { backPain: true, sexualDysfunction: true } }],
  ])('%s is an emergency', (_l, form) => {
    expect(urgency(run(form), 'cauda-equina')).toBe('emergency');
  });

  it('the red-flag screen comes before the lab prompts in missing data', () => {
    const a = run({ qualities: ['cramp-knot'], episodeLength: 'seconds-to-minutes', history: { backPain: true } });
    const concepts = a.missingData.map((m) => m.concept);
    const screen = concepts.findIndex((c) => /saddle|Red-flag screen/i.test(c));
    const potassium = concepts.indexOf('Potassium');
    expect(screen).toBeGreaterThanOrEqual(0);
    expect(potassium).toBeGreaterThan(screen);
  });
});

describe('4. suspected spinal infection is an emergency (same-day MRI with contrast, blood cultures)', () => {
  it('fever + IV drug use + back pain', () => {
    const a = run({ history: { fever: true, ivDrugUseOrImmunosuppression: true, backPain: true } });
    expect(urgency(a, 'spinal-infection')).toBe('emergency');
    expect(workup(a)).toEqual(expect.arrayContaining(['mri-spine-contrast', 'blood-cultures']));
    expect(flags(a)).not.toContain('night-pain-malignancy-infection');
  });
});

describe('5. anticoagulation is read', () => {
  const swollen: FormAnswers = {
    side: 'left',
    onset: 'sudden',
    exam: { unilateralSwelling: true, deepVeinTenderness: true },
  };

  it('a negative D-dimer on apixaban is not "DVT excluded"', () => {
    const wellsZero: FormAnswers = { ...WELLS_ANSWERED, exam: { ...WELLS_ANSWERED.exam, deepVeinTenderness: false } };
    const f = facts({
      medications: [med('anticoagulant', 'apixaban')],
      observations: [obs('d-dimer', 250, { ageDays: 1 })],
    });
    const a = run(wellsZero, f);
    expect(a.scores.wells?.nextStep).not.toBe('excluded');
    expect(a.scores.wells?.dDimerUnreliable).toContain('the patient is anticoagulated');
    expect(workup(a)).toContain('compression-ultrasound');
  });

  it('a DVT on rivaroxaban is treatment failure: no "PT/INR before anticoagulation", no interim anticoagulation', () => {
    const a = run(swollen, facts({ medications: [med('anticoagulant', 'rivaroxaban')] }));
    expect(a.redFlags.find((r) => r.id === 'suspected-dvt')!.action).toMatch(/treatment failure/);
    expect(workup(a)).toContain('anticoagulant-failure-review');
    expect(workup(a)).not.toEqual(expect.arrayContaining(['coagulation']));
    expect(workup(a)).not.toContain('interim-anticoagulation');
  });
});

describe('6. cellulitis is a ranked condition; fever grades it; necrotising features are an emergency', () => {
  it('a red, warm leg without fever ranks cellulitis and raises no cellulitis flag', () => {
    const a = run({
      side: 'left',
      exam: { redness: true, warmth: true },
      history: { fever: false, alternativeDiagnosisAsLikely: true },
    });
    expect(a.differential[0]!.id).toBe('cellulitis');
    expect(flags(a)).toEqual([]);
  });

  it('pain out of proportion with redness is a possible necrotising infection (emergency)', () => {
    const a = run({ side: 'left', exam: { redness: true, painOutOfProportion: true }, history: { fever: true } });
    expect(urgency(a, 'necrotising-soft-tissue-infection')).toBe('emergency');
    expect(flags(a)).not.toContain('cellulitis');
  });
});

describe('7. no acute limb ischaemia for long-standing absent pulses', () => {
  it('10 weeks of sudden cramps in known PAD with absent pulses is not an emergency (as entered before per-leg pulses)', () => {
    // The story as the reviewer entered it: one "foot pulses" answer, migrated to the symptomatic leg.
    const form = formSchema.parse({
      onset: 'sudden',
      durationWeeks: 10,
      side: 'right',
      locations: ['calf'],
      qualities: ['cramp-knot'],
      exam: { pedalPulses: 'absent' },
    });
    const a = run(form, facts({ conditions: [condition('pad')] }));
    expect(flags(a)).not.toContain('acute-limb-ischemia');
  });
});

describe('8. cauda equina is not neuropathy, nor a one-sided progressive deficit', () => {
  it('symmetric diabetic neuropathy with weak dorsiflexion in both legs raises no CES', () => {
    const a = run(
      {
        side: 'both',
        locations: ['foot'],
        qualities: ['burning'],
        exam: { weakDorsiflexionEversion: true, footDrop: true },
      },
      facts({ conditions: [condition('diabetes')] }),
    );
    expect(flags(a)).not.toContain('cauda-equina');
  });

  it('a progressive one-sided deficit is urgent foot drop with prompt MRI, not CES', () => {
    const a = run({ side: 'right', exam: { progressiveWeakness: true }, history: { backPain: true } });
    expect(flags(a)).toEqual(['progressive-foot-drop']);
    expect(workup(a)).toContain('mri-lumbar-prompt');
  });
});

describe('9. PE needs new or worse breathlessness (or vitals that say so)', () => {
  it('chronic stable orthopnoea is not a PE emergency; newness unknown is asked', () => {
    expect(flags(run({ history: { dyspnoeaOrChestPain: true, breathlessnessNewOrWorse: false } }))).not.toContain(
      'possible-pulmonary-embolism',
    );
    const unknown = run({ history: { dyspnoeaOrChestPain: true } });
    expect(flags(unknown)).not.toContain('possible-pulmonary-embolism');
    expect(asked(unknown)).toContain('history.breathlessnessNewOrWorse');
  });

  it('breathlessness of unknown newness with a heart rate of 110 today is a PE emergency', () => {
    const a = run(
      { history: { dyspnoeaOrChestPain: true } },
      facts({ observations: [obs('heart-rate', 110, { ageDays: 0.1 })] }),
    );
    expect(urgency(a, 'possible-pulmonary-embolism')).toBe('emergency');
  });
});

describe('10. stale or other-leg pressures ask for a repeat; they never raise', () => {
  it('a 4-year-old pre-bypass ABI does not raise CLTI in a restless-legs story', () => {
    const a = run(
      { side: 'both', qualities: ['creeping-urge'], irlssg: { urgeToMove: true, worseAtRest: true } },
      facts({ observations: [obs('abi', 0.35, { side: 'right', ageDays: 4 * 365 })] }),
    );
    expect(flags(a)).toEqual([]);
  });

  it('rest pain with only a stale or other-leg ABI asks for a repeat of this leg', () => {
    for (const abi of [obs('abi', 0.38, { side: 'right', ageDays: 4 * 365 }), obs('abi', 0.4, { side: 'left' })]) {
      const a = run(REST_PAIN_RIGHT, facts({ observations: [abi] }));
      expect(flags(a)).not.toContain('chronic-limb-threatening-ischemia');
      expect(a.missingData.map((m) => m.concept).join('\n')).toMatch(/Repeat the ABI|ABI, symptomatic leg/);
    }
  });
});

describe('11. Wells: previous DVT on the form, Wells ≤ 1 + negative D-dimer excludes, reported cancer counts', () => {
  it('Wells 1, answered on the form, with a negative D-dimer excludes DVT', () => {
    const a = run(WELLS_ANSWERED, facts({ observations: [obs('d-dimer', 300, { ageDays: 0.2 })] }));
    expect(a.scores.wells).toMatchObject({ points: 1, complete: true, nextStep: 'excluded' });
    expect(workup(a)).not.toContain('compression-ultrasound');
  });

  it('previous DVT and active cancer reported by the patient count', () => {
    const a = run({ ...WELLS_ANSWERED, history: { ...WELLS_ANSWERED.history, previousDvt: true, activeCancer: true } });
    expect(a.scores.wells).toMatchObject({ points: 3, band: 'likely' });
  });
});

describe('12. Wells "major surgery" is general or regional anaesthesia; a short stay is not "bedridden"', () => {
  it('a skin excision under local anaesthesia is not "major surgery": Wells stays 1 and no ultrasound is ordered', () => {
    const f = facts({ events: [careEvent('surgery', 20, 'Excision of skin lesion', { surgeryClass: 'minor' })] });
    // The clinician answered "no major surgery"; the old engine let the chart's excision override that answer.
    const a = run(WELLS_ANSWERED, f);
    expect(a.scores.wells).toMatchObject({ points: 1, band: 'unlikely' });
    expect(flags(a)).not.toContain('suspected-dvt');
    expect(workup(a)).not.toContain('compression-ultrasound');
  });

  it('a procedure the chart cannot class is asked about, not counted', () => {
    const f = facts({ events: [careEvent('surgery', 30, 'Procedure on knee')] });
    const a = run({ side: 'left', exam: { unilateralSwelling: true } }, f);
    expect(a.scores.wells?.items.find((i) => i.id === 'bedridden-or-surgery')?.met).toBeNull();
    expect(asked(a)).toContain('history.recentSurgeryOrBedRest');
  });
});

describe('13. foot drop: prompt MRI for a severe or progressive deficit; EMG after about 3 weeks', () => {
  it('EMG is not "now" in the first weeks; it is once 3 weeks have passed', () => {
    const early = run({ durationWeeks: 1, exam: { footDrop: true, weakInversion: true } });
    expect(early.workup.find((w) => w.id === 'emg-ncs')?.priority).not.toBe('now');
    expect(workup(early)).toContain('mri-lumbar-prompt');
    expect(run({ durationWeeks: 4, exam: { footDrop: true } }).workup.find((w) => w.id === 'emg-ncs')?.priority).toBe(
      'now',
    );
  });
});

describe('14. RLS iron: the 75–100 band, the ESRD rule, the TSAT ceiling, culprit drugs and augmentation', () => {
  const RLS: FormAnswers = {
    side: 'both',
    qualities: ['creeping-urge'],
    irlssg: {
      urgeToMove: true,
      worseAtRest: true,
      reliefByMovement: true,
      eveningOrNight: true,
      notExplainedByMimic: true,
    },
  };
  const iron = (ferritin: number, tsat: number, extra: Partial<ChartFacts> = {}) =>
    facts({ observations: [obs('ferritin', ferritin), obs('transferrin-saturation', tsat)], ...extra });

  it('ferritin 85: IV iron only; TSAT ≥ 45 %: no IV iron; ESRD with ferritin 150 and TSAT 15 %: IV iron sucrose', () => {
    expect(workup(run(RLS, iron(85, 25)))).toContain('iv-iron');
    expect(workup(run(RLS, iron(90, 50)))).not.toEqual(expect.arrayContaining(['iv-iron']));
    const esrd = run(RLS, iron(150, 15, { conditions: [condition('esrd')] }));
    expect(workup(esrd)).toContain('iv-iron-sucrose');
    expect(workup(esrd)).not.toContain('iron-therapy');
  });

  it('an over-the-counter antihistamine calls for a medication review; augmentation for a review of the agonist', () => {
    expect(workup(run({ ...RLS, recentMedicines: ['sedating-antihistamine'] }))).toContain('medication-review');
    const aug = run(
      { ...RLS, history: { rlsAugmentation: true } },
      facts({ medications: [med('dopamine-agonist', 'ropinirole')] }),
    );
    expect(workup(aug)).toContain('rls-augmentation-review');
  });
});

describe('15. DVT pathway: 4-hour scan else interim anticoagulation; phlegmasia; pregnancy', () => {
  it('a likely Wells plans the 4-hour scan and interim anticoagulation if it cannot be done', () => {
    const a = run({
      side: 'left',
      exam: { entireLegSwollen: true, pittingOedemaSymptomaticLeg: true, deepVeinTenderness: true },
    });
    expect(workup(a)).toEqual(expect.arrayContaining(['compression-ultrasound', 'interim-anticoagulation']));
    expect(a.scores.wells?.pathway).toMatch(/within 4 hours/);
  });

  it('phlegmasia is an emergency', () => {
    expect(urgency(run({ side: 'left', exam: { massiveSwellingBlueOrWhiteLeg: true } }), 'suspected-dvt')).toBe(
      'emergency',
    );
  });

  it('in pregnancy: whole-leg imaging including the iliac veins, no D-dimer', () => {
    const a = run({
      side: 'left',
      onset: 'sudden',
      exam: { unilateralSwelling: true },
      history: { pregnancyStage: 'third-trimester' },
    });
    expect(workup(a)).toContain('whole-leg-ultrasound');
    expect(workup(a)).not.toContain('d-dimer');
    expect(a.scores.wells?.pathway).toMatch(/not validated/);
  });
});

describe('16. noise', () => {
  it('calf location alone scores nothing toward cramps', () => {
    const a = run({ locations: ['calf'] });
    expect(a.differential.find((d) => d.id === 'nocturnal-leg-cramps')!.score).toBe(0);
  });

  it('"sudden, one leg" scores nothing toward DVT in a cramp or a positional palsy story', () => {
    for (const episodeLength of ['seconds-to-minutes', 'minutes-until-position-change'] as const) {
      const a = run({ onset: 'sudden', side: 'left', locations: ['calf'], episodeLength });
      expect(
        a.differential.find((d) => d.id === 'deep-vein-thrombosis')!.supporting.map((e) => e.ruleId),
      ).not.toContain('dvt.sudden-unilateral');
      expect(workup(a)).not.toContain('compression-ultrasound');
    }
  });

  it('an empty form says nothing is likely and orders nothing, even with DVT risk factors on the chart', () => {
    const f = facts({
      ...patientAged(70),
      conditions: [condition('dvt', { status: 'history' }), condition('active-cancer')],
      events: [careEvent('surgery', 20, 'Hip replacement', { surgeryClass: 'major' })],
    });
    const a = run({}, f);
    expect(a.differential.find((d) => d.id === 'deep-vein-thrombosis')!.likelihood).toBe('unlikely');
    expect(a.scores.wells).toBeNull();
    expect(workup(a)).toEqual([]);
  });

  it('does not re-order iron or TIBC when TSAT is on file, eGFR on dialysis, or a monofilament exam already done', () => {
    const RLS: FormAnswers = {
      side: 'both',
      qualities: ['creeping-urge'],
      irlssg: { urgeToMove: true, reliefByMovement: true },
    };
    const a = run(
      RLS,
      facts({ observations: [obs('transferrin-saturation', 25)], conditions: [condition('dialysis')] }),
    );
    expect(workup(a)).not.toEqual(expect.arrayContaining(['iron']));
    expect(workup(a)).not.toContain('tibc');
    expect(workup(a)).not.toContain('egfr');
    const dpn = run(
      { side: 'both', locations: ['foot'], qualities: ['burning'], exam: { reducedVibrationOrMonofilament: true } },
      facts({ conditions: [condition('diabetes')] }),
    );
    expect(dpn.workup.find((w) => w.id === 'monofilament-exam')?.alreadyOnFile).toBeDefined();
  });
});

describe('17. small errors', () => {
  it('a deceased patient is scored at their age at death, never "age 116"', () => {
    const f = facts({
      patient: { birthDate: '1910-05-01', deceased: { date: '1990-01-01' }, provenance: { reference: 'Patient/p' } },
    });
    const labels = run({}, f).differential.flatMap((d) => d.supporting.map((e) => e.label));
    expect(labels.join('\n')).not.toMatch(/Age 116/);
    expect(labels).toContain('Age 79 at death');
  });

  it('a never-smoker is not advised to stop smoking; an unknown status gets "if you smoke"', () => {
    const story: FormAnswers = { ...REST_PAIN_RIGHT, exam: { pulsesRight: 'absent', coolFoot: true } };
    const advice = (f: ChartFacts) =>
      run(story, f)
        .advice.map((x) => x.text)
        .join(' ');
    const never = facts({ smoking: { status: 'never', provenance: { reference: 'Observation/s' } } });
    expect(advice(never)).not.toMatch(/smok/i);
    expect(advice(EMPTY_FACTS)).toMatch(/If you smoke/);
  });
});
