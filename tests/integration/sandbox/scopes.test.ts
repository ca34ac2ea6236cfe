/**
 * The sandbox's reading of SMART scopes (v1 and v2) and what it grants: the grant is what the app sees in the token
 * response, so a wrong reading here would hide scope bugs in the app.
 */
import { grantScopes, parseResourceScope, scopesAllowing } from '../../../mocks/sandbox/scopes';

describe('parseResourceScope', () => {
  it('reads v1 actions as SMART v2 permissions', () => {
    expect([...parseResourceScope('patient/Observation.read')!.permissions].sort()).toEqual(['r', 's']);
    expect([...parseResourceScope('user/DocumentReference.write')!.permissions].sort()).toEqual(['c', 'd', 'u']);
    expect(parseResourceScope('patient/*.*')!.permissions.size).toBe(5);
  });

  it('reads v2 letters in c-r-u-d-s order, with an optional query constraint', () => {
    const s = parseResourceScope('patient/Observation.rs?category=laboratory')!;
    expect([...s.permissions]).toEqual(['r', 's']);
    expect(s.query).toBe('category=laboratory');
    expect(s.version).toBe(2);
    expect(parseResourceScope('patient/DocumentReference.cs')!.resourceType).toBe('DocumentReference');
  });

  it('rejects malformed scopes', () => {
    for (const bad of [
      'patient/Observation.sr',
      'patient/Observation.rr',
      'patient/Observation.x',
      'Observation.read',
    ]) {
      expect(parseResourceScope(bad), bad).toBeUndefined();
    }
    expect(parseResourceScope('patient/Observation.read?category=laboratory')).toBeUndefined();
  });
});

describe('grantScopes', () => {
  it('grants what was asked, dropping unknown scopes', () => {
    expect(grantScopes('launch openid fhirUser patient/Observation.rs made-up/thing')).toEqual([
      'launch',
      'openid',
      'fhirUser',
      'patient/Observation.rs',
    ]);
  });

  it('removes note write permissions when the deny-write fault is on, in both dialects', () => {
    expect(
      grantScopes('patient/DocumentReference.cruds patient/Observation.cruds patient/*.cud user/*.write', {
        denyWrite: true,
      }),
    ).toEqual(['patient/DocumentReference.rs', 'patient/Observation.cruds']);
    expect(grantScopes('patient/DocumentReference.c patient/*.read patient/*.*', { denyWrite: true })).toEqual([
      'patient/*.read',
    ]);
  });
});

describe('scopesAllowing', () => {
  it('matches by resource type or wildcard and by permission', () => {
    const granted = ['patient/Observation.rs', 'user/*.r', 'patient/DocumentReference.c'];
    expect(scopesAllowing(granted, 'Observation', 's').map((s) => s.raw)).toEqual(['patient/Observation.rs']);
    expect(scopesAllowing(granted, 'Condition', 'r').map((s) => s.raw)).toEqual(['user/*.r']);
    expect(scopesAllowing(granted, 'Condition', 's')).toEqual([]);
    expect(scopesAllowing(granted, 'DocumentReference', 'c')).toHaveLength(1);
  });
});
