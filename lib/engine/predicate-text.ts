/**
 * The English renderer: a predicate as a clause of the rule book ("… when <clause>"), so a rule change reads as a
 * sentence change in review (tests/unit/engine/__snapshots__/rules.txt). Clauses have no leading capital and no
 * full stop.
 */
import { CONDITION_PHRASES, RED_FLAG_LABELS } from './labels';
import { DERIVED_TEXT } from './derived';
import { DISPLAY_UNITS } from './format';
import type { CareEventFact, ConditionConcept } from './facts';
import {
  CHOICE_OPTION_LABELS,
  CHOICE_TEMPLATES,
  CONCEPT_LABELS,
  EXAM_LABELS,
  HISTORY_LABELS,
  IRLSSG_LABELS,
  IRLSSG_ORDER,
  LIST_TEMPLATES,
  MEDICATION_LABELS,
  OBSERVATION_LABELS,
  OPTION_LABELS,
  PULSE_LABELS,
  joinOr,
  type ExamFinding,
  type HistoryItem,
  type IrlssgItem,
} from './labels';
import type { AbiBand } from './assessment';
import type { AnswerSlot, Cmp, PlanPredicate } from './predicate-types';

const OP_TEXT: Readonly<Record<Cmp, string>> = { '<': '<', '<=': '≤', '>=': '≥', '>': '>' };

const EVENT_WORDS: Readonly<Record<CareEventFact['kind'], string>> = {
  surgery: 'surgery',
  'inpatient-stay': 'an inpatient stay',
  immobilisation: 'immobilisation (cast or brace)',
};

const FIELD_WORDS: Readonly<Record<string, string>> = {
  onset: 'how the problem began (suddenly or gradually)',
  episodeOnset: 'how each episode starts',
  side: 'which leg is affected',
  episodeLength: 'how long an episode lasts',
  restPainDuration: 'how long the pain at rest (or the cold leg) has been present',
  ulcerDuration: 'how long the ulcer has been present',
  durationWeeks: 'how long the problem has lasted',
  locations: 'where the pain is',
  qualities: 'what the pain feels like',
  timing: 'the timing of the pain',
  relievedBy: 'what relieves the pain',
  worsenedBy: 'what worsens the pain',
  recentMedicines: 'medicines started recently',
  pulses: 'a foot-pulse check of the symptomatic leg',
  'exam.straightLegRaise': 'the straight-leg raise',
  'exam.footSensation': 'sensation in the affected foot',
  'exam.footMovement': 'toe and ankle movement on the affected side',
  'history.pregnancyStage': 'the stage of pregnancy',
  'history.anticoagulantAdherence': 'whether the anticoagulant is taken as prescribed',
};

/** A form slot in words ("saddle anaesthesia", "what relieves the pain"). */
export function slotLabel(slot: AnswerSlot): string {
  const fixed = FIELD_WORDS[slot];
  if (fixed) return fixed;
  if (slot.startsWith('exam.')) return EXAM_LABELS[slot.slice(5) as ExamFinding];
  if (slot.startsWith('history.')) return HISTORY_LABELS[slot.slice(8) as HistoryItem];
  if (slot.startsWith('irlssg.')) return IRLSSG_LABELS[slot.slice(7) as IrlssgItem];
  return slot;
}

const ABI_BAND_TEXT: Readonly<Record<AbiBand, string>> = {
  abnormal: 'a current ABI ≤ 0.90 (abnormal) is on file for either leg',
  borderline: 'a current ABI of 0.91–0.99 (borderline) is on file for either leg',
  normal: 'a current ABI of 1.00–1.40 (normal) is on file for either leg',
  noncompressible: 'a current ABI > 1.40 (noncompressible) is on file for either leg',
};

function conceptList(concepts: readonly ConditionConcept[]): string {
  return joinOr(concepts.map((c) => CONCEPT_LABELS[c] ?? c));
}

/**
 * Renders a predicate as an English clause. Inside a composite, derived facts (whose definitions contain their own
 * "or" and commas) are set in square brackets and nested composites in parentheses, so the grouping reads
 * unambiguously.
 */
export function describePredicate(p: PlanPredicate, nested = false): string {
  switch (p.kind) {
    case 'exam':
      return p.is ? `the exam finds ${EXAM_LABELS[p.finding]}` : `the exam finds no ${EXAM_LABELS[p.finding]}`;
    case 'history':
      if (p.item === 'alternativeDiagnosisAsLikely') {
        return p.is
          ? 'the clinician judges an alternative diagnosis at least as likely as DVT'
          : 'the clinician judges no alternative diagnosis as likely as DVT';
      }
      return p.is ? `the patient reports ${HISTORY_LABELS[p.item]}` : `the patient denies ${HISTORY_LABELS[p.item]}`;
    case 'irlssg': {
      const n = IRLSSG_ORDER.indexOf(p.item) + 1;
      return `IRLSSG criterion ${n} (${IRLSSG_LABELS[p.item]}) is ${p.is ? 'met' : 'answered "no"'}`;
    }
    case 'includes': {
      const labels = OPTION_LABELS[p.field] as Readonly<Record<string, string>>;
      return LIST_TEMPLATES[p.field].replace('{}', joinOr((p.anyOf as readonly string[]).map((o) => labels[o] ?? o)));
    }
    case 'choice': {
      const labels = CHOICE_OPTION_LABELS[p.field] as Readonly<Record<string, string>>;
      return CHOICE_TEMPLATES[p.field].replace('{}', joinOr((p.anyOf as readonly string[]).map((o) => labels[o] ?? o)));
    }
    case 'pulses': {
      const grades = joinOr(p.anyOf.map((g) => PULSE_LABELS[g]));
      return p.legs === 'every'
        ? `the foot pulses of every symptomatic leg are recorded as ${grades}`
        : `the foot pulses of a symptomatic leg are ${grades}`;
    }
    case 'duration':
      return `the problem has lasted ${OP_TEXT[p.op]} ${p.weeks} week${p.weeks === 1 ? '' : 's'}`;
    case 'condition':
      return `the chart lists ${conceptList(p.concepts)}${p.activeOnly ? ' with active status' : ''}`;
    case 'lab': {
      const unit = DISPLAY_UNITS[p.concept];
      return `the latest ${OBSERVATION_LABELS[p.concept]}, if current (within its staleness window), is ${OP_TEXT[p.op]} ${p.value}${unit ? ` ${unit}` : ''}`;
    }
    case 'vascular': {
      const unit = DISPLAY_UNITS[p.concept];
      return `the lowest current ${OBSERVATION_LABELS[p.concept]} (chart or form) is ${OP_TEXT[p.op]} ${p.value}${unit ? ` ${unit}` : ''}`;
    }
    case 'abi':
      return ABI_BAND_TEXT[p.band];
    case 'medication':
      return `the active medication list includes ${joinOr(p.classes.map((c) => MEDICATION_LABELS[c]))}`;
    case 'event':
      return `the chart records ${joinOr(p.kinds.map((k) => EVENT_WORDS[k]))} in the last ${Math.round(p.withinDays / 7)} weeks`;
    case 'smoking':
      return p.status === 'current'
        ? 'the patient currently smokes'
        : p.status === 'former'
          ? 'the patient is a former smoker'
          : 'the patient has never smoked';
    case 'age':
      return `the patient's age (at death, if deceased) is ${OP_TEXT[p.op]} ${p.years}`;
    case 'wells':
      return p.is === 'likely'
        ? 'Wells is "likely" (≥ 2)'
        : p.is === 'settled-unlikely'
          ? 'Wells is "unlikely" (≤ 1) even if every unknown item were positive'
          : 'Wells reads "unlikely" but unknown items could make it "likely" (incomplete)';
    case 'derived':
      return nested ? `[${DERIVED_TEXT[p.id]}]` : DERIVED_TEXT[p.id];
    case 'unanswered':
      return `${slotLabel(p.slot)} is not recorded`;
    case 'flag': {
      const names = p.ids.map((id) => RED_FLAG_LABELS[id]);
      if (p.raised) return `the ${joinOr(names)} red flag is raised`;
      return names.length === 1
        ? `the ${names[0]} red flag is not raised`
        : `none of these red flags is raised: ${names.join(', ')}`;
    }
    case 'likelihood':
      return `${CONDITION_PHRASES[p.condition]} ranks "${p.atLeast}" or higher`;
    case 'top':
      return `${CONDITION_PHRASES[p.condition]} ranks first (alone or tied, at least "low")`;
    case 'wells-shown':
      return 'the Wells score is shown (DVT is plausible)';
    case 'not':
      return `it is not the case that ${describePredicate(p.of, true)}`;
    case 'all':
      return p.of
        .map((q) => (q.kind === 'any' ? `(${describePredicate(q, true)})` : describePredicate(q, true)))
        .join(' and ');
    case 'any': {
      const parts = p.of.map((q) =>
        q.kind === 'all' ? `(${describePredicate(q, true)})` : describePredicate(q, true),
      );
      return parts.length === 2 ? parts.join(' or ') : parts.join(', or ');
    }
  }
}

/** A trigger as numbered alternatives when it is an "any" ("any of: (1) …; (2) …"), else one clause. */
export function describeAlternatives(p: PlanPredicate): string {
  if (p.kind !== 'any' || p.of.length < 2) return describePredicate(p);
  return `any of: ${p.of.map((q, i) => `(${i + 1}) ${describePredicate(q, true)}`).join('; ')}`;
}
