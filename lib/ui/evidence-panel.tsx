'use client';
/**
 * Chart evidence: what the record holds that matters for this patient, most important first.
 *
 * Reading order is by importance, not by FHIR resource: vascular tests, then results (abnormal and those the
 * assessment relies on first), the problem list, medications, surgery and stays. Everything that was searched for
 * and not found is one line ("Not on file: TBI, toe pressure, ferritin, …"): a reason to order a test, never a normal
 * result. A section that could not be loaded says so with a retry and is never listed as "not on file". A record the
 * chart holds but Nocturne could not use is shown where its value would have been, with the reason.
 *
 * Ages are humane ("2 wk ago"); a result older than the engine's staleness window is marked as such; the record
 * behind every line is one click away. Interpretation (ABI band, CLTI) comes from the engine; this only lays it out.
 */
import { useState, type ReactNode } from 'react';
import type { AbiInterpretation, AbiLeg } from '../engine/assessment';
import { DAY_MS } from '../core/time';
import {
  LAB_CONCEPTS,
  type ChartFacts,
  type ChartSection,
  type ConditionFact,
  type DataIssue,
  type ObservationConcept,
  type ObservationFact,
  type Side,
  type VascularConcept,
} from '../engine/facts';
import { capitalise, formatAgo, formatDate, formatValue } from '../engine/format';
import { STALENESS_DAYS } from '../engine/thresholds';
import {
  ABI_BAND_WORDS,
  CONDITION_GROUPS,
  EVENT_WORDS,
  LAB_LABELS,
  LAB_ORDER,
  MEDICATION_CLASS_LABELS,
  SMOKING_WORDS,
} from './labels';
import { Provenance } from './provenance';
import { availability, SectionErrors, SkeletonRows } from './section-state';
import { TrendChart } from './trend-chart';
import type { SectionStates } from './types';

interface Props {
  readonly facts: ChartFacts;
  readonly abi: AbiInterpretation | null;
  readonly sections: SectionStates;
  readonly dataIssues: readonly DataIssue[];
  readonly now: Date;
  /** Chart records the assessment cites (red flags, ranked candidates): shown before the rest of their block. */
  readonly cited?: readonly string[] | undefined;
}

const SIDES: readonly Side[] = ['right', 'left'];

/** Older than the engine's staleness window for the concept (the same table the engine uses to ask for a repeat). */
function isStale(concept: ObservationConcept, date: string, now: Date): boolean {
  const ms = Date.parse(date);
  return Number.isFinite(ms) && now.getTime() - ms > STALENESS_DAYS[concept] * DAY_MS;
}

function Age({ date, now }: { date?: string | undefined; now: Date }) {
  const ago = formatAgo(date, now);
  return ago ? <span className="age"> · {ago}</span> : null;
}

function StaleChip() {
  return <span className="status-chip status-stale">Older result: repeat</span>;
}

function NotOnFile({ what }: { what: string }) {
  return (
    <span className="status-chip status-missing">
      Not on file<span className="sr-only"> ({what})</span>
    </span>
  );
}

const RECORD_KIND: Readonly<Record<string, string>> = {
  Observation: 'A result',
  Condition: 'A problem-list entry',
  MedicationRequest: 'A medication order',
  Procedure: 'A procedure',
  Encounter: 'An encounter',
  Patient: 'The patient record',
};

/**
 * A data issue in clinical words: parser details ("field \"valueQuantity.value\": expected number", UCUM annotations
 * such as "{ratio}", a FHIR resource type as the subject) are taken out; what was wrong and that it was not used stay.
 */
export function issueText(problem: string): string {
  let text = problem
    .replace(/\s*\(field "[^"]*":[^)]*\)/g, '')
    .replace(/\s*\{[^}]*\}/g, '')
    .replace(
      /^(Observation|Condition|MedicationRequest|Procedure|Encounter|Patient)\b/,
      (type) => RECORD_KIND[type] ?? type,
    );
  if (/could not be read\.?$/.test(text))
    text = `${text.replace(/\.$/, '')}: not used — check the record in the chart.`;
  return text;
}

/** The records Nocturne could not use, where their values would have been shown, with the reason. */
function Unusable({ issues, testId }: { issues: readonly DataIssue[]; testId: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="unusable" data-testid={testId}>
      {issues.map((issue, i) => (
        <li key={`${issue.resource ?? ''}-${i}`}>
          <span className="status-chip status-flag">Not used</span> {issueText(issue.problem)}
        </li>
      ))}
    </ul>
  );
}

function Block({
  id,
  title,
  sections,
  props,
  children,
}: {
  id: string;
  title: string;
  sections: readonly ChartSection[];
  props: Props;
  children: ReactNode;
}) {
  const state = availability(props.sections, sections, props.facts.unavailable);
  return (
    <section className="evidence-block" aria-labelledby={`ev-${id}`} data-testid={`evidence-${id}`}>
      <h3 id={`ev-${id}`} className="block-title">
        {title}
      </h3>
      {state === 'loading' ? (
        <SkeletonRows label={title} />
      ) : state === 'failed' ? (
        <p className="unknown-line">Unknown: could not be loaded (see above).</p>
      ) : (
        children
      )}
    </section>
  );
}

/** The sections loaded (an empty block is then "not on file", listed in one line instead of shown). */
function isReady(props: Pick<Props, 'sections' | 'facts'>, sections: readonly ChartSection[]): boolean {
  return availability(props.sections, sections, props.facts.unavailable) === 'ready';
}

function series(facts: ChartFacts, concept: VascularConcept, side: Side | undefined): ObservationFact[] {
  return facts.observations.filter((o) => o.concept === concept && o.side === side);
}

function AbiRow({
  label,
  testId,
  leg,
  chartSeries,
  now,
}: {
  label: string;
  testId: string;
  leg: AbiLeg | undefined;
  chartSeries: readonly ObservationFact[];
  now: Date;
}) {
  const latest = chartSeries[0];
  const value = leg ? leg.value : latest?.value;
  if (value === undefined) return null;
  const fromForm = leg?.source === 'form';
  return (
    <li className={`abi-row${leg?.band === 'abnormal' ? ' is-abnormal' : ''}`} data-testid={testId}>
      <div className="abi-main">
        <span className="fact-name">{label}</span> <span className="measure-value">{value.toFixed(2)}</span>{' '}
        {leg ? <span className={`band-chip band-chip-${leg.band}`}>{ABI_BAND_WORDS[leg.band]}</span> : null}{' '}
        {leg?.stale ? <StaleChip /> : null}
        {fromForm ? (
          <span className="source-tag source-form">Form</span>
        ) : (
          <>
            <Age date={leg?.date ?? latest?.date} now={now} />
            <Provenance
              what={`${label} ${value.toFixed(2)}`}
              reference={leg?.reference ?? latest?.provenance.reference}
              date={leg?.date ?? latest?.date}
              now={now}
            />
          </>
        )}
        {leg ? <div className="interpretation">{leg.interpretation}</div> : null}
        {fromForm && latest ? (
          <div className="muted small">
            Chart: {latest.value.toFixed(2)}
            <Age date={latest.date} now={now} />
          </div>
        ) : null}
      </div>
      {chartSeries.length > 1 ? (
        <TrendChart kind="abi" title={label} points={chartSeries.map((o) => ({ date: o.date, value: o.value }))} />
      ) : null}
    </li>
  );
}

const OTHER_VASCULAR: readonly { concept: VascularConcept; label: string }[] = [
  { concept: 'tbi', label: 'TBI' },
  { concept: 'toe-pressure', label: 'Toe pressure' },
  { concept: 'ankle-pressure', label: 'Ankle pressure' },
  { concept: 'tcpo2', label: 'TcPO2' },
];

/** The engine's worst measure of a kind when it came from the form (a bedside entry) for this leg. */
function formEntry(abi: AbiInterpretation | null, concept: VascularConcept, side: Side): { value: number } | undefined {
  const m =
    concept === 'tbi'
      ? abi?.tbi
      : concept === 'toe-pressure'
        ? abi?.toePressure
        : concept === 'ankle-pressure'
          ? abi?.anklePressure
          : concept === 'tcpo2'
            ? abi?.tcpo2
            : undefined;
  return m && m.source === 'form' && m.side === side ? { value: m.value } : undefined;
}

function sideWord(side: Side | undefined): string {
  return side ? ` ${side}` : ', leg not recorded';
}

function VascularBlock(props: Props & { issues: readonly DataIssue[] }) {
  const { facts, abi, now } = props;
  const unspecified = series(facts, 'abi', undefined);
  const others = OTHER_VASCULAR.flatMap(({ concept, label }) =>
    ([...SIDES, undefined] as const).flatMap((side) => {
      const s = series(facts, concept, side);
      const entered = side ? formEntry(abi, concept, side) : undefined;
      if (s.length === 0 && !entered) return [];
      return [{ concept, label: `${label}${sideWord(side)}`, latest: s[0], entered, count: s.length }];
    }),
  );
  const tbiRef = abi?.tbi?.reference;
  return (
    <Block id="vascular" title="Vascular tests" sections={['Observation']} props={props}>
      <ul className="fact-list abi-list">
        {SIDES.map((side) => (
          <AbiRow
            key={side}
            label={`ABI ${side}`}
            testId={`abi-abi-${side}`}
            leg={abi?.[side]}
            chartSeries={series(facts, 'abi', side)}
            now={now}
          />
        ))}
        {unspecified.length > 0 || abi?.unspecified ? (
          <AbiRow
            label="ABI, leg not recorded"
            testId="abi-abi-leg-not-recorded"
            leg={abi?.unspecified}
            chartSeries={unspecified}
            now={now}
          />
        ) : null}
        {others.map((o) => {
          const abnormal =
            o.concept === 'tbi' && o.latest && tbiRef === o.latest.provenance.reference
              ? abi?.tbi?.abnormal
              : undefined;
          return (
            <li key={o.label} data-testid={`vascular-${o.label.toLowerCase().replace(/\W+/g, '-')}`}>
              <span className="fact-name">{o.label}</span>{' '}
              {o.latest ? (
                <>
                  <span className="measure-value">{formatValue(o.latest.concept, o.latest.value)}</span>{' '}
                  {abnormal !== undefined ? (
                    <span className={`band-chip band-chip-${abnormal ? 'abnormal' : 'normal'}`}>
                      {abnormal ? 'Abnormal' : 'Normal'}
                    </span>
                  ) : null}{' '}
                  {isStale(o.latest.concept, o.latest.date, now) ? <StaleChip /> : null}
                  <Age date={o.latest.date} now={now} />
                  <Provenance
                    what={`${o.label} ${formatValue(o.latest.concept, o.latest.value)}`}
                    reference={o.latest.provenance.reference}
                    date={o.latest.date}
                    now={now}
                  />
                </>
              ) : null}
              {o.entered ? (
                <span className="form-entry" data-testid={`form-entry-${o.concept}-${o.label.split(' ').pop()}`}>
                  {o.latest ? ' · today ' : ''}
                  <span className="measure-value">{formatValue(o.concept, o.entered.value)}</span>{' '}
                  <span className="source-tag source-form">Form</span>
                  <span className="muted small"> entered on the form, used in the assessment</span>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {abi?.meetsCltiHaemodynamics ? (
        <p className="clti-note">
          <strong>Meets CLTI haemodynamic criteria</strong>
          {abi.wifiIschemiaGrade !== undefined ? ` · WIfI ischaemia grade ${abi.wifiIschemiaGrade}` : ''}
        </p>
      ) : null}
      <Unusable issues={props.issues} testId="data-issues" />
    </Block>
  );
}

/** The lab's own flag, or a value outside the lab's reference range: what the lab report would highlight. */
function labFlag(o: ObservationFact): string | undefined {
  if (o.interpretation && o.interpretation !== 'normal') return capitalise(o.interpretation);
  const r = o.referenceRange;
  if (r?.low !== undefined && o.value < r.low) return 'Low';
  if (r?.high !== undefined && o.value > r.high) return 'High';
  return undefined;
}

function LabsBlock(props: Props) {
  const { facts, now } = props;
  const cited = new Set(props.cited ?? []);
  const present = LAB_ORDER.filter((concept) => facts.observations.some((o) => o.concept === concept));
  const rows = present.map((concept) => {
    const results = facts.observations.filter((o) => o.concept === concept);
    const latest = results[0] as ObservationFact;
    return { concept, results, latest, flag: labFlag(latest), cited: cited.has(latest.provenance.reference) };
  });
  // Abnormal first, then what the assessment relies on, then the rest (each in the clinician's scanning order).
  const rank = (r: (typeof rows)[number]) => (r.flag ? 0 : r.cited ? 1 : 2);
  const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i);
  if (sorted.length === 0) return null; // the vascular block already says when results could not be loaded
  return (
    <Block id="labs" title="Results" sections={['Observation']} props={props}>
      <ul className="fact-list">
        {sorted.map(({ r }) => {
          const { concept, latest, results } = r;
          return (
            <li key={concept} data-testid={`lab-${concept}`} className={r.flag ? 'is-abnormal' : undefined}>
              <span className="fact-name">{LAB_LABELS[concept]}</span>{' '}
              <span className="measure-value">{formatValue(latest.concept, latest.value)}</span>{' '}
              {r.flag ? <span className="status-chip status-flag">{r.flag}</span> : null}{' '}
              {isStale(concept, latest.date, now) ? <StaleChip /> : null}
              <Age date={latest.date} now={now} />
              <Provenance
                what={`${LAB_LABELS[concept]} ${formatValue(latest.concept, latest.value)}`}
                reference={latest.provenance.reference}
                date={latest.date}
                now={now}
                note={latest.original ? `recorded as ${latest.original.value} ${latest.original.unit}` : undefined}
              />
              {results.length > 1 ? (
                <span className="muted small">
                  {' '}
                  (before:{' '}
                  {results
                    .slice(1, 3)
                    .map((o) => `${formatValue(o.concept, o.value)}, ${formatDate(o.date)}`)
                    .join('; ')}
                  )
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
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
      <Provenance
        what={c.label}
        reference={c.provenance.reference}
        date={c.provenance.date ?? c.onset}
        now={now}
        matchedBy={c.provenance.matchedBy}
        verification={c.provenance.verification}
      />
    </li>
  );
}

const SHOWN_PER_GROUP = 3;

/**
 * Newest first, for ISO 8601 dates: their text order is their time order, so a plain comparison is exact.
 * `localeCompare` would also start ICU's collator, which cost ≈ 10 ms of the launch's first render (issue 13).
 */
const newestFirst = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);

/** Active first, then newest; a heavy chart shows three per row and the rest on request (all in print). */
function ConditionList({ items, now, groupId }: { items: readonly ConditionFact[]; now: Date; groupId: string }) {
  const [open, setOpen] = useState(false);
  const sorted = [...items].sort(
    (a, b) =>
      (a.status === 'active' ? 0 : 1) - (b.status === 'active' ? 0 : 1) ||
      newestFirst(a.onset ?? a.provenance.date ?? '', b.onset ?? b.provenance.date ?? ''),
  );
  const shown = sorted.slice(0, SHOWN_PER_GROUP);
  const rest = sorted.slice(SHOWN_PER_GROUP);
  const restId = `conditions-more-${groupId}`;
  return (
    <>
      <ul className="fact-list inline-list">
        {shown.map((c, i) => (
          <ConditionItem key={`${c.provenance.reference}-${c.concept}-${i}`} c={c} now={now} />
        ))}
      </ul>
      {rest.length > 0 ? (
        <>
          <ul id={restId} className="fact-list inline-list print-expand" hidden={!open}>
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

function conditionGroups(facts: ChartFacts, cited: ReadonlySet<string>) {
  const groups = CONDITION_GROUPS.map((group, i) => {
    // One record can match two concepts of a group (e.g. PAD and claudication): list it once.
    const matches = facts.conditions
      .filter((c) => group.concepts.includes(c.concept))
      .filter((c, j, all) => all.findIndex((o) => o.provenance.reference === c.provenance.reference) === j);
    return { group, matches, i, cited: matches.some((c) => cited.has(c.provenance.reference)) };
  });
  const present = groups
    .filter((g) => g.matches.length > 0)
    .sort((a, b) => Number(b.cited) - Number(a.cited) || a.i - b.i);
  const absent = groups.filter((g) => g.matches.length === 0 && g.group.id !== 'other').map((g) => g.group.title);
  return { present, absent };
}

function ConditionsBlock(props: Props & { issues: readonly DataIssue[] }) {
  const { facts, now } = props;
  const { present } = conditionGroups(facts, new Set(props.cited ?? []));
  if (present.length === 0 && props.issues.length === 0 && isReady(props, ['Condition'])) return null;
  return (
    <Block id="conditions" title="Problem list" sections={['Condition']} props={props}>
      <dl className="fact-rows">
        {present.map(({ group, matches }) => (
          <div key={group.id} className="fact-row" data-testid={`conditions-${group.id}`}>
            <dt>{group.title}</dt>
            <dd>
              <ConditionList items={matches} now={now} groupId={group.id} />
            </dd>
          </div>
        ))}
      </dl>
      <Unusable issues={props.issues} testId="data-issues-conditions" />
    </Block>
  );
}

function MedicationsBlock(props: Props) {
  const { facts, now } = props;
  if (facts.medications.length === 0 && isReady(props, ['MedicationRequest'])) return null;
  return (
    <Block id="medications" title="Medications" sections={['MedicationRequest']} props={props}>
      <ul className="fact-list inline-list">
        {facts.medications.map((m, i) => (
          <li key={`${m.provenance.reference}-${i}`}>
            <span className="fact-label">{m.label}</span>{' '}
            <span className="muted">({MEDICATION_CLASS_LABELS[m.medClass].toLowerCase()})</span>{' '}
            <span className={`status-chip ${m.status === 'active' ? 'status-active' : 'status-history'}`}>
              {m.status === 'active' ? 'Active' : 'Stopped'}
            </span>
            <Provenance
              what={m.label}
              reference={m.provenance.reference}
              date={m.date ?? m.provenance.date}
              now={now}
            />
          </li>
        ))}
      </ul>
    </Block>
  );
}

function EventsBlock(props: Props) {
  const { facts, now } = props;
  if (facts.events.length === 0 && isReady(props, ['Procedure', 'Encounter'])) return null;
  const events = [...facts.events].sort((a, b) => newestFirst(a.date, b.date));
  return (
    <Block id="events" title="Surgery and hospital stays" sections={['Procedure', 'Encounter']} props={props}>
      <ul className="fact-list inline-list">
        {events.map((e, i) => (
          <li key={`${e.provenance.reference}-${i}`}>
            <span className="fact-label">{e.label}</span>{' '}
            <span className="muted">({EVENT_WORDS[e.kind].toLowerCase()})</span>
            <Age date={e.date} now={now} />
            <Provenance what={e.label} reference={e.provenance.reference} date={e.date} now={now} />
          </li>
        ))}
      </ul>
    </Block>
  );
}

function SmokingLine(props: Props) {
  const { facts, now } = props;
  if (!facts.smoking || availability(props.sections, ['Observation'], facts.unavailable) !== 'ready') return null;
  return (
    <p className="smoking-line">
      <span className="fact-name">Smoking</span> {SMOKING_WORDS[facts.smoking.status]}
      <Age date={facts.smoking.date} now={now} />
      <Provenance
        what="smoking status"
        reference={facts.smoking.provenance.reference}
        date={facts.smoking.date}
        now={now}
      />
    </p>
  );
}

const NOT_ON_FILE_SHOWN = 8;

/** Everything searched for and not found, in one line: ABI per leg, other vascular tests, labs, problem-list groups. */
export function notOnFile(props: Pick<Props, 'facts' | 'sections' | 'abi'>): string[] {
  const { facts, abi } = props;
  const ready = (sections: readonly ChartSection[]) => isReady(props, sections);
  const out: string[] = [];
  if (ready(['Observation'])) {
    const anyAbi = series(facts, 'abi', undefined).length > 0 || abi?.unspecified;
    for (const side of SIDES) {
      if (!anyAbi && !abi?.[side] && series(facts, 'abi', side).length === 0) out.push(`ABI ${side}`);
    }
    for (const { concept, label } of OTHER_VASCULAR) {
      if (!facts.observations.some((o) => o.concept === concept) && !formEntry(abi, concept, 'right')) {
        if (!formEntry(abi, concept, 'left')) out.push(concept === 'toe-pressure' ? 'toe pressure' : label);
      }
    }
    const labs = [...LAB_ORDER, ...LAB_CONCEPTS.filter((c) => !LAB_ORDER.includes(c))];
    for (const concept of labs) {
      if (!facts.observations.some((o) => o.concept === concept)) out.push(LAB_LABELS[concept]);
    }
    if (!facts.smoking) out.push('smoking status');
  }
  if (ready(['Condition'])) out.push(...conditionGroups(facts, new Set()).absent);
  if (ready(['MedicationRequest']) && facts.medications.length === 0) out.push('relevant medications');
  if (ready(['Procedure', 'Encounter']) && facts.events.length === 0) out.push('recent surgery or stays');
  return out;
}

function NotOnFileLine(props: Props & { unusableResults: number }) {
  const [all, setAll] = useState(false);
  const items = notOnFile(props);
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, NOT_ON_FILE_SHOWN);
  return (
    <p className="not-on-file-line" data-testid="not-on-file">
      <NotOnFile what="searched for, nothing found" />{' '}
      {props.unusableResults > 0 ? (
        <span className="muted">
          (or on file but not usable: {props.unusableResults} result{props.unusableResults === 1 ? '' : 's'}, see
          above){' '}
        </span>
      ) : null}
      {shown.join(', ')}
      {items.length > shown.length ? (
        <>
          , …{' '}
          <button type="button" className="link-button" aria-expanded={false} onClick={() => setAll(true)}>
            {items.length - shown.length} more
          </button>
        </>
      ) : null}
    </p>
  );
}

const ALL_SECTIONS: readonly ChartSection[] = [
  'Observation',
  'Condition',
  'MedicationRequest',
  'Procedure',
  'Encounter',
];

export function EvidencePanel(props: Props) {
  const byType = (type: string) => props.dataIssues.filter((i) => i.resource?.startsWith(`${type}/`));
  const placed = new Set([...byType('Observation'), ...byType('Condition')]);
  const others = props.dataIssues.filter((i) => !placed.has(i));
  return (
    <section className="panel evidence-panel" aria-labelledby="evidence-title">
      <h2 id="evidence-title" className="panel-title">
        Chart evidence
      </h2>
      <SectionErrors states={props.sections} sections={ALL_SECTIONS} unavailable={props.facts.unavailable} />
      <VascularBlock {...props} issues={byType('Observation')} />
      <LabsBlock {...props} />
      <ConditionsBlock {...props} issues={byType('Condition')} />
      <MedicationsBlock {...props} />
      <EventsBlock {...props} />
      <SmokingLine {...props} />
      <NotOnFileLine {...props} unusableResults={byType('Observation').length} />
      {others.length > 0 ? (
        <section className="evidence-block" aria-labelledby="ev-issues">
          <h3 id="ev-issues" className="block-title">
            Other records that could not be used
          </h3>
          <Unusable issues={others} testId="data-issues-other" />
        </section>
      ) : null}
    </section>
  );
}
