import type { Bundle, DocumentReference, Encounter } from 'fhir/r4';
import { base64ToUtf8, buildWriteBack, WRITE_BACK_PROFILE_IDS } from '@/fhir-mappings/write-back';
import { assessCliWriteBack } from '@/fhir-mappings/write-back/cli';
import {
  loadFhirR4Definitions,
  validateFhirResource,
  validateWriteBackResources,
} from '@/fhir-mappings/write-back/validate';
import { ASSESSMENT, ASSESSMENT_ID, FACTS, FORM, NOW } from './fixtures';

beforeAll(() => loadFhirR4Definitions(), 30_000);

describe('FHIR R4 structural validation (@medplum/core validateResource)', () => {
  it.each(WRITE_BACK_PROFILE_IDS)('%s: every produced resource is valid R4', (profile) => {
    const r = buildWriteBack({
      assessment: ASSESSMENT,
      noteText: 'Note — with “non-ASCII” ✓',
      profile,
      options: { provenance: true, clinicalImpression: true },
      context: {
        assessmentId: ASSESSMENT_ID,
        patientId: 'p1',
        encounterId: 'e1',
        fhirUser: 'Practitioner/dr-1',
        encounterStart: '2026-03-14T09:00:00Z',
        now: NOW,
        appVersion: '0.1.0',
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.resources.documentReference).toBeDefined();
    expect(validateWriteBackResources(r.resources)).toEqual([]);
  });

  it('the validator does reject a broken note (so the checks above can fail)', () => {
    const r = buildWriteBack({
      assessment: ASSESSMENT,
      noteText: 'x',
      profile: 'us-core',
      context: { assessmentId: ASSESSMENT_ID, patientId: 'p1', now: NOW, appVersion: '0.1.0' },
    });
    const dr = r.resources.documentReference!;
    const broken = {
      ...dr,
      date: '2026-03-14',
      content: [{ attachment: { ...dr.content[0]!.attachment, data: '%%%' } }],
    };
    const issues = validateFhirResource(broken);
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['DocumentReference.date', 'DocumentReference.content[0].attachment.data']),
    );
    expect(validateFhirResource({ ...dr, status: undefined } as never).length).toBeGreaterThan(0);
  });
});

describe('assessCliWriteBack (npm run assess -- --format fhir)', () => {
  const encounter: Encounter = {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'in-progress',
    class: { code: 'AMB' },
    subject: { reference: 'Patient/p1' },
    period: { start: '2026-03-14T09:00:00Z' },
  };
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: { resourceType: 'Patient', id: 'p1' } }, { resource: encounter }],
  };
  const base = { assessment: ASSESSMENT, form: FORM, facts: FACTS, bundle, appVersion: '0.1.0' };

  it('prints a valid transaction Bundle: conditional POST of the note, Provenance pointing at it', async () => {
    const r = await assessCliWriteBack({ ...base, encounter: 'e1', author: 'Practitioner/dr-1' });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.bundle.type).toBe('transaction');
    const [note, prov] = r.bundle.entry!;
    expect(note!.request).toMatchObject({ method: 'POST', url: 'DocumentReference' });
    expect(note!.request!.ifNoneExist).toMatch(/^identifier=urn:ietf:rfc:3986\|urn:uuid:[0-9a-f-]{36}$/);
    expect(note!.resource).toMatchObject({ context: { period: { start: '2026-03-14T09:00:00Z' } } });
    expect(prov!.resource).toMatchObject({ resourceType: 'Provenance', target: [{ reference: note!.fullUrl }] });
    const data = (note!.resource as DocumentReference).content[0]!.attachment.data!;
    expect(base64ToUtf8(data)).toMatch(/^ASSESSMENT$/m);
    expect(validateFhirResource(r.bundle)).toEqual([]);
  });

  it('is deterministic: the same inputs give the same identifier', async () => {
    const a = await assessCliWriteBack({ ...base, author: 'Practitioner/dr-1' });
    const b = await assessCliWriteBack({ ...base, author: 'Practitioner/dr-1' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('epic without --encounter is a clear error; epic writes no If-None-Exist and no Provenance', async () => {
    const bad = await assessCliWriteBack({ ...base, profile: 'epic' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join()).toMatch(/encounter/);
    const good = await assessCliWriteBack({ ...base, profile: 'epic', encounter: 'Encounter/e1' });
    if (!good.ok) throw new Error(good.errors.join('\n'));
    expect(good.bundle.entry).toHaveLength(1);
    expect(good.bundle.entry![0]!.request!.ifNoneExist).toBeUndefined();
    expect(good.warnings.join(' ')).toMatch(/Provenance/);
  });

  it('refuses an --encounter that is not in the bundle or belongs to another patient, in one clear line', async () => {
    const other: Encounter = { ...encounter, id: 'e-other', subject: { reference: 'Patient/p2' } };
    const noSubject: Encounter = { ...encounter, id: 'e-anon', subject: undefined };
    const withOthers: Bundle = {
      ...bundle,
      entry: [...bundle.entry!, { resource: { resourceType: 'Patient', id: 'p2' } }, { resource: other }],
    };
    const twoPatients = { ...base, bundle: withOthers, patientId: 'p1' };
    for (const [encounterArg, message] of [
      ['does-not-exist', /--encounter does-not-exist: no such Encounter in the chart bundle/],
      ['Encounter/e-other', /--encounter e-other belongs to another patient \(Patient\/p2\), not Patient\/p1/],
    ] as const) {
      for (const profile of ['epic', 'us-core'] as const) {
        const r = await assessCliWriteBack({ ...twoPatients, profile, encounter: encounterArg });
        expect(r.ok, `${profile} ${encounterArg}`).toBe(false);
        if (!r.ok) {
          expect(r.errors).toHaveLength(1);
          expect(r.errors[0]).toMatch(message);
          expect(r.errors[0]).not.toContain('\n');
        }
      }
    }
    const anon = await assessCliWriteBack({
      ...base,
      bundle: { ...bundle, entry: [...bundle.entry!, { resource: noSubject }] },
      encounter: 'e-anon',
    });
    expect(anon.ok).toBe(false);
    if (!anon.ok) expect(anon.errors[0]).toMatch(/names no patient/);
    const good = await assessCliWriteBack({ ...twoPatients, profile: 'epic', encounter: 'e1' });
    if (!good.ok) throw new Error(good.errors.join('\n'));
    const note = good.bundle.entry![0]!.resource as DocumentReference;
    expect(note.context?.encounter).toEqual([{ reference: 'Encounter/e1' }]);
  });

  it('accepts an encounter whose subject is the Patient entry fullUrl (urn:uuid, as in Synthea bundles)', async () => {
    const urn = 'urn:uuid:0b7c1b6e-7d7e-4c55-9a55-1f0c2b0d4a11';
    const mine: Encounter = { ...encounter, subject: { reference: urn } };
    const theirs: Encounter = { ...encounter, id: 'e2', subject: { reference: 'urn:uuid:other' } };
    const synthea: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: urn, resource: { resourceType: 'Patient', id: 'p1' } },
        { resource: mine },
        { fullUrl: 'urn:uuid:other', resource: { resourceType: 'Patient', id: 'p2' } },
        { resource: theirs },
      ],
    };
    const ok = await assessCliWriteBack({ ...base, bundle: synthea, patientId: 'p1', encounter: 'e1' });
    if (!ok.ok) throw new Error(ok.errors.join('\n'));
    const bad = await assessCliWriteBack({ ...base, bundle: synthea, patientId: 'p1', encounter: 'e2' });
    expect(bad.ok).toBe(false);
  });

  it('without a bundle, an --encounter is used but a warning says it could not be checked', async () => {
    const r = await assessCliWriteBack({ ...base, bundle: undefined, patientId: 'p1', encounter: 'e9' });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.warnings[0]).toMatch(/--encounter e9 was not checked \(no chart bundle\).*Patient\/p1/);
    const note = r.bundle.entry![0]!.resource as DocumentReference;
    expect(note.context?.encounter).toEqual([{ reference: 'Encounter/e9' }]);
  });

  it('oracle without --author is a clear error; unknown profiles and patient-less bundles too', async () => {
    const oracle = await assessCliWriteBack({ ...base, profile: 'oracle' });
    expect(oracle.ok).toBe(false);
    if (!oracle.ok) expect(oracle.errors.join()).toMatch(/practitioner/i);
    const unknown = await assessCliWriteBack({ ...base, profile: 'cerner' });
    expect(unknown.ok).toBe(false);
    const noPatient = await assessCliWriteBack({ ...base, bundle: { resourceType: 'Bundle', type: 'collection' } });
    expect(noPatient.ok).toBe(false);
  });
});
