/**
 * Launch pre-checks that need no network and no fhirclient, so the `/launch` page can run them on the server.
 * A refusal is a {@link LaunchProblem} of the project's one problem vocabulary: `code` says why, `subject` is the
 * issuer when there was one, `message` is for logs and tests (the page chooses its own words from `code`).
 */
import type { LaunchProblem } from '../core/problem';
import { isAllowedIssuer } from '../config/issuers';

/** Validates a launch's `iss` against the allow-list. */
export function checkIssuer(iss: string | null | undefined, allowed: readonly string[]): LaunchProblem | null {
  if (!iss) return { kind: 'launch', code: 'missing-iss', message: 'The launch has no iss parameter.' };
  if (!isAllowedIssuer(iss, allowed)) {
    return { kind: 'launch', code: 'unknown-issuer', subject: iss, message: 'The issuer is not on the allow-list.' };
  }
  return null;
}
