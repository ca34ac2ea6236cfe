/**
 * SMART scope strings: requesting (v1/v2 spelling) and understanding what was granted.
 *
 * Why both spellings: SMART App Launch 2.x servers speak `patient/Observation.rs` (v2: c r u d s), older
 * servers and several EHR releases only `patient/Observation.read` / `.write` (v1). A server may also grant a
 * subset of what was asked, or a v2 *granular* scope such as `patient/Observation.rs?category=laboratory`.
 * The app must read the grant, not assume it.
 */

import { PERMISSION_ORDER, parseResourceScope, splitScopes } from '../core/scopes';
import type { Permission, ResourceScope } from '../core/scopes';

export { splitScopes };

export type ScopeVersion = 'v1' | 'v2';

/** What a granted scope set allows, per resource type (the capability view the UI and data layer use). */
export interface ScopeCapabilities {
  /** `full` = read + search any resource of the type; `partial` = only with a v2 query restriction (e.g. category). */
  read(resourceType: string): 'full' | 'partial' | 'none';
  create(resourceType: string): boolean;
  readonly launchPatient: boolean;
  readonly launchEncounter: boolean;
  readonly openid: boolean;
  readonly fhirUser: boolean;
  readonly offlineAccess: boolean;
  /** The raw scope tokens, as granted. */
  readonly granted: readonly string[];
}

/** The capability view of a granted scope string (the `scope` field of the token response). */
export function parseGrantedScopes(scope: string | undefined | null): ScopeCapabilities {
  const granted = splitScopes(scope);
  const resourceScopes = granted.map(parseResourceScope).filter((s): s is ResourceScope => s !== undefined);
  const matching = (type: string) => resourceScopes.filter((s) => s.resourceType === type || s.resourceType === '*');
  // `full` = read and search with no query restriction; a query restriction, or only one of r/s, is `partial`.
  const reads = (s: ResourceScope) => s.permissions.has('r') || s.permissions.has('s');
  const readsFully = (s: ResourceScope) => s.permissions.has('r') && s.permissions.has('s') && !s.query;
  return {
    granted,
    read(type) {
      const m = matching(type);
      if (m.some(readsFully)) return 'full';
      if (m.some(reads)) return 'partial';
      return 'none';
    },
    create(type) {
      return matching(type).some((s) => s.permissions.has('c') && !s.query);
    },
    launchPatient: granted.includes('launch/patient') || granted.includes('launch'),
    launchEncounter: granted.includes('launch/encounter') || granted.includes('launch'),
    openid: granted.includes('openid'),
    fhirUser: granted.includes('fhirUser') || granted.includes('profile'),
    offlineAccess: granted.includes('offline_access'),
  };
}

/**
 * Rewrites v2 resource scopes into v1 spelling for servers that do not advertise `permission-v2`.
 * `.rs` → `.read`; anything with c/u/d → `.write` (plus `.read` if it also reads); `.cruds` → `.*`.
 * v2 query restrictions cannot be expressed in v1: such a scope becomes the unrestricted v1 scope, which the
 * server may narrow (the grant is parsed, never assumed).
 */
export function toV1Scopes(scopes: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of scopes) {
    const scope = parseResourceScope(token);
    if (!scope || scope.version === 1) {
      out.push(token);
      continue;
    }
    const base = `${scope.context}/${scope.resourceType}`;
    const has = (p: Permission) => scope.permissions.has(p);
    if (scope.permissions.size === PERMISSION_ORDER.length) out.push(`${base}.*`);
    else {
      if (has('r') || has('s')) out.push(`${base}.read`);
      if (has('c') || has('u') || has('d')) out.push(`${base}.write`);
    }
  }
  return [...new Set(out)];
}

/**
 * The scope string to request for one launch. Standalone launches drop the bare `launch` scope (it asks for
 * an EHR launch context that does not exist) and keep `launch/patient` so the server shows a patient picker.
 */
export function scopesForLaunch(
  configured: readonly string[],
  options: { ehrLaunch: boolean; version: ScopeVersion },
): string {
  let scopes = [...configured];
  if (!options.ehrLaunch) scopes = scopes.filter((s) => s !== 'launch');
  else if (!scopes.includes('launch')) scopes.unshift('launch');
  if (options.version === 'v1') scopes = toV1Scopes(scopes);
  return scopes.join(' ');
}

/**
 * Which scope spelling to use for a server, from its `.well-known/smart-configuration` `capabilities`.
 * A server that advertises `permission-v2` gets v2; one that advertises only v1 (or predates the
 * `permission-*` capabilities altogether, i.e. a SMART v1 server) gets v1.
 */
export function scopeVersionFor(capabilities: readonly string[] | undefined): ScopeVersion {
  return capabilities?.includes('permission-v2') ? 'v2' : 'v1';
}

/**
 * The scopes without any write permission (v2 `c`/`u`/`d` letters dropped, v1 `.write` dropped, `.*` → `.read`): what
 * Nocturne asks for in its one read-only retry when an EHR refuses the write scope (issue 10 item 3). The session is
 * then read-only — the note can be copied, downloaded and printed but not saved to the chart.
 */
export function withoutWriteScopes(scopes: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of scopes) {
    const scope = parseResourceScope(token);
    if (!scope) {
      out.push(token);
      continue;
    }
    const base = `${scope.context}/${scope.resourceType}`;
    const reads = PERMISSION_ORDER.filter((p) => (p === 'r' || p === 's') && scope.permissions.has(p));
    if (reads.length === 0) continue;
    if (scope.version === 1) out.push(`${base}.read`);
    else out.push(`${base}.${reads.join('')}${scope.query ? `?${scope.query}` : ''}`);
  }
  return [...new Set(out)];
}
