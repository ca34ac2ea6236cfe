'use client';
/**
 * The workspace once a SMART session is active: the chart reads (one query per section), the FHIR → domain
 * mapping, the clinical engine and the workspace UI.
 *
 * Why a module of its own, loaded with `import()` by the route (app/assessment/page.tsx): this is most of the page's
 * JavaScript (mappings with their value sets, engine, form, UI) and none of it can render before the session is
 * ready — the code exchange and the session read take round trips to the EHR, and this chunk downloads during them.
 * The route's first-load JavaScript is then just the shell: session, skeleton and the relaunch screens.
 */
import { useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChartFacts } from '@/lib/engine/facts';
import { useClientConfig } from '@/lib/config/context';
import { hasAnyDraft, type DraftScope } from '@/lib/form/draft';
import type { SmartSession } from '@/lib/fhir/session';
import { launchClock } from '@/lib/fhir/smart';
import { useFhirDiagnostics } from '@/lib/queries/diagnostics';
import { useChartFacts } from '@/lib/queries/facts';
import { queryKeys } from '@/lib/queries/keys';
import { markLaunch } from '@/lib/ui/launch-timing';
import { SkeletonRows } from '@/lib/ui/section-state';
import { ServerError, SessionExpired, WorkspaceSkeleton } from '@/lib/ui/states';
import type { PatientSummary } from '@/lib/ui/types';
import { Workspace, type NotePanelContext } from '@/lib/ui/workspace';

const SHOW_DIAGNOSTICS = process.env.NODE_ENV !== 'production';

/**
 * The write-back panel (note renderer, FHIR resource builders) sits below the fold and is only needed once the
 * clinician reviews the note: loaded after the workspace, to keep the page's first-load JavaScript down.
 */
const NotePanel = dynamic(() => import('@/lib/ui/note').then((m) => m.NotePanel), {
  ssr: false,
  loading: () => (
    <section className="panel" aria-busy="true">
      <h2 className="panel-title">Note for the chart</h2>
      <SkeletonRows rows={3} label="note preview" />
    </section>
  ),
});
const SEXES = new Set(['male', 'female', 'other', 'unknown']);

function serverLabel(serverUrl: string): string {
  try {
    const url = new URL(serverUrl);
    return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return serverUrl;
  }
}

export function ActiveWorkspace({ session }: { session: SmartSession }) {
  const config = useClientConfig();
  const queryClient = useQueryClient();
  // One clock per launch: the search windows, "recent" and the engine's staleness all use the same instant — the
  // one the page's early chart reads were planned with (the server's, when the page was rendered), else this one.
  const [now, setNow] = useState(() => launchClock() ?? new Date());
  const chart = useChartFacts(session, { now, siteCodes: config.localCodes });
  const diagnostics = useFhirDiagnostics();

  // Keep showing the last complete chart while a section is retried, so the form never unmounts mid-answer.
  const [shown, setShown] = useState<ChartFacts | undefined>(undefined);
  if (chart.facts && chart.facts !== shown) setShown(chart.facts);
  const facts = chart.facts ?? shown;
  // A mark is a name and a time, idempotent: safe to set while rendering, right after the chart was mapped.
  if (facts) markLaunch('chart-ready');
  useEffect(() => {
    if (!facts) return;
    // After the commit that first shows the chart: the next frame is the one that paints it.
    const frame = requestAnimationFrame(() => markLaunch('workspace-shown'));
    return () => cancelAnimationFrame(frame);
  }, [facts]);

  const sections = chart.sections;
  const draftScope = useMemo<DraftScope>(
    () => ({ serverUrl: session.serverUrl, patientId: session.patientId, encounterId: session.encounterId ?? null }),
    [session.serverUrl, session.patientId, session.encounterId],
  );
  const patient = useMemo<PatientSummary | undefined>(() => {
    const p = chart.patient;
    if (!p) return undefined;
    return {
      name: p.name ?? 'Name not recorded',
      ...(p.birthDate ? { birthDate: p.birthDate } : {}),
      ...(p.sex && SEXES.has(p.sex) ? { sex: p.sex as PatientSummary['sex'] } : {}),
      ...(p.deceased ? { deceased: p.deceased } : {}),
    };
  }, [chart.patient]);

  const retryAll = useCallback(() => {
    for (const state of Object.values(chart.sections)) if (state.status === 'error') state.retry?.();
  }, [chart.sections]);
  const refreshChart = useCallback(() => {
    setNow(new Date());
    void queryClient.refetchQueries({ queryKey: queryKeys.patient(session) });
  }, [queryClient, session]);

  const noteConfig = useMemo(
    () => ({
      writebackProfile: config.writebackProfile,
      noteType: config.noteType,
      writeProvenance: config.writeProvenance,
      writeClinicalImpression: config.writeClinicalImpression,
    }),
    [config.writebackProfile, config.noteType, config.writeProvenance, config.writeClinicalImpression],
  );
  const renderNotePanel = useCallback(
    (ctx: NotePanelContext) => (
      <NotePanel
        session={session}
        assessment={ctx.assessment}
        answers={ctx.answers}
        facts={ctx.facts}
        plannedWorkup={ctx.plannedWorkup}
        {...(patient ? { patient } : {})}
        config={noteConfig}
        draftScope={draftScope}
      />
    ),
    [session, patient, noteConfig, draftScope],
  );

  if (!facts) return <WorkspaceSkeleton />;

  const states = Object.values(chart.sections);
  const allFailed = states.every((s) => s.status === 'error');
  if (allFailed && states.some((s) => s.status === 'error' && s.retry)) {
    const first = states.find((s) => s.status === 'error');
    return (
      <ServerError
        message={first?.status === 'error' ? first.message : 'The chart could not be loaded.'}
        onRetry={retryAll}
      />
    );
  }

  return (
    <Workspace
      facts={facts}
      sections={sections}
      patient={patient}
      showBanner={session.needPatientBanner}
      serverLabel={serverLabel(session.serverUrl)}
      now={now}
      draftScope={draftScope}
      chartLoadedAt={now.toISOString()}
      onRefreshChart={refreshChart}
      renderNotePanel={renderNotePanel}
      {...(SHOW_DIAGNOSTICS ? { diagnostics } : {})}
    />
  );
}

/**
 * "Session expired": here rather than in the route because whether a form draft survives is read through the
 * draft store, which validates drafts against the form schema (zod) — code the route's first load does without.
 */
export function ExpiredWorkspace({ launcherUrl }: { launcherUrl: string }) {
  return <SessionExpired launcherUrl={launcherUrl} draftKept={hasAnyDraft()} />;
}
