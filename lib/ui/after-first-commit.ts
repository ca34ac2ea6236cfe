import { startTransition, useEffect, useState } from 'react';

/**
 * False for a component's first commit, true right after it, in a transition.
 *
 * Why: the launch's first commit is on the critical path to the first paint of the workspace (issue 13). Content the
 * clinician does not see at that moment — the symptom form's body behind its heading, details that stay hidden until
 * asked for but must be in the page for printing — is rendered a moment later (≈ 100 ms on a busy 2-core machine),
 * as low-priority work that never holds the first paint back.
 */
export function useAfterFirstCommit(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => startTransition(() => setAfter(true)), []);
  return after;
}
