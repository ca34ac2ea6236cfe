/**
 * The local SMART sandbox EHR: one `node:http` server on loopback serving the launcher page, SMART discovery,
 * OAuth2 (authorize + token), and FHIR R4 REST over the in-memory store with the bearer token enforced.
 *
 * Why a real HTTP server rather than in-process mocks: the app must behave against it exactly as against Epic or the
 * public SMART sandbox — a different origin (CORS), real redirects, real tokens that expire. Tests and the end-to-end
 * harness start it on an ephemeral port with {@link startSandbox}; `npm start` runs it on 4010 via `main.ts`.
 *
 * Logs carry method, path (never the query), status and duration: no tokens, codes or PHI.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFhirApi, createFhirStore, encountersByPatient, patientEncounters } from '../fhir-store';
import type { FhirGuard, FhirStore } from '../fhir-store';
import { FHIR_JSON, inPatientCompartment, matchesQuery, outcome } from './fhir-api';
import type { FhirApi } from './fhir-api';
import { FaultSettingError, faultsFromQuery, mergeFaults } from './faults';
import type { SandboxFaults } from './faults';
import { AuthServer } from './oauth';
import type { AuthorizeResult, RegisteredClient, Session } from './oauth';
import { errorPage, launcherPage, pickerPage } from './pages';
import { PUBLIC_CLIENT_CEILING, ScopeCeilingError, parseCeiling, scopesAllowing } from './scopes';
import type { ExcessScopePolicy, Permission } from './scopes';

export type { SandboxFaults } from './faults';
export type { FhirStore } from '../fhir-store';

/** The client id the sandbox registers by default (the app's default `NOCTURNE_CLIENT_ID`). */
export const DEFAULT_CLIENT_ID = 'nocturne-local';

export interface StartSandboxOptions {
  /** Port to listen on; `0` picks a free one. Default 4010. */
  readonly port?: number;
  /** Loopback address to listen on. Default: 127.0.0.1 (and ::1 when available). */
  readonly host?: string;
  /** The app's origin, e.g. `http://localhost:3000`: launch target, CORS origin, and `<appUrl>/assessment` redirect URI. */
  readonly appUrl: string;
  /** Public URL of the sandbox when not `http://localhost:<port>` (e.g. behind a proxy). */
  readonly url?: string;
  /** Registered public client id. Default {@link DEFAULT_CLIENT_ID}. */
  readonly clientId?: string;
  /** Extra registered redirect URIs; `<appUrl>/assessment` is always registered. Their origins are allowed by CORS. */
  readonly redirectUris?: readonly string[];
  /**
   * The most the default client can be granted (space-separated scopes, v1 or v2). Default
   * {@link PUBLIC_CLIENT_CEILING}: `patient/` scopes and the launch and identity scopes, no `user/` or `system/`.
   */
  readonly scopeCeiling?: string;
  /** What the default client's registration does with a request beyond its ceiling. Default `narrow`. */
  readonly excessScopes?: ExcessScopePolicy;
  /** More registered clients (e.g. one without the note write scope, for tests). */
  readonly clients?: readonly SandboxClientOptions[];
  /**
   * Also serve the store without authentication, as its own FHIR base at the root of this loopback port (`0` picks a
   * free one), like the open FHIR servers the reference SMART launcher (smart-on-fhir/smart-launcher-v2) proxies to:
   * the launcher drops the `Authorization` header and enforces scopes itself, and builds some URLs from the server's
   * root (`/Encounter?…`), so the base must be the root. Off unless asked for.
   */
  readonly openFhirPort?: number;
  /** A folder of FHIR Bundles to load at start (`SANDBOX_DATA`); ignored when `store` is given. */
  readonly dataDir?: string;
  /** Server-wide fault switches (each launch can add its own from the launcher). */
  readonly faults?: SandboxFaults;
  /** Clock for tokens, codes, persona dates. Default: the real clock. */
  readonly now?: () => Date;
  /** No request log. */
  readonly quiet?: boolean;
  /** A pre-built store (default: {@link createFhirStore} with every persona and the Synthea patients). */
  readonly store?: FhirStore;
  /** Default access-token lifetime in seconds (default 3600). */
  readonly tokenLifetimeSeconds?: number;
  /**
   * Called once per answered request with what the request log carries (no query, no ids, no tokens) plus timings:
   * lets a benchmark tell the sandbox's own handling time apart from the latency it was told to add.
   */
  readonly onRequest?: (entry: SandboxRequestEntry) => void;
}

/** A further registered client. */
export interface SandboxClientOptions {
  readonly clientId: string;
  /** Default: the default client's redirect URIs. */
  readonly redirectUris?: readonly string[];
  /** Default {@link PUBLIC_CLIENT_CEILING}. */
  readonly scopes?: string;
  /** Default `narrow`. */
  readonly excessScopes?: ExcessScopePolicy;
}

/** One answered request, as {@link StartSandboxOptions.onRequest} reports it. */
export interface SandboxRequestEntry {
  readonly method: string;
  /** {@link logPath}: no query string, resource ids replaced by `{id}`. */
  readonly path: string;
  readonly status: number;
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number;
  /** Arrival to response written, including any added latency. */
  readonly ms: number;
  /** The part of `ms` that was the latency fault switch (0 without one). */
  readonly delayedMs: number;
}

export interface SandboxHandle {
  /** `http://localhost:<port>` (or `options.url`). */
  readonly url: string;
  /** `<url>/fhir`: the `iss` of every launch. */
  readonly fhirBaseUrl: string;
  /** `http://localhost:<openFhirPort>` when {@link StartSandboxOptions.openFhirPort} is set. */
  readonly openFhirBaseUrl?: string;
  readonly port: number;
  readonly store: FhirStore;
  /** The client id and redirect URIs registered. */
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  /** Milliseconds from the call to listening (definitions + seeding + keys + listen). */
  readonly startupMs: number;
  close(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;
const PERMISSION: Record<string, Permission> = { read: 'r', vread: 'r', 'search-type': 's', create: 'c', update: 'u' };
const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Accept, If-None-Exist, If-Match, Prefer';
/**
 * Discovery documents are static for the life of the server, and cacheable like a real authorization server's.
 * Why it matters: at launch the app and fhirclient both fetch `smart-configuration`; without a cache header
 * Chromium holds the second request on its cache lock until the first answers and then goes to the network again,
 * a second round trip. With it the second is answered from the cache.
 */
const DISCOVERY_CACHE = { 'Cache-Control': 'public, max-age=300' };
const CORS_EXPOSE_HEADERS = 'Location, ETag, Last-Modified, Content-Location, WWW-Authenticate';

/** Start the sandbox. Resolves once it is listening and seeded. */
export async function startSandbox(options: StartSandboxOptions): Promise<SandboxHandle> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const quiet = options.quiet ?? false;
  const appUrl = trimSlash(options.appUrl);
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const redirectUris = [...new Set([`${appUrl}/assessment`, ...(options.redirectUris ?? [])])];
  const clients = registerClients(options, clientId, redirectUris);
  const allowedOrigins = new Set([appUrl, ...clients.flatMap((c) => c.redirectUris)].map((u) => new URL(u).origin));
  const serverFaults = options.faults ?? {};
  const storePromise = options.store
    ? Promise.resolve(options.store)
    : createFhirStore({ now: now(), ...(options.dataDir ? { dataDir: options.dataDir } : {}) });

  // Listen first (to learn the port), then seed; requests wait for `ready`.
  const host = options.host ?? '127.0.0.1';
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503, { 'Retry-After': '1' }).end('starting');
  };
  const servers = await listenLoopback((req, res) => handler(req, res), options.port ?? 4010, host);
  const port = (servers[0]!.address() as AddressInfo).port;
  const url = trimSlash(options.url ?? `http://localhost:${port}`);
  const fhirBaseUrl = `${url}/fhir`;

  let store: FhirStore;
  let auth: AuthServer;
  try {
    store = await storePromise;
    auth = await AuthServer.create({
      issuer: url,
      fhirBaseUrl,
      clients,
      serverFaults,
      now,
      patientExists: (id) => store.patients.some((p) => p.id === id),
      defaultPractitioner: store.practitioners[0]?.id ?? 'unknown',
      ...(options.tokenLifetimeSeconds ? { tokenLifetimeSeconds: options.tokenLifetimeSeconds } : {}),
    });
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }
  const api: FhirApi = createFhirApi(store, {
    baseUrl: fhirBaseUrl,
    oauth: { authorize: auth.endpoints.authorize, token: auth.endpoints.token },
    now,
  });
  await warmUp(api, fhirBaseUrl, store.patients[store.patients.length - 1]?.id);
  let openFhirBaseUrl: string | undefined;
  if (options.openFhirPort !== undefined) {
    const open = await startOpenFhir(store, options.openFhirPort, host, now, quiet).catch(async (err: unknown) => {
      await Promise.all(servers.map(closeServer));
      throw err;
    });
    servers.push(...open.servers);
    openFhirBaseUrl = open.baseUrl;
  }
  const ctx: Ctx = {
    store,
    auth,
    api,
    url,
    fhirBaseUrl,
    appUrl,
    clientId,
    allowedOrigins,
    serverFaults,
    now,
    redirectUris,
  };

  handler = (req, res) => {
    const t0 = performance.now();
    const path = logPath(req.url ?? '/');
    const timing: Timing = { delayedMs: 0 };
    route(ctx, req, timing)
      .catch((err: unknown) => {
        console.error(
          `[sandbox] ${req.method ?? '?'} ${path} failed: ${err instanceof Error ? err.message : String(err)}`,
        );
        return outcome(500, 'exception', 'The sandbox failed to handle this request.');
      })
      .then((response) => send(ctx, req, res, response))
      .then(
        (status) => {
          const ms = performance.now() - t0;
          if (!quiet) console.log(`[sandbox] ${req.method ?? '?'} ${path} ${status} ${Math.round(ms)}ms`);
          options.onRequest?.({
            method: req.method ?? '?',
            path,
            status,
            startedAt: t0,
            ms,
            delayedMs: timing.delayedMs,
          });
        },
        (err: unknown) => {
          console.error(`[sandbox] ${req.method ?? '?'} ${path} response failed: ${String(err)}`);
          res.destroy();
        },
      );
  };

  return {
    url,
    fhirBaseUrl,
    ...(openFhirBaseUrl ? { openFhirBaseUrl } : {}),
    port,
    store,
    clientId,
    redirectUris,
    startupMs: performance.now() - started,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}

interface Ctx {
  readonly store: FhirStore;
  readonly auth: AuthServer;
  readonly api: FhirApi;
  readonly url: string;
  readonly fhirBaseUrl: string;
  readonly appUrl: string;
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  readonly allowedOrigins: ReadonlySet<string>;
  readonly serverFaults: SandboxFaults;
  readonly now: () => Date;
}

/** Per request: how long it waited on the latency fault switch. */
interface Timing {
  delayedMs: number;
}

async function route(ctx: Ctx, req: IncomingMessage, timing: Timing): Promise<Response> {
  const delay = async (ms: number | undefined) => {
    if (!ms || ms <= 0) return;
    const t0 = performance.now();
    await sleep(ms);
    timing.delayedMs += performance.now() - t0;
  };
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', ctx.url);
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const fhirPath = new URL(ctx.fhirBaseUrl).pathname;

  if (method === 'OPTIONS') return preflight(ctx, req);
  const get = method === 'GET' || method === 'HEAD';

  if (path === '/' && get) return launcher(ctx, url.searchParams);
  if (path === '/launch/ehr' && get) return ehrLaunch(ctx, url.searchParams);
  if (path === '/auth/authorize' && get) return authorizeResponse(ctx, ctx.auth.authorize(url.searchParams));
  if (path === '/auth/pick' && method === 'POST') {
    return authorizeResponse(ctx, ctx.auth.completePick(new URLSearchParams(await readBody(req))));
  }
  if (path === '/auth/token') {
    if (method !== 'POST') return jsonResponse(405, { error: 'invalid_request', error_description: 'Use POST.' });
    const form = new URLSearchParams(await readBody(req));
    await delay(mergeFaults(ctx.serverFaults, ctx.auth.faultsForTokenRequest(form)).latencyMs);
    const result = await ctx.auth.token(form);
    return jsonResponse(result.status, result.body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  }
  if (get && (path === `${fhirPath}/.well-known/smart-configuration` || path === '/.well-known/smart-configuration')) {
    await delay(ctx.serverFaults.latencyMs);
    return jsonResponse(200, ctx.auth.smartConfiguration(), DISCOVERY_CACHE);
  }
  if (get && path === '/.well-known/openid-configuration') {
    return jsonResponse(200, ctx.auth.openidConfiguration(), DISCOVERY_CACHE);
  }
  if (get && path === '/.well-known/jwks.json') return jsonResponse(200, ctx.auth.jwks(), DISCOVERY_CACHE);
  if (get && path === '/smart-style.json') return jsonResponse(200, SMART_STYLE);
  if (get && path === '/healthz') return new Response('ok', { headers: { 'Content-Type': 'text/plain' } });

  if (path === fhirPath || path.startsWith(`${fhirPath}/`)) {
    const request = await toRequest(req, url, method);
    if (path === `${fhirPath}/metadata`) {
      await delay(ctx.serverFaults.latencyMs);
      return ctx.api(request);
    }
    const verified = await ctx.auth.verify(req.headers.authorization ?? null);
    if (!verified.ok) {
      await delay(ctx.serverFaults.latencyMs);
      const challenge =
        verified.error === 'missing'
          ? `Bearer realm="${ctx.fhirBaseUrl}"`
          : `Bearer realm="${ctx.fhirBaseUrl}", error="invalid_token", error_description="${verified.description}"`;
      return outcome(401, 'login', verified.description, { 'WWW-Authenticate': challenge });
    }
    await delay(verified.session.faults.latencyMs);
    return ctx.api(request, { guard: guardFor(verified.session) });
  }
  return new Response(errorPage('Not found', `Nothing here at ${path}.`), {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}

/**
 * The store as an open FHIR server (no token) at the root of its own loopback port, for the reference launcher to
 * proxy to. Requests are logged like the sandbox's own (no query, no ids).
 */
async function startOpenFhir(
  store: FhirStore,
  port: number,
  host: string,
  now: () => Date,
  quiet: boolean,
): Promise<{ servers: Server[]; baseUrl: string }> {
  // The base URL (hence the API) is known once listening; requests only arrive after that.
  const bound: { baseUrl: string; api?: FhirApi } = { baseUrl: '' };
  const servers = await listenLoopback(
    (req, res) => {
      const t0 = performance.now();
      const method = (req.method ?? 'GET').toUpperCase();
      toRequest(req, new URL(req.url ?? '/', bound.baseUrl), method)
        .then((request) => bound.api!(request))
        .catch(() => outcome(500, 'exception', 'The open FHIR endpoint failed to handle this request.'))
        .then(async (response) => {
          const headers = Object.fromEntries(response.headers.entries());
          const body = method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer());
          res.writeHead(response.status, headers).end(body);
          if (!quiet) {
            const ms = Math.round(performance.now() - t0);
            console.log(`[sandbox-open] ${method} ${logPath(req.url ?? '/')} ${response.status} ${ms}ms`);
          }
        })
        .catch(() => res.destroy());
    },
    port,
    host,
  );
  bound.baseUrl = `http://localhost:${(servers[0]!.address() as AddressInfo).port}`;
  bound.api = createFhirApi(store, { baseUrl: bound.baseUrl, now });
  return { servers, baseUrl: bound.baseUrl };
}

/**
 * Listen on `host`, and on `::1` too when `host` is 127.0.0.1 (browsers may resolve `localhost` to ::1) and the
 * machine has IPv6 loopback.
 */
async function listenLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host: string,
): Promise<Server[]> {
  const primary = createServer(handler);
  await listen(primary, port, host);
  const servers = [primary];
  if (host === '127.0.0.1') {
    const v6 = createServer(handler);
    try {
      await listen(v6, (primary.address() as AddressInfo).port, '::1');
      servers.push(v6);
    } catch {
      /* no IPv6 loopback: 127.0.0.1 is enough */
    }
  }
  return servers;
}

/** The default client and any further ones, each with its parsed ceiling; throws naming a bad ceiling. */
function registerClients(
  options: StartSandboxOptions,
  clientId: string,
  redirectUris: readonly string[],
): RegisteredClient[] {
  const ceiling = (scopes: string, who: string) => {
    try {
      return parseCeiling(scopes);
    } catch (err) {
      if (err instanceof ScopeCeilingError) throw new Error(`Scope ceiling of client ${who}: ${err.message}`);
      throw err;
    }
  };
  const clients: RegisteredClient[] = [
    {
      clientId,
      redirectUris,
      ceiling: ceiling(options.scopeCeiling ?? PUBLIC_CLIENT_CEILING, clientId),
      excessScopes: options.excessScopes ?? 'narrow',
    },
  ];
  for (const c of options.clients ?? []) {
    if (clients.some((known) => known.clientId === c.clientId)) {
      throw new Error(`Client ${c.clientId} is registered twice.`);
    }
    clients.push({
      clientId: c.clientId,
      redirectUris: c.redirectUris ?? redirectUris,
      ceiling: ceiling(c.scopes ?? PUBLIC_CLIENT_CEILING, c.clientId),
      excessScopes: c.excessScopes ?? 'narrow',
    });
  }
  return clients;
}

/**
 * Run the searches a launch makes once before accepting requests: the first evaluation of each FHIRPath
 * expression is several times slower than later ones, and the first launch (often the one being timed) should not
 * pay for it.
 */
async function warmUp(api: FhirApi, fhirBaseUrl: string, patient: string | undefined): Promise<void> {
  if (!patient) return;
  const codes = encodeURIComponent('http://loinc.org|4548-4,http://loinc.org|2160-0,http://snomed.info/sct|44054006');
  for (const query of [
    `Observation?patient=${patient}&code=${codes}&date=ge2000-01-01&_sort=-date&_count=100`,
    `Observation?patient=${patient}&category=laboratory&_count=1`,
    `Condition?patient=${patient}&clinical-status=active&code=${codes}`,
    `Encounter?patient=${patient}&_sort=-date&_count=5`,
    `MedicationRequest?patient=${patient}`,
    `Procedure?patient=${patient}`,
  ]) {
    await (await api(new Request(`${fhirBaseUrl}/${query}`))).arrayBuffer();
  }
}

/** Scope enforcement, compartment restriction and the failing-resource fault, per interaction (and per batch entry). */
export function guardFor(session: Session): FhirGuard {
  return (access) => {
    if (access.interaction === 'batch' || !access.resourceType) return {};
    const type = access.resourceType;
    const permission = PERMISSION[access.interaction] ?? 'r';
    const allowing = scopesAllowing(session.scopes, type, permission);
    if (allowing.length === 0) {
      return {
        deny: outcome(
          403,
          'forbidden',
          `The granted scopes do not allow ${access.interaction} on ${type} (granted: ${session.scopes.join(' ') || 'none'}).`,
        ),
      };
    }
    if (session.faults.failResourceType === type) {
      return { deny: outcome(500, 'exception', `Simulated server error for ${type} (sandbox fault switch).`) };
    }
    if (allowing.some((s) => s.context !== 'patient' && !s.query)) return {};
    const patient = session.patient;
    return {
      permits: (resource) =>
        allowing.some(
          (s) =>
            (s.context !== 'patient' || (patient !== undefined && inPatientCompartment(resource, patient))) &&
            (!s.query || matchesQuery(resource, s.query)),
        ),
    };
  };
}

async function launcher(ctx: Ctx, params: URLSearchParams): Promise<Response> {
  let faults: SandboxFaults = {};
  let error: string | undefined;
  try {
    faults = faultsFromQuery(params);
  } catch (err) {
    if (!(err instanceof FaultSettingError)) throw err;
    error = `Fault switch ignored: ${err.message}.`;
  }
  const encounters = await encountersByPatient(ctx.store);
  const practitioner = params.get('practitioner') ?? undefined;
  return html(
    200,
    launcherPage({
      patients: ctx.store.patients,
      encounters,
      practitioners: ctx.store.practitioners,
      appUrl: ctx.appUrl,
      fhirBaseUrl: ctx.fhirBaseUrl,
      sandboxUrl: ctx.url,
      clientId: ctx.clientId,
      faults,
      serverFaults: ctx.serverFaults,
      now: ctx.now(),
      ...(practitioner ? { practitioner } : {}),
      ...(error ? { error } : {}),
      ...(ctx.store.data ? { data: ctx.store.data } : {}),
    }),
    ctx,
  );
}

async function ehrLaunch(ctx: Ctx, params: URLSearchParams): Promise<Response> {
  const patient = params.get('patient') ?? '';
  if (!ctx.store.patients.some((p) => p.id === patient)) {
    return html(400, errorPage('Unknown patient', 'Pick a patient from the launcher.'), ctx);
  }
  const practitioner = params.get('practitioner') || ctx.store.practitioners[0]?.id || '';
  if (!ctx.store.practitioners.some((p) => p.id === practitioner)) {
    return html(400, errorPage('Unknown clinician', 'Pick a clinician from the launcher.'), ctx);
  }
  let faults: SandboxFaults;
  try {
    faults = faultsFromQuery(params);
  } catch (err) {
    if (!(err instanceof FaultSettingError)) throw err;
    return html(400, errorPage('Bad fault switch', err.message), ctx);
  }
  const encounter = params.get(`encounter:${patient}`) ?? params.get('encounter') ?? '';
  if (encounter) {
    const mine = await patientEncounters(ctx.store, patient, Number.MAX_SAFE_INTEGER);
    if (!mine.some((e) => e.id === encounter)) {
      return html(400, errorPage('Unknown encounter', 'That encounter does not belong to this patient.'), ctx);
    }
  }
  const launch = ctx.auth.createLaunch({ patient, practitioner, faults, ...(encounter ? { encounter } : {}) });
  const target = new URL(`${ctx.appUrl}/launch`);
  target.searchParams.set('iss', ctx.fhirBaseUrl);
  target.searchParams.set('launch', launch);
  return new Response(null, { status: 303, headers: { Location: target.toString(), 'Cache-Control': 'no-store' } });
}

function authorizeResponse(ctx: Ctx, result: AuthorizeResult): Response {
  if (result.kind === 'redirect') {
    return new Response(null, { status: 302, headers: { Location: result.location, 'Cache-Control': 'no-store' } });
  }
  if (result.kind === 'pick-patient') {
    return html(
      200,
      pickerPage({
        pickId: result.pickId,
        clientId: ctx.clientId,
        scopes: result.scopes,
        patients: ctx.store.patients,
        practitioners: ctx.store.practitioners,
        now: ctx.now(),
      }),
      ctx,
    );
  }
  return html(result.status, errorPage(result.title, result.message), ctx);
}

function preflight(ctx: Ctx, req: IncomingMessage): Response {
  const origin = req.headers.origin;
  if (!origin || !ctx.allowedOrigins.has(origin)) {
    return new Response(null, { status: 403, headers: { Vary: 'Origin' } });
  }
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
      'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
    },
  });
}

async function send(ctx: Ctx, req: IncomingMessage, res: ServerResponse, response: Response): Promise<number> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const origin = req.headers.origin;
  if (origin && ctx.allowedOrigins.has(origin)) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-expose-headers'] = CORS_EXPOSE_HEADERS;
  }
  headers.vary = headers.vary ? `${headers.vary}, Origin` : 'Origin';
  headers['x-content-type-options'] = 'nosniff';
  const body = req.method === 'HEAD' || response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
  return response.status;
}

function html(status: number, body: string, ctx: Ctx): Response {
  const formTargets = [...ctx.allowedOrigins].join(' ');
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self' ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
    },
  });
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

async function toRequest(req: IncomingMessage, url: URL, method: string): Promise<Request> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  return new Request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The path as logged: no query string, and resource ids replaced (`/fhir/Patient/{id}`) so no identifier is logged. */
export function logPath(url: string): string {
  const path = url.split('?')[0] ?? '/';
  return path.replace(/^((?:\/fhir)?\/[A-Z][A-Za-z]+)\/[^/]+/, '$1/{id}').replace(/(\/_history)\/[^/]+$/, '$1/{vid}');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is already in use. Set SANDBOX_PORT to another port.`)
          : err,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}

/** SMART `smart_style_url` content: the sandbox's look, so an embedded app can match it. */
const SMART_STYLE = {
  color_background: '#f4f6f9',
  color_error: '#a1262b',
  color_highlight: '#1f5fbf',
  color_modal_backdrop: 'rgba(20,37,61,.5)',
  color_success: '#1d6b3a',
  color_text: '#1b2430',
  dim_border_radius: '8px',
  dim_font_size: '16px',
  dim_spacing_size: '16px',
  font_family_body: 'system-ui, sans-serif',
  font_family_heading: 'system-ui, sans-serif',
};

export { FHIR_JSON };
