'use client';
/**
 * The workspace container: owns the form answers (with their sessionStorage draft), the workup ticked for the plan
 * (kept the same way) and the links into the form, and recomputes the Assessment from (facts, answers, now) in a memo
 * on every answer — no fetches, no effects in the loop.
 *
 * Why the engine runs here and not in a query: the chart is fetched once; the differential is a pure function
 * of it and of what the clinician ticks, and must update within a frame of each answer.
 */
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Assessment, WorkupItem } from '../engine/assessment';
import type { ChartFacts } from '../engine/facts';
import { assess } from '../engine';
import { loadDraft, saveDraft, type DraftScope } from '../form/draft';
import type { FormAnswers } from '../form/schema';
import { setAnswer } from '../form/paths';
import type { DiagnosticsLine } from '../queries/diagnostics';
import type { RevealRequest } from './symptom-form';
import type { PatientSummary, SectionStates } from './types';
import { loadPlannedWorkup, savePlannedWorkup } from './workup-plan-store';
import { WorkspaceView, type DraftNotice } from './workspace-view';

/** What the note panel is rendered from: the assessment, the answers, the chart, and what was ticked to order. */
export interface NotePanelContext {
  readonly assessment: Assessment;
  readonly answers: FormAnswers;
  readonly facts: ChartFacts;
  /**
   * The suggested workup items the clinician ticked ("I will order this"), in the assessment's order: the note's plan
   * says what was ticked. Items ticked earlier that the current assessment no longer suggests are not included.
   */
  readonly plannedWorkup: readonly WorkupItem[];
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

const UNSAVED = 'This browser did not allow saving a draft: your answers are kept only while this page stays open.';

export function Workspace(props: WorkspaceProps) {
  const { facts, now, draftScope } = props;
  const [initial] = useState(() => loadDraft(draftScope));
  const [answers, setAnswers] = useState<FormAnswers>(initial.answers);
  const [notice, setNotice] = useState<DraftNotice | null>(() => initialNotice(initial));
  const [planned, setPlanned] = useState<ReadonlySet<string>>(() => new Set(loadPlannedWorkup(draftScope)));
  const latestPlanned = useRef(planned);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  // The latest answers, for the event handler (saving the draft is a side effect of the clinician's action,
  // not of rendering: no effect re-saves a draft the write-back panel has just cleared).
  const latest = useRef<FormAnswers>(initial.answers);

  const onAnswer = useCallback(
    (path: string, value: unknown) => {
      const next = setAnswer(latest.current, path, value);
      latest.current = next;
      setAnswers(next);
      if (!saveDraft(draftScope, next, new Date().toISOString())) setNotice({ kind: 'unsaved', message: UNSAVED });
    },
    [draftScope],
  );

  const onTick = useCallback(
    (id: string, on: boolean) => {
      const next = new Set(latestPlanned.current);
      if (on) next.add(id);
      else next.delete(id);
      latestPlanned.current = next;
      setPlanned(next);
      if (!savePlannedWorkup(draftScope, [...next])) setNotice({ kind: 'unsaved', message: UNSAVED });
    },
    [draftScope],
  );

  const onReveal = useCallback((path: string) => {
    setReveal((r) => ({ path, seq: (r?.seq ?? 0) + 1 }));
  }, []);

  const assessment = useMemo(() => assess(facts, answers, { now }), [facts, answers, now]);
  const plannedWorkup = useMemo(
    () => assessment.workup.filter((w) => planned.has(w.id) && !w.alreadyOnFile),
    [assessment.workup, planned],
  );

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
      planned={planned}
      onTick={onTick}
      reveal={reveal}
      onReveal={onReveal}
      notePanel={props.renderNotePanel?.({ assessment, answers, facts, plannedWorkup })}
      diagnostics={props.diagnostics}
      chartLoadedAt={props.chartLoadedAt}
      onRefreshChart={props.onRefreshChart}
    />
  );
}
