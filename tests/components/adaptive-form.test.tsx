/**
 * The adaptive form: the engine's blocks open (and stay open while the clinician works), the rest one line each with
 * its answered count; chart pre-answers shown "from chart", used until answered, overridden by any answer; follow-up
 * questions asked after a "yes"; single keys for every kind of answer; links elsewhere on the page open the right
 * block and move focus to the question.
 */
import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChartAnswer, FormBlockState } from '@/lib/engine/assessment';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import { FORM_BLOCK_IDS } from '@/lib/engine/assessment';
import type { FormAnswers } from '@/lib/form/schema';
import { setAnswer } from '@/lib/form/paths';
import { SymptomForm, unansweredRedFlagQuestions, type RevealRequest } from '@/lib/ui/symptom-form';
import { NOW } from './fixtures';

const blocks = (...open: string[]): FormBlockState[] =>
  FORM_BLOCK_IDS.map((id) => ({
    id,
    open: open.includes(id),
    ...(id === 'circulation' && open.includes(id) ? { reason: 'Ischaemic rest pain is in the differential.' } : {}),
  }));

const AF: ChartAnswer = {
  path: 'history.atrialFibrillation',
  value: true,
  label: 'Atrial fibrillation on the problem list',
  evidence: [
    {
      source: 'fhir',
      label: 'Chart: Atrial fibrillation (active)',
      weight: 0,
      reference: 'Condition/af-1',
      date: '2024-01-01',
    },
  ],
  status: 'applied',
};

function Harness(props: {
  blocks?: FormBlockState[];
  chartAnswers?: ChartAnswer[];
  initial?: FormAnswers;
  reveal?: RevealRequest | null;
}) {
  const [answers, setAnswers] = useState<FormAnswers>(props.initial ?? {});
  return (
    <>
      <SymptomForm
        answers={answers}
        onAnswer={(p, v) => setAnswers((a) => setAnswer(a, p, v))}
        facts={EMPTY_FACTS}
        now={NOW}
        blocks={props.blocks}
        chartAnswers={props.chartAnswers}
        reveal={props.reveal}
      />
      <output data-testid="answers">{JSON.stringify(answers)}</output>
    </>
  );
}

const answersOf = () => JSON.parse(screen.getByTestId('answers').textContent ?? '{}') as FormAnswers;
const toggleOf = (id: string) => screen.getByTestId(`block-${id}`).querySelector('button.block-toggle') as HTMLElement;

describe('adaptive form blocks', { timeout: 20_000 }, () => {
  it('opens the blocks the engine opens, with the reason; the others are one line with their count', () => {
    render(<Harness blocks={blocks('red-flags', 'story', 'circulation', 'comment')} />);
    expect(toggleOf('red-flags')).toHaveAttribute('aria-expanded', 'true');
    expect(toggleOf('circulation')).toHaveAttribute('aria-expanded', 'true');
    expect(toggleOf('circulation')).toHaveTextContent('Ischaemic rest pain is in the differential.');
    expect(toggleOf('restless-legs')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('q-irlssg-urgeToMove')).toBeNull();
    expect(screen.getByTestId('block-count-restless-legs')).toHaveTextContent('0 of 8 answered');
    expect(screen.getByTestId('block-count-red-flags')).toHaveTextContent('0 of 16 answered');
  });

  it('opens any block on demand, and counts its answers', async () => {
    const user = userEvent.setup();
    render(<Harness blocks={blocks('red-flags', 'story')} />);
    await user.click(toggleOf('restless-legs'));
    expect(toggleOf('restless-legs')).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(screen.getByTestId('q-irlssg-urgeToMove')).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByTestId('block-count-restless-legs')).toHaveTextContent('1 of 8 answered');
    await user.click(toggleOf('restless-legs'));
    expect(screen.queryByTestId('q-irlssg-urgeToMove')).toBeNull();
  });

  it('keeps a block the engine opened open after the engine stops asking for it (nothing vanishes mid-answer)', () => {
    const { rerender } = render(<Harness blocks={blocks('red-flags', 'story', 'swelling-and-clots')} />);
    expect(screen.getByTestId('q-exam-unilateralSwelling')).toBeInTheDocument();
    rerender(<Harness blocks={blocks('red-flags', 'story')} />);
    expect(screen.getByTestId('q-exam-unilateralSwelling')).toBeInTheDocument();
  });

  it('shows a block holding answers open even when the engine does not ask for it', () => {
    render(<Harness blocks={blocks('red-flags', 'story')} initial={{ exam: { coolFoot: true } }} />);
    expect(toggleOf('circulation')).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByTestId('block-count-circulation')).toHaveTextContent('1 of 16 answered');
  });
});

describe('answers from the chart', { timeout: 20_000 }, () => {
  it('shows the chart’s answer as the default, marked "from chart", and any answer overrides it', async () => {
    const user = userEvent.setup();
    render(<Harness blocks={blocks('red-flags', 'story', 'circulation')} chartAnswers={[AF]} />);
    const q = screen.getByTestId('q-history-atrialFibrillation');
    expect(within(q).getByRole('radio', { name: 'Chart: yes' })).toBeChecked();
    expect(q).toHaveTextContent(/From chart\s*Atrial fibrillation on the problem list\s*· 2 y ago/);
    expect(answersOf()).toEqual({});
    await user.click(within(q).getByRole('radio', { name: 'No' }));
    expect(answersOf()).toEqual({ history: { atrialFibrillation: false } });
    expect(q).toHaveTextContent('your answer is used instead');
    // Back to the chart's answer.
    await user.click(within(q).getByRole('radio', { name: 'Chart: yes' }));
    expect(answersOf()).toEqual({});
  });

  it('counts chart answers per block and in the red-flag screen', () => {
    render(<Harness blocks={blocks('red-flags', 'story')} chartAnswers={[AF]} />);
    expect(screen.getByTestId('block-count-circulation')).toHaveTextContent('0 of 16 answered · 1 from chart');
    const screenAnswer: ChartAnswer = { ...AF, path: 'history.fever', value: false };
    expect(unansweredRedFlagQuestions({}, [screenAnswer])).toBe(15);
    expect(unansweredRedFlagQuestions({ exam: { saddleAnaesthesia: false } }, [screenAnswer])).toBe(14);
  });
});

describe('follow-up questions', { timeout: 20_000 }, () => {
  it('asks "new or worse" only once breathlessness is "yes"', async () => {
    const user = userEvent.setup();
    render(<Harness blocks={blocks('red-flags', 'story')} />);
    expect(screen.queryByTestId('q-history-breathlessnessNewOrWorse')).toBeNull();
    await user.click(within(screen.getByTestId('q-history-dyspnoeaOrChestPain')).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByTestId('q-history-breathlessnessNewOrWorse')).toBeInTheDocument();
  });

  it('asks a follow-up when the chart answers the question it follows, and never hides an answered one', () => {
    const onAnticoagulant: ChartAnswer = {
      ...AF,
      path: 'history.onAnticoagulant',
      label: 'Apixaban on the medication list',
    };
    render(
      <Harness
        blocks={blocks('red-flags', 'story', 'swelling-and-clots')}
        chartAnswers={[onAnticoagulant]}
        initial={{ history: { pregnancyStage: 'postpartum' } }}
      />,
    );
    expect(screen.getByTestId('q-history-anticoagulantAdherence')).toBeInTheDocument();
    expect(screen.getByTestId('q-history-pregnancyStage')).toBeInTheDocument();
  });
});

describe('single keys', { timeout: 20_000 }, () => {
  it('1–9 pick the n-th option of a focused choice, 0 clears it; digits toggle a list option', () => {
    render(<Harness blocks={blocks('red-flags', 'story')} />);
    const side = screen.getByTestId('q-side');
    fireEvent.keyDown(within(side).getByRole('radio', { name: 'Unknown' }), { key: '2' });
    expect(answersOf().side).toBe('right');
    expect(within(side).getByRole('radio', { name: /Right/ })).toHaveFocus();
    fireEvent.keyDown(within(side).getByRole('radio', { name: /Right/ }), { key: '0' });
    expect(answersOf().side).toBeUndefined();
    const where = screen.getByTestId('q-locations');
    fireEvent.keyDown(within(where).getByRole('checkbox', { name: /Calf/ }), { key: '3' });
    expect(answersOf().locations).toEqual(['calf']);
    fireEvent.keyDown(within(where).getByRole('checkbox', { name: /Calf/ }), { key: '1' });
    expect(answersOf().locations).toEqual(['toes-forefoot', 'calf']);
    fireEvent.keyDown(within(where).getByRole('checkbox', { name: /Calf/ }), { key: '3' });
    expect(answersOf().locations).toEqual(['toes-forefoot']);
  });

  it('ignores digits typed into a number field', () => {
    render(<Harness blocks={blocks('red-flags', 'story')} />);
    const input = within(screen.getByTestId('q-durationWeeks')).getByRole('textbox');
    fireEvent.keyDown(input, { key: '2' });
    expect(answersOf()).toEqual({});
  });
});

describe('links into the form', { timeout: 20_000 }, () => {
  it('opens the question’s block and moves focus to it', () => {
    const { rerender } = render(<Harness blocks={blocks('red-flags', 'story')} />);
    expect(screen.queryByTestId('q-exam-pulsesRight')).toBeNull();
    act(() =>
      rerender(<Harness blocks={blocks('red-flags', 'story')} reveal={{ path: 'exam.pulsesRight', seq: 1 }} />),
    );
    const pulses = screen.getByTestId('q-exam-pulsesRight');
    expect(toggleOf('circulation')).toHaveAttribute('aria-expanded', 'true');
    expect(within(pulses).getByRole('radio', { name: 'Unknown' })).toHaveFocus();
  });

  it('takes a link to a follow-up not asked yet to the question it follows', () => {
    const { rerender } = render(<Harness blocks={blocks('red-flags', 'story')} />);
    act(() =>
      rerender(
        <Harness blocks={blocks('red-flags', 'story')} reveal={{ path: 'history.breathlessnessNewOrWorse', seq: 1 }} />,
      ),
    );
    expect(
      within(screen.getByTestId('q-history-dyspnoeaOrChestPain')).getByRole('radio', { name: 'Unknown' }),
    ).toHaveFocus();
  });
});
