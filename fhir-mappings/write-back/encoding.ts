/**
 * UTF-8 ⇄ base64 for the note body, identical in the browser and Node.
 *
 * Why not `btoa(text)`: btoa only takes Latin-1, so a note with "µ", "≥" or a patient called "Zoë" would
 * throw or be mangled. FHIR `attachment.data` is base64 of the bytes; we send UTF-8 bytes and say so in
 * the MIME type (`charset=utf-8`) where the profile allows it.
 */

export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToUtf8(data: string): string {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Size of the text in UTF-8 bytes (what the server stores), for the preview and the size budget. */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
