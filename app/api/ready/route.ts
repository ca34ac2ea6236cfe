/**
 * `GET /api/ready`: readiness — the configuration is valid, so this instance can serve launches. 200 with the version,
 * or 503 with the configuration problems (each names the variable and what is wrong; Nocturne's settings hold no
 * secrets — it is a public SMART client — and the messages quote only what was configured).
 */
import { getServerConfig } from '@/lib/config/server';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  const result = getServerConfig();
  const headers = { 'Cache-Control': 'no-store' };
  const version = process.env.NOCTURNE_VERSION ?? 'unversioned';
  if (result.ok) return Response.json({ status: 'ready', version }, { headers });
  return Response.json({ status: 'not-ready', version, problems: result.problems }, { status: 503, headers });
}
