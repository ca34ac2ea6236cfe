/**
 * The one storage accessor: this tab's sessionStorage, for the form draft (`./draft.ts`), the note draft and the
 * local "already saved" record of a filed note (`lib/queries/note-draft.ts`, `lib/queries/saved-notes.ts`).
 *
 * Why one place: everything the app keeps between reloads must follow the same rules — sessionStorage only (survives
 * a reload in this tab, never another tab, never the next user of a shared workstation), keys scoped by server +
 * patient + encounter so one patient's data can never pre-fill another's, JSON that is validated by its reader, and
 * never a throw (iframe sandboxes may deny storage; quotas may be full). Three copies of these rules had started to
 * drift apart (issue 8).
 *
 * Every function takes the `Storage` to use as its last argument, defaulting to this tab's sessionStorage; tests
 * pass their own.
 */

/** Whose data a key belongs to: the launch's server, patient and encounter. */
export interface StorageScope {
  readonly serverUrl: string;
  readonly patientId: string;
  readonly encounterId?: string | null | undefined;
}

/** The key for a prefix and scope; encoded so no part can spill into another. */
export function scopedKey(prefix: string, scope: StorageScope): string {
  return `${prefix}${encodeURIComponent(scope.serverUrl)}|${encodeURIComponent(scope.patientId)}|${encodeURIComponent(
    scope.encounterId ?? '-',
  )}`;
}

/** This tab's sessionStorage, or null when there is none or access is denied. */
export function sessionStore(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    // Some iframe sandboxes deny storage access outright: work without a draft rather than crash.
    return null;
  }
}

/** What is stored under a key: nothing, JSON (for the caller to validate), or something that is not JSON. */
export type StoredJson =
  | { readonly status: 'absent' }
  | { readonly status: 'present'; readonly value: unknown }
  | { readonly status: 'unreadable' };

/** Reads and parses the JSON under `key`. Never throws. */
export function readJson(key: string, store: Storage | null = sessionStore()): StoredJson {
  if (!store) return { status: 'absent' };
  let raw: string | null;
  try {
    raw = store.getItem(key);
  } catch {
    return { status: 'absent' };
  }
  if (raw === null) return { status: 'absent' };
  try {
    return { status: 'present', value: JSON.parse(raw) as unknown };
  } catch {
    return { status: 'unreadable' };
  }
}

/** Stores `value` as JSON. Returns false when storage is unavailable or full (callers keep working in memory). */
export function writeJson(key: string, value: unknown, store: Storage | null = sessionStore()): boolean {
  if (!store) return false;
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Removes a key; silently does nothing when storage is unavailable. */
export function removeKey(key: string, store: Storage | null = sessionStore()): void {
  try {
    store?.removeItem(key);
  } catch {
    // ignore: nothing more can be done, and every reader treats a stale key as data to validate
  }
}

/** Whether any key starts with `prefix`. */
export function hasKeyWithPrefix(prefix: string, store: Storage | null = sessionStore()): boolean {
  if (!store) return false;
  try {
    for (let i = 0; i < store.length; i += 1) if (store.key(i)?.startsWith(prefix)) return true;
  } catch {
    return false;
  }
  return false;
}

/**
 * Stores `value` as JSON under the scoped key. The key is built inside the guard so even an unencodable scope
 * (a lone surrogate) cannot throw.
 */
export function writeScopedJson(
  prefix: string,
  scope: StorageScope,
  value: unknown,
  store: Storage | null = sessionStore(),
): boolean {
  try {
    return writeJson(scopedKey(prefix, scope), value, store);
  } catch {
    return false;
  }
}
