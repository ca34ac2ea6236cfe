/**
 * The clinical case library's vocabulary.
 *
 * Why a case library beside the personas: a persona is a demo patient with one story; a case is a graded
 * expectation written from a guideline, naming exactly which red flags must fire (with their urgency) and which
 * must not, so a missed or a false emergency is a failing test. Cases are written from the guideline text first;
 * the engine is then changed until they pass, never the other way round.
 */
import type { ConditionId, RedFlagId, Urgency, WorkupPriority } from '@/lib/engine/assessment';
import type { ChartFacts } from '@/lib/engine/facts';
import type { FormAnswers } from '@/lib/form/schema';

export const CASE_AREAS = ['vascular', 'spine', 'vte', 'rls', 'cramps-and-mimics', 'infection', 'data'] as const;
export type CaseArea = (typeof CASE_AREAS)[number];

/** Where a case's chart comes from: facts written directly, or a persona's FHIR Bundle through the real mappers. */
export type CaseChart = { readonly facts: (now: Date) => ChartFacts } | { readonly persona: string };

export interface CaseExpectation {
  /**
   * The condition that must rank first; a list when the guideline accepts either (e.g. cellulitis vs DVT before
   * imaging); `'no-single-top'` when the data cannot name one (the top is tied or only "unlikely").
   */
  readonly top: ConditionId | readonly ConditionId[] | 'no-single-top';
  /** The exact red-flag set with urgency: a flag not listed here must not fire. */
  readonly redFlags: Partial<Record<RedFlagId, Urgency>>;
  readonly workup?: {
    /** Must be planned (ordered, or shown as already on file). */
    readonly must?: readonly string[];
    /** Must not be ordered (absent, or present only as "already on file"). */
    readonly mustNot?: readonly string[];
    /** If planned, its priority must not be "now". */
    readonly notNow?: readonly string[];
    /** Exact priority of a planned item. */
    readonly priority?: Readonly<Record<string, WorkupPriority>>;
  };
  /** Form paths the engine must ask about (missing data). */
  readonly asks?: readonly string[];
  /** Answers the chart must pre-fill (path → value), shown as "from chart". */
  readonly chartAnswers?: Readonly<Record<string, boolean | string>>;
  /** The DVT pathway outcome: excluded by Wells ≤ 1 + negative D-dimer, or not. */
  readonly dvt?: 'excluded' | 'not-excluded';
  /** Patterns that must not appear in the advice, or in any evidence label. */
  readonly adviceMustNot?: RegExp;
  readonly evidenceMustNot?: RegExp;
}

export interface ClinicalCase {
  /** Stable kebab-case id. */
  readonly id: string;
  readonly area: CaseArea;
  /** One line: the patient and the point of the case. */
  readonly story: string;
  /** The guideline (and where relevant the issue item) the expectation is written from. */
  readonly source: string;
  readonly chart: CaseChart;
  readonly form: FormAnswers;
  readonly expect: CaseExpectation;
}
