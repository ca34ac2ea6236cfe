/**
 * Patient banner: who this is, in one line, with the page's heading (the patient's name). Hidden when the EHR says it
 * shows its own (`need_patient_banner: false`), as SMART asks, to save vertical space in the iframe.
 *
 * Why no server address here: the clinician needs to know whose chart this is, not which FHIR endpoint served it
 * (that is in the print view's footer and one click away in every record's provenance).
 */
import { ageInYears, formatDate } from '../engine/format';
import { SEX_WORDS } from './labels';
import type { PatientSummary } from './types';

export function PatientBanner({ patient, now }: { patient: PatientSummary | undefined; now: Date }) {
  const deceased = patient?.deceased;
  const age = deceased ? undefined : ageInYears(patient?.birthDate, now);
  return (
    <header className="patient-banner" aria-label="Patient">
      <h1 className="patient-name">{patient?.name ?? 'Patient name not available'}</h1>
      <dl className="patient-facts">
        <div>
          <dt>Age</dt>
          <dd>{deceased ? 'n/a' : age === undefined ? 'unknown' : `${age} y`}</dd>
        </div>
        {deceased ? (
          <div className="patient-deceased" role="status">
            <dt>Status</dt>
            <dd>
              <strong>Recorded as deceased{deceased.date ? ` (${formatDate(deceased.date)})` : ''}</strong>: check this
              is the right chart
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Sex</dt>
          <dd>{patient?.sex ? SEX_WORDS[patient.sex] : 'unknown'}</dd>
        </div>
        {patient?.birthDate ? (
          <div>
            <dt>Born</dt>
            <dd>{formatDate(patient.birthDate)}</dd>
          </div>
        ) : null}
        {patient?.identifier ? (
          <div>
            <dt>ID</dt>
            <dd>{patient.identifier}</dd>
          </div>
        ) : null}
      </dl>
    </header>
  );
}
