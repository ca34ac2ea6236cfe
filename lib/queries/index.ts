/**
 * Data hooks: react-query option factories + hooks (query + pure selector). The UI imports from here.
 *
 * The note's hook (`./use-note`) is deliberately not re-exported: it carries the note renderer and the FHIR resource
 * builders, which the workspace loads only with the note panel (a dynamic import), not in the page's first load.
 */
export { makeQueryClient, shouldRetry } from './query-client';
export { queryKeys, belongsToAnotherLaunch } from './keys';
export {
  sessionQueryOptions,
  useSmartSession,
  markSessionExpired,
  clearForNewLaunch,
  clearOtherLaunches,
} from './session';
export { chartSectionQueryOptions, selectChartSections, useChartSections } from './chart';
export type { ChartSectionState, ChartSectionsView, ChartSectionDeps } from './chart';
export { selectChartFacts, useChartFacts } from './facts';
export type { ChartFactsView } from './facts';
export { chartPlanFor } from './plan';
export { useFhirDiagnostics, clearFhirDiagnostics } from './diagnostics';
export { useClientConfig } from '../config/context';
