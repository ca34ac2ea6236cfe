/**
 * `GET /assessment/boot?v=…`: the redirect page's boot script (see ../boot-script.ts). Immutable: its URL changes
 * with its content.
 */
import { REDIRECT_BOOT_SOURCE } from '../boot-script';

export const dynamic = 'force-static';

export function GET(): Response {
  return new Response(REDIRECT_BOOT_SOURCE, {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  });
}
