/**
 * The `/launch` page as plain HTML: a refusal (no script at all), or "Connecting to your EHR…" with one nonce'd inline
 * script that runs the SMART authorisation (lib/fhir/smart-boot.ts) and, when it cannot go on, says why.
 *
 * Why not a React page: all `/launch` does is one discovery request and a redirect. As a Next.js page it first
 * downloaded and hydrated the framework (≈ 600 kB of script) before it could start — most of a second per launch on a
 * busy machine (issue 13). Every text here is escaped; nothing from the request is inserted as markup.
 */
import type { LaunchRefusal } from '@/lib/fhir/launch-check';
import { inlineScript, smartAuthorize, type AuthorizeArgs, type AuthorizeFailure } from '@/lib/fhir/smart-boot';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The few rules these pages need (the app's stylesheet is a build artefact a route handler cannot name). */
const STYLE = `body{margin:0;background:#f3f5f8;color:#17202b;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans','Liberation Sans','DejaVu Sans',sans-serif}
main{max-width:44rem;margin:3rem auto;padding:1.5rem 2rem;background:#fff;border:1px solid #cfd6df;border-radius:8px}
h1{font-size:1.35rem;margin:0 0 .75rem;line-height:1.25}a{color:#1d4ed8}code{overflow-wrap:anywhere}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}`;

function page(nonce: string, title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escape(title)}</title><link rel="icon" href="/icon.svg" type="image/svg+xml">
<style nonce="${escape(nonce)}">${STYLE}</style></head><body>${body}</body></html>`;
}

function sandboxLine(sandboxUrl: string, hidden = false): string {
  const url = escape(sandboxUrl);
  return `<p id="launch-help"${hidden ? ' hidden' : ''}>Launch Nocturne from your EHR, or use the local sandbox launcher at <a href="${url}">${url}</a>.</p>`;
}

/** A launch refused on the server (no `iss`, or an issuer not on the allow-list): no script, nothing contacted. */
export function refusedPage(refusal: LaunchRefusal, sandboxUrl: string, nonce: string): string {
  let title: string;
  let text: string;
  switch (refusal.kind) {
    case 'missing-iss':
      title = 'Nocturne was opened without an EHR';
      text =
        '<p>A launch needs the EHR’s FHIR server address (the <code>iss</code> parameter). It was missing, so ' +
        'Nocturne does not know which EHR to connect to.</p>';
      break;
    case 'unknown-issuer':
      title = 'This EHR is not allowed to launch Nocturne';
      text =
        `<p>The launch came from <code data-testid="refused-issuer">${escape(refusal.iss)}</code>, which is not on ` +
        'this installation’s list of allowed EHR servers. Nocturne did not contact it and sent it nothing.</p>' +
        '<p>If this EHR should be allowed, the team that installed Nocturne adds its FHIR base URL to the ' +
        '<code>NOCTURNE_ALLOWED_ISSUERS</code> setting and restarts Nocturne.</p>';
      break;
    default:
      title = 'Nocturne could not connect to the EHR';
      text = '<p>The sign-in could not be started.</p>';
  }
  return page(
    nonce,
    title,
    `<main class="launch-page" aria-labelledby="launch-title"><h1 id="launch-title">${escape(title)}</h1>${text}` +
      `${sandboxLine(sandboxUrl)}</main>`,
  );
}

/** What the page says when the authorisation cannot start (the issuer is inserted on the server). */
export interface LaunchFailureWords {
  readonly discoveryTitle: string;
  readonly unreachable: string;
  readonly serverError: string;
  readonly notSmart: string;
  readonly pkceTitle: string;
  readonly pkce: string;
}

/**
 * Runs the authorisation and, if it resolves (it cannot go on), replaces the page's heading and status text with the
 * reason. Self-contained: embedded as the inline script (texts only ever set with `textContent`).
 */
export function runLaunchPage(
  args: AuthorizeArgs,
  words: LaunchFailureWords,
  authorize: (a: AuthorizeArgs) => Promise<AuthorizeFailure>,
): Promise<AuthorizeFailure> {
  const show = (failure: AuthorizeFailure) => {
    const title = document.getElementById('launch-title');
    const status = document.getElementById('launch-status');
    const main = document.querySelector('main');
    const discovery = failure.kind === 'discovery-failed';
    const reason =
      failure.kind === 'no-pkce'
        ? words.pkce
        : failure.status === null
          ? words.unreachable
          : failure.status >= 500
            ? words.serverError
            : words.notSmart;
    if (title) title.textContent = discovery ? words.discoveryTitle : words.pkceTitle;
    if (status) {
      status.removeAttribute('role');
      status.textContent = reason;
    }
    main?.removeAttribute('aria-busy');
    document.getElementById('launch-help')?.removeAttribute('hidden');
    return failure;
  };
  return authorize(args).then(show, () => show({ kind: 'discovery-failed', status: null }));
}

/**
 * The page for an allowed issuer: "Connecting…", the inline authorisation script, then prefetch hints for the
 * workspace route's files (`prefetch`: lowest priority, after the discovery request, and kept by the browser across
 * the navigation to the EHR).
 */
export function launchingPage(
  args: AuthorizeArgs,
  sandboxUrl: string,
  nonce: string,
  prefetch: readonly string[] = [],
): string {
  const iss = args.iss;
  const words: LaunchFailureWords = {
    discoveryTitle: 'Nocturne could not connect to the EHR',
    unreachable: `Nocturne could not read the SMART configuration of ${iss}: the EHR server could not be reached. Try again in a moment; if it keeps failing, tell your EHR support team.`,
    serverError: `Nocturne could not read the SMART configuration of ${iss}: the EHR server reported an error. Try again in a moment; if it keeps failing, tell your EHR support team.`,
    notSmart: `Nocturne could not read the SMART configuration of ${iss}: the server did not answer with one. Check that this is the EHR’s FHIR address; if it is, tell your EHR support team.`,
    pkceTitle: 'This EHR does not support a secure sign-in Nocturne can use',
    pkce: `${iss} does not advertise PKCE with S256, which Nocturne requires to protect the sign-in. Tell your EHR support team.`,
  };
  const script = inlineScript('__nocturneLaunch', runLaunchPage, [args, words, smartAuthorize]);
  return page(
    nonce,
    'Launching Nocturne',
    '<main class="launch-page" aria-busy="true" aria-labelledby="launch-title">' +
      '<h1 id="launch-title">Connecting to your EHR…</h1>' +
      '<p id="launch-status" role="status">Nocturne is asking your EHR for access to this patient’s chart.</p>' +
      `<noscript><p>Nocturne needs JavaScript to sign in to your EHR.</p></noscript>${sandboxLine(sandboxUrl, true)}</main>` +
      `<script nonce="${escape(nonce)}">${script}</script>` +
      prefetch
        .map(
          (href) => `<link rel="prefetch" href="${escape(href)}" as="${href.endsWith('.css') ? 'style' : 'script'}">`,
        )
        .join(''),
  );
}
