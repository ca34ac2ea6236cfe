/**
 * Starts a query while its component renders, in the browser, instead of when React subscribes to it.
 *
 * Why: `useQuery`/`useQueries` start fetching when they subscribe, in a passive effect — after the commit and usually
 * after the browser has painted. On a busy machine that is 100–150 ms per step on the launch's critical path (the
 * session read, then the chart reads), measured in the launch benchmark (issue 13). This is TanStack Query's own
 * `usePrefetchQuery` rule — start it only when the cache has no state for the key at all, so a render never refetches
 * and a failed query is not retried behind the hook's back — minus the server render, where there is no session to
 * read (the page's HTML is the skeleton).
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { FetchQueryOptions } from '@tanstack/react-query';

export function startDuringRender<TData, TKey extends QueryKey>(
  queryClient: QueryClient,
  options: FetchQueryOptions<TData, Error, TData, TKey>,
): void {
  if (typeof window === 'undefined' || queryClient.getQueryState(options.queryKey)) return;
  void queryClient.prefetchQuery(options);
}
