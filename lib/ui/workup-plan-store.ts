/**
 * Which suggested workup items the clinician ticked to order, kept for this tab like the form draft.
 *
 * Why its own small module: the ticks must survive a reload (sessionStorage, scoped by server + patient + encounter
 * through the shared helper in `lib/form/session-json.ts`, so one patient's plan never shows for another), and must
 * never throw (iframe sandboxes deny storage; quotas fill). Stored as workup item ids; anything unreadable is
 * ignored, never partially applied.
 */
import { scopedKey, sessionStore, writeScopedJson, type StorageScope } from '../form/session-json';

const PREFIX = 'nocturne:workup-plan:';
const MAX_ITEMS = 200;
const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The ticked item ids for a scope; empty when there are none or they cannot be read. */
export function loadPlannedWorkup(scope: StorageScope): readonly string[] {
  const store = sessionStore();
  if (!store) return [];
  try {
    const raw = store.getItem(scopedKey(PREFIX, scope));
    if (raw === null) return [];
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value) || value.length > MAX_ITEMS) return [];
    return value.every((v) => typeof v === 'string' && ID.test(v)) ? (value as string[]) : [];
  } catch {
    return [];
  }
}

/** Stores the ticked ids; false when storage is unavailable or full (the ticks then live only in memory). */
export function savePlannedWorkup(scope: StorageScope, ids: readonly string[]): boolean {
  return writeScopedJson(PREFIX, scope, ids);
}
