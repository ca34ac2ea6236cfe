/**
 * Fault switches: the sandbox misbehaving on purpose, the way real EHRs do, so tests and demos can show how the app
 * degrades (slow networks, one failing resource type, tokens that expire mid-session, a write scope the site refused).
 *
 * They come from three places, later ones winning field by field: the server's options, its environment
 * (`SANDBOX_LATENCY_MS`, `SANDBOX_FAIL_RESOURCE`, `SANDBOX_TOKEN_EXPIRY_SECONDS`, `SANDBOX_DENY_WRITE`), and the
 * launcher's form / query parameters (`latency`, `fail`, `expires`, `deny_write`), which travel with one launch.
 *
 * The denied write scope behaves like a real registration that lacks it: by default the grant is narrowed (the
 * token's `scope` has no DocumentReference create/update/delete, as RFC 6749 §3.3 lets a server do), and with
 * `refuse` the authorization is refused with `invalid_scope` when the app asks for it, as some EHRs do.
 */
import { isResourceType } from '@medplum/core';

export interface SandboxFaults {
  /** Added latency per FHIR and token request, in milliseconds. */
  readonly latencyMs?: number;
  /** Every request for this resource type answers 500 with an OperationOutcome. */
  readonly failResourceType?: string;
  /** Access tokens expire after this many seconds (default lifetime otherwise). */
  readonly tokenExpirySeconds?: number;
  /**
   * No create/update/delete scope for DocumentReference: `true` narrows the grant (the token lacks the write scope),
   * `'refuse'` refuses an authorization that asks for it (`invalid_scope`), so the app must ask again without it.
   */
  readonly denyWrite?: boolean | 'refuse';
}

export const NO_FAULTS: SandboxFaults = {};

/** Problems found while reading fault settings; the caller reports them instead of silently ignoring a typo. */
export class FaultSettingError extends Error {}

function num(name: string, raw: string | null | undefined, max: number): number | undefined {
  if (raw === undefined || raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > max || !Number.isInteger(n)) {
    throw new FaultSettingError(`${name} must be a whole number between 0 and ${max} (got "${raw}")`);
  }
  return n;
}

function bool(name: string, raw: string | null | undefined): boolean | undefined {
  if (raw === undefined || raw === null || raw.trim() === '') return undefined;
  if (['1', 'true', 'on', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'off', 'no'].includes(raw.toLowerCase())) return false;
  throw new FaultSettingError(`${name} must be true or false (got "${raw}")`);
}

/** `deny_write`: a boolean (narrow when true) or `refuse`. */
function denyWrite(name: string, raw: string | null | undefined): SandboxFaults['denyWrite'] {
  if (raw?.trim().toLowerCase() === 'refuse') return 'refuse';
  try {
    return bool(name, raw);
  } catch {
    throw new FaultSettingError(`${name} must be true, false or refuse (got "${raw ?? ''}")`);
  }
}

function resourceType(name: string, raw: string | null | undefined): string | undefined {
  if (raw === undefined || raw === null || raw.trim() === '' || raw === 'none') return undefined;
  if (!isResourceType(raw)) throw new FaultSettingError(`${name} must be a FHIR resource type (got "${raw}")`);
  return raw;
}

/** Faults from the environment (`SANDBOX_*`). Throws {@link FaultSettingError} naming a bad setting. */
export function faultsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): SandboxFaults {
  return compact({
    latencyMs: num('SANDBOX_LATENCY_MS', env.SANDBOX_LATENCY_MS, 60_000),
    failResourceType: resourceType('SANDBOX_FAIL_RESOURCE', env.SANDBOX_FAIL_RESOURCE),
    tokenExpirySeconds: num('SANDBOX_TOKEN_EXPIRY_SECONDS', env.SANDBOX_TOKEN_EXPIRY_SECONDS, 86_400),
    denyWrite: denyWrite('SANDBOX_DENY_WRITE', env.SANDBOX_DENY_WRITE),
  });
}

/** Faults from launcher query/form parameters. Throws {@link FaultSettingError} naming a bad parameter. */
export function faultsFromQuery(params: URLSearchParams): SandboxFaults {
  return compact({
    latencyMs: num('latency', params.get('latency'), 60_000),
    failResourceType: resourceType('fail', params.get('fail')),
    tokenExpirySeconds: num('expires', params.get('expires'), 86_400),
    denyWrite: denyWrite('deny_write', params.get('deny_write')),
  });
}

/** The launcher query string that reproduces these faults (only the ones set). */
export function faultsToQuery(faults: SandboxFaults): URLSearchParams {
  const q = new URLSearchParams();
  if (faults.latencyMs) q.set('latency', String(faults.latencyMs));
  if (faults.failResourceType) q.set('fail', faults.failResourceType);
  if (faults.tokenExpirySeconds) q.set('expires', String(faults.tokenExpirySeconds));
  if (faults.denyWrite) q.set('deny_write', faults.denyWrite === 'refuse' ? 'refuse' : '1');
  return q;
}

/** Later layers override earlier ones, field by field. */
export function mergeFaults(...layers: (SandboxFaults | undefined)[]): SandboxFaults {
  const out: { -readonly [K in keyof SandboxFaults]: SandboxFaults[K] } = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer) as [keyof SandboxFaults, never][]) {
      if (v !== undefined) out[k] = v;
    }
  }
  return out;
}

function compact(f: { [K in keyof SandboxFaults]: SandboxFaults[K] | undefined }): SandboxFaults {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}

/** True when any switch is on. */
export function hasFaults(f: SandboxFaults): boolean {
  return Boolean(f.latencyMs || f.failResourceType || f.tokenExpirySeconds || f.denyWrite);
}
