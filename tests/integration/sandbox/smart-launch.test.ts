/**
 * The sandbox as a SMART App Launch 2 authorization server, over real HTTP: discovery, the EHR launch with PKCE,
 * the refusals a real EHR makes, the standalone picker, refresh, and the launcher page itself.
 */
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { personas, synthea } from '../../../mocks/personas/index';
import { patientEncounters } from '../../../mocks/fhir-store';
import type { SandboxHandle } from '../../../mocks/sandbox/server';
import {
  APP_SCOPES,
  APP_URL,
  CLIENT_ID,
  REDIRECT_URI,
  VITO,
  authorizeUrl,
  ehrLaunch,
  launchAndToken,
  pkce,
  postToken,
  start,
  testClock,
} from './helpers';

const PERSONA = 'pad-clti-rest-pain';
const PRACTITIONER = 'practitioner-erik-lindqvist';

let sandbox: SandboxHandle;
const clock = testClock();

beforeAll(async () => {
  sandbox = await start({ now: clock.now });
}, 30_000);
afterAll(async () => {
  await sandbox?.close();
});

describe('discovery', () => {
  it('serves .well-known/smart-configuration under the FHIR base', async () => {
    const res = await fetch(`${sandbox.fhirBaseUrl}/.well-known/smart-configuration`);
    expect(res.status).toBe(200);
    const config = (await res.json()) as Record<string, unknown>;
    expect(config.authorization_endpoint).toBe(`${sandbox.url}/auth/authorize`);
    expect(config.token_endpoint).toBe(`${sandbox.url}/auth/token`);
    expect(config.code_challenge_methods_supported).toEqual(['S256']);
    // Static and cacheable, so the app's and fhirclient's discovery at launch cost one round trip, not two.
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(config.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
    expect(config.response_types_supported).toEqual(['code']);
    expect(config.capabilities).toEqual(
      expect.arrayContaining([
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'context-ehr-patient',
        'context-ehr-encounter',
        'context-standalone-patient',
        'permission-v1',
        'permission-v2',
        'sso-openid-connect',
      ]),
    );
    expect(config.scopes_supported).toEqual(expect.arrayContaining(['launch', 'launch/patient', 'openid', 'fhirUser']));
  });

  it('serves a CapabilityStatement with the SMART oauth-uris extension and the search parameters', async () => {
    const res = await fetch(`${sandbox.fhirBaseUrl}/metadata`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const cs = (await res.json()) as {
      resourceType: string;
      fhirVersion: string;
      rest: {
        security: { extension: { url: string; extension: { url: string; valueUri: string }[] }[] };
        resource: { type: string; searchParam: { name: string }[]; interaction: { code: string }[] }[];
      }[];
    };
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    const oauth = cs.rest[0]!.security.extension.find((e) => e.url.endsWith('/oauth-uris'))!;
    expect(Object.fromEntries(oauth.extension.map((e) => [e.url, e.valueUri]))).toMatchObject({
      authorize: `${sandbox.url}/auth/authorize`,
      token: `${sandbox.url}/auth/token`,
    });
    const obs = cs.rest[0]!.resource.find((r) => r.type === 'Observation')!;
    expect(obs.searchParam.map((p) => p.name)).toEqual(
      expect.arrayContaining(['patient', 'subject', 'code', 'category', 'date']),
    );
    expect(obs.interaction.map((i) => i.code)).toEqual(expect.arrayContaining(['read', 'search-type', 'create']));
    const cond = cs.rest[0]!.resource.find((r) => r.type === 'Condition')!;
    expect(cond.searchParam.map((p) => p.name)).toContain('clinical-status');
  });

  it('publishes its signing keys and OpenID configuration', async () => {
    const jwks = (await (await fetch(`${sandbox.url}/.well-known/jwks.json`)).json()) as { keys: { kty: string }[] };
    expect(jwks.keys[0]?.kty).toBe('RSA');
    const oidc = (await (await fetch(`${sandbox.url}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(oidc.issuer).toBe(sandbox.url);
    expect(oidc.jwks_uri).toBe(`${sandbox.url}/.well-known/jwks.json`);
  });
});

describe('EHR launch', () => {
  it('redirects "Launch Nocturne" to <app>/launch with iss and an opaque launch id', async () => {
    const { launch, location } = await ehrLaunch(sandbox, PERSONA);
    expect(`${location.origin}${location.pathname}`).toBe(`${APP_URL}/launch`);
    expect(location.searchParams.get('iss')).toBe(sandbox.fhirBaseUrl);
    expect(launch).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(launch).not.toContain(PERSONA);
  });

  it('runs the code flow with PKCE S256 and returns the launch context and a verifiable id_token', async () => {
    const [latest] = await patientEncounters(sandbox.store, PERSONA);
    const chosen = latest!.id!;

    const token = await launchAndToken(sandbox, PERSONA, {
      launcherParams: { practitioner: PRACTITIONER, [`encounter:${PERSONA}`]: chosen },
      nonce: 'n-0S6_WzA2Mj',
    });
    expect(token.token_type).toBe('Bearer');
    expect(token.expires_in).toBe(3600);
    expect(token.patient).toBe(PERSONA);
    expect(token.encounter).toBe(chosen);
    expect(token.fhirUser).toBe(`${sandbox.fhirBaseUrl}/Practitioner/${PRACTITIONER}`);
    expect(token.need_patient_banner).toBe(true);
    expect(token.scope.split(' ').sort()).toEqual(APP_SCOPES.split(' ').sort());
    expect(token.refresh_token).toBeTruthy();

    const jwks = createRemoteJWKSet(new URL(`${sandbox.url}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token.id_token!, jwks, {
      issuer: sandbox.url,
      audience: CLIENT_ID,
      currentDate: clock.now(),
    });
    expect(payload.fhirUser).toBe(`${sandbox.fhirBaseUrl}/Practitioner/${PRACTITIONER}`);
    expect(payload.sub).toBe(PRACTITIONER);
    expect(payload.nonce).toBe('n-0S6_WzA2Mj');

    const at = decodeJwt(token.access_token);
    expect(at.aud).toBe(sandbox.fhirBaseUrl);
    expect(at.exp! - at.iat!).toBe(3600);
  });

  it("refuses an encounter that is not the patient's, and an unknown patient", async () => {
    const [vitosEncounter] = await patientEncounters(sandbox.store, VITO);
    const res = await fetch(`${sandbox.url}/launch/ehr?patient=${PERSONA}&encounter=${vitosEncounter!.id!}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const unknown = await fetch(`${sandbox.url}/launch/ehr?patient=nobody`, { redirect: 'manual' });
    expect(unknown.status).toBe(400);
  });

  it('gives no encounter when the launcher says "No encounter"', async () => {
    const token = await launchAndToken(sandbox, PERSONA, { launcherParams: { [`encounter:${PERSONA}`]: '' } });
    expect(token.patient).toBe(PERSONA);
    expect(token.encounter).toBeUndefined();
  });

  it('understands v1 scopes and omits id_token and refresh_token when not asked', async () => {
    const token = await launchAndToken(sandbox, PERSONA, {
      scope: 'launch patient/*.read patient/DocumentReference.write',
    });
    expect(token.scope).toBe('launch patient/*.read patient/DocumentReference.write');
    expect(token.id_token).toBeUndefined();
    expect(token.refresh_token).toBeUndefined();
    expect(token.fhirUser).toBeUndefined();
  });

  it('rejects a wrong PKCE verifier with invalid_grant, and the code cannot be reused', async () => {
    const { launch } = await ehrLaunch(sandbox, PERSONA);
    const { verifier, challenge } = pkce();
    const res = await fetch(authorizeUrl(sandbox, { scope: APP_SCOPES, launch, challenge, method: 'S256' }), {
      redirect: 'manual',
    });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const exchange = (code_verifier: string) =>
      postToken(sandbox, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        code_verifier,
      });
    const wrong = await exchange(pkce().verifier);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const replay = await exchange(verifier);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rejects a missing code_verifier', async () => {
    const { launch } = await ehrLaunch(sandbox, PERSONA);
    const { challenge } = pkce();
    const res = await fetch(authorizeUrl(sandbox, { scope: APP_SCOPES, launch, challenge, method: 'S256' }), {
      redirect: 'manual',
    });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const missing = await postToken(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses plain or missing PKCE at authorize, redirecting with the error and the state', async () => {
    const { launch } = await ehrLaunch(sandbox, PERSONA);
    for (const pk of [{ challenge: 'x'.repeat(43), method: 'plain' }, {}]) {
      const res = await fetch(authorizeUrl(sandbox, { scope: APP_SCOPES, launch, state: 's-9', ...pk }), {
        redirect: 'manual',
      });
      expect(res.status).toBe(302);
      const loc = new URL(res.headers.get('location')!);
      expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT_URI);
      expect(loc.searchParams.get('error')).toBe('invalid_request');
      expect(loc.searchParams.get('state')).toBe('s-9');
      expect(loc.searchParams.get('code')).toBeNull();
    }
  });

  it('shows an error page and never redirects for an unregistered redirect URI or client', async () => {
    const { launch } = await ehrLaunch(sandbox, PERSONA);
    const { challenge } = pkce();
    for (const bad of [
      { redirectUri: 'https://evil.example/assessment' },
      { redirectUri: `${APP_URL}/assessment/../steal` },
      { clientId: 'someone-else' },
    ]) {
      const res = await fetch(authorizeUrl(sandbox, { scope: APP_SCOPES, launch, challenge, method: 'S256', ...bad }), {
        redirect: 'manual',
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const body = await res.text();
      expect(body).toMatch(/not registered/);
      expect(body).not.toContain('<script');
    }
  });

  it('refuses an aud that is not its FHIR base', async () => {
    const { launch } = await ehrLaunch(sandbox, PERSONA);
    const { challenge } = pkce();
    const res = await fetch(
      authorizeUrl(sandbox, {
        scope: APP_SCOPES,
        launch,
        challenge,
        method: 'S256',
        aud: 'https://launch.smarthealthit.org/v/r4/fhir',
        state: 'st-aud',
      }),
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(loc.searchParams.get('error')).toBe('invalid_request');
    expect(loc.searchParams.get('error_description')).toMatch(/aud/);
    expect(loc.searchParams.get('state')).toBe('st-aud');
    expect(loc.searchParams.get('code')).toBeNull();
  });

  it('refuses an unknown launch id', async () => {
    const { challenge } = pkce();
    const res = await fetch(
      authorizeUrl(sandbox, { scope: APP_SCOPES, launch: 'not-a-launch', challenge, method: 'S256' }),
      { redirect: 'manual' },
    );
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('refreshes with the refresh token, rotating it', async () => {
    const token = await launchAndToken(sandbox, PERSONA);
    const refreshed = await postToken(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token!,
      client_id: CLIENT_ID,
    });
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as { access_token: string; refresh_token: string; patient: string };
    expect(body.patient).toBe(PERSONA);
    expect(body.refresh_token).not.toBe(token.refresh_token);
    const obs = await fetch(`${sandbox.fhirBaseUrl}/Observation?patient=${PERSONA}`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    expect(obs.status).toBe(200);
    const again = await postToken(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token!,
      client_id: CLIENT_ID,
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('standalone launch', () => {
  it('shows a patient picker, then redirects with a code whose token carries the chosen patient', async () => {
    const { verifier, challenge } = pkce();
    const res = await fetch(
      authorizeUrl(sandbox, {
        scope: 'launch/patient openid fhirUser patient/*.rs',
        challenge,
        method: 'S256',
        state: 'standalone-1',
      }),
      { redirect: 'manual' },
    );
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Choose a patient');
    const pick = /name="pick" value="([^"]+)"/.exec(page)?.[1];
    expect(pick).toBeTruthy();
    expect(page).toContain(`value="${VITO}"`);

    const chosen = await fetch(`${sandbox.url}/auth/pick`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ pick: pick!, patient: VITO, practitioner: PRACTITIONER, action: 'allow' }).toString(),
      redirect: 'manual',
    });
    expect(chosen.status).toBe(302);
    const loc = new URL(chosen.headers.get('location')!);
    expect(loc.searchParams.get('state')).toBe('standalone-1');
    const token = await postToken(sandbox, {
      grant_type: 'authorization_code',
      code: loc.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    });
    const body = (await token.json()) as { patient: string; fhirUser: string; encounter?: string };
    expect(body.patient).toBe(VITO);
    expect(body.encounter).toBeUndefined();
    expect(body.fhirUser).toBe(`${sandbox.fhirBaseUrl}/Practitioner/${PRACTITIONER}`);
  });

  it('redirects with access_denied when the user cancels', async () => {
    const { challenge } = pkce();
    const page = await (
      await fetch(authorizeUrl(sandbox, { scope: 'launch/patient patient/*.rs', challenge, method: 'S256' }))
    ).text();
    const pick = /name="pick" value="([^"]+)"/.exec(page)![1]!;
    const res = await fetch(`${sandbox.url}/auth/pick`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ pick, action: 'deny' }).toString(),
      redirect: 'manual',
    });
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });
});

describe('launcher page', () => {
  it('lists every persona and every Synthea patient with a Launch button, a standalone link and pickers', async () => {
    const res = await fetch(`${sandbox.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const p of personas) {
      expect(html, p.id).toContain(`name="patient" value="${p.id}"`);
      expect(html, p.id).toContain(escapeHtml(p.name));
    }
    for (const s of synthea) expect(html).toContain(s.name);
    expect(html.match(/<button type="submit" name="patient"[^>]*>Launch Nocturne</g)?.length ?? 0).toBe(
      personas.length + synthea.length,
    );
    expect(html).toContain(`href="${APP_URL}/launch?iss=${encodeURIComponent(sandbox.fhirBaseUrl)}"`);
    expect(html).toContain('name="practitioner"');
    expect(html).toContain('>No encounter<');
    for (const control of ['name="latency"', 'name="fail"', 'name="expires"', 'name="deny_write"']) {
      expect(html).toContain(control);
    }
  });

  it('prefills fault switches from the query string and reports a bad one', async () => {
    const ok = await (await fetch(`${sandbox.url}/?latency=250&fail=Observation&deny_write=1`)).text();
    expect(ok).toContain(
      'id="latency" name="latency" type="number" min="0" max="60000" step="50" inputmode="numeric" value="250"',
    );
    expect(ok).toContain('<option selected>Observation</option>');
    const bad = await (await fetch(`${sandbox.url}/?latency=soon`)).text();
    expect(bad).toMatch(/role="alert">Fault switch ignored: latency must be a whole number/);
  });
});
