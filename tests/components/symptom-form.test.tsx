import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EMPTY_FACTS, type ChartFacts } from '@/lib/engine/facts';
import type { FormAnswers } from '@/lib/form/schema';
import { ALL_QUESTIONS } from '@/lib/form/questions';
import { setAnswer } from '@/lib/form/paths';
import { AnswerSummary, SymptomForm } from '@/lib/ui/symptom-form';
import { NOW, PAD_FACTS } from './fixtures';
import { visibleText } from './visible-text';

function Harness({ facts = EMPTY_FACTS, initial = {} }: { facts?: ChartFacts; initial?: FormAnswers }) {
  const [answers, setAnswers] = useState<FormAnswers>(initial);
  return (
    <>
      <SymptomForm
        answers={answers}
        onAnswer={(p, v) => setAnswers((a) => setAnswer(a, p, v))}
        facts={facts}
        now={NOW}
      />
      <output data-testid="answers">{JSON.stringify(answers)}</output>
    </>
  );
}

const answersOf = () => JSON.parse(screen.getByTestId('answers').textContent ?? '{}') as FormAnswers;

describe('SymptomForm', { timeout: 20_000 }, () => {
  it('starts every yes/no and single-choice question at "Unknown" and records nothing', () => {
    render(<Harness />);
    // Follow-up questions are asked only after a "yes" (below).
    const tri = ALL_QUESTIONS.filter((q) => (q.kind === 'tri' || q.kind === 'choice') && !q.followUpOf);
    expect(tri.length).toBeGreaterThan(50);
    for (const q of tri) {
      const unknown = document.getElementById(`q-${q.path.replace('.', '-')}-unknown`);
      expect(unknown, q.path).toBeChecked();
      expect(document.querySelectorAll(`input[name="q-${q.path.replace('.', '-')}"]:checked`)).toHaveLength(1);
    }
    expect(answersOf()).toEqual({});
  });

  it('gives every input an accessible label', () => {
    const { container } = render(<Harness facts={PAD_FACTS} />);
    for (const input of container.querySelectorAll('input, textarea')) {
      const id = input.getAttribute('id');
      expect(id, input.outerHTML).toBeTruthy();
      expect(container.querySelector(`label[for="${id}"]`), input.outerHTML).not.toBeNull();
    }
  });

  it('answers a finding with the mouse, and back to unknown removes the answer', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const group = screen.getByTestId('q-exam-coolFoot');
    await user.click(within(group).getByRole('radio', { name: /Yes/ }));
    expect(answersOf()).toEqual({ exam: { coolFoot: true } });
    await user.click(within(group).getByRole('radio', { name: /No/ }));
    expect(answersOf()).toEqual({ exam: { coolFoot: false } });
    await user.click(within(group).getByRole('radio', { name: 'Unknown' }));
    expect(answersOf()).toEqual({});
  });

  it('is fast with the keyboard: arrow keys choose, y / n / u answer a focused finding', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const group = screen.getByTestId('q-exam-coolFoot');
    within(group).getByRole('radio', { name: 'Unknown' }).focus();
    await user.keyboard('y');
    expect(answersOf()).toEqual({ exam: { coolFoot: true } });
    expect(within(group).getByRole('radio', { name: /Yes/ })).toHaveFocus();
    await user.keyboard('n');
    expect(answersOf()).toEqual({ exam: { coolFoot: false } });
    await user.keyboard('u');
    expect(answersOf()).toEqual({});
    await user.keyboard('{ArrowRight}');
    expect(answersOf()).toEqual({ exam: { coolFoot: true } });
    // Tab leaves the group for the next question (one tab stop per radio group).
    await user.tab();
    const next = screen.getByTestId('q-exam-pallorOnElevationOrDependentRubor');
    expect(within(next).getByRole('radio', { name: 'Unknown' })).toHaveFocus();
  });

  it('records multi-select answers in the order of the options and removes an emptied list', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(within(screen.getByTestId('q-relievedBy')).getByRole('checkbox', { name: 'Walking' }));
    await user.click(
      within(screen.getByTestId('q-relievedBy')).getByRole('checkbox', { name: 'Dangling leg over bed' }),
    );
    expect(answersOf().relievedBy).toEqual(['dangling-leg', 'walking']);
    await user.keyboard(' ');
    expect(answersOf().relievedBy).toEqual(['walking']);
    await user.click(within(screen.getByTestId('q-relievedBy')).getByRole('checkbox', { name: 'Walking' }));
    expect(answersOf()).toEqual({});
  });

  it('shows the chart ABI instead of an empty field, and offers manual entry where the chart lacks it', async () => {
    const user = userEvent.setup();
    render(<Harness facts={PAD_FACTS} />);
    const right = screen.getByTestId('q-measurements-abiRight');
    expect(right).toHaveTextContent(/Chart\s*0.38\s*· 6 wk ago/);
    expect(visibleText(right)).not.toContain('Observation/abi-r-2');
    expect(within(right).getByRole('button', { name: 'Source of ABI right 0.38' })).toHaveAttribute(
      'title',
      '12 Oct 2026 (6 wk ago) · Observation/abi-r-2',
    );
    expect(within(right).queryByRole('textbox')).toBeNull();
    await user.click(within(right).getByRole('button', { name: 'Enter new ABI right' }));
    await user.type(within(right).getByRole('textbox', { name: 'ABI right' }), '0.41');
    expect(answersOf().measurements).toEqual({ abiRight: 0.41 });

    const tbi = screen.getByTestId('q-measurements-tbiRight');
    expect(tbi).toHaveTextContent('Not on file');
    expect(within(tbi).getByRole('textbox', { name: 'TBI right' })).toBeInTheDocument();
  });

  it('rejects an out-of-range measurement with a message, keeps the text and records nothing', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = within(screen.getByTestId('q-measurements-toePressureLeft')).getByRole('textbox');
    await user.type(input, '900');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(within(screen.getByTestId('q-measurements-toePressureLeft')).getByRole('alert')).toHaveTextContent(
      'Enter a number from 0 to 300 mmHg',
    );
    expect(answersOf().measurements).toBeUndefined();
    expect(input).toHaveValue('900');
    await user.clear(input);
    await user.type(input, '25');
    expect(answersOf().measurements).toEqual({ toePressureLeft: 25 });
  });

  it('refuses what the chart reader would refuse: an ABI of 0 or 3, a measurement dated in the future', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const abi = within(screen.getByTestId('q-measurements-abiLeft')).getByRole('textbox');
    for (const value of ['3', '0']) {
      await user.clear(abi);
      await user.type(abi, value);
      expect(within(screen.getByTestId('q-measurements-abiLeft')).getByRole('alert')).toHaveTextContent(
        'Enter a number from 0.01 to 2.5',
      );
      expect(answersOf().measurements).toBeUndefined();
    }
    // Looked up inside its question: a label query over the whole form (every block rendered) takes seconds in jsdom.
    const date = within(screen.getByTestId('q-measurements-measuredOn')).getByLabelText('Measured on');
    fireEvent.change(date, { target: { value: '2099-01-01' } });
    expect(date).toHaveValue('2099-01-01');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(within(screen.getByTestId('q-measurements-measuredOn')).getByRole('alert')).toHaveTextContent(
      'Enter a date from 1900 up to today',
    );
    expect(answersOf().measurements).toBeUndefined();
    fireEvent.change(date, { target: { value: '2026-02-27' } });
    expect(answersOf().measurements).toEqual({ measuredOn: '2026-02-27' });
  });

  it('shows what the chart says next to history questions without answering them', () => {
    render(<Harness facts={PAD_FACTS} />);
    const surgery = screen.getByTestId('q-history-recentSurgeryOrBedRest');
    expect(surgery).toHaveTextContent(/In chart\s*Right knee arthroscopy \(surgery\)\s*· 5 wk ago/);
    expect(visibleText(surgery)).not.toContain('Procedure/knee-1');
    expect(within(surgery).getByRole('radio', { name: 'Unknown' })).toBeChecked();
    expect(screen.getByTestId('q-history-claudication')).toHaveTextContent('Intermittent claudication');
  });

  it('restores given answers (a draft) into the controls', () => {
    render(<Harness initial={{ onset: 'sudden', exam: { pulsesRight: 'absent' }, qualities: ['burning'] }} />);
    expect(within(screen.getByTestId('q-onset')).getByRole('radio', { name: /Sudden/ })).toBeChecked();
    expect(within(screen.getByTestId('q-exam-pulsesRight')).getByRole('radio', { name: /Absent/ })).toBeChecked();
    expect(within(screen.getByTestId('q-qualities')).getByRole('checkbox', { name: 'Burning' })).toBeChecked();
  });
});

describe('AnswerSummary (print)', () => {
  it('lists the answers in words and counts the unknowns', () => {
    render(<AnswerSummary answers={{ onset: 'gradual', exam: { coolFoot: false }, relievedBy: ['dangling-leg'] }} />);
    expect(screen.getByText('How this problem began').nextSibling).toHaveTextContent('Gradual');
    expect(screen.getByText('Cool foot').nextSibling).toHaveTextContent('No');
    expect(screen.getByText('Relieved by').nextSibling).toHaveTextContent('Dangling leg over bed');
    const asked = ALL_QUESTIONS.filter((q) => !q.followUpOf).length;
    expect(screen.getByText(/questions not answered/)).toHaveTextContent(`${asked - 3} questions`);
  });
});
