import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import { WorkspaceView, type WorkspaceViewProps } from '@/lib/ui/workspace-view';
import { EMPTY_ASSESSMENT, NOW, PAD_ASSESSMENT, PAD_FACTS } from './fixtures';
import { fhirInternals } from './visible-text';

const base: WorkspaceViewProps = {
  facts: PAD_FACTS,
  assessment: PAD_ASSESSMENT,
  answers: {},
  onAnswer: () => undefined,
  sections: {},
  patient: { name: 'Walter Reyes', birthDate: '1951-03-02', sex: 'male' },
  showBanner: true,
  serverLabel: 'localhost:4010/fhir',
  now: NOW,
};

describe('WorkspaceView', () => {
  it('has the patient banner, one <main> with everything else, one <h1>, and the disclaimer once inside <main>', () => {
    const { container } = render(<WorkspaceView {...base} />);
    expect(screen.getByRole('banner', { name: 'Patient' })).toHaveTextContent(/Walter Reyes\s*Age\s*75 y\s*Sex\s*Male/);
    expect(container.querySelectorAll('main')).toHaveLength(1);
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Walter Reyes']);
    const disclaimers = screen.getAllByText(/Decision support for a clinician; not a diagnosis/);
    expect(disclaimers).toHaveLength(1);
    expect(disclaimers[0]!.closest('main')).not.toBeNull();
  });

  it('still has a page heading when the EHR shows its own banner (need_patient_banner false)', () => {
    render(<WorkspaceView {...base} showBanner={false} />);
    expect(screen.queryByRole('banner', { name: 'Patient' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Leg pain assessment');
  });

  it('puts the decision panel first, then the form; the differential, workup, evidence, advice and note follow', () => {
    const { container } = render(<WorkspaceView {...base} notePanel={<section className="panel">Note</section>} />);
    const order = [
      '[data-testid="decision-panel"]',
      '.differential',
      '.workup',
      '.evidence-panel',
      '.advice',
      '.note-slot',
      '.form-panel',
    ].map((sel) => container.querySelector(sel));
    for (let i = 1; i < order.length; i += 1) {
      // Document order: the side column (decision, then the rest) precedes the form's column.
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    expect(screen.getByTestId('decision-strip')).toHaveTextContent('Emergency: Possible pulmonary embolism');
  });

  it('shows no record ids, field paths or raw scores', () => {
    const { container } = render(<WorkspaceView {...base} />);
    expect(fhirInternals(container)).toEqual([]);
    expect(container.textContent).not.toMatch(/score 14|\(\+3\)/);
  });

  it('says the red-flag check is incomplete when a section failed, offers the retry, and keeps the rest', async () => {
    const retry = vi.fn();
    render(
      <WorkspaceView
        {...base}
        assessment={EMPTY_ASSESSMENT}
        facts={{ ...PAD_FACTS, observations: [], unavailable: ['Observation'] }}
        sections={{ Observation: { status: 'error', message: 'HTTP 500', retry } }}
      />,
    );
    const panel = screen.getByTestId('decision-panel');
    expect(within(panel).getByTestId('red-flag-check-incomplete')).toHaveTextContent(
      'Red-flag check incomplete: results could not be loaded.',
    );
    expect(panel).not.toHaveTextContent('No red flags');
    await userEvent.click(within(panel).getByRole('button', { name: 'Retry loading' }));
    expect(retry).toHaveBeenCalledOnce();
    expect(screen.getByTestId('conditions-diabetes')).toHaveTextContent('Type 2 diabetes mellitus');
  });

  it('says "nothing relevant on file" (not "normal") for an empty chart', () => {
    render(<WorkspaceView {...base} facts={EMPTY_FACTS} assessment={EMPTY_ASSESSMENT} />);
    expect(screen.getByTestId('no-data')).toHaveTextContent('That is not the same as normal');
  });

  it('shows the draft notices: restored, and corrupted (ignored, no crash)', () => {
    const { rerender } = render(
      <WorkspaceView {...base} draftNotice={{ kind: 'restored', savedAt: '2026-11-26T11:58:00Z' }} />,
    );
    expect(screen.getByTestId('draft-restored')).toHaveTextContent('restored (saved 2026-11-26 11:58 UTC)');
    rerender(
      <WorkspaceView {...base} draftNotice={{ kind: 'corrupted', message: 'A saved draft could not be read.' }} />,
    );
    expect(screen.getByTestId('draft-corrupted')).toHaveTextContent('A saved draft could not be read.');
  });

  it('has a print view: recorded answers summary and generation details', () => {
    const { container } = render(<WorkspaceView {...base} answers={{ onset: 'gradual' }} />);
    const printOnly = [...container.querySelectorAll('.print-only')];
    expect(printOnly.some((el) => el.textContent?.includes('Answers recorded'))).toBe(true);
    expect(printOnly.some((el) => el.textContent?.includes('engine 1.0.0 · EHR localhost:4010/fhir'))).toBe(true);
    expect(within(container).getByRole('button', { name: 'Print / PDF' })).toBeInTheDocument();
  });

  it('renders the note panel slot, and the diagnostics drawer outside <main>', () => {
    render(
      <WorkspaceView
        {...base}
        notePanel={<p>Note preview here</p>}
        diagnostics={[{ label: 'Patient/1', status: 'ok', count: 1, ms: 5 }]}
      />,
    );
    expect(screen.getByText('Note preview here')).toBeInTheDocument();
    const drawer = screen.getByRole('complementary', { name: 'Developer diagnostics' });
    expect(drawer.closest('main')).toBeNull();
  });
});
