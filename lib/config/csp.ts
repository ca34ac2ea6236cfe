/**
 * Security headers, computed per request from the runtime configuration (see proxy.ts).
 *
 * Choices, and why:
 * - `script-src 'nonce-…' 'strict-dynamic'`: Next.js applies the per-request nonce to its own scripts; no
 *   inline script without it can run. (`'self'` is kept as a fallback for browsers without strict-dynamic.)
 * - `connect-src 'self'` + the allowed issuers' origins (+ NOCTURNE_CONNECT_SRC): the browser talks to the
 *   EHR's FHIR and token endpoints directly (CORS); nothing else, so no third-party calls are possible.
 * - `frame-ancestors` from configuration, and deliberately no `X-Frame-Options: DENY`: EHRs embed SMART apps
 *   in an iframe.
 * - `style-src-attr 'unsafe-inline'`: React `style={…}` attributes (e.g. bar widths) cannot carry a nonce;
 *   style attributes cannot run script, and `<style>` elements still need the nonce.
 * - No `upgrade-insecure-requests`: the local sandbox is plain http on loopback.
 * - `Referrer-Policy: no-referrer`: launch URLs carry `iss` and `launch`, redirect URLs `code` and `state`.
 * - No `Cross-Origin-Opener-Policy` unless configured: see {@link securityHeaders}.
 */
import type { AppConfig, OpenerPolicy } from './config';
import { originsOf } from './issuers';

export function buildCsp(
  config: Pick<AppConfig, 'allowedIssuers' | 'connectSrc' | 'frameAncestors'>,
  nonce: string,
  dev = false,
): string {
  const connect = ["'self'", ...originsOf([...config.allowedIssuers, ...config.connectSrc])];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])]],
    ['style-src', ["'self'", `'nonce-${nonce}'`]],
    ['style-src-attr', ["'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', [...new Set(connect), ...(dev ? ['ws:'] : [])]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', config.frameAncestors],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** A fresh, unguessable nonce (Web Crypto: works in Node 20 and in the proxy runtime). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The headers on every response. `Cross-Origin-Opener-Policy` only when an integrator asks for it
 * (`NOCTURNE_OPENER_POLICY`), for three measured reasons (issue 13):
 * - Chromium puts a top-level document into a new browsing context group — a new renderer process — whenever a
 *   navigation crosses a change of opener policy. A SMART launch crosses it three times (the new window → `/launch`
 *   → the EHR's authorisation page → `/assessment`): ≈ 100–150 ms each on the development machine, ≈ 200 ms per
 *   launch side by side (1,582 → 1,376 ms median).
 * - It severs `window.opener` for an EHR that opens Nocturne in a new window, which EHR window management and SMART
 *   Web Messaging rely on.
 * - What it protects against — a cross-origin window holding a reference to Nocturne's (navigating it, counting its
 *   frames) — is not a way to the patient data: that is reachable only with the token in this tab's sessionStorage,
 *   which no other origin can read; and it does not apply at all when the EHR embeds Nocturne in an iframe.
 * A hospital whose security review requires the header sets `NOCTURNE_OPENER_POLICY=same-origin-allow-popups` (or
 * `same-origin`) and pays the process swaps.
 */
export function securityHeaders(csp: string, openerPolicy: OpenerPolicy = 'unsafe-none'): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(openerPolicy === 'unsafe-none' ? {} : { 'Cross-Origin-Opener-Policy': openerPolicy }),
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}

/** When the configuration is invalid the app shows a configuration error page; keep that page locked down. */
export const FALLBACK_FRAME_ANCESTORS = ["'self'"];
