/**
 * Reading the chart, one section at a time.
 *
 * Why per section: each section is its own react-query query, so one failing resource type (a 500 on
 * Observation, a scope the EHR did not grant) fails only that section — the others still load — and the
 * failed one can be retried alone. Within a section, the plan's searches run in parallel: a launch costs one
 * round trip of data requests, not a waterfall.
 */
import type { DataProblem } from '../core/problem';
import type { RecordType } from '../core/records';
import { fhirGetJson, type FhirContext } from './http';
import { FhirRequestError } from './errors';
import { searchAll, type SearchLimits } from './search';

/** One search within a section; `patient=<id>` is added by the data layer. */
export interface SectionSearch {
  readonly params: Readonly<Record<string, string | readonly string[]>>;
  /** Per-search limits (e.g. a small cap for "recent encounters"). */
  readonly limits?: SearchLimits;
}

/** What to search per section (Patient is always a read of the launch patient). */
export type ChartPlan = Readonly<Partial<Record<Exclude<RecordType, 'Patient'>, readonly SectionSearch[]>>>;

export interface SectionData {
  readonly section: RecordType;
  readonly resources: readonly unknown[];
  /** Malformed entries skipped, truncation. Reported, never fatal. */
  readonly issues: readonly DataProblem[];
  readonly truncated: boolean;
  readonly requests: number;
}

/** A section with no plan entry is searched by patient alone (capped), so it is never silently skipped. */
const UNFILTERED: readonly SectionSearch[] = [{ params: {} }];

/** Reads one section for the launch patient. Throws {@link FhirRequestError} when any of its requests fails. */
export async function fetchSection(
  ctx: FhirContext,
  section: RecordType,
  patientId: string,
  plan: ChartPlan,
  options: { signal?: AbortSignal; limits?: SearchLimits } = {},
): Promise<SectionData> {
  const signal = options.signal ? { signal: options.signal } : {};
  if (section === 'Patient') {
    const patient = await fhirGetJson(ctx, `Patient/${encodeURIComponent(patientId)}`, signal);
    if (!patient || typeof patient !== 'object' || (patient as { resourceType?: unknown }).resourceType !== 'Patient') {
      throw new FhirRequestError({
        kind: 'malformed',
        status: 200,
        url: `${ctx.serverUrl}/Patient`,
        detail: 'the patient read did not return a Patient',
      });
    }
    return { section, resources: [patient], issues: [], truncated: false, requests: 1 };
  }
  const searches = plan[section] ?? UNFILTERED;
  const results = await Promise.all(
    searches.map((s) =>
      searchAll(ctx, section, { ...s.params, patient: patientId }, { ...options.limits, ...s.limits, ...signal }),
    ),
  );
  return {
    section,
    // Overlapping searches return some records twice: the chart reader de-duplicates them (one place for all).
    resources: results.flatMap((r) => r.resources),
    issues: results.flatMap((r) => r.issues),
    truncated: results.some((r) => r.truncated),
    requests: results.reduce((n, r) => n + r.pages, 0),
  };
}
