/**
 * What the sandbox EHR grants: the requested scopes narrowed to the client's registered ceiling.
 *
 * Why a ceiling: a real EHR grants at most what the app's registration allows, whatever the app asks for. Before
 * this, the sandbox granted anything it could parse, so a public client could ask for — and get — `user/*.cruds`
 * and `system/*.cruds`, read every patient and write on any chart. The app must be tested against a server that
 * narrows, because Epic, Oracle Health and the reference launcher all do.
 *
 * What the standards say, and what this server does:
 * - RFC 6749 §3.3: the authorization server "MAY fully or partially ignore the scope requested by the client",
 *   and when the issued scope differs from the request it MUST say so in the token response's `scope`. SMART App
 *   Launch 2 (token response): `scope` is the "scope of access authorized", which "can be different from the
 *   scopes requested by the app". So by default a request beyond the ceiling is **narrowed**: granted = requested
 *   ∩ ceiling, reported in `scope`.
 * - RFC 6749 §4.1.2.1 `invalid_scope`: "the requested scope is invalid, unknown, or malformed". When nothing usable
 *   remains after narrowing (no FHIR resource scope at all), the request is refused with `invalid_scope`.
 * - Some EHRs refuse instead of narrowing (issue 10 item 3: the authorization fails when the registration lacks the
 *   note write scope). A registration can opt into that (`excessScopes: 'refuse'`), and the "deny write" fault
 *   switch has a `refuse` setting, so the app's retry-read-only path can be tested against both behaviours.
 *
 * The scope grammar itself is the app's ({@link parseResourceScope} in `lib/core/scopes.ts`): one parser, so the
 * sandbox and the app can never read a scope differently.
 */
import { PERMISSION_ORDER, parseResourceScope, splitScopes } from '../../lib/core/scopes';
import type { Permission, ResourceScope } from '../../lib/core/scopes';

export { parseResourceScope };
export type { Permission, ResourceScope };

/** Launch-context and identity scopes this server understands; anything else that is not a resource scope is dropped. */
export const NON_RESOURCE_SCOPES = [
  'launch',
  'launch/patient',
  'launch/encounter',
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
] as const;

/**
 * The registration of a public client: at most `patient/` resource scopes (any type, any permission) and the
 * launch-context and identity scopes an EHR-launched app needs. No `user/` and no `system/` scopes: a public
 * client launched for one patient never needs to see another.
 */
export const PUBLIC_CLIENT_CEILING =
  'patient/*.cruds openid fhirUser launch launch/patient launch/encounter offline_access';

/** What a registration does with a request beyond its ceiling. */
export type ExcessScopePolicy = 'narrow' | 'refuse';

/** A registered client's ceiling, parsed. */
export interface ScopeCeiling {
  /** Resource scopes allowed (v1 or v2 spelling; `*` types allowed). */
  readonly resources: readonly ResourceScope[];
  /** Launch-context and identity scopes allowed. */
  readonly other: ReadonlySet<string>;
  /** Permissions withdrawn on top of `resources` (the deny-write fault switch). */
  readonly withdrawn: readonly { readonly resourceType: string; readonly permissions: ReadonlySet<Permission> }[];
}

/** A ceiling configuration problem, naming the scope. */
export class ScopeCeilingError extends Error {}

/** Parse a ceiling (`"patient/*.rs patient/DocumentReference.c openid launch"`); throws on a scope it cannot read. */
export function parseCeiling(scopes: string): ScopeCeiling {
  const resources: ResourceScope[] = [];
  const other = new Set<string>();
  for (const raw of splitScopes(scopes)) {
    if ((NON_RESOURCE_SCOPES as readonly string[]).includes(raw)) {
      other.add(raw);
      continue;
    }
    const scope = parseResourceScope(raw);
    if (!scope) throw new ScopeCeilingError(`"${raw}" is not a SMART scope this sandbox understands`);
    if (scope.query) throw new ScopeCeilingError(`"${raw}": a registration ceiling cannot carry a query restriction`);
    resources.push(scope);
  }
  return { resources, other, withdrawn: [] };
}

/** The ceiling without create, update and delete on `resourceType` (the deny-write fault switch). */
export function withoutWrite(ceiling: ScopeCeiling, resourceType = 'DocumentReference'): ScopeCeiling {
  return {
    ...ceiling,
    withdrawn: [...ceiling.withdrawn, { resourceType, permissions: new Set<Permission>(['c', 'u', 'd']) }],
  };
}

/** The outcome of narrowing a request to a ceiling. */
export interface Grant {
  /** The granted scopes, in request order; a scope granted whole keeps its exact spelling. */
  readonly granted: readonly string[];
  /** Requested scopes not granted (wholly or in part), as asked. */
  readonly refused: readonly string[];
}

/**
 * Narrow a requested scope string to a ceiling: every requested scope is granted whole, in part (fewer permissions,
 * or a wildcard narrowed to the types the ceiling names) or not at all. Unknown and malformed scopes are dropped
 * (listed in `refused`).
 */
export function narrowScopes(requested: string, ceiling: ScopeCeiling): Grant {
  const granted: string[] = [];
  const refused: string[] = [];
  const add = (s: string) => {
    if (!granted.includes(s)) granted.push(s);
  };
  for (const raw of splitScopes(requested)) {
    if ((NON_RESOURCE_SCOPES as readonly string[]).includes(raw)) {
      if (ceiling.other.has(raw)) add(raw);
      else refused.push(raw);
      continue;
    }
    const scope = parseResourceScope(raw);
    if (!scope) {
      refused.push(raw);
      continue;
    }
    const parts = narrowOne(scope, ceiling);
    if (parts.length === 1 && parts[0] === raw) add(raw);
    else {
      refused.push(raw);
      parts.forEach(add);
    }
  }
  return { granted, refused };
}

/** The part of one requested resource scope that the ceiling allows, as scope strings (possibly none). */
function narrowOne(scope: ResourceScope, ceiling: ScopeCeiling): string[] {
  const wanted = [...scope.permissions];
  const allowed = (type: string) => allowedPermissions(ceiling, scope.context, type);
  const whole = wanted.filter((p) => allowed(scope.resourceType).has(p));
  if (whole.length === wanted.length) return [scope.raw];
  const out = whole.length > 0 ? [spell(scope, scope.resourceType, whole)] : [];
  if (scope.resourceType === '*') {
    // A wildcard the ceiling cannot grant whole: add, for each type the ceiling names, what that type allows beyond
    // the wildcard part.
    for (const type of new Set(ceiling.resources.map((c) => c.resourceType).filter((t) => t !== '*'))) {
      const extra = wanted.filter((p) => allowed(type).has(p) && !whole.includes(p));
      if (extra.length > 0) out.push(spell(scope, type, extra));
    }
  }
  return out;
}

/**
 * Permissions the ceiling allows for `context/type`. For `type = '*'` (a wildcard request) only what holds for every
 * type: wildcard ceiling entries, minus any permission withdrawn from any type.
 */
function allowedPermissions(ceiling: ScopeCeiling, context: ResourceScope['context'], type: string): Set<Permission> {
  const out = new Set<Permission>();
  for (const c of ceiling.resources) {
    if (c.context !== context) continue;
    if (c.resourceType === '*' || (type !== '*' && c.resourceType === type)) c.permissions.forEach((p) => out.add(p));
  }
  for (const w of ceiling.withdrawn) {
    if (type === '*' || w.resourceType === type) w.permissions.forEach((p) => out.delete(p));
  }
  return out;
}

/**
 * Spell a narrowed scope in the request's dialect when it can be: v1 has only `.read` (r s), `.write` (c u d) and
 * `.*`, so a v1 request narrowed to, say, create alone is answered in v2 letters (this server advertises
 * `permission-v2`) rather than granting more than the ceiling allows.
 */
function spell(scope: ResourceScope, type: string, permissions: readonly Permission[]): string {
  const set = new Set(permissions);
  const prefix = `${scope.context}/${type}`;
  if (scope.version === 1) {
    const read = set.has('r') && set.has('s');
    const write = set.has('c') && set.has('u') && set.has('d');
    if (read && write) return `${prefix}.*`;
    if (read && set.size === 2) return `${prefix}.read`;
    if (write && set.size === 3) return `${prefix}.write`;
  }
  const letters = PERMISSION_ORDER.filter((p) => set.has(p)).join('');
  return `${prefix}.${letters}${scope.query ? `?${scope.query}` : ''}`;
}

/** True when a grant holds at least one FHIR resource scope (without one, a token is useless: `invalid_scope`). */
export function hasResourceScope(granted: readonly string[]): boolean {
  return granted.some((s) => parseResourceScope(s) !== undefined);
}

/** The resource scopes among a granted list that give `permission` on `resourceType`. */
export function scopesAllowing(
  granted: readonly string[],
  resourceType: string,
  permission: Permission,
): ResourceScope[] {
  const result: ResourceScope[] = [];
  for (const raw of granted) {
    const s = parseResourceScope(raw);
    if (s && (s.resourceType === '*' || s.resourceType === resourceType) && s.permissions.has(permission)) {
      result.push(s);
    }
  }
  return result;
}
