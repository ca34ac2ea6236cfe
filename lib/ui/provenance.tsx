'use client';
/**
 * Where a chart finding came from, one click (or a hover) away: the record, its date and how it was recognised.
 *
 * Why hidden by default: a clinician reads findings, not record ids; but must be able to check any of them against
 * the chart. The button's tooltip gives the date and record on hover; a click shows them in place (and works with
 * the keyboard and screen readers, which a tooltip alone would not).
 */
import { useId, useState } from 'react';
import type { FactProvenance } from '../engine/facts';
import { formatDateAgo } from '../engine/format';

const MATCHED_WORDS: Readonly<Record<NonNullable<FactProvenance['matchedBy']>, string>> = {
  code: 'recognised by its code',
  'icd10-prefix': 'recognised by its ICD-10 code group',
  text: 'recognised by its wording only (no code): check it',
};

const VERIFICATION_WORDS: Readonly<Record<NonNullable<FactProvenance['verification']>, string>> = {
  verified: '',
  'single-source': '',
  unverified: 'unverified code: confirm in the chart',
};

export interface ProvenanceProps {
  /** What the finding is, for the button's accessible name ("Source of ABI right 0.45"). */
  readonly what: string;
  readonly reference?: string | undefined;
  readonly date?: string | undefined;
  readonly now: Date;
  readonly matchedBy?: FactProvenance['matchedBy'] | undefined;
  readonly verification?: FactProvenance['verification'] | undefined;
  /** Extra lines (e.g. "recorded as 75 mmol/mol"). */
  readonly note?: string | undefined;
}

export function Provenance({ what, reference, date, now, matchedBy, verification, note }: ProvenanceProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const when = formatDateAgo(date, now);
  const record = reference ?? 'no record reference';
  const how = [matchedBy ? MATCHED_WORDS[matchedBy] : '', verification ? VERIFICATION_WORDS[verification] : '']
    .filter(Boolean)
    .join('; ');
  return (
    <span className="prov">
      <button
        type="button"
        className="prov-toggle"
        aria-expanded={open}
        aria-controls={id}
        title={`${when} · ${record}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">i</span>
        <span className="sr-only">Source of {what}</span>
      </button>
      <span id={id} className="prov-detail" hidden={!open}>
        Chart record, {when}
        {how ? `, ${how}` : ''}
        {note ? `; ${note}` : ''}. <span className="prov-ref">{record}</span>
      </span>
    </span>
  );
}
