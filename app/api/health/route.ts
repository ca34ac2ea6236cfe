/**
 * `GET /api/health`: liveness — the process is up and answering. Nothing else is checked (a load balancer restarts an
 * instance that fails this; a bad configuration is `/api/ready`'s business, and restarting would not fix it).
 */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
