/**
 * The SMART session — the only module that imports fhirclient.
 *
 * The launch's time-critical steps run before any bundle, as inline scripts (./smart-boot.ts, embedded by
 * app/launch/route.ts and app/assessment/page.tsx): the authorisation request, the code exchange and the first page of
 * every chart read. They keep the session in fhirclient's own format (sessionStorage `SMART_KEY` → state), so:
 * - the session is *read* straight from that state (no library needed to parse a JSON object: the workspace can
 *   render as soon as the page's own code has run);
 * - fhirclient *renews* it: when the access token is about to expire and a refresh token exists, its `ready()` and
 *   `refreshIfNeeded()` run (its chunk is loaded only then), and write the new token back to the same state.
 *
 * fhirclient's `main` is its Node entry and its browser entry touches `window` on import, so it is loaded with a
 * dynamic `import()` and only when `window` exists (never a static import, never in a Server Component).
 *
 * Security properties this module keeps:
 * - nothing from the redirect URL is used before its `state` was matched to this tab's launch (smart-boot);
 * - tokens stay in sessionStorage; nothing here logs them or puts them in a URL or an error message; `code` and
 *   `state` are removed from the address bar (smart-boot at once, {@link scrubAuthParams} again after hydration);
 * - an access token known to be expired, with no refresh token, is never sent (no request goes out);
 * - the early chart reads use the same token, URL and headers the data layer would; they are handed over only for
 *   the exact URL the data layer asks for, once.
 */
import type FhirclientModule from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import { FhirRequestError } from './errors';
import type { FhirContext } from './http';
import { parseSessionState, type SessionState } from './session';
import {
  EARLY_READS_GLOBAL,
  REDIRECT_GLOBAL,
  SMART_KEY,
  smartAuthorize,
  smartCompleteRedirect,
  type EarlyReads,
  type RedirectOutcome,
} from './smart-boot';

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

const pageGlobals = () => window as unknown as Record<string, unknown>;

let redirect: Promise<RedirectOutcome> | undefined;

/**
 * The redirect's outcome: the one the page's boot script started (usually before any bundle ran), or — where there is
 * no such script, or it has not run yet — the same function run now. Once per page load, whoever starts it.
 */
function redirectOutcome(): Promise<RedirectOutcome> {
  if (!redirect) {
    const globals = pageGlobals();
    const published = globals[REDIRECT_GLOBAL];
    redirect =
      published && typeof (published as Promise<unknown>).then === 'function'
        ? (published as Promise<RedirectOutcome>)
        : smartCompleteRedirect(smartAuthorize);
    // Published, so the boot script (should it run after this) reuses it instead of exchanging the code again.
    globals[REDIRECT_GLOBAL] = redirect;
  }
  return redirect;
}

/** The chart reads the page's inline script started, if any. */
function earlyReads(): EarlyReads | undefined {
  const published = pageGlobals()[EARLY_READS_GLOBAL] as EarlyReads | undefined;
  return published && typeof published.take === 'function' ? published : undefined;
}

/**
 * The assessment clock stamped when the page was rendered (the instant the early reads' date windows were computed
 * from), so the workspace's searches — and the engine's "recent" and staleness — use that same instant. Undefined
 * when the page had no early reads (tests; then the caller's own clock applies).
 */
export function launchClock(): Date | undefined {
  if (typeof window === 'undefined') return undefined;
  const at = earlyReads()?.at;
  const date = at ? new Date(at) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** fhirclient's stored state for this tab, or null (no launch in this tab, or storage unreadable). */
function storedState(): Record<string, unknown> | null {
  try {
    const key = JSON.parse(sessionStorage.getItem(SMART_KEY) ?? 'null') as unknown;
    if (typeof key !== 'string') return null;
    const state = JSON.parse(sessionStorage.getItem(key) ?? 'null') as unknown;
    return state && typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The id_token's `fhirUser` (or `profile`), decoded as fhirclient's `getFhirUser()` does (not re-verified there either). */
function fhirUserOf(state: Record<string, unknown>): string | null {
  const idToken = (state.tokenResponse as { id_token?: unknown } | undefined)?.id_token;
  if (typeof idToken !== 'string') return null;
  try {
    const payload = idToken.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const user = claims.fhirUser ?? claims.profile;
    return typeof user === 'string' ? user : null;
  } catch {
    return null;
  }
}

let readyPromise: Promise<Client> | undefined;

/**
 * fhirclient `ready()`, memoised at module level, after the redirect's own code exchange (so it resumes the stored
 * token rather than racing it). Used to renew the access token; a failure stays failed for this page load.
 */
export function smartClient(): Promise<Client> {
  readyPromise ??= Promise.all([loadFhirclient(), redirectOutcome()]).then(([FHIR]) => FHIR.oauth2.ready());
  return readyPromise;
}

/** Drops the memoised client, redirect outcome and early reads (tests, and a new page load). */
export function forgetSession(): void {
  readyPromise = undefined;
  redirect = undefined;
  if (typeof window !== 'undefined') {
    delete pageGlobals()[REDIRECT_GLOBAL];
    delete pageGlobals()[EARLY_READS_GLOBAL];
  }
}

/** The redirect's parameters: never left in the address bar, history or bookmarks. */
const AUTH_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri'] as const;

/**
 * Removes the redirect's parameters (the code, `state`, and an authorisation error's words) from the address bar. The
 * redirect's boot script does this first, but the Next.js router, hydrating afterwards, restores the URL it was
 * rendered with; so the session read (which runs after hydration) removes them again, keeping the router's history
 * state. The code is single-use, yet it must not linger; an error description is the EHR's (or an attacker's) text,
 * which Nocturne shows only cleaned and only for its own launch — never left standing in its own address bar.
 */
function scrubAuthParams(): void {
  if (typeof window === 'undefined') return;
  const scrub = () => {
    const url = new URL(window.location.href);
    if (!AUTH_PARAMS.some((name) => url.searchParams.has(name))) return;
    for (const name of AUTH_PARAMS) url.searchParams.delete(name);
    window.history.replaceState(window.history.state, '', url.href);
  };
  scrub();
  // Once more after the current task, in case a router effect of the same commit runs after this one.
  setTimeout(scrub, 0);
}

/** What the clinician reads when the EHR refused: its own words (cleaned by smart-boot) and the OAuth error code. */
function refusalMessage(outcome: Extract<RedirectOutcome, { kind: 'refused' }>): string {
  return outcome.description
    ? `The EHR did not authorise Nocturne. Its answer: “${outcome.description}” (error code: ${outcome.error}).`
    : `The EHR did not authorise Nocturne (error code: ${outcome.error}).`;
}

/**
 * Completes or resumes the SMART session and parses it. Never throws: every failure is a typed state the UI
 * shows as "relaunch" with a reason — no blank page, no stack trace, no token in the message, and no text from a
 * redirect that did not belong to this tab's launch.
 */
export async function readSession(now: () => number = Date.now): Promise<SessionState> {
  const outcome = await redirectOutcome();
  scrubAuthParams();
  if (outcome.kind === 'refused') {
    return { status: 'error', message: refusalMessage(outcome), launch: outcome.ehrLaunch ? 'ehr' : 'standalone' };
  }
  if (outcome.kind === 'foreign') {
    return {
      status: 'error',
      message:
        'The sign-in could not be completed: the answer that arrived did not belong to a launch started in this ' +
        'browser tab, so Nocturne ignored it.',
    };
  }
  const state = storedState();
  if (!state) return { status: 'no-session', message: 'This tab has no active EHR session.' };
  return parseSessionState(state, fhirUserOf(state), Math.floor(now() / 1000));
}

interface TokenState {
  readonly expiresAt?: unknown;
  readonly tokenResponse?: { readonly access_token?: unknown; readonly refresh_token?: unknown };
}

/** The access token has expired (by the server's own `expires_in`) and there is no refresh token to renew it. */
function expiredForGood(state: TokenState, nowSeconds: number): boolean {
  return typeof state.expiresAt === 'number' && state.expiresAt <= nowSeconds && !state.tokenResponse?.refresh_token;
}

/** fhirclient's own rule (`refreshIfNeeded`): renew when a refresh token exists and expiry is within 10 seconds. */
function needsRefresh(state: TokenState, nowSeconds: number): boolean {
  const expiresAt = typeof state.expiresAt === 'number' ? state.expiresAt : 0;
  return Boolean(state.tokenResponse?.refresh_token) && expiresAt - 10 < nowSeconds;
}

/** The request context for lib/fhir reads and writes, bound to this tab's SMART session. */
export async function smartFhirContext(options: { onUnauthorized?: () => void } = {}): Promise<FhirContext> {
  await redirectOutcome();
  const stored = storedState()?.serverUrl;
  const serverUrl = (typeof stored === 'string' ? stored : '').replace(/\/+$/, '');
  const early = earlyReads();
  return {
    serverUrl,
    async authorization() {
      const state = (storedState() ?? {}) as TokenState;
      const nowSeconds = Math.floor(Date.now() / 1000);
      // Checked before anything is sent: a token known to be dead would only collect 401s (one per chart read).
      if (expiredForGood(state, nowSeconds)) {
        throw new FhirRequestError({ kind: 'unauthorized', status: 0, url: serverUrl });
      }
      if (needsRefresh(state, nowSeconds)) {
        const client = await smartClient();
        await client.refreshIfNeeded();
        return client.getAuthorizationHeader() ?? undefined;
      }
      const token = state.tokenResponse?.access_token;
      return typeof token === 'string' && token ? `Bearer ${token}` : undefined;
    },
    ...(early
      ? {
          // The first page of a chart read the inline script already sent, for exactly this URL; else the network.
          fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
            const method = (init?.method ?? 'GET').toUpperCase();
            const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
            const taken = method === 'GET' ? await early.take(url) : undefined;
            return taken ?? fetch(input, init);
          },
        }
      : {}),
    ...(options.onUnauthorized ? { onUnauthorized: options.onUnauthorized } : {}),
  };
}
