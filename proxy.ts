/**
 * Request-time security headers (Next.js 16 Proxy, Node.js runtime), on every response.
 *
 * Why here and not in next.config.js `headers()`: the CSP depends on runtime configuration (allowed issuers →
 * connect-src, NOCTURNE_FRAME_ANCESTORS) and on a fresh nonce per request, which Next.js then applies to its
 * own scripts. An integrator changes the environment and restarts; no rebuild. See lib/config/csp.ts for the
 * policy and its reasons.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { buildCsp, makeNonce, securityHeaders } from './lib/config/csp';
import { getServerConfig } from './lib/config/server';

const LOCKED_DOWN = { allowedIssuers: [], connectSrc: [], frameAncestors: ["'self'"] };

// Validate as soon as the server loads this module, so a bad setting is reported (once, naming the variable)
// before the first clinician hits it; pages then show the same problems instead of a half-working app.
getServerConfig();

export function proxy(request: NextRequest) {
  const result = getServerConfig();
  const nonce = makeNonce();
  const csp = buildCsp(result.ok ? result.config : LOCKED_DOWN, nonce, process.env.NODE_ENV === 'development');

  // Next.js reads the nonce from the request's CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // A broken configuration gets the locked-down page, with the strictest opener policy too (it is no launch path).
  const opener = result.ok ? result.config.openerPolicy : 'same-origin';
  for (const [name, value] of Object.entries(securityHeaders(csp, opener))) response.headers.set(name, value);
  return response;
}

/**
 * Every request: pages, route handlers, the 404 page, static assets, the favicon and prefetch requests (issue 10 item
 * 10). A header left off one response class is the one a scanner — or an attacker framing a static asset — finds.
 * The cost is a nonce and a header string per request.
 */
export const config = { matcher: ['/:path*'] };
