/**
 * The structured request log, started by the server start-up hook (`instrumentation.ts`).
 *
 * With `NOCTURNE_LOG_FORMAT=json`, every HTTP request the server answers is logged as one JSON line on stdout:
 * `{"time","level","msg":"request","method","route","status","durationMs"}` — what a hospital's log pipeline
 * (Splunk, ELK, CloudWatch) parses without a custom grok pattern.
 *
 * What is never logged, by construction: the query string (it carries `iss`, `launch`, `code` and `state`), headers
 * (cookies, tokens), bodies, and any path that is not one of the app's own routes — an unknown path is logged as
 * `(other)`, so nothing a user or attacker typed into a URL ends up in the log. The app itself never receives
 * patient data or access tokens (the browser talks to the EHR directly); the e2e test "deploy" checks that claim
 * against these logs and every request the browser sends.
 *
 * Why Node's `diagnostics_channel` rather than a custom server: it sees every request `next start` and the
 * standalone `server.js` answer (pages, route handlers, static files, 404s) with its final status, without replacing
 * Next.js's server.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The app's own routes, logged by name; everything else is `(other)`. */
const ROUTES = new Set(['/', '/launch', '/assessment', '/api/health', '/api/ready', '/icon.svg', '/favicon.ico']);

/** The route of a request URL as logged: a known route, a class of static file, or `(other)`. Never the query. */
export function logRoute(url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/)[0] ?? '/';
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (ROUTES.has(trimmed)) return trimmed;
  if (trimmed.startsWith('/_next/static/')) return '/_next/static/*';
  if (trimmed.startsWith('/_next/')) return '/_next/*';
  return '(other)';
}

/** One log line (JSON, no trailing newline). */
export function requestLogLine(entry: {
  method: string | undefined;
  url: string | undefined;
  status: number;
  durationMs: number;
  time?: Date;
}): string {
  return JSON.stringify({
    time: (entry.time ?? new Date()).toISOString(),
    level: entry.status >= 500 ? 'error' : entry.status >= 400 ? 'warn' : 'info',
    msg: 'request',
    method: /^[A-Z]{1,10}$/.test(entry.method ?? '') ? entry.method : 'OTHER',
    route: logRoute(entry.url),
    status: entry.status,
    durationMs: Math.round(entry.durationMs * 10) / 10,
  });
}

/** Subscribes the JSON request log to Node's HTTP diagnostics channels (once per process). */
export function startRequestLog(): void {
  const flags = globalThis as { __nocturneRequestLog?: boolean };
  if (flags.__nocturneRequestLog) return; // once per process
  flags.__nocturneRequestLog = true;
  const started = new WeakMap<IncomingMessage, bigint>();
  subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage };
    started.set(request, process.hrtime.bigint());
  });
  subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const start = started.get(request);
    const durationMs = start === undefined ? 0 : Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(
      `${requestLogLine({ method: request.method, url: request.url, status: response.statusCode, durationMs })}\n`,
    );
  });
}
