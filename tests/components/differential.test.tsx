import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { renderToStaticMarkup } from 'react-dom/server';
import userEvent from '@testing-library/user-event';
import {
  DifferentialList,
  describeIrlssg,
  describeWells,
  missingText,
  whatWouldChange,
} from '@/lib/ui/differential-list';
import { FormNavigationProvider } from '@/lib/ui/form-navigation';
import { NOW, PAD_ASSESSMENT } from './fixtures';
import { fhirInternals } from './visible-text';

const { wells, irlssg } = PAD_ASSESSMENT.scores;

describe('DifferentialList', () => {
  it('ranks candidates in the engine order with likelihood in words and the findings that carry each', () => {
    render(<DifferentialList differential={PAD_ASSESSMENT.differential} wells={wells} irlssg={irlssg} now={NOW} />);
    const items = screen.getAllByTestId(/^candidate-/);
    expect(items.map((i) => i.dataset.testid)).toEqual([
      'candidate-pad-ischemic-rest-pain',
      'candidate-restless-legs-syndrome',
      'candidate-deep-vein-thrombosis',
    ]);
    expect(items[0]).toHaveTextContent(/Rank 1: Ischaemic rest pain \(PAD \/ CLTI\)\s*High likelihood/);
    expect(items[0]).toHaveTextContent('ABI 0.38 right (abnormal) and relieved by dangling the leg.');
    // No engine score on screen.
    expect(items[0]).not.toHaveTextContent('14');
  });

  it('folds the candidates ranked "unlikely" into one line, one click away', async () => {
    render(<DifferentialList differential={PAD_ASSESSMENT.differential} wells={wells} irlssg={irlssg} now={NOW} />);
    const dvt = screen.getByTestId('candidate-deep-vein-thrombosis');
    expect(dvt.closest('[hidden]')).not.toBeNull();
    const toggle = screen.getByRole('button', { name: 'Show 1 ranked unlikely' });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(dvt.closest('[hidden]')).toBeNull();
    expect(dvt).toHaveTextContent(/Rank 3: Deep vein thrombosis\s*Unlikely/);
  });

  it('expands for / against evidence, each marked chart (with its age, the record one click away) or form', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <DifferentialList differential={PAD_ASSESSMENT.differential} wells={wells} irlssg={irlssg} now={NOW} />,
    );
    const pad = screen.getByTestId('candidate-pad-ischemic-rest-pain');
    const toggle = within(pad).getByRole('button', { name: 'Show evidence (2 for, 1 against)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const region = pad.querySelector('#dx-pad-ischemic-rest-pain-evidence') as HTMLElement;
    expect(region).not.toBeVisible();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(region).toBeVisible();
    expect(region).toHaveTextContent(/For\s*Chart\s*ABI 0.38 right \(abnormal\)\s*· 6 wk ago/);
    expect(region).toHaveTextContent(/Form\s*Relieved by dangling the leg\s*· your answer to “Relieved by”/);
    expect(region).toHaveTextContent(/Against\s*Form\s*Urge to move the legs/);
    // Points are the engine's arithmetic, not something to read on screen.
    expect(region).not.toHaveTextContent(/[+−]\d/);
    expect(fhirInternals(container)).toEqual([]);
    await user.click(within(region).getByRole('button', { name: 'Source of ABI 0.38 right (abnormal)' }));
    expect(within(region).getByText('Observation/abi-r-2')).toBeVisible();
  });

  it('keeps hidden evidence out of the first commit, then renders it (hidden, for print) just after', () => {
    const list = (
      <DifferentialList differential={PAD_ASSESSMENT.differential} wells={wells} irlssg={irlssg} now={NOW} />
    );
    // The first commit (what the server, or the first client render, produces): the disclosure targets, empty.
    const first = document.createElement('div');
    first.innerHTML = renderToStaticMarkup(list);
    const bodies = first.querySelectorAll('.candidate-evidence');
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body.childElementCount).toBe(0);
    // After the transition that follows it: every candidate's evidence is in the page, still hidden.
    const { container } = render(list);
    const after = container.querySelectorAll('.candidate-evidence');
    for (const body of after) {
      expect(body).not.toBeVisible();
      expect(body.querySelector('.evidence-columns')).not.toBeNull();
    }
  });

  it('says once, for the leading candidates, what would change this', () => {
    render(<DifferentialList differential={PAD_ASSESSMENT.differential} wells={wells} irlssg={irlssg} now={NOW} />);
    const block = screen.getByTestId('what-would-change');
    expect(block).toHaveTextContent('For ischaemic rest pain and restless legs syndrome:');
    expect(block).toHaveTextContent('Toe pressure / TBI — Confirms CLTI when ABI is unreliable in diabetes.');
    expect(block).toHaveTextContent('Ferritin — Ferritin ≤ 75 µg/L supports RLS');
    expect(screen.getAllByText(/What would change this/)).toHaveLength(1);
  });

  it('lists a missing item shared by two candidates once, and links a form answer to its question', async () => {
    const pulses = {
      concept: 'Foot pulses of the symptomatic leg (exam.pulsesRight)',
      why: 'absent pulses point to ischaemia',
      paths: ['exam.pulsesRight'],
    };
    const withFormGap = PAD_ASSESSMENT.differential.map((d) => ({ ...d, missing: [pulses, ...d.missing] }));
    const reveal = vi.fn();
    render(
      <FormNavigationProvider value={{ reveal }}>
        <DifferentialList differential={withFormGap} wells={wells} irlssg={irlssg} now={NOW} />
      </FormNavigationProvider>,
    );
    const links = screen.getAllByRole('link', { name: 'Foot pulses of the symptomatic leg' });
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute('href', '#q-exam-pulsesRight-group');
    await userEvent.click(links[0]!);
    expect(reveal).toHaveBeenCalledWith('exam.pulsesRight');
    // Concepts that are not form questions stay plain text.
    expect(screen.getByText('Ferritin').closest('a')).toBeNull();
  });

  it('words a chart section that could not be loaded without the FHIR resource type', () => {
    expect(missingText({ concept: 'Chart section: Observation', why: 'x' })).toBe(
      'Chart results (observations) not loaded',
    );
    expect(
      whatWouldChange(
        [
          {
            ...PAD_ASSESSMENT.differential[0]!,
            missing: [
              { concept: 'A', why: '' },
              { concept: 'B', why: '' },
            ],
          },
          {
            ...PAD_ASSESSMENT.differential[1]!,
            missing: [
              { concept: 'B', why: '' },
              { concept: 'C', why: '' },
            ],
          },
        ],
        2,
      ).map((m) => m.concept),
    ).toEqual(['A', 'B']);
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
