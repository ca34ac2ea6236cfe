'use client';
/**
 * The adaptive symptom & exam form, rendered from `lib/form/questions.ts` in the engine's blocks.
 *
 * Order and openness follow the engine (`Assessment.formBlocks`): the red-flag screen first, then the core story,
 * then the blocks that matter for this patient now (Wells when DVT is in play, IRLSSG when there is an urge to move,
 * nerves, circulation…). Every other block is one line that opens on demand. A block the engine opened stays open
 * while the clinician works, so a question never vanishes under the cursor; a block with answers is never hidden.
 *
 * Built from native radios and checkboxes styled as segmented buttons: the browser gives labels, Tab between
 * questions (one stop per question), arrow keys within it and screen-reader semantics. Single keys answer the focused
 * question: y / n / u for a yes/no finding, 1–9 for the n-th option, 0 for unknown.
 *
 * Where the chart already answers a question (`Assessment.chartAnswers`) the answer is shown "from chart" and used
 * by the engine until the clinician answers; their answer always wins. The chart's record is one click away.
 */
import { memo, useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ChartAnswer, FormBlockId, FormBlockState } from '../engine/assessment';
import type { ChartFacts, ObservationFact } from '../engine/facts';
import { formatAgo, formatDate, formatValue } from '../engine/format';
import { getAnswer, isAnswered } from '../form/paths';
import {
  QUESTION_GROUPS,
  TRI_STATE_LABELS,
  UNKNOWN_CHOICE_LABEL,
  type ChoiceQuestion,
  type DateQuestion,
  type MultiQuestion,
  type NumberQuestion,
  type Question,
  type QuestionGroup,
  type TextQuestion,
  type TriStateQuestion,
} from '../form/questions';
import { EARLIEST_PLAUSIBLE_DATE, isPlausibleDate } from '../engine/plausibility';
import type { FormAnswers } from '../form/schema';
import { evidenceText } from './evidence-text';
import { EVENT_WORDS } from './labels';
import { Provenance } from './provenance';
import { blockOf, questionAnchor, questionId } from './question-ids';

export type AnswerHandler = (path: string, value: unknown) => void;

/** A request from a link elsewhere on the page to show one question (`seq` makes repeated requests distinct). */
export interface RevealRequest {
  readonly path: string;
  readonly seq: number;
}

interface FormProps {
  readonly answers: FormAnswers;
  readonly onAnswer: AnswerHandler;
  readonly facts: ChartFacts;
  readonly now: Date;
  /** Whether Observation results are known (loaded); when not, vascular prefill says so. */
  readonly observationsUnknown?: boolean;
  /** The engine's blocks; when absent every block is open (component tests, print). */
  readonly blocks?: readonly FormBlockState[] | undefined;
  /** Answers the chart gives (`Assessment.chartAnswers`). */
  readonly chartAnswers?: readonly ChartAnswer[] | undefined;
  /** The latest "show me this question" request from a link on the page. */
  readonly reveal?: RevealRequest | null | undefined;
}

/** What every question field receives: its question, the answers so far and where to send a change. */
interface FieldProps<Q> {
  readonly question: Q;
  readonly answers: FormAnswers;
  readonly onAnswer: AnswerHandler;
  readonly chart?: ChartAnswer | undefined;
  readonly now: Date;
}

/** The id of a question's help line, for the control's `aria-describedby`; none when the question has no help. */
function helpIdFor(id: string, help: string | undefined): string | undefined {
  return help ? `${id}-help` : undefined;
}

/** The help line under a question; its id is the one `helpIdFor` gives, so screen readers read it with the control. */
function QuestionHelp({ id, help }: { id: string; help: string | undefined }) {
  return help ? (
    <p className="question-help" id={`${id}-help`}>
      {help}
    </p>
  ) : null;
}

/** A single-control question: its label, the control (children) and its help line, in the one order every kind uses. */
function LabelledQuestion({
  id,
  className,
  label,
  help,
  children,
}: {
  id: string;
  className: string;
  label: string;
  help: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`question ${className}`} data-testid={id}>
      <label className="question-label" htmlFor={id}>
        {label}
      </label>
      {children}
      <QuestionHelp id={id} help={help} />
    </div>
  );
}

/** "From chart: atrial fibrillation on the problem list", with the record one click away. */
function ChartAnswerLine({ chart, now, overridden }: { chart: ChartAnswer; now: Date; overridden: boolean }) {
  const first = chart.evidence.find((e) => e.reference);
  return (
    <p className={`chart-answer${overridden ? ' is-overridden' : ''}`}>
      <span className="source-tag source-chart">From chart</span> {chart.label}
      {first?.date ? <span className="age"> · {formatAgo(first.date, now)}</span> : null}
      {first ? <Provenance what={evidenceText(first)} reference={first.reference} date={first.date} now={now} /> : null}
      {overridden ? <span className="muted"> — your answer is used instead</span> : null}
    </p>
  );
}

/**
 * What the chart holds that bears on a question without answering it (a procedure whose kind the engine cannot tell,
 * a history of cancer): shown as context, never written into the form.
 */
function ChartHintLines({ question, facts, now }: { question: TriStateQuestion; facts: ChartFacts; now: Date }) {
  const lines: { key: string; text: string; date: string | undefined; reference: string }[] = [];
  for (const c of facts.conditions) {
    if (question.chart?.conditions?.includes(c.concept)) {
      lines.push({
        key: `${c.provenance.reference}-${c.concept}`,
        text: `${c.label} (${c.status === 'active' ? 'active' : 'history'})`,
        date: c.provenance.date ?? c.onset,
        reference: c.provenance.reference,
      });
    }
  }
  for (const e of facts.events) {
    if (question.chart?.events?.includes(e.kind)) {
      lines.push({
        key: `${e.provenance.reference}-${e.kind}`,
        text: `${e.label} (${EVENT_WORDS[e.kind].toLowerCase()})`,
        date: e.date,
        reference: e.provenance.reference,
      });
    }
  }
  if (lines.length === 0) return null;
  return (
    <ul className="chart-hint">
      {lines.slice(0, 1).map((l) => (
        <li key={l.key}>
          <span className="source-tag source-chart">In chart</span> {l.text}
          {l.date ? <span className="age"> · {formatAgo(l.date, now)}</span> : null}
          <Provenance what={l.text} reference={l.reference} date={l.date} now={now} />
          {lines.length > 1 ? <span className="muted"> (+{lines.length - 1} more in the chart evidence)</span> : null}
        </li>
      ))}
    </ul>
  );
}

const TRI_KEYS: Readonly<Record<string, true | false | 'unknown'>> = { y: true, n: false, u: 'unknown', 0: 'unknown' };

function chartWord(chart: ChartAnswer | undefined, words: (value: boolean | string) => string): string | undefined {
  return chart ? `Chart: ${words(chart.value)}` : undefined;
}

function TriStateField({
  question,
  answers,
  onAnswer,
  chart,
  now,
  facts,
}: FieldProps<TriStateQuestion> & { facts: ChartFacts }) {
  const id = questionId(question.path);
  const value = getAnswer(answers, question.path) as boolean | undefined;
  const effective = value ?? (typeof chart?.value === 'boolean' ? chart.value : undefined);
  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const mapped = TRI_KEYS[event.key.toLowerCase()];
    if (mapped === undefined) return;
    event.preventDefault();
    const next = mapped === 'unknown' ? undefined : mapped;
    onAnswer(question.path, next);
    const target = document.getElementById(`${id}-${next === undefined ? 'unknown' : next ? 'yes' : 'no'}`);
    target?.focus();
  };
  const unknownLabel = chartWord(chart, (v) => (v ? 'yes' : 'no')) ?? TRI_STATE_LABELS.unknown;
  const options: { key: 'unknown' | 'yes' | 'no'; value: boolean | undefined; label: string }[] = [
    { key: 'unknown', value: undefined, label: unknownLabel },
    { key: 'yes', value: true, label: TRI_STATE_LABELS.yes },
    { key: 'no', value: false, label: TRI_STATE_LABELS.no },
  ];
  return (
    <fieldset
      className={`question question-tri${effective === true ? ' is-yes' : effective === false ? ' is-no' : ''}${
        chart && value === undefined ? ' is-from-chart' : ''
      }`}
      onKeyDown={onKeyDown}
      id={`${id}-group`}
      tabIndex={-1}
      data-testid={id}
      aria-describedby={helpIdFor(id, question.help)}
    >
      <legend className="question-label">{question.label}</legend>
      <div className="segmented" role="presentation">
        {options.map((o) => (
          <label key={o.key} className={`seg seg-${o.key}`} htmlFor={`${id}-${o.key}`}>
            <input
              type="radio"
              id={`${id}-${o.key}`}
              name={id}
              value={o.key}
              checked={value === o.value}
              onChange={() => onAnswer(question.path, o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <QuestionHelp id={id} help={question.help} />
      {chart ? (
        <ChartAnswerLine chart={chart} now={now} overridden={value !== undefined} />
      ) : (
        <ChartHintLines question={question} facts={facts} now={now} />
      )}
    </fieldset>
  );
}

/** 1–9 pick the n-th option of a focused question; 0 (or u) clears a single choice. */
function digitOf(event: KeyboardEvent): number | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  if (event.target instanceof HTMLInputElement && event.target.type === 'text') return undefined;
  if (event.key.toLowerCase() === 'u') return 0;
  return /^[0-9]$/.test(event.key) ? Number(event.key) : undefined;
}

function KeyHint({ n }: { n: number }) {
  return (
    <kbd className="key-hint" aria-hidden="true">
      {n}
    </kbd>
  );
}

function ChoiceField({ question, answers, onAnswer, chart, now }: FieldProps<ChoiceQuestion>) {
  const id = questionId(question.path);
  const value = getAnswer(answers, question.path) as string | undefined;
  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    const digit = digitOf(event);
    if (digit === undefined || digit > question.options.length) return;
    event.preventDefault();
    const option = digit === 0 ? undefined : question.options[digit - 1];
    onAnswer(question.path, option?.value);
    document.getElementById(`${id}-${option?.value ?? 'unknown'}`)?.focus();
  };
  const unknownLabel =
    chartWord(chart, (v) => question.options.find((o) => o.value === v)?.label.toLowerCase() ?? String(v)) ??
    UNKNOWN_CHOICE_LABEL;
  return (
    <fieldset
      className={`question question-choice${question.options.length >= 3 ? ' question-wide' : ''}`}
      id={`${id}-group`}
      tabIndex={-1}
      data-testid={id}
      onKeyDown={onKeyDown}
      aria-describedby={helpIdFor(id, question.help)}
    >
      <legend className="question-label">{question.label}</legend>
      <div className={question.options.length > 3 ? 'segmented segmented-wrap' : 'segmented'}>
        <label className="seg seg-unknown" htmlFor={`${id}-unknown`}>
          <input
            type="radio"
            id={`${id}-unknown`}
            name={id}
            value=""
            checked={value === undefined}
            onChange={() => onAnswer(question.path, undefined)}
          />
          <span>{unknownLabel}</span>
        </label>
        {question.options.map((o, i) => (
          <label key={o.value} className="seg" htmlFor={`${id}-${o.value}`}>
            <input
              type="radio"
              id={`${id}-${o.value}`}
              name={id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onAnswer(question.path, o.value)}
            />
            <span>
              <KeyHint n={i + 1} />
              {o.label}
            </span>
          </label>
        ))}
      </div>
      <QuestionHelp id={id} help={question.help} />
      {chart ? <ChartAnswerLine chart={chart} now={now} overridden={value !== undefined} /> : null}
    </fieldset>
  );
}

function MultiField({ question, answers, onAnswer }: FieldProps<MultiQuestion>) {
  const id = questionId(question.path);
  const selected = (getAnswer(answers, question.path) as readonly string[] | undefined) ?? [];
  const toggle = (value: string, on: boolean) => {
    const next = on
      ? question.options.map((o) => o.value).filter((v) => v === value || selected.includes(v))
      : selected.filter((v) => v !== value);
    onAnswer(question.path, next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    const digit = digitOf(event);
    const option = digit === undefined || digit === 0 ? undefined : question.options[digit - 1];
    if (!option) return;
    event.preventDefault();
    toggle(option.value, !selected.includes(option.value));
    document.getElementById(`${id}-${option.value}`)?.focus();
  };
  return (
    <fieldset
      className={`question question-multi question-wide${question.label.length > 40 ? ' question-long-label' : ''}`}
      id={`${id}-group`}
      tabIndex={-1}
      data-testid={id}
      onKeyDown={onKeyDown}
    >
      <legend className="question-label">
        {question.label} <span className="sr-only">(tick all that apply)</span>
      </legend>
      <div className="chips">
        {question.options.map((o, i) => (
          <label key={o.value} className="chip" htmlFor={`${id}-${o.value}`}>
            <input
              type="checkbox"
              id={`${id}-${o.value}`}
              name={`${id}-${o.value}`}
              checked={selected.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span>
              <KeyHint n={i + 1} />
              {o.label}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function parseNumber(text: string, q: NumberQuestion): { ok: true; value: number | undefined } | { ok: false } {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { ok: true, value: undefined };
  if (!/^\d*\.?\d+$|^\d+\.$/.test(trimmed)) return { ok: false };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < q.min || value > q.max) return { ok: false };
  return { ok: true, value };
}

function latestChartValue(facts: ChartFacts, q: NumberQuestion): ObservationFact | undefined {
  if (!q.chart) return undefined;
  const { concept, side } = q.chart;
  return facts.observations.find((o) => o.concept === concept && o.side === side);
}

function NumberField({
  question,
  answers,
  onAnswer,
  facts,
  now,
  observationsUnknown,
}: FieldProps<NumberQuestion> & {
  facts: ChartFacts;
  observationsUnknown?: boolean | undefined;
}) {
  const id = questionId(question.path);
  const stored = getAnswer(answers, question.path) as number | undefined;
  const [text, setText] = useState(stored === undefined ? '' : String(stored));
  const [lastStored, setLastStored] = useState(stored);
  const chart = latestChartValue(facts, question);
  const [overriding, setOverriding] = useState(false);
  // Keep the text in step when the answer changes from outside (draft restored, form cleared).
  if (stored !== lastStored) {
    setLastStored(stored);
    const current = parseNumber(text, question);
    // An invalid entry the clinician is still correcting stays on screen (its answer was cleared on purpose).
    const external = current.ok ? current.value !== stored : stored !== undefined;
    if (external) setText(stored === undefined ? '' : String(stored));
  }
  const parsed = parseNumber(text, question);
  const invalid = !parsed.ok;
  const showInput = !chart || overriding || stored !== undefined;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className="question question-number" data-testid={id}>
      <label className="question-label" htmlFor={id}>
        {question.label}
      </label>
      {chart ? (
        <p className="chart-value" id={hintId}>
          <span className="source-tag source-chart">Chart</span>{' '}
          <strong>{formatValue(chart.concept, chart.value)}</strong>
          <span className="age"> · {formatAgo(chart.date, now) ?? formatDate(chart.date)}</span>
          <Provenance
            what={`${question.label} ${formatValue(chart.concept, chart.value)}`}
            reference={chart.provenance.reference}
            date={chart.date}
            now={now}
          />
        </p>
      ) : question.chart ? (
        <p className="chart-value muted" id={hintId}>
          {observationsUnknown ? 'Chart results not loaded' : 'Not on file'}
        </p>
      ) : null}
      {showInput ? (
        <span className="number-input">
          <input
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            aria-invalid={invalid}
            aria-describedby={
              [invalid ? errorId : null, chart || question.chart ? hintId : null].filter(Boolean).join(' ') || undefined
            }
            onChange={(e) => {
              setText(e.target.value);
              const p = parseNumber(e.target.value, question);
              // An invalid entry records nothing: the engine must not reason on a half-typed number.
              onAnswer(question.path, p.ok ? p.value : undefined);
            }}
          />
          <span className="unit">{question.unit === 'ratio' ? '' : question.unit}</span>
        </span>
      ) : (
        <button type="button" className="button button-small button-quiet" onClick={() => setOverriding(true)}>
          Enter new <span className="sr-only">{question.label}</span>
        </button>
      )}
      {invalid ? (
        <p className="field-error" id={errorId} role="alert">
          Enter a number from {question.min} to {question.max}
          {question.unit === 'ratio' ? '' : ` ${question.unit}`}; not recorded until corrected.
        </p>
      ) : null}
    </div>
  );
}

function DateField({ question, answers, onAnswer, now }: FieldProps<DateQuestion>) {
  const id = questionId(question.path);
  const stored = (getAnswer(answers, question.path) as string | undefined) ?? '';
  // The typed date stays on screen while it is refused (a date in the future is a typo): the clinician corrects it
  // instead of seeing it vanish, and nothing implausible is recorded (the chart reader refuses the same dates).
  const [text, setText] = useState(stored);
  const [lastStored, setLastStored] = useState(stored);
  if (stored !== lastStored) {
    setLastStored(stored);
    if (stored !== '' || isPlausibleEntry(text, now)) setText(stored);
  }
  const invalid = text !== '' && !isPlausibleEntry(text, now);
  const errorId = `${id}-error`;
  return (
    <LabelledQuestion id={id} className="question-number" label={question.label} help={question.help}>
      <input
        id={id}
        type="date"
        value={text}
        min={EARLIEST_PLAUSIBLE_DATE}
        max={now.toISOString().slice(0, 10)}
        aria-invalid={invalid}
        aria-describedby={
          [invalid ? errorId : null, helpIdFor(id, question.help)].filter(Boolean).join(' ') || undefined
        }
        onChange={(e) => {
          setText(e.target.value);
          onAnswer(question.path, isPlausibleEntry(e.target.value, now) ? e.target.value : undefined);
        }}
      />
      {invalid ? (
        <p className="field-error" id={errorId} role="alert">
          Enter a date from {EARLIEST_PLAUSIBLE_DATE.slice(0, 4)} up to today; not recorded until corrected.
        </p>
      ) : null}
    </LabelledQuestion>
  );
}

/** A complete `YYYY-MM-DD` inside the plausibility limits shared with the chart reader. */
function isPlausibleEntry(value: string, now: Date): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isPlausibleDate(value, now.getTime());
}

function TextField({ question, answers, onAnswer }: FieldProps<TextQuestion>) {
  const id = questionId(question.path);
  const value = (getAnswer(answers, question.path) as string | undefined) ?? '';
  return (
    <LabelledQuestion id={id} className="question-text question-wide" label={question.label} help={question.help}>
      <textarea
        id={id}
        rows={2}
        maxLength={question.maxLength}
        value={value}
        aria-describedby={helpIdFor(id, question.help)}
        onChange={(e) => onAnswer(question.path, e.target.value)}
      />
    </LabelledQuestion>
  );
}

interface QuestionFieldProps {
  readonly question: Question;
  readonly answers: FormAnswers;
  readonly onAnswer: AnswerHandler;
  readonly facts: ChartFacts;
  readonly now: Date;
  readonly chart?: ChartAnswer | undefined;
  readonly observationsUnknown?: boolean | undefined;
}

function QuestionFieldInner(props: QuestionFieldProps) {
  const { question } = props;
  switch (question.kind) {
    case 'tri':
      return <TriStateField {...props} question={question} />;
    case 'choice':
      return <ChoiceField {...props} question={question} />;
    case 'multi':
      return <MultiField {...props} question={question} />;
    case 'number':
      return <NumberField {...props} question={question} />;
    case 'date':
      return <DateField {...props} question={question} />;
    case 'text':
      return <TextField {...props} question={question} />;
  }
}

/**
 * Re-renders a question only when its own answer (or the chart) changes: one click must repaint one question,
 * not the eighty on the form, so the panel updates within a frame. Answers are immutable and untouched paths keep
 * their references (see `setAnswer`), so comparing the answer by identity is exact.
 */
const QuestionField = memo(
  QuestionFieldInner,
  (a, b) =>
    a.question === b.question &&
    a.onAnswer === b.onAnswer &&
    a.facts === b.facts &&
    a.now === b.now &&
    a.chart === b.chart &&
    a.observationsUnknown === b.observationsUnknown &&
    getAnswer(a.answers, a.question.path) === getAnswer(b.answers, b.question.path),
);

function countAnswered(group: QuestionGroup, answers: FormAnswers): number {
  return group.questions.filter((q) => isAnswered(answers, q.path)).length;
}

/** Red-flag screening questions still unknown: answered neither by the clinician nor by the chart. */
export function unansweredRedFlagQuestions(answers: FormAnswers, chartAnswers: readonly ChartAnswer[] = []): number {
  const group = QUESTION_GROUPS.find((g) => g.id === 'red-flags');
  if (!group) return 0;
  const fromChart = new Set(chartAnswers.map((c) => c.path));
  return group.questions.filter((q) => !isAnswered(answers, q.path) && !fromChart.has(q.path) && !q.followUpOf).length;
}

/** How many questions the red-flag screen asks (follow-ups are asked only after a "yes"). */
export const RED_FLAG_SCREEN_SIZE =
  QUESTION_GROUPS.find((g) => g.id === 'red-flags')?.questions.filter((q) => !q.followUpOf).length ?? 0;

/** A follow-up is asked once the finding it follows has that answer (from the clinician or the chart), or holds one. */
function isAsked(question: Question, answers: FormAnswers, chartByPath: ReadonlyMap<string, ChartAnswer>): boolean {
  const parent = question.followUpOf;
  if (!parent || isAnswered(answers, question.path)) return true;
  const explicit = getAnswer(answers, parent.path);
  const value = explicit !== undefined ? explicit : chartByPath.get(parent.path)?.value;
  return value === parent.value;
}

function BlockSection({
  group,
  state,
  open,
  onToggle,
  fromChart,
  children,
  answered,
  asked,
}: {
  group: QuestionGroup;
  state: FormBlockState | undefined;
  open: boolean;
  onToggle: () => void;
  fromChart: number;
  answered: number;
  asked: number;
  children: ReactNode;
}) {
  const bodyId = `fb-${group.id}-body`;
  return (
    <section
      className={`form-group form-group-${group.id}${open ? ' is-open' : ' is-closed'}`}
      aria-labelledby={`fg-${group.id}`}
      data-testid={`block-${group.id}`}
    >
      <h3 className="block-head">
        <button
          type="button"
          id={`fg-${group.id}`}
          className="block-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={onToggle}
        >
          <span className="block-chevron" aria-hidden="true" />
          <span className="block-name">{group.title}</span>
          {state?.reason ? <span className="block-reason">{state.reason}</span> : null}
          <span className="block-count" data-testid={`block-count-${group.id}`}>
            {answered} of {asked} answered{fromChart > 0 ? ` · ${fromChart} from chart` : ''}
          </span>
        </button>
      </h3>
      <div id={bodyId} className="block-body" hidden={!open}>
        {open ? (
          <>
            {group.help ? <p className="group-help">{group.help}</p> : null}
            {children}
          </>
        ) : null}
      </div>
    </section>
  );
}

export function SymptomForm(props: FormProps) {
  const headingId = useId();
  const { answers, blocks, reveal } = props;
  const chartAnswers = props.chartAnswers ?? [];
  const chartByPath = new Map(chartAnswers.map((c) => [c.path, c]));
  const stateOf = (id: FormBlockId) => blocks?.find((b) => b.id === id);

  // Blocks the engine opened stay open while the clinician works (never closed under the cursor).
  const engineOpen = (blocks ?? []).filter((b) => b.open).map((b) => b.id);
  const [autoOpen, setAutoOpen] = useState<ReadonlySet<FormBlockId>>(() => new Set(engineOpen));
  if (engineOpen.some((id) => !autoOpen.has(id))) setAutoOpen(new Set([...autoOpen, ...engineOpen]));

  const [toggled, setToggled] = useState<Partial<Record<FormBlockId, boolean>>>({});
  // A link asked for a question: open its block now (during render, so it is open when the effect below runs).
  const [lastReveal, setLastReveal] = useState<number | null>(null);
  if (reveal && reveal.seq !== lastReveal) {
    setLastReveal(reveal.seq);
    const block = blockOf(reveal.path);
    if (block && !toggled[block]) setToggled({ ...toggled, [block]: true });
  }
  useEffect(() => {
    if (!reveal) return;
    const question = QUESTION_GROUPS.flatMap((g) => g.questions).find((q) => q.path === reveal.path);
    // A follow-up not asked yet is not on screen: take the clinician to the question it follows.
    const el =
      document.getElementById(questionAnchor(reveal.path) ?? '') ??
      (question?.followUpOf ? document.getElementById(questionAnchor(question.followUpOf.path) ?? '') : null);
    if (!el) return;
    el.scrollIntoView?.({ block: 'center' });
    const input = el.matches('input, textarea') ? el : el.querySelector<HTMLElement>('input:checked, input, textarea');
    (input ?? el).focus({ preventScroll: true });
  }, [reveal]);

  const isOpen = (group: QuestionGroup, answered: number): boolean => {
    if (!blocks) return true;
    const explicit = toggled[group.id];
    if (explicit !== undefined) return explicit;
    return autoOpen.has(group.id) || answered > 0;
  };

  return (
    <section className="panel form-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId} className="panel-title">
          Symptoms and exam
        </h2>
        <p className="form-keys muted small">
          Unknown until asked. Keys: <kbd>y</kbd> <kbd>n</kbd> <kbd>u</kbd> yes / no / unknown, <kbd>1</kbd>–
          <kbd>9</kbd> pick an option, <kbd>0</kbd> clears
        </p>
      </div>
      {QUESTION_GROUPS.map((group) => {
        const answered = countAnswered(group, answers);
        const asked = group.questions.filter((q) => isAsked(q, answers, chartByPath));
        const fromChart = group.questions.filter((q) => chartByPath.has(q.path) && !isAnswered(answers, q.path)).length;
        const open = isOpen(group, answered);
        return (
          <BlockSection
            key={group.id}
            group={group}
            state={stateOf(group.id)}
            open={open}
            onToggle={() => setToggled({ ...toggled, [group.id]: !open })}
            fromChart={fromChart}
            answered={answered}
            asked={asked.length}
          >
            <div className={`questions questions-${group.id}`}>
              {asked.map((q) => (
                <QuestionField
                  key={q.path}
                  question={q}
                  answers={answers}
                  onAnswer={props.onAnswer}
                  facts={props.facts}
                  now={props.now}
                  chart={chartByPath.get(q.path)}
                  observationsUnknown={props.observationsUnknown}
                />
              ))}
            </div>
          </BlockSection>
        );
      })}
    </section>
  );
}

/** The recorded answers in words (print view and note preview context); unknowns are summarised, not listed. */
export function AnswerSummary({ answers }: { answers: FormAnswers }) {
  const rows: { label: string; text: string }[] = [];
  let unknown = 0;
  for (const group of QUESTION_GROUPS) {
    for (const q of group.questions) {
      const v = getAnswer(answers, q.path);
      if (!isAnswered(answers, q.path)) {
        if (!q.followUpOf) unknown += 1;
        continue;
      }
      let text: string;
      if (q.kind === 'tri') text = v ? 'Yes' : 'No';
      else if (q.kind === 'choice') text = q.options.find((o) => o.value === v)?.label ?? String(v);
      else if (q.kind === 'multi')
        text = (v as string[]).map((x) => q.options.find((o) => o.value === x)?.label ?? x).join(', ');
      else if (q.kind === 'number') text = `${String(v)}${q.unit === 'ratio' ? '' : ` ${q.unit}`}`;
      else if (q.kind === 'date') text = formatDate(String(v));
      else text = String(v);
      rows.push({ label: q.label, text });
    }
  }
  return (
    <section className="panel answer-summary" aria-labelledby="answers-title">
      <h2 id="answers-title" className="panel-title">
        Answers recorded
      </h2>
      {rows.length === 0 ? (
        <p className="muted">No answers recorded yet.</p>
      ) : (
        <dl className="answer-rows">
          {rows.map((r) => (
            <div key={r.label} className="answer-row">
              <dt>{r.label}</dt>
              <dd>{r.text}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="muted small">{unknown} questions not answered (unknown, not counted as “no”).</p>
    </section>
  );
}
