/**
 * The write-back panel, rendered as the page renders it, with the EHR at the network boundary (msw).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { DocumentReference } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { base64ToUtf8, noteSources } from '@/fhir-mappings/write-back';
import { draftKey, saveDraft, type DraftScope } from '@/lib/form/draft';
import { resetSaveNoteState } from '@/lib/fhir/save-note';
import type { SessionCapabilities } from '@/lib/fhir/session';
import { makeQueryClient } from '@/lib/queries/query-client';
import { noteDraftKey } from '@/lib/queries/note-draft';
import { NotePanel, type NotePanelProps } from '@/lib/ui/note';
import { ASSESSMENT, FACTS, FORM } from '../../unit/write-back/fixtures';
import { personaNote } from '../../unit/write-back/persona-notes';

const BASE = 'https://ehr.test/fhir';
const SCOPE: DraftScope = { serverUrl: BASE, patientId: 'p1', encounterId: 'e1' };

const CAN_WRITE: SessionCapabilities = {
  read: {
    Patient: 'full',
    Condition: 'full',
    Observation: 'full',
    MedicationRequest: 'full',
    Procedure: 'full',
    Encounter: 'full',
  },
  createDocumentReference: true,
  createProvenance: false,
  createClinicalImpression: false,
};

const posted: DocumentReference[] = [];
let postStatus = 201;
const provenances: unknown[] = [];
const server = setupServer(
  http.post(`${BASE}/Provenance`, async ({ request }) => {
    provenances.push(await request.json());
    return HttpResponse.json(
      {},
      { status: 201, headers: { Location: `${BASE}/Provenance/prov-${provenances.length}` } },
    );
  }),
  http.get(`${BASE}/metadata`, () =>
    HttpResponse.json({
      resourceType: 'CapabilityStatement',
      rest: [{ mode: 'server', resource: [{ type: 'DocumentReference', conditionalCreate: true }] }],
    }),
  ),
  http.post(`${BASE}/DocumentReference`, async ({ request }) => {
    if (postStatus !== 201) {
      return HttpResponse.json(
        { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'db down' }] },
        { status: postStatus },
      );
    }
    await new Promise((r) => setTimeout(r, 30));
    const body = (await request.json()) as DocumentReference;
    posted.push(body);
    const id = `dr-${posted.length}`;
    return HttpResponse.json(
      { ...body, id },
      { status: 201, headers: { Location: `${BASE}/DocumentReference/${id}/_history/1` } },
    );
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  posted.length = 0;
  provenances.length = 0;
  postStatus = 201;
  resetSaveNoteState();
});

function panel(overrides: Partial<NotePanelProps> = {}) {
  const props: NotePanelProps = {
    session: {
      serverUrl: BASE,
      patientId: 'p1',
      encounterId: 'e1',
      fhirUser: 'Practitioner/dr-1',
      capabilities: CAN_WRITE,
    },
    assessment: ASSESSMENT,
    answers: FORM,
    facts: FACTS,
    config: {
      writebackProfile: 'us-core',
      noteType: '11488-4',
      writeProvenance: false,
      writeClinicalImpression: false,
    },
    draftScope: SCOPE,
    appVersion: '0.1.0',
    fhirContext: () => Promise.resolve({ serverUrl: BASE, authorization: () => Promise.resolve('Bearer t') }),
    now: () => new Date('2026-03-14T10:00:00Z'),
    ...overrides,
  };
  return <NotePanel {...props} />;
}

function renderWithClient(ui: ReactNode) {
  const client = makeQueryClient({ test: true });
  const wrap = (node: ReactNode) => <QueryClientProvider client={client}>{node}</QueryClientProvider>;
  const result = render(wrap(ui));
  return { ...result, rerender: (node: ReactNode) => result.rerender(wrap(node)) };
}

const noteBox = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: /note text|filed note/i });
const saveButton = () => screen.getByRole('button', { name: /save note to chart|saved to chart|saving/i });

describe('NotePanel preview', () => {
  it('shows exactly what will be filed: text, profile, note type, author, encounter', () => {
    renderWithClient(panel());
    expect(noteBox().value).toMatch(/^ASSESSMENT$/m);
    expect(noteBox().value).toContain(FORM.comment!);
    const target = screen.getByRole('group', { name: 'Where the note will be filed' });
    expect(target).toHaveTextContent('US Core');
    expect(target).toHaveTextContent('preliminary');
    expect(target).toHaveTextContent('LOINC 11488-4 Consult note');
    expect(target).toHaveTextContent('Practitioner/dr-1');
    expect(target).toHaveTextContent('Encounter/e1');
    expect(target).toHaveTextContent('text/plain;charset=utf-8');
    // The clinician reads names and words; the references an EHR team checks are one click away, closed.
    const clinicianView = target.querySelector(':scope > dl');
    expect(clinicianView?.textContent).toContain('Consult note');
    expect(clinicianView?.textContent).not.toMatch(/Practitioner\/|Encounter\/|Patient\/|urn:uuid|text\/plain|LOINC/);
    const technical = screen.getByText('Technical details for your EHR team').closest('details');
    expect(technical?.open).toBe(false);
    expect(technical).toHaveTextContent('Practitioner/dr-1');
    expect(saveButton()).toBeEnabled();
    expect(posted).toHaveLength(0);
  });

  it.each([
    ['ready to save', {}],
    [
      'without a write scope',
      { session: { serverUrl: BASE, patientId: 'p1', capabilities: { ...CAN_WRITE, createDocumentReference: false } } },
    ],
  ] as const)('has no axe violations (%s)', async (_name, overrides) => {
    const { container } = renderWithClient(panel(overrides));
    const result = await axe.run(container, {
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('is keyboard-reachable: textarea then Save, Copy, Download, Print in tab order', async () => {
    const user = userEvent.setup();
    renderWithClient(panel());
    noteBox().focus();
    await user.tab();
    expect(saveButton()).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Copy note' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Download .txt' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Print / save as PDF' })).toHaveFocus();
  });
});

describe('NotePanel without a write scope', () => {
  it('disables Save with the reason; copy, download and print still work', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const createObjectURL = vi.fn(() => 'blob:note');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const print = vi.fn(() => {
      expect(document.body.dataset.print).toBe('note');
    });
    vi.stubGlobal('print', print);

    renderWithClient(
      panel({
        session: {
          serverUrl: BASE,
          patientId: 'p1',
          encounterId: 'e1',
          fhirUser: 'Practitioner/dr-1',
          capabilities: { ...CAN_WRITE, createDocumentReference: false },
        },
      }),
    );
    const save = saveButton();
    expect(save).toBeDisabled();
    const reason = screen.getByTestId('save-disabled-reason');
    expect(reason).toHaveTextContent(/not granted permission to create clinical notes/);
    expect(save).toHaveAccessibleDescription(/not granted permission/);

    await user.click(screen.getByRole('button', { name: 'Copy note' }));
    expect(writeText).toHaveBeenCalledWith(noteBox().value);
    expect(screen.getByTestId('note-status')).toHaveTextContent('copied to the clipboard');

    await user.click(screen.getByRole('button', { name: 'Download .txt' }));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(blob.type).toBe('text/plain;charset=utf-8');
    expect(await blob.text()).toMatch(/^ASSESSMENT$/m);

    await user.click(screen.getByRole('button', { name: 'Print / save as PDF' }));
    expect(print).toHaveBeenCalledTimes(1);
    // The print view is the note as it stands, line for line.
    const printed = screen.getByTestId('print-view').querySelector('.print-note');
    for (const line of noteBox()
      .value.split('\n')
      .filter((l) => l.trim()))
      expect(printed).toHaveTextContent(line);
    expect(posted).toHaveLength(0);
    vi.unstubAllGlobals();
  });

  it('Epic without an encounter: the problem is shown and Save is disabled, nothing malformed is sent', () => {
    renderWithClient(
      panel({
        session: { serverUrl: BASE, patientId: 'p1', fhirUser: 'Practitioner/dr-1', capabilities: CAN_WRITE },
        draftScope: { ...SCOPE, encounterId: null },
        config: {
          writebackProfile: 'epic',
          noteType: '11488-4',
          writeProvenance: false,
          writeClinicalImpression: false,
        },
      }),
    );
    expect(screen.getByTestId('note-build-errors')).toHaveTextContent(/existing encounter/);
    expect(saveButton()).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Copy note' })).toBeEnabled();
  });
});

describe('NotePanel editing', () => {
  it('keeps edits in the session draft across a remount, and can reset them', async () => {
    const user = userEvent.setup();
    const view = renderWithClient(panel());
    await user.click(noteBox());
    await user.keyboard('{Control>}{End}{/Control}');
    await user.type(noteBox(), 'Agrees to referral.');
    expect(noteBox().value).toMatch(/Agrees to referral\.$/);
    expect(sessionStorage.getItem(noteDraftKey(SCOPE))).toContain('Agrees to referral');
    view.unmount();

    renderWithClient(panel());
    expect(noteBox().value).toMatch(/Agrees to referral\.$/);
    expect(screen.getByText(/· edited/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reset to generated text' }));
    expect(noteBox().value).not.toContain('Agrees to referral');
  });

  it('says so when the assessment changes after an edit, without dropping the edit', async () => {
    const user = userEvent.setup();
    const view = renderWithClient(panel());
    await user.type(noteBox(), 'X');
    view.rerender(panel({ answers: { ...FORM, comment: 'A different comment now.' } }));
    expect(screen.getByTestId('note-stale')).toHaveTextContent(/assessment changed after you edited/);
    // The change itself is shown, so it can be carried over by hand.
    expect(screen.getByTestId('note-changes')).toHaveTextContent('Now: A different comment now.');
    expect(screen.getByTestId('note-changes')).toHaveTextContent(`No longer: ${FORM.comment!}`);
    expect(noteBox().value).not.toContain('A different comment now.');
    await user.click(screen.getByRole('button', { name: /Use the updated note/ }));
    expect(noteBox().value).toContain('A different comment now.');
  });
});

describe('NotePanel saving', () => {
  it('files the edited text once (double click), shows the id and link, clears the form draft; reload stays saved', async () => {
    const user = userEvent.setup();
    saveDraft(SCOPE, FORM, '2026-03-14T09:00:00Z');
    const view = renderWithClient(panel());
    await user.type(noteBox(), '\nEDITED LINE');
    await user.dblClick(saveButton());
    const saved = await screen.findByTestId('note-saved');
    expect(posted).toHaveLength(1);
    expect(base64ToUtf8(posted[0]!.content[0]!.attachment.data!)).toMatch(/EDITED LINE$/);
    expect(posted[0]!.date).toBe('2026-03-14T10:00:00.000Z');
    const link = within(saved).getByRole('link', { name: 'DocumentReference/dr-1' });
    expect(link).toHaveAttribute('href', `${BASE}/DocumentReference/dr-1`);
    expect(saveButton()).toBeDisabled();
    expect(saveButton()).toHaveTextContent('Saved to chart');
    expect(noteBox()).toHaveAttribute('readonly');
    expect(sessionStorage.getItem(draftKey(SCOPE))).toBeNull();
    expect(screen.getByTestId('note-status')).toHaveTextContent('Saved to the chart as DocumentReference/dr-1');

    // Reload: the local record and the filed text come back; nothing is sent.
    view.unmount();
    resetSaveNoteState();
    renderWithClient(panel({ answers: {} }));
    expect(screen.getByTestId('note-saved')).toHaveTextContent('DocumentReference/dr-1');
    expect(noteBox().value).toMatch(/EDITED LINE$/);
    expect(saveButton()).toBeDisabled();
    expect(posted).toHaveLength(1);

    // A new note gets a new identifier and can be saved again.
    await user.click(screen.getByRole('button', { name: 'Start a new note' }));
    expect(saveButton()).toBeEnabled();
    expect(screen.queryByTestId('note-saved')).toBeNull();
  });

  it('a server error keeps the text and the draft, explains what to do, and allows a retry', async () => {
    const user = userEvent.setup();
    postStatus = 500;
    saveDraft(SCOPE, FORM, '2026-03-14T09:00:00Z');
    renderWithClient(panel());
    await user.type(noteBox(), '\nMY EDIT');
    await user.click(saveButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Not saved\. The EHR server had an error \(500\)/);
    expect(alert).toHaveTextContent(/will not be filed twice/);
    expect(noteBox().value).toMatch(/MY EDIT$/);
    expect(sessionStorage.getItem(draftKey(SCOPE))).not.toBeNull();
    expect(saveButton()).toBeEnabled();

    postStatus = 201;
    await user.click(saveButton());
    await screen.findByTestId('note-saved');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(posted).toHaveLength(1);
  });

  it('an expired session (401) says to relaunch and keeps the text', async () => {
    const user = userEvent.setup();
    postStatus = 401;
    renderWithClient(panel());
    await user.click(saveButton());
    expect(await screen.findByRole('alert')).toHaveTextContent(/session has expired.*Relaunch Nocturne/);
    expect(noteBox().value).toMatch(/^ASSESSMENT$/m);
  });

  it('nothing is sent on render, on edit, or on re-render', async () => {
    const user = userEvent.setup();
    const view = renderWithClient(panel());
    await user.type(noteBox(), 'abc');
    view.rerender(panel({ answers: { ...FORM, side: 'left' } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(posted).toHaveLength(0);
    await waitFor(() => expect(saveButton()).toBeEnabled());
  });

  it('writes the configured Provenance only when the launch may, and says so when it may not', async () => {
    const user = userEvent.setup();
    const config = {
      writebackProfile: 'us-core',
      noteType: '11488-4',
      writeProvenance: true,
      writeClinicalImpression: false,
    } as const;
    const view = renderWithClient(panel({ config }));
    expect(screen.getByTestId('note-warnings')).toHaveTextContent(/not granted permission to create Provenance/);
    view.unmount();
    sessionStorage.clear();
    resetSaveNoteState();

    renderWithClient(
      panel({
        config,
        session: {
          serverUrl: BASE,
          patientId: 'p1',
          encounterId: 'e1',
          fhirUser: 'Practitioner/dr-1',
          capabilities: { ...CAN_WRITE, createProvenance: true },
        },
      }),
    );
    expect(screen.queryByTestId('note-warnings')).toBeNull();
    await user.click(saveButton());
    const saved = await screen.findByTestId('note-saved');
    expect(saved).toHaveTextContent('Provenance saved as Provenance/prov-1');
    expect(provenances).toEqual([
      expect.objectContaining({ resourceType: 'Provenance', target: [{ reference: 'DocumentReference/dr-1' }] }),
    ]);
  });
});

describe('NotePanel: plan, time zone and safe text (issue 12)', () => {
  it('lists the ticked workup as ordered, and the note’s time in the clinician’s zone', () => {
    renderWithClient(
      panel({ plannedWorkup: ASSESSMENT.workup.filter((w) => w.id === 'toe-pressure'), timeZone: 'America/New_York' }),
    );
    expect(noteBox().value).toMatch(/^Ordered: toe pressures \/ TBI\.$/m);
    expect(noteBox().value.split('\n')[1]).toMatch(/14 Mar 2026, 05:30 EDT$/);
  });

  it('without ticks, the same workup is a suggestion', () => {
    renderWithClient(panel());
    expect(noteBox().value).toMatch(/^Suggested \(not yet ordered\), soon: toe pressures \/ TBI\.$/m);
  });

  it('files the chart records the note rests on as context.related, never in the text', async () => {
    const user = userEvent.setup();
    // A recent stay the engine did not cite is still a record a suspected clot rests on: it comes from the chart facts.
    const dvt = personaNote('dvt-post-hip-replacement', {
      editFacts: (facts) => ({
        ...facts,
        events: [
          ...facts.events,
          {
            kind: 'inpatient-stay',
            label: 'Day-case admission',
            date: '2026-03-01T12:00:00Z',
            provenance: { ...facts.events[0]!.provenance, reference: 'Encounter/day-case' },
          },
        ],
      }),
    });
    renderWithClient(panel({ assessment: dvt.assessment, answers: dvt.form, facts: dvt.facts }));
    const sources = noteSources(dvt.assessment, dvt.facts);
    expect(sources).toContain('Encounter/day-case');
    expect(noteSources(dvt.assessment)).not.toContain('Encounter/day-case');
    await user.click(saveButton());
    await screen.findByTestId('note-saved');
    expect(posted[0]!.context?.related).toEqual(sources.map((reference) => ({ reference })));
    const filed = base64ToUtf8(posted[0]!.content[0]!.attachment.data!);
    for (const reference of sources) expect(filed).not.toContain(reference);
  });

  it('removes control and bidi characters pasted into the note', async () => {
    const user = userEvent.setup();
    renderWithClient(panel());
    await user.click(noteBox());
    await user.keyboard('{Control>}{End}{/Control}');
    await user.paste('Seen\u001b[2J by \u202eDr A.');
    expect(noteBox().value).toMatch(/Seen by Dr A\.$/);
  });
});

/** The launch session for a given user. */
const sessionAs = (fhirUser: string): NotePanelProps['session'] => ({
  serverUrl: BASE,
  patientId: 'p1',
  encounterId: 'e1',
  fhirUser,
  capabilities: CAN_WRITE,
});

describe('NotePanel: who may file (issue 12)', () => {
  it.each([
    ['Patient/p1', 'a patient'],
    ['RelatedPerson/rp-1', 'a patient’s representative'],
  ])('a %s launch cannot file a consult note; the reason is given; copy and download still work', async (fhirUser) => {
    const user = userEvent.setup();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithClient(panel({ session: sessionAs(fhirUser) }));
    expect(saveButton()).toBeDisabled();
    expect(screen.getByTestId('save-disabled-reason')).toHaveTextContent(
      /signed in as a patient or a patient’s representative, not a clinician/,
    );
    expect(saveButton()).toHaveAccessibleDescription(/not a clinician/);
    // The reason is said once, not repeated as a problem with the note.
    expect(screen.queryByTestId('note-build-errors')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Copy note' }));
    expect(writeText).toHaveBeenCalledWith(noteBox().value);
    await user.click(saveButton()).catch(() => undefined);
    expect(posted).toHaveLength(0);
  });

  it('a PractitionerRole launch files under that role', async () => {
    const user = userEvent.setup();
    renderWithClient(panel({ session: sessionAs('PractitionerRole/role-1') }));
    await user.click(saveButton());
    await screen.findByTestId('note-saved');
    expect(posted[0]!.author).toEqual([{ reference: 'PractitionerRole/role-1' }]);
  });
});

describe('NotePanel: a save whose answer is lost (issue 10 item 7)', () => {
  /** The EHR stores every POST (`copies` of it: the browser re-sent it) but the answer never arrives. */
  function loseAnswers(copies: number) {
    const stored: DocumentReference[] = [];
    server.use(
      http.post(`${BASE}/DocumentReference`, async ({ request }) => {
        const body = (await request.json()) as DocumentReference;
        for (let i = 0; i < copies; i += 1) {
          stored.push({ ...body, id: `lost-${stored.length + 1}`, meta: { lastUpdated: `2026-03-14T10:00:0${i}Z` } });
        }
        return HttpResponse.error();
      }),
      http.get(`${BASE}/DocumentReference`, () =>
        HttpResponse.json({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: stored.map((resource) => ({ resource })),
        }),
      ),
    );
    return stored;
  }

  it('one copy in the chart: shown as saved, and said how Nocturne knows', async () => {
    const user = userEvent.setup();
    loseAnswers(1);
    renderWithClient(panel());
    await user.click(saveButton());
    const saved = await screen.findByTestId('note-saved');
    expect(saved).toHaveTextContent('Saved to the chart as DocumentReference/lost-1');
    expect(saved).toHaveTextContent(/answer was lost; Nocturne found the note in the chart/);
    expect(screen.queryByTestId('note-duplicates')).toBeNull();
    expect(screen.queryByTestId('note-error')).toBeNull();
    expect(saveButton()).toBeDisabled();
  });

  it('two copies: saved, and both copies listed so one can be marked entered in error', async () => {
    const user = userEvent.setup();
    loseAnswers(2);
    renderWithClient(panel());
    await user.click(saveButton());
    await screen.findByTestId('note-saved');
    const duplicates = screen.getByTestId('note-duplicates');
    expect(duplicates).toHaveTextContent(/filed this note twice/);
    expect(duplicates).toHaveTextContent(/mark the other as entered in error/);
    const links = within(duplicates).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      `${BASE}/DocumentReference/lost-1`,
      `${BASE}/DocumentReference/lost-2`,
    ]);
    expect(links.map((a) => a.textContent)).toEqual(['Copy 1', 'Copy 2']);
    expect(saveButton()).toBeDisabled();
  });

  it('no copy in the chart: not saved, safe to try again, the text is kept', async () => {
    const user = userEvent.setup();
    server.use(
      http.post(`${BASE}/DocumentReference`, () => HttpResponse.error()),
      http.get(`${BASE}/DocumentReference`, () => HttpResponse.json({ resourceType: 'Bundle', type: 'searchset' })),
    );
    renderWithClient(panel());
    await user.type(noteBox(), '\nKEEP ME');
    await user.click(saveButton());
    const alert = await screen.findByTestId('note-error');
    expect(alert).toHaveTextContent(/the note is not in the chart: it was not saved/);
    expect(alert).toHaveTextContent(/Your note text is kept here/);
    expect(noteBox().value).toMatch(/KEEP ME$/);
    expect(saveButton()).toBeEnabled();
  });
});
