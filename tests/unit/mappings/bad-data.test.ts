/**
 * Issue 10 item 9: bad data that used to be used silently. Each case is either not used or used as the FHIR grammar
 * says, and always reported as a data issue in clinical words (what could not be used and why).
 */
import { mapChart } from '@/fhir-mappings';
import { isFhirDate } from '@/fhir-mappings/fhir-helpers';
import { LOINC, NOW, SNOMED, bundle, condition, observation } from './builders';

const map = (...resources: Record<string, unknown>[]) => mapChart({ resources }, { now: NOW }).facts;

describe('FHIR R4 date grammar', () => {
  it.each([
    ['2024', 'dateTime', true],
    ['2024-02', 'dateTime', true],
    ['2024-02-29', 'dateTime', true],
    ['2024-02-29T23:59:59Z', 'dateTime', true],
    ['2024-02-29T23:59:59.123456+14:00', 'dateTime', true],
    ['2024-02-29T10:00:00-05:00', 'instant', true],
    ['2024-02-29', 'date', true],
    ['2024-02-30', 'dateTime', false],
    ['2023-02-29', 'date', false],
    ['1900-02-29', 'date', false],
    ['2000-02-29', 'date', true],
    ['2024-04-31', 'dateTime', false],
    ['2024-1-1', 'dateTime', false],
    ['2024-13-01', 'dateTime', false],
    ['0000-01-01', 'date', false],
    ['2024-03-01 10:00:00', 'dateTime', false],
    ['2024-03-01T10:00:00', 'dateTime', false], // a time needs a zone in R4
    ['2024-03-01T10:00Z', 'dateTime', false], // and seconds
    ['2024-03-01T24:00:00Z', 'dateTime', false],
    ['2024-03-01T10:00:00+14:30', 'dateTime', false],
    ['2024-03-01', 'instant', false],
    ['2024-03-01T10:00:00Z', 'date', false],
    ['20240301', 'dateTime', false],
    ['2024-03-01T10:00:00Z ', 'dateTime', false],
    ['March 1, 2024', 'dateTime', false],
  ] as const)('%s as a %s → %s', (value, type, valid) => {
    expect(isFhirDate(value, type)).toBe(valid);
  });
});

describe('invalid dates are data issues, and the record is not dated by them', () => {
  it.each([
    ['2024-02-30', '"2024-02-30" is not a valid date'],
    ['2024-1-1', '"2024-1-1" is not a valid date'],
    ['2026-01-05 09:00:00', '"2026-01-05 09:00:00" is not a valid date'],
    ['<script>', 'could not be read'],
  ])('an Observation dated %s is not used', (date, words) => {
    const facts = map(observation({ id: 'o1', code: '2276-4', value: 40, unit: 'ng/mL', date }));
    expect(facts.observations).toEqual([]);
    expect(facts.dataIssues).toEqual([
      { resource: 'Observation/o1', problem: `Ferritin result: its date ${words}; not used — check the record.` },
    ]);
  });

  it('an invalid effective date is not replaced by the (later) issued date: an old result must not look recent', () => {
    const facts = map(
      observation({
        id: 'o2',
        code: '2276-4',
        value: 40,
        unit: 'ng/mL',
        date: '2025-02-30',
        extra: { issued: '2026-02-27T10:00:00Z' },
      }),
    );
    expect(facts.observations).toEqual([]);
    expect(facts.dataIssues[0]?.problem).toMatch(/its date "2025-02-30" is not a valid date/);
  });

  it('a result dated before 1900 is not used', () => {
    const facts = map(observation({ id: 'o3', code: '2276-4', value: 40, unit: 'ng/mL', date: '0202-03-01' }));
    expect(facts.observations).toEqual([]);
    expect(facts.dataIssues).toEqual([
      {
        resource: 'Observation/o3',
        problem: 'Ferritin result is dated before 1900 (0202-03-01); not used — check the record.',
      },
    ]);
  });

  it('a condition with an invalid onset is used without an onset, and says so', () => {
    const facts = map(condition({ id: 'c1', code: '399957001', display: 'PAD', onset: '2020-13-01' }));
    expect(facts.conditions).toHaveLength(1);
    expect(facts.conditions[0]?.onset).toBeUndefined();
    expect(facts.dataIssues).toEqual([
      {
        resource: 'Condition/c1',
        problem: expect.stringMatching(
          /on the problem list: the onset date "2020-13-01" is not a valid date; the condition is used without it\.$/,
        ) as unknown,
      },
    ]);
  });

  it('a condition whose end date cannot be read still ended (history, not active)', () => {
    const facts = map(
      condition({
        id: 'c2',
        code: '128053003',
        display: 'DVT',
        clinical: null,
        extra: { abatementDateTime: '2025-02-30' },
      }),
    );
    expect(facts.conditions.map((c) => c.status)).toEqual(['history']);
    expect(facts.dataIssues.map((i) => i.problem)).toEqual([expect.stringMatching(/the end date "2025-02-30"/)]);
  });

  it('a birth date that is not a real day leaves the age unknown, with a data issue', () => {
    const facts = map({ resourceType: 'Patient', id: 'p1', birthDate: '1950-02-30' });
    expect(facts.patient?.birthDate).toBeUndefined();
    expect(facts.dataIssues).toEqual([
      { resource: 'Patient/p1', problem: 'Birth date "1950-02-30" is not a valid date; age is unknown.' },
    ]);
  });

  it('a procedure or stay with an invalid date cannot count as recent, and says why', () => {
    const facts = map(
      {
        resourceType: 'Procedure',
        id: 'pr1',
        status: 'completed',
        code: { coding: [{ system: SNOMED, code: '80146002', display: 'Appendectomy' }] },
        performedDateTime: '2026-02-30',
      },
      {
        resourceType: 'Encounter',
        id: 'e1',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
        period: { start: '2026-02-10 08:00', end: '2026-02-14 08:00' },
      },
    );
    expect(facts.events).toEqual([]);
    expect(facts.dataIssues.map((i) => i.problem)).toEqual([
      'A surgical procedure: its date "2026-02-30" is not a valid date, so it cannot count as recent.',
      'An inpatient stay: its date "2026-02-14 08:00" is not a valid date, so it cannot count as recent.',
    ]);
  });
});

describe('values that contradict themselves or are placeholders', () => {
  it('an ABI of 0 is not used: it is a placeholder, not a measurement', () => {
    const facts = map(observation({ id: 'abi0', system: SNOMED, code: '446841001', value: 0 }));
    expect(facts.observations).toEqual([]);
    expect(facts.dataIssues).toEqual([
      {
        resource: 'Observation/abi0',
        problem:
          'Ankle-brachial index value 0 is outside the plausible range (0.01–2.5 {ratio}); not used — check the record.',
      },
    ]);
  });

  it('a value next to a dataAbsentReason is not used', () => {
    const absent = { dataAbsentReason: { coding: [{ code: 'not-performed' }] } };
    const facts = map(observation({ id: 'dar', code: '2276-4', value: 40, unit: 'ng/mL', extra: absent }), {
      ...observation({ id: 'dar-c', system: SNOMED, code: '446841001' }),
      component: [
        { code: { text: 'Right ABI' }, valueQuantity: { value: 0.7 }, ...absent },
        { code: { text: 'Left ABI' }, valueQuantity: { value: 0.95 } },
      ],
    });
    expect(facts.observations.map((o) => [o.provenance.reference, o.side, o.value])).toEqual([
      ['Observation/dar-c', 'left', 0.95],
    ]);
    expect(facts.dataIssues).toEqual([
      {
        resource: 'Observation/dar',
        problem: 'Ferritin result has a value and also says the value is missing; not used — check the record.',
      },
      {
        resource: 'Observation/dar-c',
        problem:
          'Ankle-brachial index result has a value and also says the value is missing; not used — check the record.',
      },
    ]);
  });
});

describe('Bundles and duplicate records', () => {
  const ferritin = (id: string, value = 40, extra: Record<string, unknown> = {}) =>
    observation({ id, code: '2276-4', system: LOINC, value, unit: 'ng/mL', extra });

  it('Bundles nested deeper than the limit are a data issue, not a silent drop', () => {
    let nested: Record<string, unknown> = bundle('collection', [ferritin('deep')]);
    for (let i = 0; i < 4; i += 1) nested = bundle('collection', [nested]);
    const r = mapChart({ bundle: bundle('collection', [ferritin('top'), nested]) }, { now: NOW });
    expect(r.facts.observations.map((o) => o.provenance.reference)).toEqual(['Observation/top']);
    expect(r.facts.dataIssues).toEqual([
      {
        problem:
          'Some records were packed in bundles nested more than 3 levels deep and were not read; the chart shown may be incomplete.',
      },
    ]);
  });

  it('identical copies of a record (paging, overlapping searches) are one record and no issue', () => {
    const facts = map(ferritin('same'), ferritin('same'), bundle('searchset', [ferritin('same')]));
    expect(facts.observations).toHaveLength(1);
    expect(facts.dataIssues).toEqual([]);
  });

  it('two different copies: the most recently updated one is used, and the issue says which and why', () => {
    const older = ferritin('d1', 40, { meta: { lastUpdated: '2026-01-01T00:00:00Z' } });
    const newer = ferritin('d1', 55, { meta: { lastUpdated: '2026-02-01T08:00:00Z' } });
    for (const order of [
      [newer, older],
      [older, newer],
    ]) {
      const facts = map(...order);
      expect(facts.observations.map((o) => o.value)).toEqual([55]);
      expect(facts.dataIssues).toEqual([
        {
          resource: 'Observation/d1',
          problem:
            'The server sent two different versions of this record; the one updated most recently (1 Feb 2026) was used.',
        },
      ]);
    }
  });

  it('two different copies by version number, then by order received when nothing says which is newer', () => {
    const v1 = ferritin('d2', 40, { meta: { versionId: '1' } });
    const v2 = ferritin('d2', 55, { meta: { versionId: '2' } });
    expect(map(v2, v1).observations.map((o) => o.value)).toEqual([55]);
    expect(map(v2, v1).dataIssues[0]?.problem).toMatch(/the later version \(version 2\) was used/);
    const facts = map(ferritin('d3', 40), ferritin('d3', 55));
    expect(facts.observations.map((o) => o.value)).toEqual([40]);
    expect(facts.dataIssues[0]?.problem).toMatch(/neither says which is newer, so the first one received was used/);
  });
});
