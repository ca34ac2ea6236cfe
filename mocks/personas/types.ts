/**
 * A named synthetic patient. Resources are built relative to an injected clock so that "3 weeks ago"
 * stays 3 weeks ago whenever the tests run; nothing reads the real clock.
 */
import type { Bundle } from 'fhir/r4';
import type { ConditionId, RedFlagId } from '../../lib/engine/assessment';
import type { FormAnswers } from '../../lib/form/schema';

export interface Persona {
  /** Stable kebab-case id; also the Patient.id in the sandbox. */
  readonly id: string;
  /** Display name, as the launcher shows it. */
  readonly name: string;
  /** One-line story for the sandbox launcher. */
  readonly story: string;
  /** Which branch of the differential (or edge case) it exercises. */
  readonly covers: readonly (ConditionId | RedFlagId | 'edge-case' | 'synthea')[];
  /** A FHIR Bundle (collection or transaction) holding the Patient and the chart, dated relative to `now`. */
  build(now: Date): Bundle;
  /** The clinician's answers for this story (what a clinician would record at the bedside). */
  readonly form: FormAnswers;
  /** What a clinician would expect the engine to say; checked by the clinical persona tests. */
  readonly expect?: {
    readonly top?: ConditionId;
    readonly redFlags?: readonly RedFlagId[];
    readonly absentRedFlags?: readonly RedFlagId[];
  };
}
