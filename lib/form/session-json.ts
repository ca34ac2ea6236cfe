/**
 * The sessionStorage plumbing shared by the form draft (`./draft.ts`) and the note draft (`lib/ui/note/note-draft.ts`).
 *
 * Why one place: both drafts must follow the same storage rules — sessionStorage only (survives a reload in this tab,
 * never another tab), keys scoped by server + patient + encounter so one patient's data can never pre-fill another's,
 * and never throw (iframe sandboxes may deny storage; quotas may be full). Keeping the rules here stops the two copies
 * from drifting apart.
 */

/** Whose data a key belongs to (structurally the form draft's `DraftScope`). */
export interface StorageScope {
  readonly serverUrl: string;
  readonly patientId: string;
  readonly encounterId?: string | null;
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

/**
 * Stores `value` as JSON under the scoped key. Returns false when storage is unavailable or full (callers keep
 * working in memory). The key is built inside the guard so even an unencodable scope cannot throw.
 */
export function writeScopedJson(prefix: string, scope: StorageScope, value: unknown): boolean {
  const store = sessionStore();
  if (!store) return false;
  try {
    store.setItem(scopedKey(prefix, scope), JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
