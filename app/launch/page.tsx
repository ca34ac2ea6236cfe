/**
 * `/launch`: the SMART launch URL registered with the EHR.
 *
 * EHR launch: `/launch?iss=<FHIR base>&launch=<opaque>`; standalone launch: `/launch?iss=<FHIR base>`.
 * The issuer is checked against the allow-list here, on the server, so a refused launch renders a plain page
 * with no flash and without running any script; an allowed one hands over to the client, which runs the
 * fhirclient authorisation (PKCE S256) and redirects to the EHR's authorisation server.
 */
import type { Metadata } from 'next';
import { checkIssuer } from '@/lib/fhir/launch-check';
import { getServerConfig } from '@/lib/config/server';
import { LaunchRefused } from './launch-refused';
import { LaunchStart } from './launch-start';

export const metadata: Metadata = { title: 'Launching Nocturne' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LaunchPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const iss = first(params.iss)?.trim() || null;
  const launch = first(params.launch)?.trim() || null;
  const result = getServerConfig();
  if (!result.ok) return null; // the root layout shows the configuration problems
  const refusal = checkIssuer(iss, result.config.allowedIssuers);
  if (refusal) return <LaunchRefused refusal={refusal} sandboxUrl={result.config.sandboxUrl} />;
  return <LaunchStart iss={iss as string} launch={launch} />;
}
