'use client';
/**
 * The symptom & exam form, rendered from `lib/form/questions.ts`.
 *
 * Built from native radios and checkboxes styled as segmented buttons: the browser then gives us labels, Tab
 * between questions, arrow keys within a question, and screen-reader semantics for free. Every yes/no finding
 * starts at "Unknown" — not asked is not "no" — and y / n / u on a focused finding answer it in one key.
 *
 * Where the chart already answers a question (an ABI on file, a recorded surgery) the chart's record is shown
 * under it; the chart value is not copied into the form, so the engine never counts it twice.
 */
import { memo, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ChartFacts, ObservationFact } from '../engine/facts';
import {
  QUESTION_GROUPS,
  TRI_STATE_LABELS,
  questionFor,
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
import type { FormAnswers } from '../form/schema';
import { formatDate, formatDateAgo, formatReference, formatValue } from '../engine/format';
import { EVENT_WORDS } from './labels';
import { getAnswer, isAnswered } from '../form/paths';

export type AnswerHandler = (path: string, value: unknown) => void;

interface FormProps {
  readonly answers: FormAnswers;
  readonly onAnswer: AnswerHandler;
  readonly facts: ChartFacts;
  readonly now: Date;
  /** Whether Observation results are known (loaded); when not, vascular prefill says so. */
  readonly observationsUnknown?: boolean;
}

/** What every question field receives: its question, the answers so far and where to send a change. */
interface FieldProps<Q> {
  readonly question: Q;
  readonly answers: FormAnswers;
  readonly onAnswer: AnswerHandler;
}

const idFor = (path: string) => `q-${path.replace(/\./g, '-')}`;

/** In-page anchor of a question (its group of options, or its input), for "what would change this" links. */
export function questionAnchor(path: string): string | undefined {
  const q = questionFor(path);
  if (!q) return undefined;
  return q.kind === 'tri' || q.kind === 'choice' || q.kind === 'multi' ? `${idFor(path)}-group` : idFor(path);
}

function ChartHintLines({ question, facts, now }: { question: TriStateQuestion; facts: ChartFacts; now: Date }) {
  const lines: { key: string; text: string; ref: string }[] = [];
  for (const c of facts.conditions) {
    if (question.chart?.conditions?.includes(c.concept)) {
      lines.push({
        key: `${c.provenance.reference}-${c.concept}`,
        text: `${c.label} (${c.status === 'active' ? 'active' : 'history'}${c.onset ? `, since ${formatDate(c.onset)}` : ''})`,
        ref: `${formatReference(c.provenance.reference)} · ${formatDateAgo(c.provenance.date ?? c.onset, now)}`,
      });
    }
  }
  for (const e of facts.events) {
    if (question.chart?.events?.includes(e.kind)) {
      lines.push({
        key: `${e.provenance.reference}-${e.kind}`,
        text: `${e.label} (${EVENT_WORDS[e.kind].toLowerCase()})`,
        ref: `${formatReference(e.provenance.reference)} · ${formatDateAgo(e.date, now)}`,
      });
    }
  }
  if (lines.length === 0) return null;
  return (
    <ul className="chart-hint">
      {lines.slice(0, 3).map((l) => (
        <li key={l.key}>
          <span className="source-tag source-chart">Chart</span> {l.text} <span className="provenance">{l.ref}</span>
        </li>
      ))}
    </ul>
  );
}

const TRI_KEYS: Record<string, boolean | undefined | 'unknown'> = { y: true, n: false, u: 'unknown' };

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

function TriStateField({
  question,
  answers,
  onAnswer,
  facts,
  now,
}: FieldProps<TriStateQuestion> & {
  facts: ChartFacts;
  now: Date;
}) {
  const id = idFor(question.path);
  const value = getAnswer(answers, question.path) as boolean | undefined;
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
  const options: { key: 'unknown' | 'yes' | 'no'; value: boolean | undefined }[] = [
    { key: 'unknown', value: undefined },
    { key: 'yes', value: true },
    { key: 'no', value: false },
  ];
  return (
    <fieldset
      className={`question question-tri${value === true ? ' is-yes' : value === false ? ' is-no' : ''}`}
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
            <span>{TRI_STATE_LABELS[o.key]}</span>
          </label>
        ))}
      </div>
      <QuestionHelp id={id} help={question.help} />
      <ChartHintLines question={question} facts={facts} now={now} />
    </fieldset>
  );
}

function ChoiceField({ question, answers, onAnswer }: FieldProps<ChoiceQuestion>) {
  const id = idFor(question.path);
  const value = getAnswer(answers, question.path) as string | undefined;
  return (
    <fieldset className="question question-choice" id={`${id}-group`} tabIndex={-1} data-testid={id}>
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
          <span>{UNKNOWN_CHOICE_LABEL}</span>
        </label>
        {question.options.map((o) => (
          <label key={o.value} className="seg" htmlFor={`${id}-${o.value}`}>
            <input
              type="radio"
              id={`${id}-${o.value}`}
              name={id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onAnswer(question.path, o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function MultiField({ question, answers, onAnswer }: FieldProps<MultiQuestion>) {
  const id = idFor(question.path);
  const selected = (getAnswer(answers, question.path) as readonly string[] | undefined) ?? [];
  const toggle = (value: string, on: boolean) => {
    const next = on
      ? question.options.map((o) => o.value).filter((v) => v === value || selected.includes(v))
      : selected.filter((v) => v !== value);
    onAnswer(question.path, next);
  };
  return (
    <fieldset className="question question-multi" id={`${id}-group`} tabIndex={-1} data-testid={id}>
      <legend className="question-label">
        {question.label} <span className="muted small">(tick all that apply)</span>
      </legend>
      <div className="chips">
        {question.options.map((o) => (
          <label key={o.value} className="chip" htmlFor={`${id}-${o.value}`}>
            <input
              type="checkbox"
              id={`${id}-${o.value}`}
              name={`${id}-${o.value}`}
              checked={selected.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span>{o.label}</span>
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
  now: Date;
  observationsUnknown?: boolean;
}) {
  const id = idFor(question.path);
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
          <strong>{formatValue(chart.concept, chart.value)}</strong>{' '}
          <span className="provenance">
            {formatReference(chart.provenance.reference)} · {formatDateAgo(chart.date, now)}
          </span>
        </p>
      ) : question.chart ? (
        <p className="chart-value muted" id={hintId}>
          {observationsUnknown ? 'Chart results could not be loaded.' : 'Not on file in the chart.'}
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
          Enter a new {question.label}
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

function DateField({ question, answers, onAnswer }: FieldProps<DateQuestion>) {
  const id = idFor(question.path);
  const value = (getAnswer(answers, question.path) as string | undefined) ?? '';
  return (
    <LabelledQuestion id={id} className="question-number" label={question.label} help={question.help}>
      <input
        id={id}
        type="date"
        value={value}
        aria-describedby={helpIdFor(id, question.help)}
        onChange={(e) =>
          onAnswer(question.path, /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? e.target.value : undefined)
        }
      />
    </LabelledQuestion>
  );
}

function TextField({ question, answers, onAnswer }: FieldProps<TextQuestion>) {
  const id = idFor(question.path);
  const value = (getAnswer(answers, question.path) as string | undefined) ?? '';
  return (
    <LabelledQuestion id={id} className="question-text" label={question.label} help={question.help}>
      <textarea
        id={id}
        rows={3}
        maxLength={question.maxLength}
        value={value}
        aria-describedby={helpIdFor(id, question.help)}
        onChange={(e) => onAnswer(question.path, e.target.value)}
      />
    </LabelledQuestion>
  );
}

function QuestionFieldInner(props: FormProps & { question: Question }) {
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
 * not the eighty on the form, so the differential updates within a frame. Answers are immutable and untouched
 * paths keep their references (see `setAnswer`), so comparing the answer by identity is exact.
 */
const QuestionField = memo(
  QuestionFieldInner,
  (a, b) =>
    a.question === b.question &&
    a.onAnswer === b.onAnswer &&
    a.facts === b.facts &&
    a.now === b.now &&
    a.observationsUnknown === b.observationsUnknown &&
    getAnswer(a.answers, a.question.path) === getAnswer(b.answers, b.question.path),
);

function countAnswered(group: QuestionGroup, answers: FormAnswers): number {
  return group.questions.filter((q) => isAnswered(answers, q.path)).length;
}

/** Red-flag screening questions still unknown (shown in the red-flag panel's empty state). */
export function unansweredRedFlagQuestions(answers: FormAnswers): number {
  const group = QUESTION_GROUPS.find((g) => g.id === 'red-flags');
  return group ? group.questions.length - countAnswered(group, answers) : 0;
}

export function SymptomForm(props: FormProps) {
  const headingId = useId();
  return (
    <section className="panel form-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        Symptoms and exam
      </h2>
      <p className="muted small form-keys">
        Every answer starts as <em>Unknown</em>. Keyboard: Tab moves between questions, arrow keys choose, or press{' '}
        <kbd>y</kbd> / <kbd>n</kbd> / <kbd>u</kbd> on a yes/no question. Answers are kept if the page reloads.
      </p>
      {QUESTION_GROUPS.map((group) => {
        const answered = countAnswered(group, props.answers);
        return (
          <section key={group.id} className={`form-group form-group-${group.id}`} aria-labelledby={`fg-${group.id}`}>
            <h3 id={`fg-${group.id}`} className="block-title">
              {group.title}{' '}
              <span className="muted small">
                {answered} of {group.questions.length} answered
              </span>
            </h3>
            {group.help ? <p className="group-help">{group.help}</p> : null}
            <div className={`questions questions-${group.id}`}>
              {group.questions.map((q) => (
                <QuestionField key={q.path} {...props} question={q} />
              ))}
            </div>
          </section>
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
        unknown += 1;
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
