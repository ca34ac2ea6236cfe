import { mapChart } from '@/fhir-mappings';
import type { ObservationFact } from '@/lib/engine/facts';
import { LOINC, NOW, SNOMED, observation } from './builders';

const map = (...resources: Record<string, unknown>[]) => mapChart({ resources }, { now: NOW }).facts;
const only = (facts: ReturnType<typeof map>): ObservationFact => {
  expect(facts.observations).toHaveLength(1);
  return facts.observations[0]!;
};

describe('Observation → facts: status', () => {
  it.each(['final', 'amended', 'corrected'])('%s results are used', (status) => {
    expect(map(observation({ code: '2276-4', value: 40, unit: 'ng/mL', status })).observations).toHaveLength(1);
  });

  it.each(['preliminary', 'registered', 'cancelled', 'unknown'])('%s results become a data issue', (status) => {
    const facts = map(observation({ id: 'f1', code: '2276-4', value: 40, unit: 'ng/mL', status }));
    expect(facts.observations).toHaveLength(0);
    expect(facts.dataIssues).toEqual([
      {
        resource: 'Observation/f1',
        problem: expect.stringMatching(new RegExp(`Ferritin.*"${status}".*not used`)) as unknown,
      },
    ]);
  });

  it('entered-in-error is excluded with a data issue', () => {
    const facts = map(
      observation({ id: 'e1', code: '48065-7', value: 300, unit: 'ng/mL', status: 'entered-in-error' }),
    );
    expect(facts.observations).toHaveLength(0);
    expect(facts.dataIssues[0]).toEqual({
      resource: 'Observation/e1',
      problem: 'D-dimer result was marked entered in error; not used.',
    });
  });

  it('irrelevant observations never produce issues, even when preliminary', () => {
    const facts = map(
      observation({ code: '8302-2', text: 'Body Height', value: 180, unit: 'cm', status: 'preliminary' }),
    );
    expect(facts.observations).toHaveLength(0);
    expect(facts.dataIssues).toHaveLength(0);
  });
});

describe('Observation → facts: values, units and plausibility', () => {
  it('keeps provenance: reference, date, matched coding and value set', () => {
    const fact = only(
      map(observation({ id: 'hb1', code: '4548-4', display: 'HbA1c', value: 8.2, unit: '%', date: '2026-01-05' })),
    );
    expect(fact).toEqual({
      concept: 'hba1c',
      value: 8.2,
      unit: '%',
      date: '2026-01-05',
      provenance: {
        reference: 'Observation/hb1',
        date: '2026-01-05',
        // The reviewed display (exact LOINC name) is kept over the server's short one.
        matched: { system: LOINC, code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' },
        valueSet: 'hba1c',
        matchedBy: 'code',
        verification: 'verified',
      },
    });
  });

  it('converts and records the original (HbA1c mmol/mol → %)', () => {
    const fact = only(map(observation({ code: '4548-4', value: 64, unit: 'mmol/mol' })));
    expect(fact.value).toBeCloseTo(8.0067, 3);
    expect(fact.original).toEqual({ value: 64, unit: 'mmol/mol' });
  });

  it('prefers the UCUM code over the display unit', () => {
    const fact = only(map(observation({ code: '2345-7', value: 5.5, unit: 'mmol per litre', ucum: 'mmol/L' })));
    expect(fact.value).toBeCloseTo(99.09, 1);
  });

  it('unknown units become a data issue, not a fact', () => {
    const facts = map(observation({ id: 'u1', code: '2276-4', value: 40, unit: 'bananas' }));
    expect(facts.observations).toHaveLength(0);
    expect(facts.dataIssues[0]?.problem).toMatch(/Ferritin result not used: unit "bananas"/);
  });

  it.each([
    ['abi', '446841001', SNOMED, 87, undefined, false],
    ['abi', '446841001', SNOMED, 2.51, undefined, false],
    ['abi', '446841001', SNOMED, 2.5, undefined, true],
    // Issue 10 item 9: an ABI of 0 is a placeholder, not a measurement (lib/engine/plausibility.ts).
    ['abi', '446841001', SNOMED, 0, undefined, false],
    ['abi', '446841001', SNOMED, 0.01, undefined, true],
    ['abi', '446841001', SNOMED, -0.1, undefined, false],
    ['ferritin', '2276-4', LOINC, -5, 'ng/mL', false],
    ['ferritin', '2276-4', LOINC, 0, 'ng/mL', true],
    ['potassium', '2823-3', LOINC, 10, 'mmol/L', true],
    ['potassium', '2823-3', LOINC, 10.5, 'mmol/L', false],
    ['hba1c', '4548-4', LOINC, 2.9, '%', false],
  ])('%s %s = %d %s → usable %s', (concept, code, system, value, unit, usable) => {
    const facts = map(observation({ id: 'p1', system, code, value, unit }));
    expect(facts.observations.length).toBe(usable ? 1 : 0);
    if (!usable) expect(facts.dataIssues[0]?.problem).toMatch(/outside the plausible range/);
  });

  it('a toe-brachial index of 0 (no toe perfusion) is a finding and is used', () => {
    expect(only(map(observation({ text: 'Toe-brachial index', value: 0 }))).value).toBe(0);
  });

  it('ABI 0.90 / 0.91 and 1.40 / 1.41 pass through unchanged', () => {
    for (const v of [0.9, 0.91, 1.4, 1.41]) {
      expect(only(map(observation({ system: SNOMED, code: '446841001', value: v }))).value).toBe(v);
    }
  });

  it('D-dimer DDU: doubled to FEU, original kept, approximation explained', () => {
    const facts = map(observation({ id: 'dd', code: '48066-5', value: 300, unit: 'ng/mL' }));
    const fact = only(facts);
    expect(fact).toMatchObject({ concept: 'd-dimer', value: 600, unit: 'ng/mL{FEU}' });
    expect(fact.original?.value).toBe(300);
    expect(fact.original?.unit).toMatch(/DDU.*approximate/);
    // Used (approximately), so not listed among records that could not be used.
    expect(facts.dataIssues).toEqual([]);
  });

  it('D-dimer without FEU/DDU is not used', () => {
    const facts = map(observation({ text: 'D-dimer', value: 450, unit: 'ng/mL' }));
    expect(facts.observations).toHaveLength(0);
    expect(facts.dataIssues[0]?.problem).toMatch(/FEU or DDU/);
  });

  it('comparator values use the limit and say so', () => {
    const facts = map(
      observation({ code: '2276-4', extra: { valueQuantity: { value: 5, comparator: '<', unit: 'ng/mL' } } }),
    );
    expect(only(facts).value).toBe(5);
    expect(facts.dataIssues[0]?.problem).toMatch(/reported as "< 5 ng\/mL"/);
  });

  it('numeric valueString is read; coded values and data-absent are data issues', () => {
    expect(only(map(observation({ text: 'ABI', extra: { valueString: '0.62' } }))).value).toBe(0.62);
    const coded = map(observation({ code: '2276-4', extra: { valueCodeableConcept: { text: 'haemolysed' } } }));
    expect(coded.dataIssues[0]?.problem).toMatch(/coded, not a number/);
    const absent = map(
      observation({ code: '2276-4', extra: { dataAbsentReason: { coding: [{ code: 'not-performed' }] } } }),
    );
    expect(absent.dataIssues[0]?.problem).toMatch(/data absent: "not-performed"/);
  });

  it('interpretation and reference range are normalised', () => {
    const fact = only(
      map(
        observation({
          code: '2823-3',
          value: 3.1,
          unit: 'mmol/L',
          extra: {
            interpretation: [
              { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'L' }] },
            ],
            referenceRange: [{ low: { value: 3.5, unit: 'mmol/L' }, high: { value: 5.1, unit: 'mmol/L' } }],
          },
        }),
      ),
    );
    expect(fact.interpretation).toBe('low');
    expect(fact.referenceRange).toEqual({ low: 3.5, high: 5.1 });
  });

  it('keeps every value, newest first', () => {
    const facts = map(
      observation({ code: '2276-4', value: 30, unit: 'ng/mL', date: '2025-01-01' }),
      observation({ code: '2276-4', value: 50, unit: 'ng/mL', date: '2026-01-01' }),
      observation({ code: '2276-4', value: 40, unit: 'ng/mL', date: '2025-06-01' }),
    );
    expect(facts.observations.map((o) => o.value)).toEqual([50, 40, 30]);
  });

  it('undated and future-dated results are data issues', () => {
    const undated = observation({ code: '2276-4', value: 30, unit: 'ng/mL' });
    delete undated.effectiveDateTime;
    expect(map(undated).dataIssues[0]?.problem).toMatch(/no usable date/);
    expect(
      map(observation({ code: '2276-4', value: 30, unit: 'ng/mL', date: '2027-01-01' })).dataIssues[0]?.problem,
    ).toMatch(/dated in the future/);
  });

  it('falls back to issued when effective[x] is missing', () => {
    const o = observation({ code: '2276-4', value: 30, unit: 'ng/mL' });
    delete o.effectiveDateTime;
    o.issued = '2026-02-02T10:00:00Z';
    expect(only(map(o)).date).toBe('2026-02-02T10:00:00Z');
  });
});

describe('vascular laterality', () => {
  it('from bodySite SNOMED codes', () => {
    const fact = only(
      map(
        observation({
          system: SNOMED,
          code: '446841001',
          value: 0.55,
          extra: { bodySite: { coding: [{ system: SNOMED, code: '32153003', display: 'Left lower limb' }] } },
        }),
      ),
    );
    expect(fact.side).toBe('left');
  });

  it('from bodySite text', () => {
    const fact = only(map(observation({ text: 'ABI', value: 0.55, extra: { bodySite: { text: 'Right leg' } } })));
    expect(fact.side).toBe('right');
  });

  it('from code text ("R ABI", "ABI left")', () => {
    expect(only(map(observation({ text: 'R ABI', value: 0.7 }))).side).toBe('right');
    expect(only(map(observation({ text: 'ABI left', value: 0.7 }))).side).toBe('left');
    expect(only(map(observation({ text: 'ABI', value: 0.7 }))).side).toBeUndefined();
  });

  it('one Observation with right and left components → two facts', () => {
    const facts = map(
      observation({
        id: 'abi2',
        system: SNOMED,
        code: '446841001',
        display: 'Ankle brachial pressure index',
        extra: {
          component: [
            {
              code: { coding: [{ system: 'https://example.org/abi', code: 'right-abi' }] },
              valueQuantity: { value: 0.62 },
            },
            {
              code: { coding: [{ system: 'https://example.org/abi', code: 'left-abi' }] },
              valueQuantity: { value: 1.05 },
            },
          ],
        },
      }),
    );
    expect(facts.observations.map((o) => [o.concept, o.side, o.value]).sort()).toEqual([
      ['abi', 'left', 1.05],
      ['abi', 'right', 0.62],
    ]);
    expect(facts.observations.every((o) => o.provenance.reference === 'Observation/abi2')).toBe(true);
    expect(facts.dataIssues).toHaveLength(0);
  });

  it('a side-only component inherits the parent concept only when its unit fits', () => {
    const facts = map(
      observation({
        text: 'ABI',
        extra: {
          component: [
            { code: { text: 'Right' }, valueQuantity: { value: 0.58 } },
            { code: { text: 'Right brachial systolic' }, valueQuantity: { value: 142, unit: 'mmHg' } },
          ],
        },
      }),
    );
    expect(facts.observations.map((o) => [o.concept, o.side, o.value])).toEqual([['abi', 'right', 0.58]]);
    expect(facts.dataIssues).toEqual([]);
  });

  it('components coded for another vascular concept map to that concept', () => {
    const facts = map(
      observation({
        text: 'Arterial study',
        extra: {
          component: [
            { code: { text: 'Right toe pressure' }, valueQuantity: { value: 25, unit: 'mmHg' } },
            { code: { text: 'Left ankle systolic pressure' }, valueQuantity: { value: 110, unit: 'mm[Hg]' } },
            { code: { text: 'Heart rate' }, valueQuantity: { value: 70, unit: '/min' } },
          ],
        },
      }),
    );
    // The heart rate is a vital sign (read for the possible-PE flag), never a vascular measurement of a leg.
    expect(facts.observations.map((o) => [o.concept, o.side, o.value]).sort()).toEqual([
      ['ankle-pressure', 'left', 110],
      ['heart-rate', undefined, 70],
      ['toe-pressure', 'right', 25],
    ]);
  });

  it('labs never carry a side', () => {
    expect(only(map(observation({ text: 'Ferritin left', value: 40, unit: 'ng/mL' }))).side).toBeUndefined();
  });
});

describe('smoking status (72166-2)', () => {
  const smoking = (code: string, display: string, date = '2026-01-01') =>
    observation({
      code: '72166-2',
      extra: { valueCodeableConcept: { coding: [{ system: SNOMED, code, display }] } },
      date,
    });
  it.each([
    ['449868002', 'Smokes tobacco daily', 'current'],
    ['77176002', 'Smoker', 'current'],
    ['8517006', 'Ex-smoker', 'former'],
    ['266919005', 'Never smoker', 'never'],
  ])('%s → %s', (code, display, status) => {
    expect(map(smoking(code, display)).smoking?.status).toBe(status);
  });
  it('text answers are read when the code is unknown', () => {
    const o = observation({ code: '72166-2', extra: { valueCodeableConcept: { text: 'Former smoker' } } });
    expect(map(o).smoking?.status).toBe('former');
  });
  it('the newest statement wins', () => {
    const facts = map(
      smoking('266919005', 'Never smoker', '2020-01-01'),
      smoking('449868002', 'Smokes daily', '2025-01-01'),
    );
    expect(facts.smoking?.status).toBe('current');
  });
});
