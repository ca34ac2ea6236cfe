/**
 * The sandbox grants what a real EHR would, over real HTTP: at most the client's registered ceiling (narrowed, or
 * refused with `invalid_scope` where the registration says so), never another patient's record, single-use
 * authorization codes whose replay revokes what they issued, and single-use, short-lived launch ids.
 *
 * Issue 10 item 8: a public client got `user/*.cruds` and `system/*.cruds`, read all patients and created an
 * Observation on another patient's chart.
 */
import type { Bundle, OperationOutcome } from 'fhir/r4';
import type { SandboxHandle } from '../../../mocks/sandbox/server';
import {
  APP_SCOPES,
  CLIENT_ID,
  REDIRECT_URI,
  VITO,
  RENATO,
  authorizeUrl,
  ehrLaunch,
  fhir,
  launchAndToken,
  pkce,
  postToken,
  start,
  testClock,
} from './helpers';
import type { TokenResponse } from './helpers';

const PATIENT = 'pad-clti-rest-pain';
const OTHER = 'restless-legs-ckd';
/** What the issue's probe asked for: everything, in every context. */
const GREEDY = `${APP_SCOPES} patient/*.cruds user/*.cruds system/*.cruds`;
const READ_ONLY =
  'launch openid fhirUser patient/Patient.rs patient/Observation.rs patient/Condition.rs patient/DocumentReference.rs';

let sandbox: SandboxHandle;
const clock = testClock();

beforeAll(async () => {
  sandbox = await start({
    now: clock.now,
    clients: [
      { clientId: 'no-note-write', scopes: 'patient/*.rs launch launch/patient openid fhirUser' },
      { clientId: 'v1-write-only', scopes: 'patient/*.read patient/DocumentReference.write launch openid fhirUser' },
      { clientId: 'strict', scopes: 'patient/*.rs launch openid fhirUser', excessScopes: 'refuse' },
    ],
  });
}, 30_000);
afterAll(async () => {
  await sandbox?.close();
});

/** Authorize (EHR launch) and return the redirect's query: `code` or `error` + `error_description`, and `state`. */
async function authorize(
  scope: string,
  options: { clientId?: string; launch?: string; launcherParams?: Record<string, string> } = {},
): Promise<{ params: URLSearchParams; verifier: string; launch: string }> {
  const launch = options.launch ?? (await ehrLaunch(sandbox, PATIENT, options.launcherParams)).launch;
  const { verifier, challenge } = pkce();
  const res = await fetch(
    authorizeUrl(sandbox, {
      scope,
      launch,
      challenge,
      method: 'S256',
      state: 'st-1',
      ...(options.clientId ? { clientId: options.clientId } : {}),
    }),
    { redirect: 'manual' },
  );
  expect(res.status).toBe(302);
  return { params: new URL(res.headers.get('location')!).searchParams, verifier, launch };
}

async function exchange(code: string, verifier: string, clientId = CLIENT_ID): Promise<Response> {
  return postToken(sandbox, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: clientId,
    code_verifier: verifier,
  });
}

async function tokenFor(scope: string, clientId?: string): Promise<TokenResponse> {
  const { params, verifier } = await authorize(scope, clientId ? { clientId } : {});
  const code = params.get('code');
  expect(code, params.get('error_description') ?? '').toBeTruthy();
  const res = await exchange(code!, verifier, clientId);
  expect(res.status).toBe(200);
  return (await res.json()) as TokenResponse;
}

const observationOn = (patient: string) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'Probe' },
  subject: { reference: `Patient/${patient}` },
});

describe('the registered-scope ceiling', () => {
  it('narrows a greedy request to what the public client is registered for, and says so in scope', async () => {
    const token = await tokenFor(GREEDY);
    const granted = token.scope.split(' ');
    expect(granted.sort()).toEqual([...APP_SCOPES.split(' '), 'patient/*.cruds'].sort());
    expect(granted.some((s) => s.startsWith('user/') || s.startsWith('system/'))).toBe(false);
  });

  it('refuses with invalid_scope (and the state) when no resource scope would remain', async () => {
    const { params } = await authorize('launch openid fhirUser user/*.cruds system/*.cruds');
    expect(params.get('code')).toBeNull();
    expect(params.get('error')).toBe('invalid_scope');
    expect(params.get('error_description')).toMatch(/user\/\*\.cruds/);
    expect(params.get('state')).toBe('st-1');
  });

  it('advertises no user/ or system/ scope in discovery', async () => {
    const config = (await (await fetch(`${sandbox.fhirBaseUrl}/.well-known/smart-configuration`)).json()) as {
      scopes_supported: string[];
    };
    expect(config.scopes_supported).toEqual(expect.arrayContaining(['patient/*.cruds', 'launch', 'openid']));
    expect(config.scopes_supported.filter((s) => /^(user|system)\//.test(s))).toEqual([]);
  });

  it('narrows to a registration without the note write scope: the token lacks it and a note create is 403', async () => {
    const token = await tokenFor(APP_SCOPES, 'no-note-write');
    expect(token.scope.split(' ')).toContain('patient/DocumentReference.s');
    expect(token.scope).not.toMatch(/DocumentReference\.c/);
    expect(token.scope.split(' ')).not.toContain('offline_access');
    expect(token.refresh_token).toBeUndefined();
    const res = await fhir(sandbox, token.access_token, 'DocumentReference', {
      method: 'POST',
      body: JSON.stringify(note(PATIENT)),
    });
    expect(res.status).toBe(403);
  });

  it('grants a v2 create under a v1 .write registration, and a v1 request stays v1', async () => {
    const v2 = await tokenFor('launch patient/Observation.rs patient/DocumentReference.c', 'v1-write-only');
    expect(v2.scope).toBe('launch patient/Observation.rs patient/DocumentReference.c');
    const v1 = await tokenFor('launch patient/*.* patient/DocumentReference.write', 'v1-write-only');
    expect(v1.scope).toBe('launch patient/*.read patient/DocumentReference.write');
    const created = await fhir(sandbox, v2.access_token, 'DocumentReference', {
      method: 'POST',
      body: JSON.stringify(note(PATIENT)),
    });
    expect(created.status).toBe(201);
  });

  it('a refusing registration answers invalid_scope naming the scope, and the same launch then works read-only', async () => {
    const first = await authorize(APP_SCOPES.replace(' offline_access', ''), { clientId: 'strict' });
    expect(first.params.get('error')).toBe('invalid_scope');
    expect(first.params.get('error_description')).toMatch(/patient\/DocumentReference\.cs/);
    const retry = await authorize(READ_ONLY, { clientId: 'strict', launch: first.launch });
    expect(retry.params.get('error')).toBeNull();
    const res = await exchange(retry.params.get('code')!, retry.verifier, 'strict');
    expect(res.status).toBe(200);
    expect(((await res.json()) as TokenResponse).scope).toBe(READ_ONLY);
  });

  it('the deny-write fault switch narrows (deny_write=1) or refuses (deny_write=refuse) like a registration', async () => {
    const narrowed = await launchAndToken(sandbox, PATIENT, { launcherParams: { deny_write: '1' } });
    expect(narrowed.scope).not.toMatch(/DocumentReference\.c/);

    const refused = await authorize(APP_SCOPES, { launcherParams: { deny_write: 'refuse' } });
    expect(refused.params.get('error')).toBe('invalid_scope');
    expect(refused.params.get('error_description')).toMatch(/DocumentReference/);
    const retry = await authorize(READ_ONLY, { launch: refused.launch });
    const token = (await (await exchange(retry.params.get('code')!, retry.verifier)).json()) as TokenResponse;
    expect(token.scope).toBe(READ_ONLY);
    expect(token.patient).toBe(PATIENT);
  });
});

describe("a token for one patient never reaches another patient's record", () => {
  let token: string;
  beforeAll(async () => {
    token = (await tokenFor(GREEDY)).access_token;
  });

  it('reads: the other patient and their resources are 403', async () => {
    expect((await fhir(sandbox, token, `Patient/${PATIENT}`)).status).toBe(200);
    for (const path of [`Patient/${OTHER}`, `Patient/${VITO}`]) {
      const res = await fhir(sandbox, token, path);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
    }
  });

  it('searches: naming the other patient in any search parameter finds nothing of theirs', async () => {
    for (const query of [
      `Observation?patient=${OTHER}`,
      `Observation?subject=Patient/${OTHER}`,
      `Observation?subject:Patient=${OTHER}`,
      `Condition?patient=${VITO}`,
      `Encounter?patient=${RENATO}`,
      `Patient?_id=${OTHER}`,
      'Patient',
      'Observation?_count=500',
    ]) {
      const res = await fhir(sandbox, token, query);
      expect(res.status, query).toBe(200);
      const bundle = (await res.json()) as Bundle;
      const foreign = (bundle.entry ?? []).filter(
        (e) =>
          !(e.resource?.resourceType === 'Patient' && e.resource.id === PATIENT) &&
          !JSON.stringify(e.resource).includes(`Patient/${PATIENT}"`),
      );
      expect(foreign, query).toEqual([]);
    }
    const posted = await fhir(sandbox, token, 'Observation/_search', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `patient=${OTHER}`,
    });
    expect(((await posted.json()) as Bundle).total).toBe(0);
  });

  it('writes: a body naming the other patient is 403, even when it also names this one, and in a batch', async () => {
    const before = await countOf(OTHER);
    const onOther = await fhir(sandbox, token, 'Observation', {
      method: 'POST',
      body: JSON.stringify(observationOn(OTHER)),
    });
    expect(onOther.status).toBe(403);
    const smuggled = await fhir(sandbox, token, 'DocumentReference', {
      method: 'POST',
      body: JSON.stringify({ ...note(OTHER), author: [{ reference: `Patient/${PATIENT}` }] }),
    });
    expect(smuggled.status).toBe(403);
    const update = await fhir(sandbox, token, `Observation/probe-${OTHER}`, {
      method: 'PUT',
      body: JSON.stringify({ ...observationOn(OTHER), id: `probe-${OTHER}` }),
    });
    expect(update.status).toBe(403);
    const batch = await fhir(sandbox, token, '', {
      method: 'POST',
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'POST', url: 'Observation' }, resource: observationOn(OTHER) }],
      }),
    });
    const entry = ((await batch.json()) as Bundle).entry?.[0];
    expect(entry?.response?.status).toMatch(/^403/);
    expect(await countOf(OTHER)).toBe(before);

    const own = await fhir(sandbox, token, 'Observation', {
      method: 'POST',
      body: JSON.stringify(observationOn(PATIENT)),
    });
    expect(own.status).toBe(201);
  });
});

describe('authorization codes', () => {
  it('a replayed code is refused and revokes the access and refresh tokens issued from it (RFC 6749 §4.1.2)', async () => {
    const { params, verifier } = await authorize(APP_SCOPES);
    const code = params.get('code')!;
    const first = await exchange(code, verifier);
    expect(first.status).toBe(200);
    const token = (await first.json()) as TokenResponse;
    expect((await fhir(sandbox, token.access_token, `Patient/${PATIENT}`)).status).toBe(200);

    const replay = await exchange(code, verifier);
    expect(replay.status).toBe(400);
    const error = (await replay.json()) as { error: string; error_description: string };
    expect(error.error).toBe('invalid_grant');
    expect(error.error_description).toMatch(/already used.*revoked/);

    expect((await fhir(sandbox, token.access_token, `Patient/${PATIENT}`)).status).toBe(401);
    const refresh = await postToken(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token!,
      client_id: CLIENT_ID,
    });
    expect(refresh.status).toBe(400);
  });

  it('a replay also revokes tokens refreshed from the original grant', async () => {
    const { params, verifier } = await authorize(APP_SCOPES);
    const code = params.get('code')!;
    const token = (await (await exchange(code, verifier)).json()) as TokenResponse;
    const refreshed = (await (
      await postToken(sandbox, {
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token!,
        client_id: CLIENT_ID,
      })
    ).json()) as TokenResponse;
    expect((await fhir(sandbox, refreshed.access_token, `Patient/${PATIENT}`)).status).toBe(200);
    await exchange(code, verifier);
    expect((await fhir(sandbox, refreshed.access_token, `Patient/${PATIENT}`)).status).toBe(401);
  });
});

describe('launch ids', () => {
  it('are single-use: a second authorization with the same launch is refused', async () => {
    const first = await authorize(APP_SCOPES);
    expect(first.params.get('code')).toBeTruthy();
    const again = await authorize(APP_SCOPES, { launch: first.launch });
    expect(again.params.get('code')).toBeNull();
    expect(again.params.get('error')).toBe('invalid_request');
    expect(again.params.get('error_description')).toMatch(/launch/);
  });

  it('expire 5 minutes after the launch', async () => {
    const fresh = (await ehrLaunch(sandbox, PATIENT)).launch;
    const stale = (await ehrLaunch(sandbox, PATIENT)).launch;
    clock.advance(4 * 60 + 50);
    try {
      expect((await authorize(APP_SCOPES, { launch: fresh })).params.get('code')).toBeTruthy();
      clock.advance(15);
      expect((await authorize(APP_SCOPES, { launch: stale })).params.get('error')).toBe('invalid_request');
    } finally {
      clock.advance(-(4 * 60 + 65));
    }
  });
});

describe('the open FHIR server for the reference launcher', () => {
  it('is not served unless asked for', () => {
    expect(sandbox.openFhirBaseUrl).toBeUndefined();
  });

  it('serves the store without a token at the root of its own port, with its own base in links', async () => {
    const open = await start({ openFhirPort: 0 });
    try {
      const base = open.openFhirBaseUrl!;
      expect(base).toMatch(/^http:\/\/localhost:\d+$/);
      expect(base).not.toBe(open.url);
      const res = await fetch(`${base}/Observation?patient=${PATIENT}&_count=2`);
      expect(res.status).toBe(200);
      const bundle = (await res.json()) as Bundle;
      expect(bundle.link?.find((l) => l.relation === 'next')?.url).toMatch(new RegExp(`^${base}/Observation\\?`));
      // What the launcher sends to pick the latest encounter: from the root, DSTU2-style sort.
      const latest = await fetch(`${base}/Encounter/?_count=1&_sort:desc=date&patient=${PATIENT}`);
      expect(latest.status).toBe(200);
      const sorted = await fetch(`${base}/Encounter?_count=1&_sort=-date&patient=${PATIENT}`);
      const first = (b: Bundle) => b.entry?.map((e) => e.resource?.id);
      expect(first((await latest.json()) as Bundle)).toEqual(first((await sorted.json()) as Bundle));
      // What its practitioner login sends.
      const login = await fetch(`${base}/Practitioner?_count=10&_summary=true&_sort=given`);
      expect(login.status).toBe(200);
      const practitioners = await open.store.repo.searchResources({ resourceType: 'Practitioner' });
      expect(((await login.json()) as Bundle).total).toBe(practitioners.length);
      expect((await fetch(`${open.fhirBaseUrl}/Patient/${PATIENT}`)).status).toBe(401);
    } finally {
      await open.close();
    }
  }, 30_000);
});

function note(patient: string) {
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    subject: { reference: `Patient/${patient}` },
    content: [{ attachment: { contentType: 'text/plain', data: 'bm90ZQ==' } }],
  };
}

async function countOf(patient: string): Promise<number> {
  const all = await sandbox.store.repo.searchResources({
    resourceType: 'Observation',
    filters: [{ code: 'subject', operator: 'eq', value: `Patient/${patient}` }],
  });
  return all.length;
}
