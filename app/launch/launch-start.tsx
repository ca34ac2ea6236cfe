'use client';
/**
 * Runs the SMART authorisation for an allowed issuer. The effect may run twice under StrictMode; the launch is
 * started once per (iss, launch) per page load.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useClientConfig } from '@/lib/config/context';
import type { LaunchRefusal } from '@/lib/fhir/launch-check';
import { startLaunch } from '@/lib/fhir/smart';
import { clearForNewLaunch } from '@/lib/queries/session';
import { LaunchRefused } from './launch-refused';

const started = new Map<string, Promise<LaunchRefusal>>();

export function LaunchStart({ iss, launch }: { iss: string; launch: string | null }) {
  const config = useClientConfig();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<LaunchRefusal | null>(null);

  useEffect(() => {
    let active = true;
    const key = `${iss}\n${launch ?? ''}`;
    let promise = started.get(key);
    if (!promise) {
      // A new launch: nothing cached from an earlier patient may survive.
      clearForNewLaunch(queryClient);
      promise = startLaunch({ iss, launch, config, origin: window.location.origin }).catch((): LaunchRefusal => ({
        kind: 'discovery-failed',
        iss,
        message: 'The sign-in could not be started.',
      }));
      started.set(key, promise);
    }
    void promise.then((r) => {
      if (active) setRefusal(r);
    });
    return () => {
      active = false;
    };
  }, [iss, launch, config, queryClient]);

  if (refusal) return <LaunchRefused refusal={refusal} sandboxUrl={config.sandboxUrl} />;
  return (
    <main className="launch-page" aria-busy="true" aria-labelledby="launch-title">
      <h1 id="launch-title">Connecting to your EHR…</h1>
      <p role="status">Nocturne is asking your EHR for access to this patient&apos;s chart.</p>
    </main>
  );
}
