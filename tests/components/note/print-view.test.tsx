/**
 * The note's print view (issue 12): the note as filed, laid out as the note is, under a patient banner; the patient
 * advice as a sheet of its own. Plus the pieces the panel builds on: the note's blocks, the changed lines shown when
 * the assessment moves under an edit, the ticked workup in the plan, and safe text in edits and downloads.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { makeQueryClient } from '@/lib/queries/query-client';
import { NotePanel, type NotePanelProps } from '@/lib/ui/note';
import { noteChanges } from '@/lib/ui/note/note-changes';
import { printBlocks } from '@/lib/ui/note/print-blocks';
import { PrintView } from '@/lib/ui/note/print-view';
import { personaNote } from '../../unit/write-back/persona-notes';
import { ASSESSMENT, FACTS, FORM } from '../../unit/write-back/fixtures';

const PAD = personaNote('pad-clti-rest-pain');
const PATIENT = {
  name: 'Harold Whitfield',
  birthDate: '1955-01-29',
  sex: 'male',
  identifier: 'MRN-0042',
} as const;

describe('printBlocks', () => {
  it('reads the note’s own layout: title, section headings, lines, the closing statement', () => {
    const blocks = printBlocks(PAD.text);
    expect(blocks[0]).toEqual({ kind: 'title', text: 'Nocturnal / rest leg pain assessment' });
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([
      'IMPRESSION',
      'HISTORY',
      'EXAMINATION',
      'RELEVANT FINDINGS',
      'ASSESSMENT',
      'PLAN',
    ]);
    expect(blocks.at(-1)?.kind).toBe('footer');
  });

  it('keeps whatever the clinician wrote: nothing is dropped, odd lines stay paragraphs', () => {
    const edited = `${PAD.text.replace('PLAN\n', 'PLAN\nDiscussed with the on-call vascular registrar.\n')}\nP.S. call back Friday\n`;
    const text = printBlocks(edited)
      .map((b) => b.text)
      .join('\n');
    expect(text).toContain('Discussed with the on-call vascular registrar.');
    expect(text).toContain('P.S. call back Friday');
  });
});

describe('noteChanges', () => {
  it('lists the lines added and removed, in order', () => {
    expect(noteChanges('A\nB\nC\n', 'A\nB2\nC\nD\n')).toEqual({ added: ['B2', 'D'], removed: ['B'] });
    expect(noteChanges('same\n', 'same\n')).toEqual({ added: [], removed: [] });
  });
});

describe('PrintView', () => {
  it('prints the note under a patient banner, and the advice as a sheet of its own', async () => {
    render(
      <PrintView
        text={PAD.text}
        patient={PATIENT}
        advice={PAD.assessment.advice}
        generatedAt={PAD.assessment.generatedAt}
      />,
    );
    const root = await screen.findByTestId('print-view');
    expect(root.parentElement).toBe(document.body);

    const note = within(root).getByRole('article', { name: 'Nocturnal / rest leg pain assessment' });
    expect(
      within(note)
        .getAllByRole('heading', { level: 2 })
        .map((h) => h.textContent),
    ).toContain('IMPRESSION');
    expect(note).toHaveTextContent('Harold Whitfield · Born 29 Jan 1955 (71 y) · Male · MRN MRN-0042');
    expect(note).toHaveTextContent(
      'Right-leg ischaemic rest pain with suspected chronic limb-threatening ischaemia (ABI right 0.45; toe pressure right 25 mmHg): urgent vascular surgery referral.',
    );
    // The banner is in the table header Chromium repeats on every printed page.
    expect(note.querySelector('thead .print-banner')).not.toBeNull();

    const advice = within(root).getByRole('article', { name: 'Advice for the patient' });
    expect(advice).toHaveTextContent('Harold Whitfield');
    for (const a of PAD.assessment.advice) expect(advice).toHaveTextContent(a.text);
    expect(advice).not.toHaveTextContent('IMPRESSION');

    const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('says so when the patient is not identified or there is no advice', async () => {
    render(<PrintView text={PAD.text} advice={[]} generatedAt={PAD.assessment.generatedAt} />);
    const root = await screen.findByTestId('print-view');
    expect(root).toHaveTextContent('Patient not identified');
    expect(root).toHaveTextContent('No written advice was prepared for this visit.');
  });
});

function panel(overrides: Partial<NotePanelProps> = {}): ReactNode {
  const props: NotePanelProps = {
    session: {
      serverUrl: 'https://ehr.test/fhir',
      patientId: 'p1',
      encounterId: 'e1',
      fhirUser: 'Practitioner/dr-1',
      capabilities: {
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
      },
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
    draftScope: { serverUrl: 'https://ehr.test/fhir', patientId: 'p-print', encounterId: 'e1' },
    appVersion: '0.1.0',
    timeZone: 'America/New_York',
    ...overrides,
  };
  const client = makeQueryClient({ test: true });
  return (
    <QueryClientProvider client={client}>
      <NotePanel {...props} />
    </QueryClientProvider>
  );
}

const noteBox = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: /note text/i });

describe('NotePanel: plan, time zone and safe text', () => {
  beforeEach(() => sessionStorage.clear());

  it('lists the ticked workup as ordered, and the note’s time in the clinician’s zone', () => {
    render(panel({ plannedWorkup: ASSESSMENT.workup.filter((w) => w.id === 'toe-pressure') }));
    expect(noteBox().value).toMatch(/^Ordered: toe pressures \/ TBI\.$/m);
    expect(noteBox().value.split('\n')[1]).toMatch(/14 Mar 2026, 05:30 EDT$/);
  });

  it('without ticks, the same workup is a suggestion', () => {
    render(panel());
    expect(noteBox().value).toMatch(/^Suggested \(not yet ordered\) soon: toe pressures \/ TBI\.$/m);
  });

  it('removes control and bidi characters pasted into the note', async () => {
    const user = userEvent.setup();
    render(panel());
    await user.click(noteBox());
    await user.keyboard('{Control>}{End}{/Control}');
    await user.paste('Seen\u001b[2J by \u202eDr A.');
    expect(noteBox().value).toMatch(/Seen by Dr A\.$/);
  });
});
