import { mapChart } from '@/fhir-mappings';
import { ICD10CM, NOW, SNOMED, condition } from './builders';

const map = (...resources: Record<string, unknown>[]) => mapChart({ resources }, { now: NOW }).facts;

describe('Condition → facts', () => {
  it.each([
    ['active', 'active'],
    ['recurrence', 'active'],
    ['relapse', 'active'],
    ['inactive', 'history'],
    ['remission', 'history'],
    ['resolved', 'history'],
  ])('clinicalStatus %s → %s', (clinical, status) => {
    expect(map(condition({ code: '128053003', clinical })).conditions[0]?.status).toBe(status);
  });

  it('no clinical status: active unless it has abated', () => {
    expect(map(condition({ code: '32914008', clinical: null })).conditions[0]?.status).toBe('active');
    expect(
      map(condition({ code: '32914008', clinical: null, extra: { abatementDateTime: '2025-01-01' } })).conditions[0]
        ?.status,
    ).toBe('history');
  });

  it.each([
    [SNOMED, '161508001', 'History of DVT', 'dvt'],
    [SNOMED, '161512007', 'History of PE', 'pulmonary-embolism'],
    [ICD10CM, 'Z86.718', 'Personal history of other venous thrombosis', 'dvt'],
    [ICD10CM, 'Z86.711', 'Personal history of pulmonary embolism', 'pulmonary-embolism'],
    [ICD10CM, 'Z85.46', 'Personal history of malignant neoplasm of prostate', 'active-cancer'],
  ])('"history of" code %s %s is history even when active', (system, code, display, concept) => {
    const facts = map(condition({ system, code, display, clinical: 'active' }));
    expect(facts.conditions).toEqual([expect.objectContaining({ concept, status: 'history' }) as unknown]);
  });

  it('"history of" text is history', () => {
    expect(map(condition({ text: 'History of deep vein thrombosis' })).conditions[0]).toMatchObject({
      concept: 'dvt',
      status: 'history',
    });
  });

  it('refuted and entered-in-error are excluded with a data issue', () => {
    const facts = map(
      condition({ id: 'r1', code: '128053003', verification: 'refuted' }),
      condition({ id: 'e1', code: '32914008', verification: 'entered-in-error' }),
    );
    expect(facts.conditions).toHaveLength(0);
    expect(facts.dataIssues).toEqual([
      { resource: 'Condition/r1', problem: expect.stringMatching(/refuted; not used/) as unknown },
      { resource: 'Condition/e1', problem: expect.stringMatching(/entered in error; not used/) as unknown },
    ]);
  });

  it('provisional and unconfirmed conditions are kept (a suspected DVT must be seen)', () => {
    expect(map(condition({ code: '128053003', verification: 'provisional' })).conditions).toHaveLength(1);
  });

  it('keeps provenance, label, onset, abatement and side', () => {
    const facts = map(
      condition({
        id: 'c9',
        system: ICD10CM,
        code: 'G57.32',
        display: 'Lesion of lateral popliteal nerve, left lower limb',
        clinical: 'resolved',
        onset: '2025-10-01',
        extra: { abatementDateTime: '2025-12-01', bodySite: [{ text: 'Left leg' }] },
      }),
    );
    expect(facts.conditions[0]).toEqual({
      concept: 'peroneal-neuropathy',
      status: 'history',
      label: 'Lesion of lateral popliteal nerve, left lower limb',
      onset: '2025-10-01',
      abatement: '2025-12-01',
      side: 'left',
      provenance: {
        reference: 'Condition/c9',
        date: '2025-10-01',
        matched: { system: ICD10CM, code: 'G57.32', display: 'Lesion of lateral popliteal nerve, left lower limb' },
        valueSet: 'peroneal-neuropathy',
        matchedBy: 'icd10-prefix',
        verification: 'single-source',
      },
    });
  });

  it('family history never becomes the patient’s condition', () => {
    expect(map(condition({ text: 'Family history of DVT' })).conditions).toHaveLength(0);
  });

  it('tobacco-use conditions give a smoking status when no observation says otherwise', () => {
    expect(map(condition({ code: '449868002', display: 'Smokes tobacco daily' })).smoking?.status).toBe('current');
    expect(map(condition({ system: ICD10CM, code: 'Z87.891' })).smoking?.status).toBe('former');
  });

  it('a malformed Condition is a data issue and does not stop the others', () => {
    const facts = map({ resourceType: 'Condition', id: 'bad', code: 'diabetes' }, condition({ code: '44054006' }));
    expect(facts.conditions.map((c) => c.concept)).toEqual(['diabetes']);
    expect(facts.dataIssues).toEqual([
      {
        resource: 'Condition/bad',
        problem: 'This condition could not be read (its code is missing or malformed); not used.',
      },
    ]);
    expect(JSON.stringify(facts.dataIssues)).not.toContain('"diabetes"');
  });
});
