/**
 * Likelihood in words with a four-step meter beside it: the word carries the meaning (greyscale print, colour
 * blindness), the meter lets a column of candidates be compared at a glance.
 */
import type { Likelihood } from '../engine/assessment';
import { LIKELIHOOD_WORDS } from './labels';

const LIKELIHOOD_LEVEL: Readonly<Record<Likelihood, number>> = { high: 4, moderate: 3, low: 2, unlikely: 1 };

export function LikelihoodMeter({ likelihood }: { likelihood: Likelihood }) {
  const level = LIKELIHOOD_LEVEL[likelihood];
  return (
    <span className={`likelihood likelihood-${likelihood}`}>
      <span className="meter" aria-hidden="true">
        {[1, 2, 3, 4].map((i) => (
          <span key={i} className={i <= level ? 'meter-on' : 'meter-off'} />
        ))}
      </span>
      {LIKELIHOOD_WORDS[likelihood]}
    </span>
  );
}
