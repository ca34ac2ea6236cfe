/**
 * Query keys. Every key for patient data starts with `[serverUrl, patientId]`, so data from one launch can
 * never be served for another patient or another EHR, and one predicate removes everything of a launch.
 */
import type { ChartSection } from '../engine/facts';
import type { SectionSearch } from '../fhir/chart';
import type { SmartSession } from '../fhir/session';

type Who = Pick<SmartSession, 'serverUrl' | 'patientId'>;

export const queryKeys = {
  /** The SMART session itself (before we know the server and patient). */
  session: ['nocturne', 'smart-session'] as const,
  patient: (s: Who) => [s.serverUrl, s.patientId] as const,
  /**
   * One chart section. The searches belong in the key: they depend on the clock (recent-event windows) and on the
   * site's local codes, and a different search is different data.
   */
  section: (s: Who, section: ChartSection, searches: readonly SectionSearch[] = []) =>
    [s.serverUrl, s.patientId, 'section', section, searches] as const,
};

/** True for a patient-data key that does not belong to this server + patient. */
export function belongsToAnotherLaunch(key: readonly unknown[], s: Who): boolean {
  if (key[0] === queryKeys.session[0]) return false;
  return key[0] !== s.serverUrl || key[1] !== s.patientId;
}
