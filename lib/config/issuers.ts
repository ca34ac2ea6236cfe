/**
 * The issuer allow-list.
 *
 * Why exact matching (after normalisation) and never prefix or substring matching: a SMART launch hands the
 * app an `iss` and the app then sends the user's access token to that server. An attacker who can craft a
 * launch URL must not be able to point the app at `https://good.example.evil.test/fhir` or
 * `https://good.example/fhir/../evil` and have it accepted.
 */

/**
 * Normalises a FHIR base URL for comparison: lower-case scheme and host (URL does that), default port dropped,
 * no trailing slash, no query or fragment. Returns `null` for anything that is not an absolute http(s) URL.
 */
export function normaliseIssuer(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  const pathname = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${pathname}`;
}

/**
 * https, or plain http on a loopback host only. Why: the app sends the clinician's bearer token to the issuer, so a
 * non-loopback http issuer would put tokens and PHI on the wire in clear text; loopback stays for the local sandbox.
 */
export function isSecureIssuer(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return url.protocol === 'http:' && (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host));
}

/** True when `iss` is (after normalisation) exactly one of the allowed issuers. */
export function isAllowedIssuer(iss: string | null | undefined, allowed: readonly string[]): boolean {
  if (!iss) return false;
  const normalised = normaliseIssuer(iss);
  if (!normalised) return false;
  return allowed.some((a) => normaliseIssuer(a) === normalised);
}

/** The distinct origins (`scheme://host:port`) of the given URLs: what the browser's CSP `connect-src` needs. */
export function originsOf(urls: readonly string[]): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    try {
      out.add(new URL(u).origin);
    } catch {
      /* validated elsewhere */
    }
  }
  return [...out];
}
