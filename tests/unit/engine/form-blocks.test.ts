/**
 * Form blocks (issue 9, the adaptive form): the red-flag screen and the story are always open; every other block
 * opens on a typed predicate, with its reason in clinician words.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '@/lib/engine';
import { FORM_BLOCK_IDS, type FormBlockId } from '@/lib/engine/assessment';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import { QUESTION_GROUPS } from '@/lib/form/questions';
import type { FormAnswers } from '@/lib/form/schema';
import { OPTS, condition, facts } from './builders';

const blocks = (form: FormAnswers, f = EMPTY_FACTS) => assess(f, form, OPTS).formBlocks;
const open = (form: FormAnswers, f = EMPTY_FACTS) =>
  blocks(form, f)
    .filter((b) => b.open)
    .map((b) => b.id);
const reason = (form: FormAnswers, id: FormBlockId, f = EMPTY_FACTS) =>
  blocks(form, f).find((b) => b.id === id)?.reason;

describe('form blocks', () => {
  it('are the form’s question groups, in form order', () => {
    expect(QUESTION_GROUPS.map((g) => g.id)).toEqual([...FORM_BLOCK_IDS]);
    expect(blocks({}).map((b) => b.id)).toEqual([...FORM_BLOCK_IDS]);
  });

  it('open only the red-flag screen, the story and the comment on an empty form and chart', () => {
    expect(open({})).toEqual(['red-flags', 'story', 'comment']);
    expect(
      blocks({})
        .filter((b) => b.open)
        .every((b) => b.reason === undefined),
    ).toBe(true);
  });

  it('open Wells when one leg is swollen, with the reason', () => {
    expect(open({ exam: { unilateralSwelling: true } })).toContain('swelling-and-clots');
    expect(reason({ exam: { unilateralSwelling: true } }, 'swelling-and-clots')).toMatch(/One leg is swollen/);
  });

  it('open the IRLSSG block on an urge to move, the nerve block on radiating pain, circulation on a rest-pain story', () => {
    expect(open({ qualities: ['creeping-urge'] })).toContain('restless-legs');
    expect(open({ locations: ['back-of-leg-from-buttock'] })).toContain('back-and-nerves');
    expect(reason({ exam: { footDrop: true } }, 'back-and-nerves')).toMatch(/foot is weak/);
    const restPain: FormAnswers = {
      side: 'right',
      locations: ['toes-forefoot'],
      qualities: ['burning'],
      relievedBy: ['dangling-leg'],
    };
    expect(open(restPain)).toEqual(expect.arrayContaining(['circulation', 'measurements']));
  });

  it('open circulation for PAD on the chart even before anything is recorded', () => {
    expect(reason({}, 'circulation', facts({ conditions: [condition('pad')] }))).toMatch(
      /PAD is on the chart|Ischaemic rest pain is in the differential/,
    );
  });

  it('open cramps and medicines on a cramp feature', () => {
    expect(open({ qualities: ['cramp-knot'] })).toContain('cramps-and-medicines');
  });
});
