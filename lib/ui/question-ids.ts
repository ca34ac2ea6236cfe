/**
 * DOM ids of the form's questions, one scheme for the form, the links into it and the browser tests:
 * `exam.coolFoot` → `q-exam-coolFoot` (the input or group), `q-exam-coolFoot-yes` (one answer).
 */
import type { FormBlockId } from '../engine/assessment';
import { QUESTION_GROUPS, questionFor } from '../form/questions';

export function questionId(path: string): string {
  return `q-${path.replace(/\./g, '-')}`;
}

/** In-page anchor of a question (its group of options, or its input); undefined for a path the form does not ask. */
export function questionAnchor(path: string): string | undefined {
  const q = questionFor(path);
  if (!q) return undefined;
  return q.kind === 'tri' || q.kind === 'choice' || q.kind === 'multi' ? `${questionId(path)}-group` : questionId(path);
}

/** The block of the form a question is asked in. */
export function blockOf(path: string): FormBlockId | undefined {
  return QUESTION_GROUPS.find((g) => g.questions.some((q) => q.path === path))?.id;
}
