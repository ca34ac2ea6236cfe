/**
 * Renders the rule book as plain English, so a rule change reads as a sentence change in review
 * (tests/unit/engine/__snapshots__/rules.txt) and a clinician can ask "why +3?" and get the guideline. Every
 * typed table of the engine is rendered here: red flags (with their questions, variants and supersession), the
 * scoring rules, when Wells is shown, the workup steps, the form blocks, the chart pre-answers and the thresholds.
 */
import { CONDITION_IDS, RED_FLAG_IDS } from './assessment';
import { CONDITION_ADVICE } from './advice';
import { CHART_DERIVATIONS } from './chart-answers';
import { FORM_BLOCK_RULES } from './form-blocks';
import { CONDITION_LABELS, CONDITION_PHRASES, RED_FLAG_LABELS } from './labels';
import { KEY_QUESTIONS, RED_FLAG_SCREEN } from './missing';
import { describeAlternatives, describePredicate, slotLabel } from './predicate-text';
import { RED_FLAG_RULES, type RedFlagRule } from './red-flags';
import { RULES_BY_CONDITION, type Rule } from './rules';
import { SOURCES } from './sources';
import {
  ABI,
  CAPS,
  CLTI,
  D_DIMER_UNRELIABLE_AFTER_SURGERY_DAYS,
  D_DIMER_WINDOW_DAYS,
  ENGINE_VERSION,
  LAB_CUTOFFS,
  LIKELIHOOD_CUTOFFS,
  OBJECTIVE_PAD,
  RECENT_EVENT_DAYS,
  RLS_IRON,
  STALENESS_DAYS,
  TBI_ABNORMAL_MAX,
  VITALS,
} from './thresholds';
import { WELLS_RELEVANCE } from './wells';
import { CONDITION_WORKUP, RED_FLAG_WORKUP, ROUTINE_TOP_WHEN, type Step, WORKUP_CATALOGUE } from './workup';

function signed(weight: number): string {
  return weight > 0 ? `+${weight}` : `−${Math.abs(weight)}`;
}

/** "+3 toward ischaemic rest pain when … (2016 AHA/ACC PAD guideline)". */
export function describe(rule: Rule): string {
  const direction = rule.weight > 0 ? 'toward' : 'against';
  const cap = rule.cap ? `; counts toward the ${rule.cap} cap of +${CAPS[rule.cap]}` : '';
  return `${signed(rule.weight)} ${direction} ${CONDITION_PHRASES[rule.condition]} when ${describePredicate(rule.when)} (${SOURCES[rule.source].short}${cap})`;
}

/** "EMERGENCY: acute limb ischaemia when … Action: …", with its variants, questions and supersession. */
export function describeRedFlag(rule: RedFlagRule): string {
  let out = `${rule.urgency.toUpperCase()}: ${RED_FLAG_LABELS[rule.id]} when ${describeAlternatives(rule.when)} (${SOURCES[rule.source].short}). Action: ${rule.action}`;
  for (const v of rule.variants ?? []) {
    const changes = [
      v.urgency ? `urgency ${v.urgency.toUpperCase()}` : '',
      v.message ? `message "${v.message}"` : '',
      v.action ? `action "${v.action}"` : '',
    ].filter(Boolean);
    out += ` Variant "${v.name}" when ${describePredicate(v.when)}: ${changes.join('; ')}.`;
  }
  if (rule.actionWhen) {
    out += ` When ${rule.actionWhen.flags.map((f) => RED_FLAG_LABELS[f]).join(' or ')} is also raised, the action reads: ${rule.actionWhen.action}`;
  }
  if (rule.supersededBy && rule.supersededBy.length > 0) {
    out += ` Not shown separately when ${rule.supersededBy.map((f) => RED_FLAG_LABELS[f]).join(' or ')} is raised.`;
  }
  for (const q of rule.ifUnanswered ?? []) {
    out += q.evenIfFired
      ? ` Also asks (even when raised): when ${describePredicate(q.when)}, "${q.ask}".`
      : ` Not fired on an unanswered question: when ${describePredicate(q.when)}, missing data asks "${q.ask}" instead.`;
  }
  return out;
}

function describeStep(s: Step): string {
  const when = s.when ? ` when ${describePredicate(s.when)}` : '';
  const priority = s.priority ? ` [priority ${s.priority}]` : '';
  return `${WORKUP_CATALOGUE[s.item].label} (${s.item})${priority}${when}: ${s.reason}`;
}

/** The whole rule book. */
export function describeAll(): string {
  const lines: string[] = [`Nocturne rule book, engine ${ENGINE_VERSION}`, ''];
  lines.push('RED FLAGS (evaluated first; they read chart, form and Wells only, never a score)');
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
  lines.push(
    '- ties: the condition that is costlier to miss ranks first; a tie at the top, or a top that is only "unlikely", names no single top',
  );

  lines.push(
    '',
    'CHART PRE-ANSWERS (applied to an unanswered question only; an explicit answer always wins; only "yes" is pre-filled)',
  );
  for (const d of CHART_DERIVATIONS) lines.push(`- ${slotLabel(d.path as never)} (${d.path}): ${d.label}`);

  lines.push('', 'WELLS SCORE (always computed for the red flags; shown only when any of these holds)');
  for (const r of WELLS_RELEVANCE) lines.push(`- [${r.id}] ${describePredicate(r.when)}`);

  lines.push(
    '',
    'WORKUP (what gets planned)',
    '- red flags: their steps at priority "now" unless a step says otherwise',
    '- conditions ranked moderate or high: their steps at priority "soon"',
    `- the top-ranked condition when only low: its steps at priority "routine", when ${describePredicate(ROUTINE_TOP_WHEN)}`,
    '- whenever Wells is shown: the DVT pathway steps that apply',
    '- other low conditions: no orders; their cheap discriminating tests are listed as missing data instead',
    '- a recent result on file (or an exam already recorded) is shown as already on file, not re-ordered',
  );
  for (const id of RED_FLAG_IDS) {
    lines.push(`  For red flag ${RED_FLAG_LABELS[id]}:`);
    for (const s of RED_FLAG_WORKUP[id]) lines.push(`  - ${describeStep(s)}`);
  }
  for (const id of CONDITION_IDS) {
    lines.push(`  For ${CONDITION_PHRASES[id]}:`);
    for (const s of CONDITION_WORKUP[id]) lines.push(`  - ${describeStep(s)}`);
  }

  lines.push('', 'FORM BLOCKS (open when any trigger holds; the first that holds gives the reason shown)');
  for (const b of FORM_BLOCK_RULES) {
    if (b.always) {
      lines.push(`- ${b.id}: always open`);
      continue;
    }
    lines.push(`- ${b.id}:`);
    for (const t of b.triggers) lines.push(`  - when ${describePredicate(t.when)}: "${t.reason}"`);
  }

  lines.push('', 'MISSING DATA: KEY QUESTIONS (after the red-flag questions, before test gaps)');
  lines.push(`- red-flag screen: ${RED_FLAG_SCREEN.map((s) => slotLabel(s)).join('; ')}`);
  for (const q of KEY_QUESTIONS.slice(1)) {
    lines.push(`- ${q.label}${q.relevant ? ` (when ${describePredicate(q.relevant)})` : ''}: ${q.why}`);
  }

  lines.push('', 'ADVICE SENTENCES WITH CONDITIONS');
  for (const id of CONDITION_IDS) {
    for (const s of CONDITION_ADVICE[id]) {
      if (s.when) lines.push(`- ${CONDITION_PHRASES[id]}: "${s.text}" only when ${describePredicate(s.when)}`);
    }
  }

  lines.push('', 'THRESHOLDS');
  lines.push(
    `- ABI ≤ ${ABI.abnormalMax.toFixed(2)} abnormal; 0.91–${ABI.borderlineMax} borderline; 1.00–${ABI.normalMax.toFixed(2)} normal; > ${ABI.normalMax.toFixed(2)} noncompressible (ask for TBI / toe pressure)`,
  );
  lines.push(`- TBI ≤ ${TBI_ABNORMAL_MAX.toFixed(2)} abnormal`);
  lines.push(
    `- objective PAD (proves PAD for CLTI, no CLTI cut-off): ABI ≤ ${OBJECTIVE_PAD.abiMax.toFixed(2)}, TBI ≤ ${OBJECTIVE_PAD.tbiMax.toFixed(2)}, ankle pressure ≤ ${OBJECTIVE_PAD.anklePressureMax} mmHg, toe pressure or TcPO2 < ${OBJECTIVE_PAD.toePressureBelow} mmHg`,
  );
  lines.push(
    `- CLTI-range haemodynamics (stage, do not gate): ABI < ${CLTI.abiBelow.toFixed(2)}, ankle pressure < ${CLTI.anklePressureBelow} mmHg, toe pressure < ${CLTI.toePressureBelow} mmHg, TcPO2 < ${CLTI.tcpo2Below} mmHg`,
  );
  lines.push(
    `- RLS iron: ferritin ≤ ${LAB_CUTOFFS.ferritinSupplementMax} µg/L or TSAT < ${LAB_CUTOFFS.tsatBelow} % oral or IV; ferritin ${LAB_CUTOFFS.ferritinSupplementMax}–${RLS_IRON.ivIronFerritinMax} µg/L IV only; no IV iron when TSAT ≥ ${RLS_IRON.ivIronTsatCeiling} %; ESRD: IV iron sucrose when ferritin < ${RLS_IRON.esrdFerritinBelow} µg/L and TSAT < ${LAB_CUTOFFS.tsatBelow} %`,
  );
  lines.push(
    `- D-dimer cut-off ${LAB_CUTOFFS.dDimerFeuCutoff} ng/mL FEU unless the lab gives its own; used for the DVT pathway only if drawn within ${D_DIMER_WINDOW_DAYS} days; unreliable after major surgery within ${D_DIMER_UNRELIABLE_AFTER_SURGERY_DAYS} days; "recent" surgery/stay = ${RECENT_EVENT_DAYS} days`,
  );
  lines.push(`- vital signs (possible PE): heart rate ≥ ${VITALS.heartRateFrom}/min or SpO2 < ${VITALS.spo2Below} %`);
  lines.push('', 'STALENESS WINDOWS (older results are shown but suggested again; they never score or raise a flag)');
  for (const [concept, days] of Object.entries(STALENESS_DAYS)) lines.push(`- ${concept}: ${days} days`);
  return `${lines.join('\n')}\n`;
}
