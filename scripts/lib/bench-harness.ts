/**
 * A tiny benchmark harness for `npm run bench`: a list of named benchmarks, each measured against a goal and
 * printed as one table.
 *
 * Why not timed tests: timings on a shared 2-core machine are noisy, and a flaky red test teaches people to ignore
 * red tests. Benchmarks *report* figures against their goals and always exit 0; regressions are read, not gated.
 * Why a list: other layers add their own benchmarks (launch latency, bundle size) by appending to `BENCHMARKS` in
 * `scripts/bench.ts`, without touching this file.
 */
import { performance } from 'node:perf_hooks';

export interface BenchGoal {
  /** The number to reach, in the measurement's unit. */
  readonly target: number;
  /** `higher`: the value must be ≥ target (throughput); `lower`: ≤ target (latency, size). */
  readonly better: 'higher' | 'lower';
}

export interface BenchMeasurement {
  readonly value: number;
  readonly unit: string;
  /** How it was measured (runs, warm-up, spread), shown under the table. */
  readonly detail?: string;
}

/** A measurement that could not be taken here (missing build, no browser…): reported, not failed. */
export interface BenchSkip {
  readonly skipped: string;
}

export interface Benchmark {
  /** Stable kebab-case id (for `--only`). */
  readonly id: string;
  /** What is measured, in words. */
  readonly label: string;
  readonly goal: BenchGoal;
  readonly run: () => Promise<BenchMeasurement | BenchSkip> | BenchMeasurement | BenchSkip;
}

export type BenchOutcome =
  | {
      readonly id: string;
      readonly label: string;
      readonly goal: BenchGoal;
      readonly status: 'met' | 'missed';
      readonly measurement: BenchMeasurement;
    }
  | {
      readonly id: string;
      readonly label: string;
      readonly goal: BenchGoal;
      readonly status: 'skipped' | 'error';
      readonly reason: string;
    };

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One timed sample: wall-clock and CPU time (user + system, all of this process's threads), in milliseconds. */
export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs `fn` `warmup` times, then `runs` times, and returns each timed run.
 *
 * Why CPU time as well as wall time: the goals are "on one core", and on a shared machine (CI, other jobs) wall time
 * mostly measures the neighbours. CPU time of this process is what the code costs; it slightly overstates it
 * (GC and JIT threads are included), which errs on the safe side.
 */
export function timeRuns(fn: () => unknown, runs: number, warmup: number): Sample[] {
  for (let i = 0; i < warmup; i++) fn();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const wall = performance.now();
    const cpu = cpuMs();
    fn();
    samples.push({ cpuMs: cpuMs() - cpu, wallMs: performance.now() - wall });
  }
  return samples;
}

/** Calls per second, by CPU time and by wall time, of one round. */
export interface Rate {
  readonly perCpuSecond: number;
  readonly perWallSecond: number;
}

/**
 * Calls `fn` in a tight loop until about `cpuBudgetMs` of CPU time is spent, `rounds` times after one warm-up
 * round, and returns each round's rate. Checking the clocks every `batch` calls keeps their cost out of the figure.
 */
export function throughputRounds(fn: () => unknown, rounds: number, cpuBudgetMs: number, batch = 200): Rate[] {
  const loop = (): Rate => {
    let calls = 0;
    const wall = performance.now();
    const cpu = cpuMs();
    let spent = 0;
    do {
      for (let i = 0; i < batch; i++) fn();
      calls += batch;
      spent = cpuMs() - cpu;
    } while (spent < cpuBudgetMs);
    return { perCpuSecond: (calls * 1000) / spent, perWallSecond: (calls * 1000) / (performance.now() - wall) };
  };
  loop();
  return Array.from({ length: rounds }, loop);
}

export function meetsGoal(value: number, goal: BenchGoal): boolean {
  return goal.better === 'higher' ? value >= goal.target : value <= goal.target;
}

export async function runBenchmarks(list: readonly Benchmark[]): Promise<BenchOutcome[]> {
  const outcomes: BenchOutcome[] = [];
  for (const b of list) {
    const base = { id: b.id, label: b.label, goal: b.goal };
    try {
      const result = await b.run();
      if ('skipped' in result) outcomes.push({ ...base, status: 'skipped', reason: result.skipped });
      else outcomes.push({ ...base, status: meetsGoal(result.value, b.goal) ? 'met' : 'missed', measurement: result });
    } catch (error) {
      outcomes.push({ ...base, status: 'error', reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

/** Formats a figure with thousands separators and sensible precision. */
export function formatFigure(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The report table (plain text, fixed-width columns) plus one detail line per benchmark. */
export function formatReport(outcomes: readonly BenchOutcome[]): string {
  const rows = outcomes.map((o) => {
    const goal = `${o.goal.better === 'higher' ? '≥' : '≤'} ${formatFigure(o.goal.target)}`;
    if ('measurement' in o) {
      const unit = o.measurement.unit;
      return [
        o.label,
        `${formatFigure(o.measurement.value)} ${unit}`,
        `${goal} ${unit}`,
        o.status === 'met' ? 'met' : 'MISSED',
      ];
    }
    return [o.label, '—', goal, o.status === 'skipped' ? 'skipped' : 'ERROR'];
  });
  const header = ['benchmark', 'result', 'goal', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ''];
  for (const o of outcomes) {
    const note = 'measurement' in o ? o.measurement.detail : o.reason;
    if (note) out.push(`${o.id}: ${note}`);
  }
  return `${out.join('\n')}\n`;
}
