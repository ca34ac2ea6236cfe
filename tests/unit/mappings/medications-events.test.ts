import { mapChart } from '@/fhir-mappings';
import { NOW, RXNORM, SNOMED, medicationRequest } from './builders';

const map = (...resources: Record<string, unknown>[]) => mapChart({ resources }, { now: NOW }).facts;

describe('MedicationRequest → facts', () => {
  it('matches by ingredient code and by text, with provenance', () => {
    const facts = map(
      medicationRequest({ id: 'm1', code: '4603', display: 'furosemide' }),
      medicationRequest({ id: 'm2', code: '617314', display: 'Atorvastatin 10 MG Oral Tablet' }),
    );
    expect(facts.medications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          medClass: 'diuretic',
          status: 'active',
          provenance: expect.objectContaining({
            reference: 'MedicationRequest/m1',
            valueSet: 'med-diuretic',
          }) as unknown,
        }),
        expect.objectContaining({
          medClass: 'statin',
          label: 'Atorvastatin 10 MG Oral Tablet',
          provenance: expect.objectContaining({ matched: { text: 'Atorvastatin 10 MG Oral Tablet' } }) as unknown,
        }),
      ]) as unknown,
    );
  });

  it.each([
    ['active', 'active'],
    ['on-hold', 'active'],
    ['completed', 'stopped'],
    ['stopped', 'stopped'],
  ])('status %s → %s', (status, expected) => {
    expect(map(medicationRequest({ text: 'sertraline 50 mg', status })).medications[0]?.status).toBe(expected);
  });

  it('cancelled and draft orders are not facts; entered-in-error is a data issue', () => {
    expect(map(medicationRequest({ text: 'warfarin', status: 'cancelled' })).medications).toHaveLength(0);
    const facts = map(medicationRequest({ id: 'x', text: 'warfarin', status: 'entered-in-error' }));
    expect(facts.medications).toHaveLength(0);
    expect(facts.dataIssues[0]).toMatchObject({ resource: 'MedicationRequest/x' });
  });

  it('reads a contained Medication and its ingredients', () => {
    const facts = map(
      medicationRequest({
        extra: {
          medicationReference: { reference: '#med1' },
          contained: [
            {
              resourceType: 'Medication',
              id: 'med1',
              code: { text: 'Combination inhaler' },
              ingredient: [
                { itemCodeableConcept: { coding: [{ system: RXNORM, code: '25255', display: 'formoterol' }] } },
              ],
            },
          ],
        },
      }),
    );
    expect(facts.medications.map((m) => m.medClass)).toEqual(['laba']);
  });

  it('reads a Medication elsewhere in the input', () => {
    const facts = map(medicationRequest({ extra: { medicationReference: { reference: 'Medication/55' } } }), {
      resourceType: 'Medication',
      id: '55',
      code: { coding: [{ system: RXNORM, code: '1364430' }] },
    });
    expect(facts.medications.map((m) => m.medClass)).toEqual(['anticoagulant']);
  });

  it('a missing referenced Medication is a data issue', () => {
    const facts = map(medicationRequest({ id: 'mm', extra: { medicationReference: { reference: 'Medication/404' } } }));
    expect(facts.dataIssues[0]).toMatchObject({
      resource: 'MedicationRequest/mm',
      problem: expect.stringMatching(/not found/) as unknown,
    });
  });
});

describe('Procedure and Encounter → care events', () => {
  const procedure = (id: string, text: string, date: string, extra: Record<string, unknown> = {}) => ({
    resourceType: 'Procedure',
    id,
    status: 'completed',
    code: { text },
    performedDateTime: date,
    ...extra,
  });

  it('recent surgery (≤ 12 weeks) is an event; older surgery is not', () => {
    const facts = map(
      procedure('p1', 'Total knee arthroplasty', '2026-01-15'),
      procedure('p2', 'Appendectomy', '2025-06-01'),
    );
    expect(facts.events).toEqual([
      {
        kind: 'surgery',
        label: 'Total knee arthroplasty',
        date: '2026-01-15',
        surgeryClass: 'major',
        provenance: expect.objectContaining({ reference: 'Procedure/p1', valueSet: 'surgical-procedure' }) as unknown,
      },
    ]);
  });

  it('surgery detected by Procedure.category', () => {
    const facts = map(
      procedure('p3', 'Open reduction', '2026-02-01', {
        category: { coding: [{ system: SNOMED, code: '387713003', display: 'Surgical procedure' }] },
      }),
    );
    expect(facts.events.map((e) => e.kind)).toEqual(['surgery']);
  });

  it('cast application is immobilisation; diagnostic procedures are not surgery', () => {
    const facts = map(
      procedure('c1', 'Application of short leg cast', '2026-02-10'),
      procedure('b1', 'Biopsy of prostate', '2026-02-10'),
      procedure('d1', 'Documentation of current medications', '2026-02-10'),
    );
    expect(facts.events.map((e) => [e.kind, e.provenance.reference])).toEqual([['immobilisation', 'Procedure/c1']]);
  });

  it('not-done and entered-in-error procedures are not events', () => {
    const facts = map(
      procedure('n1', 'Hip replacement', '2026-02-01', { status: 'not-done' }),
      procedure('n2', 'Hip replacement', '2026-02-01', { status: 'entered-in-error' }),
    );
    expect(facts.events).toHaveLength(0);
    expect(facts.dataIssues).toEqual([
      { resource: 'Procedure/n2', problem: expect.stringMatching(/entered in error/) as unknown },
    ]);
  });

  const encounter = (id: string, cls: string, period: { start: string; end?: string }, status = 'finished') => ({
    resourceType: 'Encounter',
    id,
    status,
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: cls },
    type: [{ text: cls === 'EMER' ? 'Emergency room admission' : 'Hospital admission' }],
    period,
  });

  it('recent inpatient stays (IMP / ACUTE / NONAC) are events with length of stay', () => {
    const facts = map(
      encounter('e1', 'IMP', { start: '2026-02-01T08:00:00Z', end: '2026-02-06T08:00:00Z' }),
      encounter('e2', 'AMB', { start: '2026-02-01T08:00:00Z', end: '2026-02-01T09:00:00Z' }),
      encounter('e3', 'EMER', { start: '2026-02-01T08:00:00Z', end: '2026-02-01T12:00:00Z' }),
      encounter('e4', 'ACUTE', { start: '2025-01-01T08:00:00Z', end: '2025-01-04T08:00:00Z' }),
    );
    expect(facts.events).toEqual([
      expect.objectContaining({
        kind: 'inpatient-stay',
        label: 'Inpatient stay: Hospital admission (5 days)',
        date: '2026-02-06T08:00:00Z',
      }) as unknown,
    ]);
  });

  it('an ongoing stay counts even if it began long ago; an R5-style class is accepted', () => {
    const facts = map({
      resourceType: 'Encounter',
      id: 'e5',
      status: 'in-progress',
      class: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'NONAC' }] }],
      period: { start: '2025-09-01' },
    });
    expect(facts.events.map((e) => e.kind)).toEqual(['inpatient-stay']);
  });
});
