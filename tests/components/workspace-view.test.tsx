import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import { WorkspaceView, type WorkspaceViewProps } from '@/lib/ui/workspace-view';
import { EMPTY_ASSESSMENT, NOW, PAD_ASSESSMENT, PAD_FACTS } from './fixtures';

const base: WorkspaceViewProps = {
  facts: PAD_FACTS,
  assessment: PAD_ASSESSMENT,
  answers: {},
  onAnswer: () => undefined,
  sections: {},
  patient: { name: 'Walter Reyes', birthDate: '1951-03-02', sex: 'male' },
  showBanner: true,
  serverLabel: 'localhost:4010 (sandbox)',
  now: NOW,
};

describe('WorkspaceView', () => {
  it('shows the patient banner with name, age, sex and server', () => {
    render(<WorkspaceView {...base} />);
    const banner = screen.getByRole('banner', { name: 'Patient' });
    expect(banner).toHaveTextContent(/Walter Reyes\s*Age\s*75 y\s*Sex\s*Male/);
    expect(banner).toHaveTextContent('localhost:4010 (sandbox)');
  });

  it('hides the banner when the EHR shows its own (need_patient_banner false)', () => {
    render(<WorkspaceView {...base} showBanner={false} />);
    expect(screen.queryByRole('banner', { name: 'Patient' })).toBeNull();
  });

  it('puts red flags before the evidence, differential and form, and shows the disclaimer once', () => {
    const { container } = render(<WorkspaceView {...base} />);
    const headings = [...container.querySelectorAll('h2')].map((h) => h.textContent ?? '');
    expect(headings[0]).toMatch(/^Red flags \(2\)/);
    expect(headings.indexOf('Chart evidence')).toBeGreaterThan(0);
    expect(screen.getAllByText(/Decision support for a clinician; not a diagnosis/)).toHaveLength(1);
  });

  it('keeps a live one-line summary of the top candidates and the worst red flag', () => {
    render(<WorkspaceView {...base} />);
    const live = screen.getByTestId('live-summary');
    expect(live).toHaveAttribute('aria-live', 'polite');
    expect(live).toHaveTextContent(/2 red flags · Emergency/);
    expect(live).toHaveTextContent(/1\. Ischaemic rest pain — High/);
  });

  it('does not list a ranking when nothing ranks above unlikely, and marks an incomplete red-flag screen', () => {
    const allUnlikely = {
      ...EMPTY_ASSESSMENT,
      differential: PAD_ASSESSMENT.differential.map((d) => ({ ...d, likelihood: 'unlikely' as const })),
    };
    render(<WorkspaceView {...base} assessment={allUnlikely} />);
    const live = screen.getByTestId('live-summary');
    expect(live).toHaveTextContent('nothing ranks above unlikely yet');
    expect(live).toHaveTextContent('No red flags so far (screen incomplete)');
  });

  it('announces partial data when a section failed, and keeps the rest', () => {
    render(
      <WorkspaceView
        {...base}
        facts={{ ...PAD_FACTS, observations: [], unavailable: ['Observation'] }}
        sections={{ Observation: { status: 'error', message: 'HTTP 500', retry: () => undefined } }}
      />,
    );
    expect(screen.getByTestId('partial-data')).toHaveTextContent('Could not load results (observations)');
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
    expect(screen.getByTestId('draft-restored')).toHaveTextContent('restored (saved 26 Nov 2026 11:58 UTC)');
    rerender(
      <WorkspaceView {...base} draftNotice={{ kind: 'corrupted', message: 'A saved draft could not be read.' }} />,
    );
    expect(screen.getByTestId('draft-corrupted')).toHaveTextContent('A saved draft could not be read.');
  });

  it('has a print view: recorded answers summary and generation details', () => {
    const { container } = render(<WorkspaceView {...base} answers={{ onset: 'gradual' }} />);
    const printOnly = [...container.querySelectorAll('.print-only')];
    expect(printOnly.some((el) => el.textContent?.includes('Answers recorded'))).toBe(true);
    expect(printOnly.some((el) => el.textContent?.includes('engine 1.0.0'))).toBe(true);
    expect(within(container).getByRole('button', { name: 'Print / PDF' })).toBeInTheDocument();
  });

  it('renders the note panel slot and the diagnostics drawer when given', () => {
    render(
      <WorkspaceView
        {...base}
        notePanel={<p>Note preview here</p>}
        diagnostics={[{ label: 'Patient/1', status: 'ok', count: 1, ms: 5 }]}
      />,
    );
    expect(screen.getByText('Note preview here')).toBeInTheDocument();
    expect(screen.getByRole('complementary', { name: 'Developer diagnostics' })).toBeInTheDocument();
  });
});
