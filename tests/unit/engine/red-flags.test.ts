import { describe, expect, it } from 'vitest';
import { assess } from '@/lib/engine';
import type { RedFlagId } from '@/lib/engine/assessment';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import type { FormAnswers } from '@/lib/form/schema';
import { OPTS, condition, facts, obs } from './builders';

const flags = (form: FormAnswers, f = EMPTY_FACTS) => assess(f, form, OPTS).redFlags;
const ids = (form: FormAnswers, f = EMPTY_FACTS) => flags(form, f).map((r) => r.id);

/** A textbook ischaemic rest-pain story: PAD ranks "high". */
const PAD_STORY: FormAnswers = {
  side: 'right',
  locations: ['toes-forefoot'],
  qualities: ['burning'],
  timing: ['after-1-2-hours-wakes'],
  relievedBy: ['dangling-leg'],
  exam: { pulsesRight: 'absent', pulsesLeft: 'absent', coolFoot: true, pallorOnElevationOrDependentRubor: true },
};

describe('red flags', () => {
  it('raises none for an empty form and empty chart', () => {
    expect(flags({})).toEqual([]);
  });

  it.each<[RedFlagId, FormAnswers, string]>([
    ['acute-limb-ischemia', { exam: { suddenColdPaleLeg: true } }, 'emergency'],
    [
      'acute-limb-ischemia',
      { restPainDuration: 'hours', exam: { pulsesRight: 'absent', pulsesLeft: 'absent', coolFoot: true } },
      'emergency',
    ],
    ['compartment-syndrome', { exam: { tenseSwollenCompartment: true, painOnPassiveStretch: true } }, 'emergency'],
    ['compartment-syndrome', { exam: { tenseSwollenCompartment: true }, history: { recentTrauma: true } }, 'emergency'],
    ['possible-pulmonary-embolism', { side: 'left', history: { breathlessnessNewOrWorse: true } }, 'emergency'],
    ['possible-pulmonary-embolism', { history: { haemoptysisOrSyncope: true } }, 'emergency'],
    ['cauda-equina', { exam: { saddleAnaesthesia: true } }, 'emergency'],
    ['cauda-equina', { exam: { bladderOrBowelChange: true } }, 'emergency'],
    ['cauda-equina', { side: 'both', exam: { progressiveWeakness: true }, history: { backPain: true } }, 'emergency'],
    ['cauda-equina', { history: { bilateralSciatica: true } }, 'emergency'],
    ['cauda-equina', { history: { backPain: true, bladderSensationOrStreamChange: true } }, 'emergency'],
    ['spinal-infection', { history: { fever: true, ivDrugUseOrImmunosuppression: true, backPain: true } }, 'emergency'],
    ['necrotising-soft-tissue-infection', { exam: { redness: true, crepitusBullaeOrNecrosis: true } }, 'emergency'],
    ['suspected-dvt', { exam: { massiveSwellingBlueOrWhiteLeg: true } }, 'emergency'],
    ['suspected-dvt', { exam: { unilateralSwelling: true, warmth: true } }, 'urgent'],
    ['suspected-dvt', { onset: 'sudden', exam: { calfSwellingOver3cm: true } }, 'urgent'],
    ['cellulitis', { exam: { redness: true, warmth: true }, history: { fever: true } }, 'urgent'],
    ['progressive-foot-drop', { exam: { footDrop: true } }, 'urgent'],
    [
      'night-pain-malignancy-infection',
      { timing: ['constant'], relievedBy: ['nothing'], history: { weightLoss: true } },
      'urgent',
    ],
  ])('%s fires (%j) with urgency', (id, form, urgency) => {
    const flag = flags(form).find((f) => f.id === id);
    expect(flag).toBeDefined();
    expect(flag!.urgency).toBe(urgency);
    expect(flag!.message.length).toBeGreaterThan(10);
    expect(flag!.action.length).toBeGreaterThan(10);
    expect(flag!.evidence.length).toBeGreaterThan(0);
    expect(flag!.evidence.every((e) => e.weight === 0 && (e.formField || e.reference))).toBe(true);
  });

  it('does not fire on partial triggers', () => {
    expect(ids({ exam: { redness: true, warmth: true } })).not.toContain('cellulitis');
    expect(ids({ exam: { tenseSwollenCompartment: true } })).not.toContain('compartment-syndrome');
    expect(ids({ onset: 'sudden' })).not.toContain('acute-limb-ischemia');
    // Issue 9 item 7: "sudden" + absent pulses at any duration is not acute ischaemia.
    expect(
      ids({
        onset: 'sudden',
        durationWeeks: 10,
        exam: { pulsesRight: 'absent', pulsesLeft: 'absent', coolFoot: true },
      }),
    ).not.toContain('acute-limb-ischemia');
    // Issue 9 item 9: chronic stable breathlessness is not a PE signal.
    expect(ids({ history: { dyspnoeaOrChestPain: true, breathlessnessNewOrWorse: false } })).not.toContain(
      'possible-pulmonary-embolism',
    );
    // Issue 9 item 8: bilateral distal weakness without a radicular story is neuropathy, not cauda equina.
    expect(ids({ side: 'both', exam: { weakDorsiflexionEversion: true } })).not.toContain('cauda-equina');
    expect(ids({ side: 'right', exam: { progressiveWeakness: true }, history: { backPain: true } })).not.toContain(
      'cauda-equina',
    );
    expect(
      ids({ timing: ['constant'], relievedBy: ['changing-position'], history: { weightLoss: true } }),
    ).not.toContain('night-pain-malignancy-infection');
    expect(ids({ exam: { unilateralSwelling: true } })).not.toContain('suspected-dvt');
  });

  it('still shows a DVT red flag on a PAD-high story when unilateral swelling and warmth are ticked', () => {
    const a = assess(
      EMPTY_FACTS,
      { ...PAD_STORY, exam: { ...PAD_STORY.exam, unilateralSwelling: true, warmth: true } },
      OPTS,
    );
    expect(a.differential[0]!.id).toBe('pad-ischemic-rest-pain');
    expect(a.differential[0]!.likelihood).toBe('high');
    const dvt = a.differential.find((d) => d.id === 'deep-vein-thrombosis')!;
    expect(dvt.likelihood).not.toBe('high');
    expect(a.redFlags.map((f) => f.id)).toContain('suspected-dvt');
    expect(a.advice.some((x) => x.for === 'suspected-dvt')).toBe(true);
    expect(a.workup.find((w) => w.id === 'd-dimer' || w.id === 'compression-ultrasound')?.priority).toBe('now');
  });

  it('is not suppressed when the DVT score is negative (bilateral, chronic)', () => {
    const a = assess(
      EMPTY_FACTS,
      { side: 'both', durationWeeks: 52, exam: { unilateralSwelling: true, redness: true } },
      OPTS,
    );
    expect(a.differential.find((d) => d.id === 'deep-vein-thrombosis')!.score).toBeLessThan(2);
    expect(a.redFlags.map((f) => f.id)).toContain('suspected-dvt');
  });

  it('leaves a red swollen leg the clinician judges as more likely something else to the Wells pathway', () => {
    const a = assess(
      EMPTY_FACTS,
      {
        side: 'left',
        history: { alternativeDiagnosisAsLikely: true },
        exam: { unilateralSwelling: true, redness: true },
      },
      OPTS,
    );
    expect(a.redFlags.map((f) => f.id)).not.toContain('suspected-dvt');
    expect(a.scores.wells).not.toBeNull();
  });

  it('flags CLTI from rest pain with proven PAD (no cut-off) or tissue loss with PAD features, never from a number alone', () => {
    // Reference §0b: CLTI-range pressures stage CLTI; without rest pain or tissue loss they raise nothing.
    expect(ids({}, facts({ observations: [obs('toe-pressure', 25)] }))).not.toContain(
      'chronic-limb-threatening-ischemia',
    );
    expect(ids(PAD_STORY, facts({ observations: [obs('abi', 0.62, { side: 'right' })] }))).toContain(
      'chronic-limb-threatening-ischemia',
    );
    expect(ids({ exam: { ulcer: true, pulsesRight: 'absent', pulsesLeft: 'absent' } })).toContain(
      'chronic-limb-threatening-ischemia',
    );
    expect(ids({ exam: { ulcer: true, pulsesRight: 'normal', pulsesLeft: 'normal' } })).not.toContain(
      'chronic-limb-threatening-ischemia',
    );
    expect(
      ids(
        { exam: { gangrene: true } },
        facts({ conditions: [condition('pad', { label: 'Peripheral arterial disease' })] }),
      ),
    ).toContain('chronic-limb-threatening-ischemia');
  });

  it('flags night pain with active cancer from the chart once "nothing relieves it" is recorded', () => {
    const f = facts({ conditions: [condition('active-cancer')] });
    expect(ids({ timing: ['constant'], relievedBy: ['nothing'] }, f)).toContain('night-pain-malignancy-infection');
  });

  describe('night pain: an unanswered reliever question is unknown, not "no position helps"', () => {
    const NIGHT_PAIN = 'night-pain-malignancy-infection';
    const QUESTION = 'Does any position relieve the constant night pain? (relievedBy)';
    const question = (form: FormAnswers, f = EMPTY_FACTS) =>
      assess(f, form, OPTS).missingData.find((m) => m.concept === QUESTION);

    it('does not fire when relievers were not recorded, and asks whether any position relieves the pain', () => {
      const form: FormAnswers = { timing: ['constant'], history: { weightLoss: true } };
      expect(ids(form)).not.toContain(NIGHT_PAIN);
      expect(ids({ ...form, relievedBy: [] })).not.toContain(NIGHT_PAIN);
      const q = question(form)!;
      expect(q.why).toMatch(/red flag for malignancy or infection/);
      expect(q.why).toMatch(/not recorded means not excluded/);
      expect(q.for).toEqual(['lumbar-radiculopathy']);
      const a = assess(facts({ conditions: [condition('active-cancer')] }), { timing: ['constant'] }, OPTS);
      expect(a.redFlags.map((r) => r.id)).not.toContain(NIGHT_PAIN);
      expect(a.differential.find((d) => d.id === 'lumbar-radiculopathy')!.missing.map((m) => m.concept)).toContain(
        QUESTION,
      );
    });

    it('fires on constant pain eased only by non-positional relievers (moving, stretching)', () => {
      const flag = flags({ timing: ['constant'], relievedBy: ['stretching-calf'], history: { fever: true } }).find(
        (r) => r.id === NIGHT_PAIN,
      );
      expect(flag?.evidence.map((e) => e.label)).toContain(
        'Relieved only by stretching the calf: no position eases it',
      );
      expect(ids({ timing: ['constant'], relievedBy: ['moving-legs'], history: { weightLoss: true } })).toContain(
        NIGHT_PAIN,
      );
    });

    it('does not fire (or ask) when a position relieves it, and asks nothing without a systemic feature', () => {
      for (const r of ['dangling-leg', 'walking', 'elevating-legs', 'curling-up-flexion'] as const) {
        const form: FormAnswers = { timing: ['constant'], relievedBy: [r], history: { weightLoss: true } };
        expect(ids(form), r).not.toContain(NIGHT_PAIN);
        expect(question(form), r).toBeUndefined();
      }
      expect(question({ timing: ['constant'], history: { weightLoss: false } })).toBeUndefined();
      expect(
        question({ timing: ['constant'], relievedBy: ['nothing'], history: { weightLoss: true } }),
      ).toBeUndefined();
    });

    it('still fires on an explicit "nothing", even beside another answer', () => {
      expect(
        ids({ timing: ['constant'], relievedBy: ['nothing', 'changing-position'], history: { cancerHistory: true } }),
      ).toContain(NIGHT_PAIN);
    });
  });

  it('raises Wells-likely DVT only with a leg finding or one-sided symptoms', () => {
    const f = facts({ conditions: [condition('dvt', { status: 'history' }), condition('active-cancer')] });
    expect(ids({}, f)).not.toContain('suspected-dvt');
    expect(ids({ side: 'left' }, f)).toContain('suspected-dvt');
  });

  it('sorts by urgency: emergencies first', () => {
    const list = flags({
      exam: { unilateralSwelling: true, warmth: true, footDrop: true, saddleAnaesthesia: true },
      history: { breathlessnessNewOrWorse: true },
    });
    const order = list.map((f) => f.urgency);
    expect(order).toEqual(
      [...order].sort(
        (a, b) => ['emergency', 'urgent', 'soon'].indexOf(a) - ['emergency', 'urgent', 'soon'].indexOf(b),
      ),
    );
    expect(list[0]!.urgency).toBe('emergency');
    expect(list.map((f) => f.id)).toEqual(
      expect.arrayContaining(['possible-pulmonary-embolism', 'cauda-equina', 'suspected-dvt', 'progressive-foot-drop']),
    );
  });

  it('puts red-flag workup at priority "now" and red-flag advice first', () => {
    const a = assess(EMPTY_FACTS, { exam: { saddleAnaesthesia: true } }, OPTS);
    const mri = a.workup.find((w) => w.id === 'emergency-mri-lumbar')!;
    expect(mri.priority).toBe('now');
    expect(mri.forRedFlags).toEqual(['cauda-equina']);
    expect(mri.for).toEqual(['lumbar-radiculopathy']);
    expect(a.advice[0]!.for).toBe('cauda-equina');
  });
});
