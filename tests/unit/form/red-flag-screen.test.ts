/**
 * The form's first block and the engine's red-flag screen are one list: the decision panel counts the block, the
 * note's plan counts the engine's screen, and a clinician who sees "16 not asked" on screen must not read
 * "6 of 10" in the note.
 */
import { describe, expect, it } from 'vitest';
import { RED_FLAG_SCREEN } from '@/lib/engine/missing';
import { QUESTION_GROUPS } from '@/lib/form/questions';

describe('red-flag screen', () => {
  it('the form block asks exactly the engine screen, in its order (follow-ups aside)', () => {
    const block = QUESTION_GROUPS.find((g) => g.id === 'red-flags');
    const asked = block?.questions.filter((q) => !q.followUpOf).map((q) => q.path);
    expect(asked).toEqual([...RED_FLAG_SCREEN]);
  });
});
