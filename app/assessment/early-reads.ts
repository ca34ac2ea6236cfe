/**
 * The chart reads the `/assessment` page starts in its inline script (lib/fhir/smart-boot.ts `smartEarlyReads`),
 * computed on the server from the same search plan the workspace's data layer uses — so the URLs are identical and
 * the data layer is handed the answers instead of asking again. A test keeps the two in step
 * (tests/integration/fhir/early-reads.test.ts); if they ever drift, the early answers are simply not used.
 */
import { parseLocalCodes } from '@/fhir-mappings/local-codes';
import type { AppConfig } from '@/lib/config/config';
import { searchPath } from '@/lib/fhir/search';
import { CHART_SECTIONS } from '@/lib/fhir/session';
import { PATIENT_PLACEHOLDER, type EarlyReadPlan } from '@/lib/fhir/smart-boot';
import { chartPlanFor } from '@/lib/queries/plan';

/** The first page of every chart read for `now` (the assessment clock), with the patient id left as a placeholder. */
export function earlyReadPlan(config: Pick<AppConfig, 'localCodes'>, now: Date): EarlyReadPlan {
  // As the workspace does (app/assessment/active-workspace.tsx): the configured codes, parsed the same way.
  const local = parseLocalCodes(config.localCodes);
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
