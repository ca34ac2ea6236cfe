/**
 * A developer diagnostics record of FHIR requests: which query, how many results, how long, how many pages.
 *
 * Why it exists: to see at a glance that a launch made a handful of parallel requests (no waterfalls) and
 * which one was slow or failed. Why it is safe: labels are built from resource types and parameter *names*
 * only — never patient ids, codes' values, names, tokens or response bodies (no PHI).
 */

export interface DiagnosticsRecord {
  readonly id: number;
  /** e.g. `Observation search (code, patient, _count)`. */
  readonly label: string;
  readonly status: 'pending' | 'ok' | 'error';
  readonly count?: number;
  readonly ms?: number;
  readonly pages?: number;
  /** Error kind and status, e.g. `forbidden (403)`; never a URL with a query or a body. */
  readonly detail?: string;
  readonly startedAt: number;
}

type Listener = () => void;

const MAX_RECORDS = 200;
let records: readonly DiagnosticsRecord[] = [];
let nextId = 1;
const listeners = new Set<Listener>();

function emit() {
  for (const l of listeners) l();
}

export const diagnostics = {
  /** Starts a record; returns a function that completes it. */
  start: (
    label: string,
  ): ((result: { status: 'ok' | 'error'; count?: number; pages?: number; detail?: string }) => void) => {
    const id = nextId++;
    const startedAt = Date.now();
    const t0 = typeof performance !== 'undefined' ? performance.now() : startedAt;
    records = [...records.slice(-(MAX_RECORDS - 1)), { id, label, status: 'pending', startedAt }];
    emit();
    return (result) => {
      const ms = Math.round((typeof performance !== 'undefined' ? performance.now() : Date.now()) - t0);
      records = records.map((r) => (r.id === id ? { ...r, ...result, ms } : r));
      emit();
    };
  },
  snapshot: (): readonly DiagnosticsRecord[] => records,
  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  clear: (): void => {
    records = [];
    emit();
  },
};

/** `Observation?patient=1&code=a,b&_count=100` → `Observation search (code, patient, _count)`. */
export function describeRequest(method: string, path: string): string {
  const [resourcePath = '', query = ''] = path.split('?');
  const segments = resourcePath.split('/').filter(Boolean);
  const type = segments[segments.length - (segments.length >= 2 && /^[A-Z]/.test(segments.at(-2) ?? '') ? 2 : 1)] ?? '';
  const params = [...new URLSearchParams(query).keys()].filter((k, i, a) => a.indexOf(k) === i).sort();
  if (method !== 'GET') return `${method} ${type}`;
  if (segments.length >= 2 && /^[A-Z]/.test(segments.at(-2) ?? '')) return `${type} read`;
  return `${type} search${params.length ? ` (${params.join(', ')})` : ''}`;
}
