/**
 * The sandbox's reading of SMART scopes (v1 and v2, the app's own parser) and what it grants — the request narrowed to
 * the client's registered ceiling: the grant is what the app sees in the token response, so a wrong reading here
 * would hide scope bugs in the app.
 */
import {
  PUBLIC_CLIENT_CEILING,
  hasResourceScope,
  narrowScopes,
  parseCeiling,
  parseResourceScope,
  scopesAllowing,
  withoutWrite,
} from '../../../mocks/sandbox/scopes';

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

describe('narrowScopes (the registered-scope ceiling)', () => {
  const publicClient = parseCeiling(PUBLIC_CLIENT_CEILING);
  const grant = (requested: string, ceiling = publicClient) => narrowScopes(requested, ceiling).granted;

  it('grants what the public client may have exactly as asked, dropping unknown scopes', () => {
    expect(grant('launch openid fhirUser patient/Observation.rs made-up/thing')).toEqual([
      'launch',
      'openid',
      'fhirUser',
      'patient/Observation.rs',
    ]);
    expect(grant('launch patient/*.read patient/DocumentReference.write')).toEqual([
      'launch',
      'patient/*.read',
      'patient/DocumentReference.write',
    ]);
  });

  it('never grants the public client user/ or system/ scopes, nor identity scopes it is not registered for', () => {
    const { granted, refused } = narrowScopes(
      'launch openid profile online_access user/*.cruds system/*.cruds patient/*.rs',
      publicClient,
    );
    expect(granted).toEqual(['launch', 'openid', 'patient/*.rs']);
    expect(refused).toEqual(['profile', 'online_access', 'user/*.cruds', 'system/*.cruds']);
  });

  it('narrows to the permissions and types a registration lists, in the dialect asked when it can', () => {
    const noNoteWrite = parseCeiling('patient/*.rs patient/Observation.cruds launch openid');
    expect(grant('patient/DocumentReference.cs patient/Observation.c patient/*.cruds', noNoteWrite)).toEqual([
      'patient/DocumentReference.s',
      'patient/Observation.c',
      'patient/*.rs',
      'patient/Observation.cud',
    ]);
    const v1Write = parseCeiling('patient/*.read patient/DocumentReference.write launch');
    expect(grant('patient/DocumentReference.c patient/DocumentReference.cruds', v1Write)).toEqual([
      'patient/DocumentReference.c',
      'patient/DocumentReference.cruds',
    ]);
    expect(grant('patient/Observation.*', v1Write)).toEqual(['patient/Observation.read']);
    const createOnly = parseCeiling('patient/DocumentReference.c patient/Observation.rs');
    // v1 cannot say "create only": the grant is spelt in v2 rather than granting update and delete too.
    expect(grant('patient/DocumentReference.write patient/Observation.read', createOnly)).toEqual([
      'patient/DocumentReference.c',
      'patient/Observation.read',
    ]);
  });

  it('keeps a v2 query restriction on what it grants', () => {
    expect(grant('patient/Observation.rs?category=laboratory')).toEqual(['patient/Observation.rs?category=laboratory']);
    expect(grant('patient/Observation.crs?category=laboratory', parseCeiling('patient/*.rs'))).toEqual([
      'patient/Observation.rs?category=laboratory',
    ]);
  });

  it('withdraws the note write permissions for the deny-write fault switch, in both dialects', () => {
    const denied = withoutWrite(publicClient);
    expect(
      grant('patient/DocumentReference.cruds patient/Observation.cruds patient/*.cud user/*.write', denied),
    ).toEqual(['patient/DocumentReference.rs', 'patient/Observation.cruds']);
    expect(grant('patient/DocumentReference.c patient/*.read patient/*.*', denied)).toEqual(['patient/*.read']);
  });

  it('refuses a ceiling it cannot read', () => {
    expect(() => parseCeiling('patient/*.rs user/Observation.sr')).toThrow(/user\/Observation\.sr/);
    expect(() => parseCeiling('patient/Observation.rs?category=laboratory')).toThrow(/query/);
  });

  it('tells a grant with a FHIR resource scope from one without', () => {
    expect(hasResourceScope(['launch', 'openid'])).toBe(false);
    expect(hasResourceScope(['launch', 'patient/Patient.r'])).toBe(true);
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
