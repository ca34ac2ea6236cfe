import { mapChart, parseLocalCodes, describeValueSets } from '@/fhir-mappings';
import type { LocalCodeConfig } from '@/fhir-mappings';
import { ICD10CM, NOW, condition, observation } from './builders';

function config(json: unknown): LocalCodeConfig {
  const parsed = parseLocalCodes(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.config;
}

describe('site configuration (NOCTURNE_LOCAL_CODES)', () => {
  const localAbi = (code: string, value: number) =>
    observation({ id: code, system: 'urn:oid:1.2.3', code, display: 'Flowsheet row 4411', value });

  it('a local ABI code is not matched without configuration, and is with it (side from the code)', () => {
    expect(mapChart({ resources: [localAbi('ABI-R', 0.6)] }, { now: NOW }).facts.observations).toHaveLength(0);
    const localCodes = config({
      abi: {
        codes: [
          { system: 'urn:oid:1.2.3', code: 'ABI-R', side: 'right' },
          { system: 'urn:oid:1.2.3', code: 'ABI-L', side: 'left' },
        ],
      },
    });
    const facts = mapChart(
      { resources: [localAbi('ABI-R', 0.6), localAbi('ABI-L', 0.95)] },
      { now: NOW, localCodes },
    ).facts;
    expect(facts.observations.map((o) => [o.concept, o.side, o.value]).sort()).toEqual([
      ['abi', 'left', 0.95],
      ['abi', 'right', 0.6],
    ]);
    expect(facts.observations[0]?.provenance.matched).toMatchObject({ system: 'urn:oid:1.2.3' });
  });

  it('adds text patterns and ICD-10 prefixes', () => {
    const localCodes = config({
      'toe-pressure': { textPatterns: ['\\bPPG\\s+toe\\b'] },
      thrombophilia: { icd10Prefixes: ['d68.69'] },
    });
    const facts = mapChart(
      {
        resources: [
          observation({ text: 'PPG toe R', value: 28, unit: 'mmHg' }),
          condition({ system: ICD10CM, code: 'D68.69' }),
        ],
      },
      { now: NOW, localCodes },
    ).facts;
    expect(facts.observations.map((o) => [o.concept, o.side])).toEqual([['toe-pressure', 'right']]);
    expect(facts.conditions.map((c) => c.concept)).toEqual(['thrombophilia']);
  });

  it('unverified codes are off by default and can be switched on', () => {
    const pad = condition({ system: ICD10CM, code: 'I73.9' }); // ⚠ unverified prefix
    const optIn = config({ $options: { minimumVerification: 'unverified' } });
    expect(
      mapChart({ resources: [pad] }, { now: NOW, localCodes: optIn }).facts.conditions.map((c) => c.concept),
    ).toEqual(['pad']);
    expect(mapChart({ resources: [pad] }, { now: NOW }).facts.conditions).toHaveLength(0);
    const strict = config({ $options: { minimumVerification: 'single-source' } });
    expect(mapChart({ resources: [pad] }, { now: NOW, localCodes: strict }).facts.conditions).toHaveLength(0);
    // Verified codes still match.
    const verified = condition({ system: ICD10CM, code: 'I70.211' });
    expect(
      mapChart({ resources: [verified] }, { now: NOW, localCodes: strict }).facts.conditions.length,
    ).toBeGreaterThan(0);
  });

  it('site codes are listed in the "what do we match" table', () => {
    const rows = describeValueSets(config({ abi: { codes: [{ system: 'urn:oid:1.2.3', code: 'ABI-R' }] } }));
    expect(rows.find((r) => r.id === 'abi')?.codes).toContainEqual(
      expect.objectContaining({ code: 'ABI-R', origin: 'site' }) as unknown,
    );
  });

  it.each([
    [[1], /JSON object/],
    [{ abx: { codes: [] } }, /"abx" is not a value-set id/],
    // zod's English wording (zod/mini has none of its own: lib/core/english-issues.ts).
    [{ abi: { codes: [{ system: 'x' }] } }, /abi\.codes\.0\.code: Invalid input: expected string, received undefined/],
    [{ abi: { textPatterns: ['(unclosed'] } }, /abi\.textPatterns\.0: not a valid regular expression/],
    [{ abi: { colour: 'red' } }, /abi: Unrecognized key: "colour"/],
    [{ $options: { minimumVerification: 'maybe' } }, /\$options\.minimumVerification: Invalid option: expected one of/],
  ])('rejects %j with a clear line', (json, message) => {
    const parsed = parseLocalCodes(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join('\n')).toMatch(message);
  });

  it('undefined or null means "no site codes"', () => {
    expect(parseLocalCodes(undefined)).toMatchObject({ ok: true });
    expect(parseLocalCodes(null)).toMatchObject({ ok: true });
  });
});

describe('matchers are compiled once per configuration', () => {
  it('returns the same compiled matchers for the same config object', async () => {
    const { getMatchers } = await import('@/fhir-mappings/matcher');
    const cfg = config({ abi: { textPatterns: ['\\bQQ-ABI\\b'] } });
    expect(getMatchers(cfg)).toBe(getMatchers(cfg));
    expect(getMatchers()).toBe(getMatchers());
    expect(getMatchers(cfg)).not.toBe(getMatchers());
  });
});
