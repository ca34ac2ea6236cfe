/**
 * Renders rules as plain English, so a rule change reads as a sentence change in review
 * (tests/unit/engine/__snapshots__/rules.txt) and a clinician can ask "why +3?" and get the guideline.
 */
import { CONDITION_IDS } from './assessment';
import { CONDITION_LABELS, CONDITION_PHRASES, RED_FLAG_LABELS } from './labels';
import { describePredicate } from './predicates';
import { RED_FLAG_RULES, type RedFlagRule } from './red-flags';
import { RULES_BY_CONDITION, type Rule } from './rules';
import { SOURCES } from './sources';
import { WELLS_RELEVANCE } from './wells';
import {
  ABI,
  CAPS,
  CLTI,
  D_DIMER_WINDOW_DAYS,
  ENGINE_VERSION,
  LAB_CUTOFFS,
  LIKELIHOOD_CUTOFFS,
  RECENT_EVENT_DAYS,
  STALENESS_DAYS,
  TBI_ABNORMAL_MAX,
} from './thresholds';

function signed(weight: number): string {
  return weight > 0 ? `+${weight}` : `−${Math.abs(weight)}`;
}

/** "+3 toward ischaemic rest pain when pedal pulses are absent on exam (2016 AHA/ACC PAD guideline)". */
export function describe(rule: Rule): string {
  const direction = rule.weight > 0 ? 'toward' : 'against';
  const cap = rule.cap ? `; counts toward the ${rule.cap} cap of +${CAPS[rule.cap]}` : '';
  return `${signed(rule.weight)} ${direction} ${CONDITION_PHRASES[rule.condition]} when ${describePredicate(rule.when)} (${SOURCES[rule.source].short}${cap})`;
}

/** "EMERGENCY acute limb ischaemia when … → action". */
export function describeRedFlag(rule: RedFlagRule): string {
  const base = `${rule.urgency.toUpperCase()}: ${RED_FLAG_LABELS[rule.id]} when ${describePredicate(rule.when)} (${SOURCES[rule.source].short}). Action: ${rule.action}`;
  let out = base;
  if (rule.actionWhen) {
    out += ` When ${rule.actionWhen.flags.join(' or ')} is also raised, the action reads: ${rule.actionWhen.action}`;
  }
  for (const q of rule.ifUnanswered ?? []) {
    out += ` Not fired on an unanswered question: when ${describePredicate(q.when)}, missing data asks "${q.concept}" instead.`;
  }
  return out;
}

/** The whole rule book: red flags, then each condition's rules, then the thresholds they use. */
export function describeAll(): string {
  const lines: string[] = [`Nocturne rule book, engine ${ENGINE_VERSION}`, ''];
  lines.push('RED FLAGS (evaluated first; never suppressed by a score)');
  for (const r of RED_FLAG_RULES) lines.push(`- [${r.id}] ${describeRedFlag(r)}`);
  for (const id of CONDITION_IDS) {
    lines.push('', `${CONDITION_LABELS[id].toUpperCase()} [${id}]`);
    for (const rule of RULES_BY_CONDITION.get(id) ?? []) {
      lines.push(`- [${rule.id}] ${describe(rule)}`);
      lines.push(`    why: ${rule.rationale}`);
    }
  }
  lines.push('', 'LIKELIHOOD BANDS (score = sum of evidence weights)');
  for (const c of LIKELIHOOD_CUTOFFS) {
    lines.push(`- ${c.band}: ${Number.isFinite(c.minScore) ? `score ≥ ${c.minScore}` : 'anything lower'}`);
  }
  lines.push('- ties: the condition that is costlier to miss ranks first');
  lines.push(
    '',
    'WORKUP (what gets planned)',
    '- red flags: their workup at priority "now"',
    '- conditions ranked moderate or high: their workup at priority "soon"',
    '- the top-ranked condition (and any tied with it) when only low: its workup at priority "routine"',
    '- other low conditions: no orders; their cheap discriminating tests are listed as missing data instead',
    '- a recent result on file is shown as already on file, not re-ordered',
  );
  lines.push(
    '',
    'WELLS SCORE (always computed for the red flags; shown only when DVT is plausible, i.e. when any of these holds)',
  );
  for (const r of WELLS_RELEVANCE) lines.push(`- [${r.id}] ${r.text}`);
  lines.push('', 'THRESHOLDS');
  lines.push(
    `- ABI ≤ ${ABI.abnormalMax.toFixed(2)} abnormal; 0.91–${ABI.borderlineMax} borderline; 1.00–${ABI.normalMax.toFixed(2)} normal; > ${ABI.normalMax.toFixed(2)} noncompressible (ask for TBI / toe pressure)`,
  );
  lines.push(`- TBI ≤ ${TBI_ABNORMAL_MAX.toFixed(2)} abnormal`);
  lines.push(
    `- CLTI haemodynamics: ABI < ${CLTI.abiBelow.toFixed(2)}, ankle pressure < ${CLTI.anklePressureBelow} mmHg, toe pressure < ${CLTI.toePressureBelow} mmHg, TcPO2 < ${CLTI.tcpo2Below} mmHg`,
  );
  lines.push(
    `- RLS iron: ferritin ≤ ${LAB_CUTOFFS.ferritinSupplementMax} µg/L or TSAT < ${LAB_CUTOFFS.tsatBelow} %; D-dimer cut-off ${LAB_CUTOFFS.dDimerFeuCutoff} ng/mL FEU unless the lab gives its own`,
  );
  lines.push(
    `- D-dimer used for the DVT pathway only if drawn within ${D_DIMER_WINDOW_DAYS} days; "recent" surgery/stay = ${RECENT_EVENT_DAYS} days`,
  );
  lines.push('', 'STALENESS WINDOWS (older results are shown but suggested again)');
  for (const [concept, days] of Object.entries(STALENESS_DAYS)) lines.push(`- ${concept}: ${days} days`);
  return `${lines.join('\n')}\n`;
}
