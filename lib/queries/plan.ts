/**
 * What the app searches per chart section: the mappings' search plan (value-set codes, recent-event windows)
 * reshaped into lib/fhir's per-section plan. The mappings decide *what*; lib/fhir decides *how* (paging,
 * caps, parallelism).
 */
import { buildSearchPlan, type LocalCodeConfig } from '@/fhir-mappings';
import type { ChartPlan, SectionSearch } from '../fhir/chart';

type Searchable = keyof ChartPlan;

export function chartPlanFor(options: { localCodes?: LocalCodeConfig; now: Date }): ChartPlan {
  const plan = buildSearchPlan({ ...(options.localCodes ? { localCodes: options.localCodes } : {}), now: options.now });
  const out: Partial<Record<Searchable, SectionSearch[]>> = {};
  for (const request of plan.requests) {
    (out[request.resourceType] ??= []).push({ params: { ...request.params, _count: '100' } });
  }
  return out;
}
