/**
 * lib/fhir reads over msw at the network: paging and caps, typed errors with OperationOutcome, malformed
 * responses and entries, and the refusal to follow a `next` link to another origin (the token would leak).
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FhirRequestError, fetchSection, searchAll, type FhirContext } from '@/lib/fhir';
import { diagnostics } from '@/lib/fhir/diagnostics';
import { fhirErrors, pagedSearch, searchset } from '@/mocks/handlers';

const BASE = 'https://ehr.test/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  diagnostics.clear();
});
afterAll(() => server.close());

const seenAuth: (string | null)[] = [];
function ctx(overrides: Partial<FhirContext> = {}): FhirContext {
  return { serverUrl: BASE, authorization: () => Promise.resolve('Bearer test-token'), ...overrides };
}
const obs = (i: number) => ({ resourceType: 'Observation', id: `o${i}`, status: 'final', code: { text: 'x' } });

describe('searchAll paging', () => {
  it('follows next links until the last page and sends the bearer token on every page', async () => {
    const paged = pagedSearch(BASE, 'Observation', { pages: 3, perPage: 5, make: obs });
    server.use(paged.handler);
    server.events.on('request:start', ({ request }) => void seenAuth.push(request.headers.get('authorization')));
    const result = await searchAll(ctx(), 'Observation', { patient: 'p1', code: 'http://loinc.org|1-8' });
    server.events.removeAllListeners();
    expect(result.resources).toHaveLength(15);
    expect(result.pages).toBe(3);
    expect(result.truncated).toBe(false);
    expect(result.total).toBe(15);
    expect(result.issues).toEqual([]);
    expect(paged.calls).toHaveLength(3);
    expect(paged.calls[0]).toContain('code=http%3A%2F%2Floinc.org%7C1-8');
    expect(seenAuth.slice(-3)).toEqual(['Bearer test-token', 'Bearer test-token', 'Bearer test-token']);
  });

  it('stops at the page cap and reports the truncation as a data issue', async () => {
    const paged = pagedSearch(BASE, 'Observation', { pages: 50, perPage: 10, make: obs });
    server.use(paged.handler);
    const result = await searchAll(ctx(), 'Observation', { patient: 'p1' }, { maxPages: 4 });
    expect(paged.calls).toHaveLength(4);
    expect(result.resources).toHaveLength(40);
    expect(result.truncated).toBe(true);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.problem).toBe(
      'Only the first 40 results (observations) were read (of 500); the rest were not used, so older records may be missing.',
    );
  });

  it('stops at the resource cap (default 2,000 resources) even inside a page', async () => {
    const paged = pagedSearch(BASE, 'Observation', { pages: 30, perPage: 150, make: obs });
    server.use(paged.handler);
    const result = await searchAll(ctx(), 'Observation', { patient: 'p1' });
    expect(result.resources).toHaveLength(1500); // 10 pages (the default page cap) × 150
    expect(result.truncated).toBe(true);
    const capped = await searchAll(ctx(), 'Observation', { patient: 'p1' }, { maxResources: 220 });
    expect(capped.resources).toHaveLength(220);
    expect(capped.truncated).toBe(true);
  });

  it('refuses a next link on another origin: the token is never sent there', async () => {
    const paged = pagedSearch(BASE, 'Observation', {
      pages: 2,
      perPage: 2,
      make: obs,
      nextOrigin: 'https://evil.test',
    });
    const evil = vi.fn(() => HttpResponse.json(searchset([])));
    server.use(paged.handler, http.get('https://evil.test/*', evil));
    const error = await searchAll(ctx(), 'Observation', { patient: 'p1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirRequestError);
    expect((error as FhirRequestError).kind).toBe('malformed');
    expect((error as FhirRequestError).message).toMatch(/another origin/);
    expect(evil).not.toHaveBeenCalled();
  });

  it('records each search in the diagnostics without PHI (parameter names only)', async () => {
    server.use(pagedSearch(BASE, 'Observation', { pages: 2, perPage: 3, make: obs }).handler);
    await searchAll(ctx(), 'Observation', { patient: 'secret-patient-id', code: 'http://loinc.org|4548-4' });
    const [record] = diagnostics.snapshot();
    expect(record).toMatchObject({ label: 'Observation search (code, patient)', status: 'ok', count: 6, pages: 2 });
    expect(JSON.stringify(diagnostics.snapshot())).not.toMatch(/secret-patient-id|4548-4/);
  });
});

describe('typed errors', () => {
  it('401: unauthorized, OperationOutcome parsed, onUnauthorized called, no token in the message', async () => {
    server.use(fhirErrors.unauthorized(BASE, 'Condition'));
    const onUnauthorized = vi.fn();
    const error = (await searchAll(ctx({ onUnauthorized }), 'Condition', { patient: 'p1' }).catch(
      (e: unknown) => e,
    )) as FhirRequestError;
    expect(error).toBeInstanceOf(FhirRequestError);
    expect(error.kind).toBe('unauthorized');
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.outcome[0]).toMatchObject({ code: 'login', diagnostics: 'Access token expired' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(error.message).not.toMatch(/test-token|patient=|p1/);
    expect(error.url).toBe(`${BASE}/Condition`);
  });

  it('403: forbidden, not retryable', async () => {
    server.use(fhirErrors.forbidden(BASE, 'MedicationRequest'));
    const error = (await searchAll(ctx(), 'MedicationRequest', { patient: 'p1' }).catch(
      (e: unknown) => e,
    )) as FhirRequestError;
    expect(error.kind).toBe('forbidden');
    expect(error.retryable).toBe(false);
    expect(error.userMessage).toMatch(
      /Access was not granted \(403\): Scope does not permit reading MedicationRequest/,
    );
  });

  it('500 with an OperationOutcome: server error with the parsed issue, retryable', async () => {
    server.use(fhirErrors.serverError(BASE, 'Observation', 'Database timeout on Observation'));
    const error = (await searchAll(ctx(), 'Observation', { patient: 'p1' }).catch(
      (e: unknown) => e,
    )) as FhirRequestError;
    expect(error.kind).toBe('server');
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(true);
    expect(error.outcome).toEqual([
      { severity: 'error', code: 'exception', diagnostics: 'Database timeout on Observation' },
    ]);
    expect(error.message).toBe(
      `GET ${BASE}/Observation: the EHR server reported an error — Database timeout on Observation`,
    );
  });

  it('a body that is not JSON is a malformed error', async () => {
    server.use(fhirErrors.malformedJson(BASE, 'Procedure'));
    const error = (await searchAll(ctx(), 'Procedure', { patient: 'p1' }).catch((e: unknown) => e)) as FhirRequestError;
    expect(error.kind).toBe('malformed');
  });

  it('a network failure is a retryable network error', async () => {
    server.use(fhirErrors.networkError(BASE, 'Encounter'));
    const error = (await searchAll(ctx(), 'Encounter', { patient: 'p1' }).catch((e: unknown) => e)) as FhirRequestError;
    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it('a JSON body that is not a Bundle fails the search as malformed', async () => {
    server.use(http.get(`${BASE}/Condition`, () => HttpResponse.json({ resourceType: 'Patient', id: 'x' })));
    const error = (await searchAll(ctx(), 'Condition', { patient: 'p1' }).catch((e: unknown) => e)) as FhirRequestError;
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/did not return a Bundle/);
  });
});

describe('malformed entries', () => {
  it('are reported as data issues and skipped; the good entries are kept', async () => {
    server.use(fhirErrors.malformedEntries(BASE, 'Condition', [{ resourceType: 'Condition', id: 'c1' }]));
    const result = await searchAll(ctx(), 'Condition', { patient: 'p1' });
    expect(result.resources).toEqual([{ resourceType: 'Condition', id: 'c1' }]);
    expect(result.issues.map((i) => i.problem)).toEqual([
      'One of the conditions the EHR sent was empty or malformed and was skipped.',
      'One of the conditions had no identifier, so it could not be cited, and was skipped.',
      'One of the conditions the EHR sent was empty or malformed and was skipped.',
      'The EHR attached a warning to the conditions: some may be missing.',
    ]);
  });
});

describe('fetchSection', () => {
  it('reads the Patient by id and runs a section’s searches in parallel, passing repeats on to the chart reader', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server.use(
      http.get(`${BASE}/Patient/p1`, () => HttpResponse.json({ resourceType: 'Patient', id: 'p1' })),
      http.get(`${BASE}/Observation`, async ({ request }) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 30));
        inFlight -= 1;
        const code = new URL(request.url).searchParams.get('code');
        expect(new URL(request.url).searchParams.get('patient')).toBe('p1');
        return HttpResponse.json(searchset(code === 'a' ? [obs(1), obs(2)] : [obs(2), obs(3)]));
      }),
    );
    const patient = await fetchSection(ctx(), 'Patient', 'p1', {});
    expect(patient.resources).toEqual([{ resourceType: 'Patient', id: 'p1' }]);
    const section = await fetchSection(ctx(), 'Observation', 'p1', {
      Observation: [{ params: { code: 'a' } }, { params: { code: 'b' } }],
    });
    expect(maxInFlight).toBe(2);
    // De-duplication happens once, in the chart reader (fhir-mappings/collect.ts), which reports differing copies.
    expect(section.resources.map((r) => (r as { id: string }).id)).toEqual(['o1', 'o2', 'o2', 'o3']);
    expect(section.requests).toBe(2);
  });

  it('a Patient read that is not a Patient is malformed', async () => {
    server.use(http.get(`${BASE}/Patient/p1`, () => HttpResponse.json({ resourceType: 'Bundle' })));
    await expect(fetchSection(ctx(), 'Patient', 'p1', {})).rejects.toMatchObject({ kind: 'malformed' });
  });
});
