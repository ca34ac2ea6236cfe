/**
 * The clinical engine's public surface. Pure: facts + form + injected clock → Assessment.
 */
export { assess, DISCLAIMER, TIE_BREAK_ORDER, type AssessOptions } from './assess';
export { describe, describeAll, describeRedFlag } from './describe';
export { RULES, type Rule } from './rules';
export { RED_FLAG_RULES, type RedFlagRule } from './red-flags';
export { abiBand } from './vascular';
export { computeWells } from './wells';
export { computeIrlssg } from './irlssg';
export { ENGINE_VERSION, STALENESS_DAYS, LIKELIHOOD_CUTOFFS } from './thresholds';
export * from './assessment';
export * from './facts';
