/**
 * Red flags: always the first panel of the workspace, most urgent first, never collapsed.
 *
 * Urgency is carried three ways at once (word, icon shape, colour) so it survives greyscale printing and colour
 * blindness. The empty state is careful not to read as reassurance: unanswered screening questions are counted.
 */
import type { RedFlag } from '../engine/assessment';
import { EvidenceList } from './evidence-item';
import { CheckIcon, InfoIcon, UrgencyIcon } from './icons';
import { URGENCY_LABELS } from '../engine/labels';
import { URGENCY_HINT, URGENCY_ORDER } from './labels';

export function sortRedFlags(flags: readonly RedFlag[]): RedFlag[] {
  // Stable sort: the engine's order is kept within an urgency.
  return [...flags].sort((a, b) => URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency));
}

export function RedFlagList({
  redFlags,
  now,
  unansweredScreening,
  unavailable = [],
}: {
  redFlags: readonly RedFlag[];
  now: Date;
  /** How many red-flag screening questions are still "unknown". */
  unansweredScreening: number;
  /** Chart sections that failed to load, in words: flags that depend on them could not be checked. */
  unavailable?: readonly string[];
}) {
  if (redFlags.length === 0) {
    // Green (and a tick) only once every screening question is answered: until then it is not reassurance.
    const complete = unansweredScreening === 0 && unavailable.length === 0;
    return (
      <section
        className={`panel red-flags red-flags-none${complete ? '' : ' red-flags-incomplete'}`}
        aria-labelledby="red-flags-title"
      >
        <h2 id="red-flags-title" className="panel-title">
          {complete ? <CheckIcon /> : <InfoIcon />} No red flags raised so far
        </h2>
        <p className="muted">
          Nothing in the chart or the answers raises a red flag.
          {unansweredScreening > 0
            ? ` ${unansweredScreening} red-flag screening question${unansweredScreening === 1 ? ' is' : 's are'} still unanswered — unknown is not "no".`
            : ' All red-flag screening questions are answered.'}
          {unavailable.length > 0
            ? ` Not checked: anything that depends on ${unavailable.join(' and ')}, which could not be loaded.`
            : ''}
        </p>
      </section>
    );
  }
  const sorted = sortRedFlags(redFlags);
  return (
    <section className="panel red-flags" aria-labelledby="red-flags-title">
      <h2 id="red-flags-title" className="panel-title">
        Red flags ({sorted.length})
      </h2>
      <ul className="red-flag-list">
        {sorted.map((flag) => (
          <li key={flag.id} className={`red-flag urgency-${flag.urgency}`} data-testid={`red-flag-${flag.id}`}>
            <div className="red-flag-head">
              <span className="urgency-badge">
                <UrgencyIcon urgency={flag.urgency} />
                <span>
                  {URGENCY_LABELS[flag.urgency]}
                  <span className="urgency-hint"> — {URGENCY_HINT[flag.urgency]}</span>
                </span>
              </span>
              <strong className="red-flag-message">{flag.message}</strong>
            </div>
            <p className="red-flag-action">
              <span className="label-inline">Do now:</span> {flag.action}
            </p>
            <div className="red-flag-evidence">
              <span className="label-inline">Because:</span>
              <EvidenceList items={flag.evidence} now={now} empty="(evidence not itemised)" showWeight={false} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
