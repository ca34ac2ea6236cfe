/**
 * The chart facts the clinical safety layer v2 reads (issue 9): atrial fibrillation, a leg bypass or stent, dialysis,
 * heart rate and oxygen saturation, dopamine agonists, the class of a recent surgery and the length of a stay.
 */
import { describe, expect, it } from 'vitest';
import { mapChart } from '@/fhir-mappings';
import { ICD10CM, LOINC, NOW, SNOMED, condition, medicationRequest, observation } from './builders';

const map = (...resources: Record<string, unknown>[]) => mapChart({ resources }, { now: NOW }).facts;
const concepts = (...resources: Record<string, unknown>[]) => map(...resources).conditions.map((c) => c.concept);

describe('conditions the chart pre-answers', () => {
  it('atrial fibrillation by SNOMED, ICD-10-CM prefix or text, never from a family history', () => {
    expect(concepts(condition({ code: '49436004', display: 'Atrial fibrillation' }))).toContain('atrial-fibrillation');
    expect(
      concepts(condition({ system: ICD10CM, code: 'I48.91', display: 'Unspecified atrial fibrillation' })),
    ).toContain('atrial-fibrillation');
    expect(concepts(condition({ text: 'Paroxysmal AF' }))).toContain('atrial-fibrillation');
    expect(concepts(condition({ text: 'Family history of atrial fibrillation' }))).not.toContain('atrial-fibrillation');
  });

  it('a leg bypass, stent or angioplasty (status codes and procedure names), not a coronary one', () => {
    expect(
      concepts(condition({ system: ICD10CM, code: 'Z95.820', display: 'Peripheral vascular angioplasty status' })),
    ).toContain('peripheral-revascularisation');
    expect(concepts(condition({ text: 'Status post right fem-pop bypass' }))).toContain('peripheral-revascularisation');
    expect(concepts(condition({ text: 'Superficial femoral artery stent, left' }))).toContain(
      'peripheral-revascularisation',
    );
    expect(concepts(condition({ text: 'Coronary artery bypass graft' }))).not.toContain('peripheral-revascularisation');
    // A status code is history whatever the clinical status says.
    expect(map(condition({ text: 'Fem-pop bypass graft' })).conditions[0]?.status).toBe('history');
  });

  it('dialysis by Z99.2 or text (and ESRD stays its own concept)', () => {
    expect(concepts(condition({ system: ICD10CM, code: 'Z99.2', display: 'Dependence on renal dialysis' }))).toEqual(
      expect.arrayContaining(['dialysis', 'esrd']),
    );
    expect(concepts(condition({ text: 'On haemodialysis three times a week' }))).toContain('dialysis');
    expect(concepts(condition({ code: '46177005', display: 'End-stage renal disease' }))).not.toContain('dialysis');
  });
});

describe('vital signs for the possible-PE red flag', () => {
  it('heart rate (LOINC 8867-4, /min) and oxygen saturation (59408-5 / 2708-6, %)', () => {
    const facts = map(
      observation({ code: '8867-4', display: 'Heart rate', value: 112, unit: 'beats/min', ucum: '/min' }),
      observation({ code: '59408-5', display: 'Oxygen saturation by pulse oximetry', value: 93, unit: '%', ucum: '%' }),
    );
    expect(facts.observations.map((o) => [o.concept, o.value, o.unit])).toEqual(
      expect.arrayContaining([
        ['heart-rate', 112, '/min'],
        ['spo2', 93, '%'],
      ]),
    );
  });

  it('an implausible heart rate is a data issue, not a fact; a fetal heart rate is not a heart rate', () => {
    const facts = map(
      observation({ id: 'hr-bad', code: '8867-4', value: 900, unit: '/min', ucum: '/min' }),
      observation({ text: 'Fetal heart rate', value: 140, unit: '/min' }),
    );
    expect(facts.observations).toEqual([]);
    expect(facts.dataIssues.map((i) => i.resource)).toContain('Observation/hr-bad');
  });
});

describe('dopamine agonists', () => {
  it('matches pramipexole, ropinirole, rotigotine and levodopa by name', () => {
    const facts = map(
      medicationRequest({ text: 'Pramipexole 0.25 mg tablet' }),
      medicationRequest({ text: 'Neupro (rotigotine) patch' }),
      medicationRequest({ text: 'Sinemet 25/100' }),
    );
    expect(facts.medications.map((m) => m.medClass)).toEqual([
      'dopamine-agonist',
      'dopamine-agonist',
      'dopamine-agonist',
    ]);
  });
});

describe('recent surgery class and length of stay (Wells, NICE NG158)', () => {
  const procedure = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
    resourceType: 'Procedure',
    id,
    status: 'completed',
    code: { text },
    performedDateTime: '2026-02-10',
    ...extra,
  });
  const classOf = (p: Record<string, unknown>) => map(p).events[0]?.surgeryClass;

  it('a joint replacement, a laparoscopic operation or an amputation is major surgery', () => {
    expect(classOf(procedure('a', 'Total hip replacement'))).toBe('major');
    expect(classOf(procedure('b', 'Laparoscopic cholecystectomy'))).toBe('major');
    expect(
      classOf(
        procedure('c', 'Amputation', { code: { coding: [{ system: SNOMED, code: '79733001' }], text: 'Amputation' } }),
      ),
    ).toBe('major');
  });

  it('a skin excision or a procedure under local anaesthetic is minor; an unclassifiable one stays unknown', () => {
    expect(classOf(procedure('d', 'Excision of skin lesion of back'))).toBe('minor');
    expect(classOf(procedure('e', 'Repair of laceration under local anaesthetic'))).toBe('minor');
    expect(map(procedure('f', 'Repair of tendon')).events[0]).toMatchObject({ kind: 'surgery' });
    expect(classOf(procedure('f', 'Repair of tendon'))).toBeUndefined();
  });

  it('a finished stay carries its length in days; an ongoing one has no length yet', () => {
    const stay = (id: string, status: string, period: Record<string, string>) => ({
      resourceType: 'Encounter',
      id,
      status,
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      period,
    });
    const finished = map(stay('s1', 'finished', { start: '2026-02-01T08:00:00Z', end: '2026-02-06T08:00:00Z' })).events;
    expect(finished[0]).toMatchObject({ kind: 'inpatient-stay', days: 5 });
    const ongoing = map(stay('s2', 'in-progress', { start: '2026-02-27T08:00:00Z' })).events;
    expect(ongoing[0]?.kind).toBe('inpatient-stay');
    expect(ongoing[0]?.days).toBeUndefined();
  });
});

it('vital-sign and new condition codes are in the search plan (fetched by code)', async () => {
  const { buildSearchPlan } = await import('@/fhir-mappings/search-plan');
  const codes = buildSearchPlan({ now: NOW })
    .requests.filter((r) => r.resourceType === 'Observation')
    .map((r) => r.params.code ?? '')
    .join(',');
  expect(codes).toContain(`${LOINC}|8867-4`);
  expect(codes).toContain(`${LOINC}|59408-5`);
});
