/**
 * The assessment id: one UUID per draft, the stable key that makes write-back duplicate-safe.
 *
 * Why per draft and not per click: a double click, a retry after a timeout and a reload after saving
 * must all present the *same* identifier to the server (conditional create / search by identifier) and
 * to the local "already saved" record. So the id is generated once when a draft starts, stored with the
 * draft, and reused until the clinician starts a new assessment.
 */

/** `identifier.system` for a bare UUID/URI identifier (FHIR's convention for app-generated ids). */
export const URI_IDENTIFIER_SYSTEM = 'urn:ietf:rfc:3986';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isAssessmentId(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

/**
 * A new random (v4) assessment id. Uses Web Crypto, present in browsers and Node ≥ 19 alike.
 * Call once per draft; keep the result with the draft.
 */
export function newAssessmentId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * The draft's existing id if it is a valid UUID, otherwise a new one.
 * Lets the draft store say "reuse what I have" without trusting a corrupted value.
 */
export function ensureAssessmentId(existing: unknown): string {
  return isAssessmentId(existing) ? existing : newAssessmentId();
}

/**
 * A deterministic name-based id (UUID v5, RFC 9562 §5.5) for callers without a draft — the CLI —
 * so the same inputs always print the same identifier. Async because Web Crypto's digest is.
 */
export async function deriveAssessmentId(seed: string): Promise<string> {
  // RFC 9562 URL namespace: the seed names a resource-like thing (patient + inputs).
  const namespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
  const ns = hexToBytes(namespace.replaceAll('-', ''));
  const name = new TextEncoder().encode(seed);
  const input = new Uint8Array(ns.length + name.length);
  input.set(ns, 0);
  input.set(name, ns.length);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', input)).slice(0, 16);
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The note's business identifier for an assessment id. */
export function assessmentIdentifier(assessmentId: string): { system: string; value: string } {
  return { system: URI_IDENTIFIER_SYSTEM, value: `urn:uuid:${assessmentId}` };
}

/** The `identifier` search token (`system|value`) used for conditional create and search-before-create. */
export function assessmentIdentifierToken(assessmentId: string): string {
  const id = assessmentIdentifier(assessmentId);
  return `${id.system}|${id.value}`;
}
