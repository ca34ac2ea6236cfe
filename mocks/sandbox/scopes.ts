/**
 * SMART scopes, v1 (`patient/Observation.read`) and v2 (`patient/Observation.rs?category=laboratory`).
 *
 * Why both: Epic and the public SMART sandbox still hand out v1 scopes, newer servers v2; the app asks in one dialect
 * and must cope with a grant in either. The sandbox grants what was asked (minus denied write, a fault switch), so
 * what the app receives is exactly what it requested unless a test says otherwise.
 */

/** The five SMART v2 permissions: create, read, update, delete, search. */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceScope {
  readonly raw: string;
  readonly context: 'patient' | 'user' | 'system';
  /** A resource type or `*`. */
  readonly resourceType: string;
  readonly permissions: ReadonlySet<Permission>;
  /** v2 query constraint (`category=laboratory`), if any. */
  readonly query?: string;
  readonly version: 1 | 2;
}

const SCOPE_RE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(?:\?(.+))?$/;
const V2_ORDER: readonly Permission[] = ['c', 'r', 'u', 'd', 's'];

/** Parse one resource scope; `undefined` if it is not a resource scope or is malformed. */
export function parseResourceScope(raw: string): ResourceScope | undefined {
  const m = SCOPE_RE.exec(raw);
  if (!m) return undefined;
  const [, context, resourceType, action, query] = m as unknown as [
    string,
    ResourceScope['context'],
    string,
    string,
    string?,
  ];
  let permissions: Set<Permission>;
  let version: 1 | 2;
  if (action === 'read') {
    permissions = new Set(['r', 's']);
    version = 1;
  } else if (action === 'write') {
    permissions = new Set(['c', 'u', 'd']);
    version = 1;
  } else if (action === '*') {
    permissions = new Set(V2_ORDER);
    version = 1;
  } else {
    // v2: letters in the order c r u d s, each at most once.
    let last = -1;
    permissions = new Set();
    for (const ch of action) {
      const i = V2_ORDER.indexOf(ch as Permission);
      if (i <= last) return undefined;
      last = i;
      permissions.add(ch as Permission);
    }
    if (permissions.size === 0) return undefined;
    version = 2;
  }
  if (query !== undefined && version === 1) return undefined;
  return { raw, context, resourceType, permissions, version, ...(query ? { query } : {}) };
}

/** Launch/identity scopes this server understands (everything else that is not a resource scope is dropped). */
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

export interface GrantOptions {
  /** Fault switch: no create/update/delete for DocumentReference. */
  readonly denyWrite?: boolean | undefined;
  /** Resource type the write denial applies to (default DocumentReference). */
  readonly denyWriteType?: string;
}

/**
 * The granted scope list for a requested one: known scopes as asked, unknown ones dropped, and when `denyWrite` is set
 * the write permissions removed from scopes that would cover DocumentReference (v2 letters or v1 `.write`/`.*`).
 */
export function grantScopes(requested: string, options: GrantOptions = {}): string[] {
  const denied = options.denyWriteType ?? 'DocumentReference';
  const out: string[] = [];
  for (const raw of requested.split(/\s+/).filter(Boolean)) {
    if ((NON_RESOURCE_SCOPES as readonly string[]).includes(raw)) {
      out.push(raw);
      continue;
    }
    const scope = parseResourceScope(raw);
    if (!scope) continue;
    if (!options.denyWrite || (scope.resourceType !== denied && scope.resourceType !== '*')) {
      out.push(raw);
      continue;
    }
    const kept = V2_ORDER.filter((p) => scope.permissions.has(p) && (p === 'r' || p === 's'));
    if (kept.length === 0) continue;
    const prefix = `${scope.context}/${scope.resourceType}`;
    const narrowed =
      scope.version === 1 ? `${prefix}.read` : `${prefix}.${kept.join('')}${scope.query ? `?${scope.query}` : ''}`;
    if (!out.includes(narrowed)) out.push(narrowed);
  }
  return out;
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
