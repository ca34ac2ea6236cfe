/**
 * Grades the clinical case library against the real engine (and, for persona cases, the real FHIR mappers).
 *
 * Prints, per red flag, a confusion table (true/false positives and negatives, urgency mismatches) and every
 * failed expectation. A missed emergency, a false emergency and a wrong urgency all fail. Run it on its own with
 * `npm run cases`; `tests/clinical/cases.test.ts` runs the same grading inside `npm test`.
 */
import { mapChart } from '@/fhir-mappings/index';
import { assess } from '@/lib/engine/index';
import { RED_FLAG_IDS, type Assessment, type RedFlagId, type Urgency } from '@/lib/engine/assessment';
import type { ChartFacts } from '@/lib/engine/facts';
import { formSchema } from '@/lib/form/schema';
import { getPersona } from '@/mocks/personas';
import { CASE_NOW } from './cases/chart';
import { CASES } from './cases/index';
import type { ClinicalCase } from './cases/types';

export interface CaseRun {
  readonly case: ClinicalCase;
  readonly assessment: Assessment;
  readonly failures: readonly string[];
}

export interface FlagCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Fired when expected, but at another urgency. */
  wrongUrgency: number;
}

export function chartFacts(c: ClinicalCase): ChartFacts {
  if ('facts' in c.chart) return c.chart.facts(CASE_NOW);
  const p = getPersona(c.chart.persona);
  if (!p) throw new Error(`${c.id}: no persona ${c.chart.persona}`);
  return mapChart({ bundle: p.build(CASE_NOW) }, { now: CASE_NOW }).facts;
}

/** Form paths a missing-data item asks about: its `paths`, else the "(a, b)" list at the end of its concept. */
function askedPaths(a: Assessment): Set<string> {
  const out = new Set<string>();
  for (const m of a.missingData) {
    for (const p of m.paths ?? []) out.add(p);
    const parens = /\(([A-Za-z.,\s]+)\)\s*$/.exec(m.concept);
    if (parens) for (const p of parens[1]!.split(',')) out.add(p.trim());
  }
  return out;
}

/** "No single top": the best-ranked condition is only "unlikely", or shares the top score. */
function hasSingleTop(a: Assessment): boolean {
  const [first, second] = a.differential;
  if (!first || first.likelihood === 'unlikely') return false;
  return second === undefined || second.score < first.score;
}

export function gradeCase(c: ClinicalCase, a: Assessment): string[] {
  const failures: string[] = [];
  const e = c.expect;

  const top = a.differential[0];
  if (e.top === 'no-single-top') {
    if (hasSingleTop(a))
      failures.push(`top: expected no single top, got ${top?.id} (${top?.score}, ${top?.likelihood})`);
  } else {
    const allowed: readonly string[] = typeof e.top === 'string' ? [e.top] : e.top;
    if (!top || !hasSingleTop(a) || !allowed.includes(top.id)) {
      const got = a.differential
        .slice(0, 3)
        .map((d) => `${d.id} ${d.score}`)
        .join(', ');
      failures.push(`top: expected ${allowed.join(' or ')}, got ${got}`);
    }
  }

  const fired = new Map<RedFlagId, Urgency>(a.redFlags.map((f) => [f.id, f.urgency]));
  for (const id of RED_FLAG_IDS) {
    const want = e.redFlags[id];
    const got = fired.get(id);
    if (want && !got)
      failures.push(`red flag ${id}: expected ${want}, not raised${want === 'emergency' ? ' (MISSED EMERGENCY)' : ''}`);
    if (!want && got)
      failures.push(`red flag ${id}: raised ${got}, not expected${got === 'emergency' ? ' (FALSE EMERGENCY)' : ''}`);
    if (want && got && want !== got) failures.push(`red flag ${id}: expected ${want}, raised ${got}`);
  }

  const w = e.workup;
  if (w) {
    const byId = new Map(a.workup.map((i) => [i.id, i]));
    for (const id of w.must ?? []) if (!byId.has(id)) failures.push(`workup: ${id} not planned`);
    for (const id of w.mustNot ?? []) {
      const item = byId.get(id);
      if (item && !item.alreadyOnFile) failures.push(`workup: ${id} ordered (${item.priority}: ${item.reason})`);
    }
    for (const id of w.notNow ?? []) {
      if (byId.get(id)?.priority === 'now') failures.push(`workup: ${id} is "now", expected later`);
    }
    for (const [id, priority] of Object.entries(w.priority ?? {})) {
      const item = byId.get(id);
      if (item?.priority !== priority)
        failures.push(`workup: ${id} priority ${item?.priority ?? 'absent'}, expected ${priority}`);
    }
  }

  if (e.asks) {
    const asked = askedPaths(a);
    for (const path of e.asks) if (!asked.has(path)) failures.push(`missing data: does not ask about ${path}`);
  }

  if (e.chartAnswers) {
    const applied = new Map(a.chartAnswers.filter((x) => x.status === 'applied').map((x) => [x.path, x.value]));
    for (const [path, value] of Object.entries(e.chartAnswers)) {
      if (applied.get(path) !== value)
        failures.push(`chart answer ${path}: expected ${String(value)}, got ${String(applied.get(path))}`);
    }
    if (Object.keys(e.chartAnswers).length === 0 && applied.size > 0) {
      failures.push(`chart answers: expected none, got ${[...applied.keys()].join(', ')}`);
    }
  }

  if (e.dvt) {
    const excluded = a.scores.wells?.nextStep === 'excluded';
    if ((e.dvt === 'excluded') !== excluded) {
      failures.push(`DVT: expected ${e.dvt}, Wells next step ${a.scores.wells?.nextStep ?? '(Wells not shown)'}`);
    }
  }

  if (e.adviceMustNot) {
    for (const adv of a.advice)
      if (e.adviceMustNot.test(adv.text)) failures.push(`advice for ${adv.for}: "${adv.text}"`);
  }
  if (e.evidenceMustNot) {
    const labels = [
      ...a.differential.flatMap((d) => [...d.supporting, ...d.opposing]),
      ...a.redFlags.flatMap((f) => f.evidence),
    ].map((x) => x.label);
    for (const l of labels) if (e.evidenceMustNot.test(l)) failures.push(`evidence: "${l}"`);
  }
  return failures;
}

export function runCase(c: ClinicalCase): CaseRun {
  const form = formSchema.parse(c.form);
  const assessment = assess(chartFacts(c), form, { now: CASE_NOW });
  return { case: c, assessment, failures: gradeCase(c, assessment) };
}

export function runAll(cases: readonly ClinicalCase[] = CASES): CaseRun[] {
  return cases.map(runCase);
}

/** Per red flag: TP/FP/FN/TN over the library, and fired-at-the-wrong-urgency. */
export function confusion(runs: readonly CaseRun[]): Map<RedFlagId, FlagCounts> {
  const out = new Map<RedFlagId, FlagCounts>();
  for (const id of RED_FLAG_IDS) out.set(id, { tp: 0, fp: 0, fn: 0, tn: 0, wrongUrgency: 0 });
  for (const r of runs) {
    const fired = new Map(r.assessment.redFlags.map((f) => [f.id, f.urgency]));
    for (const id of RED_FLAG_IDS) {
      const c = out.get(id)!;
      const want = r.case.expect.redFlags[id];
      const got = fired.get(id);
      if (want && got) {
        c.tp += 1;
        if (want !== got) c.wrongUrgency += 1;
      } else if (want) c.fn += 1;
      else if (got) c.fp += 1;
      else c.tn += 1;
    }
  }
  return out;
}

/** Missed and false emergencies over the library (the two defects of equal weight). */
export function emergencyErrors(runs: readonly CaseRun[]): { missed: string[]; falseAlarms: string[] } {
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  for (const r of runs) {
    const fired = new Map(r.assessment.redFlags.map((f) => [f.id, f.urgency]));
    for (const id of RED_FLAG_IDS) {
      const want = r.case.expect.redFlags[id];
      const got = fired.get(id);
      if (want === 'emergency' && got !== 'emergency') missed.push(`${r.case.id}: ${id}`);
      if (got === 'emergency' && want !== 'emergency') falseAlarms.push(`${r.case.id}: ${id}`);
    }
  }
  return { missed, falseAlarms };
}

export function report(runs: readonly CaseRun[]): string {
  const lines: string[] = [];
  const byArea = new Map<string, number>();
  for (const r of runs) byArea.set(r.case.area, (byArea.get(r.case.area) ?? 0) + 1);
  lines.push(`Clinical case library: ${runs.length} cases (${[...byArea].map(([a, n]) => `${a} ${n}`).join(', ')})`);
  lines.push('');
  const head = ['red flag', 'TP', 'FP', 'FN', 'TN', 'urgency≠'];
  const rows = [...confusion(runs)].map(([id, c]) => [id, c.tp, c.fp, c.fn, c.tn, c.wrongUrgency].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: readonly string[]) =>
    cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  lines.push(fmt(head), fmt(widths.map((n) => '-'.repeat(n))), ...rows.map(fmt));
  const { missed, falseAlarms } = emergencyErrors(runs);
  lines.push('', `Missed emergencies: ${missed.length}${missed.length ? ` (${missed.join('; ')})` : ''}`);
  lines.push(`False emergencies: ${falseAlarms.length}${falseAlarms.length ? ` (${falseAlarms.join('; ')})` : ''}`);
  const failed = runs.filter((r) => r.failures.length > 0);
  lines.push(`Cases failing any expectation: ${failed.length} of ${runs.length}`);
  for (const r of failed) {
    lines.push(`- ${r.case.id}`);
    for (const f of r.failures) lines.push(`    ${f}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `npm run cases`: print the report; exit 1 when any case fails. */
function main(): void {
  const runs = runAll();
  process.stdout.write(report(runs));
  process.exitCode = runs.some((r) => r.failures.length > 0) ? 1 : 0;
}

if (process.argv[1] !== undefined && /grade-cases\.ts$/.test(process.argv[1])) main();
