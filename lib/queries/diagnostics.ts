/**
 * The developer diagnostics record as a hook (the UI shows it in a drawer in development). No PHI: see
 * lib/fhir/diagnostics.ts.
 */
import { useSyncExternalStore } from 'react';
import { diagnostics, type DiagnosticsRecord } from '../fhir/diagnostics';

const EMPTY: readonly DiagnosticsRecord[] = [];

export function useFhirDiagnostics(): readonly DiagnosticsRecord[] {
  return useSyncExternalStore(diagnostics.subscribe, diagnostics.snapshot, () => EMPTY);
}

export function clearFhirDiagnostics(): void {
  diagnostics.clear();
}
