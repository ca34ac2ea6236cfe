/**
 * Per-section loading / error handling for the chart evidence panel.
 *
 * Why per section: one failing FHIR search (a 500 on Observation, a scope the EHR did not grant) must not blank
 * the rest of the chart. A failed section says so in words and offers retry; the engine, meanwhile, treats its
 * concepts as unknown — never as "not on file".
 */
import type { ChartSection } from '../engine/facts';
import { AlertIcon } from './icons';
import { SECTION_WORDS } from './labels';
import { sectionStatus, type SectionStates, type SectionStatus } from './types';

/** Server messages sometimes end in "..": one full stop is enough. */
function tidy(message: string): string {
  return message.replace(/\.{2,}$/, '.');
}

export type Availability = 'loading' | 'ready' | 'failed';

/** Loading wins over ready; failed only when every listed section failed (partial data is still shown). */
export function availability(
  states: SectionStates,
  sections: readonly ChartSection[],
  unavailable: readonly ChartSection[],
): Availability {
  const statuses = sections.map((s) => (unavailable.includes(s) ? 'error' : sectionStatus(states, s).status));
  if (statuses.includes('loading')) return 'loading';
  if (statuses.every((s) => s === 'error')) return 'failed';
  return 'ready';
}

export function SkeletonRows({ rows = 3, label }: { rows?: number; label: string }) {
  return (
    <div className="skeleton-block" role="status" aria-label={`Loading ${label}`}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${90 - i * 17}%` }} />
      ))}
    </div>
  );
}

function errorOf(states: SectionStates, section: ChartSection): Extract<SectionStatus, { status: 'error' }> | null {
  const s = sectionStatus(states, section);
  return s.status === 'error' ? s : null;
}

/** The "could not load" notice(s) for the listed sections that failed, each with its own retry. */
export function SectionErrors({
  states,
  sections,
  unavailable,
  compact = false,
}: {
  states: SectionStates;
  sections: readonly ChartSection[];
  unavailable: readonly ChartSection[];
  /** A repeat of a failure already explained above: one line and the retry, without the explanation. */
  compact?: boolean;
}) {
  const failed = sections.filter((s) => errorOf(states, s) !== null || unavailable.includes(s));
  if (failed.length === 0) return null;
  return (
    <>
      {failed.map((section) => {
        const error = errorOf(states, section);
        return (
          <div key={section} className="section-error" role="alert" data-testid={`section-error-${section}`}>
            <AlertIcon />
            <div>
              <strong>Could not load {SECTION_WORDS[section]}.</strong>
              {compact ? null : (
                <>
                  {' '}
                  <span>{tidy(error?.message ?? 'The server did not return them.')}</span>{' '}
                  <span className="muted">Findings that depend on them are treated as unknown, not as absent.</span>
                </>
              )}
            </div>
            {error?.retry ? (
              <button type="button" className="button button-small" onClick={error.retry}>
                Retry {SECTION_WORDS[section]}
              </button>
            ) : null}
          </div>
        );
      })}
    </>
  );
}
