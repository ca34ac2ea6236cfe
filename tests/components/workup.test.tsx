import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PatientAdvice, WorkupList } from '@/lib/ui/workup-list';
import { NOW, PAD_ASSESSMENT } from './fixtures';

describe('WorkupList', () => {
  it('groups by urgency (now, soon, routine) with the reason for each test', () => {
    render(<WorkupList workup={PAD_ASSESSMENT.workup} now={NOW} />);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual([
      expect.stringMatching(/^Now/),
      expect.stringMatching(/^Soon/),
      expect.stringMatching(/^Routine/),
    ]);
    expect(screen.getByTestId('workup-vascular-referral')).toHaveTextContent('Rest pain with ABI < 0.40.');
  });

  it('marks a test already on file with its date instead of a checkbox', async () => {
    const user = userEvent.setup();
    render(<WorkupList workup={PAD_ASSESSMENT.workup} now={NOW} />);
    const abi = screen.getByTestId('workup-abi');
    expect(abi).toHaveTextContent(
      /Already on file\s*Resting ABI — ABI 0.38 right\s*Observation\/abi-r-2 · 12 Oct 2026/,
    );
    expect(within(abi).queryByRole('checkbox')).toBeNull();
    const ferritin = within(screen.getByTestId('workup-ferritin')).getByRole('checkbox', {
      name: 'Morning ferritin and transferrin saturation',
    });
    await user.click(ferritin);
    expect(ferritin).toBeChecked();
  });

  it('says when nothing is suggested', () => {
    render(<WorkupList workup={[]} now={NOW} />);
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
