/**
 * Time units, named once. Every layer measures ages and windows in these (engine staleness, mapping
 * plausibility, persona clocks), so a literal `86_400_000` never has to be trusted at a glance.
 */
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
