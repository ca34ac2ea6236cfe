'use client';
/**
 * The workspace container: owns the form answers (with their sessionStorage draft) and recomputes the
 * Assessment from (facts, answers, now) in a memo on every answer — no fetches, no effects in the loop.
 *
 * Why the engine runs here and not in a query: the chart is fetched once; the differential is a pure function
 * of it and of what the clinician ticks, and must update within a frame of each answer.
 */
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Assessment } from '../engine/assessment';
import type { ChartFacts } from '../engine/facts';
import { assess } from '../engine';
import { loadDraft, saveDraft, type DraftScope } from '../form/draft';
import type { FormAnswers } from '../form/schema';
import { setAnswer } from '../form/paths';
import type { DiagnosticsLine } from '../queries/diagnostics';
import type { PatientSummary, SectionStates } from './types';
import { WorkspaceView, type DraftNotice } from './workspace-view';

export interface NotePanelContext {
  readonly assessment: Assessment;
  readonly answers: FormAnswers;
  readonly facts: ChartFacts;
}

export interface WorkspaceProps {
  readonly facts: ChartFacts;
  readonly sections: SectionStates;
  readonly patient?: PatientSummary | undefined;
  readonly showBanner: boolean;
  readonly serverLabel: string;
  /** The assessment clock; keep it stable across renders (the memo depends on it). */
  readonly now: Date;
  readonly draftScope: DraftScope;
  readonly renderNotePanel?: ((context: NotePanelContext) => ReactNode) | undefined;
  readonly diagnostics?: readonly DiagnosticsLine[] | undefined;
  readonly chartLoadedAt?: string | undefined;
  readonly onRefreshChart?: (() => void) | undefined;
}

function initialNotice(load: ReturnType<typeof loadDraft>): DraftNotice | null {
  if (load.status === 'restored') return { kind: 'restored', savedAt: load.savedAt };
  if (load.status === 'corrupted') return { kind: 'corrupted', message: load.notice };
  return null;
}

export function Workspace(props: WorkspaceProps) {
  const { facts, now, draftScope } = props;
  const [initial] = useState(() => loadDraft(draftScope));
  const [answers, setAnswers] = useState<FormAnswers>(initial.answers);
  const [notice, setNotice] = useState<DraftNotice | null>(() => initialNotice(initial));
  // The latest answers, for the event handler (saving the draft is a side effect of the clinician's action,
  // not of rendering: no effect re-saves a draft the write-back panel has just cleared).
  const latest = useRef<FormAnswers>(initial.answers);

  const onAnswer = useCallback(
    (path: string, value: unknown) => {
      const next = setAnswer(latest.current, path, value);
      latest.current = next;
      setAnswers(next);
      if (!saveDraft(draftScope, next, new Date().toISOString())) {
        setNotice({
          kind: 'unsaved',
          message: 'This browser did not allow saving a draft: your answers are kept only while this page stays open.',
        });
      }
    },
    [draftScope],
  );

  const assessment = useMemo(() => assess(facts, answers, { now }), [facts, answers, now]);

  return (
    <WorkspaceView
      facts={facts}
      assessment={assessment}
      answers={answers}
      onAnswer={onAnswer}
      sections={props.sections}
      patient={props.patient}
      showBanner={props.showBanner}
      serverLabel={props.serverLabel}
      now={now}
      draftNotice={notice}
      onDismissNotice={() => setNotice(null)}
      notePanel={props.renderNotePanel?.({ assessment, answers, facts })}
      diagnostics={props.diagnostics}
      chartLoadedAt={props.chartLoadedAt}
      onRefreshChart={props.onRefreshChart}
    />
  );
}
