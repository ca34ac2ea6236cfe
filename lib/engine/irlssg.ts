/**
 * IRLSSG 2012 essential criteria for restless legs syndrome: all five must be met for the diagnosis.
 * Returns null when none of the five was answered (nothing to report, and nothing to count as "not met").
 */
import type { IrlssgScore } from './assessment';
import type { FormAnswers } from '@/lib/form/schema';
import { IRLSSG_LABELS, IRLSSG_ORDER } from './labels';

export function computeIrlssg(form: FormAnswers): IrlssgScore | null {
  const answers = form.irlssg;
  if (!answers) return null;
  let answered = 0;
  let criteriaMet = 0;
  const items = IRLSSG_ORDER.map((id) => {
    const v = answers[id];
    if (v !== undefined) answered += 1;
    if (v === true) criteriaMet += 1;
    return { id, label: IRLSSG_LABELS[id], met: v ?? null };
  });
  if (answered === 0) return null;
  return { criteriaMet, of: 5, items, allMet: criteriaMet === 5 };
}
