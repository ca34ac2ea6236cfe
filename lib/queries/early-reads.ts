/**
 * The chart reads the `/assessment` page starts in its inline script (lib/fhir/smart-boot.ts `smartEarlyReads`):
 * the first page of every request `useChartFacts` (./facts.ts) will make, computed on the server from the same search plan —
 * so the URLs are identical and the data layer is handed the answers instead of asking again. A test keeps the two
 * in step (tests/integration/fhir/early-reads.test.ts); if they ever drift, the early answers are simply not used.
 */
import { parseLocalCodes } from '@/fhir-mappings';
import { searchPath } from '../fhir/search';
import { CHART_SECTIONS } from '../fhir/session';
import { PATIENT_PLACEHOLDER, type EarlyReadPlan } from '../fhir/smart-boot';
import { chartPlanFor } from './plan';

/**
 * The first page of every chart read for `now` (the assessment clock) and the site's `NOCTURNE_LOCAL_CODES`, with the
 * patient id left as a placeholder.
 */
export function earlyReadPlan(options: { siteCodes?: unknown }, now: Date): EarlyReadPlan {
  // As useChartFacts does: the configured codes, parsed the same way.
  const local = parseLocalCodes(options.siteCodes);
  const plan = chartPlanFor({ now, ...(local.ok ? { localCodes: local.config } : {}) });
  const reads: { type: string; path: string }[] = [];
  for (const section of CHART_SECTIONS) {
    if (section === 'Patient') {
      reads.push({ type: section, path: `Patient/${PATIENT_PLACEHOLDER}` });
      continue;
    }
    for (const search of plan[section] ?? [{ params: {} }]) {
      reads.push({ type: section, path: searchPath(section, { ...search.params, patient: PATIENT_PLACEHOLDER }) });
    }
  }
  return { at: now.toISOString(), reads };
}
