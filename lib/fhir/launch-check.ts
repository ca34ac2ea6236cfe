/**
 * Launch pre-checks that need no network and no fhirclient, so the `/launch` page can run them on the server.
 */
import { isAllowedIssuer } from '../config/issuers';

export type LaunchRefusal =
  | { readonly kind: 'missing-iss' }
  | { readonly kind: 'unknown-issuer'; readonly iss: string }
  | { readonly kind: 'discovery-failed'; readonly iss: string; readonly message: string }
  | { readonly kind: 'no-pkce'; readonly iss: string };

/** Validates a launch's `iss` against the allow-list. */
export function checkIssuer(iss: string | null | undefined, allowed: readonly string[]): LaunchRefusal | null {
  if (!iss) return { kind: 'missing-iss' };
  if (!isAllowedIssuer(iss, allowed)) return { kind: 'unknown-issuer', iss };
  return null;
}
