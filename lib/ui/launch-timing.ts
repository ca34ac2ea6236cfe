/**
 * The launch's milestones as User Timing marks (`nocturne:…`), once per page load.
 *
 * Why: a slow launch inside a hospital's EHR is diagnosed with the browser's own tools. These marks show in the
 * DevTools Performance panel's "Timings" track and in `performance.getEntriesByType('mark')`, so an integrator (and the
 * launch benchmark, scripts/bench-launch.ts) can tell the framework's start-up from the chart reads and from
 * Nocturne's own rendering without a profiler. They carry no patient data: a name and a time.
 */
export type LaunchMilestone =
  /** The page's framework has started and React rendered the route on the client (hydration). */
  | 'framework-ready'
  /** The SMART session is active (code exchanged or resumed). */
  | 'session-ready'
  /** Every chart section has settled and been mapped to facts. */
  | 'chart-ready'
  /** The workspace (patient, decision panel, chart evidence) was committed to the screen. */
  | 'workspace-shown';

const marked = new Set<LaunchMilestone>();

export function markLaunch(milestone: LaunchMilestone): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function' || marked.has(milestone)) return;
  marked.add(milestone);
  performance.mark(`nocturne:${milestone}`);
}
