// @vitest-environment jsdom
/**
 * The `/assessment` page's early chart reads: planned on the server with exactly the URLs the data layer asks for
 * (or they would be wasted), sent once with the session's token, handed over once, never for a type the grant does
 * not cover, and never with a token that has expired.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { earlyReadPlan } from '@/lib/queries/early-reads';
import { fetchSection, forgetSession, readSession, smartFhirContext, type FhirContext } from '@/lib/fhir';
import { CHART_SECTIONS } from '@/lib/fhir/session';
import {
  EARLY_READS_GLOBAL,
  PATIENT_PLACEHOLDER,
  REDIRECT_GLOBAL,
  SMART_KEY,
  inlineScript,
  smartEarlyReads,
} from '@/lib/fhir/smart-boot';
import { chartPlanFor } from '@/lib/queries/plan';
import { parseLocalCodes } from '@/fhir-mappings/local-codes';

const ISS = 'https://ehr.test/fhir';
const NOW = new Date('2026-12-02T09:30:00Z');
const LOCAL_CODES = { abi: { codes: [{ system: 'urn:oid:1.2.3', code: 'ABI-R', side: 'right' }] } };

const server = setupServer();
let served: string[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  served = [];
  sessionStorage.clear();
  window.history.replaceState({}, '', '/assessment');
  forgetSession();
  server.use(
    http.get(`${ISS}/*`, ({ request }) => {
      served.push(request.url);
      const type = new URL(request.url).pathname.split('/')[2];
      return type === 'Patient'
        ? HttpResponse.json({ resourceType: 'Patient', id: 'pat-1' })
        : HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: [] });
    }),
  );
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The URLs the data layer requests for every section (first pages), with this plan. */
async function dataLayerUrls(localCodes: unknown): Promise<string[]> {
  const parsed = parseLocalCodes(localCodes);
  const plan = chartPlanFor({ now: NOW, ...(parsed.ok ? { localCodes: parsed.config } : {}) });
  const urls: string[] = [];
  const ctx: FhirContext = {
    serverUrl: ISS,
    authorization: () => Promise.resolve('Bearer t'),
    fetch: (input) => {
      urls.push(input as string);
      return Promise.resolve(
        Response.json(
          (input as string).includes('/Patient/')
            ? { resourceType: 'Patient', id: 'pat-1' }
            : { resourceType: 'Bundle', type: 'searchset' },
        ),
      );
    },
  };
  for (const section of CHART_SECTIONS) await fetchSection(ctx, section, 'pat-1', plan);
  return urls;
}

const planUrls = (localCodes: unknown) =>
  earlyReadPlan({ siteCodes: localCodes }, NOW).reads.map(
    (r) => `${ISS}/${r.path.split(PATIENT_PLACEHOLDER).join('pat-1')}`,
  );

function storeSession(tokenResponse: Record<string, unknown>, expiresIn = 3600) {
  const state = {
    clientId: 'nocturne-local',
    serverUrl: ISS,
    key: 'k1',
    tokenResponse: { access_token: 'tok', patient: 'pat-1', ...tokenResponse },
    expiresAt: Math.floor(Date.now() / 1000) + expiresIn,
  };
  sessionStorage.setItem('k1', JSON.stringify(state));
  sessionStorage.setItem(SMART_KEY, JSON.stringify('k1'));
}

/** What app/assessment/page.tsx runs in the page, on a reload (no code in the URL). */
function runPageScripts(localCodes?: unknown) {
  (0, eval)(`window[${JSON.stringify(REDIRECT_GLOBAL)}]=Promise.resolve({kind:'none'});`);
  (0, eval)(
    inlineScript(EARLY_READS_GLOBAL, smartEarlyReads, [
      REDIRECT_GLOBAL,
      earlyReadPlan({ siteCodes: localCodes }, NOW),
      PATIENT_PLACEHOLDER,
    ]),
  );
}

describe('early chart reads', () => {
  it('are planned with exactly the URLs the data layer requests (with and without site codes)', async () => {
    for (const codes of [undefined, LOCAL_CODES]) {
      expect(new Set(planUrls(codes))).toEqual(new Set(await dataLayerUrls(codes)));
    }
  });

  it('are sent once and handed to the data layer, which then sends nothing itself', async () => {
    storeSession({ scope: 'launch patient/*.rs' });
    runPageScripts();
    expect((await readSession()).status).toBe('active');
    const ctx = await smartFhirContext();
    const parsed = parseLocalCodes(undefined);
    const plan = chartPlanFor({ now: NOW, ...(parsed.ok ? { localCodes: parsed.config } : {}) });
    for (const section of CHART_SECTIONS) await fetchSection(ctx, section, 'pat-1', plan);
    expect(served.sort()).toEqual(planUrls(undefined).sort());
    // A second read (a retry, "Re-read chart") goes to the network.
    await fetchSection(ctx, 'Patient', 'pat-1', plan);
    expect(served).toHaveLength(planUrls(undefined).length + 1);
  });

  it('skip types the grant does not cover, and a token about to expire', async () => {
    storeSession({ scope: 'launch patient/Patient.read patient/Condition.rs patient/Observation.c' });
    runPageScripts();
    await (window as unknown as Record<string, { take(u: string): Promise<unknown> }>)[EARLY_READS_GLOBAL]!.take('x');
    expect(new Set(served.map((u) => new URL(u).pathname.split('/')[2]))).toEqual(new Set(['Patient', 'Condition']));

    served = [];
    forgetSession();
    storeSession({ scope: 'launch patient/*.rs', refresh_token: 'r' }, 5);
    runPageScripts();
    await (window as unknown as Record<string, { take(u: string): Promise<unknown> }>)[EARLY_READS_GLOBAL]!.take('x');
    expect(served).toEqual([]);
  });
});
