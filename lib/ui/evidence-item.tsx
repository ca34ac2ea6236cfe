/**
 * One piece of evidence with its provenance: "Chart" + reference + date, or "Form" + the question it answers.
 * Why always both words and a source tag: a clinician must be able to tell, without hovering, whether a point
 * came from the record (and which one) or from what they just ticked.
 */
import type { Evidence } from '../engine/assessment';
import { questionFor } from '../form/questions';
import { formatDateAgo, formatPoints, formatReference } from '../engine/format';

export function EvidenceItem({
  evidence,
  now,
  showWeight = true,
}: {
  evidence: Evidence;
  now: Date;
  showWeight?: boolean | undefined;
}) {
  const fromChart = evidence.source === 'fhir';
  const question = evidence.formField ? questionFor(evidence.formField) : undefined;
  return (
    <li className="evidence">
      <span className={`source-tag ${fromChart ? 'source-chart' : 'source-form'}`}>{fromChart ? 'Chart' : 'Form'}</span>
      <span className="evidence-label">{evidence.label}</span>
      {showWeight && evidence.weight !== 0 ? (
        <span className="evidence-weight" aria-label={`${formatPoints(evidence.weight)} points`}>
          {formatPoints(evidence.weight)}
        </span>
      ) : null}
      {fromChart ? (
        <span className="provenance">
          {formatReference(evidence.reference)}
          {' · '}
          {formatDateAgo(evidence.date, now)}
        </span>
      ) : question ? (
        <span className="provenance">answer to “{question.label}”</span>
      ) : null}
    </li>
  );
}

export function EvidenceList({
  items,
  now,
  empty,
  showWeight,
}: {
  items: readonly Evidence[];
  now: Date;
  empty: string;
  showWeight?: boolean | undefined;
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="evidence-list">
      {items.map((e, i) => (
        <EvidenceItem
          key={`${e.ruleId ?? e.label}-${e.reference ?? e.formField ?? ''}-${i}`}
          evidence={e}
          now={now}
          showWeight={showWeight}
        />
      ))}
    </ul>
  );
}
