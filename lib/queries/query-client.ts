/**
 * The one QueryClient factory.
 *
 * Retry policy: server and network failures are retried twice with back-off; 401/403/404/malformed never are —
 * retrying cannot change an authorisation decision, and hammering an EHR with a revoked token looks like an
 * attack. Tests create a fresh client with `retry: false`.
 */
import { QueryClient } from '@tanstack/react-query';
import { isFhirRequestError } from '../fhir/errors';

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isFhirRequestError(error) && !error.retryable) return false;
  return failureCount < 2;
}

export function makeQueryClient(options: { test?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: options.test ? false : shouldRetry,
        retryDelay: (attempt) => Math.min(400 * 2 ** attempt, 4_000),
        // A chart view must not change under the clinician's eyes, nor poll the EHR in the background.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        staleTime: 5 * 60_000,
      },
      mutations: { retry: false },
    },
  });
}
