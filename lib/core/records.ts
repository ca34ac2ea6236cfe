/**
 * The clinician's words for the kinds of chart record Nocturne reads, one table for every layer: the FHIR IO layer
 * names a skipped search entry with them, the chart reader a malformed record, the UI a section that failed to load.
 *
 * Why here: data issues and section states are shown to clinicians in place, so they must say "results", not
 * "Observation search, page 2, entry 7". A leaf module (imports nothing) so every layer may use it.
 */

/** The FHIR resource types the chart is read from. */
export type RecordType = 'Patient' | 'Condition' | 'Observation' | 'MedicationRequest' | 'Procedure' | 'Encounter';

export interface RecordWords {
  /** One record: "a result". */
  readonly one: string;
  /** The section: "results (observations)". */
  readonly many: string;
}

export const RECORD_WORDS: Readonly<Record<RecordType, RecordWords>> = {
  Patient: { one: 'patient record', many: 'patient details' },
  Condition: { one: 'condition', many: 'conditions' },
  Observation: { one: 'result', many: 'results (observations)' },
  MedicationRequest: { one: 'medication order', many: 'medications' },
  Procedure: { one: 'procedure', many: 'procedures' },
  Encounter: { one: 'encounter', many: 'encounters' },
};

/** Words for any resource type: the table's, else "record" (a type the chart is not read from). */
export function recordWords(resourceType: string): RecordWords {
  return (
    (RECORD_WORDS as Readonly<Record<string, RecordWords | undefined>>)[resourceType] ?? {
      one: 'record',
      many: 'records',
    }
  );
}
