'use client';
/**
 * Developer-only drawer: each FHIR query the data layer made, its result count and timing. Rendered only in
 * development builds (the page checks `process.env.NODE_ENV`); it shows no resource contents, so no PHI.
 */
import { useState } from 'react';
import type { DiagnosticsLine } from '../queries/diagnostics';

export function DiagnosticsDrawer({ entries }: { entries: readonly DiagnosticsLine[] }) {
  const [open, setOpen] = useState(false);
  const total = entries.reduce((sum, e) => sum + (e.ms ?? 0), 0);
  return (
    <aside className="diagnostics no-print" aria-label="Developer diagnostics">
      <button
        type="button"
        className="button button-small button-quiet"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Hide' : 'Show'} FHIR diagnostics ({entries.length} queries)
      </button>
      {open ? (
        <table className="evidence-table evidence-table-compact diagnostics-table">
          <caption>FHIR queries (development build only) — {Math.round(total)} ms summed</caption>
          <thead>
            <tr>
              <th scope="col">Query</th>
              <th scope="col">Status</th>
              <th scope="col">Results</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.label}-${i}`}>
                <td>
                  <code>{e.label}</code>
                  {e.detail ? <div className="muted small">{e.detail}</div> : null}
                </td>
                <td>{e.status}</td>
                <td>
                  {e.count ?? '—'}
                  {e.pages && e.pages > 1 ? ` (${e.pages} pages)` : ''}
                </td>
                <td>{e.ms === undefined ? '—' : `${Math.round(e.ms)} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </aside>
  );
}
