/**
 * The redirect page's boot script: the SMART redirect step and the early chart reads (lib/fhir/smart-boot.ts), as one
 * nonce'd inline script at the top of `/assessment`'s body, with the per-page early-read plan in its `data-plan`
 * attribute.
 *
 * Why inline, at the top of the body: the parser runs it as soon as it reaches it — before any of the framework's
 * async scripts, which execute in the order they arrive and each hold the main thread. As an external async script
 * (even prefetched, from the HTTP cache) it ran after them: the token request and the chart reads then waited
 * ≈ 250 ms behind the framework's start-up on a busy machine (issue 13, measured with Chromium traces). The stylesheet
 * before it is prefetched by `/launch`, so it does not hold the parser back either.
 */
import { redirectBootScript } from '@/lib/fhir/smart-boot';

export const REDIRECT_BOOT_SOURCE = redirectBootScript();
