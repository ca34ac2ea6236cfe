'use client';
/**
 * The clinician's workspace, laid out from domain objects only (ChartFacts, Assessment, FormAnswers).
 *
 * Built for the EHR frame. From 1024 px: the main column is the work (the adaptive form, red-flag screen first); the
 * side column is sticky and scrolls on its own, the decision panel (red flags, most likely, next steps) at its top and
 * pinned there, then the differential with what would change it, the workup to tick, the chart evidence, advice and
 * the note. Below 1024 px it is one column in clinical order — decision strip (pinned), form,
 * differential, workup, evidence, advice, note — so the first screen shows the patient, the decision and the form.
 * Landmarks: the patient banner, one `<main>` holding everything else.
 */
import { memo, useMemo, useState, type ReactNode, type UIEvent } from 'react';
import type { Assessment } from '../engine/assessment';
import type { ChartFacts, ChartSection } from '../engine/facts';
import { formatDate, formatDateTime } from '../engine/format';
import type { FormAnswers } from '../form/schema';
import type { DiagnosticsLine } from '../queries/diagnostics';
import { useAfterFirstCommit } from './after-first-commit';
import { DecisionPanel, topCandidates } from './decision-panel';
import { DiagnosticsDrawer } from './diagnostics-drawer';
import { DifferentialList } from './differential-list';
import { Disclaimer } from './disclaimer';
import { EvidencePanel } from './evidence-panel';
import { FormNavigationProvider } from './form-navigation';
import { AlertIcon, InfoIcon } from './icons';
import { SECTION_WORDS } from './labels';
import { PatientBanner } from './patient-banner';
import { SkeletonRows } from './section-state';
import { NoDataNotice } from './states';
import {
  AnswerSummary,
  RED_FLAG_SCREEN_SIZE,
  SymptomForm,
  unansweredRedFlagQuestions,
  type AnswerHandler,
  type RevealRequest,
} from './symptom-form';
import { sectionStatus, type PatientSummary, type SectionStates } from './types';
import { PatientAdvice, WorkupList } from './workup-list';

export type DraftNotice =
  | { readonly kind: 'restored'; readonly savedAt: string }
  | { readonly kind: 'corrupted'; readonly message: string }
  | { readonly kind: 'unsaved'; readonly message: string };

export interface WorkspaceViewProps {
  readonly facts: ChartFacts;
  readonly assessment: Assessment;
  readonly answers: FormAnswers;
  readonly onAnswer: AnswerHandler;
  readonly sections: SectionStates;
  readonly patient?: PatientSummary | undefined;
  /** False when the EHR shows its own banner (`need_patient_banner: false`). */
  readonly showBanner: boolean;
  /** The EHR's FHIR server, for the print view's footer (never on screen: it is not clinical information). */
  readonly serverLabel: string;
  readonly now: Date;
  readonly draftNotice?: DraftNotice | null | undefined;
  readonly onDismissNotice?: (() => void) | undefined;
  /** Workup item ids ticked for the plan, and how to change them. */
  readonly planned?: ReadonlySet<string> | undefined;
  readonly onTick?: ((id: string, on: boolean) => void) | undefined;
  /** The latest request to show a question, and how to make one (links into the form). */
  readonly reveal?: RevealRequest | null | undefined;
  readonly onReveal?: ((path: string) => void) | undefined;
  /** The write-back panel (note preview / edit / save), when available. */
  readonly notePanel?: ReactNode | undefined;
  /** When the chart was read (ISO), shown next to the refresh button. */
  readonly chartLoadedAt?: string | undefined;
  /** Re-reads the chart (e.g. after new results were filed); absent when not available. */
  readonly onRefreshChart?: (() => void) | undefined;
  /** Developer diagnostics; omit in production builds. */
  readonly diagnostics?: readonly DiagnosticsLine[] | undefined;
}

const ALL_SECTIONS: readonly ChartSection[] = [
  'Condition',
  'Observation',
  'MedicationRequest',
  'Procedure',
  'Encounter',
];

const NO_TICKS: ReadonlySet<string> = new Set();

function DraftNoticeBar({ notice, onDismiss }: { notice: DraftNotice; onDismiss?: (() => void) | undefined }) {
  const warn = notice.kind !== 'restored';
  return (
    <div
      className={`notice ${warn ? 'notice-warn' : 'notice-info'} no-print`}
      role="status"
      data-testid={`draft-${notice.kind}`}
    >
      {warn ? <AlertIcon /> : <InfoIcon />}
      <p>
        {notice.kind === 'restored'
          ? `Your earlier answers for this patient were restored${notice.savedAt ? ` (saved ${formatDateTime(notice.savedAt)})` : ''}.`
          : notice.message}
      </p>
      {onDismiss ? (
        <button type="button" className="button button-small button-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}

/**
 * The evidence panel depends on the chart, which does not change while the clinician answers; of the assessment
 * it reads only the vascular interpretation (manual measurements), the data issues and which records are cited —
 * compared by value.
 */
const MemoEvidencePanel = memo(
  EvidencePanel,
  (a, b) =>
    a.facts === b.facts &&
    a.sections === b.sections &&
    a.now === b.now &&
    JSON.stringify(a.abi) === JSON.stringify(b.abi) &&
    JSON.stringify(a.dataIssues) === JSON.stringify(b.dataIssues) &&
    (a.cited ?? []).join('|') === (b.cited ?? []).join('|'),
);

/** Chart records the assessment rests on (red flags and ranked candidates), so the evidence panel leads with them. */
function citedRecords(assessment: Assessment): string[] {
  const refs = new Set<string>();
  const evidence = [
    ...assessment.redFlags.flatMap((f) => f.evidence),
    ...topCandidates(assessment.differential).flatMap((d) => [...d.supporting, ...d.opposing]),
  ];
  for (const e of evidence) if (e.reference) refs.add(e.reference);
  return [...refs].sort();
}

function dedupeIssues(
  issues: readonly { readonly resource?: string; readonly problem: string }[],
): { resource?: string; problem: string }[] {
  const seen = new Set<string>();
  const out: { resource?: string; problem: string }[] = [];
  for (const i of issues) {
    const key = `${i.resource ?? ''}|${i.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...i });
  }
  return out;
}

export function WorkspaceView(props: WorkspaceViewProps) {
  const { facts, assessment, answers, now, sections } = props;
  // The symptom form is more than half of the page's elements: the first commit shows the patient, the decision panel,
  // the differential and the chart evidence — what the clinician reads first — and the form's body follows.
  const formShown = useAfterFirstCommit();
  const failed = ALL_SECTIONS.filter(
    (s) => facts.unavailable.includes(s) || sectionStatus(sections, s).status === 'error',
  );
  const loading = ALL_SECTIONS.some((s) => sectionStatus(sections, s).status === 'loading');
  const nothingOnFile =
    !loading &&
    failed.length === 0 &&
    facts.conditions.length === 0 &&
    facts.observations.length === 0 &&
    facts.medications.length === 0 &&
    facts.events.length === 0;
  const dataIssues = useMemo(
    () => dedupeIssues([...facts.dataIssues, ...assessment.dataIssues]),
    [facts.dataIssues, assessment.dataIssues],
  );
  const cited = useMemo(() => citedRecords(assessment), [assessment]);
  const onReveal = props.onReveal;
  const navigation = useMemo(() => ({ reveal: onReveal ?? (() => undefined) }), [onReveal]);
  // Short words for the decision panel ("results", not "results (observations)").
  const retries = failed.flatMap((s) => {
    const state = sectionStatus(sections, s);
    return state.status === 'error' && state.retry ? [state.retry] : [];
  });
  const retryFailed = retries.length > 0 ? () => retries.forEach((retry) => retry()) : undefined;
  // From 1024 px the side column scrolls on its own: once it is scrolled, the decision panel folds to its strip
  // (still pinned at the top) so the differential, workup and note below it have room.
  const [sideScrolled, setSideScrolled] = useState(false);
  const onSideScroll = (event: UIEvent<HTMLDivElement>) => setSideScrolled(event.currentTarget.scrollTop > 24);
  const unread = [...new Set(failed.map((s) => SECTION_WORDS[s].replace(/\s*\(.*\)$/, '')))];

  return (
    <FormNavigationProvider value={navigation}>
      <div className="workspace">
        <a href="#form-start" className="skip-link">
          Skip to the symptom form
        </a>
        {props.showBanner ? <PatientBanner patient={props.patient} now={now} /> : null}
        <main className="workspace-main">
          {props.showBanner ? null : <h1 className="sr-only">Leg pain assessment</h1>}
          <div className="toolbar">
            <Disclaimer text={assessment.disclaimer} />
            <div className="toolbar-actions no-print">
              {props.onRefreshChart ? (
                <button type="button" className="button button-small button-quiet" onClick={props.onRefreshChart}>
                  Re-read chart
                  {props.chartLoadedAt ? (
                    <span className="muted small"> (read {formatDateTime(props.chartLoadedAt).slice(11)})</span>
                  ) : null}
                </button>
              ) : null}
              <button type="button" className="button button-small" onClick={() => window.print()}>
                Print / PDF
              </button>
            </div>
          </div>
          {props.draftNotice ? <DraftNoticeBar notice={props.draftNotice} onDismiss={props.onDismissNotice} /> : null}
          {nothingOnFile ? <NoDataNotice /> : null}
          <div className="workspace-layout">
            <div className="workspace-side" onScroll={onSideScroll}>
              <DecisionPanel
                assessment={assessment}
                unreadSections={unread}
                screenUnanswered={unansweredRedFlagQuestions(answers, assessment.chartAnswers)}
                screenTotal={RED_FLAG_SCREEN_SIZE}
                onRetry={retryFailed}
                compact={sideScrolled}
              />
              <DifferentialList
                differential={assessment.differential}
                wells={assessment.scores.wells}
                irlssg={assessment.scores.irlssg}
                now={now}
              />
              <WorkupList
                workup={assessment.workup}
                now={now}
                planned={props.planned ?? NO_TICKS}
                onTick={props.onTick ?? (() => undefined)}
              />
              <MemoEvidencePanel
                facts={facts}
                abi={assessment.scores.abi}
                sections={sections}
                dataIssues={dataIssues}
                now={now}
                cited={cited}
              />
              <PatientAdvice advice={assessment.advice} />
              {props.notePanel ? <div className="note-slot">{props.notePanel}</div> : null}
            </div>
            <div className="workspace-content">
              <div id="form-start" tabIndex={-1} />
              <div className="form-slot no-print">
                {formShown ? (
                  <SymptomForm
                    answers={answers}
                    onAnswer={props.onAnswer}
                    facts={facts}
                    now={now}
                    observationsUnknown={failed.includes('Observation')}
                    blocks={assessment.formBlocks}
                    chartAnswers={assessment.chartAnswers}
                    reveal={props.reveal}
                  />
                ) : (
                  <section className="panel form-panel" aria-busy="true" aria-labelledby="form-pending-title">
                    <h2 className="panel-title" id="form-pending-title">
                      Symptoms and exam
                    </h2>
                    <SkeletonRows rows={6} label="the symptom form" />
                  </section>
                )}
              </div>
              <div className="form-slot print-only">
                <AnswerSummary answers={answers} />
              </div>
              <p className="print-only print-meta">
                Assessment generated {formatDate(assessment.generatedAt)}{' '}
                {formatDateTime(assessment.generatedAt).slice(11)} · engine {assessment.engineVersion} · EHR{' '}
                {props.serverLabel}
              </p>
            </div>
          </div>
        </main>
        {props.diagnostics ? <DiagnosticsDrawer entries={props.diagnostics} /> : null}
      </div>
    </FormNavigationProvider>
  );
}
