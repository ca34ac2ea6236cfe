/**
 * Runtime configuration, validated with zod.
 *
 * Why runtime and not build time: one build must serve any hospital. Everything here is read from the
 * server's environment at request time (app/layout.tsx, proxy.ts) and the client-safe subset is rendered
 * into the page; nothing is inlined into the JavaScript bundles.
 *
 * None of these settings is a secret (Nocturne is a public SMART client: no client secret), so the
 * client-safe subset is simply everything the browser needs.
 */
import { z } from 'zod';
import type { ConfigProblem } from '@/lib/core/problem';
import { parseLocalCodes } from '@/fhir-mappings/local-codes';
import { isSecureIssuer, normaliseIssuer } from './issuers';

export const WRITEBACK_PROFILES = ['us-core', 'epic', 'oracle', 'smart-sandbox'] as const;
export type WritebackProfile = (typeof WRITEBACK_PROFILES)[number];

/**
 * `Cross-Origin-Opener-Policy` values an integrator may choose (`NOCTURNE_OPENER_POLICY`); `unsafe-none`, the
 * browser's own default, sends no header. Why that is the default: see {@link securityHeaders} in ./csp.ts.
 */
export const OPENER_POLICIES = ['unsafe-none', 'same-origin-allow-popups', 'same-origin'] as const;
export type OpenerPolicy = (typeof OPENER_POLICIES)[number];

export const DEFAULT_SCOPES = [
  'launch',
  'launch/patient',
  'launch/encounter',
  'openid',
  'fhirUser',
  'offline_access',
  'patient/Patient.rs',
  'patient/Observation.rs',
  'patient/Condition.rs',
  'patient/MedicationRequest.rs',
  'patient/Procedure.rs',
  'patient/Encounter.rs',
  'patient/DocumentReference.rs',
  'patient/DocumentReference.c',
] as const;

export const DEFAULTS = {
  NOCTURNE_CLIENT_ID: 'nocturne-local',
  NOCTURNE_SCOPES: DEFAULT_SCOPES.join(' '),
  NOCTURNE_SCOPE_VERSION: 'auto',
  NOCTURNE_ALLOWED_ISSUERS: 'http://localhost:4010/fhir',
  NOCTURNE_FRAME_ANCESTORS: "'self' http://localhost:4010",
  NOCTURNE_SANDBOX_URL: 'http://localhost:4010',
  NOCTURNE_WRITEBACK_PROFILE: 'us-core',
  NOCTURNE_NOTE_TYPE: '11488-4',
  NOCTURNE_WRITE_PROVENANCE: 'false',
  NOCTURNE_WRITE_CLINICAL_IMPRESSION: 'false',
  NOCTURNE_LOG_FORMAT: 'text',
  NOCTURNE_OPENER_POLICY: 'unsafe-none',
} as const;

/** Every variable Nocturne reads, for documentation and error messages. */
export const CONFIG_VARIABLES = [
  'NOCTURNE_CLIENT_ID',
  'NOCTURNE_SCOPES',
  'NOCTURNE_SCOPE_VERSION',
  'NOCTURNE_REDIRECT_URI',
  'NOCTURNE_ALLOWED_ISSUERS',
  'NOCTURNE_CONNECT_SRC',
  'NOCTURNE_FRAME_ANCESTORS',
  'NOCTURNE_SANDBOX_URL',
  'NOCTURNE_WRITEBACK_PROFILE',
  'NOCTURNE_NOTE_TYPE',
  'NOCTURNE_WRITE_PROVENANCE',
  'NOCTURNE_WRITE_CLINICAL_IMPRESSION',
  'NOCTURNE_LOCAL_CODES',
  'NOCTURNE_LOG_FORMAT',
  'NOCTURNE_OPENER_POLICY',
] as const;
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

const list = (value: string) =>
  value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const absoluteHttpUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL');

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), 'must be true or false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** One CSP source expression for frame-ancestors: a keyword, `*`-free scheme+host(+port), or a scheme. */
const FRAME_SOURCE = /^('self'|'none'|https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?\/?|https:)$/i;

const ENV_SCHEMA = z.object({
  NOCTURNE_CLIENT_ID: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  NOCTURNE_SCOPES: z
    .string()
    .transform(list)
    .refine((s) => s.length > 0, 'must list at least one scope')
    .refine((s) => s.every((x) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(x)), 'contains a character not allowed in a scope')
    .refine((s) => !s.includes('fhirUser') || s.includes('openid'), {
      message: 'fhirUser needs openid (the user identity comes in the id_token)',
    }),
  NOCTURNE_SCOPE_VERSION: z.enum(['auto', 'v1', 'v2'], { message: 'must be auto, v1 or v2' }),
  NOCTURNE_REDIRECT_URI: absoluteHttpUrl.optional(),
  NOCTURNE_ALLOWED_ISSUERS: z
    .string()
    .transform(list)
    .refine((s) => s.length > 0, 'must list at least one FHIR base URL')
    .superRefine((s, ctx) => {
      for (const iss of s) {
        if (!normaliseIssuer(iss))
          ctx.addIssue({ code: 'custom', message: `"${iss}" is not an absolute http(s) FHIR base URL (no query)` });
        else if (!isSecureIssuer(iss))
          ctx.addIssue({
            code: 'custom',
            message: `"${iss}" uses plain http: access tokens would travel unencrypted; use https (http is allowed only for localhost)`,
          });
      }
    })
    .transform((s) => s.map((iss) => normaliseIssuer(iss) as string)),
  NOCTURNE_CONNECT_SRC: z
    .string()
    .optional()
    .transform((v) => (v ? list(v) : []))
    .superRefine((s, ctx) => {
      for (const o of s) {
        if (!absoluteHttpUrl.safeParse(o).success)
          ctx.addIssue({ code: 'custom', message: `"${o}" is not an absolute http(s) URL` });
      }
    }),
  NOCTURNE_FRAME_ANCESTORS: z
    .string()
    .transform(list)
    .refine((s) => s.length > 0, "must list at least one source (use 'none' to forbid embedding)")
    .superRefine((s, ctx) => {
      for (const src of s) {
        if (!FRAME_SOURCE.test(src))
          ctx.addIssue({
            code: 'custom',
            message: `"${src}" is not a frame-ancestors source ('self', 'none', https://host[:port], https://*.host)`,
          });
      }
      if (s.includes("'none'") && s.length > 1)
        ctx.addIssue({ code: 'custom', message: "'none' cannot be combined with other sources" });
    }),
  NOCTURNE_SANDBOX_URL: absoluteHttpUrl,
  NOCTURNE_WRITEBACK_PROFILE: z.enum(WRITEBACK_PROFILES, {
    message: `must be one of ${WRITEBACK_PROFILES.join(', ')}`,
  }),
  NOCTURNE_NOTE_TYPE: z
    .string()
    .trim()
    .regex(/^\d{1,7}-\d$/, 'must be a LOINC code such as 11488-4'),
  NOCTURNE_WRITE_PROVENANCE: bool,
  NOCTURNE_WRITE_CLINICAL_IMPRESSION: bool,
  NOCTURNE_LOG_FORMAT: z.enum(['text', 'json'], { message: 'must be text or json' }),
  NOCTURNE_OPENER_POLICY: z.enum(OPENER_POLICIES, { message: `must be one of ${OPENER_POLICIES.join(', ')}` }),
  NOCTURNE_LOCAL_CODES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      let json: unknown;
      try {
        json = JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
      const parsed = parseLocalCodes(json);
      if (!parsed.ok) {
        for (const error of parsed.errors) ctx.addIssue({ code: 'custom', message: error });
        return z.NEVER;
      }
      // Kept as the JSON the integrator wrote (plain data for the browser); it is known to parse.
      return json;
    }),
});

/** Validated configuration (server side). */
export interface AppConfig {
  clientId: string;
  scopes: string[];
  scopeVersion: 'auto' | 'v1' | 'v2';
  /** Absent = `<origin>/assessment`, computed in the browser. */
  redirectUri?: string;
  allowedIssuers: string[];
  /** Extra origins the browser may call (e.g. an authorization server on another host than the FHIR server). */
  connectSrc: string[];
  frameAncestors: string[];
  sandboxUrl: string;
  writebackProfile: WritebackProfile;
  noteType: string;
  writeProvenance: boolean;
  writeClinicalImpression: boolean;
  /**
   * Site codes: the JSON as configured, already validated with the mappings' `parseLocalCodes` (so
   * `parseLocalCodes(config.localCodes)` always succeeds). Plain JSON so it can be rendered into the page.
   */
  localCodes?: unknown;
  /**
   * Server request log: `text` (Next.js's own output only) or `json` (one JSON line per request: method, route,
   * status, duration — never a query string, token or patient data). See instrumentation.ts.
   */
  logFormat: 'text' | 'json';
  /** `Cross-Origin-Opener-Policy` for top-level pages; `unsafe-none` sends none (./csp.ts says why by default). */
  openerPolicy: OpenerPolicy;
}

/** The subset rendered into the page for the browser. Nothing secret lives in config, but keep this explicit. */
export type ClientConfig = Omit<AppConfig, 'frameAncestors' | 'connectSrc' | 'logFormat' | 'openerPolicy'>;

/** A setting that is missing or wrong, in the project's one problem vocabulary: `subject` names the variable. */
export type { ConfigProblem } from '@/lib/core/problem';

/** Thrown by {@link loadConfig}: one line per bad variable, each naming it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid Nocturne configuration:\n${problems.map((p) => `  ${p.subject}: ${p.message}`).join('\n')}\n` +
        'See "Configuration and real EHRs" in the README.',
    );
  }
}

type Env = Record<string, string | undefined>;

/** Validates without throwing. Empty strings count as unset (so `FOO=` in a .env file means "default"). */
export function parseConfig(env: Env): { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] } {
  const input: Record<string, string | undefined> = {};
  for (const name of CONFIG_VARIABLES) {
    const raw = env[name];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw;
    input[name] = value ?? (DEFAULTS as Record<string, string | undefined>)[name];
  }
  const parsed = ENV_SCHEMA.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue): ConfigProblem => ({
      kind: 'config',
      code: 'invalid-setting',
      subject: (issue.path[0] as ConfigVariable | undefined) ?? 'NOCTURNE_CLIENT_ID',
      message: issue.message,
    }));
    return { ok: false, problems };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      clientId: e.NOCTURNE_CLIENT_ID,
      scopes: e.NOCTURNE_SCOPES,
      scopeVersion: e.NOCTURNE_SCOPE_VERSION,
      ...(e.NOCTURNE_REDIRECT_URI ? { redirectUri: e.NOCTURNE_REDIRECT_URI } : {}),
      allowedIssuers: e.NOCTURNE_ALLOWED_ISSUERS,
      connectSrc: e.NOCTURNE_CONNECT_SRC,
      frameAncestors: e.NOCTURNE_FRAME_ANCESTORS,
      sandboxUrl: e.NOCTURNE_SANDBOX_URL.replace(/\/+$/, ''),
      writebackProfile: e.NOCTURNE_WRITEBACK_PROFILE,
      noteType: e.NOCTURNE_NOTE_TYPE,
      writeProvenance: e.NOCTURNE_WRITE_PROVENANCE,
      writeClinicalImpression: e.NOCTURNE_WRITE_CLINICAL_IMPRESSION,
      ...(e.NOCTURNE_LOCAL_CODES !== undefined ? { localCodes: e.NOCTURNE_LOCAL_CODES } : {}),
      logFormat: e.NOCTURNE_LOG_FORMAT,
      openerPolicy: e.NOCTURNE_OPENER_POLICY,
    },
  };
}

/** Pure: validates `env` and returns the configuration, or throws {@link ConfigError} naming every bad variable. */
export function loadConfig(env: Env): AppConfig {
  const result = parseConfig(env);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}

export function toClientConfig(config: AppConfig): ClientConfig {
  const { frameAncestors: _f, connectSrc: _c, logFormat: _l, openerPolicy: _o, ...client } = config;
  return client;
}
