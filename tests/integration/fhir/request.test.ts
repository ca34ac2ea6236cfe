/**
 * The shared FHIR request (reads and writes) over msw at the network: the session's bearer token on writes too,
 * typed errors with the OperationOutcome, one attempt only on 401/403 (and `onUnauthorized` on 401), and nothing
 * of the token or the body in an error message or a diagnostics record.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FhirRequestError, type FhirContext } from '@/lib/fhir';
import { diagnostics } from '@/lib/fhir/diagnostics';
import { fhirGetJson, fhirRequest, recordRequest } from '@/lib/fhir/http';

const BASE = 'https://ehr.test/fhir';
const TOKEN = 'Bearer secret-token-value';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  diagnostics.clear();
});
afterAll(() => server.close());

function ctx(overrides: Partial<FhirContext> = {}): FhirContext {
  return { serverUrl: BASE, authorization: () => Promise.resolve(TOKEN), ...overrides };
}

const note = { resourceType: 'DocumentReference', status: 'current', description: 'PHI-looking text' };

describe('fhirRequest writes', () => {
  it('POSTs the resource as FHIR JSON with the session token and the caller headers', async () => {
    const seen: { auth: string | null; type: string | null; ifNoneExist: string | null; body: unknown }[] = [];
    server.use(
      http.post(`${BASE}/DocumentReference`, async ({ request }) => {
        seen.push({
          auth: request.headers.get('authorization'),
          type: request.headers.get('content-type'),
          ifNoneExist: request.headers.get('if-none-exist'),
          body: await request.json(),
        });
        return new HttpResponse(null, {
          status: 201,
          headers: { Location: `${BASE}/DocumentReference/n1/_history/1` },
        });
      }),
    );
    const response = await fhirRequest(ctx(), 'DocumentReference', {
      method: 'POST',
      body: note,
      // A caller cannot put its own Authorization on the request: only the session's is sent.
      headers: { 'If-None-Exist': 'identifier=urn:x|1', Authorization: 'Bearer other' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toBeUndefined(); // an empty 201 is a valid write answer
    expect(response.headers.get('location')).toContain('DocumentReference/n1');
    expect(seen).toEqual([
      { auth: TOKEN, type: 'application/fhir+json; charset=utf-8', ifNoneExist: 'identifier=urn:x|1', body: note },
    ]);
  });

  it('does not retry a 401, marks the session expired and keeps token and body out of the error', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/DocumentReference`, () => {
        calls++;
        return HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'expired' }] },
          { status: 401 },
        );
      }),
    );
    const onUnauthorized = vi.fn();
    const error = await fhirRequest(ctx({ onUnauthorized }), 'DocumentReference?x=secret-query', {
      method: 'POST',
      body: note,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirRequestError);
    expect(error).toMatchObject({
      kind: 'unauthorized',
      status: 401,
      method: 'POST',
      url: `${BASE}/DocumentReference`,
    });
    expect((error as FhirRequestError).outcome[0]?.diagnostics).toBe('expired');
    expect(calls).toBe(1);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    const text = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(text).not.toContain('secret');
    expect(text).not.toContain('PHI-looking');
  });

  it('does not retry a 403 and does not expire the session', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/DocumentReference`, () => {
        calls++;
        return new HttpResponse(null, { status: 403 });
      }),
    );
    const onUnauthorized = vi.fn();
    await expect(
      fhirRequest(ctx({ onUnauthorized }), 'DocumentReference', { method: 'POST', body: note }),
    ).rejects.toMatchObject({ kind: 'forbidden', status: 403, method: 'POST' });
    expect(calls).toBe(1);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports a session that cannot be refreshed as 401 without sending anything', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/DocumentReference`, () => {
        calls++;
        return new HttpResponse(null, { status: 201 });
      }),
    );
    const onUnauthorized = vi.fn();
    await expect(
      fhirRequest(
        ctx({ onUnauthorized, authorization: () => Promise.reject(new Error('refresh failed')) }),
        'DocumentReference',
        {
          method: 'POST',
          body: note,
        },
      ),
    ).rejects.toMatchObject({ kind: 'unauthorized', status: 401, method: 'POST' });
    expect(calls).toBe(0);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('turns a lost response into a network error', async () => {
    server.use(http.post(`${BASE}/DocumentReference`, () => HttpResponse.error()));
    await expect(fhirRequest(ctx(), 'DocumentReference', { method: 'POST', body: note })).rejects.toMatchObject({
      kind: 'network',
      status: 0,
      method: 'POST',
    });
  });
});

describe('fhirRequest reads', () => {
  it('requires a JSON body on a read', async () => {
    server.use(http.get(`${BASE}/Patient/p1`, () => new HttpResponse('<html>', { status: 200 })));
    await expect(fhirGetJson(ctx(), 'Patient/p1')).rejects.toMatchObject({ kind: 'malformed', method: 'GET' });
  });
});

describe('recordRequest', () => {
  it('labels the record with types and parameter names only, and the error by kind', async () => {
    server.use(http.post(`${BASE}/Provenance`, () => new HttpResponse(null, { status: 500 })));
    await expect(
      recordRequest(
        'POST Provenance',
        () => fhirRequest(ctx(), 'Provenance', { method: 'POST', body: note }),
        () => ({
          count: 1,
        }),
      ),
    ).rejects.toMatchObject({ kind: 'server' });
    const [record] = diagnostics.snapshot();
    expect(record).toMatchObject({ label: 'POST Provenance', status: 'error', detail: 'server (500)' });
    expect(JSON.stringify(diagnostics.snapshot())).not.toContain('secret');
  });
});
