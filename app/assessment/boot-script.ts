/**
 * The redirect page's boot script: the SMART redirect step and the early chart reads (lib/fhir/smart-boot.ts), as a
 * static file — `<script async src=… data-plan=…>` in `/assessment`'s head.
 *
 * Why an external async script and not an inline one: React puts its own resources (stylesheet, the framework's async
 * scripts) first in the head, so an inline script can only come after them — where the parser reaches it only once
 * the stylesheet has loaded and any framework chunk that arrived has executed (half a second on a busy machine, with
 * the token request waiting). An async script runs as soon as it arrives, blocked by nothing; it is tiny, cached for
 * good (the URL carries a hash of its content) and prefetched by `/launch`. The per-page input, the early-read plan,
 * travels in the element's `data-plan` attribute.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { redirectBootScript } from '@/lib/fhir/smart-boot';

export const REDIRECT_BOOT_SOURCE = redirectBootScript();

let bootPath: string | undefined;

/**
 * `/assessment/boot?v=<build id>`: each build gets its own URL, the same in every server bundle that names it (the
 * launch page prefetches it, the redirect page loads it). The build id, not a hash of the source: each bundle
 * minifies the functions differently, so their source text differs between bundles while meaning the same.
 */
export function redirectBootPath(): string {
  if (!bootPath) {
    let version: string;
    try {
      version = readFileSync(
        path.join(process.cwd(), process.env.NOCTURNE_DIST_DIR || '.next', 'BUILD_ID'),
        'utf8',
      ).trim();
    } catch {
      version = createHash('sha256').update(REDIRECT_BOOT_SOURCE).digest('hex').slice(0, 16);
    }
    bootPath = `/assessment/boot?v=${encodeURIComponent(version)}`;
  }
  return bootPath;
}
