import { describe, expect, it } from 'vitest';
import { assess, RULES } from '@/lib/engine';
import type { Assessment, ConditionId } from '@/lib/engine/assessment';
import { CONDITION_IDS } from '@/lib/engine/assessment';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import type { ChartFacts } from '@/lib/engine/facts';
import type { FormAnswers } from '@/lib/form/schema';
import { OPTS, condition, facts, med, obs, patientAged } from './builders';

const item = (a: Assessment, id: ConditionId) => a.differential.find((d) => d.id === id)!;
const fired = (a: Assessment, id: ConditionId) =>
  [...item(a, id).supporting, ...item(a, id).opposing].filter((e) => e.weight !== 0).map((e) => e.ruleId);
const run = (form: FormAnswers, f: ChartFacts = EMPTY_FACTS) => assess(f, form, OPTS);

describe('rule book integrity', () => {
  it('has unique ids, non-zero weights, a source and a rationale for every rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.weight).not.toBe(0);
      expect(r.source).toBeTruthy();
      expect(r.rationale.length).toBeGreaterThan(10);
      expect(r.id.split('.')[0]).toBeTruthy();
    }
    expect(new Set(RULES.map((r) => r.condition))).toEqual(new Set(CONDITION_IDS));
  });
});

describe('scores come only from evidence', () => {
  const stories: FormAnswers[] = [
    {},
    { side: 'both', qualities: ['creeping-urge', 'cramp-knot'], relievedBy: ['moving-legs', 'stretching-calf'] },
    {
      side: 'left',
      onset: 'sudden',
      locations: ['calf'],
      exam: { unilateralSwelling: true, warmth: true, pulsesRight: 'normal', pulsesLeft: 'normal' },
      irlssg: { urgeToMove: false },
    },
  ];
  const chart = facts({
    ...patientAged(72),
    conditions: [condition('diabetes'), condition('ckd')],
    observations: [obs('abi', 0.8, { side: 'left' }), obs('potassium', 3.2), obs('ferritin', 40)],
    medications: [med('diuretic'), med('statin'), med('laba')],
  });
  it.each(stories.map((s, i) => [i, s] as const))(
    'story %i: every score equals the sum of its evidence weights',
    (_i, form) => {
      for (const f of [EMPTY_FACTS, chart]) {
        for (const d of run(form, f).differential) {
          const sum = [...d.supporting, ...d.opposing].reduce((s, e) => s + e.weight, 0);
          expect(d.score).toBe(sum);
          expect(d.supporting.every((e) => e.weight >= 0)).toBe(true);
          expect(d.opposing.every((e) => e.weight <= 0)).toBe(true);
          for (const e of [...d.supporting, ...d.opposing]) {
            expect(e.source === 'form' ? e.formField : e.reference).toBeTruthy();
          }
        }
      }
    },
  );
});

describe('PAD / ischaemic rest pain', () => {
  it('ranks a classic rest-pain story high with form and chart provenance', () => {
    const a = run(
      {
        locations: ['toes-forefoot'],
        qualities: ['burning'],
        timing: ['after-1-2-hours-wakes'],
        relievedBy: ['dangling-leg'],
        exam: { pulsesRight: 'absent', pulsesLeft: 'absent' },
      },
      facts({
        ...patientAged(70),
        conditions: [condition('diabetes')],
        smoking: { status: 'current', provenance: { reference: 'Observation/smk' } },
      }),
    );
    const pad = item(a, 'pad-ischemic-rest-pain');
    expect(a.differential[0]!.id).toBe('pad-ischemic-rest-pain');
    expect(pad.likelihood).toBe('high');
    const pulses = pad.supporting.find((e) => e.ruleId === 'pad.pulses-absent')!;
    expect(pulses).toMatchObject({ source: 'form', formField: 'exam.pulsesRight', weight: 3 });
    const smoker = pad.supporting.find((e) => e.ruleId === 'pad.current-smoker')!;
    expect(smoker).toMatchObject({ source: 'fhir', reference: 'Observation/smk', weight: 2 });
    expect(pad.summary).toMatch(/\(\+3\)/);
    expect(a.advice.find((x) => x.for === 'pad-ischemic-rest-pain')?.text).toMatch(/heating pads/);
  });

  it('normal pulses oppose (−2); an unanswered pulse exam opposes nothing', () => {
    expect(fired(run({ exam: { pulsesRight: 'normal', pulsesLeft: 'normal' } }), 'pad-ischemic-rest-pain')).toEqual([
      'pad.pulses-normal',
    ]);
    expect(fired(run({ exam: {} }), 'pad-ischemic-rest-pain')).toEqual([]);
  });
});

describe('lumbar nerve-root compression', () => {
  it('scores the stenosis posture pattern and radicular pain', () => {
    const a = run({
      qualities: ['sharp-shooting-electric'],
      locations: ['back-of-leg-from-buttock'],
      worsenedBy: ['lying-flat-on-back'],
      relievedBy: ['curling-up-flexion'],
      history: { backPain: true },
      exam: { straightLegRaise: 'positive' },
    });
    expect(a.differential[0]!.id).toBe('lumbar-radiculopathy');
    expect(fired(a, 'lumbar-radiculopathy')).toEqual(
      expect.arrayContaining([
        'lumbar.shooting-from-buttock',
        'lumbar.stenosis-posture',
        'lumbar.slr-positive',
        'lumbar.back-pain',
      ]),
    );
  });
});

describe('peroneal entrapment', () => {
  it('separates peroneal (preserved inversion) from L5 (weak inversion)', () => {
    const peroneal = run({
      side: 'right',
      qualities: ['numbness-tingling'],
      locations: ['lateral-leg-dorsum-foot'],
      timing: ['only-with-knee-pressure'],
      relievedBy: ['changing-position'],
      exam: { weakDorsiflexionEversion: true, weakInversion: false },
    });
    expect(peroneal.differential[0]!.id).toBe('peroneal-neuropathy');
    expect(fired(peroneal, 'peroneal-neuropathy')).toContain('peroneal.weak-eversion-preserved-inversion');

    const l5 = run({ exam: { weakDorsiflexionEversion: true, weakInversion: true } });
    expect(fired(l5, 'peroneal-neuropathy')).toEqual(['peroneal.weak-inversion']);
    expect(fired(l5, 'lumbar-radiculopathy')).toContain('lumbar.l5-weakness');
  });
});

describe('nocturnal leg cramps', () => {
  it('caps cramp-associated drugs at +2 in total', () => {
    const a = run({}, facts({ medications: [med('diuretic'), med('statin'), med('laba'), med('estrogen-serm')] }));
    const cramps = item(a, 'nocturnal-leg-cramps');
    const drugs = cramps.supporting.filter((e) => e.ruleId?.startsWith('cramps.drug-'));
    expect(drugs).toHaveLength(4);
    expect(drugs.reduce((s, e) => s + e.weight, 0)).toBe(2);
    expect(cramps.score).toBe(2);
    expect(drugs.some((e) => e.label.includes('cap of +2'))).toBe(true);
  });

  it('uses the potassium boundary 3.5 exactly (3.4 counts, 3.5 does not)', () => {
    expect(fired(run({}, facts({ observations: [obs('potassium', 3.4)] })), 'nocturnal-leg-cramps')).toEqual([
      'cramps.low-potassium',
    ]);
    expect(fired(run({}, facts({ observations: [obs('potassium', 3.5)] })), 'nocturnal-leg-cramps')).toEqual([]);
  });

  it('ranks a classic cramp story first and never advises quinine as treatment', () => {
    const a = run({
      locations: ['calf'],
      qualities: ['cramp-knot'],
      timing: ['sudden-during-sleep'],
      episodeLength: 'seconds-to-minutes',
      relievedBy: ['stretching-calf'],
      exam: { palpableCrampKnot: true },
    });
    expect(a.differential[0]!.id).toBe('nocturnal-leg-cramps');
    expect(a.advice.find((x) => x.for === 'nocturnal-leg-cramps')?.text).toMatch(/Quinine is not recommended/);
  });
});

describe('restless legs syndrome', () => {
  it('ferritin 75 counts (≤ 75), 76 does not; TSAT 19.9 counts, 20 does not', () => {
    expect(fired(run({}, facts({ observations: [obs('ferritin', 75)] })), 'restless-legs-syndrome')).toEqual([
      'rls.ferritin-low',
    ]);
    expect(fired(run({}, facts({ observations: [obs('ferritin', 76)] })), 'restless-legs-syndrome')).toEqual([]);
    expect(
      fired(run({}, facts({ observations: [obs('transferrin-saturation', 19.9)] })), 'restless-legs-syndrome'),
    ).toEqual(['rls.tsat-low']);
    expect(
      fired(run({}, facts({ observations: [obs('transferrin-saturation', 20)] })), 'restless-legs-syndrome'),
    ).toEqual([]);
  });

  it('computes TSAT from iron / TIBC when no TSAT is on file', () => {
    const a = run({}, facts({ observations: [obs('iron', 50), obs('tibc', 400)] }));
    const ev = item(a, 'restless-legs-syndrome').supporting.find((e) => e.ruleId === 'rls.tsat-low')!;
    // 12.5 % is reported as a whole percentage, like the lab does (the engine compares the exact value).
    expect(ev.label).toMatch(/13 %.*computed from iron 50 \/ TIBC 400/);
  });

  it('a coded RLS diagnosis raises it, but the symptoms still decide', () => {
    const coded = facts({ conditions: [condition('restless-legs', { label: 'Restless legs syndrome' })] });
    expect(item(run({}, coded), 'restless-legs-syndrome').likelihood).toBe('low');
    const against = run({ irlssg: { urgeToMove: false, reliefByMovement: false } }, coded);
    expect(item(against, 'restless-legs-syndrome').likelihood).toBe('unlikely');
    const forIt = run(
      {
        side: 'both',
        irlssg: {
          urgeToMove: true,
          worseAtRest: true,
          reliefByMovement: true,
          eveningOrNight: true,
          notExplainedByMimic: true,
        },
      },
      coded,
    );
    expect(item(forIt, 'restless-legs-syndrome').likelihood).toBe('high');
    expect(forIt.differential[0]!.id).toBe('restless-legs-syndrome');
  });
});

describe('IRLSSG criteria', () => {
  it('is null when none of the five was answered', () => {
    expect(run({}).scores.irlssg).toBeNull();
    expect(run({ irlssg: {} }).scores.irlssg).toBeNull();
  });

  it('counts met criteria and keeps unanswered ones unknown', () => {
    const s = run({ irlssg: { urgeToMove: true, worseAtRest: true, reliefByMovement: false } }).scores.irlssg!;
    expect(s).toMatchObject({ criteriaMet: 2, of: 5, allMet: false });
    expect(s.items.map((i) => i.met)).toEqual([true, true, false, null, null]);
  });

  it('allMet only with all five', () => {
    const all = {
      urgeToMove: true,
      worseAtRest: true,
      reliefByMovement: true,
      eveningOrNight: true,
      notExplainedByMimic: true,
    };
    expect(run({ irlssg: all }).scores.irlssg!.allMet).toBe(true);
    expect(run({ irlssg: { ...all, notExplainedByMimic: false } }).scores.irlssg!.allMet).toBe(false);
  });
});

describe('deep vein thrombosis', () => {
  it('scores one-sided sudden swelling with chart risk factors', () => {
    const a = run(
      { side: 'left', onset: 'sudden', exam: { unilateralSwelling: true, deepVeinTenderness: true } },
      facts({
        conditions: [condition('active-cancer', { label: 'Lung cancer' }), condition('dvt', { status: 'history' })],
      }),
    );
    expect(a.differential[0]!.id).toBe('deep-vein-thrombosis');
    expect(item(a, 'deep-vein-thrombosis').likelihood).toBe('high');
    expect(a.advice.find((x) => x.for === 'deep-vein-thrombosis')?.text).toMatch(/Do not massage/);
  });
});

describe('diabetic peripheral neuropathy', () => {
  it('scores symmetric burning feet in a diabetic; one-sided symptoms oppose', () => {
    const dm = facts({ conditions: [condition('diabetes')], observations: [obs('hba1c', 8)] });
    const a = run(
      { side: 'both', qualities: ['burning'], locations: ['foot'], exam: { reducedVibrationOrMonofilament: true } },
      dm,
    );
    expect(a.differential[0]!.id).toBe('diabetic-peripheral-neuropathy');
    expect(fired(a, 'diabetic-peripheral-neuropathy')).toEqual(
      expect.arrayContaining(['dpn.symmetric-burning-feet', 'dpn.diabetes', 'dpn.hba1c-high', 'dpn.reduced-sensation']),
    );
    expect(fired(run({ side: 'left' }, dm), 'diabetic-peripheral-neuropathy')).toContain('dpn.unilateral');
  });
});

describe('venous insufficiency', () => {
  it('is raised by a coded diagnosis and lowered by relief on dangling', () => {
    const coded = facts({ conditions: [condition('venous-insufficiency')] });
    expect(item(run({}, coded), 'venous-insufficiency').score).toBe(3);
    expect(item(run({ relievedBy: ['dangling-leg'] }, coded), 'venous-insufficiency').score).toBe(0);
  });

  /** The classic CVI story from reference §4.8, from the form alone. */
  const CVI: FormAnswers = {
    side: 'both',
    qualities: ['heavy-aching'],
    timing: ['end-of-day-after-standing'],
    relievedBy: ['elevating-legs'],
    exam: {
      ankleOedema: true,
      varicoseVeins: true,
      venousSkinChanges: true,
      pulsesRight: 'normal',
      pulsesLeft: 'normal',
    },
  };

  it('scores the §4.8 features: pattern +2, heaviness +1, ankle oedema +1, varicose veins +1, skin changes +2', () => {
    const a = run(CVI);
    const venous = item(a, 'venous-insufficiency');
    expect(a.differential[0]!.id).toBe('venous-insufficiency');
    expect(venous).toMatchObject({ score: 7, likelihood: 'moderate' });
    const weights: Record<string, number> = {};
    for (const e of venous.supporting) if (e.weight !== 0) weights[e.ruleId ?? '?'] = e.weight;
    expect(weights).toEqual({
      'venous.end-of-day-relieved-by-elevation': 2,
      'venous.heaviness': 1,
      'venous.oedema': 1,
      'venous.varicose-veins': 1,
      'venous.skin-changes': 2,
    });
    expect(venous.supporting.find((e) => e.ruleId === 'venous.skin-changes')).toMatchObject({
      source: 'form',
      formField: 'exam.venousSkinChanges',
    });
    expect(
      item(run(CVI, facts({ conditions: [condition('venous-insufficiency')] })), 'venous-insufficiency'),
    ).toMatchObject({ score: 10, likelihood: 'high' });
  });

  it('counts the end-of-day / elevation pattern once, showing both halves', () => {
    const both = item(
      run({ timing: ['end-of-day-after-standing'], relievedBy: ['elevating-legs'] }),
      'venous-insufficiency',
    );
    expect(both.score).toBe(2);
    const pattern = both.supporting.filter((e) => e.ruleId === 'venous.end-of-day-relieved-by-elevation');
    expect(pattern.map((e) => [e.formField, e.weight])).toEqual([
      ['timing', 2],
      ['relievedBy', 0],
    ]);
    expect(item(run({ relievedBy: ['elevating-legs'] }), 'venous-insufficiency').score).toBe(2);
  });

  it('no longer reads one-sided pitting oedema (a Wells item) as venous', () => {
    expect(fired(run({ exam: { pittingOedemaSymptomaticLeg: true } }), 'venous-insufficiency')).toEqual([]);
    expect(fired(run({ exam: { ankleOedema: true } }), 'venous-insufficiency')).toEqual(['venous.oedema']);
  });

  it('relief on raising the legs counts −2 against ischaemic rest pain', () => {
    expect(fired(run({ relievedBy: ['elevating-legs'] }), 'pad-ischemic-rest-pain')).toEqual([
      'pad.relieved-by-elevation',
    ]);
    expect(item(run({ relievedBy: ['elevating-legs'] }), 'pad-ischemic-rest-pain').score).toBe(-2);
  });
});

describe('ankle reflexes and allodynia', () => {
  const dpnWeight = (form: FormAnswers) => item(run(form), 'diabetic-peripheral-neuropathy').score;

  it('allodynia ("the bedsheets hurt") adds +2 toward diabetic neuropathy', () => {
    expect(fired(run({ qualities: ['sheets-touching-hurts'] }), 'diabetic-peripheral-neuropathy')).toEqual([
      'dpn.allodynia',
    ]);
  });

  it('reduced vibration and absent ankle reflexes form one +2 exam group for neuropathy (no double counting)', () => {
    expect(dpnWeight({ side: 'both', exam: { reducedVibrationOrMonofilament: true } })).toBe(2);
    expect(dpnWeight({ side: 'both', exam: { reducedAnkleReflexes: true } })).toBe(2);
    const a = run({ side: 'both', exam: { reducedVibrationOrMonofilament: true, reducedAnkleReflexes: true } });
    const dpn = item(a, 'diabetic-peripheral-neuropathy');
    expect(dpn.score).toBe(2);
    expect(dpn.supporting.map((e) => [e.formField, e.weight])).toEqual([
      ['exam.reducedVibrationOrMonofilament', 2],
      ['exam.reducedAnkleReflexes', 0],
      ['side', 0],
    ]);
    // Symmetric reflex loss is not a root sign.
    expect(fired(a, 'lumbar-radiculopathy')).not.toContain('lumbar.dermatomal-loss');
  });

  it('a reduced ankle jerk on the one symptomatic side is S1 (+2 lumbar), not neuropathy', () => {
    const a = run({ side: 'left', exam: { reducedAnkleReflexes: true } });
    expect(fired(a, 'lumbar-radiculopathy')).toEqual(['lumbar.dermatomal-loss']);
    expect(item(a, 'lumbar-radiculopathy').score).toBe(2);
    expect(fired(a, 'diabetic-peripheral-neuropathy')).toEqual(['dpn.unilateral']);
    // With dermatomal loss as well, the root group still counts once.
    const both = run({ side: 'left', exam: { reducedAnkleReflexes: true, dermatomalSensoryLoss: true } });
    expect(item(both, 'lumbar-radiculopathy').score).toBe(2);
  });

  it('credits neither when the side of the symptoms is unknown', () => {
    const a = run({ exam: { reducedAnkleReflexes: true } });
    expect(item(a, 'lumbar-radiculopathy').score).toBe(0);
    expect(item(a, 'diabetic-peripheral-neuropathy').score).toBe(0);
  });
});

describe('ranking', () => {
  it('lists all nine conditions, best first, ties broken by the fixed clinical order', () => {
    const a = run({});
    expect(a.differential.map((d) => d.id).sort()).toEqual([...CONDITION_IDS].sort());
    expect(a.differential.map((d) => d.id)).toEqual([
      'deep-vein-thrombosis',
      'pad-ischemic-rest-pain',
      'cellulitis',
      'lumbar-radiculopathy',
      'peroneal-neuropathy',
      'diabetic-peripheral-neuropathy',
      'venous-insufficiency',
      'nocturnal-leg-cramps',
      'restless-legs-syndrome',
    ]);
    const scores = run({ relievedBy: ['stretching-calf'] }).differential.map((d) => d.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('uses documented likelihood cut-offs: ≥ 8 high, 5–7 moderate, 2–4 low, < 2 unlikely', () => {
    const venous = (n: number) => {
      const conditions = n >= 3 ? [condition('venous-insufficiency')] : [];
      const form: FormAnswers = { qualities: n === 1 || n === 4 ? ['tight-swollen'] : [] };
      return item(run(form, facts({ conditions })), 'venous-insufficiency');
    };
    expect([venous(1).likelihood, venous(3).likelihood, venous(4).likelihood]).toEqual(['unlikely', 'low', 'low']);
    const pad = (form: FormAnswers) => item(run(form), 'pad-ischemic-rest-pain');
    expect(pad({ relievedBy: ['dangling-leg'], exam: { coolFoot: true } })).toMatchObject({
      score: 4,
      likelihood: 'low',
    });
    expect(pad({ relievedBy: ['dangling-leg'], exam: { pallorOnElevationOrDependentRubor: true } })).toMatchObject({
      score: 5,
      likelihood: 'moderate',
    });
    expect(
      pad({ relievedBy: ['dangling-leg'], exam: { pulsesRight: 'absent', pulsesLeft: 'absent', coolFoot: true } }),
    ).toMatchObject({
      score: 7,
      likelihood: 'moderate',
    });
    expect(
      pad({
        relievedBy: ['dangling-leg'],
        exam: { pulsesRight: 'absent', pulsesLeft: 'absent', pallorOnElevationOrDependentRubor: true },
      }),
    ).toMatchObject({
      score: 8,
      likelihood: 'high',
    });
  });
});

describe('chart-only risk factors', () => {
  it('counts age ≥ 65 for PAD from the birth date and the injected clock (64 does not count)', () => {
    expect(fired(run({}, facts(patientAged(65))), 'pad-ischemic-rest-pain')).toEqual(['pad.age-65']);
    expect(fired(run({}, facts(patientAged(64))), 'pad-ischemic-rest-pain')).toEqual([]);
  });

  it('reads current smoking from an active tobacco-use condition when no smoking status is on file', () => {
    const a = run({}, facts({ conditions: [condition('tobacco-use', { label: 'Smokes tobacco daily' })] }));
    expect(fired(a, 'pad-ischemic-rest-pain')).toEqual(['pad.current-smoker']);
  });

  it('ignores stopped medications', () => {
    const stopped = { ...med('diuretic'), status: 'stopped' as const };
    expect(fired(run({}, facts({ medications: [stopped] })), 'nocturnal-leg-cramps')).toEqual([]);
  });
});
