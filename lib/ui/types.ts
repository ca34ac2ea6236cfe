/**
 * Types the presentational components take: the data layer's per-section state (plain objects, so components are
 * rendered and tested without the hooks) and the patient as the banner shows it.
 */
import type { ChartSection } from '../engine/facts';
import type { ChartSectionState } from '../queries/chart';

/** One section's state: the data layer's own shape (`lib/queries/chart.ts`), not a copy of it. */
export type SectionStatus = ChartSectionState;

export type SectionStates = Partial<Readonly<Record<ChartSection, SectionStatus>>>;

/** The state of one section; a section the page does not report is treated as loaded. */
export function sectionStatus(states: SectionStates, section: ChartSection): SectionStatus {
  return states[section] ?? { status: 'ready' };
}

/** The patient as the banner shows it (the mappings' `patient` output, reduced to what is displayed). */
export interface PatientSummary {
  readonly name: string;
  readonly birthDate?: string | undefined;
  readonly sex?: 'male' | 'female' | 'other' | 'unknown' | undefined;
  /** Medical record number or similar identifier, when the chart has one. */
  readonly identifier?: string | undefined;
  /** Recorded as deceased (date when known): the banner says so, because an age is then meaningless. */
  readonly deceased?: { readonly date?: string } | undefined;
}
