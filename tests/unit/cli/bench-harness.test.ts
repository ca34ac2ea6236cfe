/**
 * The benchmark harness behind `npm run bench`: goals, medians, the report table, and that a failing or
 * skipped benchmark is reported rather than crashing the run (benchmarks report; they do not gate).
 */
import { describe, expect, it } from 'vitest';
import {
  formatReport,
  median,
  meetsGoal,
  runBenchmarks,
  throughputRounds,
  timeRuns,
  type Benchmark,
} from '@/scripts/lib/bench-harness';

describe('bench harness', () => {
  it('median of odd and even lists, and refuses an empty one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('meetsGoal respects the direction of the goal', () => {
    expect(meetsGoal(20_000, { target: 20_000, better: 'higher' })).toBe(true);
    expect(meetsGoal(19_999, { target: 20_000, better: 'higher' })).toBe(false);
    expect(meetsGoal(25, { target: 25, better: 'lower' })).toBe(true);
    expect(meetsGoal(25.1, { target: 25, better: 'lower' })).toBe(false);
  });

  it('timeRuns and throughputRounds return one sample per run / round', () => {
    let calls = 0;
    const samples = timeRuns(() => calls++, 4, 2);
    expect(samples).toHaveLength(4);
    expect(calls).toBe(6);
    for (const s of samples) expect(s.wallMs).toBeGreaterThanOrEqual(0);
    const rates = throughputRounds(() => Math.sqrt(calls++), 2, 5, 50);
    expect(rates).toHaveLength(2);
    for (const r of rates) expect(r.perCpuSecond).toBeGreaterThan(0);
  });

  it('reports met, missed, skipped and failing benchmarks in one table', async () => {
    const list: Benchmark[] = [
      {
        id: 'fast',
        label: 'fast thing',
        goal: { target: 10, better: 'lower' },
        run: () => ({ value: 2, unit: 'ms', detail: 'median of 3' }),
      },
      {
        id: 'slow',
        label: 'slow thing',
        goal: { target: 10, better: 'lower' },
        run: () => ({ value: 12.5, unit: 'ms' }),
      },
      {
        id: 'absent',
        label: 'needs a build',
        goal: { target: 1, better: 'higher' },
        run: () => ({ skipped: 'no .next build' }),
      },
      {
        id: 'broken',
        label: 'throws',
        goal: { target: 1, better: 'higher' },
        run: () => {
          throw new Error('boom');
        },
      },
    ];
    const outcomes = await runBenchmarks(list);
    expect(outcomes.map((o) => o.status)).toEqual(['met', 'missed', 'skipped', 'error']);
    const report = formatReport(outcomes);
    const lines = report.split('\n');
    expect(lines[0]).toMatch(/^benchmark\s+result\s+goal\s+status$/);
    expect(report).toMatch(/fast thing\s+2\.00 ms\s+≤ 10\.0 ms\s+met/);
    expect(report).toMatch(/slow thing\s+12\.5 ms\s+≤ 10\.0 ms\s+MISSED/);
    expect(report).toMatch(/needs a build\s+—\s+≥ 1\.00\s+skipped/);
    expect(report).toMatch(/throws\s+—\s+≥ 1\.00\s+ERROR/);
    expect(report).toContain('fast: median of 3');
    expect(report).toContain('absent: no .next build');
    expect(report).toContain('broken: boom');
  });
});
