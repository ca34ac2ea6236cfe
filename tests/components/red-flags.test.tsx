import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { RedFlagList } from '@/lib/ui/red-flag-list';
import { NOW, PAD_ASSESSMENT } from './fixtures';

describe('RedFlagList', () => {
  it('puts the most urgent flag first, with urgency in words and an icon, not colour alone', () => {
    render(<RedFlagList redFlags={PAD_ASSESSMENT.redFlags} now={NOW} unansweredScreening={0} />);
    const items = screen.getAllByRole('listitem').filter((li) => li.dataset.testid?.startsWith('red-flag-'));
    expect(items.map((li) => li.dataset.testid)).toEqual([
      'red-flag-possible-pulmonary-embolism',
      'red-flag-chronic-limb-threatening-ischemia',
    ]);
    expect(items[0]).toHaveTextContent(/Emergency\s*— act now/);
    expect(items[1]).toHaveTextContent(/Urgent\s*— same day to days/);
    for (const item of items) expect(item.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
  });

  it('shows what to do now and the evidence with its provenance', () => {
    render(<RedFlagList redFlags={PAD_ASSESSMENT.redFlags} now={NOW} unansweredScreening={0} />);
    const clti = screen.getByTestId('red-flag-chronic-limb-threatening-ischemia');
    expect(clti).toHaveTextContent('Do now: Urgent vascular surgery referral (within days).');
    const evidence = within(clti).getAllByRole('listitem');
    expect(evidence[0]).toHaveTextContent(/Chart\s*ABI 0.38 right\s*Observation\/abi-r-2 · 12 Oct 2026 \(6 wk ago\)/);
    expect(evidence[1]).toHaveTextContent(/Form\s*Burning forefoot pain at night\s*answer to “What it feels like”/);
  });

  it('does not read as reassurance when nothing is raised: unanswered screening questions are counted', () => {
    const { rerender } = render(<RedFlagList redFlags={[]} now={NOW} unansweredScreening={7} />);
    expect(screen.getByRole('heading', { name: /No red flags raised so far/ })).toBeInTheDocument();
    expect(
      screen.getByText(/7 red-flag screening questions are still unanswered — unknown is not "no"/),
    ).toBeInTheDocument();
    rerender(<RedFlagList redFlags={[]} now={NOW} unansweredScreening={0} />);
    expect(screen.getByText(/All red-flag screening questions are answered/)).toBeInTheDocument();
  });

  it('says which checks could not run when a chart section failed to load', () => {
    render(<RedFlagList redFlags={[]} now={NOW} unansweredScreening={0} unavailable={['results (observations)']} />);
    expect(
      screen.getByText(/Not checked: anything that depends on results \(observations\), which could not be loaded/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/All red-flag screening questions are answered/)).toBeInTheDocument();
  });
});
