/**
 * UI-side view of the data layer's per-section state. The page adapts the query hooks into this shape so the
 * presentational components can be rendered (and tested) from plain objects.
 */
import type { ChartSection } from '../engine/facts';

export type SectionStatus =
  | { readonly status: 'loading' }
  | { readonly status: 'ready' }
  | {
      readonly status: 'error';
      /** What went wrong, in words (never a token or a URL with one). */
      readonly message: string;
      /** Absent when retrying cannot help (e.g. a scope that was not granted). */
      readonly retry?: () => void;
    };

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
