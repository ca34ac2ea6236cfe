/**
 * Seeding the sandbox store: every persona and Synthea patient present, references resolved, ids stable (so a
 * persona launch is reproducible and a bookmarked launch keeps working).
 */
import { parseSearchRequest } from '@medplum/core';
import type { SearchRequest } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Observation } from 'fhir/r4';
import { createFhirApi, createFhirStore, resolveBundle } from '../../../mocks/fhir-store';
import type { FhirStore } from '../../../mocks/fhir-store';
import { personas, synthea } from '../../../mocks/personas/index';

const NOW = new Date('2026-11-26T12:00:00Z');
const PERSONA_A = 'pad-clti-rest-pain';
const PERSONA_B = 'dvt-post-hip-replacement';
let store: FhirStore;

beforeAll(async () => {
  store = await createFhirStore({ now: NOW });
}, 30_000);

describe('createFhirStore', () => {
  it('seeds every persona under its own id and every Synthea patient under its UUID', async () => {
    expect(store.patients.map((p) => p.id)).toEqual(
      expect.arrayContaining([...personas.map((p) => p.id), '9efca32a-04f9-438a-990c-a287e8b62aac']),
    );
    expect(store.patients).toHaveLength(personas.length + synthea.length);
    for (const p of personas) {
      const patient = await store.repo.readResource('Patient', p.id);
      expect(patient.id).toBe(p.id);
    }
    expect(store.patients.filter((p) => p.source === 'synthea').map((p) => p.name)).toEqual(
      expect.arrayContaining(synthea.map((s) => s.name)),
    );
  });

  it("resolves Synthea's urn:uuid references to Type/id", async () => {
    const api = createFhirApi(store, { baseUrl: 'https://sandbox.test/fhir' });
    const res = await api(
      new Request('https://sandbox.test/fhir/Observation?subject=Patient/ffd502c9-23e1-4f8f-bc8a-87373acad280'),
    );
    const bundle = (await res.json()) as Bundle;
    expect(bundle.total).toBe(118);
    const obs = bundle.entry![0]!.resource as Observation;
    expect(obs.subject?.reference).toBe('Patient/ffd502c9-23e1-4f8f-bc8a-87373acad280');
    expect(obs.encounter?.reference).toMatch(/^Encounter\/[0-9a-f-]{36}$/);
  });

  it('gives the same ids on every start', async () => {
    const again = await createFhirStore({ now: NOW });
    expect(again.patients.map((p) => p.id)).toEqual(store.patients.map((p) => p.id));
    expect(again.practitioners.map((p) => p.id)).toEqual(store.practitioners.map((p) => p.id));
  }, 30_000);
});

describe('resolveBundle', () => {
  it('takes ids from urn:uuid fullUrls or PUT urls and rewrites references to them', () => {
    const observation: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
    };
    const resources = resolveBundle({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          resource: { resourceType: 'Patient' },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: { resourceType: 'Practitioner' },
          request: { method: 'PUT', url: 'Practitioner/dr-x' },
        },
        {
          fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
          resource: observation,
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    });
    expect(resources.map((r) => `${r.resourceType}/${r.id}`)).toEqual([
      'Patient/11111111-1111-4111-8111-111111111111',
      'Practitioner/dr-x',
      'Observation/22222222-2222-4222-8222-222222222222',
    ]);
    expect((resources[2] as Observation).subject?.reference).toBe('Patient/11111111-1111-4111-8111-111111111111');
  });
});

describe('the patient-compartment index', () => {
  /** medplum's own full scan, bypassing the index: the reference the indexed search must equal. */
  const fullScan = (request: SearchRequest) => MemoryRepository.prototype.search.call(store.repo, request);
  const ids = (bundle: { entry?: { resource?: { id?: string } }[] }) => (bundle.entry ?? []).map((e) => e.resource?.id);

  it('answers patient-scoped searches exactly as the full scan does, in the same order', async () => {
    const queries: [string, Record<string, string[]>][] = [];
    for (const p of store.patients) {
      queries.push(
        ['Observation', { patient: [`Patient/${p.id}`] }],
        ['Observation', { code: ['http://loinc.org|4548-4,http://loinc.org|2160-0'], subject: [`Patient/${p.id}`] }],
        ['Observation', { category: ['laboratory'], patient: [`Patient/${p.id}`], date: ['ge2020-01-01'] }],
        ['Condition', { patient: [`Patient/${p.id}`], 'clinical-status': ['active'] }],
        ['Encounter', { subject: [`Patient/${p.id}`] }],
        ['MedicationRequest', { patient: [`Patient/${p.id},Patient/${PERSONA_B}`] }],
        ['Patient', { link: [`Patient/${p.id}`] }],
      );
    }
    let compared = 0;
    for (const [type, query] of queries) {
      const request = parseSearchRequest(type as 'Observation', query);
      const indexed = await store.repo.search(request);
      const scanned = await fullScan(request);
      expect(ids(indexed), `${type} ${JSON.stringify(query)}`).toEqual(ids(scanned));
      expect(indexed.total).toBe(scanned.total);
      compared += scanned.entry?.length ?? 0;
    }
    expect(compared).toBeGreaterThan(1000); // the comparison covered real charts, not empty results
  });

  it('follows creates, updates (moving a resource to another patient) and deletes', async () => {
    const own = await createFhirStore({ now: NOW, synthea: false });
    const obs = await own.repo.createResource({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'index test' },
      subject: { reference: `Patient/${PERSONA_A}` },
    });
    const byPatient = async (patient: string) =>
      ids(await own.repo.search(parseSearchRequest('Observation', { patient: [`Patient/${patient}`] })));
    expect(await byPatient(PERSONA_A)).toContain(obs.id);
    await own.repo.updateResource({ ...obs, subject: { reference: `Patient/${PERSONA_B}` } });
    expect(await byPatient(PERSONA_A)).not.toContain(obs.id);
    expect(await byPatient(PERSONA_B)).toContain(obs.id);
    // Same order as the full scan after the move.
    const request = parseSearchRequest('Observation', { patient: [`Patient/${PERSONA_B}`] });
    expect(ids(await own.repo.search(request))).toEqual(
      ids(await MemoryRepository.prototype.search.call(own.repo, request)),
    );
    await own.repo.deleteResource('Observation', obs.id);
    expect(await byPatient(PERSONA_B)).not.toContain(obs.id);
  });

  it('returns copies: changing a search result does not change the store', async () => {
    const request = parseSearchRequest('Condition', { patient: [`Patient/${PERSONA_A}`] });
    const first = (await store.repo.search(request)).entry?.[0]?.resource;
    expect(first).toBeDefined();
    (first as { id: string }).id = 'tampered';
    expect(ids(await store.repo.search(request))).not.toContain('tampered');
  });
});
