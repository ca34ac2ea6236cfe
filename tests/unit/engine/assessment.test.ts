import { describe, expect, it } from 'vitest';
import { assess, ENGINE_VERSION } from '@/lib/engine';
import { CONDITION_IDS } from '@/lib/engine/assessment';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import type { FormAnswers } from '@/lib/form/schema';
import { NOW, OPTS, condition, facts, med, obs, patientAged } from './builders';
import { DAY_MS } from '@/lib/core/time';

describe('empty form and empty chart', () => {
  const a = assess(EMPTY_FACTS, {}, OPTS);

  it('lists every condition as unlikely with no evidence invented from absence', () => {
    expect(a.differential).toHaveLength(CONDITION_IDS.length);
    for (const d of a.differential) {
      expect(d.likelihood).toBe('unlikely');
      expect(d.score).toBe(0);
      expect(d.supporting).toEqual([]);
      expect(d.opposing).toEqual([]);
      expect(d.summary).toMatch(/unknown, not excluded/);
    }
  });

  it('raises no red flags, computes no Wells/IRLSSG/ABI, and plans no orders', () => {
    expect(a.redFlags).toEqual([]);
    expect(a.scores).toEqual({ wells: null, irlssg: null, abi: null });
    expect(a.workup).toEqual([]);
    expect(a.advice).toEqual([]);
  });

  it('says explicitly what is missing, with why and for whom', () => {
    const concepts = a.missingData.map((m) => m.concept);
    expect(concepts).toEqual(
      expect.arrayContaining([
        'Foot pulses of the symptomatic leg (exam.pulsesRight)',
        'IRLSSG criteria (irlssg.urgeToMove)',
        'What relieves the pain (relievedBy)',
        'Which leg (side)',
      ]),
    );
    for (const m of a.missingData) {
      expect(m.why.length).toBeGreaterThan(10);
      // Only the red-flag screen concerns every condition (no `for`); everything else names its conditions.
      if (m.for === undefined) expect(m.concept).toMatch(/^Red-flag screen/);
      else expect(m.for.length).toBeGreaterThan(0);
      // Questions name the form paths that answer them (tests on file, like the ABI, have none).
      if (m.concept !== 'ABI') expect(m.paths?.length, m.concept).toBeGreaterThan(0);
    }
    const pad = a.differential.find((d) => d.id === 'pad-ischemic-rest-pain')!;
    expect(pad.missing.map((m) => m.concept)).toContain('Foot pulses of the symptomatic leg (exam.pulsesRight)');
  });

  it('stamps the injected clock, version and one plain disclaimer', () => {
    expect(a.generatedAt).toBe(NOW.toISOString());
    expect(a.engineVersion).toBe(ENGINE_VERSION);
    expect(a.disclaimer).toMatch(/not a diagnosis/);
    expect(a.disclaimer.split('. ').length).toBe(1);
  });
});

describe('unavailable sections and data issues', () => {
  it('reports unloadable sections as unknown and passes data issues through', () => {
    const a = assess(
      facts({
        unavailable: ['Observation', 'Condition'],
        dataIssues: [{ resource: 'Observation/bad', problem: 'ABI 87 is implausible' }],
      }),
      {},
      OPTS,
    );
    const sections = a.missingData.filter((m) => m.concept.startsWith('Chart section'));
    expect(sections.map((m) => m.concept)).toEqual(['Chart section: Observation', 'Chart section: Condition']);
    expect(sections[0]!.why).toMatch(/could not load .*treat as unknown/);
    // Section gaps concern every condition.
    for (const d of a.differential)
      expect(d.missing.some((m) => m.concept === 'Chart section: Observation')).toBe(true);
    expect(a.dataIssues).toEqual([{ resource: 'Observation/bad', problem: 'ABI 87 is implausible' }]);
  });
});

describe('missing data', () => {
  it('asks for an ABI when PAD is in play, the patient is diabetic, or pulses were not examined', () => {
    const normalPulses: FormAnswers = { exam: { pulsesRight: 'normal', pulsesLeft: 'normal' } };
    const diabetic = assess(facts({ conditions: [condition('diabetes')] }), normalPulses, OPTS);
    expect(diabetic.missingData.find((m) => m.concept === 'ABI')?.why).toMatch(/no ABI on file/);
    expect(assess(EMPTY_FACTS, {}, OPTS).missingData.some((m) => m.concept === 'ABI')).toBe(true);
    expect(assess(EMPTY_FACTS, normalPulses, OPTS).missingData.some((m) => m.concept === 'ABI')).toBe(false);
    const padInPlay = assess(
      EMPTY_FACTS,
      { exam: { pulsesRight: 'normal', pulsesLeft: 'normal', coolFoot: true }, relievedBy: ['dangling-leg'] },
      OPTS,
    );
    expect(padInPlay.missingData.some((m) => m.concept === 'ABI')).toBe(true);
  });

  it('asks for ferritin when RLS is in play, and K/Mg when cramps are', () => {
    const rls = assess(EMPTY_FACTS, { irlssg: { urgeToMove: true } }, OPTS);
    expect(rls.missingData.map((m) => m.concept)).toEqual(
      expect.arrayContaining(['Ferritin', 'Transferrin saturation']),
    );
    const cramps = assess(EMPTY_FACTS, { qualities: ['cramp-knot'] }, OPTS);
    expect(cramps.missingData.map((m) => m.concept)).toEqual(
      expect.arrayContaining(['Potassium', 'Magnesium', 'Calcium']),
    );
  });

  it('asks for B12 when neuropathy is in play, and not once a recent B12 is on file', () => {
    const form: FormAnswers = { side: 'both', qualities: ['burning'], locations: ['foot'] };
    const b12 = (f = EMPTY_FACTS) =>
      assess(f, form, OPTS)
        .differential.find((d) => d.id === 'diabetic-peripheral-neuropathy')!
        .missing.find((m) => m.concept === 'Vitamin B12');
    expect(b12()?.why).toMatch(/B12 < 200 pg\/mL adds \+1 toward neuropathy/);
    expect(b12(facts({ observations: [obs('vitamin-b12', 350)] }))).toBeUndefined();
  });
});

describe('staleness (injected clock)', () => {
  it('re-suggests a ferritin older than 3 months but marks a recent one as on file', () => {
    const rlsForm: FormAnswers = { irlssg: { urgeToMove: true, reliefByMovement: true } };
    const fresh = assess(facts({ observations: [obs('ferritin', 120, { ageDays: 89 })] }), rlsForm, OPTS);
    const ferritinFresh = fresh.workup.find((w) => w.id === 'ferritin')!;
    expect(ferritinFresh.code).toEqual({ system: 'http://loinc.org', code: '2276-4' });
    expect(ferritinFresh.alreadyOnFile?.summary).toMatch(/Ferritin 120/);
    expect(fresh.missingData.some((m) => m.concept === 'Ferritin')).toBe(false);

    const stale = assess(facts({ observations: [obs('ferritin', 120, { ageDays: 91 })] }), rlsForm, OPTS);
    expect(stale.workup.find((w) => w.id === 'ferritin')!.alreadyOnFile).toBeUndefined();
    expect(stale.missingData.find((m) => m.concept === 'Ferritin')?.why).toMatch(/91 days old \(window 90 days\)/);
  });

  it('a stale result scores nothing (treated as missing) and is asked for again (safety review)', () => {
    const rls: FormAnswers = { side: 'both', irlssg: { urgeToMove: true, worseAtRest: true } };
    const a = assess(facts({ observations: [obs('ferritin', 40, { ageDays: 200 })] }), rls, OPTS);
    const d = a.differential.find((x) => x.id === 'restless-legs-syndrome')!;
    expect(d.supporting.map((e) => e.ruleId)).not.toContain('rls.ferritin-low');
    expect(a.missingData.find((m) => m.concept === 'Ferritin')?.why).toMatch(/200 days old/);
    const fresh = assess(facts({ observations: [obs('ferritin', 40, { ageDays: 20 })] }), rls, OPTS);
    expect(
      fresh.differential.find((x) => x.id === 'restless-legs-syndrome')!.supporting.map((e) => e.ruleId),
    ).toContain('rls.ferritin-low');
  });

  it('marks an ABI older than 12 months stale and asks to repeat it', () => {
    const old = assess(facts({ observations: [obs('abi', 0.8, { side: 'right', ageDays: 366 })] }), {}, OPTS);
    expect(old.scores.abi?.right?.stale).toBe(true);
    expect(old.missingData.find((m) => m.concept === 'ABI')?.why).toMatch(/older than 12 months/);
    const recent = assess(facts({ observations: [obs('abi', 0.8, { side: 'right', ageDays: 364 })] }), {}, OPTS);
    expect(recent.scores.abi?.right?.stale).toBe(false);
  });

  it('uses electrolyte windows of 1 month and accepts site overrides', () => {
    const f = facts({ observations: [obs('potassium', 4.0, { ageDays: 40 })] });
    const cramps: FormAnswers = { qualities: ['cramp-knot'] };
    expect(assess(f, cramps, OPTS).workup.find((w) => w.id === 'potassium')!.alreadyOnFile).toBeUndefined();
    const lenient = assess(f, cramps, { now: NOW, stalenessDays: { potassium: 60 } });
    expect(lenient.workup.find((w) => w.id === 'potassium')!.alreadyOnFile?.date).toBeDefined();
  });

  it('moves with the injected clock (same facts, later now → stale)', () => {
    const f = facts({ observations: [obs('hba1c', 7, { ageDays: 100 })] });
    const dm: FormAnswers = { side: 'both', qualities: ['burning'], locations: ['foot'] };
    const withDm = facts({ ...f, conditions: [condition('diabetes')] });
    expect(assess(withDm, dm, OPTS).workup.find((w) => w.id === 'hba1c')?.alreadyOnFile).toBeDefined();
    const later = new Date(NOW.getTime() + 100 * DAY_MS);
    expect(assess(withDm, dm, { now: later }).workup.find((w) => w.id === 'hba1c')?.alreadyOnFile).toBeUndefined();
  });
});

describe('workup planner', () => {
  const wk = (a: ReturnType<typeof assess>) => a.workup.map((w) => w.id);
  const item = (a: ReturnType<typeof assess>, id: string) => a.differential.find((d) => d.id === id)!;

  it('dedupes items across conditions ranked moderate or above and merges "for"', () => {
    const f = facts({ ...patientAged(70), conditions: [condition('ckd')], medications: [med('antidepressant')] });
    const a = assess(
      f,
      {
        qualities: ['cramp-knot'],
        locations: ['calf'],
        episodeLength: 'seconds-to-minutes',
        irlssg: { urgeToMove: true, worseAtRest: true },
        relievedBy: ['moving-legs'],
      },
      OPTS,
    );
    expect(item(a, 'nocturnal-leg-cramps').likelihood).toBe('moderate');
    expect(item(a, 'restless-legs-syndrome').likelihood).toBe('moderate');
    const ids = wk(a);
    expect(new Set(ids).size).toBe(ids.length);
    const creat = a.workup.find((w) => w.id === 'creatinine')!;
    expect(creat.for).toEqual(expect.arrayContaining(['nocturnal-leg-cramps', 'restless-legs-syndrome']));
    expect(creat.code).toEqual({ system: 'http://loinc.org', code: '2160-0' });
    expect(a.workup.find((w) => w.id === 'medication-review')!.for).toHaveLength(2);
    // No PAD workup: PAD is unlikely.
    expect(ids).not.toContain('abi');
    // Imaging carries no code.
    expect(a.workup.every((w) => !w.id.includes('mri') || w.code === undefined)).toBe(true);
  });

  it('orders nothing for a low-ranked condition that is not on top; its cheap tests stay in its "missing" list', () => {
    // Classic rest pain (PAD high) on two cramp-associated drugs (cramps low, +2).
    const f = facts({ medications: [med('diuretic'), med('statin')] });
    const a = assess(
      f,
      {
        side: 'right',
        locations: ['toes-forefoot'],
        qualities: ['deep-ache'],
        relievedBy: ['dangling-leg'],
        exam: { pulsesRight: 'absent', pulsesLeft: 'absent' },
      },
      OPTS,
    );
    expect(a.differential[0]!.id).toBe('pad-ischemic-rest-pain');
    const cramps = item(a, 'nocturnal-leg-cramps');
    expect(cramps.likelihood).toBe('low');
    for (const id of ['potassium', 'magnesium', 'calcium', 'glucose', 'tsh', 'medication-review']) {
      expect(wk(a), id).not.toContain(id);
    }
    expect(a.workup.every((w) => !w.for.includes('nocturnal-leg-cramps'))).toBe(true);
    expect(cramps.missing.map((m) => m.concept)).toEqual(expect.arrayContaining(['Potassium', 'Magnesium', 'Calcium']));
    // PAD's own plan is untouched.
    expect(wk(a)).toEqual(expect.arrayContaining(['abi', 'arterial-duplex', 'creatinine', 'lipid-panel']));
    expect(a.workup.find((w) => w.id === 'creatinine')!.for).toEqual(['pad-ischemic-rest-pain']);
  });

  it('still plans for the top-ranked condition when it is only low, and for any condition tied with it', () => {
    const alone = assess(EMPTY_FACTS, { qualities: ['cramp-knot'] }, OPTS);
    expect(alone.differential[0]).toMatchObject({ id: 'nocturnal-leg-cramps', likelihood: 'low' });
    expect(alone.workup.find((w) => w.id === 'potassium')?.priority).toBe('routine');

    const tied = assess(
      EMPTY_FACTS,
      { side: 'both', qualities: ['creeping-urge'], episodeLength: 'seconds-to-minutes' },
      OPTS,
    );
    expect(item(tied, 'nocturnal-leg-cramps')).toMatchObject({ score: 2, likelihood: 'low' });
    expect(item(tied, 'restless-legs-syndrome')).toMatchObject({ score: 2, likelihood: 'low' });
    expect(wk(tied)).toEqual(expect.arrayContaining(['potassium', 'ferritin']));
    expect(tied.workup.every((w) => w.priority === 'routine')).toBe(true);
  });

  it('plans red-flag workup whatever the ranking, at priority "now" unless a step says later', () => {
    const a = assess(EMPTY_FACTS, { exam: { footDrop: true } }, OPTS);
    expect(a.workup.find((w) => w.id === 'neurology-review')).toMatchObject({
      priority: 'now',
      forRedFlags: ['progressive-foot-drop'],
    });
    // Issue 9 item 13: EMG is uninformative before about 3 weeks.
    expect(a.workup.find((w) => w.id === 'emg-ncs')).toMatchObject({ priority: 'soon' });
    const late = assess(EMPTY_FACTS, { durationWeeks: 4, exam: { footDrop: true } }, OPTS);
    expect(late.workup.find((w) => w.id === 'emg-ncs')).toMatchObject({ priority: 'now' });
  });

  it('uses the verified LOINC codes for cramp labs', () => {
    const a = assess(EMPTY_FACTS, { qualities: ['cramp-knot'], episodeLength: 'seconds-to-minutes' }, OPTS);
    const code = (id: string) => a.workup.find((w) => w.id === id)?.code?.code;
    expect([code('potassium'), code('magnesium'), code('calcium'), code('egfr'), code('glucose'), code('tsh')]).toEqual(
      ['2823-3', '19123-9', '17861-6', '98979-8', '2345-7', '3016-3'],
    );
    expect(a.workup.every((w) => w.priority === 'soon' || w.priority === 'routine')).toBe(true);
  });

  it('shows a recent ABI on both legs as already on file', () => {
    const f = facts({ observations: [obs('abi', 0.7, { side: 'right' }), obs('abi', 0.95, { side: 'left' })] });
    const a = assess(f, { relievedBy: ['dangling-leg'] }, OPTS);
    expect(a.workup.find((w) => w.id === 'abi')!.alreadyOnFile?.summary).toMatch(/ABI right 0.70, ABI left 0.95/);
  });
});

describe('evidence labels', () => {
  it('print values through the shared formatter: lab-report precision, never across a cut-off', () => {
    const f = facts({
      observations: [obs('magnesium', 1.4586), obs('potassium', 3.46), obs('egfr', 52.4)],
    });
    const a = assess(f, { qualities: ['cramp-knot'], locations: ['calf'] }, OPTS);
    const labels = a.differential.flatMap((d) => [...d.supporting, ...d.opposing]).map((e) => e.label);
    expect(labels.join('\n')).toMatch(/Magnesium 1\.5 mg\/dL/);
    expect(labels.join('\n')).toMatch(/Potassium 3\.46 mmol\/L/);
    expect(labels.join('\n')).not.toMatch(/1\.4586/);
  });
});

describe('determinism and purity', () => {
  const form: FormAnswers = {
    side: 'left',
    onset: 'sudden',
    locations: ['calf', 'toes-forefoot'],
    qualities: ['burning', 'cramp-knot'],
    relievedBy: ['dangling-leg', 'stretching-calf'],
    irlssg: { urgeToMove: true },
    exam: { unilateralSwelling: true, warmth: true, pulsesRight: 'diminished', pulsesLeft: 'diminished' },
    measurements: { abiRight: 1.5 },
  };
  const f = facts({
    ...patientAged(66),
    conditions: [condition('diabetes'), condition('dvt', { status: 'history' })],
    observations: [obs('ferritin', 30), obs('potassium', 3.1), obs('d-dimer', 800, { ageDays: 1 })],
    medications: [med('statin')],
  });

  it('gives byte-identical output for the same inputs', () => {
    expect(JSON.stringify(assess(f, form, OPTS))).toBe(JSON.stringify(assess(f, form, OPTS)));
  });

  it('does not mutate its inputs', () => {
    const before = JSON.stringify([f, form]);
    assess(f, form, OPTS);
    expect(JSON.stringify([f, form])).toBe(before);
  });
});

describe('partly answered IRLSSG', () => {
  it('names the criteria still open', () => {
    const a = assess(
      EMPTY_FACTS,
      { irlssg: { urgeToMove: true, worseAtRest: true, reliefByMovement: true, eveningOrNight: true } },
      OPTS,
    );
    expect(a.missingData.find((m) => m.concept.startsWith('IRLSSG criteria'))?.why).toMatch(
      /^criterion 5 not answered/,
    );
    const none = assess(EMPTY_FACTS, {}, OPTS);
    expect(none.missingData.find((m) => m.concept.startsWith('IRLSSG criteria'))?.why).toMatch(/^not answered/);
  });
});
