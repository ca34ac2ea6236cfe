/**
 * `GET /launch`: the SMART launch URL registered with the EHR.
 *
 * EHR launch: `/launch?iss=<FHIR base>&launch=<opaque>`; standalone launch: `/launch?iss=<FHIR base>`. The issuer is
 * checked against the allow-list here, on the server: a refused launch gets a plain page with no script that contacted
 * nobody. An allowed one gets a tiny page whose one inline script (nonce from proxy.ts) does discovery, PKCE S256 and
 * the redirect to the EHR's authorisation server — no framework to download or hydrate first (issue 13).
 */
import type { NextRequest } from 'next/server';
import { getServerConfig } from '@/lib/config/server';
import { normaliseIssuer } from '@/lib/config/issuers';
import { checkIssuer } from '@/lib/fhir/launch-check';
import { scopesForLaunch, withoutWriteScopes } from '@/lib/fhir/scopes';
import type { AuthorizeArgs } from '@/lib/fhir/smart-boot';
import { assessmentAssets } from '@/lib/config/route-assets';
import { launchingPage, refusedPage } from './launch-html';

export const dynamic = 'force-dynamic';

const html = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });

export function GET(request: NextRequest): Response {
  const result = getServerConfig();
  // The landing page lists the configuration problems (root layout); a launch cannot go on without a valid setup.
  if (!result.ok) return Response.redirect(new URL('/', request.url), 303);
  const { config } = result;
  const nonce = request.headers.get('x-nonce') ?? '';
  const params = request.nextUrl.searchParams;
  const iss = params.get('iss')?.trim() || null;
  const launch = params.get('launch')?.trim() || null;

  const refusal = checkIssuer(iss, config.allowedIssuers);
  if (refusal) return html(refusedPage(refusal, config.sandboxUrl, nonce), refusal.code === 'missing-iss' ? 400 : 403);

  const ehrLaunch = Boolean(launch);
  const both = (scopes: readonly string[]) => ({
    v1: scopesForLaunch(scopes, { ehrLaunch, version: 'v1' }),
    v2: scopesForLaunch(scopes, { ehrLaunch, version: 'v2' }),
  });
  const args: AuthorizeArgs = {
    iss: normaliseIssuer(iss as string) as string,
    launch,
    clientId: config.clientId,
    redirectUri: config.redirectUri ?? null,
    scope: both(config.scopes),
    readOnlyScope: both(withoutWriteScopes(config.scopes)),
    scopeVersion: config.scopeVersion,
  };
  return html(launchingPage(args, config.sandboxUrl, nonce, assessmentAssets()));
}
