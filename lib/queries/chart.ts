/**
 * The chart, one query per section, and the selector that turns them into per-section states.
 *
 * Why per-section queries: one failing resource type (500, or a scope the EHR did not grant) must not blank
 * the others; each failed section can be retried on its own; sections not granted are never requested (a
 * 403 round trip saved) and are reported as unavailable — so the engine treats their concepts as unknown.
 */
import { queryOptions, skipToken, useQueries, useQueryClient, type QueryObserverResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { RequestProblem } from '../core/problem';
import { RECORD_WORDS } from '../core/records';
import type { ChartSection, DataIssue } from '../engine/facts';
import type { ChartPlan, SectionData, SectionSearch } from '../fhir/chart';
import { fetchSection } from '../fhir/chart';
import { isFhirRequestError } from '../fhir/errors';
import type { FhirContext } from '../fhir/http';
import { CHART_SECTIONS, type SmartSession } from '../fhir/session';
import { smartFhirContext } from '../fhir/smart';
import { queryKeys } from './keys';
import { markSessionExpired } from './session';
import { startDuringRender } from './start-during-render';

export interface ChartSectionDeps {
  /** The FHIR request context (the SMART client's, by default). */
  readonly context: () => Promise<FhirContext>;
  readonly plan: ChartPlan;
}

export function chartSectionQueryOptions(session: SmartSession, section: ChartSection, deps: ChartSectionDeps) {
  const { plan } = deps;
  return queryOptions({
    queryKey: queryKeys.section(session, section, searchesOf(plan, section)),
    queryFn: async ({ signal }): Promise<SectionData> =>
      fetchSection(await deps.context(), section, session.patientId, plan, { signal }),
  });
}

function searchesOf(plan: ChartPlan, section: ChartSection): readonly SectionSearch[] {
  return section === 'Patient' ? [] : (plan[section] ?? []);
}

/**
 * One section's state — the one shape the data layer, the page and the UI components share (issue 8: there were
 * three). The section's records and IO issues are not here: {@link ChartSectionsView} gathers them for `mapChart`.
 */
export type ChartSectionState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready' }
  | {
      readonly status: 'error';
      /** For the clinician; never a URL with a query or a token. */
      readonly message: string;
      /** The failure in the shared vocabulary, when a request failed (absent for a section the UI built itself). */
      readonly problem?: RequestProblem | undefined;
      /** Present only when retrying can help (server / network errors). */
      readonly retry?: (() => void) | undefined;
    };

export interface ChartSectionsView {
  readonly sections: Readonly<Record<ChartSection, ChartSectionState>>;
  /** True while any section is still loading. */
  readonly loading: boolean;
  /** Sections that failed or were not granted: pass to `mapChart` as `unavailable`. */
  readonly unavailable: readonly ChartSection[];
  /** Resources of every loaded section (for `mapChart`). */
  readonly resources: readonly unknown[];
  /** Skipped entries and truncation notes from the searches. */
  readonly issues: readonly DataIssue[];
}

/** Pure selector: query results (in CHART_SECTIONS order) → per-section states. */
export function selectChartSections(
  session: SmartSession | undefined,
  results: readonly Pick<QueryObserverResult<SectionData>, 'status' | 'data' | 'error' | 'refetch'>[],
): ChartSectionsView {
  const sections = {} as Record<ChartSection, ChartSectionState>;
  const loaded: SectionData[] = [];
  CHART_SECTIONS.forEach((section, i) => {
    const r = results[i];
    if (session && session.capabilities.read[section] === 'none') {
      sections[section] = {
        status: 'error',
        problem: { kind: 'request', code: 'forbidden', message: 'not granted', status: 0, retryable: false },
        message: `The EHR did not grant Nocturne access to ${RECORD_WORDS[section].many}.`,
      };
    } else if (!r || r.status === 'pending') {
      sections[section] = { status: 'loading' };
    } else if (r.status === 'error') {
      const error = r.error ?? new Error('Unknown error');
      const retryable = !isFhirRequestError(error) || error.retryable;
      sections[section] = {
        status: 'error',
        ...(isFhirRequestError(error) ? { problem: error.problem } : {}),
        message: isFhirRequestError(error) ? error.userMessage : 'The request failed.',
        ...(retryable ? { retry: () => void r.refetch() } : {}),
      };
    } else if (r.data) {
      sections[section] = { status: 'ready' };
      loaded.push(r.data);
    } else {
      sections[section] = { status: 'loading' };
    }
  });
  const states = CHART_SECTIONS.map((s) => sections[s]);
  return {
    sections,
    loading: states.some((s) => s.status === 'loading'),
    unavailable: CHART_SECTIONS.filter((s) => sections[s].status === 'error'),
    resources: loaded.flatMap((d) => d.resources),
    issues: loaded.flatMap((d) => d.issues),
  };
}

/** Per-section chart data for the session (disabled until there is an active session). */
export function useChartSections(
  session: SmartSession | undefined,
  /** `plan` defaults to searching each section by patient alone; useChartFacts passes the mappings' plan. */
  options: { plan?: ChartPlan; context?: () => Promise<FhirContext> } = {},
): ChartSectionsView {
  const queryClient = useQueryClient();
  const plan = options.plan ?? {};
  const context =
    options.context ?? (() => smartFhirContext({ onUnauthorized: () => markSessionExpired(queryClient) }));
  const combine = useCallback(
    (results: QueryObserverResult<SectionData>[]) => selectChartSections(session, results),
    [session],
  );
  return useQueries({
    queries: CHART_SECTIONS.map((section) => {
      // Not granted or no session yet: nothing to fetch (skipToken keeps the query idle under its real key).
      if (!session)
        return queryOptions<SectionData>({ queryKey: ['nocturne', 'no-session', section], queryFn: skipToken });
      const options = chartSectionQueryOptions(session, section, { context, plan });
      if (session.capabilities.read[section] === 'none') return { ...options, queryFn: skipToken };
      startDuringRender(queryClient, options);
      return options;
    }),
    combine,
  });
}
