/**
 * The duplicate-safe create over the network (msw), against the sandbox's own FHIR REST handler and its store —
 * the same code the browser test talks to — with failures injected per status.
 */
import type { Bundle, DocumentReference, Provenance } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { base64ToUtf8, buildWriteBack, getWriteBackProfile, type WriteBackProfileId } from '@/fhir-mappings/write-back';
import { readSavedNote, resetSaveNoteState, saveNote, type SaveNoteInput } from '@/lib/fhir/save-note';
import type { FhirContext } from '@/lib/fhir/http';
import { createFhirApi, createFhirStore, type FhirApi, type FhirStore } from '@/mocks/fhir-store';
import { ASSESSMENT } from '../../unit/write-back/fixtures';

const BASE = 'https://ehr.test/fhir';
const NOW = '2026-03-14T09:30:00.000Z';
const PATIENT = 'wb-patient';
const DRAFT_KEY = 'nocturne:draft:test';
const NOTE_TEXT = 'Assessment note — ABI 0.38, “rest pain”.\nEdited: refer to vascular today.\n';

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

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
let storage: MemoryStorage;

beforeEach(() => {
  resetSaveNoteState();
  requests.length = 0;
  counter++;
  assessmentId = `3f2b6c1e-8d4a-4b7e-9c21-${String(counter).padStart(12, '0')}`;
  storage = new MemoryStorage();
  storage.setItem(DRAFT_KEY, JSON.stringify({ v: 1, answers: { comment: 'typed by the clinician' } }));
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

function input(profile: WriteBackProfileId, overrides: Partial<SaveNoteInput> = {}): SaveNoteInput {
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
  return {
    ctx,
    assessmentId,
    patientId: PATIENT,
    resources: built.resources,
    profile: getWriteBackProfile(profile),
    storage,
    now: () => new Date(NOW),
    ...overrides,
  };
}

/** What the server holds for this assessment's identifier (asked through the server's own search). */
async function notesFor(id: string): Promise<DocumentReference[]> {
  const token = encodeURIComponent(`urn:ietf:rfc:3986|urn:uuid:${id}`);
  const response = await api(new Request(`${BASE}/DocumentReference?identifier=${token}&_count=100`));
  const bundle = (await response.json()) as Bundle;
  return (bundle.entry ?? []).map((e) => e.resource as DocumentReference);
}

const posts = (type = 'DocumentReference') => requests.filter((r) => r.method === 'POST' && r.path === type);

function expectDraftKept() {
  expect(storage.getItem(DRAFT_KEY)).toContain('typed by the clinician');
  expect(readSavedNote(BASE, assessmentId, storage)).toBeUndefined();
}

describe('conditional create (If-None-Exist)', () => {
  it('smart-sandbox: creates once with If-None-Exist on the identifier; the note decodes to the text', async () => {
    const r = await saveNote(input('smart-sandbox'));
    if (r.status !== 'saved') throw new Error(r.error.message);
    expect(r.note.dedupe).toBe('conditional-create');
    expect(r.note.alreadyExisted).toBe(false);
    expect(r.note.url).toBe(`${BASE}/DocumentReference/${r.note.id}`);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.ifNoneExist).toBe(`identifier=urn:ietf:rfc:3986|urn:uuid:${assessmentId}`);
    const notes = await notesFor(assessmentId);
    expect(notes).toHaveLength(1);
    expect(base64ToUtf8(notes[0]!.content[0]!.attachment.data!)).toBe(NOTE_TEXT);
    expect(readSavedNote(BASE, assessmentId, storage)?.reference).toBe(`DocumentReference/${r.note.id}`);
  });

  it('a retry that lost the local record (reload in a new tab) gets the existing note back, not a second one', async () => {
    const first = await saveNote(input('smart-sandbox'));
    const second = await saveNote(input('smart-sandbox', { storage: new MemoryStorage() }));
    if (first.status !== 'saved' || second.status !== 'saved') throw new Error('not saved');
    expect(second.note.id).toBe(first.note.id);
    expect(second.note.alreadyExisted).toBe(true);
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
    const r = await saveNote(input('us-core'));
    if (r.status !== 'saved') throw new Error(r.error.message);
    expect(r.note.dedupe).toBe('search-before-create');
    expect(posts()[0]!.ifNoneExist).toBeNull();
  });
});

describe('search before create (Epic: no conditional create)', () => {
  it('searches by patient + identifier, then POSTs without If-None-Exist; no Provenance for Epic', async () => {
    const r = await saveNote(input('epic'));
    if (r.status !== 'saved') throw new Error(r.error.message);
    expect(r.note.dedupe).toBe('search-before-create');
    const search = requests.find((q) => q.method === 'GET' && q.path.startsWith('DocumentReference?'))!;
    expect(decodeURIComponent(search.path)).toContain(`identifier=urn:ietf:rfc:3986|urn:uuid:${assessmentId}`);
    expect(search.path).toContain(`patient=${PATIENT}`);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.ifNoneExist).toBeNull();
    expect(posts('Provenance')).toHaveLength(0);
    expect(r.note.companions).toEqual([]);
  });

  it('finds the note a timed-out first request did create, and does not create another', async () => {
    // Every POST reaches the server and is stored, but the response is lost (network error).
    server.use(
      http.post(`${BASE}/DocumentReference`, async ({ request }) => {
        requests.push({ method: 'POST', path: 'DocumentReference', ifNoneExist: request.headers.get('if-none-exist') });
        await api(request);
        return HttpResponse.error();
      }),
    );
    const first = await saveNote(input('epic'));
    expect(first.status).toBe('failed');
    if (first.status === 'failed') {
      expect(first.error.kind).toBe('network');
      expect(first.error.retryable).toBe(true);
    }
    expect(await notesFor(assessmentId)).toHaveLength(1);
    const retry = await saveNote(input('epic'));
    if (retry.status !== 'saved') throw new Error(retry.error.message);
    expect(retry.note.alreadyExisted).toBe(true);
    expect(await notesFor(assessmentId)).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });

  it('a server that ignores the identifier search parameter cannot make another note look like ours', async () => {
    const other = input('epic').resources.documentReference!;
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
    const r = await saveNote(input('epic'));
    if (r.status !== 'saved') throw new Error(r.error.message);
    expect(r.note.alreadyExisted).toBe(false);
    expect(posts()).toHaveLength(1);
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });

  it('without read access to notes (403 on search) it still files once, relying on the local record', async () => {
    server.use(
      http.get(`${BASE}/DocumentReference`, () =>
        HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] },
          { status: 403 },
        ),
      ),
    );
    const r = await saveNote(input('epic'));
    if (r.status !== 'saved') throw new Error(r.error.message);
    expect(r.note.dedupe).toBe('local-record-only');
    const again = await saveNote(input('epic'));
    expect(again.status === 'saved' && again.note.dedupe).toBe('local-record');
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });
});

describe('double submit and reload', () => {
  it.each(['smart-sandbox', 'epic', 'us-core'] as const)(
    '%s: two concurrent saves create exactly one note',
    async (p) => {
      const [a, b] = await Promise.all([saveNote(input(p)), saveNote(input(p))]);
      expect(a).toEqual(b);
      expect(posts()).toHaveLength(1);
      expect(await notesFor(assessmentId)).toHaveLength(1);
    },
  );

  it('after a save, saving again answers from the local record without any request', async () => {
    await saveNote(input('smart-sandbox'));
    const before = requests.length;
    const again = await saveNote(input('smart-sandbox'));
    expect(again.status === 'saved' && again.note.dedupe).toBe('local-record');
    expect(requests.length).toBe(before);
  });
});

describe('companions', () => {
  it('Provenance and ClinicalImpression are written after the note and point at it', async () => {
    const r = await saveNote(input('smart-sandbox'));
    if (r.status !== 'saved') throw new Error(r.error.message);
    const order = requests.filter((q) => q.method === 'POST').map((q) => q.path);
    expect(order).toEqual(['DocumentReference', 'Provenance', 'ClinicalImpression']);
    expect(r.note.companions.map((c) => c.status)).toEqual(['saved', 'saved']);
    const prov = (await store.repo.readReference({
      reference: r.note.companions[0]!.reference!,
    })) as unknown as Provenance;
    expect(prov.target).toEqual([{ reference: r.note.reference }]);
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
    const r = await saveNote(input('smart-sandbox'));
    if (r.status !== 'saved') throw new Error(r.error.message);
    expect(r.note.companions[0]).toMatchObject({ resourceType: 'Provenance', status: 'failed' });
    expect(r.note.companions[0]!.message).toMatch(/The note is saved/);
    expect(r.note.companions[1]).toMatchObject({ resourceType: 'ClinicalImpression', status: 'saved' });
    expect(await notesFor(assessmentId)).toHaveLength(1);
  });
});

describe('failures: typed, explained, nothing lost', () => {
  const outcome = (code: string, text: string) => ({
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text } }],
  });
  const cases = [
    { status: 401, kind: 'unauthorized', retryable: false, action: /Relaunch Nocturne/ },
    { status: 403, kind: 'forbidden', retryable: false, action: /administrator/ },
    { status: 409, kind: 'conflict', retryable: true, action: /Check the patient's notes/ },
    { status: 412, kind: 'duplicates-on-server', retryable: false, action: /Do not file it again/ },
    { status: 422, kind: 'rejected', retryable: false, action: /NOCTURNE_WRITEBACK_PROFILE/ },
    { status: 500, kind: 'server', retryable: true, action: /will not be filed twice/ },
    { status: 503, kind: 'server', retryable: true, action: /will not be filed twice/ },
  ] as const;

  it.each(cases)('$status → $kind', async ({ status, kind, retryable, action }) => {
    server.use(
      http.post(`${BASE}/DocumentReference`, () =>
        HttpResponse.json(outcome('processing', `server reason ${status}`), { status }),
      ),
    );
    const onUnauthorized = vi.fn();
    const r = await saveNote(input('smart-sandbox', { ctx: { ...ctx, onUnauthorized } }));
    if (r.status !== 'failed') throw new Error('expected a failure');
    expect(r.error.kind).toBe(kind);
    expect(r.error.status).toBe(status);
    expect(r.error.retryable).toBe(retryable);
    expect(r.error.message.length).toBeGreaterThan(20);
    expect(r.error.action).toMatch(action);
    if (status !== 401 && status !== 412) expect(r.error.message).toContain(`server reason ${status}`);
    expect(onUnauthorized).toHaveBeenCalledTimes(status === 401 ? 1 : 0);
    expectDraftKept();
    expect(await notesFor(assessmentId)).toHaveLength(0);
  });

  it('network error → network, retryable, draft kept', async () => {
    server.use(http.post(`${BASE}/DocumentReference`, () => HttpResponse.error()));
    const r = await saveNote(input('smart-sandbox'));
    if (r.status !== 'failed') throw new Error('expected a failure');
    expect(r.error).toMatchObject({ kind: 'network', status: 0, retryable: true });
    expect(r.error.action).toMatch(/Your note text is kept here/);
    expectDraftKept();
  });

  it('an expired session before sending (token refresh fails) → unauthorized, nothing sent', async () => {
    const r = await saveNote(
      input('smart-sandbox', { ctx: { serverUrl: BASE, authorization: () => Promise.reject(new Error('expired')) } }),
    );
    expect(r.status === 'failed' && r.error.kind).toBe('unauthorized');
    expect(posts()).toHaveLength(0);
    expectDraftKept();
  });

  it('a 412 from the real conditional create (two notes already there) is reported, not duplicated further', async () => {
    // Two copies already filed (e.g. by another app instance without Nocturne's guards).
    const dr = input('smart-sandbox').resources.documentReference!;
    await store.repo.createResource(dr as never);
    await store.repo.createResource(dr as never);
    expect(await notesFor(assessmentId)).toHaveLength(2);
    const r = await saveNote(input('smart-sandbox', { storage: new MemoryStorage() }));
    expect(r.status === 'failed' && r.error.kind).toBe('duplicates-on-server');
    expect(await notesFor(assessmentId)).toHaveLength(2);
  });

  it('a 409 for a note that is in fact there is shown as saved', async () => {
    const dr = input('smart-sandbox').resources.documentReference!;
    const existing = (await store.repo.createResource(dr as never)) as unknown as DocumentReference;
    server.use(
      http.post(`${BASE}/DocumentReference`, () =>
        HttpResponse.json(outcome('conflict', 'duplicate'), { status: 409 }),
      ),
    );
    const r = await saveNote(input('smart-sandbox'));
    if (r.status !== 'saved') throw new Error(r.error.message);
    expect(r.note.id).toBe(existing.id);
    expect(r.note.alreadyExisted).toBe(true);
  });

  it('a create without a Location or id is an error, not a silent success', async () => {
    server.use(http.post(`${BASE}/DocumentReference`, () => new HttpResponse(null, { status: 201 })));
    const r = await saveNote(input('smart-sandbox'));
    expect(r.status === 'failed' && r.error.kind).toBe('rejected');
    expectDraftKept();
  });
});
