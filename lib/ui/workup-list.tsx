'use client';
/**
 * Workup the clinician can act on: suggested tests and referrals grouped by urgency, each with its reason and a tick
 * for "I will order this". Ticks are owned by the workspace (kept across a reload, handed to the note's plan).
 * Results already on file are not orders: they are folded into one line with their age, the record one click away.
 * Plain-language advice for the patient follows, printable on its own.
 */
import type { Assessment, WorkupItem } from '../engine/assessment';
import { capitalise, formatAgo } from '../engine/format';
import { PRIORITY_ORDER, PRIORITY_WORDS } from './labels';
import { Provenance } from './provenance';

function WorkupRow({
  item,
  ticked,
  onTick,
}: {
  item: WorkupItem;
  ticked: boolean;
  onTick: (id: string, on: boolean) => void;
}) {
  const id = `workup-check-${item.id}`;
  return (
    <li className={`workup-item${ticked ? ' is-ticked' : ''}`} data-testid={`workup-${item.id}`}>
      <label htmlFor={id} className="workup-check">
        <input id={id} type="checkbox" checked={ticked} onChange={(e) => onTick(item.id, e.target.checked)} />
        <strong>{item.label}</strong>
      </label>
      <p className="workup-reason">{item.reason}</p>
    </li>
  );
}

/** "HbA1c 8.4 % on 2026-10-18" → "HbA1c 8.4 %" (the age is shown beside it); form-recorded exams name the exam. */
export function onFileText(item: WorkupItem): string {
  const done = item.alreadyOnFile;
  if (!done) return item.label;
  if (done.reference.startsWith('form:')) return `${item.label}: recorded on the form`;
  return capitalise(done.summary.replace(/ on \d{4}-\d{2}-\d{2}$| \(\d{4}-\d{2}-\d{2}\)$/, ''));
}

function OnFileLine({ items, now }: { items: readonly WorkupItem[]; now: Date }) {
  if (items.length === 0) return null;
  return (
    <div className="onfile" data-testid="workup-on-file">
      <span className="status-chip status-onfile">Already on file</span>
      <ul className="onfile-list">
        {items.map((item) => {
          const done = item.alreadyOnFile!;
          return (
            <li key={item.id} data-testid={`workup-${item.id}`}>
              {onFileText(item)}
              {done.reference.startsWith('form:') ? null : (
                <>
                  <span className="age"> · {formatAgo(done.date, now)}</span>
                  <Provenance what={item.label} reference={done.reference} date={done.date} now={now} />
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function WorkupList({
  workup,
  now,
  planned,
  onTick,
}: {
  workup: Assessment['workup'];
  now: Date;
  /** Ids of the items ticked for the plan. */
  planned: ReadonlySet<string>;
  onTick: (id: string, on: boolean) => void;
}) {
  const open = workup.filter((w) => !w.alreadyOnFile);
  const onFile = workup.filter((w) => w.alreadyOnFile);
  const tickedCount = open.filter((w) => planned.has(w.id)).length;
  return (
    <section className="panel workup" aria-labelledby="workup-title">
      <div className="panel-head">
        <h2 id="workup-title" className="panel-title">
          Workup
        </h2>
        {open.length > 0 ? (
          <p className="plan-count muted small" role="status" data-testid="plan-count">
            {tickedCount === 0
              ? 'Tick what you will order: it goes into the note’s plan.'
              : `${tickedCount} ticked for the note’s plan.`}
          </p>
        ) : null}
      </div>
      {workup.length === 0 ? (
        <p className="muted">No tests suggested from what is recorded so far.</p>
      ) : (
        <>
          {PRIORITY_ORDER.map((priority) => {
            const items = open.filter((w) => w.priority === priority);
            if (items.length === 0) return null;
            return (
              <div key={priority} className={`workup-group priority-${priority}`}>
                <h3 className="block-title">
                  <span className={`priority-badge priority-badge-${priority}`}>{PRIORITY_WORDS[priority]}</span>
                </h3>
                <ul className="workup-items">
                  {items.map((item) => (
                    <WorkupRow key={item.id} item={item} ticked={planned.has(item.id)} onTick={onTick} />
                  ))}
                </ul>
              </div>
            );
          })}
          <OnFileLine items={onFile} now={now} />
        </>
      )}
    </section>
  );
}

/** Prints only the advice section (body[data-print="advice"] switches the print stylesheet). */
function printAdviceOnly() {
  document.body.dataset.print = 'advice';
  const reset = () => {
    delete document.body.dataset.print;
    window.removeEventListener('afterprint', reset);
  };
  window.addEventListener('afterprint', reset);
  window.print();
}

export function PatientAdvice({ advice }: { advice: Assessment['advice'] }) {
  return (
    <section className="panel advice" aria-labelledby="advice-title" data-print-section="advice">
      <div className="panel-head">
        <h2 id="advice-title" className="panel-title">
          Advice for the patient
        </h2>
        {advice.length > 0 ? (
          <button type="button" className="button button-small no-print" onClick={printAdviceOnly}>
            Print advice
          </button>
        ) : null}
      </div>
      {advice.length === 0 ? (
        <p className="muted">Advice appears once a condition ranks moderate or higher, or a red flag is raised.</p>
      ) : (
        <ul className="advice-list">
          {advice.map((a, i) => (
            <li key={`${a.for}-${i}`}>{a.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
