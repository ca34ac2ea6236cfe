/**
 * The developer diagnostics record as a hook (the UI shows it in a drawer in development). No PHI: see
 * lib/fhir/diagnostics.ts.
 */
import { useSyncExternalStore } from 'react';
import { diagnostics, type DiagnosticsRecord } from '../fhir/diagnostics';

export type { DiagnosticsRecord };

/** What the developer drawer shows of a record (tests and the drawer need no id or start time). */
export type DiagnosticsLine = Omit<DiagnosticsRecord, 'id' | 'startedAt'>;

const EMPTY: readonly DiagnosticsRecord[] = [];

export function useFhirDiagnostics(): readonly DiagnosticsRecord[] {
  return useSyncExternalStore(diagnostics.subscribe, diagnostics.snapshot, () => EMPTY);
}

export function clearFhirDiagnostics(): void {
  diagnostics.clear();
}
