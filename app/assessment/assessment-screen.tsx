'use client';
/**
 * What `/assessment` shows (app/assessment/page.tsx adds the redirect's inline script around it).
 *
 * Thin by design: it reads the session (the data layer's hook calls fhirclient `ready()` once) and shows the
 * skeleton or a relaunch screen; everything that needs an active session — chart reads, mapping, engine, the
 * workspace UI — is in ./active-workspace, fetched as soon as this module runs (in parallel with the code exchange
 * and session read, which take round trips to the EHR) and not part of the first-load JavaScript. Every non-happy
 * path is an explicit screen: loading skeleton, no launch context, expired session, failed launch, server down.
 */
import dynamic from 'next/dynamic';
import { useClientConfig } from '@/lib/config/context';
import { useSmartSession } from '@/lib/queries/session';
import { LaunchFailed, NoLaunchContext, WorkspaceSkeleton } from '@/lib/ui/states';

/**
 * Started at module evaluation, not at first render: the chunks' evaluation overlaps the session read. (They are
 * usually in the HTTP cache already: `/launch` prefetches this route's chunks while the browser waits for the EHR.)
 */
if (typeof window !== 'undefined') void import('./active-workspace').catch(() => undefined);

// `import()` written inside `dynamic()` itself, so the build lists these chunks for this route (what /launch reads).
const ActiveWorkspace = dynamic(() => import('./active-workspace').then((m) => m.ActiveWorkspace), {
  ssr: false,
  loading: () => <WorkspaceSkeleton />,
});
const ExpiredWorkspace = dynamic(() => import('./active-workspace').then((m) => m.ExpiredWorkspace), {
  ssr: false,
  loading: () => <WorkspaceSkeleton />,
});

export function AssessmentScreen() {
  const config = useClientConfig();
  const { state } = useSmartSession();
  if (!state) return <WorkspaceSkeleton />;
  switch (state.status) {
    case 'active':
      return <ActiveWorkspace key={`${state.session.serverUrl}|${state.session.patientId}`} session={state.session} />;
    case 'no-session':
      return <NoLaunchContext launcherUrl={config.sandboxUrl} />;
    case 'expired':
      return <ExpiredWorkspace launcherUrl={config.sandboxUrl} />;
    case 'error':
      return (
        <LaunchFailed
          message={state.message}
          launcherUrl={config.sandboxUrl}
          {...(state.launch ? { launch: state.launch } : {})}
        />
      );
  }
}
