/**
 * The SMART session as a query: `ready()` once, parsed into a typed {@link SessionState}.
 */
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { readSession } from '../fhir/smart';
import type { SessionState } from '../fhir/session';
import { belongsToAnotherLaunch, queryKeys } from './keys';
import { startDuringRender } from './start-during-render';

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.session,
    // readSession never throws: every failure is a typed state.
    queryFn: () => readSession(),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
}

/** Marks the session expired (after a 401): the UI then shows "relaunch from the EHR". */
export function markSessionExpired(queryClient: QueryClient): void {
  const expired: SessionState = { status: 'expired', message: 'The EHR session has expired or was revoked.' };
  queryClient.setQueryData(sessionQueryOptions().queryKey, expired);
}

/** Removes every cached query of another server or patient (a new launch in the same client). */
export function clearOtherLaunches(queryClient: QueryClient, state: SessionState | undefined): void {
  if (state?.status !== 'active') return;
  queryClient.removeQueries({ predicate: (q) => belongsToAnotherLaunch(q.queryKey, state.session) });
}

/** Clears the whole cache: called when a new launch starts. */
export function clearForNewLaunch(queryClient: QueryClient): void {
  queryClient.clear();
}

/**
 * The current SMART session. `data` is undefined only while loading; then one of active / no-session /
 * expired / error (the last three all mean "relaunch from the EHR", each with a reason).
 */
export function useSmartSession() {
  const queryClient = useQueryClient();
  const options = sessionQueryOptions();
  startDuringRender(queryClient, options);
  const query = useQuery(options);
  const state = query.data;
  useEffect(() => clearOtherLaunches(queryClient, state), [queryClient, state]);
  return { state, isLoading: query.isPending };
}
