'use client';
/**
 * The clinician's workspace, laid out from domain objects only (ChartFacts, Assessment, FormAnswers).
 *
 * Reading order is the clinical order: red flags, a one-line live summary, chart evidence and the form on one
 * side, the ranked differential, workup and advice on the other (stacked below 1000 px, for the EHR iframe).
 * The live summary bar stays visible while the form scrolls, so each answer's effect is seen without scrolling.
 */
import { memo, type ReactNode } from 'react';
import type { Assessment } from '../engine/assessment';
import type { ChartFacts } from '../engine/facts';
import type { FormAnswers } from '../form/schema';
import { DiagnosticsDrawer } from './diagnostics-drawer';
import { DifferentialList } from './differential-list';
import { Disclaimer } from './disclaimer';
import { EvidencePanel } from './evidence-panel';
import { AlertIcon, InfoIcon, UrgencyIcon } from './icons';
import { URGENCY_LABELS } from '../engine/labels';
import { LIKELIHOOD_WORDS, SECTION_WORDS } from './labels';
import { PatientBanner } from './patient-banner';
import { RedFlagList, sortRedFlags } from './red-flag-list';
import { NoDataNotice, PartialDataNotice } from './states';
import { AnswerSummary, SymptomForm, unansweredRedFlagQuestions, type AnswerHandler } from './symptom-form';
import type { DiagnosticsLine } from '../queries/diagnostics';
import { sectionStatus, type PatientSummary, type SectionStates } from './types';
import { PatientAdvice, WorkupList } from './workup-list';
import { formatDate } from '../engine/format';
import type { ChartSection } from '../engine/facts';

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
  readonly serverLabel: string;
  readonly now: Date;
  readonly draftNotice?: DraftNotice | null | undefined;
  readonly onDismissNotice?: (() => void) | undefined;
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

function LiveSummary({ assessment, screeningComplete }: { assessment: Assessment; screeningComplete: boolean }) {
  const flags = sortRedFlags(assessment.redFlags);
  // Nothing above "unlikely" is not a ranking worth reading: say so instead of listing three "unlikely"s.
  const top = assessment.differential.some((d) => d.likelihood !== 'unlikely')
    ? assessment.differential.slice(0, 3)
    : [];
  const worst = flags[0];
  return (
    <div className="live-summary no-print" role="status" aria-live="polite" data-testid="live-summary">
      {worst ? (
        <a href="#red-flags-title" className={`live-flags urgency-${worst.urgency}`}>
          <UrgencyIcon urgency={worst.urgency} />
          {flags.length} red flag{flags.length === 1 ? '' : 's'} · {URGENCY_LABELS[worst.urgency]}
        </a>
      ) : (
        <span className={`live-flags ${screeningComplete ? 'live-flags-none' : 'live-flags-open'}`}>
          No red flags so far{screeningComplete ? '' : ' (screen incomplete)'}
        </span>
      )}
      <a href="#dx-title" className="live-dx">
        {top.length === 0
          ? 'Differential: nothing ranks above unlikely yet — record the story and exam'
          : top.map((d, i) => (
              <span key={d.id} className="live-dx-item">
                {i + 1}. {d.label.replace(/\s*\(.*\)$/, '')} —{' '}
                {LIKELIHOOD_WORDS[d.likelihood].replace(' likelihood', '')}
              </span>
            ))}
      </a>
    </div>
  );
}

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
          ? `Your earlier answers for this patient were restored${notice.savedAt ? ` (saved ${formatDate(notice.savedAt)} ${notice.savedAt.slice(11, 16)} UTC)` : ''}.`
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
 * it reads only the vascular interpretation (manual measurements) and the data issues — compared by value.
 */
const MemoEvidencePanel = memo(
  EvidencePanel,
  (a, b) =>
    a.facts === b.facts &&
    a.sections === b.sections &&
    a.now === b.now &&
    JSON.stringify(a.abi) === JSON.stringify(b.abi) &&
    JSON.stringify(a.dataIssues) === JSON.stringify(b.dataIssues),
);

export function WorkspaceView(props: WorkspaceViewProps) {
  const { facts, assessment, answers, now, sections } = props;
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
  const dataIssues = dedupeIssues([...facts.dataIssues, ...assessment.dataIssues]);

  return (
    <div className="workspace">
      <a href="#form-start" className="skip-link">
        Skip to the symptom form
      </a>
      {props.showBanner ? <PatientBanner patient={props.patient} serverLabel={props.serverLabel} now={now} /> : null}
      <div className="toolbar">
        <Disclaimer text={assessment.disclaimer} />
        <div className="toolbar-actions no-print">
          {props.onRefreshChart ? (
            <button type="button" className="button button-small button-quiet" onClick={props.onRefreshChart}>
              Re-read chart
              {props.chartLoadedAt ? (
                <span className="muted small"> (read {props.chartLoadedAt.slice(11, 16)} UTC)</span>
              ) : null}
            </button>
          ) : null}
          <button type="button" className="button button-small" onClick={() => window.print()}>
            Print / PDF
          </button>
        </div>
      </div>
      <p className="print-only print-meta">
        Assessment generated {formatDate(assessment.generatedAt)} {assessment.generatedAt.slice(11, 16)} UTC · engine{' '}
        {assessment.engineVersion} · EHR {props.serverLabel}
      </p>
      {props.draftNotice ? <DraftNoticeBar notice={props.draftNotice} onDismiss={props.onDismissNotice} /> : null}
      {failed.length > 0 ? <PartialDataNotice sections={failed.map((s) => SECTION_WORDS[s])} /> : null}
      {nothingOnFile ? <NoDataNotice /> : null}
      <RedFlagList
        redFlags={assessment.redFlags}
        now={now}
        unansweredScreening={unansweredRedFlagQuestions(answers)}
        unavailable={failed.map((s) => SECTION_WORDS[s])}
      />
      <LiveSummary
        assessment={assessment}
        screeningComplete={unansweredRedFlagQuestions(answers) === 0 && failed.length === 0}
      />
      <div className="workspace-grid">
        <div className="col col-main">
          <MemoEvidencePanel
            facts={facts}
            abi={assessment.scores.abi}
            sections={sections}
            dataIssues={dataIssues}
            now={now}
          />
          <div id="form-start" tabIndex={-1} />
          <div className="no-print">
            <SymptomForm
              answers={answers}
              onAnswer={props.onAnswer}
              facts={facts}
              now={now}
              observationsUnknown={failed.includes('Observation')}
            />
          </div>
          <div className="print-only">
            <AnswerSummary answers={answers} />
          </div>
        </div>
        <div className="col col-side">
          <DifferentialList
            differential={assessment.differential}
            wells={assessment.scores.wells}
            irlssg={assessment.scores.irlssg}
            now={now}
          />
          <WorkupList workup={assessment.workup} now={now} />
          <PatientAdvice advice={assessment.advice} />
        </div>
      </div>
      {props.notePanel ? <div className="note-slot">{props.notePanel}</div> : null}
      {props.diagnostics ? <DiagnosticsDrawer entries={props.diagnostics} /> : null}
    </div>
  );
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
