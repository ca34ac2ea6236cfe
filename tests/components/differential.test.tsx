import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DifferentialList, describeIrlssg, describeWells } from '@/lib/ui/differential-list';
import { NOW, PAD_ASSESSMENT } from './fixtures';

const { wells, irlssg } = PAD_ASSESSMENT.scores;

describe('DifferentialList', () => {
  it('ranks candidates in the engine order with likelihood in words and a why line', () => {
    render(<DifferentialList differential={PAD_ASSESSMENT.differential} wells={wells} irlssg={irlssg} now={NOW} />);
    const items = screen.getAllByTestId(/^candidate-/);
    expect(items.map((i) => i.dataset.testid)).toEqual([
      'candidate-pad-ischemic-rest-pain',
      'candidate-restless-legs-syndrome',
      'candidate-deep-vein-thrombosis',
    ]);
    expect(items[0]).toHaveTextContent(/Rank 1: Ischaemic rest pain \(PAD \/ CLTI\)\s*High likelihood/);
    expect(items[0]).toHaveTextContent('Burning forefoot pain relieved by dangling');
    expect(items[2]).toHaveTextContent('Unlikely');
  });

  it('expands for / against evidence, each marked chart (with reference and date) or form', async () => {
    const user = userEvent.setup();
    render(<DifferentialList differential={PAD_ASSESSMENT.differential} wells={wells} irlssg={irlssg} now={NOW} />);
    const pad = screen.getByTestId('candidate-pad-ischemic-rest-pain');
    const toggle = within(pad).getByRole('button', { name: 'Show evidence (2 for, 1 against)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const region = pad.querySelector('#dx-pad-ischemic-rest-pain-evidence') as HTMLElement;
    expect(region).not.toBeVisible();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(region).toBeVisible();
    expect(region).toHaveTextContent(
      /For\s*Chart\s*ABI 0.38 right \(abnormal\)\s*\+3\s*Observation\/abi-r-2 · 12 Oct 2026/,
    );
    expect(region).toHaveTextContent(/Form\s*Relieved by dangling the leg\s*\+3\s*answer to “Relieved by”/);
    expect(region).toHaveTextContent(/Against\s*Form\s*Urge to move the legs\s*−1/);
  });

  it('shows "what would change this" per candidate', () => {
    render(<DifferentialList differential={PAD_ASSESSMENT.differential} wells={wells} irlssg={irlssg} now={NOW} />);
    expect(screen.getByTestId('candidate-restless-legs-syndrome')).toHaveTextContent(
      /What would change this:\s*Ferritin — Ferritin ≤ 75 µg\/L supports RLS/,
    );
  });

  it('links a missing form answer to its question on the form', () => {
    const withFormGap = PAD_ASSESSMENT.differential.map((d) =>
      d.id === 'pad-ischemic-rest-pain'
        ? {
            ...d,
            missing: [
              { concept: 'Foot pulses of the symptomatic leg (exam.pulsesRight)', why: 'absent pulses add +3' },
            ],
          }
        : d,
    );
    render(<DifferentialList differential={withFormGap} wells={wells} irlssg={irlssg} now={NOW} />);
    const link = screen.getByRole('link', { name: 'Foot pulses of the symptomatic leg' });
    expect(link).toHaveAttribute('href', '#q-exam-pulsesRight-group');
    // Concepts that are not form questions stay plain text.
    expect(screen.getByText('Ferritin').closest('a')).toBeNull();
  });

  it('writes Wells and IRLSSG as a clinician would', () => {
    render(<DifferentialList differential={PAD_ASSESSMENT.differential} wells={wells} irlssg={irlssg} now={NOW} />);
    expect(screen.getByTestId('wells')).toHaveTextContent('Wells 3 — DVT likely (two-level); high (three-level)');
    expect(screen.getByTestId('wells')).toHaveTextContent(
      '2 items not recorded (counted as 0): the true score may be higher.',
    );
    expect(screen.getByTestId('irlssg')).toHaveTextContent('IRLSSG 1 of 5 criteria met (3 not recorded)');
    expect(screen.getByTestId('irlssg')).toHaveTextContent(/Not met\s*Relieved by movement/);
  });

  it('formats negative Wells points and complete IRLSSG criteria', () => {
    expect(describeWells({ ...wells!, points: -1, band: 'unlikely', threeLevel: 'low' })).toBe(
      'Wells −1 — DVT unlikely (two-level); low (three-level)',
    );
    expect(describeIrlssg({ ...irlssg!, criteriaMet: 5, allMet: true })).toBe('IRLSSG: all 5 criteria met');
  });

  it('never calls an incomplete Wells score "unlikely"', () => {
    const text = describeWells({
      ...wells!,
      points: 1,
      band: 'unlikely',
      threeLevel: 'moderate',
      unknownItems: 4,
      maxPossible: 5,
      complete: false,
    });
    expect(text).toBe('Wells 1 so far — incomplete: 4 items unknown, could reach 5 (DVT likely at ≥ 2)');
    expect(text).not.toMatch(/unlikely/);
  });

  it('explains an empty differential', () => {
    render(<DifferentialList differential={[]} wells={null} irlssg={null} now={NOW} />);
    expect(screen.getByText(/record the story and exam to rank the differential/)).toBeInTheDocument();
  });
});
