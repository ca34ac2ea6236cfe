/**
 * lib/fhir: the only code that touches fhirclient or the network. Everything above it (lib/queries, the UI)
 * gets plain data, typed errors and typed session states.
 */
export { CHART_SECTIONS, parseSessionState } from './session';
export type { SessionCapabilities, SessionState, SmartSession } from './session';
export { FhirRequestError, isFhirRequestError, parseOperationOutcome, redactUrl } from './errors';
export type { FhirErrorKind } from './errors';
export { fhirGetJson, resolveFhirUrl } from './http';
export type { FhirContext } from './http';
export { DEFAULT_LIMITS, searchAll, searchPath } from './search';
export type { SearchLimits, SearchResult } from './search';
export { fetchSection } from './chart';
export type { ChartPlan, SectionData, SectionSearch } from './chart';
export { diagnostics, describeRequest } from './diagnostics';
export type { DiagnosticsRecord } from './diagnostics';
export { parseGrantedScopes, scopesForLaunch, scopeVersionFor, splitScopes, toV1Scopes } from './scopes';
export type { ScopeCapabilities, ScopeVersion } from './scopes';
export { checkIssuer } from './launch-check';
export type { LaunchRefusal } from './launch-check';
export { forgetSession, readSession, smartClient, smartFhirContext } from './smart';
export { smartAuthorize, smartCompleteRedirect } from './smart-boot';
export type { AuthorizeArgs, AuthorizeFailure, RedirectOutcome } from './smart-boot';
