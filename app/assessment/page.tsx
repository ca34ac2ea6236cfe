/**
 * `/assessment`: the clinician's workspace route, and the SMART redirect URI.
 *
 * A Server Component only to put one nonce'd inline script at the top of the page, which runs while the browser is
 * still downloading the page's JavaScript instead of after it (issue 13):
 * 1. the redirect step (lib/fhir/smart-boot.ts): checks `state`, then exchanges the authorisation code — or reads
 *    the EHR's refusal — and publishes the outcome on `window.__nocturneRedirect`;
 * 2. the early chart reads: the first page of every search the workspace will make, computed here from the same
 *    search plan, sent as soon as the token is there and handed to the data layer when it asks.
 * lib/fhir/smart.ts picks both up. Everything visible is the client component {@link AssessmentScreen}.
 */
import { headers } from 'next/headers';
import { getServerConfig } from '@/lib/config/server';
import {
  EARLY_READS_GLOBAL,
  PATIENT_PLACEHOLDER,
  REDIRECT_GLOBAL,
  inlineScript,
  smartAuthorize,
  smartCompleteRedirect,
  smartEarlyReads,
} from '@/lib/fhir/smart-boot';
import { earlyReadPlan } from '@/lib/queries/early-reads';
import { AssessmentScreen } from './assessment-screen';

const REDIRECT_SCRIPT = inlineScript(REDIRECT_GLOBAL, smartCompleteRedirect, [smartAuthorize]);

export default async function AssessmentPage() {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  const result = getServerConfig();
  const plan = earlyReadPlan({ siteCodes: result.ok ? result.config.localCodes : undefined }, new Date());
  const script = `${REDIRECT_SCRIPT}${inlineScript(EARLY_READS_GLOBAL, smartEarlyReads, [REDIRECT_GLOBAL, plan, PATIENT_PLACEHOLDER])}`;
  return (
    <>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />
      <AssessmentScreen />
    </>
  );
}
