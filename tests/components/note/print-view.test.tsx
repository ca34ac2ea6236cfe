/**
 * The note's print view (issue 12): the note as filed, laid out as the note is, under a patient banner; the patient
 * advice as a sheet of its own. Plus the note's blocks and the changed lines shown when the assessment moves under
 * an edit.
 */
import { render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { NOTE_SECTIONS } from '@/fhir-mappings/write-back';
import { noteChanges } from '@/lib/queries/note-changes';
import { printBlocks } from '@/lib/ui/note/print-blocks';
import { PrintView } from '@/lib/ui/note/print-view';
import { personaNote } from '../../unit/write-back/persona-notes';

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
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([...NOTE_SECTIONS]);
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
