// @vitest-environment jsdom
/**
 * The data hooks over msw, with the sandbox's own FHIR REST implementation (real search semantics) behind the
 * network: per-section states, 401 → session expired without retries, 403 on one section while the others
 * load, sections never requested when the scope was not granted, malformed entries reported, and cache
 * isolation between two patients.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import FHIR from 'fhirclient';
import { setupServer } from 'msw/node';
import { createElement, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetSession, type SmartSession } from '@/lib/fhir';
import {
  clearOtherLaunches,
  makeQueryClient,
  queryKeys,
  shouldRetry,
  useChartFacts,
  useChartSections,
  useFhirDiagnostics,
  useSmartSession,
} from '@/lib/queries';
import { FhirRequestError } from '@/lib/fhir';
import { createFhirApi, createFhirStore, type FhirStore } from '@/mocks/fhir-store';
import { fhirErrors, fhirStoreHandlers } from '@/mocks/handlers';

const BASE = 'https://ehr.test/fhir';
const ALL_READ =
  'launch openid fhirUser patient/Patient.rs patient/Observation.rs patient/Condition.rs patient/MedicationRequest.rs patient/Procedure.rs patient/Encounter.rs patient/DocumentReference.c';

const server = setupServer();
let store: FhirStore;
const requests: string[] = [];

beforeAll(async () => {
  store = await createFhirStore({ synthea: false });
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    requests.push(`${url.pathname.replace('/fhir/', '')}`);
  });
}, 30_000);
beforeEach(() => {
  server.use(...fhirStoreHandlers(BASE, createFhirApi(store, { baseUrl: BASE })));
  requests.length = 0;
});
afterEach(() => {
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

/** What fhirclient leaves in sessionStorage after a completed code exchange; then a fresh page load. */
function seedSession(patient: string, scope = ALL_READ, extra: Record<string, unknown> = {}) {
  const key = `key-${patient}`;
  sessionStorage.setItem('SMART_KEY', JSON.stringify(key));
  sessionStorage.setItem(
    key,
    JSON.stringify({
      serverUrl: BASE,
      clientId: 'nocturne-local',
      tokenUri: 'https://ehr.test/auth/token',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
      tokenResponse: { access_token: `token-${patient}`, token_type: 'Bearer', scope, patient, ...extra },
    }),
  );
  window.history.replaceState({}, '', '/assessment');
  // fhirclient's browser adapter caches the page URL; a browser page load starts fresh (see smart-session.test.ts).
  (FHIR.client({ serverUrl: BASE }).environment as unknown as { _url: URL | null })._url = null;
  forgetSession();
}

function wrapper(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
}

async function activeSession(client: QueryClient): Promise<SmartSession> {
  const { result } = renderHook(() => useSmartSession(), { wrapper: wrapper(client) });
  await waitFor(() => expect(result.current.state?.status).toBe('active'));
  const state = result.current.state;
  if (state?.status !== 'active') throw new Error('no session');
  return state.session;
}

describe('useSmartSession', () => {
  it('resumes the session and exposes the capability view', async () => {
    seedSession('pad-clti-rest-pain', 'launch patient/Observation.read patient/DocumentReference.write');
    const session = await activeSession(makeQueryClient({ test: true }));
    expect(session.patientId).toBe('pad-clti-rest-pain');
    expect(session.capabilities.read.Observation).toBe('full');
    expect(session.capabilities.read.Condition).toBe('none');
    expect(session.capabilities.createDocumentReference).toBe(true);
  });

  it('without a session it says so (the UI shows "relaunch from the EHR")', async () => {
    sessionStorage.clear();
    window.history.replaceState({}, '', '/assessment');
    (FHIR.client({ serverUrl: BASE }).environment as unknown as { _url: URL | null })._url = null;
    forgetSession();
    const { result } = renderHook(() => useSmartSession(), { wrapper: wrapper(makeQueryClient({ test: true })) });
    await waitFor(() => expect(result.current.state?.status).toBe('no-session'));
  });
});

describe('queries start while the component renders (issue 13)', () => {
  it('every chart read is under way before React subscribes (no effect has run yet)', async () => {
    seedSession('pad-clti-rest-pain');
    const client = makeQueryClient({ test: true });
    const session = await activeSession(client);
    const fresh = makeQueryClient({ test: true });
    fresh.setQueryData(queryKeys.session, { status: 'active', session } as const);
    // A render with no commit: effects (where useQueries subscribes and would start fetching) never run.
    const seen: string[] = [];
    function Probe() {
      useChartSections(session);
      seen.push(
        ...fresh
          .getQueryCache()
          .findAll()
          .map((q) => `${String(q.queryKey[3])}:${q.state.fetchStatus}`),
      );
      return null;
    }
    const { renderToString } = await import('react-dom/server');
    renderToString(createElement(QueryClientProvider, { client: fresh }, createElement(Probe)));
    const fetching = seen.filter((s) => s.endsWith(':fetching')).map((s) => s.split(':')[0]);
    expect(new Set(fetching)).toEqual(
      new Set(['Patient', 'Condition', 'Observation', 'MedicationRequest', 'Procedure', 'Encounter']),
    );
  });

  it('never refetches what the cache already holds, and never retries a failed read behind the hook', async () => {
    seedSession('pad-clti-rest-pain');
    server.use(fhirErrors.forbidden(BASE, 'MedicationRequest'));
    const client = makeQueryClient({ test: true });
    const session = await activeSession(client);
    const { result, rerender } = renderHook(() => useChartSections(session), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.loading).toBe(false), { timeout: 10_000 });
    const before = requests.length;
    rerender();
    rerender();
    expect(requests.length).toBe(before);
    expect(result.current.sections.MedicationRequest.status).toBe('error');
  });
});

describe('useChartFacts', () => {
  it('loads every section in parallel and maps the PAD persona’s chart', async () => {
    seedSession('pad-clti-rest-pain');
    const client = makeQueryClient({ test: true });
    const session = await activeSession(client);
    const { result } = renderHook(() => useChartFacts(session), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.facts).toBeDefined(), { timeout: 10_000 });
    const { facts, patient, unavailable, sections } = result.current;
    expect(unavailable).toEqual([]);
    expect(patient?.name).toMatch(/Harold Whitfield/);
    const abis = facts?.observations.filter((o) => o.concept === 'abi') ?? [];
    expect(abis.map((a) => a.value)).toContain(0.45);
    expect(facts?.conditions.map((c) => c.concept)).toEqual(expect.arrayContaining(['pad', 'diabetes']));
    expect(sections.Observation.status).toBe('ready');
    // Observations were searched by code, not the whole chart.
    expect(requests.some((r) => r.startsWith('Observation'))).toBe(true);
  });

  it('a 403 on one section leaves the others loaded and marks it unavailable (no retry)', async () => {
    seedSession('pad-clti-rest-pain');
    server.use(fhirErrors.forbidden(BASE, 'MedicationRequest'));
    const client = makeQueryClient(); // production retry policy
    const session = await activeSession(client);
    const { result } = renderHook(() => useChartFacts(session), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.facts).toBeDefined(), { timeout: 10_000 });
    expect(result.current.unavailable).toEqual(['MedicationRequest']);
    expect(result.current.facts?.unavailable).toEqual(['MedicationRequest']);
    const med = result.current.sections.MedicationRequest;
    expect(med.status).toBe('error');
    if (med.status === 'error') {
      expect(med.message).toMatch(/403/);
      expect(med.retry).toBeUndefined();
    }
    expect(result.current.sections.Condition.status).toBe('ready');
    expect(result.current.facts?.observations.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.startsWith('MedicationRequest'))).toHaveLength(1);
  });

  it('a 401 marks the session expired and is not retried', async () => {
    seedSession('pad-clti-rest-pain');
    server.use(fhirErrors.unauthorized(BASE, 'Condition'));
    const client = makeQueryClient();
    const session = await activeSession(client);
    const { result } = renderHook(() => ({ chart: useChartSections(session), session: useSmartSession() }), {
      wrapper: wrapper(client),
    });
    await waitFor(() => expect(result.current.session.state?.status).toBe('expired'));
    await waitFor(() => expect(result.current.chart.sections.Condition.status).toBe('error'));
    expect(requests.filter((r) => r.startsWith('Condition'))).toHaveLength(1);
  });

  it('a 500 is retried (then shown with a retry button) — the policy in isolation', () => {
    const server500 = new FhirRequestError({ kind: 'server', status: 500, url: BASE });
    const forbidden = new FhirRequestError({ kind: 'forbidden', status: 403, url: BASE });
    const unauthorized = new FhirRequestError({ kind: 'unauthorized', status: 401, url: BASE });
    expect(shouldRetry(0, server500)).toBe(true);
    expect(shouldRetry(2, server500)).toBe(false);
    expect(shouldRetry(0, forbidden)).toBe(false);
    expect(shouldRetry(0, unauthorized)).toBe(false);
  });

  it('a 500 section offers retry, and retrying it alone recovers it', async () => {
    seedSession('pad-clti-rest-pain');
    server.use(fhirErrors.serverError(BASE, 'Observation', 'Database timeout'));
    const client = makeQueryClient({ test: true });
    const session = await activeSession(client);
    const { result } = renderHook(() => useChartFacts(session), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.facts).toBeDefined(), { timeout: 10_000 });
    const obs = result.current.sections.Observation;
    expect(obs.status).toBe('error');
    if (obs.status !== 'error') return;
    expect(obs.message).toBe('The EHR server reported an error: Database timeout.');
    expect(result.current.facts?.unavailable).toEqual(['Observation']);
    const conditionRequests = requests.filter((r) => r.startsWith('Condition')).length;
    server.resetHandlers(...fhirStoreHandlers(BASE, createFhirApi(store, { baseUrl: BASE })));
    act(() => obs.retry?.());
    await waitFor(() => expect(result.current.sections.Observation.status).toBe('ready'), { timeout: 10_000 });
    expect(result.current.facts?.unavailable).toEqual([]);
    expect(requests.filter((r) => r.startsWith('Condition'))).toHaveLength(conditionRequests);
  });

  it('sections the EHR did not grant are reported and never requested', async () => {
    seedSession(
      'pad-clti-rest-pain',
      'launch patient/Patient.read patient/Observation.read patient/Condition.read patient/MedicationRequest.read',
    );
    const client = makeQueryClient({ test: true });
    const session = await activeSession(client);
    const { result } = renderHook(() => useChartFacts(session), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.facts).toBeDefined(), { timeout: 10_000 });
    expect(result.current.unavailable).toEqual(['Procedure', 'Encounter']);
    expect(requests.some((r) => r.startsWith('Procedure') || r.startsWith('Encounter'))).toBe(false);
    const procedure = result.current.sections.Procedure;
    expect(procedure.status === 'error' && procedure.message).toMatch(/did not grant Nocturne access to procedures/);
  });

  it('malformed entries are reported as data issues, not fatal', async () => {
    seedSession('pad-clti-rest-pain');
    server.use(
      fhirErrors.malformedEntries(BASE, 'Condition', [
        {
          resourceType: 'Condition',
          id: 'c-ok',
          subject: { reference: 'Patient/pad-clti-rest-pain' },
          clinicalStatus: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
          },
          code: {
            coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes mellitus type 2' }],
          },
        },
      ]),
    );
    const client = makeQueryClient({ test: true });
    const session = await activeSession(client);
    const { result } = renderHook(() => useChartFacts(session), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.facts).toBeDefined(), { timeout: 10_000 });
    expect(result.current.unavailable).toEqual([]);
    expect(result.current.facts?.conditions.map((c) => c.concept)).toContain('diabetes');
    const problems = result.current.facts?.dataIssues.map((i) => i.problem) ?? [];
    expect(problems).toEqual(
      expect.arrayContaining([
        'One of the conditions the EHR sent was empty or malformed and was skipped.',
        'The EHR attached a warning to the conditions: some may be missing.',
      ]),
    );
  });
});

describe('cache isolation', () => {
  it('keys start with server + patient; another patient never sees the first one’s data', async () => {
    const client = makeQueryClient({ test: true });
    seedSession('pad-clti-rest-pain');
    const a = await activeSession(client);
    const first = renderHook(() => useChartFacts(a), { wrapper: wrapper(client) });
    await waitFor(() => expect(first.result.current.facts).toBeDefined(), { timeout: 10_000 });
    first.unmount();

    const b: SmartSession = { ...a, patientId: 'lumbar-stenosis' };
    const second = renderHook(() => useChartFacts(b), { wrapper: wrapper(client) });
    await waitFor(() => expect(second.result.current.facts).toBeDefined(), { timeout: 10_000 });
    expect(second.result.current.patient?.name).toMatch(/Margaret Ellison/);
    expect(second.result.current.patient?.name).not.toMatch(/Harold/);

    const keys = client
      .getQueryCache()
      .getAll()
      .map((q) => q.queryKey);
    // A section key is server, patient, 'section', the section, then the searches it ran.
    const sectionKeys = keys.map((k) => k.slice(0, 4));
    expect(sectionKeys).toContainEqual(queryKeys.section(a, 'Observation').slice(0, 4));
    expect(sectionKeys).toContainEqual(queryKeys.section(b, 'Observation').slice(0, 4));
    const observation = keys.find((k) => k[1] === a.patientId && k[3] === 'Observation');
    expect(observation?.[4], 'the search plan is part of the key').not.toEqual([]);
    // A new launch for b clears everything of a.
    clearOtherLaunches(client, { status: 'active', session: b });
    const remaining = client
      .getQueryCache()
      .getAll()
      .map((q) => q.queryKey);
    expect(remaining.some((k) => k[1] === 'pad-clti-rest-pain')).toBe(false);
    expect(remaining.some((k) => k[1] === 'lumbar-stenosis')).toBe(true);
  });
});

describe('useFhirDiagnostics', () => {
  it('records each FHIR query with count and timing, without PHI', async () => {
    seedSession('pad-clti-rest-pain');
    const client = makeQueryClient({ test: true });
    const session = await activeSession(client);
    const { result } = renderHook(() => ({ facts: useChartFacts(session), diag: useFhirDiagnostics() }), {
      wrapper: wrapper(client),
    });
    await waitFor(() => expect(result.current.facts.facts).toBeDefined(), { timeout: 10_000 });
    const labels = result.current.diag.map((d) => d.label);
    expect(labels).toEqual(expect.arrayContaining(['Patient read', 'Condition search (_count, patient)']));
    expect(result.current.diag.every((d) => d.status !== 'pending' && typeof d.ms === 'number')).toBe(true);
    expect(JSON.stringify(result.current.diag)).not.toMatch(/pad-clti-rest-pain|Harold|token/);
  });
});
