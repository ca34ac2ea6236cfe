/**
 * The sandbox's SMART App Launch 2 authorization server: EHR launch contexts, `/auth/authorize` with PKCE S256 and
 * strict redirect-URI / `aud` checks, a patient picker for standalone launches, `/auth/token` (authorization code and
 * refresh grants), signed access and id tokens, and bearer-token verification for the FHIR endpoint.
 *
 * Why this strict: the app must work against Epic and Oracle Health, which refuse what this server refuses
 * (unregistered redirect URIs, a wrong `aud`, `plain` PKCE, reused codes). A lenient sandbox would let bugs through
 * that only a real EHR would catch.
 *
 * All state is in memory; all times come from the injected clock so tests can expire tokens without waiting.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { JWK } from 'jose';
import { mergeFaults } from './faults';
import type { SandboxFaults } from './faults';
import { hasResourceScope, narrowScopes, withoutWrite } from './scopes';
import type { ExcessScopePolicy, ScopeCeiling } from './scopes';

type KeyLike = CryptoKey;

/** What an EHR launch (the launcher's "Launch Nocturne" button) hands the app through the opaque `launch` id. */
export interface LaunchContext {
  readonly patient: string;
  readonly encounter?: string;
  /** Practitioner id of the signed-in clinician. */
  readonly practitioner: string;
  readonly faults: SandboxFaults;
}

/** Everything a token stands for. */
export interface Session {
  readonly id: string;
  /** The authorization code the session descends from (refreshes included): what a replayed code revokes. */
  readonly grantId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly patient?: string;
  readonly encounter?: string;
  readonly practitioner: string;
  readonly faults: SandboxFaults;
}

interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly session: Omit<Session, 'id' | 'grantId'>;
  readonly nonce?: string;
  readonly expiresAt: number;
}

interface PendingLaunch {
  readonly context: LaunchContext;
  readonly expiresAt: number;
}

/** A client registered with this EHR: who it is, where it may be sent back to, and the most it can be granted. */
export interface RegisteredClient {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  readonly ceiling: ScopeCeiling;
  /** A request beyond the ceiling is narrowed (the default, RFC 6749 §3.3) or refused with `invalid_scope`. */
  readonly excessScopes: ExcessScopePolicy;
}

interface PendingPick {
  readonly client: RegisteredClient;
  readonly params: URLSearchParams;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

interface RefreshGrant {
  readonly sessionId: string;
  readonly grantId: string;
  readonly clientId: string;
  readonly nonce?: string;
  readonly expiresAt: number;
}

export interface AuthServerOptions {
  /** The sandbox's own base URL (`http://localhost:4010`): OpenID issuer. */
  readonly issuer: string;
  /** The FHIR base (`http://localhost:4010/fhir`): the only accepted `aud`, and the access tokens' audience. */
  readonly fhirBaseUrl: string;
  /** Every registered client (at least one). */
  readonly clients: readonly RegisteredClient[];
  readonly serverFaults: SandboxFaults;
  readonly now: () => Date;
  /** Ids of patients that exist (the standalone picker and launch creation check against it). */
  readonly patientExists: (id: string) => boolean;
  /** Default access token lifetime in seconds (default 3600). */
  readonly tokenLifetimeSeconds?: number;
  /** The practitioner a standalone launch is made as when the picker's choice is missing. */
  readonly defaultPractitioner: string;
}

/** Result of an authorize request: a page to show (error or patient picker) or a redirect. */
export type AuthorizeResult =
  | { readonly kind: 'error-page'; readonly status: number; readonly title: string; readonly message: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'pick-patient'; readonly pickId: string; readonly scopes: readonly string[] };

export interface TokenResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** Faults of the session the request belongs to (for latency), when known. */
  readonly faults?: SandboxFaults;
}

export type VerifyResult =
  | { readonly ok: true; readonly session: Session }
  | { readonly ok: false; readonly error: 'missing' | 'invalid_token'; readonly description: string };

const CODE_TTL_MS = 60_000;
/**
 * How long a launch id stays valid: 5 minutes. It only has to live from the clinician's click to the app's authorize
 * request (two page loads and one discovery round trip, about a second; with the largest latency fault switch a
 * couple of minutes), yet the id travels in a URL — browser history, proxy logs — so it must stop working soon after.
 */
const LAUNCH_TTL_MS = 5 * 60_000;
/** How long a redeemed code is remembered, to recognise a replay and revoke what it issued (RFC 6749 §4.1.2). */
const PICK_TTL_MS = 10 * 60_000;
const REFRESH_TTL_MS = 24 * 3600_000;
/**
 * How long a redeemed code is remembered so a replay is recognised (and what it issued revoked, RFC 6749 §4.1.2):
 * as long as anything issued from it can live — a refresh token's lifetime.
 */
const USED_CODE_MEMORY_MS = REFRESH_TTL_MS;
const VERIFIER_RE = /^[A-Za-z0-9\-._~]{43,128}$/;

const b64url = (buf: Buffer) => buf.toString('base64url');
const opaque = (bytes = 24) => b64url(randomBytes(bytes));

/** base64url(SHA-256(verifier)): the S256 code challenge. */
export function s256(verifier: string): string {
  return b64url(createHash('sha256').update(verifier, 'ascii').digest());
}

export class AuthServer {
  private readonly launches = new Map<string, PendingLaunch>();
  private readonly picks = new Map<string, PendingPick>();
  private readonly codes = new Map<string, CodeGrant>();
  /** Redeemed codes → when to forget them. */
  private readonly usedCodes = new Map<string, number>();
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly kid = opaque(8);

  private constructor(
    private readonly options: AuthServerOptions,
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    private readonly publicKey: KeyLike,
  ) {}

  static async create(options: AuthServerOptions): Promise<AuthServer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    return new AuthServer(options, privateKey, jwk, publicKey);
  }

  get endpoints() {
    const base = this.options.issuer;
    return {
      authorize: `${base}/auth/authorize`,
      token: `${base}/auth/token`,
      jwks: `${base}/.well-known/jwks.json`,
    };
  }

  /** The fields SMART discovery and OpenID discovery share: one issuer, one key set, one pair of endpoints. */
  private discoveryEndpoints(): Record<string, string> {
    const e = this.endpoints;
    return {
      issuer: this.options.issuer,
      jwks_uri: e.jwks,
      authorization_endpoint: e.authorize,
      token_endpoint: e.token,
    };
  }

  /** `<fhir base>/.well-known/smart-configuration`. */
  smartConfiguration(): Record<string, unknown> {
    return {
      ...this.discoveryEndpoints(),
      token_endpoint_auth_methods_supported: ['none'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      response_types_supported: ['code'],
      scopes_supported: this.supportedScopes(),
      code_challenge_methods_supported: ['S256'],
      capabilities: [
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'context-ehr-patient',
        'context-ehr-encounter',
        'context-standalone-patient',
        'context-banner',
        'context-style',
        'permission-offline',
        'permission-online',
        'permission-patient',
        'permission-user',
        'permission-v1',
        'permission-v2',
        'sso-openid-connect',
      ],
    };
  }

  /** Every scope some registration can be granted (discovery's `scopes_supported`): no `user/`, no `system/`. */
  private supportedScopes(): string[] {
    const out = new Set<string>();
    for (const c of this.options.clients) {
      c.ceiling.other.forEach((s) => out.add(s));
      c.ceiling.resources.forEach((s) => out.add(s.raw));
    }
    return [...out];
  }

  /** `<sandbox>/.well-known/openid-configuration`. */
  openidConfiguration(): Record<string, unknown> {
    return {
      ...this.discoveryEndpoints(),
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'fhirUser', 'profile'],
      claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'nonce', 'fhirUser', 'profile', 'name'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  jwks(): { keys: JWK[] } {
    return { keys: [{ ...this.publicJwk, kid: this.kid, alg: 'RS256', use: 'sig' }] };
  }

  /**
   * Register an EHR launch; returns the opaque `launch` value. It is single-use — the first authorization that issues
   * a code consumes it — and expires after {@link LAUNCH_TTL_MS}. A refused authorization (say `invalid_scope`)
   * does not consume it, so an app may retry once with fewer scopes, as Nocturne does when the write scope is refused.
   */
  createLaunch(context: LaunchContext): string {
    const id = opaque(16);
    const now = this.nowMs();
    for (const [key, pending] of this.launches) if (pending.expiresAt < now) this.launches.delete(key);
    this.launches.set(id, { context, expiresAt: now + LAUNCH_TTL_MS });
    return id;
  }

  private client(clientId: string | null): RegisteredClient | undefined {
    return this.options.clients.find((c) => c.clientId === clientId);
  }

  /** Validate an authorize request (query of `GET /auth/authorize`). */
  authorize(params: URLSearchParams): AuthorizeResult {
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri');
    const client = this.client(clientId);
    if (!clientId || !client) {
      return page(400, 'Unknown application', `The client id "${clientId ?? ''}" is not registered with this EHR.`);
    }
    if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
      return page(
        400,
        'Redirect address not registered',
        `The redirect URI "${redirectUri ?? ''}" is not registered for ${clientId}. Registered: ${client.redirectUris.join(', ')}. ` +
          'For safety this EHR never sends you to an unregistered address.',
      );
    }
    const state = params.get('state');
    const fail = (error: string, description: string): AuthorizeResult => ({
      kind: 'redirect',
      location: withQuery(redirectUri, { error, error_description: description, ...(state ? { state } : {}) }),
    });
    if (params.get('response_type') !== 'code')
      return fail('unsupported_response_type', 'response_type must be "code".');
    if (!state) return fail('invalid_request', 'state is required.');
    const challenge = params.get('code_challenge');
    const method = params.get('code_challenge_method');
    if (!challenge || method !== 'S256') {
      return fail('invalid_request', 'PKCE is required with code_challenge_method=S256 (plain is not accepted).');
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail('invalid_request', 'code_challenge is not an S256 value.');
    const aud = params.get('aud');
    if (!aud || trimSlash(aud) !== trimSlash(this.options.fhirBaseUrl)) {
      return fail('invalid_request', `aud must be this server's FHIR base URL (${this.options.fhirBaseUrl}).`);
    }
    const requested = params.get('scope') ?? '';
    const launchId = params.get('launch');
    let launch: LaunchContext | undefined;
    if (launchId) {
      const pending = this.launches.get(launchId);
      if (!pending || pending.expiresAt < this.nowMs()) {
        this.launches.delete(launchId);
        return fail(
          'invalid_request',
          'Unknown, expired or already used launch: start again from the EHR (a launch is valid once, for 5 minutes).',
        );
      }
      launch = pending.context;
      if (!requested.split(/\s+/).includes('launch')) {
        return fail('invalid_scope', 'An EHR launch must request the "launch" scope.');
      }
    }
    const faults = mergeFaults(this.options.serverFaults, launch?.faults);
    const ceiling = faults.denyWrite ? withoutWrite(client.ceiling) : client.ceiling;
    const policy = faults.denyWrite === 'refuse' ? 'refuse' : client.excessScopes;
    const { granted: scopes, refused } = narrowScopes(requested, ceiling);
    if (policy === 'refuse' && refused.length > 0) {
      return fail('invalid_scope', `Not allowed for ${clientId}: ${refused.join(' ')}.`);
    }
    if (!hasResourceScope(scopes)) {
      return fail(
        'invalid_scope',
        refused.length > 0
          ? `None of the FHIR resource scopes requested is allowed for ${clientId} (refused: ${refused.join(' ')}).`
          : 'No FHIR resource scope was requested.',
      );
    }
    const nonce = params.get('nonce') ?? undefined;

    if (!launch && scopes.includes('launch/patient')) {
      const pickId = opaque(16);
      this.picks.set(pickId, { client, params, scopes, expiresAt: this.nowMs() + PICK_TTL_MS });
      return { kind: 'pick-patient', pickId, scopes };
    }
    if (launchId) this.launches.delete(launchId); // consumed: a launch authorizes one sign-in
    return this.issueCode(params, {
      clientId,
      scopes,
      practitioner: launch?.practitioner ?? this.options.defaultPractitioner,
      faults,
      ...(launch ? { patient: launch.patient } : {}),
      ...(launch?.encounter ? { encounter: launch.encounter } : {}),
      ...(nonce ? { nonce } : {}),
    });
  }

  /** The standalone picker's answer (`POST /auth/pick`). */
  completePick(form: URLSearchParams): AuthorizeResult {
    const pickId = form.get('pick') ?? '';
    const pending = this.picks.get(pickId);
    this.picks.delete(pickId);
    if (!pending || pending.expiresAt < this.nowMs()) {
      return page(400, 'This sign-in has expired', 'Start the launch again from the app.');
    }
    const params = pending.params;
    const redirectUri = params.get('redirect_uri') ?? '';
    const state = params.get('state') ?? '';
    if (form.get('action') === 'deny') {
      return {
        kind: 'redirect',
        location: withQuery(redirectUri, { error: 'access_denied', error_description: 'The user cancelled.', state }),
      };
    }
    const patient = form.get('patient') ?? '';
    if (!this.options.patientExists(patient)) {
      return page(400, 'Choose a patient', 'No patient was chosen. Go back and pick one.');
    }
    const practitioner = form.get('practitioner') || this.options.defaultPractitioner;
    const nonce = params.get('nonce') ?? undefined;
    return this.issueCode(params, {
      clientId: pending.client.clientId,
      scopes: pending.scopes,
      practitioner,
      faults: this.options.serverFaults,
      patient,
      ...(nonce ? { nonce } : {}),
    });
  }

  private issueCode(
    params: URLSearchParams,
    grant: Omit<Session, 'id' | 'grantId'> & { nonce?: string },
  ): AuthorizeResult {
    const code = opaque(24);
    const { nonce, ...session } = grant;
    this.codes.set(code, {
      clientId: session.clientId,
      redirectUri: params.get('redirect_uri') ?? '',
      challenge: params.get('code_challenge') ?? '',
      session,
      ...(nonce ? { nonce } : {}),
      expiresAt: this.nowMs() + CODE_TTL_MS,
    });
    return {
      kind: 'redirect',
      location: withQuery(params.get('redirect_uri') ?? '', { code, state: params.get('state') ?? '' }),
    };
  }

  /** `POST /auth/token` (form-encoded body). */
  async token(form: URLSearchParams): Promise<TokenResult> {
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.codeGrant(form);
    if (grantType === 'refresh_token') return this.refreshGrant(form);
    return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
  }

  private async codeGrant(form: URLSearchParams): Promise<TokenResult> {
    const code = form.get('code') ?? '';
    const now = this.nowMs();
    for (const [key, until] of this.usedCodes) if (until < now) this.usedCodes.delete(key);
    if (this.usedCodes.has(code)) {
      // RFC 6749 §4.1.2: a code used twice is refused, and what it issued is revoked — the second caller may be an
      // attacker holding a stolen code, and the server cannot tell which of the two is the app.
      const revoked = this.revokeGrant(code);
      return oauthError(
        400,
        'invalid_grant',
        `The authorization code was already used${revoked ? '; the tokens issued from it are revoked' : ''}.`,
      );
    }
    const grant = this.codes.get(code);
    this.codes.delete(code); // single use, whatever happens next
    if (grant) this.usedCodes.set(code, now + USED_CODE_MEMORY_MS);
    if (!grant || grant.expiresAt < now) {
      return oauthError(400, 'invalid_grant', 'The authorization code is invalid, expired or already used.');
    }
    if (form.get('client_id') !== grant.clientId) {
      return oauthError(400, 'invalid_grant', 'client_id does not match the authorization request.');
    }
    if (form.get('redirect_uri') !== grant.redirectUri) {
      return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    }
    const verifier = form.get('code_verifier') ?? '';
    if (!VERIFIER_RE.test(verifier)) {
      return oauthError(400, 'invalid_grant', 'code_verifier is missing or malformed (PKCE S256 is required).');
    }
    if (s256(verifier) !== grant.challenge) {
      return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge (PKCE).');
    }
    const session: Session = { id: opaque(12), grantId: code, ...grant.session };
    this.sessions.set(session.id, session);
    return this.tokenResponse(session, grant.nonce);
  }

  /** Revoke every access and refresh token descending from one authorization code; true when any was live. */
  private revokeGrant(grantId: string): boolean {
    let any = false;
    for (const [id, session] of this.sessions) {
      if (session.grantId === grantId) {
        this.sessions.delete(id);
        any = true;
      }
    }
    for (const [token, refresh] of this.refreshTokens) {
      if (refresh.grantId === grantId) {
        this.refreshTokens.delete(token);
        any = true;
      }
    }
    return any;
  }

  private async refreshGrant(form: URLSearchParams): Promise<TokenResult> {
    const token = form.get('refresh_token') ?? '';
    const grant = this.refreshTokens.get(token);
    this.refreshTokens.delete(token); // rotated on every use
    const session = grant && this.sessions.get(grant.sessionId);
    if (!grant || !session || grant.expiresAt < this.nowMs()) {
      return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired or already used.');
    }
    const clientId = form.get('client_id');
    if (clientId && clientId !== grant.clientId) {
      return oauthError(400, 'invalid_grant', 'client_id does not match the refresh token.');
    }
    const asked = form.get('scope');
    let scoped = session;
    if (asked) {
      const wanted = asked.split(/\s+/).filter(Boolean);
      const extra = wanted.filter((s) => !session.scopes.includes(s));
      if (extra.length > 0) return oauthError(400, 'invalid_scope', `Not granted originally: ${extra.join(' ')}.`);
      scoped = { ...session, id: opaque(12), scopes: wanted };
      this.sessions.set(scoped.id, scoped);
    }
    return this.tokenResponse(scoped, grant.nonce);
  }

  private async tokenResponse(session: Session, nonce?: string): Promise<TokenResult> {
    const nowS = Math.floor(this.nowMs() / 1000);
    const expiresIn = session.faults.tokenExpirySeconds ?? this.options.tokenLifetimeSeconds ?? 3600;
    const fhirUser = `${trimSlash(this.options.fhirBaseUrl)}/Practitioner/${session.practitioner}`;
    const has = (s: string) => session.scopes.includes(s);
    const accessToken = await new SignJWT({
      client_id: session.clientId,
      scope: session.scopes.join(' '),
      sid: session.id,
      ...(session.patient ? { patient: session.patient } : {}),
      ...(session.encounter ? { encounter: session.encounter } : {}),
      fhirUser,
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'at+jwt' })
      .setIssuer(this.options.issuer)
      .setAudience(trimSlash(this.options.fhirBaseUrl))
      .setSubject(session.practitioner)
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + expiresIn)
      .setJti(opaque(12))
      .sign(this.privateKey);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: expiresIn,
      scope: session.scopes.join(' '),
      need_patient_banner: true,
      smart_style_url: `${this.options.issuer}/smart-style.json`,
    };
    if (session.patient) body.patient = session.patient;
    if (session.encounter) body.encounter = session.encounter;
    if (has('fhirUser') || has('openid')) body.fhirUser = fhirUser;
    if (has('openid')) {
      body.id_token = await new SignJWT({
        ...(has('fhirUser') || has('profile') ? { fhirUser } : {}),
        ...(has('profile') ? { profile: fhirUser } : {}),
        ...(nonce ? { nonce } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
        .setIssuer(this.options.issuer)
        .setAudience(session.clientId)
        .setSubject(session.practitioner)
        .setIssuedAt(nowS)
        .setExpirationTime(nowS + 3600)
        .sign(this.privateKey);
    }
    if (has('offline_access') || has('online_access')) {
      const refresh = opaque(32);
      this.refreshTokens.set(refresh, {
        sessionId: session.id,
        grantId: session.grantId,
        clientId: session.clientId,
        ...(nonce ? { nonce } : {}),
        expiresAt: this.nowMs() + REFRESH_TTL_MS,
      });
      body.refresh_token = refresh;
    }
    return { status: 200, body, faults: session.faults };
  }

  /** Verify an `Authorization` header for the FHIR endpoint. */
  async verify(authorization: string | null): Promise<VerifyResult> {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m?.[1]) return { ok: false, error: 'missing', description: 'A bearer access token is required.' };
    try {
      const { payload } = await jwtVerify(m[1], this.publicKey, {
        issuer: this.options.issuer,
        audience: trimSlash(this.options.fhirBaseUrl),
        algorithms: ['RS256'],
        currentDate: this.options.now(),
      });
      const session = typeof payload.sid === 'string' ? this.sessions.get(payload.sid) : undefined;
      if (!session) return { ok: false, error: 'invalid_token', description: 'The access token is not known.' };
      return { ok: true, session };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) {
        return { ok: false, error: 'invalid_token', description: 'The access token has expired.' };
      }
      return { ok: false, error: 'invalid_token', description: 'The access token is invalid.' };
    }
  }

  /** Faults attached to an authorization code or refresh token (so the token request itself can be slowed). */
  faultsForTokenRequest(form: URLSearchParams): SandboxFaults | undefined {
    const code = form.get('code');
    if (code) return this.codes.get(code)?.session.faults;
    const refresh = form.get('refresh_token');
    const sid = refresh ? this.refreshTokens.get(refresh)?.sessionId : undefined;
    return sid ? this.sessions.get(sid)?.faults : undefined;
  }

  private nowMs(): number {
    return this.options.now().getTime();
  }
}

function page(status: number, title: string, message: string): AuthorizeResult {
  return { kind: 'error-page', status, title, message };
}

function oauthError(status: number, error: string, description: string): TokenResult {
  return { status, body: { error, error_description: description } };
}

function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}
