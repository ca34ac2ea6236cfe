import { describe as group, expect, it } from 'vitest';
import { describe, describeAll, describeRedFlag, RED_FLAG_RULES, RULES } from '@/lib/engine';

group('describe', () => {
  it('renders a rule as one plain-English sentence with its guideline', () => {
    const rule = RULES.find((r) => r.id === 'pad.pulses-absent')!;
    expect(describe(rule)).toBe(
      '+3 toward ischaemic rest pain when the foot pulses of a symptomatic leg are absent (no Doppler signal) or not palpable (Doppler signal only) (2016 AHA/ACC PAD guideline)',
    );
    const against = RULES.find((r) => r.id === 'pad.pulses-normal')!;
    expect(describe(against)).toBe(
      '−2 against ischaemic rest pain when the foot pulses of every symptomatic leg are recorded as normal (2016 AHA/ACC PAD guideline)',
    );
  });

  it('mentions caps and renders red flags with urgency and action', () => {
    expect(describe(RULES.find((r) => r.id === 'cramps.drug-statin')!)).toMatch(/cramp-drugs cap of \+2/);
    const ali = RED_FLAG_RULES.find((r) => r.id === 'acute-limb-ischemia')!;
    expect(describeRedFlag(ali)).toMatch(/^EMERGENCY: acute limb ischaemia when any of: \(1\) \[the pain at rest/);
    expect(describeRedFlag(ali)).toMatch(/Variant "Rutherford IIb \(immediately threatened\)"/);
    expect(describeRedFlag(ali)).toMatch(/Also asks \(even when raised\)/);
  });

  it('renders every rule without placeholders', () => {
    for (const r of RULES) expect(describe(r)).not.toMatch(/undefined|\{\}|\[object/);
  });

  it('matches the reviewed rule book snapshot', async () => {
    await expect(describeAll()).toMatchFileSnapshot('./__snapshots__/rules.txt');
  });
});
