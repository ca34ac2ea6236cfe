'use client';
/**
 * What `/assessment` shows (app/assessment/page.tsx adds the redirect's boot script around it).
 *
 * Thin by design: it reads the session (the data layer's hook) and shows the skeleton or a relaunch screen; everything
 * that needs an active session — chart reads, mapping, engine, the workspace UI — is in ./active-workspace, fetched as
 * soon as this module runs (in parallel with the code exchange and session read, which take round trips to the EHR)
 * and not part of the first-load JavaScript. Every non-happy path is an explicit screen: loading skeleton, no launch
 * context, expired session, failed launch, server down.
 */
import dynamic from 'next/dynamic';
import type * as ActiveWorkspaceModule from './active-workspace';
import { useEffect, useState } from 'react';
import { markLaunch } from '@/lib/ui/launch-timing';
import { useClientConfig } from '@/lib/config/context';
import { useSmartSession } from '@/lib/queries/session';
import { LaunchFailed, NoLaunchContext, WorkspaceSkeleton, WorkspaceUnavailable } from '@/lib/ui/states';

type WorkspaceModule = typeof ActiveWorkspaceModule;

/**
 * The workspace module, requested when this module is evaluated, not at first render: its download and evaluation
 * overlap the session read. (Its files are usually in the HTTP cache already: `/launch` prefetches this route's
 * chunks while the browser waits for the EHR.)
 */
const workspaceModule: Promise<WorkspaceModule> | undefined =
  typeof window === 'undefined' ? undefined : import('./active-workspace');
let loadedWorkspace: WorkspaceModule | undefined;
void workspaceModule?.then(
  (m) => {
    loadedWorkspace = m;
  },
  () => undefined,
);

/**
 * The workspace module once loaded, as state rather than through `React.lazy`/`next/dynamic`: a lazy component
 * suspends on its first render even when its module is already there, and React holds back the reveal of a suspended
 * boundary for up to 300 ms after its fallback appeared (its fallback throttle) — measured as a 150 ms stall on every
 * launch between the session being ready and the chart queries starting (issue 13). A state update has no such delay.
 */
function useWorkspaceModule(): { module?: WorkspaceModule; failed: boolean } {
  const [loaded, setLoaded] = useState(loadedWorkspace);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (loaded || !workspaceModule) return;
    let live = true;
    workspaceModule.then(
      (m) => live && setLoaded(m),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [loaded]);
  return loaded ? { module: loaded, failed } : { failed };
}

// Also the `import()` the build lists for this route (react-loadable-manifest), which `/launch` reads to prefetch the
// workspace's files: keep it written inside `dynamic()`.
const ExpiredWorkspace = dynamic(() => import('./active-workspace').then((m) => m.ExpiredWorkspace), {
  ssr: false,
  loading: () => <WorkspaceSkeleton />,
});

export function AssessmentScreen() {
  const config = useClientConfig();
  const { state } = useSmartSession();
  const workspace = useWorkspaceModule();
  useEffect(() => markLaunch('framework-ready'), []);
  useEffect(() => {
    if (state?.status === 'active') markLaunch('session-ready');
  }, [state?.status]);
  if (!state) return <WorkspaceSkeleton />;
  switch (state.status) {
    case 'active': {
      // A file that failed to download (a deployment replaced mid-launch, a proxy hiccup) is said, not an endless
      // skeleton; the session is in this tab's storage, so a reload resumes it.
      if (workspace.failed) {
        return <WorkspaceUnavailable onReload={() => window.location.reload()} />;
      }
      if (!workspace.module) return <WorkspaceSkeleton />;
      const { ActiveWorkspace } = workspace.module;
      return <ActiveWorkspace key={`${state.session.serverUrl}|${state.session.patientId}`} session={state.session} />;
    }
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
