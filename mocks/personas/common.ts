/**
 * The persona shape most stories share: a Patient, the treating clinician and today's ambulatory encounter, then
 * the story's own chart entries.
 *
 * Why a helper: the persona id is also the Patient id, and every such persona used to repeat it and the same
 * `standardChart(...)…bundle()` frame. With `chartPersona` each persona states only what is specific to its story.
 */
import type { ChartBuilder, Clinician, PatientSpec } from './fhir';
import { standardChart } from './fhir';
import type { Persona } from './types';

export interface ChartPersonaSpec extends Omit<Persona, 'build'> {
  readonly patient: PatientSpec;
  readonly clinician: Clinician;
  /** Today's encounter reason, as the EHR shows it. */
  readonly reason: string;
  /** Adds the story's chart entries after the Patient, clinician and encounter; `now` is the injected clock. */
  readonly chart: (chart: ChartBuilder, now: Date) => ChartBuilder;
}

/** A persona whose chart starts with {@link standardChart}; the returned object has only the Persona fields. */
export function chartPersona(spec: ChartPersonaSpec): Persona {
  const { patient, clinician, reason, chart, ...persona } = spec;
  return {
    ...persona,
    build: (now) => chart(standardChart(now, spec.id, patient, clinician, reason), now).bundle(),
  };
}
