/**
 * Seeding the sandbox store: every persona and Synthea patient present, references resolved, ids stable (so a
 * persona launch is reproducible and a bookmarked launch keeps working).
 */
import type { Bundle, Observation } from 'fhir/r4';
import { createFhirApi, createFhirStore, resolveBundle } from '../../../mocks/fhir-store';
import type { FhirStore } from '../../../mocks/fhir-store';
import { personas, synthea } from '../../../mocks/personas/index';

const NOW = new Date('2026-11-26T12:00:00Z');
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
