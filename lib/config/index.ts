export {
  CONFIG_VARIABLES,
  ConfigError,
  DEFAULTS,
  DEFAULT_SCOPES,
  WRITEBACK_PROFILES,
  loadConfig,
  parseConfig,
  toClientConfig,
  type AppConfig,
  type ClientConfig,
  type ConfigProblem,
  type ConfigVariable,
  type WritebackProfile,
} from './config';
export { isAllowedIssuer, normaliseIssuer, originsOf } from './issuers';
export { buildCsp, makeNonce, securityHeaders } from './csp';
