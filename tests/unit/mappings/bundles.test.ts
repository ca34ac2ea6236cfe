import { mapChart } from '@/fhir-mappings';
import { LOINC, NOW, bundle, condition, observation } from './builders';

const ferritin = (id: string) => observation({ id, code: '2276-4', value: 40, unit: 'ng/mL' });

describe('mapChart input: Bundles and flat lists', () => {
  it.each(['searchset', 'collection', 'transaction', 'batch-response', 'transaction-response'])(
    'reads a %s Bundle',
    (type) => {
      const r = mapChart(
        { bundle: bundle(type, [ferritin('f1'), condition({ id: 'c1', code: '32914008' })]) },
        { now: NOW },
      );
      expect(r.error).toBeUndefined();
      expect(r.facts.observations.map((o) => o.provenance.reference)).toEqual(['Observation/f1']);
      expect(r.facts.conditions.map((c) => c.concept)).toEqual(['restless-legs']);
    },
  );

  it('transaction entries without an id use the urn:uuid of their fullUrl', () => {
    const obs = ferritin('ignored');
    delete obs.id;
    const b = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:0b1c2d3e-1111-2222-3333-444455556666',
          resource: obs,
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    };
    expect(mapChart({ bundle: b }, { now: NOW }).facts.observations[0]?.provenance.reference).toBe(
      'Observation/0b1c2d3e-1111-2222-3333-444455556666',
    );
  });

  it('reads a flat resource list, unpacking searchset Bundles inside it, and dedupes by Type/id', () => {
    const page1 = bundle('searchset', [ferritin('f1'), ferritin('f2')]);
    const page2 = bundle('searchset', [ferritin('f2'), ferritin('f3')]);
    const r = mapChart({ resources: [page1, page2, ferritin('f3')] }, { now: NOW });
    expect(r.facts.observations.map((o) => o.provenance.reference).sort()).toEqual([
      'Observation/f1',
      'Observation/f2',
      'Observation/f3',
    ]);
  });

  it('keeps the most recently updated copy of a duplicate', () => {
    const older = { ...ferritin('d1'), meta: { lastUpdated: '2026-01-01T00:00:00Z' } };
    const newer = {
      ...observation({ id: 'd1', code: '2276-4', value: 55, unit: 'ng/mL' }),
      meta: { lastUpdated: '2026-02-01T00:00:00Z' },
    };
    expect(mapChart({ resources: [newer, older] }, { now: NOW }).facts.observations.map((o) => o.value)).toEqual([55]);
  });

  it('a "bundle" that is not a Bundle is one clear error line', () => {
    for (const input of [{ resourceType: 'Patient', id: 'x' }, [1, 2], 'text', null, {}]) {
      const r = mapChart({ bundle: input }, { now: NOW });
      expect(r.error).toMatch(/not a (FHIR )?Bundle|is a FHIR Patient, not a Bundle/);
      expect(r.error).not.toContain('\n');
      expect(r.facts.dataIssues).toEqual([{ problem: r.error }]);
      expect(r.facts.observations).toHaveLength(0);
    }
  });

  it('malformed entries never crash and show up as issues; good entries survive', () => {
    const b = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        null,
        42,
        { fullUrl: 'x' },
        { resource: { id: 'no-type' } },
        { resource: 'not an object' },
        { resource: { resourceType: 'Observation', id: 'o1', status: 'final', code: 'ferritin' } },
        {
          resource: {
            resourceType: 'Observation',
            id: 'o2',
            status: 7,
            code: { coding: [{ system: LOINC, code: '2276-4' }] },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            id: 'o3',
            status: 'final',
            code: { coding: 'oops' },
            valueQuantity: { value: 'x' },
          },
        },
        { search: { mode: 'outcome' }, resource: { resourceType: 'OperationOutcome', issue: [] } },
        { resource: ferritin('good') },
      ],
    };
    const r = mapChart({ bundle: b }, { now: NOW });
    expect(r.error).toBeUndefined();
    expect(r.facts.observations.map((o) => o.provenance.reference)).toEqual(['Observation/good']);
    const problems = r.facts.dataIssues.map((i) => `${i.resource ?? '-'}: ${i.problem}`);
    expect(problems).toEqual([
      '-: Bundle entry 1 is malformed; skipped.',
      '-: Bundle entry 2 is malformed; skipped.',
      '-: Bundle entry 3 has no resource; skipped.',
      '-: Bundle entry 4 has no resourceType; skipped.',
      '-: Bundle entry 5 is not a FHIR resource; skipped.',
      'Observation/o1: This result could not be read (its code is missing or malformed); not used.',
      'Observation/o2: This result could not be read (its status is missing or malformed); not used.',
      expect.stringMatching(/^Observation\/o3: This result could not be read/),
    ]);
  });

  it('failed requests in a batch-response are reported', () => {
    const b = {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [{ response: { status: '403 Forbidden' } }, { resource: ferritin('ok'), response: { status: '200 OK' } }],
    };
    const r = mapChart({ bundle: b }, { now: NOW });
    expect(r.facts.observations).toHaveLength(1);
    expect(r.facts.dataIssues).toEqual([{ problem: expect.stringMatching(/answered "403"/) as unknown }]);
  });

  it('passes unavailable sections through and returns the patient header', () => {
    const r = mapChart(
      {
        resources: [
          {
            resourceType: 'Patient',
            id: 'p1',
            birthDate: '1950-04-02',
            gender: 'female',
            name: [{ use: 'official', given: ['Ada'], family: 'Lovelace' }],
          },
        ],
        unavailable: ['Observation', 'Observation', 'MedicationRequest'],
      },
      { now: NOW },
    );
    expect(r.facts.unavailable).toEqual(['Observation', 'MedicationRequest']);
    expect(r.facts.patient).toEqual({
      birthDate: '1950-04-02',
      sex: 'female',
      provenance: { reference: 'Patient/p1', date: '1950-04-02' },
    });
    expect(r.patient).toEqual({ id: 'p1', name: 'Ada Lovelace', birthDate: '1950-04-02', sex: 'female' });
    expect(JSON.stringify(r.facts)).not.toContain('Lovelace');
  });

  it('an empty input is an empty chart, not an error', () => {
    const r = mapChart({}, { now: NOW });
    expect(r.error).toBeUndefined();
    expect(r.facts).toEqual({
      conditions: [],
      observations: [],
      medications: [],
      events: [],
      unavailable: [],
      dataIssues: [],
    });
  });
});

describe('data issues never copy free text from the record', () => {
  it('odd statuses, units and types are described, not quoted', () => {
    const secret = 'Call Mrs Jane Example on 555 0100 about this';
    const r = mapChart(
      {
        resources: [
          observation({ code: '2276-4', value: 40, unit: secret }),
          observation({ code: '2276-4', value: 40, unit: 'ng/mL', status: secret }),
          condition({ code: '128053003', clinical: secret }),
        ],
      },
      { now: NOW },
    );
    expect(r.facts.dataIssues).toHaveLength(3);
    expect(JSON.stringify(r.facts.dataIssues).toLowerCase()).not.toContain('jane');
    expect(mapChart({ bundle: { resourceType: secret } }).error).not.toContain('Jane');
  });
});
