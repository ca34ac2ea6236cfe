/**
 * The SMART scope grammar (App Launch 1 and 2): one parser for the app, which reads its grant with it, and the
 * local sandbox EHR, which decides what to grant with it — so the two can never read a scope differently.
 *
 * v1 spells permissions `patient/Observation.read` / `.write` / `.*`; v2 spells them as letters in the fixed order
 * c r u d s (`patient/Observation.rs`), optionally with a query restriction (`?category=laboratory`).
 * Pure vocabulary: no imports.
 */

/** The five SMART v2 permissions, in their canonical order: create, read, update, delete, search. */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

/** One parsed resource scope (`patient/Observation.rs?category=laboratory`, `user/*.read`). */
export interface ResourceScope {
  readonly raw: string;
  readonly context: 'patient' | 'user' | 'system';
  /** A resource type or `*`. */
  readonly resourceType: string;
  /** v1 `.read` = r s, `.write` = c u d, `.*` = all five. */
  readonly permissions: ReadonlySet<Permission>;
  /** v2 query restriction (`category=laboratory`), if any. */
  readonly query?: string;
  readonly version: 1 | 2;
}

/** The v2 permission letters in the only order the grammar allows. */
export const PERMISSION_ORDER: readonly Permission[] = ['c', 'r', 'u', 'd', 's'];

const RESOURCE_SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(?:\?(.+))?$/;

/**
 * Parses one resource scope, v1 or v2; `undefined` when it is not one or is malformed (v2 letters out of order or
 * repeated, a v1 scope with a query). The single SMART scope grammar of the project: the app reads its grant with
 * it and the local sandbox EHR decides what to grant with it, so the two can never disagree about a scope.
 */
export function parseResourceScope(raw: string): ResourceScope | undefined {
  const m = RESOURCE_SCOPE.exec(raw);
  if (!m) return undefined;
  const [, context, resourceType, action, query] = m as unknown as [
    string,
    ResourceScope['context'],
    string,
    string,
    string?,
  ];
  let permissions: Set<Permission>;
  let version: 1 | 2 = 1;
  if (action === 'read') permissions = new Set(['r', 's']);
  else if (action === 'write') permissions = new Set(['c', 'u', 'd']);
  else if (action === '*') permissions = new Set(PERMISSION_ORDER);
  else {
    // v2: letters in the order c r u d s, each at most once.
    let last = -1;
    permissions = new Set();
    for (const ch of action) {
      const i = PERMISSION_ORDER.indexOf(ch as Permission);
      if (i <= last) return undefined;
      last = i;
      permissions.add(ch as Permission);
    }
    version = 2;
  }
  if (query !== undefined && version === 1) return undefined;
  return { raw, context, resourceType, permissions, version, ...(query ? { query } : {}) };
}

/** Splits a space-separated scope string (tolerating commas and repeated whitespace, as some servers send). */
export function splitScopes(scope: string | undefined | null): string[] {
  return (scope ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
