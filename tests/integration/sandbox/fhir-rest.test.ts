/**
 * FHIR R4 REST on the sandbox over real HTTP with real tokens: the bearer token and scopes enforced, the searches the
 * app makes, paging by `next` links, create, conditional create, batch, CORS.
 */
import type { Bundle, DocumentReference, Observation, OperationOutcome } from 'fhir/r4';
import type { SandboxHandle } from '../../../mocks/sandbox/server';
import { APP_URL, RENATO, VITO, fhir, launchAndToken, start, testClock } from './helpers';

let sandbox: SandboxHandle;
const clock = testClock();
let vitoToken: string;
let renatoToken: string;

beforeAll(async () => {
  sandbox = await start({ now: clock.now });
  vitoToken = (await launchAndToken(sandbox, VITO)).access_token;
  renatoToken = (await launchAndToken(sandbox, RENATO)).access_token;
}, 30_000);
afterAll(async () => {
  await sandbox?.close();
});

async function bundle(res: Response): Promise<Bundle> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
  return (await res.json()) as Bundle;
}

async function expectOutcome(res: Response, status: number): Promise<OperationOutcome> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as OperationOutcome;
  expect(body.resourceType).toBe('OperationOutcome');
  expect(body.issue[0]?.diagnostics).toBeTruthy();
  return body;
}

const note = (patient: string, identifier: string): DocumentReference => ({
  resourceType: 'DocumentReference',
  status: 'current',
  identifier: [{ system: 'urn:nocturne:note', value: identifier }],
  type: { coding: [{ system: 'http://loinc.org', code: '11488-4', display: 'Consult note' }] },
  subject: { reference: `Patient/${patient}` },
  content: [{ attachment: { contentType: 'text/plain', data: Buffer.from('Assessment').toString('base64') } }],
});

describe('bearer token', () => {
  it('401 with an OperationOutcome and WWW-Authenticate without a token', async () => {
    const res = await fhir(sandbox, undefined, `Patient/${VITO}`);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    await expectOutcome(res, 401);
  });

  it('401 for a forged token', async () => {
    const [h, p] = vitoToken.split('.');
    const res = await fhir(sandbox, `${h}.${p}.c2lnbmF0dXJl`, `Patient/${VITO}`);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    await expectOutcome(res, 401);
  });

  it('401 once the token has expired', async () => {
    const token = (await launchAndToken(sandbox, VITO)).access_token;
    expect((await fhir(sandbox, token, `Patient/${VITO}`)).status).toBe(200);
    clock.advance(3601);
    try {
      const res = await fhir(sandbox, token, `Patient/${VITO}`);
      expect(res.headers.get('www-authenticate')).toMatch(/invalid_token/);
      const oo = await expectOutcome(res, 401);
      expect(oo.issue[0]?.diagnostics).toMatch(/expired/);
    } finally {
      clock.advance(-3601);
    }
  });

  it('403 for a resource type the scopes do not grant', async () => {
    const token = (await launchAndToken(sandbox, VITO, { scope: 'launch patient/Patient.rs' })).access_token;
    expect((await fhir(sandbox, token, `Patient/${VITO}`)).status).toBe(200);
    await expectOutcome(await fhir(sandbox, token, `Observation?patient=${VITO}`), 403);
  });

  it('403 for an interaction the scopes do not grant (read-only token creating a note)', async () => {
    const token = (await launchAndToken(sandbox, VITO, { scope: 'launch patient/*.rs' })).access_token;
    const res = await fhir(sandbox, token, 'DocumentReference', {
      method: 'POST',
      body: JSON.stringify(note(VITO, 'ro-1')),
    });
    await expectOutcome(res, 403);
  });

  it("patient/ scopes stay inside the launch patient's compartment", async () => {
    await expectOutcome(await fhir(sandbox, vitoToken, `Patient/${RENATO}`), 403);
    const other = await bundle(await fhir(sandbox, vitoToken, `Condition?patient=${RENATO}`));
    expect(other.total).toBe(0);
    const unfiltered = await bundle(await fhir(sandbox, vitoToken, 'Condition?_count=500'));
    expect(unfiltered.total).toBeGreaterThan(0);
    for (const e of unfiltered.entry ?? []) {
      expect((e.resource as { subject?: { reference?: string } }).subject?.reference).toBe(`Patient/${VITO}`);
    }
    const write = await fhir(sandbox, vitoToken, 'DocumentReference', {
      method: 'POST',
      body: JSON.stringify(note(RENATO, 'wrong-patient')),
    });
    await expectOutcome(write, 403);
  });
});

describe('read and search', () => {
  it('reads a resource with ETag', async () => {
    const res = await fhir(sandbox, vitoToken, `Patient/${VITO}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^W\/"/);
    expect(((await res.json()) as { id: string }).id).toBe(VITO);
  });

  it('404 with an OperationOutcome for an unknown id; 400 for an unknown search parameter', async () => {
    await expectOutcome(await fhir(sandbox, renatoToken, 'Observation/does-not-exist'), 404);
    await expectOutcome(await fhir(sandbox, renatoToken, `Observation?patient=${RENATO}&colour=blue`), 400);
  });

  it('finds the same Observations for patient=<bare id>, patient=Patient/<id> and subject=Patient/<id>', async () => {
    const bare = await bundle(await fhir(sandbox, renatoToken, `Observation?patient=${RENATO}&_count=1`));
    const typed = await bundle(await fhir(sandbox, renatoToken, `Observation?patient=Patient/${RENATO}&_count=1`));
    const subject = await bundle(await fhir(sandbox, renatoToken, `Observation?subject=Patient/${RENATO}&_count=1`));
    expect(bare.total).toBe(118);
    expect(typed.total).toBe(118);
    expect(subject.total).toBe(118);
  });

  it('matches any of several system|code values in one code parameter', async () => {
    const hba1c = 'http://loinc.org|4548-4';
    const creat = 'http://loinc.org|38483-4';
    const count = async (q: string) =>
      (await bundle(await fhir(sandbox, renatoToken, `Observation?patient=${RENATO}&${q}&_count=0`))).total!;
    const a = await count(`code=${encodeURIComponent(hba1c)}`);
    const b = await count(`code=${encodeURIComponent(creat)}`);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(await count(`code=${encodeURIComponent(`${hba1c},${creat}`)}`)).toBe(a + b);
    const both = await bundle(
      await fhir(sandbox, renatoToken, `Observation?patient=${RENATO}&code=${encodeURIComponent(`${hba1c},${creat}`)}`),
    );
    for (const e of both.entry ?? []) {
      expect(['4548-4', '38483-4']).toContain((e.resource as Observation).code.coding?.[0]?.code);
    }
  });

  it('filters by clinical-status, category and date prefixes, and sorts by -date', async () => {
    const active = await bundle(await fhir(sandbox, vitoToken, `Condition?patient=${VITO}&clinical-status=active`));
    expect(active.total).toBeGreaterThan(0);
    const all = await bundle(await fhir(sandbox, vitoToken, `Condition?patient=${VITO}`));
    expect(all.total).toBeGreaterThan(active.total!);

    const labs = await bundle(
      await fhir(sandbox, vitoToken, `Observation?patient=${VITO}&category=laboratory&_count=0`),
    );
    const vitals = await bundle(
      await fhir(
        sandbox,
        vitoToken,
        `Observation?patient=${VITO}&category=${encodeURIComponent('http://terminology.hl7.org/CodeSystem/observation-category|vital-signs')}&_count=0`,
      ),
    );
    expect(labs.total! + vitals.total!).toBeLessThanOrEqual(869);
    expect(labs.total).toBeGreaterThan(0);

    const window = await bundle(
      await fhir(
        sandbox,
        vitoToken,
        `Observation?patient=${VITO}&date=ge1975-01-01&date=lt1976-01-01&_sort=-date&_count=500`,
      ),
    );
    const dates = (window.entry ?? []).map((e) => Date.parse((e.resource as Observation).effectiveDateTime!));
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) {
      expect(d).toBeGreaterThanOrEqual(Date.parse('1975-01-01T00:00:00Z'));
      expect(d).toBeLessThan(Date.parse('1976-01-01T00:00:00Z'));
    }
    expect([...dates].sort((x, y) => y - x)).toEqual(dates);
  });

  it('pages with next links until every result has been seen exactly once', async () => {
    let url: string | undefined = `Observation?patient=${VITO}&_count=200&_sort=date`;
    const ids: string[] = [];
    let pages = 0;
    let total = 0;
    while (url) {
      const page = await bundle(await fhir(sandbox, vitoToken, url));
      total = page.total!;
      ids.push(...(page.entry ?? []).map((e) => e.resource!.id!));
      expect(page.link?.find((l) => l.relation === 'self')?.url).toMatch(
        /^http:\/\/localhost:\d+\/fhir\/Observation\?/,
      );
      url = page.link?.find((l) => l.relation === 'next')?.url;
      if (url) expect(url.startsWith(sandbox.fhirBaseUrl)).toBe(true);
      pages++;
    }
    expect(total).toBe(869);
    expect(pages).toBe(5);
    expect(new Set(ids).size).toBe(869);
  });
});

describe('writes', () => {
  it('creates with 201, Location and ETag, and the resource reads back', async () => {
    const res = await fhir(sandbox, vitoToken, 'DocumentReference', {
      method: 'POST',
      body: JSON.stringify(note(VITO, 'create-1')),
    });
    expect(res.status).toBe(201);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${sandbox.fhirBaseUrl}/DocumentReference/[^/]+/_history/[^/]+$`));
    expect(res.headers.get('etag')).toMatch(/^W\/"/);
    const created = (await res.json()) as DocumentReference;
    expect(location).toContain(`/DocumentReference/${created.id}/`);
    // The app's scopes are `.cs` (create + search, no read): it finds its note by search.
    const found = await bundle(await fhir(sandbox, vitoToken, `DocumentReference?_id=${created.id}`));
    expect(found.entry?.[0]?.resource?.id).toBe(created.id);
    await expectOutcome(await fhir(sandbox, vitoToken, `DocumentReference/${created.id}`), 403);
  });

  it('rejects an invalid resource with 400 and an OperationOutcome', async () => {
    const res = await fhir(sandbox, vitoToken, 'DocumentReference', {
      method: 'POST',
      body: JSON.stringify({ ...note(VITO, 'bad'), notAField: true }),
    });
    await expectOutcome(res, 400);
    await expectOutcome(await fhir(sandbox, vitoToken, 'DocumentReference', { method: 'POST', body: '{oops' }), 400);
  });

  it('conditional create returns the existing note instead of a duplicate', async () => {
    const post = () =>
      fhir(sandbox, vitoToken, 'DocumentReference', {
        method: 'POST',
        headers: { 'If-None-Exist': 'identifier=urn:nocturne:note|cond-1' },
        body: JSON.stringify(note(VITO, 'cond-1')),
      });
    const first = await post();
    expect(first.status).toBe(201);
    const firstId = ((await first.json()) as DocumentReference).id;
    const second = await post();
    expect(second.status).toBe(200);
    expect(((await second.json()) as DocumentReference).id).toBe(firstId);
    const found = await bundle(
      await fhir(sandbox, vitoToken, `DocumentReference?identifier=${encodeURIComponent('urn:nocturne:note|cond-1')}`),
    );
    expect(found.total).toBe(1);
  });

  it('conditional create answers 412 when the condition matches several resources', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await fhir(sandbox, vitoToken, 'DocumentReference', {
        method: 'POST',
        body: JSON.stringify(note(VITO, 'dup-1')),
      });
      expect(r.status).toBe(201);
    }
    const res = await fhir(sandbox, vitoToken, 'DocumentReference', {
      method: 'POST',
      headers: { 'If-None-Exist': 'identifier=urn:nocturne:note|dup-1' },
      body: JSON.stringify(note(VITO, 'dup-1')),
    });
    await expectOutcome(res, 412);
  });
});

describe('batch', () => {
  it('answers each entry of a batch Bundle with its own status', async () => {
    const token = (await launchAndToken(sandbox, VITO, { scope: 'launch patient/Patient.rs patient/Condition.rs' }))
      .access_token;
    const res = await fhir(sandbox, token, '', {
      method: 'POST',
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: `Patient/${VITO}` } },
          { request: { method: 'GET', url: `Condition?patient=${VITO}&clinical-status=active` } },
          { request: { method: 'GET', url: 'Patient/nobody' } },
          { request: { method: 'GET', url: `Observation?patient=${VITO}` } },
        ],
      } satisfies Bundle),
    });
    const out = await bundle(res);
    expect(out.type).toBe('batch-response');
    expect(out.entry?.map((e) => e.response?.status.slice(0, 3))).toEqual(['200', '200', '404', '403']);
    expect(out.entry?.[0]?.resource?.id).toBe(VITO);
    expect((out.entry?.[1]?.resource as Bundle).total).toBeGreaterThan(0);
    expect(out.entry?.[2]?.response?.outcome?.resourceType).toBe('OperationOutcome');
  });

  it('refuses a transaction at the base with an OperationOutcome', async () => {
    const res = await fhir(sandbox, vitoToken, '', {
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [] }),
    });
    await expectOutcome(res, 400);
  });
});

describe('CORS', () => {
  it('answers the preflight of a note create from the app origin', async () => {
    const res = await fetch(`${sandbox.fhirBaseUrl}/DocumentReference`, {
      method: 'OPTIONS',
      headers: {
        Origin: APP_URL,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,if-none-exist,prefer',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_URL);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'if-none-exist', 'prefer']) expect(allowed).toContain(h);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('exposes Location and ETag to the app origin and nothing to other origins', async () => {
    const res = await fhir(sandbox, vitoToken, `Patient/${VITO}`, { headers: { Origin: APP_URL } });
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_URL);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Location/);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    const token = await fetch(`${sandbox.url}/auth/token`, { method: 'POST', headers: { Origin: APP_URL } });
    expect(token.headers.get('access-control-allow-origin')).toBe(APP_URL);

    const evil = await fhir(sandbox, vitoToken, `Patient/${VITO}`, { headers: { Origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${sandbox.fhirBaseUrl}/Patient`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
