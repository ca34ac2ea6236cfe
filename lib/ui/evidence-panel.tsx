'use client';
/**
 * Chart evidence: what Nocturne found in the record, when, and where it came from.
 *
 * Three states are kept visibly distinct for every row, because confusing them is a clinical error:
 *  - a finding with its source (resource reference + date);
 *  - "Not on file": the section loaded and nothing matched (a reason to order the test, not a normal result);
 *  - "Could not load": the section failed; the finding is unknown and a retry is offered.
 * Interpretation (ABI band, CLTI) comes from the engine's Assessment; this component only lays it out.
 */
import { useState } from 'react';
import type { AbiInterpretation, AbiLeg } from '../engine/assessment';
import {
  LAB_CONCEPTS,
  type ChartFacts,
  type ChartSection,
  type ConditionFact,
  type ObservationFact,
  type Side,
  type VascularConcept,
} from '../engine/facts';
import { formatDate, formatDateAgo, formatReference, formatValue } from '../engine/format';
import {
  ABI_BAND_WORDS,
  CONDITION_GROUPS,
  EVENT_WORDS,
  LAB_LABELS,
  LAB_ORDER,
  MEDICATION_CLASS_LABELS,
  SMOKING_WORDS,
} from './labels';
import { availability, SectionErrors, SkeletonRows } from './section-state';
import { TrendChart } from './trend-chart';
import type { SectionStates } from './types';

interface Props {
  readonly facts: ChartFacts;
  readonly abi: AbiInterpretation | null;
  readonly sections: SectionStates;
  readonly dataIssues: readonly { readonly resource?: string; readonly problem: string }[];
  readonly now: Date;
}

function Provenance({
  reference,
  date,
  now,
}: {
  reference?: string | undefined;
  date?: string | undefined;
  now: Date;
}) {
  return (
    <span className="provenance">
      {formatReference(reference)} · {formatDateAgo(date, now)}
    </span>
  );
}

function NotOnFile({ what }: { what?: string }) {
  return (
    <span className="status-chip status-missing">
      Not on file{what ? <span className="sr-only"> ({what})</span> : null}
    </span>
  );
}

function Block({
  id,
  title,
  sections,
  props,
  children,
  compactErrors = false,
}: {
  id: string;
  title: string;
  sections: readonly ChartSection[];
  props: Props;
  children: React.ReactNode;
  /** The same section's failure is already explained in an earlier block. */
  compactErrors?: boolean;
}) {
  const state = availability(props.sections, sections, props.facts.unavailable);
  return (
    <section className="evidence-block" aria-labelledby={`ev-${id}`} data-testid={`evidence-${id}`}>
      <h3 id={`ev-${id}`} className="block-title">
        {title}
      </h3>
      <SectionErrors
        states={props.sections}
        sections={sections}
        unavailable={props.facts.unavailable}
        compact={compactErrors}
      />
      {state === 'loading' ? <SkeletonRows label={title} /> : state === 'ready' ? children : null}
    </section>
  );
}

const SIDES: readonly Side[] = ['right', 'left'];
const SIDE_WORDS: Record<Side, string> = { right: 'Right', left: 'Left' };

function series(facts: ChartFacts, concept: VascularConcept, side: Side | undefined): ObservationFact[] {
  return facts.observations.filter((o) => o.concept === concept && o.side === side);
}

function AbiLegRow({
  label,
  leg,
  chartSeries,
  now,
}: {
  label: string;
  leg: AbiLeg | undefined;
  chartSeries: readonly ObservationFact[];
  now: Date;
}) {
  const latest = chartSeries[0];
  if (!leg && !latest) {
    return (
      <tr>
        <th scope="row">{label}</th>
        <td colSpan={2}>
          <NotOnFile what={`ABI ${label}`} />
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid={`abi-${label.toLowerCase().replace(/\W+/g, '-')}`}>
      <th scope="row">{label}</th>
      <td>
        {leg ? (
          <>
            <span className="measure-value">{leg.value.toFixed(2)}</span>{' '}
            <span className={`band-chip band-chip-${leg.band}`}>{ABI_BAND_WORDS[leg.band]}</span>
            {leg.stale ? <span className="status-chip status-stale">Older result — repeat suggested</span> : null}
            <div className="interpretation">{leg.interpretation}</div>
            {leg.source === 'fhir' ? (
              <Provenance reference={leg.reference} date={leg.date} now={now} />
            ) : (
              <span className="provenance">entered on the form{leg.date ? ` · ${formatDate(leg.date)}` : ''}</span>
            )}
            {leg.source === 'form' && latest ? (
              <div className="provenance">
                Chart: {latest.value.toFixed(2)} · {formatReference(latest.provenance.reference)} ·{' '}
                {formatDateAgo(latest.date, now)}
              </div>
            ) : null}
          </>
        ) : latest ? (
          <>
            <span className="measure-value">{latest.value.toFixed(2)}</span>
            <Provenance reference={latest.provenance.reference} date={latest.date} now={now} />
          </>
        ) : null}
      </td>
      <td className="trend-cell">
        {chartSeries.length > 0 ? (
          <TrendChart
            kind="abi"
            title={`ABI ${label}`}
            points={chartSeries.map((o) => ({ date: o.date, value: o.value }))}
          />
        ) : null}
      </td>
    </tr>
  );
}

const OTHER_VASCULAR: readonly { concept: VascularConcept; label: string }[] = [
  { concept: 'tbi', label: 'TBI' },
  { concept: 'toe-pressure', label: 'Toe pressure' },
  { concept: 'ankle-pressure', label: 'Ankle pressure' },
  { concept: 'tcpo2', label: 'TcPO2' },
];

function VascularCell({
  obs,
  count,
  abnormal,
  now,
}: {
  obs: ObservationFact | undefined;
  count: number;
  abnormal?: boolean | undefined;
  now: Date;
}) {
  if (!obs) return <NotOnFile />;
  return (
    <>
      <span className="measure-value">{formatValue(obs.concept, obs.value)}</span>{' '}
      {abnormal !== undefined ? (
        <span className={`band-chip band-chip-${abnormal ? 'abnormal' : 'normal'}`}>
          {abnormal ? 'Abnormal' : 'Normal'}
        </span>
      ) : null}
      {count > 1 ? <span className="muted"> ({count} results)</span> : null}
      <Provenance reference={obs.provenance.reference} date={obs.date} now={now} />
    </>
  );
}

/** The engine's worst measure of a kind when it came from the form (manual bedside entry) for this leg. */
function formEntry(abi: AbiInterpretation | null, concept: VascularConcept, side: Side): { value: number } | undefined {
  const m =
    concept === 'tbi'
      ? abi?.tbi
      : concept === 'toe-pressure'
        ? abi?.toePressure
        : concept === 'ankle-pressure'
          ? abi?.anklePressure
          : undefined;
  return m && m.source === 'form' && m.side === side ? { value: m.value } : undefined;
}

function VascularBlock(props: Props) {
  const { facts, abi, now } = props;
  const unspecifiedAbi = series(facts, 'abi', undefined);
  const tbiRef = abi?.tbi?.reference;
  return (
    <Block id="vascular" title="Vascular tests" sections={['Observation']} props={props}>
      <table className="evidence-table">
        <caption className="sr-only">Ankle-brachial index per leg, with trend and guideline bands</caption>
        <tbody>
          {SIDES.map((side) => (
            <AbiLegRow
              key={side}
              label={`ABI ${SIDE_WORDS[side].toLowerCase()}`}
              leg={abi?.[side]}
              chartSeries={series(facts, 'abi', side)}
              now={now}
            />
          ))}
          {unspecifiedAbi.length > 0 || abi?.unspecified ? (
            <AbiLegRow label="ABI, leg not recorded" leg={abi?.unspecified} chartSeries={unspecifiedAbi} now={now} />
          ) : null}
        </tbody>
      </table>
      {abi?.meetsCltiHaemodynamics ? (
        <p className="clti-note">
          <strong>Meets CLTI haemodynamic criteria</strong>
          {abi.wifiIschemiaGrade !== undefined ? ` · WIfI ischaemia grade ${abi.wifiIschemiaGrade}` : ''}
        </p>
      ) : abi?.wifiIschemiaGrade !== undefined ? (
        <p className="muted">WIfI ischaemia grade {abi.wifiIschemiaGrade}</p>
      ) : null}
      <table className="evidence-table evidence-table-compact">
        <caption className="sr-only">Other vascular measurements per leg</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Right</th>
            <th scope="col">Left</th>
          </tr>
        </thead>
        <tbody>
          {OTHER_VASCULAR.map(({ concept, label }) => {
            const unspecified = series(facts, concept, undefined);
            return (
              <tr key={concept}>
                <th scope="row">
                  {label}
                  {unspecified[0] ? (
                    <div className="muted small">
                      Leg not recorded: {formatValue(unspecified[0].concept, unspecified[0].value)} ·{' '}
                      {formatDate(unspecified[0].date)}
                    </div>
                  ) : null}
                </th>
                {SIDES.map((side) => {
                  const s = series(facts, concept, side);
                  const latest = s[0];
                  const abnormal =
                    concept === 'tbi' && latest && tbiRef === latest.provenance.reference
                      ? abi?.tbi?.abnormal
                      : undefined;
                  const entered = formEntry(abi, concept, side);
                  return (
                    <td key={side}>
                      {entered && !latest ? null : (
                        <VascularCell obs={latest} count={s.length} abnormal={abnormal} now={now} />
                      )}
                      {entered ? (
                        <div data-testid={`form-entry-${concept}-${side}`}>
                          <span className="measure-value">
                            {entered.value} {concept === 'tbi' ? '' : 'mmHg'}
                          </span>{' '}
                          <span className="source-tag source-form">Form</span>
                          <span className="provenance">entered on the form (used in the assessment)</span>
                        </div>
                      ) : null}
                      {concept === 'tbi' && s.length > 1 ? (
                        <TrendChart
                          kind="tbi"
                          title={`TBI ${side}`}
                          points={s.map((o) => ({ date: o.date, value: o.value }))}
                        />
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </Block>
  );
}

function ConditionItem({ c, now }: { c: ConditionFact; now: Date }) {
  return (
    <li>
      <span className="fact-label">{c.label}</span>{' '}
      <span className={`status-chip ${c.status === 'active' ? 'status-active' : 'status-history'}`}>
        {c.status === 'active' ? 'Active' : 'History'}
      </span>
      {c.side ? <span className="muted"> {c.side}</span> : null}
      {c.onset ? <span className="muted"> · since {formatDate(c.onset)}</span> : null}
      <Provenance reference={c.provenance.reference} date={c.provenance.date ?? c.onset} now={now} />
    </li>
  );
}

const SHOWN_PER_GROUP = 3;

/** Active first, then newest; a heavy chart shows three per row and the rest on request (all in print). */
function ConditionList({ items, now, groupId }: { items: readonly ConditionFact[]; now: Date; groupId: string }) {
  const [open, setOpen] = useState(false);
  const sorted = [...items].sort(
    (a, b) =>
      (a.status === 'active' ? 0 : 1) - (b.status === 'active' ? 0 : 1) ||
      (b.onset ?? b.provenance.date ?? '').localeCompare(a.onset ?? a.provenance.date ?? ''),
  );
  const shown = sorted.slice(0, SHOWN_PER_GROUP);
  const rest = sorted.slice(SHOWN_PER_GROUP);
  const restId = `conditions-more-${groupId}`;
  return (
    <>
      <ul className="fact-list">
        {shown.map((c, i) => (
          <ConditionItem key={`${c.provenance.reference}-${c.concept}-${i}`} c={c} now={now} />
        ))}
      </ul>
      {rest.length > 0 ? (
        <>
          <ul id={restId} className="fact-list print-expand" hidden={!open}>
            {rest.map((c, i) => (
              <ConditionItem key={`${c.provenance.reference}-${c.concept}-${i}`} c={c} now={now} />
            ))}
          </ul>
          <button
            type="button"
            className="button button-small button-quiet disclosure"
            aria-expanded={open}
            aria-controls={restId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Show fewer' : `Show ${rest.length} more`}
          </button>
        </>
      ) : null}
    </>
  );
}

function ConditionsBlock(props: Props) {
  const { facts, now } = props;
  return (
    <Block id="conditions" title="Conditions" sections={['Condition']} props={props}>
      <dl className="fact-rows">
        {CONDITION_GROUPS.map((group) => {
          // One record can match two concepts of a group (e.g. PAD and claudication): list it once.
          const matches = facts.conditions
            .filter((c) => group.concepts.includes(c.concept))
            .filter((c, i, all) => all.findIndex((o) => o.provenance.reference === c.provenance.reference) === i);
          if (group.id === 'other' && matches.length === 0) return null;
          return (
            <div key={group.id} className="fact-row" data-testid={`conditions-${group.id}`}>
              <dt>{group.title}</dt>
              <dd>
                {matches.length === 0 ? (
                  <NotOnFile what={group.title} />
                ) : (
                  <ConditionList items={matches} now={now} groupId={group.id} />
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </Block>
  );
}

function LabsBlock(props: Props) {
  const { facts, now } = props;
  const present = LAB_ORDER.filter((concept) => facts.observations.some((o) => o.concept === concept));
  const missing = LAB_ORDER.filter((concept) => !present.includes(concept));
  // Exhaustiveness: every lab concept is in LAB_ORDER (checked at type level by LAB_LABELS, here at runtime for order).
  const unordered = LAB_CONCEPTS.filter((c) => !LAB_ORDER.includes(c));
  return (
    <Block id="labs" title="Labs" sections={['Observation']} props={props} compactErrors>
      {present.length > 0 ? (
        <table className="evidence-table evidence-table-compact">
          <caption className="sr-only">Latest relevant laboratory results</caption>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Latest</th>
              <th scope="col">Source and date</th>
            </tr>
          </thead>
          <tbody>
            {present.map((concept) => {
              const results = facts.observations.filter((o) => o.concept === concept);
              const latest = results[0] as ObservationFact;
              return (
                <tr key={concept} data-testid={`lab-${concept}`}>
                  <th scope="row">{LAB_LABELS[concept]}</th>
                  <td>
                    <span className="measure-value">{formatValue(latest.concept, latest.value)}</span>
                    {latest.interpretation && latest.interpretation !== 'normal' ? (
                      <span className="status-chip status-flag"> lab flag: {latest.interpretation}</span>
                    ) : latest.interpretation === 'normal' ? (
                      <span className="muted"> (lab: normal)</span>
                    ) : null}
                    {latest.original ? (
                      <div className="muted small">
                        recorded as {latest.original.value} {latest.original.unit}
                      </div>
                    ) : null}
                    {results.length > 1 ? (
                      <div className="muted small">
                        previous:{' '}
                        {results
                          .slice(1, 3)
                          .map((o) => `${formatValue(o.concept, o.value)} (${formatDate(o.date)})`)
                          .join(', ')}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <Provenance reference={latest.provenance.reference} date={latest.date} now={now} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {missing.length + unordered.length > 0 ? (
        <p className="not-on-file-line">
          <span className="status-chip status-missing">Not on file</span>{' '}
          {[...missing, ...unordered].map((c) => LAB_LABELS[c]).join(', ')}
        </p>
      ) : null}
    </Block>
  );
}

function MedicationsBlock(props: Props) {
  const { facts, now } = props;
  return (
    <Block id="medications" title="Medications" sections={['MedicationRequest']} props={props}>
      {facts.medications.length === 0 ? (
        <p>
          <NotOnFile />{' '}
          <span className="muted">No relevant medications (cramp, restless-legs or clotting related).</span>
        </p>
      ) : (
        <ul className="fact-list">
          {facts.medications.map((m, i) => (
            <li key={`${m.provenance.reference}-${i}`}>
              <span className="fact-label">{m.label}</span>{' '}
              <span className="muted">({MEDICATION_CLASS_LABELS[m.medClass]})</span>{' '}
              <span className={`status-chip ${m.status === 'active' ? 'status-active' : 'status-history'}`}>
                {m.status === 'active' ? 'Active' : 'Stopped'}
              </span>
              <Provenance reference={m.provenance.reference} date={m.date ?? m.provenance.date} now={now} />
            </li>
          ))}
        </ul>
      )}
    </Block>
  );
}

function EventsBlock(props: Props) {
  const { facts, now } = props;
  const events = [...facts.events].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Block id="events" title="Surgery and hospital stays" sections={['Procedure', 'Encounter']} props={props}>
      {events.length === 0 ? (
        <p>
          <NotOnFile /> <span className="muted">No surgery, inpatient stay or cast recorded.</span>
        </p>
      ) : (
        <ul className="fact-list">
          {events.map((e, i) => (
            <li key={`${e.provenance.reference}-${i}`}>
              <span className="fact-label">{e.label}</span> <span className="muted">({EVENT_WORDS[e.kind]})</span>
              <Provenance reference={e.provenance.reference} date={e.date} now={now} />
            </li>
          ))}
        </ul>
      )}
    </Block>
  );
}

function SmokingLine(props: Props) {
  const { facts, now } = props;
  const state = availability(props.sections, ['Observation'], facts.unavailable);
  if (state !== 'ready') return null;
  return (
    <p className="smoking-line">
      <span className="label-inline">Smoking:</span>{' '}
      {facts.smoking ? (
        <>
          {SMOKING_WORDS[facts.smoking.status]}
          <Provenance reference={facts.smoking.provenance.reference} date={facts.smoking.date} now={now} />
        </>
      ) : (
        <NotOnFile what="smoking status" />
      )}
    </p>
  );
}

export function EvidencePanel(props: Props) {
  const issues = props.dataIssues;
  return (
    <section className="panel evidence-panel" aria-labelledby="evidence-title">
      <h2 id="evidence-title" className="panel-title">
        Chart evidence
      </h2>
      <VascularBlock {...props} />
      <ConditionsBlock {...props} />
      <LabsBlock {...props} />
      <SmokingLine {...props} />
      <MedicationsBlock {...props} />
      <EventsBlock {...props} />
      {issues.length > 0 ? (
        <section className="evidence-block data-issues" aria-labelledby="ev-issues" data-testid="data-issues">
          <h3 id="ev-issues" className="block-title">
            Data issues ({issues.length}) — records that could not be used
          </h3>
          <ul className="fact-list">
            {issues.map((issue, i) => (
              <li key={`${issue.resource ?? ''}-${i}`}>
                {issue.resource ? <span className="provenance">{issue.resource}: </span> : null}
                {issue.problem}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
