/**
 * One piece of evidence: "Chart" or "Form", the finding in words, how old it is, and where it came from one click
 * away (the chart record) or the question it answers. Why both a tag and words: a clinician must be able to tell,
 * without hovering, whether a point came from the record or from what they just ticked.
 */
import type { Evidence } from '../engine/assessment';
import { formatAgo } from '../engine/format';
import { questionFor } from '../form/questions';
import { evidenceText } from './evidence-text';
import { Provenance } from './provenance';

export function EvidenceItem({ evidence, now }: { evidence: Evidence; now: Date }) {
  const fromChart = evidence.source === 'fhir';
  const question = evidence.formField ? questionFor(evidence.formField) : undefined;
  const text = evidenceText(evidence);
  const ago = fromChart ? formatAgo(evidence.date, now) : null;
  return (
    <li className="evidence">
      <span className={`source-tag ${fromChart ? 'source-chart' : 'source-form'}`}>{fromChart ? 'Chart' : 'Form'}</span>{' '}
      <span className="evidence-label">{text}</span>
      {ago ? <span className="age"> · {ago}</span> : null}
      {fromChart && (evidence.reference || evidence.date) ? (
        <Provenance what={text} reference={evidence.reference} date={evidence.date} now={now} />
      ) : question ? (
        <span className="provenance"> · your answer to “{question.label}”</span>
      ) : null}
    </li>
  );
}

export function EvidenceList({ items, now, empty }: { items: readonly Evidence[]; now: Date; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  // The same finding can support a candidate through two rules: list it once.
  const seen = new Set<string>();
  const unique = items.filter((e) => {
    const key = `${e.source}|${evidenceText(e)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <ul className="evidence-list">
      {unique.map((e, i) => (
        <EvidenceItem key={`${e.ruleId ?? e.label}-${e.reference ?? e.formField ?? ''}-${i}`} evidence={e} now={now} />
      ))}
    </ul>
  );
}
