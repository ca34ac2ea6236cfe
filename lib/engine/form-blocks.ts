/**
 * Form blocks: when each block of the form matters for this patient (issue 9, the adaptive form).
 *
 * The red-flag screen and the core story are always open. Every other block opens on typed predicates over the
 * answers so far, the chart and the ranking, each with the reason in clinician words; the first trigger that holds
 * gives the reason shown. The rules are data and are rendered into the rule book, so "why did this block open?"
 * has a reviewable answer. A closed block is never evidence of anything: its questions stay unknown.
 */
import type { ConditionId, FormBlockId, FormBlockState } from './assessment';
import { FORM_BLOCK_IDS } from './assessment';
import type { PlanContext } from './context';
import { holdsPlan } from './predicate-compiler';
import type { PlanPredicate } from './predicate-types';

export interface BlockTrigger {
  readonly when: PlanPredicate;
  /** Why the block is open, in clinician words (shown beside the block). */
  readonly reason: string;
}

export interface FormBlockRule {
  readonly id: FormBlockId;
  /** Always open (the red-flag screen, the story, the comment). */
  readonly always?: true;
  readonly triggers: readonly BlockTrigger[];
}

/** The condition ranks at least "low": it is in play. */
function inPlay(condition: ConditionId): PlanPredicate {
  return { kind: 'likelihood', condition, atLeast: 'low' };
}

export const FORM_BLOCK_RULES: readonly FormBlockRule[] = [
  { id: 'red-flags', always: true, triggers: [] },
  { id: 'story', always: true, triggers: [] },
  {
    id: 'swelling-and-clots',
    triggers: [
      {
        when: { kind: 'derived', id: 'one-leg-swollen' },
        reason: 'One leg is swollen: Wells and the DVT questions decide the next step.',
      },
      {
        when: { kind: 'flag', ids: ['suspected-dvt', 'possible-pulmonary-embolism'], raised: true },
        reason: 'A clot is suspected: complete the Wells score.',
      },
      { when: inPlay('deep-vein-thrombosis'), reason: 'DVT is in the differential: complete the Wells score.' },
      {
        when: {
          kind: 'any',
          of: [
            { kind: 'exam', finding: 'redness', is: true },
            { kind: 'exam', finding: 'warmth', is: true },
          ],
        },
        reason: 'The leg is red or warm: cellulitis and DVT look alike.',
      },
      { when: inPlay('cellulitis'), reason: 'Cellulitis is in the differential.' },
      {
        when: { kind: 'derived', id: 'dvt-compatible-presentation' },
        reason: 'Pain in one calf or thigh could be a clot: the Wells questions decide.',
      },
    ],
  },
  {
    id: 'restless-legs',
    triggers: [
      {
        when: {
          kind: 'any',
          of: [
            { kind: 'irlssg', item: 'urgeToMove', is: true },
            { kind: 'includes', field: 'qualities', anyOf: ['creeping-urge'] },
            { kind: 'includes', field: 'relievedBy', anyOf: ['moving-legs'] },
          ],
        },
        reason: 'There is an urge to move the legs: the IRLSSG criteria decide.',
      },
      { when: inPlay('restless-legs-syndrome'), reason: 'Restless legs is in the differential.' },
      {
        when: { kind: 'condition', concepts: ['restless-legs'] },
        reason: 'Restless legs is on the chart.',
      },
    ],
  },
  {
    id: 'back-and-nerves',
    triggers: [
      {
        when: {
          kind: 'any',
          of: [
            { kind: 'includes', field: 'locations', anyOf: ['back-of-leg-from-buttock', 'lateral-leg-dorsum-foot'] },
            { kind: 'includes', field: 'qualities', anyOf: ['sharp-shooting-electric', 'numbness-tingling'] },
          ],
        },
        reason: 'The pain radiates or is numb and tingling: examine the nerves and roots.',
      },
      {
        when: {
          kind: 'any',
          of: [
            { kind: 'exam', finding: 'footDrop', is: true },
            { kind: 'exam', finding: 'progressiveWeakness', is: true },
            { kind: 'exam', finding: 'weakDorsiflexionEversion', is: true },
          ],
        },
        reason: 'The foot is weak: localise it (root, peroneal nerve or neuropathy).',
      },
      { when: { kind: 'history', item: 'backPain', is: true }, reason: 'There is back pain.' },
      { when: { kind: 'history', item: 'fever', is: true }, reason: 'Fever: ask about spinal infection risks.' },
      { when: inPlay('lumbar-radiculopathy'), reason: 'Nerve-root compression is in the differential.' },
      { when: inPlay('peroneal-neuropathy'), reason: 'Peroneal nerve entrapment is in the differential.' },
      { when: inPlay('diabetic-peripheral-neuropathy'), reason: 'Diabetic neuropathy is in the differential.' },
    ],
  },
  {
    id: 'circulation',
    triggers: [
      {
        when: { kind: 'flag', ids: ['acute-limb-ischemia', 'chronic-limb-threatening-ischemia'], raised: true },
        reason: 'Limb ischaemia is suspected: pulses, colour, sensation and movement decide its grade.',
      },
      {
        when: { kind: 'derived', id: 'rest-pain-pattern' },
        reason: 'The pain follows the ischaemic rest-pain pattern.',
      },
      {
        when: {
          kind: 'any',
          of: [
            { kind: 'exam', finding: 'suddenColdPaleLeg', is: true },
            { kind: 'exam', finding: 'coolFoot', is: true },
            { kind: 'exam', finding: 'ulcer', is: true },
            { kind: 'exam', finding: 'gangrene', is: true },
          ],
        },
        reason: 'The foot is cold or has a wound: check its circulation.',
      },
      { when: inPlay('pad-ischemic-rest-pain'), reason: 'Ischaemic rest pain is in the differential.' },
      { when: { kind: 'derived', id: 'pad-on-chart' }, reason: 'PAD is on the chart.' },
      { when: { kind: 'condition', concepts: ['diabetes'] }, reason: 'Diabetes: check foot pulses and perfusion.' },
    ],
  },
  {
    id: 'cramps-and-medicines',
    triggers: [
      { when: { kind: 'derived', id: 'cramp-features' }, reason: 'The episodes sound like cramps.' },
      { when: inPlay('nocturnal-leg-cramps'), reason: 'Leg cramps are in the differential.' },
      { when: inPlay('restless-legs-syndrome'), reason: 'Restless legs: recently started medicines can cause it.' },
    ],
  },
  {
    id: 'measurements',
    triggers: [
      {
        when: { kind: 'flag', ids: ['chronic-limb-threatening-ischemia'], raised: true },
        reason: 'Suspected CLTI: enter the ABI and toe pressure if measured today.',
      },
      {
        when: inPlay('pad-ischemic-rest-pain'),
        reason: 'PAD is in play: enter an ABI or toe pressure measured today.',
      },
      {
        when: { kind: 'derived', id: 'pad-result-stale-or-other-leg' },
        reason: 'The ABI on file is old or of the other leg.',
      },
    ],
  },
  { id: 'comment', always: true, triggers: [] },
];

/** Evaluates the block rules in form order. */
export function formBlocks(ctx: PlanContext): FormBlockState[] {
  const byId = new Map(FORM_BLOCK_RULES.map((r) => [r.id, r]));
  return FORM_BLOCK_IDS.map((id) => {
    const rule = byId.get(id);
    if (!rule || rule.always) return { id, open: true };
    for (const t of rule.triggers) if (holdsPlan(t.when, ctx)) return { id, open: true, reason: t.reason };
    return { id, open: false };
  });
}
