import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PatientAdvice, WorkupList, onFileText } from '@/lib/ui/workup-list';
import { NOW, PAD_ASSESSMENT } from './fixtures';
import { fhirInternals } from './visible-text';

const none = new Set<string>();

describe('WorkupList', () => {
  it('groups what to order by urgency (now, soon, routine) with the reason for each', () => {
    render(<WorkupList workup={PAD_ASSESSMENT.workup} now={NOW} planned={none} onTick={() => undefined} />);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Now', 'Routine']);
    expect(screen.getByTestId('workup-vascular-referral')).toHaveTextContent('Rest pain with ABI < 0.40.');
    expect(screen.getByTestId('plan-count')).toHaveTextContent(
      'Tick what you will order: it goes into the note’s plan.',
    );
  });

  it('ticks an item for the plan through the workspace, and shows what is ticked', async () => {
    const onTick = vi.fn();
    const { rerender } = render(<WorkupList workup={PAD_ASSESSMENT.workup} now={NOW} planned={none} onTick={onTick} />);
    const ferritin = within(screen.getByTestId('workup-ferritin')).getByRole('checkbox', {
      name: 'Morning ferritin and transferrin saturation',
    });
    await userEvent.click(ferritin);
    expect(onTick).toHaveBeenCalledWith('ferritin', true);
    rerender(<WorkupList workup={PAD_ASSESSMENT.workup} now={NOW} planned={new Set(['ferritin'])} onTick={onTick} />);
    expect(ferritin).toBeChecked();
    expect(screen.getByTestId('plan-count')).toHaveTextContent('1 ticked for the note’s plan.');
    await userEvent.click(ferritin);
    expect(onTick).toHaveBeenLastCalledWith('ferritin', false);
  });

  it('folds results already on file into one line with their age and no checkbox, the record one click away', () => {
    const { container } = render(
      <WorkupList workup={PAD_ASSESSMENT.workup} now={NOW} planned={none} onTick={() => undefined} />,
    );
    const onFile = screen.getByTestId('workup-on-file');
    expect(onFile).toHaveTextContent(/Already on file\s*ABI 0.38 right · 6 wk ago/);
    expect(within(onFile).queryByRole('checkbox')).toBeNull();
    expect(within(onFile).getByRole('button', { name: 'Source of Resting ABI' })).toBeInTheDocument();
    expect(fhirInternals(container)).toEqual([]);
  });

  it('words an on-file result without its ISO date, and an exam recorded on the form by its name', () => {
    expect(
      onFileText({
        id: 'hba1c',
        label: 'HbA1c',
        reason: '',
        for: [],
        priority: 'soon',
        alreadyOnFile: { date: '2026-10-18', reference: 'Observation/a', summary: 'HbA1c 8.4 % on 2026-10-18' },
      }),
    ).toBe('HbA1c 8.4 %');
    expect(
      onFileText({
        id: 'monofilament',
        label: 'Monofilament and vibration testing',
        reason: '',
        for: [],
        priority: 'soon',
        alreadyOnFile: {
          date: '2026-12-02',
          reference: 'form:exam.reducedVibrationOrMonofilament',
          summary: 'Recorded on the form today (2026-12-02)',
        },
      }),
    ).toBe('Monofilament and vibration testing: recorded on the form');
  });

  it('says when nothing is suggested', () => {
    render(<WorkupList workup={[]} now={NOW} planned={none} onTick={() => undefined} />);
    expect(screen.getByText('No tests suggested from what is recorded so far.')).toBeInTheDocument();
  });
});

describe('PatientAdvice', () => {
  it('lists plain-language advice with a print button', () => {
    render(<PatientAdvice advice={PAD_ASSESSMENT.advice} />);
    expect(screen.getByText(/Keep your feet warm/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Print advice' })).toBeInTheDocument();
  });
});
