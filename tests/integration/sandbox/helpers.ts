/**
 * Test helpers that act like a SMART client against the sandbox over real HTTP: PKCE computed here (not by the
 * sandbox), redirects inspected rather than followed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SandboxHandle, StartSandboxOptions } from '../../../mocks/sandbox/server';
import { startSandbox } from '../../../mocks/sandbox/server';

/** The app origin the sandbox is told about; nothing listens there (tests never follow the redirect). */
export const APP_URL = 'http://localhost:4599';
export const REDIRECT_URI = `${APP_URL}/assessment`;
export const CLIENT_ID = 'nocturne-local';

/** A controllable clock. */
export function testClock(start = new Date('2026-11-26T12:00:00Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (seconds: number) => {
      t += seconds * 1000;
    },
  };
}

export function start(options: Partial<StartSandboxOptions> = {}): Promise<SandboxHandle> {
  return startSandbox({ port: 0, appUrl: APP_URL, quiet: true, ...options });
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export interface AuthorizeParams {
  scope: string;
  launch?: string;
  aud?: string;
  redirectUri?: string;
  state?: string;
  challenge?: string;
  method?: string;
  clientId?: string;
  nonce?: string;
}

export function authorizeUrl(sandbox: SandboxHandle, p: AuthorizeParams): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId ?? CLIENT_ID,
    redirect_uri: p.redirectUri ?? REDIRECT_URI,
    scope: p.scope,
    state: p.state ?? 'state-123',
    aud: p.aud ?? sandbox.fhirBaseUrl,
  });
  if (p.launch) q.set('launch', p.launch);
  if (p.challenge !== undefined) q.set('code_challenge', p.challenge);
  if (p.method !== undefined) q.set('code_challenge_method', p.method);
  if (p.nonce) q.set('nonce', p.nonce);
  return `${sandbox.url}/auth/authorize?${q.toString()}`;
}

/** Press "Launch Nocturne" on the launcher: returns the opaque launch id from the redirect to the app. */
export async function ehrLaunch(
  sandbox: SandboxHandle,
  patient: string,
  extra: Record<string, string> = {},
): Promise<{ launch: string; location: URL }> {
  const q = new URLSearchParams({ patient, ...extra });
  const res = await fetch(`${sandbox.url}/launch/ehr?${q.toString()}`, { redirect: 'manual' });
  if (res.status !== 303) throw new Error(`launch failed: ${res.status} ${await res.text()}`);
  const location = new URL(res.headers.get('location') ?? '');
  return { launch: location.searchParams.get('launch') ?? '', location };
}

export async function postToken(sandbox: SandboxHandle, form: Record<string, string>): Promise<Response> {
  return fetch(`${sandbox.url}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  patient?: string;
  encounter?: string;
  fhirUser?: string;
  need_patient_banner?: boolean;
  id_token?: string;
  refresh_token?: string;
  smart_style_url?: string;
}

export const APP_SCOPES =
  'launch openid fhirUser offline_access patient/Patient.rs patient/Observation.rs patient/Condition.rs ' +
  'patient/MedicationRequest.rs patient/Procedure.rs patient/Encounter.rs patient/DocumentReference.cs';

/** The whole EHR launch: launcher → authorize (PKCE S256) → token. */
export async function launchAndToken(
  sandbox: SandboxHandle,
  patient: string,
  options: { scope?: string; launcherParams?: Record<string, string>; nonce?: string } = {},
): Promise<TokenResponse> {
  const { launch } = await ehrLaunch(sandbox, patient, options.launcherParams);
  const { verifier, challenge } = pkce();
  const res = await fetch(
    authorizeUrl(sandbox, {
      scope: options.scope ?? APP_SCOPES,
      launch,
      challenge,
      method: 'S256',
      ...(options.nonce ? { nonce: options.nonce } : {}),
    }),
    { redirect: 'manual' },
  );
  const location = new URL(res.headers.get('location') ?? '');
  const code = location.searchParams.get('code');
  if (res.status !== 302 || !code) throw new Error(`authorize failed: ${res.status} ${location.toString()}`);
  const token = await postToken(sandbox, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
  if (token.status !== 200) throw new Error(`token failed: ${token.status} ${await token.text()}`);
  return (await token.json()) as TokenResponse;
}

/** GET/POST against the FHIR base with a bearer token. */
export function fhir(
  sandbox: SandboxHandle,
  token: string | undefined,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.body && !headers.has('content-type')) headers.set('Content-Type', 'application/fhir+json');
  headers.set('Accept', 'application/fhir+json');
  const url = path.startsWith('http') ? path : `${sandbox.fhirBaseUrl}/${path.replace(/^\//, '')}`;
  return fetch(url, { ...init, headers });
}

/** Synthea ids (stable UUIDs from the fixture files). */
export const VITO = '9efca32a-04f9-438a-990c-a287e8b62aac';
export const RENATO = 'ffd502c9-23e1-4f8f-bc8a-87373acad280';
