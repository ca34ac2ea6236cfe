/**
 * The page a refused launch shows: what happened, in plain words, and what to do next. No stack trace, no
 * token, nothing that depends on script (it is rendered on the server for allow-list refusals).
 */
import type { LaunchRefusal } from '@/lib/fhir/launch-check';

export function LaunchRefused({ refusal, sandboxUrl }: { refusal: LaunchRefusal; sandboxUrl: string }) {
  return (
    <main className="launch-page" aria-labelledby="launch-title">
      <h1 id="launch-title">{TITLES[refusal.kind]}</h1>
      <Body refusal={refusal} />
      <p>
        Launch Nocturne from your EHR, or use the local sandbox launcher at <a href={sandboxUrl}>{sandboxUrl}</a>.
      </p>
    </main>
  );
}

const TITLES: Record<LaunchRefusal['kind'], string> = {
  'missing-iss': 'Nocturne was opened without an EHR',
  'unknown-issuer': 'This EHR is not allowed to launch Nocturne',
  'discovery-failed': 'Nocturne could not connect to the EHR',
  'no-pkce': 'This EHR does not support a secure sign-in Nocturne can use',
};

function Body({ refusal }: { refusal: LaunchRefusal }) {
  switch (refusal.kind) {
    case 'missing-iss':
      return (
        <p>
          A launch needs the EHR&apos;s FHIR server address (the <code>iss</code> parameter). It was missing, so
          Nocturne does not know which EHR to connect to.
        </p>
      );
    case 'unknown-issuer':
      return (
        <>
          <p>
            The launch came from <code data-testid="refused-issuer">{refusal.iss}</code>, which is not on this
            installation&apos;s list of allowed EHR servers. Nocturne did not contact it and sent it nothing.
          </p>
          <p>
            If this EHR should be allowed, the team that installed Nocturne adds its FHIR base URL to the{' '}
            <code>NOCTURNE_ALLOWED_ISSUERS</code> setting and restarts Nocturne.
          </p>
        </>
      );
    case 'discovery-failed':
      return (
        <p>
          Nocturne could not read the SMART configuration of <code>{refusal.iss}</code>: {refusal.message} Try again in
          a moment; if it keeps failing, tell your EHR support team.
        </p>
      );
    case 'no-pkce':
      return (
        <p>
          <code>{refusal.iss}</code> does not advertise PKCE with S256, which Nocturne requires to protect the sign-in.
          Tell your EHR support team.
        </p>
      );
  }
}
