/**
 * SMART scopes: what to request (v2, or v1 for servers without `permission-v2`) and what a grant allows,
 * in either spelling.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPES } from '@/lib/config';
import { parseGrantedScopes, scopeVersionFor, scopesForLaunch, toV1Scopes } from '@/lib/fhir';
import { withoutWriteScopes } from '@/lib/fhir/scopes';

describe('parseGrantedScopes', () => {
  it('understands v2 spellings', () => {
    const caps = parseGrantedScopes(
      'launch/patient openid fhirUser patient/Observation.rs patient/Condition.r patient/DocumentReference.c patient/Procedure.cruds',
    );
    expect(caps.read('Observation')).toBe('full');
    expect(caps.read('Condition')).toBe('partial'); // read without search
    expect(caps.read('Procedure')).toBe('full');
    expect(caps.read('Encounter')).toBe('none');
    expect(caps.create('DocumentReference')).toBe(true);
    expect(caps.create('Observation')).toBe(false);
    expect(caps.read('DocumentReference')).toBe('none');
    expect(caps.launchPatient).toBe(true);
    expect(caps.openid && caps.fhirUser).toBe(true);
  });

  it('understands v1 spellings and wildcards', () => {
    const caps = parseGrantedScopes('launch patient/*.read patient/DocumentReference.write user/Encounter.read');
    expect(caps.read('Observation')).toBe('full');
    expect(caps.read('Encounter')).toBe('full');
    expect(caps.create('DocumentReference')).toBe(true);
    expect(caps.create('Condition')).toBe(false);
    const all = parseGrantedScopes('patient/*.*');
    expect(all.read('MedicationRequest')).toBe('full');
    expect(all.create('DocumentReference')).toBe(true);
  });

  it('treats v2 granular (query-restricted) scopes as partial reads', () => {
    const caps = parseGrantedScopes(
      'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
    );
    expect(caps.read('Observation')).toBe('partial');
  });

  it('tolerates commas, extra spaces and an absent scope', () => {
    expect(parseGrantedScopes('patient/Condition.read,  patient/Observation.rs').read('Condition')).toBe('full');
    expect(parseGrantedScopes(undefined).granted).toEqual([]);
    expect(parseGrantedScopes('patient/Observation.xyz').read('Observation')).toBe('none');
  });
});

describe('requesting scopes', () => {
  it('rewrites v2 to v1 for servers without permission-v2', () => {
    expect(
      toV1Scopes(['patient/Observation.rs', 'patient/DocumentReference.c', 'patient/Procedure.cruds', 'openid']),
    ).toEqual(['patient/Observation.read', 'patient/DocumentReference.write', 'patient/Procedure.*', 'openid']);
    expect(toV1Scopes(['patient/DocumentReference.rs', 'patient/DocumentReference.c'])).toEqual([
      'patient/DocumentReference.read',
      'patient/DocumentReference.write',
    ]);
  });

  it('picks the spelling from the server’s capabilities', () => {
    expect(scopeVersionFor(['launch-ehr', 'permission-v1', 'permission-v2'])).toBe('v2');
    expect(scopeVersionFor(['launch-ehr', 'permission-v1'])).toBe('v1');
    expect(scopeVersionFor(undefined)).toBe('v1');
  });

  it('drops the bare launch scope for standalone launches and keeps it for EHR launches', () => {
    const ehr = scopesForLaunch(DEFAULT_SCOPES, { ehrLaunch: true, version: 'v2' }).split(' ');
    const standalone = scopesForLaunch(DEFAULT_SCOPES, { ehrLaunch: false, version: 'v2' }).split(' ');
    expect(ehr).toContain('launch');
    expect(standalone).not.toContain('launch');
    expect(standalone).toContain('launch/patient');
    expect(scopesForLaunch(['patient/Observation.rs'], { ehrLaunch: true, version: 'v1' })).toBe(
      'launch patient/Observation.read',
    );
  });
});

describe('withoutWriteScopes (the read-only retry)', () => {
  it('keeps every read and identity scope and drops every write permission, in either spelling', () => {
    expect(
      withoutWriteScopes([
        'launch',
        'openid',
        'fhirUser',
        'patient/Observation.rs',
        'patient/DocumentReference.c',
        'patient/DocumentReference.rs',
        'patient/*.cruds',
        'user/Observation.write',
        'patient/Condition.read',
        'patient/Encounter.*',
        'patient/Observation.crs?category=laboratory',
      ]),
    ).toEqual([
      'launch',
      'openid',
      'fhirUser',
      'patient/Observation.rs',
      'patient/DocumentReference.rs',
      'patient/*.rs',
      'patient/Condition.read',
      'patient/Encounter.read',
      'patient/Observation.rs?category=laboratory',
    ]);
    const readOnly = parseGrantedScopes(withoutWriteScopes(DEFAULT_SCOPES).join(' '));
    expect(readOnly.create('DocumentReference')).toBe(false);
    expect(readOnly.read('Observation')).toBe('full');
  });
});
