/**
 * The decision panel: red flags named for this patient with action and urgency, never falsely calm; the leading
 * candidates with the findings that carry them; the next steps; and the pinned strip that stands in for it below
 * 1024 px (it names the red flag, not only a count).
 */
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Assessment } from '@/lib/engine/assessment';
import {
  DecisionPanel,
  nextSteps,
  sortRedFlags,
  topCandidates,
  type DecisionPanelProps,
} from '@/lib/ui/decision-panel';
import { FormNavigationProvider } from '@/lib/ui/form-navigation';
import { EMPTY_ASSESSMENT, PAD_ASSESSMENT } from './fixtures';

const base: DecisionPanelProps = {
  assessment: PAD_ASSESSMENT,
  unreadSections: [],
  screenUnanswered: 0,
  screenTotal: 16,
};

const detail = () => screen.getByTestId('decision-panel').querySelector('.decision-detail') as HTMLElement;

describe('DecisionPanel: red flags', () => {
  it('puts the most urgent flag first, named, with urgency in words and an icon, the action and this patient’s findings', () => {
    render(<DecisionPanel {...base} />);
    const flags = within(detail()).getAllByTestId(/^red-flag-/);
    expect(flags.map((f) => f.dataset.testid)).toEqual([
      'red-flag-possible-pulmonary-embolism',
      'red-flag-chronic-limb-threatening-ischemia',
    ]);
    const clti = screen.getByTestId('red-flag-chronic-limb-threatening-ischemia');
    expect(clti).toHaveTextContent('Urgent');
    expect(clti).toHaveTextContent('Chronic limb-threatening ischaemia');
    expect(clti).toHaveTextContent('(same day to days)');
    // The patient's own values, chart results first, in one sentence.
    expect(clti).toHaveTextContent('ABI 0.38 right and burning forefoot pain at night.');
    expect(clti).toHaveTextContent('Do now: Urgent vascular surgery referral (within days).');
    expect(clti.querySelector('svg')).not.toBeNull();
    expect(screen.getByTestId('red-flag-possible-pulmonary-embolism')).toHaveTextContent('Emergency');
  });

  it('names the worst red flag in the pinned strip, not only how many there are', () => {
    render(<DecisionPanel {...base} />);
    expect(screen.getByTestId('decision-strip')).toHaveTextContent(
      'Emergency: Possible pulmonary embolism + 1 more red flag',
    );
  });

  it('is never falsely calm: a chart section that could not be read makes the check incomplete, in warning style', () => {
    render(<DecisionPanel {...base} assessment={EMPTY_ASSESSMENT} unreadSections={['results']} />);
    const warning = screen.getByTestId('red-flag-check-incomplete');
    expect(warning).toHaveTextContent('Red-flag check incomplete: results could not be loaded.');
    expect(warning).toHaveClass('decision-warning');
    expect(screen.queryByTestId('red-flags-none')).toBeNull();
    expect(screen.getByTestId('decision-panel')).not.toHaveTextContent(/No red flags/);
    expect(screen.getByTestId('decision-strip')).toHaveTextContent(
      'Red-flag check incomplete: results could not be loaded',
    );
  });

  it('keeps the incomplete-check warning beside raised flags, and offers a retry when one can help', async () => {
    const onRetry = vi.fn();
    render(<DecisionPanel {...base} unreadSections={['results', 'medications']} onRetry={onRetry} />);
    expect(screen.getByTestId('red-flag-check-incomplete')).toHaveTextContent(
      'results and medications could not be loaded',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry loading' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('counts unasked screening questions instead of reassuring, and takes the clinician to the screen', async () => {
    const reveal = vi.fn();
    render(
      <FormNavigationProvider value={{ reveal }}>
        <DecisionPanel {...base} assessment={EMPTY_ASSESSMENT} screenUnanswered={12} />
      </FormNavigationProvider>,
    );
    expect(screen.getByTestId('red-flag-screen-open')).toHaveTextContent(
      'No red flag raised yet, but 12 of 16 screening questions are not asked: unknown is not “no”.',
    );
    expect(screen.queryByTestId('red-flags-none')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Go to the red-flag screen' }));
    expect(reveal).toHaveBeenCalledWith('exam.suddenColdPaleLeg');
  });

  it('says "no red flags" only when the screen is complete and the whole chart was read', () => {
    render(<DecisionPanel {...base} assessment={EMPTY_ASSESSMENT} />);
    expect(screen.getByTestId('red-flags-none')).toHaveTextContent(
      'No red flags: the screen is complete and nothing in the chart raises one.',
    );
  });
});

describe('DecisionPanel: most likely and next steps', () => {
  it('lists up to three candidates above "unlikely" with likelihood in words and the findings that carry them', () => {
    render(<DecisionPanel {...base} />);
    const pad = screen.getByTestId('top-pad-ischemic-rest-pain');
    expect(pad).toHaveTextContent('Ischaemic rest pain');
    expect(pad).toHaveTextContent('High likelihood');
    expect(pad).toHaveTextContent('ABI 0.38 right (abnormal) and relieved by dangling the leg');
    expect(screen.getByTestId('top-restless-legs-syndrome')).toHaveTextContent('Low likelihood');
    expect(screen.queryByTestId('top-deep-vein-thrombosis')).toBeNull();
    // No raw engine scores on screen.
    expect(detail()).not.toHaveTextContent(/score|\+3|14\b/i);
  });

  it('says so when nothing ranks above unlikely', () => {
    const allUnlikely: Assessment = {
      ...PAD_ASSESSMENT,
      differential: PAD_ASSESSMENT.differential.map((d) => ({ ...d, likelihood: 'unlikely' as const })),
    };
    expect(topCandidates(allUnlikely.differential)).toEqual([]);
    render(<DecisionPanel {...base} assessment={allUnlikely} />);
    expect(detail()).toHaveTextContent('Nothing ranks above unlikely yet: record the story and the exam.');
  });

  it('gives the next steps to order, most urgent first, never a result already on file', () => {
    expect(nextSteps(PAD_ASSESSMENT.workup).map((w) => w.id)).toEqual(['vascular-referral', 'ferritin']);
    render(<DecisionPanel {...base} />);
    expect(screen.getByTestId('next-vascular-referral')).toHaveTextContent('Now Vascular surgery referral');
    expect(screen.queryByTestId('next-abi')).toBeNull();
    expect(screen.getByTestId('decision-strip')).toHaveTextContent('Next: Vascular surgery referral');
  });

  it('asks the question that would change most when there is nothing to order, as a link into the form', async () => {
    const reveal = vi.fn();
    render(
      <FormNavigationProvider value={{ reveal }}>
        <DecisionPanel
          {...base}
          assessment={{
            ...EMPTY_ASSESSMENT,
            missingData: [
              {
                concept: 'Foot pulses of the symptomatic leg (exam.pulsesRight)',
                why: 'x',
                paths: ['exam.pulsesRight'],
              },
            ],
          }}
        />
      </FormNavigationProvider>,
    );
    const link = screen.getByRole('link', { name: 'Foot pulses of the symptomatic leg' });
    expect(link).toHaveAttribute('href', '#q-exam-pulsesRight-group');
    await userEvent.click(link);
    expect(reveal).toHaveBeenCalledWith('exam.pulsesRight');
  });

  it('opens the full panel from the strip', async () => {
    render(<DecisionPanel {...base} />);
    const toggle = within(screen.getByTestId('decision-strip')).getByRole('button', { name: 'Details' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(detail()).toHaveClass('is-open');
  });

  it('sorts flags by urgency, keeping the engine order within one', () => {
    const flags = sortRedFlags([
      { ...PAD_ASSESSMENT.redFlags[0]!, id: 'cellulitis', urgency: 'soon' },
      PAD_ASSESSMENT.redFlags[0]!,
      PAD_ASSESSMENT.redFlags[1]!,
    ]);
    expect(flags.map((f) => f.id)).toEqual([
      'possible-pulmonary-embolism',
      'chronic-limb-threatening-ischemia',
      'cellulitis',
    ]);
  });
});
