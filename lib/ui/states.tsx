/**
 * Whole-screen states: loading, session expired, no EHR context, server error, no data.
 *
 * Why explicit states: a blank page or a spinner over nothing reads as "no findings" to a busy clinician.
 * Each state says what happened, what is (and is not) lost, and the one thing to do next.
 */
import type { ReactNode } from 'react';
import { AlertIcon, InfoIcon } from './icons';
import { SkeletonRows } from './section-state';

export function WorkspaceSkeleton() {
  return (
    <main className="workspace workspace-loading" aria-busy="true" data-testid="state-loading">
      <h1 className="sr-only">Leg pain assessment</h1>
      <div className="skeleton-banner" aria-hidden="true" />
      <p className="loading-note" role="status">
        Reading this patient’s chart from the EHR…
      </p>
      <div className="workspace-layout">
        <section className="panel decision">
          <h2 className="panel-title">Decision summary</h2>
          <SkeletonRows rows={5} label="decision summary" />
        </section>
        <div className="workspace-content">
          <section className="panel">
            <h2 className="panel-title">Symptoms and exam</h2>
            <SkeletonRows rows={4} label="chart evidence" />
          </section>
        </div>
      </div>
    </main>
  );
}

function StatePage({
  tone,
  title,
  children,
  testId,
}: {
  tone: 'info' | 'error';
  title: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <main className={`state-page state-${tone}`} data-testid={testId}>
      <div className="state-card" role={tone === 'error' ? 'alert' : undefined}>
        <h1 className="state-title">
          {tone === 'error' ? <AlertIcon /> : <InfoIcon />} {title}
        </h1>
        {children}
      </div>
    </main>
  );
}

export function SessionExpired({
  launcherUrl,
  draftKept,
}: {
  /** Where to relaunch from, when a launcher is configured (the local sandbox); real EHRs relaunch from the chart. */
  launcherUrl?: string;
  draftKept: boolean;
}) {
  return (
    <StatePage tone="error" title="Your EHR session has ended" testId="state-session-expired">
      <p>
        The access granted by the EHR expired or was withdrawn, so Nocturne can no longer read this patient’s chart.
      </p>
      {draftKept ? (
        <p>
          <strong>Your answers are kept</strong> in this browser tab and will be restored when you relaunch for the same
          patient and encounter.
        </p>
      ) : null}
      <h2 className="state-subtitle">To continue</h2>
      <ol>
        <li>Go back to the patient’s chart in the EHR.</li>
        <li>Open Nocturne again from the EHR’s app menu (the same way you opened it first).</li>
      </ol>
      {launcherUrl ? (
        <p>
          Testing with the local sandbox? <a href={launcherUrl}>Relaunch from the sandbox launcher</a>.
        </p>
      ) : null}
    </StatePage>
  );
}

export function NoLaunchContext({ launcherUrl }: { launcherUrl?: string }) {
  return (
    <StatePage tone="info" title="Open Nocturne from the EHR" testId="state-no-context">
      <p>
        Nocturne needs a patient from an EHR launch (SMART on FHIR). This page was opened directly, so there is no
        patient to show.
      </p>
      <ul>
        <li>In the EHR: open the patient’s chart and start Nocturne from the app menu.</li>
        {launcherUrl ? (
          <li>
            To try it without an EHR: <a href={launcherUrl}>open the local SMART sandbox launcher</a> and pick a
            synthetic patient.
          </li>
        ) : null}
      </ul>
    </StatePage>
  );
}

export function ServerError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <StatePage tone="error" title="The EHR’s server did not answer" testId="state-server-error">
      <p>{message}</p>
      <p>Nothing you typed is lost.</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </StatePage>
  );
}

/**
 * Nocturne's own workspace files did not download (a deployment replaced mid-launch, a proxy hiccup): said as such —
 * not an endless skeleton, and not blamed on the EHR. The SMART session is in this tab's storage, so a reload resumes
 * it without a new launch.
 */
export function WorkspaceUnavailable({ onReload }: { onReload: () => void }) {
  return (
    <StatePage tone="error" title="Nocturne could not load its workspace" testId="state-workspace-unavailable">
      <p>Part of Nocturne did not download from its own server. Reload to try again; the EHR session is kept.</p>
      <p>Nothing you typed is lost.</p>
      <button type="button" className="button" onClick={onReload}>
        Reload
      </button>
    </StatePage>
  );
}

/** The launch itself failed (authorisation refused, unusable launch context): relaunch from the EHR. */
export function LaunchFailed({
  message,
  launcherUrl,
  launch = 'ehr',
}: {
  message: string;
  launcherUrl?: string;
  /** How the launch began: a standalone launch has no patient chart to go back to. */
  launch?: 'ehr' | 'standalone';
}) {
  return (
    <StatePage tone="error" title="Nocturne could not open this patient" testId="state-launch-failed">
      <p>{message}</p>
      <h2 className="state-subtitle">To continue</h2>
      {launch === 'standalone' ? (
        <ol>
          <li>Open Nocturne again the way you opened it this time (its launch link), and sign in to the EHR.</li>
          <li>If this keeps happening, tell the team that runs the EHR.</li>
        </ol>
      ) : (
        <ol>
          <li>Go back to the patient’s chart in the EHR.</li>
          <li>
            Open Nocturne again from the EHR’s app menu. If this keeps happening, tell the team that runs the EHR.
          </li>
        </ol>
      )}
      {launcherUrl ? (
        <p>
          Testing with the local sandbox? <a href={launcherUrl}>Relaunch from the sandbox launcher</a>.
        </p>
      ) : null}
    </StatePage>
  );
}

/** A banner (not a page) for a chart where every section loaded but nothing relevant was found. */
export function NoDataNotice() {
  return (
    <div className="notice notice-info" role="status" data-testid="no-data">
      <InfoIcon />
      <p>
        <strong>Nothing relevant on file.</strong> The chart was searched and no vascular tests, relevant conditions,
        labs, medications or recent surgery were found. That is not the same as normal: the suggested workup lists what
        to measure.
      </p>
    </div>
  );
}
