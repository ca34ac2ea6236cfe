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
import { redirectBootScript } from '@/lib/fhir/smart-boot';

export const REDIRECT_BOOT_SOURCE = redirectBootScript();

/** `/assessment/boot?v=<content hash>`: a new build with a new script gets a new URL. */
export const REDIRECT_BOOT_PATH = `/assessment/boot?v=${createHash('sha256').update(REDIRECT_BOOT_SOURCE).digest('hex').slice(0, 16)}`;
