/**
 * The chart as domain facts: the per-section data mapped by `mapChart`, with the sections that failed passed
 * as `unavailable` (so the engine treats their concepts as unknown) and the IO layer's own issues (skipped
 * entries, truncated searches) added to the data issues the UI lists.
 */
import { useMemo, useState } from 'react';
import { mapChart, parseLocalCodes, type LocalCodeConfig, type MapChartResult } from '@/fhir-mappings';
import type { ChartFacts, ChartSection, DataIssue } from '../engine/facts';
import type { FhirContext } from '../fhir/http';
import type { SmartSession } from '../fhir/session';
import { useChartSections, type ChartSectionsView } from './chart';
import { chartPlanFor } from './plan';

export interface ChartFactsView {
  /** Undefined until every section has settled (loaded or failed). */
  readonly facts?: ChartFacts;
  readonly patient?: MapChartResult['patient'];
  readonly loading: boolean;
  readonly sections: ChartSectionsView['sections'];
  readonly unavailable: readonly ChartSection[];
}

/** Pure selector: section results → facts + patient header. */
export function selectChartFacts(
  view: Pick<ChartSectionsView, 'resources' | 'unavailable' | 'issues'>,
  options: { localCodes?: LocalCodeConfig; now: Date },
): MapChartResult {
  const mapped = mapChart(
    { resources: [...view.resources], unavailable: [...view.unavailable] },
    { now: options.now, ...(options.localCodes ? { localCodes: options.localCodes } : {}) },
  );
  const ioIssues: DataIssue[] = [...view.issues];
  return ioIssues.length
    ? { ...mapped, facts: { ...mapped.facts, dataIssues: [...ioIssues, ...mapped.facts.dataIssues] } }
    : mapped;
}

export interface UseChartFactsOptions {
  /**
   * The site's `NOCTURNE_LOCAL_CODES` as configured (plain JSON, already validated when the server started).
   * Parsed here rather than by the page because reading value sets is the mappings' job, which only hooks join.
   */
  readonly siteCodes?: unknown;
  readonly now?: Date;
  readonly context?: () => Promise<FhirContext>;
}

export function useChartFacts(session: SmartSession | undefined, options: UseChartFactsOptions = {}): ChartFactsView {
  // One clock per mount: "recent" windows and the search plan must not shift between renders.
  const [now] = useState(() => options.now ?? new Date());
  const { siteCodes } = options;
  const localCodes = useMemo(() => {
    const parsed = parseLocalCodes(siteCodes);
    return parsed.ok ? parsed.config : undefined;
  }, [siteCodes]);
  const plan = useMemo(() => chartPlanFor({ now, ...(localCodes ? { localCodes } : {}) }), [now, localCodes]);
  const view = useChartSections(session, { plan, ...(options.context ? { context: options.context } : {}) });
  const mapped = useMemo(
    () => (view.loading ? undefined : selectChartFacts(view, { now, ...(localCodes ? { localCodes } : {}) })),
    [view, now, localCodes],
  );
  return {
    ...(mapped ? { facts: mapped.facts, patient: mapped.patient } : {}),
    loading: view.loading,
    sections: view.sections,
    unavailable: view.unavailable,
  };
}
