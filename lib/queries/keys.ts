/**
 * Query keys. Every key for patient data starts with `[serverUrl, patientId]`, so data from one launch can
 * never be served for another patient or another EHR, and one predicate removes everything of a launch.
 */
import type { ChartSection } from '../engine/facts';
import type { SmartSession } from '../fhir/session';

type Who = Pick<SmartSession, 'serverUrl' | 'patientId'>;

export const queryKeys = {
  /** The SMART session itself (before we know the server and patient). */
  session: ['nocturne', 'smart-session'] as const,
  patient: (s: Who) => [s.serverUrl, s.patientId] as const,
  section: (s: Who, section: ChartSection) => [s.serverUrl, s.patientId, 'section', section] as const,
};

/** True for a patient-data key that does not belong to this server + patient. */
export function belongsToAnotherLaunch(key: readonly unknown[], s: Who): boolean {
  if (key[0] === queryKeys.session[0]) return false;
  return key[0] !== s.serverUrl || key[1] !== s.patientId;
}
