/**
 * Fontaine / Rutherford stage (issue 12): derived from the engine's own decisions, never from a story alone.
 */
import { describe, expect, it } from 'vitest';
import type { AbiInterpretation, Assessment, RedFlag } from '@/lib/engine/assessment';
import { formatPadStage, padStage } from '@/lib/engine/pad-stage';

const CLTI: RedFlag = {
  id: 'chronic-limb-threatening-ischemia',
  urgency: 'urgent',
  message: 'Suspected chronic limb-threatening ischaemia: …',
  action: 'Urgent vascular surgery referral.',
  evidence: [],
};

const ABNORMAL: AbiInterpretation = {
  right: { side: 'right', value: 0.7, band: 'abnormal', interpretation: '', source: 'fhir', stale: false },
  meetsCltiHaemodynamics: false,
};

function a(over: Partial<Pick<Assessment, 'redFlags' | 'scores' | 'chartAnswers'>> = {}) {
  return {
    redFlags: [],
    scores: { wells: null, irlssg: null, abi: null },
    chartAnswers: [],
    ...over,
  } satisfies Pick<Assessment, 'redFlags' | 'scores' | 'chartAnswers'>;
}

describe('padStage', () => {
  it('rest pain with proven PAD (the CLTI flag) is Fontaine III / Rutherford 4', () => {
    const stage = padStage(a({ redFlags: [CLTI] }), {});
    expect(stage).toEqual({ fontaine: 'III', rutherford: '4' });
    expect(formatPadStage(stage!)).toBe('Fontaine III / Rutherford 4');
  });

  it('tissue loss is Fontaine IV: an ulcer Rutherford 5, gangrene of unrecorded extent 5–6', () => {
    expect(padStage(a({ redFlags: [CLTI] }), { exam: { ulcer: true } })).toEqual({ fontaine: 'IV', rutherford: '5' });
    expect(padStage(a({ redFlags: [CLTI] }), { exam: { gangrene: true } })).toEqual({
      fontaine: 'IV',
      rutherford: '5–6',
    });
  });

  it('reads tissue loss the chart answered (an ulcer on the problem list) unless the clinician said otherwise', () => {
    const chartUlcer = a({
      redFlags: [CLTI],
      chartAnswers: [
        { path: 'exam.ulcer', value: true, label: 'Ulcer on the problem list', evidence: [], status: 'applied' },
      ],
    });
    expect(padStage(chartUlcer, {})?.fontaine).toBe('IV');
    expect(padStage(chartUlcer, { exam: { ulcer: false } })?.fontaine).toBe('III');
  });

  it('claudication on a leg with an abnormal ABI is Fontaine II / Rutherford 1–3 (severity not recorded)', () => {
    expect(
      padStage(a({ scores: { wells: null, irlssg: null, abi: ABNORMAL } }), { history: { claudication: true } }),
    ).toEqual({
      fontaine: 'II',
      rutherford: '1–3',
    });
  });

  it('no stage without objectively proven PAD, whatever the story', () => {
    expect(padStage(a(), { history: { claudication: true }, relievedBy: ['dangling-leg'] })).toBeNull();
    const normal: AbiInterpretation = {
      right: { side: 'right', value: 1.1, band: 'normal', interpretation: '', source: 'fhir', stale: false },
      meetsCltiHaemodynamics: false,
    };
    expect(
      padStage(a({ scores: { wells: null, irlssg: null, abi: normal } }), { history: { claudication: true } }),
    ).toBeNull();
  });
});
