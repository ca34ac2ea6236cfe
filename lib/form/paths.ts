/**
 * Reading and writing one answer of {@link FormAnswers} by its dotted path (`exam.coolFoot`), immutably.
 *
 * Why: the form is rendered from the question list in `lib/form/questions.ts`, which names answers by path.
 * Clearing an answer deletes it (and an emptied section), so "unknown" is stored as absence, exactly as the
 * schema means it — never as `false` or an empty list.
 */
import type { FormAnswers } from './schema';

type Bag = Record<string, unknown>;

export function getAnswer(form: FormAnswers, path: string): unknown {
  const [head, tail] = path.split('.', 2) as [string, string | undefined];
  const top = (form as Bag)[head];
  if (tail === undefined) return top;
  return top && typeof top === 'object' ? (top as Bag)[tail] : undefined;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'string' && value.length === 0)
  );
}

/** Sets (or, for `undefined`, empty lists and empty strings, removes) one answer. */
export function setAnswer(form: FormAnswers, path: string, value: unknown): FormAnswers {
  const [head, tail] = path.split('.', 2) as [string, string | undefined];
  const next: Bag = { ...(form as Bag) };
  if (tail === undefined) {
    if (isEmpty(value)) delete next[head];
    else next[head] = value;
    return next;
  }
  const section: Bag = { ...((next[head] as Bag | undefined) ?? {}) };
  if (isEmpty(value)) delete section[tail];
  else section[tail] = value;
  if (Object.keys(section).length === 0) delete next[head];
  else next[head] = section;
  return next;
}

/** Whether a question has an answer (anything but unknown). */
export function isAnswered(form: FormAnswers, path: string): boolean {
  return !isEmpty(getAnswer(form, path));
}
