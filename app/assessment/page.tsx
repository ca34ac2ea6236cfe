/**
 * `/assessment`: the clinician's workspace route, and the SMART redirect URI.
 *
 * A Server Component only to put the boot script (./boot-script.ts) at the top of the page, which runs while the
 * browser is still loading the page's JavaScript instead of after it (issue 13):
 * 1. the redirect step (lib/fhir/smart-boot.ts): checks `state`, then exchanges the authorisation code — or reads
 *    the EHR's refusal — and publishes the outcome on `window.__nocturneRedirect`;
 * 2. the early chart reads: the first page of every search the workspace will make, planned here (the same search
 *    plan the data layer uses, `data-plan`), sent as soon as the token is there and handed to the data layer.
 * lib/fhir/smart.ts picks both up. Everything visible is the client component {@link AssessmentScreen}.
 */
import { headers } from 'next/headers';
import { getServerConfig } from '@/lib/config/server';
import { earlyReadPlan } from '@/lib/queries/early-reads';
import { AssessmentScreen } from './assessment-screen';
import { REDIRECT_BOOT_SOURCE } from './boot-script';

export default async function AssessmentPage() {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  const result = getServerConfig();
  const plan = earlyReadPlan({ siteCodes: result.ok ? result.config.localCodes : undefined }, new Date());
  return (
    <>
      <script
        nonce={nonce}
        data-plan={JSON.stringify(plan)}
        dangerouslySetInnerHTML={{ __html: REDIRECT_BOOT_SOURCE }}
      />
      <AssessmentScreen />
    </>
  );
}
