/**
 * The SMART App Launch, through fhirclient — the only module that imports it.
 *
 * fhirclient's `main` is its Node entry and its browser entry touches `window` on import, so it is loaded
 * with a dynamic `import()` and only when `window` exists (never a static import, never in a Server Component).
 *
 * Security properties this module keeps:
 * - the issuer allow-list is checked *before* anything is sent to the issuer;
 * - PKCE S256 is required (`pkceMode: 'required'`): a server that does not advertise S256 is refused;
 * - tokens stay in fhirclient's sessionStorage state; nothing here logs them or puts them in a URL or an
 *   error message; after the code exchange `code` and `state` are removed from the address bar (fhirclient's
 *   `history.replaceState`, and {@link scrubAuthParams} after hydration) — checked by the e2e test;
 * - `ready()` (the code exchange) runs once per page load, even when React StrictMode runs effects twice.
 */
import type FhirclientModule from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import { normaliseIssuer } from '../config/issuers';
import { checkIssuer, type LaunchRefusal } from './launch-check';
import type { ClientConfig } from '../config/config';
import { FhirRequestError } from './errors';
import type { FhirContext } from './http';
import { scopeVersionFor, scopesForLaunch, type ScopeVersion } from './scopes';
import { parseSessionState, type SessionState } from './session';

type FhirModule = typeof FhirclientModule;

let fhirModule: Promise<FhirModule> | undefined;

async function loadFhirclient(): Promise<FhirModule> {
  fhirModule ??= import('fhirclient').then(
    (m) => ((m as { default?: FhirModule }).default ?? m) as FhirModule,
    (error: unknown) => {
      fhirModule = undefined; // a failed chunk load may succeed on the next attempt
      throw error;
    },
  );
  return fhirModule;
}

interface SmartConfiguration {
  capabilities?: string[];
  code_challenge_methods_supported?: string[];
  authorization_endpoint?: string;
  token_endpoint?: string;
}

async function discover(iss: string): Promise<SmartConfiguration> {
  const url = `${iss.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit' });
  if (!response.ok)
    throw new FhirRequestError({ kind: response.status >= 500 ? 'server' : 'client', status: response.status, url });
  const body = (await response.json()) as unknown;
  if (!body || typeof body !== 'object') throw new FhirRequestError({ kind: 'malformed', status: 200, url });
  return body;
}

/** The redirect URI: configured, or `<origin>/assessment`. */
export function redirectUriFor(config: Pick<ClientConfig, 'redirectUri'>, origin: string): string {
  return config.redirectUri ?? `${origin}/assessment`;
}

/**
 * Starts an EHR launch (`iss` + `launch`) or a standalone launch (`iss` only). On success the browser is
 * redirected to the authorisation server and the promise never settles; otherwise it resolves to a refusal.
 */
export async function startLaunch(args: {
  iss: string | null;
  launch: string | null;
  config: ClientConfig;
  origin: string;
}): Promise<LaunchRefusal> {
  const refusal = checkIssuer(args.iss, args.config.allowedIssuers);
  if (refusal) return refusal;
  const iss = normaliseIssuer(args.iss as string) as string;
  const ehrLaunch = Boolean(args.launch);
  const configured = args.config.scopeVersion;
  // A new launch: forget any previous session in this tab before authorising.
  forgetSession();

  const authorizeUrl = async (version: ScopeVersion): Promise<string> => {
    const FHIR = await loadFhirclient();
    const url = await FHIR.oauth2.authorize({
      iss,
      ...(args.launch ? { launch: args.launch } : {}),
      clientId: args.config.clientId,
      scope: scopesForLaunch(args.config.scopes, { ehrLaunch, version }),
      redirectUri: redirectUriFor(args.config, args.origin),
      pkceMode: 'required',
      completeInTarget: true,
      noRedirect: true,
    });
    if (typeof url !== 'string') throw new Error('fhirclient returned no authorisation URL');
    return url;
  };

  // Our discovery (PKCE and scope-version check) and fhirclient's (endpoints, PKCE state) run in parallel: one
  // round trip, not two. fhirclient keeps the smart-configuration in memory, so a second authorize() for a
  // v1-only server costs no request.
  const [discovered, firstUrl] = await Promise.allSettled([
    discover(iss),
    authorizeUrl(configured === 'auto' ? 'v2' : configured),
  ]);
  if (discovered.status === 'rejected') {
    const error: unknown = discovered.reason;
    return {
      kind: 'discovery-failed',
      iss,
      message: error instanceof FhirRequestError ? error.userMessage : 'The server could not be reached.',
    };
  }
  if (!discovered.value.code_challenge_methods_supported?.includes('S256')) return { kind: 'no-pkce', iss };
  if (firstUrl.status === 'rejected') {
    return { kind: 'discovery-failed', iss, message: 'The sign-in could not be prepared.' };
  }
  let url = firstUrl.value;
  if (configured === 'auto' && scopeVersionFor(discovered.value.capabilities) === 'v1') url = await authorizeUrl('v1');
  window.location.assign(url);
  return new Promise<never>(() => {
    /* the page is navigating to the authorisation server */
  });
}

let readyPromise: Promise<Client> | undefined;

/**
 * fhirclient `ready()`, memoised at module level: the authorisation code is exchanged once per page load even
 * when StrictMode mounts twice or several hooks ask at the same time. A reload resumes from sessionStorage.
 */
export function smartClient(): Promise<Client> {
  // A failed exchange stays failed for this page load (the code is single-use), so every caller sees the same
  // error rather than a misleading "no session" from a second attempt.
  readyPromise ??= loadFhirclient().then((FHIR) => FHIR.oauth2.ready());
  return readyPromise;
}

/** Drops the memoised client (tests, and a new launch in the same page). Does not touch other tabs. */
export function forgetSession(): void {
  readyPromise = undefined;
}

/**
 * Removes `code` and `state` from the address bar. fhirclient does this itself, but when the exchange starts
 * before hydration (see the bottom of this module) the Next.js router, hydrating afterwards, restores the URL it
 * was rendered with; so the session read (which runs after hydration) removes them again, keeping the router's
 * history state. The code is single-use, yet it must not linger in the address bar, history or bookmarks.
 */
function scrubAuthParams(): void {
  if (typeof window === 'undefined') return;
  const scrub = () => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has('code') && !url.searchParams.has('state')) return;
    url.searchParams.delete('code');
    url.searchParams.delete('state');
    window.history.replaceState(window.history.state, '', url.href);
  };
  scrub();
  // Once more after the current task, in case a router effect of the same commit runs after this one.
  setTimeout(scrub, 0);
}

/** Messages fhirclient throws when the tab simply has no launch state. */
const NO_STATE = /No 'state' parameter found|No state found/i;

/**
 * Completes or resumes the SMART session and parses it. Never throws: every failure is a typed state the UI
 * shows as "relaunch from the EHR" with a reason — no blank page, no stack trace, no token in the message.
 */
export async function readSession(now: () => number = Date.now): Promise<SessionState> {
  let client: Client;
  try {
    client = await smartClient();
    scrubAuthParams();
  } catch (error) {
    scrubAuthParams();
    const message = error instanceof Error ? error.message : '';
    if (NO_STATE.test(message)) return { status: 'no-session', message: 'This tab has no active EHR session.' };
    // Authorisation server errors arrive as `error: error_description` from the redirect URL.
    const safe = /^[\w .,:'()-]{1,200}$/.test(message) ? message : 'The EHR could not complete the sign-in.';
    return { status: 'error', message: `The EHR did not authorise Nocturne: ${safe}` };
  }
  let fhirUser: string | null = null;
  try {
    fhirUser = client.getFhirUser() ?? null;
  } catch {
    fhirUser = null;
  }
  return parseSessionState(client.state, fhirUser, Math.floor(now() / 1000));
}

/** The request context for lib/fhir reads, bound to the active SMART client. */
export async function smartFhirContext(options: { onUnauthorized?: () => void } = {}): Promise<FhirContext> {
  const client = await smartClient();
  return {
    serverUrl: client.state.serverUrl.replace(/\/+$/, ''),
    async authorization() {
      // Refreshes the access token first when it is about to expire and a refresh token exists.
      await client.refreshIfNeeded();
      return client.getAuthorizationHeader() ?? undefined;
    },
    ...(options.onUnauthorized ? { onUnauthorized: options.onUnauthorized } : {}),
  };
}

/**
 * In a browser, start as soon as this module is evaluated rather than after React has hydrated and rendered:
 * fetch the fhirclient chunk (the launch and redirect pages both need it), and on the redirect URI (`code` and
 * `state` in the URL) begin the code exchange. It is the same memoised promise the session hook awaits, so the
 * exchange still happens exactly once; the saving is one hydration's worth of time on every launch.
 */
if (typeof window !== 'undefined') {
  const params = new URLSearchParams(window.location.search);
  if (params.has('code') && params.has('state')) void smartClient().catch(() => undefined);
  else void loadFhirclient().catch(() => undefined);
}
