/**
 * The duplicate-safe create over the network (msw), against the sandbox's own FHIR REST handler and its store —
 * the same code the browser test talks to — with failures injected per status, lost answers (issue 10 item 7) and
 * hidden `Location` headers (item 5). The sentences the clinician reads come from the UI's wording table.
 */
import type { Bundle, DocumentReference, Provenance } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { base64ToUtf8, buildWriteBack, getWriteBackProfile, type WriteBackProfileId } from '@/fhir-mappings/write-back';
import { assessmentIdentifier } from '@/fhir-mappings/write-back/assessment-id';
import { withProvenanceTarget } from '@/fhir-mappings/write-back/build';
import { fileNote, resetSaveNoteState, type FileNoteInput, type FileNoteResult } from '@/lib/fhir/save-note';
import { failureWords } from '@/lib/ui/note/note-words';
import type { FhirContext } from '@/lib/fhir/http';
import { createFhirApi, createFhirStore, type FhirApi, type FhirStore } from '@/mocks/fhir-store';
import { ASSESSMENT } from '../../unit/write-back/fixtures';

const BASE = 'https://ehr.test/fhir';
const NOW = '2026-03-14T09:30:00.000Z';
const PATIENT = 'wb-patient';
const NOTE_TEXT = 'Assessment note — ABI 0.38, “rest pain”.\nEdited: refer to vascular today.\n';

let store: FhirStore;
let api: FhirApi;
const requests: { method: string; path: string; ifNoneExist: string | null }[] = [];
const server = setupServer();

beforeAll(async () => {
  store = await createFhirStore({ personas: [], synthea: false, now: new Date(NOW) });
  api = createFhirApi(store, { baseUrl: BASE });
  server.listen({ onUnhandledRequest: 'error' });
}, 60_000);
afterAll(() => server.close());

let counter = 0;
let assessmentId: string;

beforeEach(() => {
  resetSaveNoteState();
  requests.length = 0;
  counter++;
  assessmentId = `3f2b6c1e-8d4a-4b7e-9c21-${String(counter).padStart(12, '0')}`;
  server.resetHandlers(
    http.all(`${BASE}/*`, async ({ request }) => {
      const url = new URL(request.url);
      requests.push({
        method: request.method,
        path: url.pathname.replace('/fhir/', '') + url.search,
        ifNoneExist: request.headers.get('if-none-exist'),
      });
      return api(request);
    }),
  );
});

const ctx: FhirContext = { serverUrl: BASE, authorization: () => Promise.resolve('Bearer test-token') };

function input(profile: WriteBackProfileId, overrides: Partial<FileNoteInput> = {}): FileNoteInput {
  const built = buildWriteBack({
    assessment: ASSESSMENT,
    noteText: NOTE_TEXT,
    profile,
    options: { provenance: true, clinicalImpression: true },
    context: {
      assessmentId,
      patientId: PATIENT,
      encounterId: 'enc-1',
      fhirUser: 'Practitioner/dr-1',
      now: NOW,
      appVersion: '0.1.0',
    },
  });
  expect(built.errors).toEqual([]);
  const { documentReference, provenance, clinicalImpression } = built.resources;
  return {
    ctx,
    note: documentReference!,
    identifier: assessmentIdentifier(assessmentId),
    patientId: PATIENT,
    conditionalCreate: getWriteBackProfile(profile).conditionalCreate,
    companions: (reference) => [
      ...(provenance ? [withProvenanceTarget(provenance, reference)] : []),
      ...(clinicalImpression ? [clinicalImpression] : []),
    ],
    ...overrides,
  };
}

const saveNote = (i: FileNoteInput): Promise<FileNoteResult> => fileNote(i);

function failed(r: FileNoteResult) {
  if (r.status !== 'failed') throw new Error('expected a failure');
  return r.problem;
}

function saved(r: FileNoteResult) {
  if (r.status !== 'saved') throw new Error(`expected a saved note, got ${r.problem.code}`);
  return r.note;
}

/** What the server holds for this assessment's identifier (asked through the server's own search). */
async function notesFor(id: string): Promise<DocumentReference[]> {
  const token = encodeURIComponent(`urn:ietf:rfc:3986|urn:uuid:${id}`);
  const response = await api(new Request(`${BASE}/DocumentReference?identifier=${token}&_count=100`));
  const bundle = (await response.json()) as Bundle;
  return (bundle.entry ?? []).map((e) => e.resource as DocumentReference);
}

const posts = (type = 'DocumentReference') => requests.filter((r) => r.method === 'POST' && r.path === type);

describe('conditional create (If-None-Exist)', () => {
  it('smart-sandbox: creates once with If-None-Exist on the identifier; the note decodes to the text', async () => {
    const note = saved(await saveNote(input('smart-sandbox')));
    expect(note.dedupe).toBe('conditional-create');
    expect(note.alreadyExisted).toBe(false);
    expect(note.reconciled).toBe(false);
    expect(note.url).toBe(`${BASE}/DocumentReference/${note.id}`);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.ifNoneExist).toBe(`identifier=urn:ietf:rfc:3986|urn:uuid:${assessmentId}`);
    const notes = await notesFor(assessmentId);
    expect(notes).toHaveLength(1);
    expect(base64ToUtf8(notes[0]!.content[0]!.attachment.data!)).toBe(NOTE_TEXT);
  });

  it('a retry without any local record (reload in a new tab) gets the existing note back, not a second one', async () => {
    const first = saved(await saveNote(input('smart-sandbox')));
    const second = saved(await saveNote(input('smart-sandbox')));
    expect(second.id).toBe(first.id);
    expect(second.alreadyExisted).toBe(true);
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });

  it('us-core asks the CapabilityStatement and uses conditional create when declared', async () => {
    const r = await saveNote(input('us-core'));
    expect(r.status).toBe('saved');
    expect(requests[0]!.path).toBe('metadata');
    expect(posts()[0]!.ifNoneExist).toMatch(/^identifier=/);
  });

  it('us-core falls back to search-before-create when the server does not declare conditional create', async () => {
    server.use(
      http.get(`${BASE}/metadata`, () =>
        HttpResponse.json({
          resourceType: 'CapabilityStatement',
          status: 'active',
          kind: 'instance',
          fhirVersion: '4.0.1',
          format: ['json'],
          rest: [{ mode: 'server', resource: [{ type: 'DocumentReference', conditionalCreate: false }] }],
        }),
      ),
    );
    const note = saved(await saveNote(input('us-core')));
    expect(note.dedupe).toBe('search-before-create');
    expect(posts()[0]!.ifNoneExist).toBeNull();
  });
});

describe('search before create (Epic: no conditional create)', () => {
  it('searches by patient + identifier, then POSTs without If-None-Exist', async () => {
    const note = saved(await saveNote(input('epic', { companions: () => [] })));
    expect(note.dedupe).toBe('search-before-create');
    const search = requests.find((q) => q.method === 'GET' && q.path.startsWith('DocumentReference?'))!;
    expect(decodeURIComponent(search.path)).toContain(`identifier=urn:ietf:rfc:3986|urn:uuid:${assessmentId}`);
    expect(search.path).toContain(`patient=${PATIENT}`);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.ifNoneExist).toBeNull();
    expect(posts('Provenance')).toHaveLength(0);
    expect(note.companions).toEqual([]);
  });

  it('a server that ignores the identifier search parameter cannot make another note look like ours', async () => {
    const other = input('epic').note;
    await store.repo.createResource({
      ...other,
      identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:00000000-0000-4000-8000-000000000000' }],
    } as never);
    server.use(
      http.get(`${BASE}/DocumentReference`, async ({ request }) => {
        const url = new URL(request.url);
        url.searchParams.delete('identifier');
        return api(new Request(url, { headers: request.headers }));
      }),
    );
    const note = saved(await saveNote(input('epic')));
    expect(note.alreadyExisted).toBe(false);
    expect(posts()).toHaveLength(1);
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });

  it('without read access to notes (403 on search) it still files once and says the server could not be searched', async () => {
    server.use(
      http.get(`${BASE}/DocumentReference`, () =>
        HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] },
          { status: 403 },
        ),
      ),
    );
    const note = saved(await saveNote(input('epic')));
    expect(note.dedupe).toBe('local-record-only');
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });
});

/** Every POST of a note reaches the server and is stored, but its answer is lost (Chromium: a reset connection). */
function loseCreateAnswers(times = 1, answer: () => Response = () => HttpResponse.error()) {
  server.use(
    http.post(`${BASE}/DocumentReference`, async ({ request }) => {
      requests.push({ method: 'POST', path: 'DocumentReference', ifNoneExist: request.headers.get('if-none-exist') });
      // The browser re-sends a POST whose connection dropped before any answer: `times` copies reach the server.
      for (let i = 0; i < times; i += 1) await api(request.clone());
      return answer();
    }),
  );
}

describe('a create whose answer is lost (issue 10 item 7): search by identifier before reporting', () => {
  it.each(['epic', 'smart-sandbox', 'us-core'] as const)(
    '%s: one copy on the server → saved (reconciled), nothing filed twice; companions still written',
    async (profile) => {
      loseCreateAnswers(1);
      const note = saved(await saveNote(input(profile)));
      expect(note.reconciled).toBe(true);
      expect(note.alreadyExisted).toBe(false);
      expect(note.duplicates).toEqual([]);
      const notes = await notesFor(assessmentId);
      expect(notes.map((n) => n.id)).toEqual([note.id]);
      expect(posts()).toHaveLength(1);
      // Companions point at the note that was found (Epic takes none).
      if (profile !== 'epic') {
        expect(note.companions.length).toBeGreaterThan(0);
        expect(note.companions.every((c) => c.status === 'saved')).toBe(true);
      }
    },
  );

  it('two copies (the browser re-sent the POST) → saved AND both copies named, so one can be marked entered-in-error', async () => {
    loseCreateAnswers(2);
    const note = saved(await saveNote(input('epic')));
    const notes = await notesFor(assessmentId);
    expect(notes).toHaveLength(2);
    expect(note.reconciled).toBe(true);
    expect([note.id, ...note.duplicates.map((d) => d.id)].sort()).toEqual(notes.map((n) => n.id!).sort());
    expect(note.duplicates[0]).toMatchObject({
      reference: `DocumentReference/${note.duplicates[0]!.id}`,
      url: `${BASE}/DocumentReference/${note.duplicates[0]!.id}`,
    });
    expect(posts()).toHaveLength(1);
  });

  it('no copy on the server → not saved, and safe to try again (which files exactly one)', async () => {
    server.use(http.post(`${BASE}/DocumentReference`, () => HttpResponse.error()));
    const problem = failed(await saveNote(input('epic')));
    expect(problem).toMatchObject({ code: 'network', status: 0, retryable: true });
    expect(failureWords(problem, 'epic').message).toMatch(/the note is not in the chart: it was not saved/);
    expect(await notesFor(assessmentId)).toHaveLength(0);
    server.resetHandlers(http.all(`${BASE}/*`, ({ request }) => api(request)));
    saved(await saveNote(input('epic')));
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });

  it('a 502 with no body (a gateway dropped the answer) is an unknown outcome too, and is reconciled', async () => {
    loseCreateAnswers(1, () => new HttpResponse(null, { status: 502 }));
    const note = saved(await saveNote(input('smart-sandbox')));
    expect(note.reconciled).toBe(true);
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });

  it('a 500 with an OperationOutcome is the server saying it failed: no search, the error is reported', async () => {
    server.use(
      http.post(`${BASE}/DocumentReference`, () =>
        HttpResponse.json(
          {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'exception', diagnostics: 'db down' }],
          },
          { status: 500 },
        ),
      ),
    );
    const problem = failed(await saveNote(input('smart-sandbox')));
    expect(problem).toMatchObject({ code: 'server', status: 500, retryable: true });
    expect(requests.filter((q) => q.method === 'GET' && q.path.startsWith('DocumentReference?'))).toHaveLength(0);
  });

  it('when the search after a lost answer fails too, the outcome is unknown: said so, and a retry is still safe', async () => {
    loseCreateAnswers(1);
    let searches = 0;
    server.use(
      http.get(`${BASE}/DocumentReference`, async ({ request }) => {
        searches += 1;
        // The search before the create works; the one after the lost answer does not.
        return searches === 1 ? api(request) : HttpResponse.error();
      }),
    );
    const problem = failed(await saveNote(input('epic')));
    expect(problem).toMatchObject({ code: 'outcome-unknown', retryable: true });
    expect(failureWords(problem, 'epic').message).toMatch(/may or may not be in the chart/);
    expect(failureWords(problem, 'epic').action).toMatch(/will not be filed twice/);
    // The retry searches first, finds the note the lost request filed, and files nothing more.
    server.resetHandlers(http.all(`${BASE}/*`, ({ request }) => api(request)));
    const retry = saved(await saveNote(input('epic')));
    expect(retry.alreadyExisted).toBe(true);
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });

  it('where notes cannot be searched, a lost answer cannot be settled: not retryable, check by hand', async () => {
    loseCreateAnswers(1);
    server.use(
      http.get(`${BASE}/DocumentReference`, () =>
        HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] },
          { status: 403 },
        ),
      ),
    );
    const problem = failed(await saveNote(input('epic')));
    expect(problem).toMatchObject({ code: 'outcome-unknown', retryable: false });
    expect(failureWords(problem, 'epic').action).toMatch(/check the patient's notes/);
  });
});

describe('where the id of the created note is read from (issue 10 item 5)', () => {
  /** The server's answer to the create, reshaped: as a cross-origin EHR may send it through CORS. */
  function reshapeCreate(reshape: (response: Response) => Promise<Response>) {
    server.use(
      http.post(`${BASE}/DocumentReference`, async ({ request }) => {
        requests.push({ method: 'POST', path: 'DocumentReference', ifNoneExist: request.headers.get('if-none-exist') });
        return reshape(await api(request));
      }),
    );
  }

  it('Location hidden (not in Access-Control-Expose-Headers): the id comes from the returned resource', async () => {
    reshapeCreate(async (r) => HttpResponse.json((await r.json()) as Record<string, unknown>, { status: r.status }));
    const note = saved(await saveNote(input('smart-sandbox')));
    const [stored] = await notesFor(assessmentId);
    expect(note.id).toBe(stored!.id);
    expect(note.reconciled).toBe(false);
  });

  it('no body (return=minimal honoured or ignored): the id comes from Location, absolute or with _history', async () => {
    reshapeCreate(async (r) => {
      const id = ((await r.json()) as { id: string }).id;
      return new HttpResponse(null, {
        status: 201,
        headers: { Location: `https://other-origin.test/fhir/DocumentReference/${id}/_history/1` },
      });
    });
    const note = saved(await saveNote(input('smart-sandbox')));
    expect(note.id).toBe((await notesFor(assessmentId))[0]!.id);
    expect(note.url).toBe(`${BASE}/DocumentReference/${note.id}`);
  });

  it('a body that is not the created note is not trusted for the id', async () => {
    reshapeCreate(async (r) => {
      const id = ((await r.json()) as { id: string }).id;
      return HttpResponse.json(
        {
          resourceType: 'OperationOutcome',
          id: 'not-the-note',
          issue: [{ severity: 'information', code: 'informational' }],
        },
        { status: 201, headers: { Location: `${BASE}/DocumentReference/${id}` } },
      );
    });
    const note = saved(await saveNote(input('smart-sandbox')));
    expect(note.id).toBe((await notesFor(assessmentId))[0]!.id);
  });

  it('neither: the note is found by its identifier, never reported as saved without being in the chart', async () => {
    reshapeCreate(() => Promise.resolve(new HttpResponse(null, { status: 201 })));
    const note = saved(await saveNote(input('smart-sandbox')));
    expect(note.reconciled).toBe(true);
    expect(note.id).toBe((await notesFor(assessmentId))[0]!.id);
    // A 201 that stored nothing and says nothing is an error, not a silent success.
    server.use(http.post(`${BASE}/DocumentReference`, () => new HttpResponse(null, { status: 201 })));
    assessmentId = '3f2b6c1e-8d4a-4b7e-9c21-999999999999';
    expect(failed(await saveNote(input('smart-sandbox'))).code).toBe('malformed');
  });
});

describe('double submit', () => {
  it.each(['smart-sandbox', 'epic', 'us-core'] as const)(
    '%s: two concurrent saves create exactly one note',
    async (p) => {
      const [a, b] = await Promise.all([saveNote(input(p)), saveNote(input(p))]);
      expect(a).toEqual(b);
      expect(posts()).toHaveLength(1);
      expect(await notesFor(assessmentId)).toHaveLength(1);
    },
  );
});

describe('companions', () => {
  it('Provenance and ClinicalImpression are written after the note and point at it', async () => {
    const note = saved(await saveNote(input('smart-sandbox')));
    const order = requests.filter((q) => q.method === 'POST').map((q) => q.path);
    expect(order).toEqual(['DocumentReference', 'Provenance', 'ClinicalImpression']);
    expect(note.companions.map((c) => c.status)).toEqual(['saved', 'saved']);
    expect(posts('ClinicalImpression')[0]!.ifNoneExist).toMatch(/^identifier=/);
    expect(posts('Provenance')[0]!.ifNoneExist).toBeNull();
    const prov = (await store.repo.readReference({
      reference: note.companions[0]!.reference!,
    })) as unknown as Provenance;
    expect(prov.target).toEqual([{ reference: note.reference }]);
  });

  it('a failing companion is reported and does not undo the note', async () => {
    server.use(
      http.post(`${BASE}/Provenance`, () =>
        HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'boom' }] },
          { status: 500 },
        ),
      ),
    );
    const note = saved(await saveNote(input('smart-sandbox')));
    expect(note.companions[0]).toMatchObject({ resourceType: 'Provenance', status: 'failed' });
    expect(note.companions[0]!.problem).toMatchObject({ kind: 'request', code: 'server', status: 500 });
    expect(note.companions[1]).toMatchObject({ resourceType: 'ClinicalImpression', status: 'saved' });
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });
});

describe('failures: typed, explained in the UI’s words, nothing filed', () => {
  const outcome = (code: string, text: string) => ({
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text } }],
  });
  const cases = [
    { status: 401, code: 'unauthorized', retryable: false, action: /Relaunch Nocturne/ },
    { status: 403, code: 'forbidden', retryable: false, action: /administrator/ },
    { status: 409, code: 'conflict', retryable: true, action: /Check the patient's notes/ },
    { status: 412, code: 'duplicates-on-server', retryable: false, action: /Do not file it again/ },
    { status: 422, code: 'rejected', retryable: false, action: /NOCTURNE_WRITEBACK_PROFILE/ },
    { status: 500, code: 'server', retryable: true, action: /will not be filed twice/ },
    { status: 503, code: 'server', retryable: true, action: /will not be filed twice/ },
  ] as const;

  it.each(cases)('$status → $code', async ({ status, code, retryable, action }) => {
    server.use(
      http.post(`${BASE}/DocumentReference`, () =>
        HttpResponse.json(outcome('processing', `server reason ${status}`), { status }),
      ),
    );
    const onUnauthorized = vi.fn();
    const problem = failed(await saveNote(input('smart-sandbox', { ctx: { ...ctx, onUnauthorized } })));
    expect(problem.code).toBe(code);
    expect(problem.status).toBe(status);
    expect(problem.retryable).toBe(retryable);
    expect(problem.outcome?.[0]).toMatchObject({
      severity: 'error',
      code: 'processing',
      text: `server reason ${status}`,
    });
    const words = failureWords(problem, 'smart-sandbox');
    expect(words.message.length).toBeGreaterThan(20);
    expect(words.action).toMatch(action);
    if (status !== 401) expect(words.message).toContain(`server reason ${status}`);
    expect(onUnauthorized).toHaveBeenCalledTimes(status === 401 ? 1 : 0);
    expect(await notesFor(assessmentId)).toHaveLength(0);
  });

  it('an expired session before sending (token refresh fails) → unauthorized, nothing sent', async () => {
    const r = await saveNote(
      input('smart-sandbox', { ctx: { serverUrl: BASE, authorization: () => Promise.reject(new Error('expired')) } }),
    );
    expect(failed(r).code).toBe('unauthorized');
    expect(posts()).toHaveLength(0);
  });

  it('a 412 from the real conditional create (two notes already there) is reported, not duplicated further', async () => {
    // Two copies already filed (e.g. by another app instance without Nocturne's guards).
    const dr = input('smart-sandbox').note;
    await store.repo.createResource(dr as never);
    await store.repo.createResource(dr as never);
    expect(await notesFor(assessmentId)).toHaveLength(2);
    expect(failed(await saveNote(input('smart-sandbox'))).code).toBe('duplicates-on-server');
    expect(await notesFor(assessmentId)).toHaveLength(2);
  });

  it('a 409 for a note that is in fact there is shown as saved', async () => {
    const dr = input('smart-sandbox').note;
    const existing = (await store.repo.createResource(dr as never)) as unknown as DocumentReference;
    server.use(
      http.post(`${BASE}/DocumentReference`, () =>
        HttpResponse.json(outcome('conflict', 'duplicate'), { status: 409 }),
      ),
    );
    const note = saved(await saveNote(input('smart-sandbox')));
    expect(note.id).toBe(existing.id);
    expect(note.alreadyExisted).toBe(true);
  });
});
