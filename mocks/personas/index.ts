/**
 * The named synthetic personas: one per branch of the differential, one per red flag, and the edge cases a
 * real chart throws at the mappers. Used by the clinical tests, the CLI (`--persona`), the benchmark and the
 * sandbox launcher.
 *
 * This module must stay free of Node-only imports: the sandbox and browser-side code import it. Loading the
 * Synthea fixtures from disk lives in `./synthea` for that reason.
 */
import { DIFFERENTIAL_PERSONAS } from './differential';
import { EDGE_CASE_PERSONAS } from './edge-cases';
import { RED_FLAG_PERSONAS } from './red-flags';
import type { Persona } from './types';

export type { Persona } from './types';
export { CLINICIANS } from './fhir';
export { ABI_BOUNDARIES, EDGE_REFS, LOCAL_ABI_CODING } from './edge-cases';

/** Every persona, differential first, then red flags, then edge cases (the launcher's order). */
export const personas: readonly Persona[] = [...DIFFERENTIAL_PERSONAS, ...RED_FLAG_PERSONAS, ...EDGE_CASE_PERSONAS];

/** The persona with this id, or `undefined`. */
export function getPersona(id: string): Persona | undefined {
  return personas.find((p) => p.id === id);
}

/** A Synthea R4 transaction Bundle shipped in `mocks/fixtures/synthea/` (unmodified public sample data). */
export interface SyntheaFixture {
  /** Stable id (kebab-case). The Bundle's own Patient id is a UUID. */
  readonly id: string;
  readonly name: string;
  readonly story: string;
  /** Path relative to the repository root. */
  readonly file: string;
}

export const synthea: readonly SyntheaFixture[] = [
  {
    id: 'synthea-renato-dare',
    name: 'Renato Dare',
    story: 'Synthea sandbox patient: type 2 diabetes with diabetic neuropathy and anaemia; 118 Observations, no ABI.',
    file: 'mocks/fixtures/synthea/Renato_Dare_f07e9b1d-9cc7-465e-8abc-94e84793d1fb.json',
  },
  {
    id: 'synthea-vito-feeney',
    name: 'Vito Feeney',
    story:
      'Synthea sandbox patient with a heavy chart: 869 Observations, diabetes, CKD, prostate cancer; the benchmark chart.',
    file: 'mocks/fixtures/synthea/Vito_Feeney_63dd4423-56ec-4f40-9dd6-82bc133aaddc.json',
  },
  {
    id: 'synthea-clemente-kreiger',
    name: 'Clemente Kreiger',
    story: 'Synthea sandbox patient: a young adult with almost nothing on file (obesity only).',
    file: 'mocks/fixtures/synthea/Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json',
  },
];
