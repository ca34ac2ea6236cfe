/**
 * `npm run bench [-- --only <id>[,<id>…]] [-- --json]`: performance figures against their goals.
 * Always exits 0: benchmarks report, they do not gate (see scripts/lib/bench-harness.ts).
 *
 * To add a benchmark, write a `Benchmark` (id, label, goal, run) and append it to `BENCHMARKS`.
 */
import { formatReport, runBenchmarks, type Benchmark } from './lib/bench-harness';
import { assessThroughput, syntheaMapAssess } from './lib/bench-clinical';
import { LAUNCH_BENCHMARKS } from './bench-launch';
import { BUNDLE_BENCHMARKS } from './bench-bundle';

export const BENCHMARKS: readonly Benchmark[] = [
  assessThroughput,
  syntheaMapAssess,
  ...LAUNCH_BENCHMARKS,
  ...BUNDLE_BENCHMARKS,
];

async function main(argv: readonly string[]): Promise<void> {
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex === -1 ? undefined : (argv[onlyIndex + 1] ?? '').split(',').filter(Boolean);
  const unknown = only?.filter((id) => !BENCHMARKS.some((b) => b.id === id)) ?? [];
  if (unknown.length) {
    console.error(`bench: unknown benchmark ${unknown.join(', ')} (known: ${BENCHMARKS.map((b) => b.id).join(', ')})`);
  }
  const selected = only ? BENCHMARKS.filter((b) => only.includes(b.id)) : BENCHMARKS;
  const outcomes = await runBenchmarks(selected);
  if (argv.includes('--json')) console.log(JSON.stringify(outcomes, null, 2));
  else process.stdout.write(formatReport(outcomes));
}

void main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
});
