'use client';
/**
 * The decision panel: what a clinician needs in five seconds, always in view while they work through the form.
 *
 * Three answers, in this order: is there a red flag (named, for this patient, with what to do and how fast); what is
 * most likely (with the two or three findings that carry it); what to do next. At 1024 px and wider it is a sticky
 * side column; narrower (an EHR iframe) it is a pinned strip of three lines that opens into the same panel.
 *
 * Never falsely calm: a red-flag check that could not read part of the chart says so in warning colours instead of
 * "no red flags", and an unfinished screen is counted, not shown as reassurance.
 */
import { useId, useState } from 'react';
import type { Assessment, DifferentialItem, RedFlag, WorkupItem } from '../engine/assessment';
import { capitalise } from '../engine/format';
import { CONDITION_PHRASES, RED_FLAG_LABELS, URGENCY_LABELS } from '../engine/labels';
import { findingPhrase, joinAnd, leadingFindings } from './evidence-text';
import { QuestionLink, useFormNavigation } from './form-navigation';
import { AlertIcon, CheckIcon, InfoIcon, UrgencyIcon } from './icons';
import { LIKELIHOOD_WORDS, PRIORITY_ORDER, PRIORITY_WORDS, URGENCY_HINT, URGENCY_ORDER } from './labels';
import { LikelihoodMeter } from './likelihood';

export interface DecisionPanelProps {
  readonly assessment: Assessment;
  /** Chart sections that could not be read (failed or not granted), in clinician words ("results"). */
  readonly unreadSections: readonly string[];
  /** Red-flag screening questions still unknown, and how many there are. */
  readonly screenUnanswered: number;
  readonly screenTotal: number;
  /** Retries the sections that failed, when retrying can help (absent for a scope that was not granted). */
  readonly onRetry?: (() => void) | undefined;
  /** Fold to the three-line strip (the side column is scrolled); the full panel stays one click away. */
  readonly compact?: boolean | undefined;
}

/** Most urgent first; the engine's order is kept within an urgency (stable sort). */
export function sortRedFlags(flags: readonly RedFlag[]): RedFlag[] {
  return [...flags].sort((a, b) => URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency));
}

/** Up to three candidates that rank above "unlikely": a list of "unlikely"s is not a ranking worth reading. */
export function topCandidates(differential: readonly DifferentialItem[]): DifferentialItem[] {
  return differential.filter((d) => d.likelihood !== 'unlikely').slice(0, 3);
}

/** Up to three steps to order or arrange, most urgent first; results already on file are not steps. */
export function nextSteps(workup: readonly WorkupItem[]): WorkupItem[] {
  const open = workup.filter((w) => !w.alreadyOnFile);
  return PRIORITY_ORDER.flatMap((p) => open.filter((w) => w.priority === p)).slice(0, 3);
}

const flagName = (flag: RedFlag) => capitalise(RED_FLAG_LABELS[flag.id]);

/** "ABI right 0.45, toe pressure right 25 mmHg and right foot pulses absent" — this patient's reasons. */
function flagReasons(flag: RedFlag): { text: string; more: number } {
  const shown = leadingFindings(flag.evidence, 4, 'kind');
  return {
    text: capitalise(joinAnd(shown.map(findingPhrase))),
    more: Math.max(0, flag.evidence.length - shown.length),
  };
}

function FlagStatus({ assessment, unreadSections, screenUnanswered, screenTotal, onRetry }: DecisionPanelProps) {
  const { reveal } = useFormNavigation();
  const flags = sortRedFlags(assessment.redFlags);
  const incomplete =
    unreadSections.length > 0 ? (
      <p className="decision-warning" data-testid="red-flag-check-incomplete">
        <AlertIcon />
        <span>
          <strong>Red-flag check incomplete: {joinAnd([...unreadSections])} could not be loaded.</strong> Flags that
          depend on {unreadSections.length === 1 ? 'them' : 'these'} are unknown, not absent.{' '}
          {onRetry ? (
            <button type="button" className="link-button" onClick={onRetry}>
              Retry loading
            </button>
          ) : null}
        </span>
      </p>
    ) : null;
  if (flags.length === 0) {
    const complete = screenUnanswered === 0 && unreadSections.length === 0;
    return (
      <div className="decision-flags" data-testid="decision-flags">
        {incomplete}
        {screenUnanswered > 0 ? (
          <p className="decision-open" data-testid="red-flag-screen-open">
            <InfoIcon />
            <span>
              No red flag raised yet, but {screenUnanswered} of {screenTotal} screening questions are not asked: unknown
              is not “no”.{' '}
              <button type="button" className="link-button" onClick={() => reveal('exam.suddenColdPaleLeg')}>
                Go to the red-flag screen
              </button>
            </span>
          </p>
        ) : complete ? (
          <p className="decision-clear" data-testid="red-flags-none">
            <CheckIcon />
            <span>No red flags: the screen is complete and nothing in the chart raises one.</span>
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="decision-flags" data-testid="decision-flags">
      {incomplete}
      <ul className="flag-list">
        {flags.map((flag) => {
          const reasons = flagReasons(flag);
          return (
            <li key={flag.id} className={`flag urgency-${flag.urgency}`} data-testid={`red-flag-${flag.id}`}>
              <p className="flag-head">
                <span className="urgency-badge">
                  <UrgencyIcon urgency={flag.urgency} />
                  {URGENCY_LABELS[flag.urgency]}
                </span>{' '}
                <strong className="flag-name">{flagName(flag)}</strong>{' '}
                <span className="flag-hint">({URGENCY_HINT[flag.urgency]})</span>
              </p>
              {reasons.text ? (
                <p className="flag-reasons">
                  {reasons.text}
                  {reasons.more > 0 ? ` (+${reasons.more} more)` : ''}.
                </p>
              ) : null}
              <p className="flag-action">
                <span className="label-inline">Do now:</span> {flag.action}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function TopDiagnoses({ assessment }: { assessment: Assessment }) {
  const top = topCandidates(assessment.differential);
  return (
    <div className="decision-dx">
      <h3 className="decision-heading">Most likely</h3>
      {top.length === 0 ? (
        <p className="muted">Nothing ranks above unlikely yet: record the story and the exam.</p>
      ) : (
        <ol className="dx-top">
          {top.map((d) => {
            const findings = leadingFindings(d.supporting, 3, 'weight').map(findingPhrase);
            return (
              <li key={d.id} data-testid={`top-${d.id}`}>
                <span className="dx-top-name">{capitalise(CONDITION_PHRASES[d.id])}</span>{' '}
                <LikelihoodMeter likelihood={d.likelihood} />
                {findings.length > 0 ? <p className="dx-top-findings">{capitalise(joinAnd(findings))}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

function NextSteps({ assessment }: { assessment: Assessment }) {
  const steps = nextSteps(assessment.workup);
  const asks = assessment.missingData.filter((m) => (m.paths?.length ?? 0) > 0).slice(0, steps.length > 0 ? 1 : 2);
  return (
    <div className="decision-next">
      <h3 className="decision-heading">Next steps</h3>
      <ol className="next-steps">
        {steps.map((w) => (
          <li key={w.id} data-testid={`next-${w.id}`}>
            <span className={`priority-badge priority-badge-${w.priority}`}>{PRIORITY_WORDS[w.priority]}</span>{' '}
            {w.label}
          </li>
        ))}
        {asks.map((m) => (
          <li key={m.concept} className="next-ask">
            <span className="priority-badge priority-badge-ask">Ask</span>{' '}
            <QuestionLink path={m.paths?.[0] ?? ''}>{m.concept.replace(/\s*\([^()]*\)$/, '')}</QuestionLink>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The pinned three-line strip shown instead of the side column below 1024 px. */
function Strip(props: DecisionPanelProps & { open: boolean; onToggle: () => void; detailId: string }) {
  const { assessment, unreadSections, screenUnanswered } = props;
  const flags = sortRedFlags(assessment.redFlags);
  const worst = flags[0];
  const top = topCandidates(assessment.differential);
  const step = nextSteps(assessment.workup)[0];
  return (
    <div className="decision-strip" data-testid="decision-strip">
      <div className="strip-lines">
        {worst ? (
          <p className={`strip-flag urgency-${worst.urgency}`}>
            <UrgencyIcon urgency={worst.urgency} />
            <strong>
              {URGENCY_LABELS[worst.urgency]}: {flagName(worst)}
            </strong>
            {flags.length > 1 ? ` + ${flags.length - 1} more red flag${flags.length > 2 ? 's' : ''}` : ''}
            {unreadSections.length > 0 ? ' · check incomplete' : ''}
          </p>
        ) : unreadSections.length > 0 ? (
          <p className="strip-flag strip-warning">
            <AlertIcon />
            <strong>Red-flag check incomplete: {joinAnd([...unreadSections])} could not be loaded</strong>
          </p>
        ) : screenUnanswered > 0 ? (
          <p className="strip-flag strip-open">
            <InfoIcon />
            No red flag yet · {screenUnanswered} screening questions not asked
          </p>
        ) : (
          <p className="strip-flag strip-clear">
            <CheckIcon />
            No red flags (screen complete)
          </p>
        )}
        <p className="strip-dx">
          <span className="label-inline">Most likely:</span>{' '}
          {top.length === 0
            ? 'nothing above unlikely yet'
            : top.map((d, i) => (
                <span key={d.id}>
                  {i > 0 ? ' · ' : ''}
                  {capitalise(CONDITION_PHRASES[d.id])}{' '}
                  <span className="muted">
                    ({LIKELIHOOD_WORDS[d.likelihood].replace(' likelihood', '').toLowerCase()})
                  </span>
                </span>
              ))}
        </p>
        {step ? (
          <p className="strip-next">
            <span className="label-inline">Next:</span> {step.label}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        className="button button-small strip-toggle"
        aria-expanded={props.open}
        aria-controls={props.detailId}
        onClick={props.onToggle}
      >
        {props.open ? 'Close' : 'Details'}
      </button>
    </div>
  );
}

export function DecisionPanel(props: DecisionPanelProps) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  return (
    <section
      className={`decision${props.compact ? ' is-compact' : ''}`}
      aria-labelledby="decision-title"
      data-testid="decision-panel"
    >
      <h2 id="decision-title" className="sr-only">
        Decision summary
      </h2>
      <Strip {...props} open={open} onToggle={() => setOpen((o) => !o)} detailId={detailId} />
      <div id={detailId} className={`decision-detail${open ? ' is-open' : ''}`}>
        <div role="status" aria-live="polite" aria-atomic="false">
          <FlagStatus {...props} />
        </div>
        <TopDiagnoses assessment={props.assessment} />
        <NextSteps assessment={props.assessment} />
      </div>
    </section>
  );
}
