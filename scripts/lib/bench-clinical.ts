/**
 * Benchmarks of the clinical core (issue 2 §6): how fast the engine assesses a mapped chart, and how long a heavy
 * real-world chart takes to map and assess end to end.
 */
import { mapChart } from '../../fhir-mappings/index';
import { assess } from '../../lib/engine/index';
import { getPersona } from '../../mocks/personas/index';
import { loadSynthea } from '../../mocks/personas/synthea';
import { median, throughputRounds, timeRuns, type Benchmark } from './bench-harness';

/** A fixed clock: benchmark inputs must not drift with the calendar. */
const NOW = new Date('2026-03-10T09:30:00Z');

/** The typical persona: a full PAD/CLTI chart (conditions, vascular tests, labs, medications) and a full form. */
export const TYPICAL_PERSONA = 'pad-clti-rest-pain';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export const assessThroughput: Benchmark = {
  id: 'assess-throughput',
  label: `assess() per CPU-second (${TYPICAL_PERSONA})`,
  goal: { target: 20_000, better: 'higher' },
  run() {
    const persona = getPersona(TYPICAL_PERSONA);
    if (!persona) return { skipped: `persona ${TYPICAL_PERSONA} not found` };
    const { facts } = mapChart({ bundle: persona.build(NOW) }, { now: NOW });
    const rounds = throughputRounds(() => assess(facts, persona.form, { now: NOW }), 5, 400);
    const cpu = rounds.map((r) => r.perCpuSecond);
    const wall = median(rounds.map((r) => r.perWallSecond));
    return {
      value: median(cpu),
      unit: 'assessments/s',
      detail:
        `chart mapped once; median of 5 rounds of 400 ms CPU after a warm-up round ` +
        `(range ${fmt(Math.min(...cpu))}–${fmt(Math.max(...cpu))}/s; wall-clock median ${fmt(wall)}/s)`,
    };
  },
};

export const syntheaMapAssess: Benchmark = {
  id: 'synthea-map-assess',
  label: 'map + assess the 869-Observation Synthea chart (CPU)',
  goal: { target: 25, better: 'lower' },
  run() {
    const bundle = loadSynthea('synthea-vito-feeney');
    const form = getPersona(TYPICAL_PERSONA)?.form ?? {};
    const samples = timeRuns(() => assess(mapChart({ bundle }, { now: NOW }).facts, form, { now: NOW }), 30, 10);
    const cpu = samples.map((s) => s.cpuMs);
    return {
      value: median(cpu),
      unit: 'ms',
      detail:
        `Vito Feeney (1,244 entries) already parsed from JSON; median of 30 runs after 10 warm-up runs ` +
        `(CPU min ${Math.min(...cpu).toFixed(1)} ms, max ${Math.max(...cpu).toFixed(1)} ms; ` +
        `wall-clock median ${median(samples.map((s) => s.wallMs)).toFixed(1)} ms)`,
    };
  },
};
