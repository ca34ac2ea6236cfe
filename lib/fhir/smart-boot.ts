/**
 * The two SMART steps that decide how fast a launch is — the authorisation request (`/launch`) and the code exchange
 * (`/assessment`) — written to run as inline scripts, before any framework JavaScript has downloaded.
 *
 * Why not fhirclient's `authorize()` / `ready()` here: both need fhirclient's chunk, which can only load after the
 * page's framework chunks, and `/launch` would need React hydrated first. On a 2-core machine that is most of a second
 * per launch (issue 13). These functions do the same protocol steps and write fhirclient's own session format
 * (`sessionStorage.SMART_KEY` → state key → state object), so fhirclient then resumes the session for everything else
 * (token refresh, the Authorization header, the id_token's `fhirUser`). A contract test
 * (tests/integration/fhir/smart-boot.test.ts) runs fhirclient's `ready()` on what these write.
 *
 * Why every function is self-contained (no imports, no module-level helpers, dependencies passed as arguments):
 * `/launch` and `/assessment` embed them with `Function.prototype.toString()` into a nonce'd inline script
 * (see {@link inlineScript}); the same functions are also called normally from the bundle (the read-only retry, tests).
 *
 * Security properties kept (the same as with fhirclient): PKCE S256 required (a server that does not advertise it is
 * refused before anything is sent to it); a fresh random `state` per authorisation, and the redirect is acted on only
 * when its `state` is the one this tab stored — an `error`/`error_description` with any other state never reaches the
 * page (issue 10 item 2); tokens go to sessionStorage only; `code`, `state` and errors leave the address bar at once.
 */

/** fhirclient's sessionStorage entry naming the current state key (`settings.SMART_KEY`). */
export const SMART_KEY = 'SMART_KEY';

/** Where `/assessment`'s inline script publishes its {@link RedirectOutcome} promise for the bundle. */
export const REDIRECT_GLOBAL = '__nocturneRedirect';

/** Where `/assessment`'s inline script publishes its {@link EarlyReads}. */
export const EARLY_READS_GLOBAL = '__nocturneEarlyReads';

/** Stands for the patient id in {@link EarlyReadPlan} paths (survives URL encoding unchanged). */
export const PATIENT_PLACEHOLDER = '__nocturne_patient__';

/** What `/launch` hands the authorisation step (all checked on the server: the issuer is on the allow-list). */
export interface AuthorizeArgs {
  /** The FHIR base URL (normalised). */
  readonly iss: string;
  /** The EHR launch id, or null for a standalone launch. */
  readonly launch: string | null;
  readonly clientId: string;
  /** Configured, or null for `<this origin>/assessment` (the browser knows the public origin; a proxied server may not). */
  readonly redirectUri: string | null;
  /** The scope string to request, in both spellings: v2 for `permission-v2` servers, v1 otherwise. */
  readonly scope: { readonly v1: string; readonly v2: string };
  /** The same without any write scope, for the one read-only retry when the EHR refuses a write scope. */
  readonly readOnlyScope: { readonly v1: string; readonly v2: string };
  readonly scopeVersion: 'auto' | 'v1' | 'v2';
  /** This is the read-only retry (no further retry after it). */
  readonly readOnly?: boolean;
  /** Endpoints already discovered for this launch (the retry): no second discovery request. */
  readonly endpoints?: DiscoveredEndpoints;
}

export interface DiscoveredEndpoints {
  readonly authorizeUri: string;
  readonly tokenUri: string;
  readonly registrationUri: string;
  readonly codeChallengeMethods: readonly string[];
  readonly capabilities: readonly string[];
}

/** Why an authorisation could not be started (the browser stays on `/launch`, which shows the reason). */
export type AuthorizeFailure =
  { readonly kind: 'discovery-failed'; readonly status: number | null } | { readonly kind: 'no-pkce' };

/**
 * Nocturne's own fields in the stored state (fhirclient keeps unknown fields as they are): what the redirect page
 * needs to retry read-only, and whether this was an EHR launch (the error pages' wording).
 */
export interface NocturneLaunchRecord {
  readonly launch: string | null;
  readonly readOnly: boolean;
  readonly readOnlyScope: { readonly v1: string; readonly v2: string };
  readonly scopeVersion: 'auto' | 'v1' | 'v2';
  readonly capabilities: readonly string[];
}

/**
 * Discovery (once per launch), PKCE S256, a fresh `state`, fhirclient's state in sessionStorage, then the redirect to
 * the authorisation endpoint (`navigate`, injectable for tests). Resolves only when the launch cannot go on (the page
 * is navigating away otherwise).
 *
 * Self-contained: embedded into `/launch` as an inline script.
 */
export async function smartAuthorize(
  args: AuthorizeArgs,
  navigate: (url: string) => void = (url) => location.assign(url),
): Promise<AuthorizeFailure> {
  const b64url = (bytes: Uint8Array) => {
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const random = (n: number) => b64url(crypto.getRandomValues(new Uint8Array(n)));
  const verifier = random(48); // 64 characters (RFC 7636: 43–128)
  const challenge = crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(verifier))
    .then((d) => b64url(new Uint8Array(d)));

  let endpoints = args.endpoints;
  if (!endpoints) {
    let response: Response;
    try {
      response = await fetch(`${args.iss.replace(/\/+$/, '')}/.well-known/smart-configuration`, {
        headers: { Accept: 'application/json' },
        credentials: 'omit',
      });
    } catch {
      return { kind: 'discovery-failed', status: null };
    }
    if (!response.ok) return { kind: 'discovery-failed', status: response.status };
    let body: Record<string, unknown>;
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      return { kind: 'discovery-failed', status: response.status };
    }
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    if (!body || typeof body !== 'object' || !text(body.authorization_endpoint) || !text(body.token_endpoint)) {
      return { kind: 'discovery-failed', status: response.status };
    }
    endpoints = {
      authorizeUri: text(body.authorization_endpoint),
      tokenUri: text(body.token_endpoint),
      registrationUri: text(body.registration_endpoint),
      codeChallengeMethods: list(body.code_challenge_methods_supported),
      capabilities: list(body.capabilities),
    };
  }
  if (!endpoints.codeChallengeMethods.includes('S256')) return { kind: 'no-pkce' };

  const version =
    args.scopeVersion === 'auto' ? (endpoints.capabilities.includes('permission-v2') ? 'v2' : 'v1') : args.scopeVersion;
  const scope = (args.readOnly ? args.readOnlyScope : args.scope)[version];
  const key = random(18);
  const redirectUri = args.redirectUri ?? `${location.origin}/assessment`;
  const codeChallenge = await challenge;
  const nocturne: NocturneLaunchRecord = {
    launch: args.launch,
    readOnly: Boolean(args.readOnly),
    readOnlyScope: args.readOnlyScope,
    scopeVersion: args.scopeVersion,
    capabilities: endpoints.capabilities,
  };
  // fhirclient's state format (client-js 2.x `authorize()`): ready() later exchanges nothing (we do) and resumes.
  const state = {
    clientId: args.clientId,
    scope,
    redirectUri,
    serverUrl: args.iss,
    tokenResponse: {},
    key,
    completeInTarget: true,
    registrationUri: endpoints.registrationUri,
    authorizeUri: endpoints.authorizeUri,
    tokenUri: endpoints.tokenUri,
    codeChallengeMethods: endpoints.codeChallengeMethods,
    codeChallenge,
    codeVerifier: verifier,
    nocturne,
  };
  // A new launch: the previous session of this tab is forgotten first.
  const previous = sessionStorage.getItem('SMART_KEY');
  if (previous) {
    try {
      sessionStorage.removeItem(JSON.parse(previous) as string);
    } catch {
      /* not JSON: nothing to remove */
    }
  }
  sessionStorage.setItem(key, JSON.stringify(state));
  sessionStorage.setItem('SMART_KEY', JSON.stringify(key));

  const query = new URLSearchParams({
    response_type: 'code',
    client_id: args.clientId,
    scope,
    redirect_uri: redirectUri,
    aud: args.iss,
    state: key,
  });
  if (args.launch) query.set('launch', args.launch);
  query.set('code_challenge', codeChallenge);
  query.set('code_challenge_method', 'S256');
  const target = new URL(endpoints.authorizeUri);
  for (const [name, value] of query) target.searchParams.set(name, value);
  navigate(target.href);
  return new Promise<never>(() => {
    /* navigating to the authorisation server */
  });
}

/** What the redirect page learnt from its URL before any framework code ran. */
export type RedirectOutcome =
  /** No `code`, `state` or `error` in the URL: a reload, or the page opened directly (fhirclient decides which). */
  | { readonly kind: 'none' }
  /** The code was exchanged; the tokens are in sessionStorage. */
  | { readonly kind: 'exchanged' }
  /**
   * The authorisation or token endpoint refused, for this tab's own launch (`state` checked): its OAuth error code and
   * description, cleaned (no control characters, length-capped) — shown as text, never as markup.
   */
  | {
      readonly kind: 'refused';
      readonly error: string;
      readonly description: string | null;
      readonly ehrLaunch: boolean;
    }
  /** A `code` or `error` whose `state` is not this tab's: nothing from that URL is trusted or shown. */
  | { readonly kind: 'foreign' };

/**
 * Completes the redirect: checks `state` against this tab's stored launch before reading anything else from the URL,
 * then either exchanges the code (the token request fhirclient's `ready()` would make) or reports the EHR's refusal —
 * retrying once with read scopes only when the refusal is about the write scope. Removes `code`, `state` and the error
 * parameters from the address bar in every case.
 *
 * Self-contained: embedded into `/assessment` as an inline script, with `authorize` = {@link smartAuthorize}.
 */
export async function smartCompleteRedirect(
  authorize: (args: AuthorizeArgs) => Promise<AuthorizeFailure>,
): Promise<RedirectOutcome> {
  const url = new URL(location.href);
  const params = url.searchParams;
  const code = params.get('code');
  const key = params.get('state');
  const error = params.get('error');
  if (!code && !key && !error) return { kind: 'none' };
  const description = params.get('error_description');
  for (const name of ['code', 'state', 'error', 'error_description', 'error_uri']) params.delete(name);
  history.replaceState(history.state, '', url.href);

  /** Printable text only, one line, at most `max` characters. */
  const clean = (value: string | null, max: number): string | null => {
    if (value === null) return null;
    const text = value
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!text) return null;
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  };

  let stored: Record<string, unknown> | null = null;
  try {
    const raw = key ? sessionStorage.getItem(key) : null;
    const parsed = raw ? (JSON.parse(raw) as unknown) : null;
    if (parsed && typeof parsed === 'object' && (parsed as { key?: unknown }).key === key) {
      stored = parsed as Record<string, unknown>;
    }
  } catch {
    stored = null;
  }
  if (!stored || sessionStorage.getItem('SMART_KEY') !== JSON.stringify(key)) return { kind: 'foreign' };
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const record = (stored.nocturne ?? null) as NocturneLaunchRecord | null;
  const ehrLaunch = Boolean(record?.launch);

  const refusal = async (rawError: string | null, rawDescription: string | null): Promise<RedirectOutcome> => {
    const errorCode = clean(rawError, 64) ?? 'unknown_error';
    const text = clean(rawDescription, 300);
    const namesWrite = /DocumentReference\.(c|[a-z]*c[a-z]*|write|\*)\b|\.write\b/i.test(rawDescription ?? '');
    if (record && !record.readOnly && (errorCode === 'invalid_scope' || namesWrite)) {
      // Resolves only when the retry cannot start; otherwise the page is on its way to the authorisation server.
      await authorize({
        iss: str(stored.serverUrl),
        launch: record.launch,
        clientId: str(stored.clientId),
        redirectUri: str(stored.redirectUri),
        scope: record.readOnlyScope,
        readOnlyScope: record.readOnlyScope,
        scopeVersion: record.scopeVersion,
        readOnly: true,
        endpoints: {
          authorizeUri: str(stored.authorizeUri),
          tokenUri: str(stored.tokenUri),
          registrationUri: str(stored.registrationUri),
          codeChallengeMethods: (stored.codeChallengeMethods as string[] | undefined) ?? [],
          capabilities: record.capabilities,
        },
      });
    }
    sessionStorage.removeItem(key as string);
    sessionStorage.removeItem('SMART_KEY');
    return { kind: 'refused', error: errorCode, description: text, ehrLaunch };
  };

  if (error || !code) return refusal(error ?? 'invalid_request', description);
  const tokenResponse = stored.tokenResponse as { access_token?: unknown } | undefined;
  if (tokenResponse && typeof tokenResponse.access_token === 'string') return { kind: 'exchanged' };

  const body = new URLSearchParams({
    code,
    grant_type: 'authorization_code',
    redirect_uri: str(stored.redirectUri),
    client_id: str(stored.clientId),
    code_verifier: str(stored.codeVerifier),
  });
  let response: Response;
  let json: Record<string, unknown> | null = null;
  try {
    response = await fetch(str(stored.tokenUri), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      credentials: 'omit',
    });
    json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  } catch {
    return refusal('temporarily_unavailable', 'The EHR’s sign-in server could not be reached.');
  }
  if (!response.ok || !json || typeof json.access_token !== 'string' || !json.access_token) {
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return refusal(text(json?.error) ?? 'invalid_grant', text(json?.error_description));
  }
  const expiresIn = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : null;
  let expiresAt = expiresIn === null ? null : Math.floor(Date.now() / 1000) + expiresIn;
  if (expiresAt === null) {
    try {
      const part = json.access_token.split('.')[1] ?? '';
      const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
      if (typeof claims.exp === 'number') expiresAt = claims.exp;
    } catch {
      /* not a JWT: fhirclient's default applies */
    }
  }
  if (expiresAt === null) expiresAt = Math.floor(Date.now() / 1000) + 300;
  sessionStorage.setItem(key as string, JSON.stringify({ ...stored, tokenResponse: json, expiresAt }));
  return { kind: 'exchanged' };
}

/**
 * The first page of each chart read, as the data layer will ask for it: resource type (for the grant check) and the
 * path below the FHIR base with {@link PATIENT_PLACEHOLDER} for the patient id. `at` is the instant the plan's date
 * windows were computed from — the assessment clock the workspace then uses.
 */
export interface EarlyReadPlan {
  readonly at: string;
  readonly reads: readonly { readonly type: string; readonly path: string }[];
}

/**
 * The reads {@link smartEarlyReads} started. `take(url)` hands one over (once) to the data layer: its response, or
 * undefined when that URL was not read early or the early request failed (then the data layer asks the network).
 */
export interface EarlyReads {
  readonly at: string;
  take(url: string): Promise<Response | undefined>;
}

/**
 * As soon as the redirect's code exchange is done (or, on a reload, from the stored session), sends the first page of
 * every chart read the workspace will make — the same URL, token and headers as lib/fhir/http.ts — so the answers are
 * there when the workspace's code has loaded, instead of being asked for only then (issue 13). Reads of resource types
 * the grant does not cover are not sent (the data layer does not send them either). Nothing is sent with a token
 * that has expired; the data layer renews it first.
 *
 * Self-contained: embedded into `/assessment` as an inline script, after {@link smartCompleteRedirect}.
 */
export function smartEarlyReads(redirectGlobal: string, plan: EarlyReadPlan, placeholder: string): EarlyReads {
  const redirect = (window as unknown as Record<string, Promise<{ kind: string }> | undefined>)[redirectGlobal];
  const started = Promise.resolve(redirect).then((outcome) => {
    const requests = new Map<string, Promise<Response>>();
    if (outcome && outcome.kind !== 'exchanged' && outcome.kind !== 'none') return requests;
    let state = null as Record<string, unknown> | null;
    try {
      const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as unknown;
      state =
        typeof key === 'string' ? (JSON.parse(sessionStorage.getItem(key) ?? 'null') as Record<string, unknown>) : null;
    } catch {
      state = null;
    }
    const token = (state?.tokenResponse ?? {}) as Record<string, unknown>;
    const accessToken = token.access_token;
    const patient = token.patient;
    const expiresAt = state?.expiresAt;
    if (typeof accessToken !== 'string' || !accessToken) return requests;
    if (typeof patient !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(patient)) return requests;
    if (typeof expiresAt === 'number' && expiresAt - 10 < Date.now() / 1000) return requests;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const base = str(state?.serverUrl).replace(/\/+$/, '');
    if (!/^https?:\/\//.test(base)) return requests;
    const scopes = str(token.scope).split(/[\s,]+/);
    const readable = (type: string) =>
      scopes.some((scope) => {
        const m = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(\?.*)?$/.exec(scope);
        if (!m || (m[2] !== type && m[2] !== '*')) return false;
        const action = m[3] ?? '';
        return action === 'read' || action === '*' || (action !== 'write' && /[rs]/.test(action));
      });
    for (const read of plan.reads) {
      if (!readable(read.type)) continue;
      const url = `${base}/${read.path.split(placeholder).join(encodeURIComponent(patient))}`;
      const request = fetch(url, {
        headers: { Accept: 'application/fhir+json', Authorization: `Bearer ${accessToken}` },
        credentials: 'omit',
        cache: 'no-store',
      });
      request.catch(() => undefined); // never an unhandled rejection; the data layer asks again
      requests.set(url, request);
    }
    return requests;
  });
  return {
    at: plan.at,
    take: (url) =>
      started
        .then((requests) => {
          const request = requests.get(url);
          requests.delete(url);
          return request;
        })
        .then(
          (response) => response,
          () => undefined,
        ),
  };
}

/**
 * A script that calls `fn` with `args` and publishes its result on `window[global]` — unless something already did
 * (the bundle, when it got there first: each step runs once per page load whoever starts it). Functions among `args`
 * are passed as their source (dependencies); anything else as JSON with `<` escaped, so no argument can close a script
 * element; a `{ script: string }` argument is inserted as the expression it holds.
 */
export function inlineScript(global: string, fn: (...args: never[]) => unknown, args: readonly unknown[]): string {
  const code = (f: unknown) => {
    const text = String(f);
    if (/<\/script/i.test(text)) throw new Error('an inline script function must not contain "</script"');
    return `(${text})`;
  };
  const value = (v: unknown) => {
    if (typeof v === 'function') return code(v);
    if (v && typeof v === 'object' && typeof (v as { script?: unknown }).script === 'string') {
      return (v as { script: string }).script;
    }
    return JSON.stringify(v).replace(/</g, '\\u003c');
  };
  const target = `window[${JSON.stringify(global)}]`;
  return `${target}=${target}||${code(fn)}(${args.map(value).join(',')});`;
}

/**
 * The redirect page's boot script (inline at the top of `/assessment`'s body; see app/assessment/boot-script.ts): the
 * redirect step, then the early chart reads with the plan the page put in the script element's `data-plan` attribute.
 */
export function redirectBootScript(): string {
  const plan = {
    script:
      '(function(){try{var s=document.currentScript;return JSON.parse((s&&s.getAttribute("data-plan"))||"null")}catch(e){return null}})()',
  };
  return (
    `(function(){${inlineScript(REDIRECT_GLOBAL, smartCompleteRedirect, [smartAuthorize])}` +
    `var plan=${plan.script};if(plan)${inlineScript(EARLY_READS_GLOBAL, smartEarlyReads, [REDIRECT_GLOBAL, { script: 'plan' }, PATIENT_PLACEHOLDER])}})();`
  );
}
