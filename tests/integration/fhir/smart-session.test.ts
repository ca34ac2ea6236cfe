// @vitest-environment jsdom
/**
 * The SMART launch in jsdom against msw: our authorisation step (discovery once, PKCE S256, scope spelling, state) and
 * redirect step (`state` checked before anything else is read, the code exchanged once, refusals cleaned, the one
 * read-only retry), and the contract that matters most — fhirclient's own `ready()` resumes the session they stored
 * (refresh, Authorization header and id_token stay fhirclient's). Also: tokens only in sessionStorage, a reload that
 * resumes, the typed "relaunch" states, and no request with a token known to be dead.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import FHIR from 'fhirclient';
import {
  fetchSection,
  forgetSession,
  readSession,
  smartAuthorize,
  smartClient,
  smartCompleteRedirect,
  smartFhirContext,
  type AuthorizeArgs,
} from '@/lib/fhir';
import { FhirRequestError } from '@/lib/fhir/errors';
import { REDIRECT_GLOBAL, inlineScript } from '@/lib/fhir/smart-boot';

const ISS = 'https://ehr.test/fhir';
const AUTHORIZE_URL = 'https://ehr.test/auth/authorize';
const TOKEN_URL = 'https://ehr.test/auth/token';

const ARGS: AuthorizeArgs = {
  iss: ISS,
  launch: 'opaque-launch',
  clientId: 'nocturne-local',
  redirectUri: null,
  scope: {
    v2: 'launch launch/patient openid fhirUser patient/Observation.rs patient/DocumentReference.c',
    v1: 'launch launch/patient openid fhirUser patient/Observation.read patient/DocumentReference.write',
  },
  readOnlyScope: {
    v2: 'launch launch/patient openid fhirUser patient/Observation.rs',
    v1: 'launch launch/patient openid fhirUser patient/Observation.read',
  },
  scopeVersion: 'auto',
};

const server = setupServer();
let tokenCalls: URLSearchParams[] = [];
let discoveryCalls = 0;
let fhirCalls = 0;

function wellKnown(capabilities: string[], methods = ['S256']) {
  return http.get(`${ISS}/.well-known/smart-configuration`, () => {
    discoveryCalls++;
    return HttpResponse.json({
      authorization_endpoint: AUTHORIZE_URL,
      token_endpoint: TOKEN_URL,
      code_challenge_methods_supported: methods,
      capabilities,
    });
  });
}

function tokenHandler(extra: Record<string, unknown> = {}) {
  return http.post(TOKEN_URL, async ({ request }) => {
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
      ...extra,
    });
  });
}

const fhirHandler = http.get(`${ISS}/*`, () => {
  fhirCalls++;
  return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: [] });
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
  tokenCalls = [];
  discoveryCalls = 0;
  fhirCalls = 0;
  newPageLoad('/launch');
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Runs the authorisation step; resolves with the authorisation URL it navigated to, or its failure. */
async function authorizeUrl(args: AuthorizeArgs = ARGS): Promise<URL> {
  return new Promise((resolve, reject) => {
    smartAuthorize(args, (url) => resolve(new URL(url))).then(
      (failure) => reject(new Error(`no redirect: ${failure.kind}`)),
      reject,
    );
  });
}

const storedState = (key: string) => JSON.parse(sessionStorage.getItem(key) ?? 'null') as Record<string, unknown>;

describe('smartAuthorize (the /launch page)', () => {
  it('refuses a server that does not advertise PKCE S256, and goes nowhere', async () => {
    server.use(wellKnown(['permission-v2'], ['plain']));
    let navigated = false;
    expect(await smartAuthorize(ARGS, () => (navigated = true))).toEqual({ kind: 'no-pkce' });
    expect(navigated).toBe(false);
  });

  it('an unreachable or broken server is a clear failure, not a crash', async () => {
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json({}, { status: 503 })));
    expect(await smartAuthorize(ARGS, () => undefined)).toEqual({ kind: 'discovery-failed', status: 503 });
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.error()));
    expect(await smartAuthorize(ARGS, () => undefined)).toEqual({ kind: 'discovery-failed', status: null });
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json({ issuer: 'x' })));
    expect(await smartAuthorize(ARGS, () => undefined)).toEqual({ kind: 'discovery-failed', status: 200 });
  });

  it('EHR launch: one discovery, PKCE S256, v2 scopes, the client id, redirect, aud, launch and a fresh state', async () => {
    server.use(wellKnown(['launch-ehr', 'permission-v2']));
    const url = await authorizeUrl();
    expect(discoveryCalls).toBe(1);
    expect(`${url.origin}${url.pathname}`).toBe(AUTHORIZE_URL);
    const q = url.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('nocturne-local');
    expect(q.get('redirect_uri')).toBe(`${window.location.origin}/assessment`);
    expect(q.get('aud')).toBe(ISS);
    expect(q.get('launch')).toBe('opaque-launch');
    expect(q.get('scope')).toBe(ARGS.scope.v2);
    expect(q.get('code_challenge_method')).toBe('S256');
    const key = q.get('state') ?? '';
    expect(key.length).toBeGreaterThanOrEqual(16);
    expect(JSON.parse(sessionStorage.getItem('SMART_KEY') ?? '""')).toBe(key);
    const state = storedState(key);
    expect(state).toMatchObject({ clientId: 'nocturne-local', serverUrl: ISS, tokenUri: TOKEN_URL, key });
    // The challenge is S256 of the stored verifier.
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(String(state.codeVerifier)));
    const challenge = Buffer.from(digest).toString('base64url');
    expect(q.get('code_challenge')).toBe(challenge);
    expect(localStorage.length).toBe(0);
    // Another launch in the same tab: a new state, the old one forgotten.
    const again = await authorizeUrl();
    expect(again.searchParams.get('state')).not.toBe(key);
    expect(sessionStorage.getItem(key)).toBeNull();
  });

  it('a v1-only server gets the v1 spelling', async () => {
    server.use(wellKnown(['launch-standalone', 'permission-v1']));
    const url = await authorizeUrl({ ...ARGS, launch: null });
    expect(url.searchParams.get('scope')).toBe(ARGS.scope.v1);
    expect(url.searchParams.has('launch')).toBe(false);
  });
});

describe('readSession after the redirect (fhirclient resumes what the redirect step stored)', () => {
  async function returnFromAuthorisation(query: (key: string) => string = (key) => `code=the-code&state=${key}`) {
    server.use(wellKnown(['launch-ehr', 'permission-v2']), tokenHandler(), fhirHandler);
    const url = await authorizeUrl();
    const key = url.searchParams.get('state') ?? '';
    newPageLoad(`/assessment?${query(key)}`);
    return key;
  }

  it('exchanges the code once even when asked concurrently, cleans the URL and parses the session', async () => {
    await returnFromAuthorisation();
    const [a, b] = await Promise.all([readSession(), readSession(), smartClient()]);
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]?.get('grant_type')).toBe('authorization_code');
    expect(tokenCalls[0]?.get('code')).toBe('the-code');
    expect(tokenCalls[0]?.get('code_verifier')?.length).toBeGreaterThanOrEqual(43);
    expect(tokenCalls[0]?.get('client_id')).toBe('nocturne-local');
    expect(tokenCalls[0]?.get('redirect_uri')).toBe(`${window.location.origin}/assessment`);
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
    // fhirclient's client carries the token for requests; it lives in sessionStorage only.
    expect((await smartClient()).getAuthorizationHeader()).toBe('Bearer secret-access-token');
    expect(JSON.stringify({ ...sessionStorage })).toContain('secret-access-token');
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-access-token');
  });

  it('a reload resumes the session without a second code exchange, even with the code still in the URL', async () => {
    const key = await returnFromAuthorisation();
    await readSession();
    newPageLoad(`/assessment?code=the-code&state=${key}`);
    expect((await readSession()).status).toBe('active');
    newPageLoad('/assessment');
    expect((await readSession()).status).toBe('active');
    expect(tokenCalls).toHaveLength(1);
  });

  it('an expired token without a refresh token is "expired", and nothing is sent with it', async () => {
    await returnFromAuthorisation();
    await readSession();
    newPageLoad('/assessment');
    const later = Date.now() + 2 * 3600 * 1000;
    expect((await readSession(() => later)).status).toBe('expired');

    // The same token dying while the page is open: the next read stops before the network.
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? '""') as string;
    sessionStorage.setItem(key, JSON.stringify({ ...storedState(key), expiresAt: Math.floor(Date.now() / 1000) - 5 }));
    newPageLoad('/assessment');
    let unauthorized = 0;
    const ctx = await smartFhirContext({ onUnauthorized: () => unauthorized++ });
    await expect(fetchSection(ctx, 'Condition', 'pat-1', {})).rejects.toBeInstanceOf(FhirRequestError);
    expect(unauthorized).toBe(1);
    expect(fhirCalls).toBe(0);
  });

  it('a tab without launch state is "no-session"', async () => {
    newPageLoad('/assessment');
    expect(await readSession()).toEqual({ status: 'no-session', message: 'This tab has no active EHR session.' });
  });

  it('an authorisation error for this tab’s launch shows its code and cleaned words, as an EHR launch', async () => {
    await returnFromAuthorisation(
      (key) =>
        `state=${key}&error=access_denied&error_description=${encodeURIComponent('The user\r\n  declined\u0000.')}`,
    );
    expect(await readSession()).toEqual({
      status: 'error',
      message: 'The EHR did not authorise Nocturne. Its answer: “The user declined .” (error code: access_denied).',
      launch: 'ehr',
    });
    expect(window.location.search).toBe('');
  });

  it('an error whose state is not this tab’s puts none of its text on the page', async () => {
    await returnFromAuthorisation(
      () => `error=access_denied&error_description=${encodeURIComponent('Call 555-0100 to verify')}&state=x`,
    );
    const state = await readSession();
    expect(state.status).toBe('error');
    expect(JSON.stringify(state)).not.toMatch(/555|verify|access_denied/);
    expect(window.location.search).toBe('');
    // And a crafted code with a foreign state is never exchanged.
    newPageLoad('/assessment?code=stolen&state=x');
    expect((await readSession()).status).toBe('error');
    expect(tokenCalls).toHaveLength(0);
  });

  it('a long description is capped', async () => {
    await returnFromAuthorisation((key) => `state=${key}&error=server_error&error_description=${'a'.repeat(5000)}`);
    const state = await readSession();
    expect(state.status === 'error' && state.message.length).toBeLessThan(400);
  });

  it('a token endpoint refusal keeps its error code and multi-line description', async () => {
    const key = await returnFromAuthorisation();
    server.use(
      http.post(TOKEN_URL, () =>
        HttpResponse.json(
          { error: 'invalid_grant', error_description: 'Code expired.\nStart again from the EHR.' },
          { status: 400 },
        ),
      ),
    );
    newPageLoad(`/assessment?code=the-code&state=${key}`);
    expect(await readSession()).toMatchObject({
      status: 'error',
      message:
        'The EHR did not authorise Nocturne. Its answer: “Code expired. Start again from the EHR.” (error code: invalid_grant).',
    });
  });

  it('a refused write scope is retried once with read scopes only, with no second discovery', async () => {
    const key = await returnFromAuthorisation(
      (k) =>
        `state=${k}&error=invalid_scope&error_description=${encodeURIComponent('Not allowed: patient/DocumentReference.c')}`,
    );
    const retried = await new Promise<URL>((resolve) => {
      void smartCompleteRedirect((args) => smartAuthorize(args, (url) => resolve(new URL(url))));
    });
    expect(discoveryCalls).toBe(1);
    expect(retried.searchParams.get('scope')).toBe(ARGS.readOnlyScope.v2);
    expect(retried.searchParams.get('launch')).toBe('opaque-launch');
    const newKey = retried.searchParams.get('state') ?? '';
    expect(newKey).not.toBe(key);
    expect(storedState(newKey)).toMatchObject({ nocturne: { readOnly: true } });

    // Refused again: no second retry, the refusal is shown.
    newPageLoad(`/assessment?state=${newKey}&error=invalid_scope&error_description=No.`);
    let navigated = false;
    const outcome = await smartCompleteRedirect((args) => smartAuthorize(args, () => (navigated = true)));
    expect(navigated).toBe(false);
    expect(outcome).toMatchObject({ kind: 'refused', error: 'invalid_scope', description: 'No.' });
  });
});

describe('the inline-script form', () => {
  it('runs the same from its serialised source (no hidden dependency on the module)', async () => {
    server.use(wellKnown(['launch-ehr', 'permission-v2']), tokenHandler(), fhirHandler);
    const key = (await authorizeUrl()).searchParams.get('state') ?? '';
    newPageLoad(`/assessment?code=the-code&state=${key}`);
    // What app/assessment/page.tsx puts in the page, evaluated as the browser would: in the global scope.
    (0, eval)(inlineScript(REDIRECT_GLOBAL, smartCompleteRedirect, [smartAuthorize]));
    expect((window as unknown as Record<string, unknown>)[REDIRECT_GLOBAL]).toBeInstanceOf(Promise);
    expect((await readSession()).status).toBe('active');
    expect(tokenCalls).toHaveLength(1);
  });

  it('cannot be closed early by its arguments', () => {
    const script = inlineScript('x', (a: unknown) => a, ['</script><script>alert(1)</script>']);
    expect(script).not.toMatch(/<\/script/i);
  });
});
