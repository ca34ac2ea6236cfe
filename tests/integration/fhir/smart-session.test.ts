// @vitest-environment jsdom
/**
 * The SMART launch through fhirclient (its browser entry, in jsdom) against msw: allow-list before any request,
 * PKCE S256 and scope spelling in the authorisation request, the code exchange exactly once even when asked
 * concurrently (StrictMode), `code`/`state` removed from the URL, tokens only in sessionStorage, a reload that
 * resumes, and the typed "relaunch" states.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, toClientConfig } from '@/lib/config';
import FHIR from 'fhirclient';
import { forgetSession, readSession, smartClient, startLaunch } from '@/lib/fhir';

const ISS = 'https://ehr.test/fhir';
const TOKEN_URL = 'https://ehr.test/auth/token';
const config = toClientConfig(loadConfig({ NOCTURNE_ALLOWED_ISSUERS: ISS }));

const server = setupServer();
let tokenCalls: URLSearchParams[] = [];

function wellKnown(capabilities: string[], methods = ['S256']) {
  return http.get(`${ISS}/.well-known/smart-configuration`, () => {
    return HttpResponse.json({
      authorization_endpoint: 'https://ehr.test/auth/authorize',
      token_endpoint: TOKEN_URL,
      code_challenge_methods_supported: methods,
      capabilities,
    });
  });
}

const tokenHandler = http.post(TOKEN_URL, async ({ request }) => {
  tokenCalls.push(new URLSearchParams(await request.text()));
  await new Promise((r) => setTimeout(r, 20));
  return HttpResponse.json({
    access_token: 'secret-access-token',
    token_type: 'Bearer',
    expires_in: 3600,
    scope: 'launch openid fhirUser patient/Observation.rs patient/Condition.read patient/DocumentReference.c',
    patient: 'pat-1',
    encounter: 'enc-9',
    need_patient_banner: false,
  });
});

/**
 * fhirclient's browser adapter is a singleton that caches the page URL on first use; in a browser every page
 * load gets a fresh one. Tests simulate page loads in one jsdom window, so they forget that cached URL.
 */
function newPageLoad(path: string) {
  window.history.replaceState({}, '', path);
  const adapter = FHIR.client({ serverUrl: ISS }).environment as unknown as { _url: URL | null };
  adapter._url = null;
  forgetSession();
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  forgetSession();
  tokenCalls = [];
  newPageLoad('/launch');
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Starts a launch and waits until fhirclient has stored its state (it then tries to navigate away). */
async function launchAndGetState(iss: string, launch: string | null, until: (scope: string) => boolean = () => true) {
  void startLaunch({ iss, launch, config, origin: window.location.origin });
  for (let i = 0; i < 200; i++) {
    const key = sessionStorage.getItem('SMART_KEY');
    const state = key
      ? (JSON.parse(sessionStorage.getItem(JSON.parse(key) as string) ?? 'null') as Record<string, unknown> | null)
      : null;
    if (key && state?.codeChallenge && until(String(state.scope))) return { key: JSON.parse(key) as string, state };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('fhirclient did not store a launch state');
}

describe('startLaunch', () => {
  it('refuses an issuer that is not allowed without sending it anything', async () => {
    server.use(http.all('https://evil.test/*', () => HttpResponse.error()));
    const refusal = await startLaunch({
      iss: 'https://evil.test/fhir',
      launch: 'x',
      config,
      origin: 'http://localhost:3000',
    });
    expect(refusal).toEqual({ kind: 'unknown-issuer', iss: 'https://evil.test/fhir' });
    const missing = await startLaunch({ iss: null, launch: null, config, origin: 'http://localhost:3000' });
    expect(missing).toEqual({ kind: 'missing-iss' });
  });

  it('refuses a server that does not advertise PKCE S256', async () => {
    server.use(wellKnown(['permission-v2'], ['plain']));
    const refusal = await startLaunch({ iss: ISS, launch: 'abc', config, origin: 'http://localhost:3000' });
    expect(refusal).toEqual({ kind: 'no-pkce', iss: ISS });
  });

  it('an unreachable server is a clear refusal, not a crash', async () => {
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json({}, { status: 503 })));
    const refusal = await startLaunch({ iss: ISS, launch: 'abc', config, origin: 'http://localhost:3000' });
    expect(refusal).toMatchObject({ kind: 'discovery-failed', iss: ISS });
  });

  it('EHR launch: PKCE S256, v2 scopes with launch, the configured client id and redirect', async () => {
    server.use(wellKnown(['launch-ehr', 'permission-v2']));
    const { state } = await launchAndGetState(ISS, 'opaque-launch');
    expect(state).toMatchObject({
      clientId: 'nocturne-local',
      redirectUri: 'http://localhost:3000/assessment',
      serverUrl: ISS,
      tokenUri: TOKEN_URL,
      authorizeUri: 'https://ehr.test/auth/authorize',
    });
    expect(typeof state.codeVerifier).toBe('string');
    expect(String(state.scope).split(' ')).toEqual(
      expect.arrayContaining(['launch', 'patient/Observation.rs', 'patient/DocumentReference.c']),
    );
    expect(localStorage.length).toBe(0);
  });

  it('standalone launch against a v1-only server: v1 scopes, no bare launch scope', async () => {
    server.use(wellKnown(['launch-standalone', 'permission-v1']));
    // The first authorisation is prepared with v2 scopes in parallel with discovery, then redone in v1.
    const { state } = await launchAndGetState(ISS, null, (scope) => scope.includes('.read'));
    const scopes = String(state.scope).split(' ');
    expect(scopes).not.toContain('launch');
    expect(scopes).toEqual(
      expect.arrayContaining(['launch/patient', 'patient/Observation.read', 'patient/DocumentReference.write']),
    );
    expect(scopes.some((s) => s.endsWith('.rs') || s.endsWith('.c'))).toBe(false);
  });
});

describe('readSession', () => {
  async function returnFromAuthorisation() {
    server.use(wellKnown(['launch-ehr', 'permission-v2']), tokenHandler);
    const { key } = await launchAndGetState(ISS, 'opaque-launch');
    newPageLoad(`/assessment?code=the-code&state=${key}`);
    return key;
  }

  it('exchanges the code once even when asked concurrently, cleans the URL and parses the session', async () => {
    await returnFromAuthorisation();
    const [a, b] = await Promise.all([readSession(), readSession(), smartClient()]);
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]?.get('code')).toBe('the-code');
    expect(tokenCalls[0]?.get('code_verifier')).toBeTruthy();
    expect(tokenCalls[0]?.get('client_id')).toBe('nocturne-local');
    expect(window.location.search).toBe('');
    expect(a).toEqual(b);
    expect(a.status).toBe('active');
    if (a.status !== 'active') return;
    expect(a.session).toMatchObject({
      serverUrl: ISS,
      patientId: 'pat-1',
      encounterId: 'enc-9',
      needPatientBanner: false,
      canRefresh: false,
      capabilities: {
        read: { Observation: 'full', Condition: 'full', Patient: 'none', Encounter: 'none' },
        createDocumentReference: true,
      },
    });
    expect(JSON.stringify(a)).not.toContain('secret-access-token');
    // The token lives in sessionStorage only.
    expect(JSON.stringify({ ...sessionStorage })).toContain('secret-access-token');
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-access-token');
  });

  it('a reload resumes the session without a second code exchange', async () => {
    await returnFromAuthorisation();
    await readSession();
    newPageLoad('/assessment');
    const again = await readSession();
    expect(again.status).toBe('active');
    expect(tokenCalls).toHaveLength(1);
  });

  it('an expired token without a refresh token is "expired"', async () => {
    await returnFromAuthorisation();
    await readSession();
    newPageLoad('/assessment');
    const later = Date.now() + 2 * 3600 * 1000;
    expect((await readSession(() => later)).status).toBe('expired');
  });

  it('a tab without launch state is "no-session"', async () => {
    newPageLoad('/assessment');
    expect(await readSession()).toEqual({ status: 'no-session', message: 'This tab has no active EHR session.' });
  });

  it('an authorisation error from the EHR is a typed error state', async () => {
    server.use(wellKnown(['launch-ehr', 'permission-v2']));
    const { key } = await launchAndGetState(ISS, 'x');
    newPageLoad(`/assessment?state=${key}&error=access_denied&error_description=The+user+declined`);
    const state = await readSession();
    expect(state).toEqual({
      status: 'error',
      message: 'The EHR did not authorise Nocturne: access_denied: The user declined',
    });
  });
});
