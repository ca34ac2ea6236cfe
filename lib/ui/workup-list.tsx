'use client';
/**
 * Suggested workup (grouped by urgency, each with its reason and whether a recent result is already on file)
 * and plain-language advice for the patient, printable on its own.
 */
import { useState } from 'react';
import type { Assessment, WorkupItem } from '../engine/assessment';
import { formatDateAgo, formatReference } from '../engine/format';
import { PRIORITY_ORDER, PRIORITY_WORDS } from './labels';

function WorkupRow({ item, now }: { item: WorkupItem; now: Date }) {
  const [checked, setChecked] = useState(false);
  const id = `workup-${item.id}`;
  const done = item.alreadyOnFile;
  return (
    <li className={`workup-item${done ? ' workup-done' : ''}`} data-testid={id}>
      {done ? (
        <span className="workup-onfile">
          <span className="status-chip status-onfile">Already on file</span> <strong>{item.label}</strong> —{' '}
          {done.summary}{' '}
          <span className="provenance">
            {formatReference(done.reference)} · {formatDateAgo(done.date, now)}
          </span>
        </span>
      ) : (
        <label htmlFor={id} className="workup-check">
          <input id={id} type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
          <strong>{item.label}</strong>
        </label>
      )}
      <p className="workup-reason">{item.reason}</p>
    </li>
  );
}

export function WorkupList({ workup, now }: { workup: Assessment['workup']; now: Date }) {
  return (
    <section className="panel workup" aria-labelledby="workup-title">
      <h2 id="workup-title" className="panel-title">
        Suggested workup
      </h2>
      {workup.length === 0 ? (
        <p className="muted">No tests suggested from what is recorded so far.</p>
      ) : (
        PRIORITY_ORDER.map((priority) => {
          const items = workup.filter((w) => w.priority === priority);
          if (items.length === 0) return null;
          return (
            <div key={priority} className={`workup-group priority-${priority}`}>
              <h3 className="block-title">
                <span className={`priority-badge priority-badge-${priority}`}>{PRIORITY_WORDS[priority]}</span>{' '}
                <span className="muted small">
                  {items.length} item{items.length === 1 ? '' : 's'}
                </span>
              </h3>
              <ul className="workup-items">
                {items.map((item) => (
                  <WorkupRow key={item.id} item={item} now={now} />
                ))}
              </ul>
            </div>
          );
        })
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
