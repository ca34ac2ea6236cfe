import { describe, expect, it } from 'vitest';
import { abiBand, assess } from '@/lib/engine';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import type { FormAnswers } from '@/lib/form/schema';
import { NOW, OPTS, daysAgo, facts, obs } from './builders';

const pad = (a: ReturnType<typeof assess>) => a.differential.find((d) => d.id === 'pad-ischemic-rest-pain')!;

/** Ischaemic rest pain in the right foot, for the CLTI red flag. */
const REST_PAIN_RIGHT: FormAnswers = {
  side: 'right',
  locations: ['toes-forefoot'],
  qualities: ['burning'],
  relievedBy: ['dangling-leg'],
};

describe('ABI bands (2016 AHA/ACC)', () => {
  it.each([
    [0.3, 'abnormal'],
    [0.9, 'abnormal'],
    [0.90000001, 'abnormal'],
    [0.91, 'borderline'],
    [0.99, 'borderline'],
    [1.0, 'normal'],
    [1.4, 'normal'],
    [1.41, 'noncompressible'],
    [2.2, 'noncompressible'],
  ] as const)('ABI %s is %s', (value, band) => {
    expect(abiBand(value)).toBe(band);
  });

  it('scores 0.90 as abnormal (+3) and 0.91 as borderline (+1)', () => {
    const at090 = assess(facts({ observations: [obs('abi', 0.9, { side: 'right' })] }), {}, OPTS);
    const at091 = assess(facts({ observations: [obs('abi', 0.91, { side: 'right' })] }), {}, OPTS);
    expect(pad(at090).supporting.find((e) => e.ruleId === 'pad.abi-abnormal')?.weight).toBe(3);
    expect(pad(at091).supporting.find((e) => e.ruleId === 'pad.abi-borderline')?.weight).toBe(1);
    expect(pad(at091).supporting.some((e) => e.ruleId === 'pad.abi-abnormal')).toBe(false);
    expect(at090.scores.abi?.right?.band).toBe('abnormal');
    expect(at091.scores.abi?.right?.band).toBe('borderline');
  });

  it('reports 1.40 as normal and 1.41 as noncompressible, asking for TBI / toe pressure', () => {
    const at140 = assess(facts({ observations: [obs('abi', 1.4, { side: 'left' })] }), {}, OPTS);
    const at141 = assess(facts({ observations: [obs('abi', 1.41, { side: 'left' })] }), {}, OPTS);
    expect(at140.scores.abi?.left?.band).toBe('normal');
    expect(at141.scores.abi?.left?.band).toBe('noncompressible');
    expect(at141.scores.abi?.left?.interpretation).toMatch(/toe pressure \/ TBI/);
    expect(at141.missingData.some((m) => m.concept === 'TBI or toe pressure')).toBe(true);
    expect(at140.missingData.some((m) => m.concept === 'TBI or toe pressure')).toBe(false);
  });

  it('noncompressible ABI lowers nothing and does not count as CLTI haemodynamics', () => {
    const a = assess(
      facts({ observations: [obs('abi', 1.6, { side: 'right' }), obs('tbi', 0.9, { side: 'right' })] }),
      {},
      OPTS,
    );
    expect(pad(a).opposing).toEqual([]);
    expect(a.scores.abi?.meetsCltiHaemodynamics).toBe(false);
  });

  it('normal ABI with normal TBI argues against PAD (−3)', () => {
    const a = assess(
      facts({
        observations: [
          obs('abi', 1.1, { side: 'right' }),
          obs('abi', 1.05, { side: 'left' }),
          obs('tbi', 0.8, { side: 'right' }),
          obs('tbi', 0.85, { side: 'left' }),
        ],
      }),
      {},
      OPTS,
    );
    expect(pad(a).opposing.find((e) => e.ruleId === 'pad.abi-and-tbi-normal')?.weight).toBe(-3);
    // An unsided TBI cannot be attributed to a leg, so it reassures about neither (safety review).
    const unsided = assess(
      facts({
        observations: [obs('abi', 1.1, { side: 'right' }), obs('abi', 1.05, { side: 'left' }), obs('tbi', 0.8)],
      }),
      {},
      OPTS,
    );
    expect(pad(unsided).opposing.some((e) => e.ruleId === 'pad.abi-and-tbi-normal')).toBe(false);
  });

  it('TBI 0.70 is abnormal (+2), 0.71 is not', () => {
    const at070 = assess(facts({ observations: [obs('tbi', 0.7)] }), {}, OPTS);
    const at071 = assess(facts({ observations: [obs('tbi', 0.71)] }), {}, OPTS);
    expect(at070.scores.abi?.tbi?.abnormal).toBe(true);
    expect(at071.scores.abi?.tbi?.abnormal).toBe(false);
    expect(pad(at070).supporting.some((e) => e.ruleId === 'pad.tbi-abnormal')).toBe(true);
    expect(pad(at071).supporting.some((e) => e.ruleId === 'pad.tbi-abnormal')).toBe(false);
  });
});

describe('CLTI haemodynamics and WIfI', () => {
  it.each([
    ['abi', 0.39, true],
    ['abi', 0.4, false],
    ['ankle-pressure', 49, true],
    ['ankle-pressure', 50, false],
    ['toe-pressure', 29, true],
    ['toe-pressure', 30, false],
    ['tcpo2', 29, true],
    ['tcpo2', 30, false],
  ] as const)('%s %s meets CLTI haemodynamics: %s', (concept, value, meets) => {
    const a = assess(facts({ observations: [obs(concept, value, { side: 'right' })] }), {}, OPTS);
    expect(a.scores.abi?.meetsCltiHaemodynamics).toBe(meets);
    // Reference §0b: CLTI-range numbers stage CLTI; with no rest pain or tissue loss they raise no flag.
    expect(a.redFlags.some((f) => f.id === 'chronic-limb-threatening-ischemia')).toBe(false);
    const story = assess(facts({ observations: [obs(concept, value, { side: 'right' })] }), REST_PAIN_RIGHT, OPTS);
    expect(story.redFlags.some((f) => f.id === 'chronic-limb-threatening-ischemia')).toBe(true);
  });

  it.each([
    [0.85, 0],
    [0.8, 0],
    [0.79, 1],
    [0.6, 1],
    [0.59, 2],
    [0.4, 2],
    [0.39, 3],
  ] as const)('ABI %s is WIfI ischaemia grade %s', (value, grade) => {
    const a = assess(facts({ observations: [obs('abi', value, { side: 'right' })] }), {}, OPTS);
    expect(a.scores.abi?.wifiIschemiaGrade).toBe(grade);
  });

  it('takes the worst measure for WIfI (toe pressure 35 → grade 2 despite ABI 0.85)', () => {
    const a = assess(facts({ observations: [obs('abi', 0.85, { side: 'right' }), obs('toe-pressure', 35)] }), {}, OPTS);
    expect(a.scores.abi?.wifiIschemiaGrade).toBe(2);
  });

  it('grades ankle pressure: 101 → 0, 100 → 1, 70 → 1, 69 → 2, 49 → 3', () => {
    const grade = (v: number) =>
      assess(facts({ observations: [obs('ankle-pressure', v, { side: 'right' })] }), {}, OPTS).scores.abi
        ?.wifiIschemiaGrade;
    expect([grade(101), grade(100), grade(70), grade(69), grade(49)]).toEqual([0, 1, 1, 2, 3]);
  });
});

describe('manual form measurements', () => {
  it('uses form ABI when the chart has none, with source "form" and the form field as provenance', () => {
    const a = assess(EMPTY_FACTS, { measurements: { abiRight: 0.5, abiLeft: 1.1 } }, OPTS);
    expect(a.scores.abi?.right).toMatchObject({ value: 0.5, band: 'abnormal', source: 'form', date: '2026-11-26' });
    expect(a.scores.abi?.left?.band).toBe('normal');
    const ev = pad(a).supporting.find((e) => e.ruleId === 'pad.abi-abnormal');
    expect(ev).toMatchObject({ source: 'form', formField: 'measurements.abiRight', weight: 3 });
  });

  it('prefers the newer of chart and form and says which was used', () => {
    const chartOld = facts({ observations: [obs('abi', 0.8, { side: 'right', ageDays: 200 })] });
    const newerForm = assess(chartOld, { measurements: { abiRight: 0.6 } }, OPTS);
    expect(newerForm.scores.abi?.right).toMatchObject({ value: 0.6, source: 'form' });
    expect(newerForm.scores.abi?.right?.interpretation).toMatch(/form entry .* used; the chart value 0.8/);

    const chartRecent = facts({ observations: [obs('abi', 0.8, { side: 'right', ageDays: 2 })] });
    const olderForm = assess(chartRecent, { measurements: { abiRight: 0.6, measuredOn: '2026-01-10' } }, OPTS);
    expect(olderForm.scores.abi?.right).toMatchObject({ value: 0.8, source: 'fhir' });
    expect(olderForm.scores.abi?.right?.interpretation).toMatch(/chart value .* used; the form entry 0.6/);
  });

  it('reads toe pressure and ankle pressure from the form for CLTI', () => {
    const a = assess(EMPTY_FACTS, { measurements: { toePressureLeft: 20 } }, OPTS);
    expect(a.scores.abi?.toePressure).toMatchObject({ value: 20, side: 'left', source: 'form' });
    expect(a.scores.abi?.meetsCltiHaemodynamics).toBe(true);
  });

  it('keeps an ABI with no laterality as "unspecified" (no invented side)', () => {
    const a = assess(facts({ observations: [obs('abi', 0.7)] }), {}, OPTS);
    expect(a.scores.abi?.unspecified).toMatchObject({ value: 0.7, band: 'abnormal' });
    expect(a.scores.abi?.unspecified?.side).toBeUndefined();
    expect(a.scores.abi?.right).toBeUndefined();
  });

  it('returns abi null when no vascular data exists', () => {
    expect(assess(EMPTY_FACTS, {}, { now: NOW }).scores.abi).toBeNull();
    expect(daysAgo(0)).toBe(NOW.toISOString());
  });
});
