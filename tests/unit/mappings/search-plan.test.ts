import { buildSearchPlan, parseLocalCodes } from '@/fhir-mappings';
import { chunkTokens } from '@/fhir-mappings/search-plan';

const NOW = new Date('2026-03-01T00:00:00Z');

describe('search plan', () => {
  it('asks for Observations by code in URL-sized chunks, everything else as recommended', () => {
    const plan = buildSearchPlan({ now: NOW });
    const obs = plan.requests.filter((r) => r.resourceType === 'Observation' && r.params.code !== undefined);
    expect(obs.length).toBeGreaterThanOrEqual(1);
    const tokens = obs.flatMap((r) => r.params.code!.split(','));
    expect(tokens).toEqual(
      expect.arrayContaining([
        'http://loinc.org|4548-4',
        'http://loinc.org|2276-4',
        'http://loinc.org|48065-7',
        'http://loinc.org|72166-2',
        'http://snomed.info/sct|446841001',
      ]) as unknown,
    );
    for (const r of obs) expect(`&code=${encodeURIComponent(r.params.code!)}`.length).toBeLessThanOrEqual(1500);
    // Vascular-lab rows often carry text only: a category sweep lets text matching see them.
    const sweep = plan.requests.filter((r) => r.resourceType === 'Observation' && r.params.code === undefined);
    expect(sweep.map((r) => r.params.category)).toEqual([
      'http://terminology.hl7.org/CodeSystem/observation-category|exam,http://terminology.hl7.org/CodeSystem/observation-category|procedure',
    ]);
    expect(plan.requests.find((r) => r.resourceType === 'Condition')?.params).toEqual({});
    expect(plan.requests.find((r) => r.resourceType === 'MedicationRequest')?.params).toEqual({});
    expect(plan.requests.find((r) => r.resourceType === 'Procedure')?.params).toEqual({ date: 'ge2025-12-07' });
    expect(plan.requests.find((r) => r.resourceType === 'Encounter')?.params).toEqual({ date: 'ge2025-12-07' });
    for (const r of plan.requests) expect(r.justification.length).toBeGreaterThan(20);
  });

  it('includes site codes, and can fetch all Observations instead', () => {
    const parsed = parseLocalCodes({ abi: { codes: [{ system: 'urn:oid:1.2.3', code: 'ABI-R' }] } });
    if (!parsed.ok) throw new Error('config');
    const tokens = buildSearchPlan({ now: NOW, localCodes: parsed.config })
      .requests.filter((r) => r.resourceType === 'Observation' && r.params.code !== undefined)
      .flatMap((r) => r.params.code!.split(','));
    expect(tokens).toContain('urn:oid:1.2.3|ABI-R');
    const all = buildSearchPlan({ now: NOW, observations: 'all' }).requests.filter(
      (r) => r.resourceType === 'Observation',
    );
    expect(all).toEqual([expect.objectContaining({ params: { _sort: '-date' } }) as unknown]);
  });

  it('chunks respect the budget and lose no token', () => {
    const tokens = Array.from({ length: 200 }, (_, i) => `http://loinc.org|${1000 + i}-${i % 10}`);
    const chunks = chunkTokens(tokens, 400);
    expect(chunks.flat()).toEqual(tokens);
    for (const c of chunks) expect(`&code=${encodeURIComponent(c.join(','))}`.length).toBeLessThanOrEqual(400);
  });
});
