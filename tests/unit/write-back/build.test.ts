import type { DocumentReference } from 'fhir/r4';
import {
  assessmentIdentifier,
  base64ToUtf8,
  buildDocumentReference,
  buildWriteBack,
  parseFhirUser,
  withProvenanceTarget,
  WRITE_BACK_PROFILE_IDS,
  type BuildWriteBackInput,
  type WriteBackProfileId,
} from '@/fhir-mappings/write-back';
import { ASSESSMENT, ASSESSMENT_ID, NOW } from './fixtures';

const NOTE = 'Right foot rest pain, ABI 0.38 — vascular referral.\nZoë: “≥ 2 weeks”, µg/L, 日本語 ✓\n';

function input(overrides: Partial<BuildWriteBackInput> = {}, ctx: Partial<BuildWriteBackInput['context']> = {}) {
  return {
    assessment: ASSESSMENT,
    noteText: NOTE,
    profile: 'us-core' as WriteBackProfileId,
    ...overrides,
    context: {
      assessmentId: ASSESSMENT_ID,
      patientId: 'p1',
      encounterId: 'e1',
      fhirUser: 'Practitioner/dr-1',
      authorDisplay: 'Dr Ada Example',
      encounterStart: '2026-03-14T09:00:00Z',
      now: NOW,
      appVersion: '0.1.0',
      ...ctx,
    },
  } satisfies BuildWriteBackInput;
}

function noteOf(profile: WriteBackProfileId, ctx: Partial<BuildWriteBackInput['context']> = {}): DocumentReference {
  const r = buildWriteBack(input({ profile }, ctx));
  expect(r.errors).toEqual([]);
  return r.resources.documentReference!;
}

describe('US Core DocumentReference (every profile)', () => {
  it.each(WRITE_BACK_PROFILE_IDS)('%s: has every US Core must-have and must-support element', (profile) => {
    const dr = noteOf(profile);
    expect(dr.resourceType).toBe('DocumentReference');
    expect(dr.status).toBe('current');
    expect(dr.category?.[0]?.coding?.[0]).toEqual({
      system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
      code: 'clinical-note',
      display: 'Clinical Note',
    });
    expect(dr.type?.coding).toEqual([{ system: 'http://loinc.org', code: '11488-4', display: 'Consult note' }]);
    expect(dr.subject).toEqual({ reference: 'Patient/p1' });
    expect(dr.date).toBe(NOW);
    expect(dr.author).toEqual([{ reference: 'Practitioner/dr-1', display: 'Dr Ada Example' }]);
    expect(dr.identifier).toEqual([{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${ASSESSMENT_ID}` }]);
    expect(dr.content).toHaveLength(1);
    expect(dr.content[0]!.attachment.data).toBeTruthy();
    expect(dr.context?.encounter).toEqual([{ reference: 'Encounter/e1' }]);
    expect(dr.context?.period).toEqual({ start: '2026-03-14T09:00:00Z', end: NOW });
    expect(dr.meta?.profile).toEqual(['http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference']);
  });

  it.each(WRITE_BACK_PROFILE_IDS)('%s: base64 body decodes to the exact note text, non-ASCII included', (profile) => {
    const dr = noteOf(profile);
    expect(base64ToUtf8(dr.content[0]!.attachment.data!)).toBe(NOTE);
  });

  it('the identifier is stable for the same assessment and the output deterministic', () => {
    const a = buildWriteBack(input({ options: { provenance: true } }));
    const b = buildWriteBack(input({ options: { provenance: true } }));
    expect(JSON.stringify(a.resources)).toBe(JSON.stringify(b.resources));
    const edited = buildWriteBack(input({ noteText: `${NOTE}Edited line.` }));
    expect(edited.resources.documentReference!.identifier).toEqual(a.resources.documentReference!.identifier);
    const other = buildWriteBack(input({}, { assessmentId: '0b8a3d6e-1c2f-4a5b-8d7e-9f0a1b2c3d4e' }));
    expect(other.resources.documentReference!.identifier).not.toEqual(a.resources.documentReference!.identifier);
  });

  it('the note type is configurable and validated as LOINC', () => {
    const progress = buildWriteBack(input({ noteType: '11506-3' }));
    expect(progress.resources.documentReference!.type?.coding?.[0]).toMatchObject({
      code: '11506-3',
      display: 'Progress note',
    });
    const unknown = buildWriteBack(input({ noteType: '34748-4' }));
    expect(unknown.resources.documentReference!.type?.coding?.[0]).toEqual({
      system: 'http://loinc.org',
      code: '34748-4',
    });
    const typo = buildWriteBack(input({ noteType: '11488-5' }));
    expect(typo.errors.map((e) => e.code)).toEqual(['invalid-note-type']);
    expect(typo.resources).toEqual({});
  });

  it('without a launch user there is no author, and a warning says so', () => {
    const r = buildWriteBack(input({}, { fhirUser: null }));
    expect(r.errors).toEqual([]);
    expect(r.resources.documentReference!.author).toBeUndefined();
    expect(r.warnings.join(' ')).toMatch(/without an author/);
  });

  it('an absolute fhirUser on the same server becomes a relative reference', () => {
    expect(parseFhirUser('https://ehr.example/fhir/Practitioner/7', 'https://ehr.example/fhir/')).toMatchObject({
      reference: 'Practitioner/7',
      resourceType: 'Practitioner',
    });
    expect(parseFhirUser('https://other.example/fhir/Practitioner/7', 'https://ehr.example/fhir')?.reference).toBe(
      'https://other.example/fhir/Practitioner/7',
    );
    expect(parseFhirUser('Organization/1')).toBeUndefined();
    expect(parseFhirUser('nonsense')).toBeUndefined();
  });

  it('an encounter start that is invalid or after filing is left out, not sent', () => {
    const dr = noteOf('us-core', { encounterStart: '2027-01-01T00:00:00Z' });
    expect(dr.context?.period).toEqual({ end: NOW });
  });

  it('without an encounter (non-Epic) the note has a period but no encounter', () => {
    const dr = noteOf('us-core', { encounterId: null, encounterStart: null });
    expect(dr.context).toEqual({ period: { end: NOW } });
  });

  it('rejects empty and oversized notes, bad ids and an invalid clock with messages', () => {
    expect(buildWriteBack(input({ noteText: '  \n' })).errors.map((e) => e.code)).toEqual(['empty-note']);
    expect(buildWriteBack(input({ noteText: 'x'.repeat(70_000) })).errors.map((e) => e.code)).toEqual([
      'note-too-large',
    ]);
    expect(buildWriteBack(input({}, { assessmentId: 'not-a-uuid' })).errors.map((e) => e.code)).toEqual([
      'invalid-assessment-id',
    ]);
    expect(buildWriteBack(input({}, { patientId: '' })).errors.map((e) => e.code)).toEqual(['invalid-patient']);
    expect(buildWriteBack(input({}, { now: 'yesterday' })).errors.map((e) => e.code)).toEqual(['invalid-now']);
    expect(buildWriteBack(input({ profile: 'cerner' as WriteBackProfileId })).errors.map((e) => e.code)).toEqual([
      'unknown-profile',
    ]);
  });
});

describe('per-profile rules', () => {
  it('docStatus: us-core preliminary, epic preliminary, oracle final, smart-sandbox preliminary', () => {
    expect(noteOf('us-core').docStatus).toBe('preliminary');
    expect(noteOf('epic').docStatus).toBe('preliminary');
    expect(noteOf('oracle').docStatus).toBe('final');
    expect(noteOf('smart-sandbox').docStatus).toBe('preliminary');
  });

  it('docStatus can be overridden only within what the profile allows', () => {
    expect(
      buildWriteBack(input({ profile: 'epic', options: { docStatus: 'final' } })).resources.documentReference!
        .docStatus,
    ).toBe('final');
    const r = buildWriteBack(input({ profile: 'oracle', options: { docStatus: 'preliminary' } }));
    expect(r.errors.map((e) => e.code)).toEqual(['doc-status-not-allowed']);
    expect(r.resources.documentReference).toBeUndefined();
  });

  it('content type: Epic plain text/plain, the others carry the charset', () => {
    expect(noteOf('epic').content[0]!.attachment.contentType).toBe('text/plain');
    expect(noteOf('oracle').content[0]!.attachment.contentType).toBe('text/plain;charset=utf-8');
    expect(noteOf('us-core').content[0]!.attachment.contentType).toBe('text/plain;charset=utf-8');
    expect(noteOf('smart-sandbox').content[0]!.attachment.contentType).toBe('text/plain;charset=utf-8');
  });

  it('Epic without an encounter is a clear error and produces no resource', () => {
    const r = buildWriteBack(input({ profile: 'epic' }, { encounterId: null }));
    expect(r.errors.map((e) => e.code)).toEqual(['encounter-required']);
    expect(r.errors[0]!.message).toMatch(/encounter/i);
    expect(r.errors[0]!.message).toMatch(/--encounter/);
    expect(r.resources).toEqual({});
    expect(buildDocumentReference(input({ profile: 'epic' }, { encounterId: null })).documentReference).toBeUndefined();
  });

  it('Oracle requires the logged-in Practitioner as author', () => {
    const none = buildWriteBack(input({ profile: 'oracle' }, { fhirUser: null }));
    expect(none.errors.map((e) => e.code)).toEqual(['author-required']);
    expect(none.resources).toEqual({});
    const patient = buildWriteBack(input({ profile: 'oracle' }, { fhirUser: 'Patient/p1' }));
    expect(patient.errors.map((e) => e.code)).toEqual(['author-not-clinician']);
    const role = buildWriteBack(input({ profile: 'oracle' }, { fhirUser: 'PractitionerRole/r1' }));
    expect(role.errors.map((e) => e.code)).toEqual(['author-not-practitioner']);
    expect(noteOf('oracle').author).toEqual([{ reference: 'Practitioner/dr-1', display: 'Dr Ada Example' }]);
  });

  it('Oracle: period end always present with a time; a date-only start is dropped', () => {
    const dr = noteOf('oracle', { encounterId: null, encounterStart: '2026-03-14' });
    expect(dr.context?.period?.end).toMatch(/T\d{2}:\d{2}:\d{2}/);
    expect(dr.context?.period?.start).toBeUndefined();
    expect(dr.context?.encounter).toBeUndefined();
    expect(dr.type?.coding).toHaveLength(1);
  });

  it.each(['us-core', 'epic', 'oracle', 'smart-sandbox'] as const)(
    '%s: a patient or a patient’s representative is never the author of a consult note (issue 12)',
    (profile) => {
      for (const fhirUser of ['Patient/p1', 'RelatedPerson/rp-1', 'https://ehr.test/fhir/Patient/p1']) {
        const r = buildWriteBack(input({ profile }, { fhirUser }));
        expect(r.errors.map((e) => e.code)).toEqual(['author-not-clinician']);
        expect(r.errors[0]).toMatchObject({
          kind: 'note',
          message: expect.stringMatching(/not a clinician/) as unknown,
        });
        expect(r.resources).toEqual({});
      }
      expect(buildWriteBack(input({ profile }, { fhirUser: 'PractitionerRole/r1' })).errors.map((e) => e.code)).toEqual(
        profile === 'oracle' ? ['author-not-practitioner'] : [],
      );
    },
  );

  it('Epic and the others allow a note without an author', () => {
    expect(noteOf('epic', { fhirUser: null }).author).toBeUndefined();
  });
});

describe('companions', () => {
  it('Provenance names the clinician as author and Nocturne as assembler; targets the note by identifier', () => {
    const r = buildWriteBack(input({ options: { provenance: true } }));
    const p = r.resources.provenance!;
    expect(p.recorded).toBe(NOW);
    expect(p.target).toEqual([{ type: 'DocumentReference', identifier: assessmentIdentifier(ASSESSMENT_ID) }]);
    expect(p.agent.map((a) => a.type?.coding?.[0]?.code)).toEqual(['author', 'assembler']);
    expect(p.agent[0]!.who).toEqual({ reference: 'Practitioner/dr-1', display: 'Dr Ada Example' });
    expect(p.agent[1]!.who.display).toContain('0.1.0');
    expect(withProvenanceTarget(p, 'DocumentReference/42').target).toEqual([{ reference: 'DocumentReference/42' }]);
  });

  it('Provenance is skipped (with a warning) for Epic and when the clinician is unknown', () => {
    const epic = buildWriteBack(input({ profile: 'epic', options: { provenance: true } }));
    expect(epic.resources.provenance).toBeUndefined();
    expect(epic.warnings.join(' ')).toMatch(/Provenance/);
    const anon = buildWriteBack(input({ options: { provenance: true } }, { fhirUser: null }));
    expect(anon.resources.provenance).toBeUndefined();
    expect(anon.resources.documentReference).toBeDefined();
  });

  it('ClinicalImpression only on FHIR-native profiles, carrying red flags and the ranked differential', () => {
    for (const profile of ['us-core', 'epic', 'oracle'] as const) {
      const r = buildWriteBack(input({ profile, options: { clinicalImpression: true } }));
      expect(r.resources.clinicalImpression).toBeUndefined();
      expect(r.warnings.join(' ')).toMatch(/ClinicalImpression/);
    }
    const ci = buildWriteBack(input({ profile: 'smart-sandbox', options: { clinicalImpression: true } })).resources
      .clinicalImpression!;
    expect(ci.status).toBe('completed');
    expect(ci.subject).toEqual({ reference: 'Patient/p1' });
    expect(ci.encounter).toEqual({ reference: 'Encounter/e1' });
    expect(ci.assessor).toEqual({ reference: 'Practitioner/dr-1', display: 'Dr Ada Example' });
    const items = ci.finding!.map((f) => f.itemCodeableConcept!.text);
    expect(items[0]).toMatch(/^Red flag: Chronic limb-threatening/);
    expect(items.slice(1)).toEqual([
      'Ischaemic rest pain (PAD / CLTI)',
      'Diabetic peripheral neuropathy',
      'Deep vein thrombosis',
    ]);
    expect(ci.supportingInfo).toContainEqual({ reference: 'Observation/abi-r' });
    expect(ci.summary).toContain('not a diagnosis');
  });

  it('ClinicalImpression dates age evidence by the assessment (not the birth date) and keeps exact values', () => {
    const first = ASSESSMENT.differential[0]!;
    const assessment = {
      ...ASSESSMENT,
      differential: [
        {
          ...first,
          supporting: [
            ...first.supporting,
            { source: 'fhir' as const, label: 'Age 71', weight: 1, reference: 'Patient/p1', date: '1955-10-17' },
            { source: 'fhir' as const, label: 'Magnesium 1.4586 mg/dL', weight: 1, reference: 'Observation/mg' },
          ],
        },
      ],
    };
    const ci = buildWriteBack(input({ assessment, profile: 'smart-sandbox', options: { clinicalImpression: true } }))
      .resources.clinicalImpression!;
    const basis = ci.finding!.map((f) => f.basis).join('\n');
    expect(basis).toContain('Age 71 (Patient/p1, as of 2026-03-14)');
    expect(basis).not.toContain('1955-10-17');
    expect(basis).toContain('Magnesium 1.4586 mg/dL (Observation/mg)');
    expect(ci.supportingInfo).toContainEqual({ reference: 'Patient/p1' });
  });
});
