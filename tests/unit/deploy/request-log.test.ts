/**
 * The structured request log (lib/config/request-log.ts, started by instrumentation.ts) and `npm start`'s listening address: the log line's shape, and
 * that nothing from the URL but a known route name can reach it.
 */
import { describe, expect, it } from 'vitest';
import { logRoute, requestLogLine } from '@/lib/config/request-log';
import { nextCommand } from '@/scripts/start';

describe('request log', () => {
  it('is one JSON line: time, level, msg, method, route, status, durationMs', () => {
    const line = requestLogLine({
      method: 'GET',
      url: '/assessment?code=abc&state=def',
      status: 200,
      durationMs: 12.345,
      time: new Date('2026-12-02T09:00:00Z'),
    });
    expect(JSON.parse(line)).toEqual({
      time: '2026-12-02T09:00:00.000Z',
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: '/assessment',
      status: 200,
      durationMs: 12.3,
    });
    expect(line).not.toContain('\n');
    const level = (status: number) =>
      (JSON.parse(requestLogLine({ method: 'GET', url: '/x', status, durationMs: 1 })) as { level: string }).level;
    expect([level(200), level(404), level(503)]).toEqual(['info', 'warn', 'error']);
  });

  it('never carries a query string, a fragment or a path the app does not own', () => {
    expect(logRoute('/launch?iss=https%3A%2F%2Fehr&launch=secret')).toBe('/launch');
    expect(logRoute('/assessment/?code=c#x')).toBe('/assessment');
    expect(logRoute('/_next/static/chunks/abc.js?dpl=1')).toBe('/_next/static/*');
    expect(logRoute('/Harold-Whitfield-MRN-100231')).toBe('(other)');
    expect(logRoute('/api/ready')).toBe('/api/ready');
    expect(logRoute(undefined)).toBe('/');
    const line = requestLogLine({ method: 'GET\r\nX: y', url: '/p?t=1', status: 200, durationMs: 0 });
    expect(JSON.parse(line)).toMatchObject({ method: 'OTHER', route: '(other)' });
  });
});

describe('npm start', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(nextCommand('start', { PORT: '3000' }).slice(1)).toEqual(['start', '-p', '3000', '-H', '127.0.0.1']);
    expect(nextCommand('dev', {}).slice(1)).toEqual(['dev', '-p', '3000', '-H', '127.0.0.1']);
    expect(nextCommand('start', { HOST: '0.0.0.0' }).slice(-2)).toEqual(['-H', '0.0.0.0']);
  });
});
