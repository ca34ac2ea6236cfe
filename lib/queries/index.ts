/**
 * Data hooks: react-query option factories + hooks (query + pure selector). The UI imports from here.
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
