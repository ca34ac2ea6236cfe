/**
 * The workspace container with the real engine: answers recompute the differential (no fetches), the draft
 * survives a remount (reload) and a corrupted draft is ignored with a notice.
 */
import { describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { draftKey, saveDraft, type DraftScope } from '@/lib/form/draft';
import { QUESTION_GROUPS } from '@/lib/form/questions';
import { Workspace, type NotePanelContext, type WorkspaceProps } from '@/lib/ui/workspace';
import { NOW, PAD_FACTS } from './fixtures';

const scope: DraftScope = { serverUrl: 'http://localhost:4010/fhir', patientId: 'p1', encounterId: 'e1' };
const props: WorkspaceProps = {
  facts: PAD_FACTS,
  sections: {},
  patient: { name: 'Walter Reyes', birthDate: '1951-03-02', sex: 'male' },
  showBanner: true,
  serverLabel: 'localhost:4010/fhir',
  now: NOW,
  draftScope: scope,
};

const ranking = () => screen.getAllByTestId(/^candidate-/).map((el) => el.dataset.testid?.replace('candidate-', ''));
/**
 * Answers by input id (`q-<path>-<value>`), with fireEvent: the full workspace is a large DOM, where jsdom's
 * role queries and pointer simulation take seconds each; the form's own keyboard/mouse behaviour is covered
 * in symptom-form.test.tsx.
 */
const choose = (path: string, value: string) => {
  const id = `q-${path.replace('.', '-')}-${value}`;
  if (!document.getElementById(id)) {
    // The question's block is closed (the engine did not open it): open it, as a clinician would.
    const block = QUESTION_GROUPS.find((g) => g.questions.some((q) => q.path === path))!.id;
    fireEvent.click(document.getElementById(`fg-${block}`)!);
  }
  const input = document.getElementById(id);
  if (!input) throw new Error(`no input for ${path}=${value}`);
  fireEvent.click(input);
};
const checked = (path: string, value: string) =>
  (document.getElementById(`q-${path.replace('.', '-')}-${value}`) as HTMLInputElement | null)?.checked;

describe('Workspace (engine in the loop)', { timeout: 30_000 }, () => {
  it('recomputes the differential and red flags as answers change', () => {
    render(<Workspace {...props} />);
    choose('qualities', 'burning');
    choose('locations', 'toes-forefoot');
    choose('timing', 'after-1-2-hours-wakes');
    choose('relievedBy', 'dangling-leg');
    choose('exam.pulsesRight', 'absent');
    expect(ranking()[0]).toBe('pad-ischemic-rest-pain');
    expect(screen.getByTestId('red-flag-chronic-limb-threatening-ischemia')).toBeInTheDocument();

    choose('history.dyspnoeaOrChestPain', 'yes');
    choose('history.breathlessnessNewOrWorse', 'yes');
    expect(screen.getByTestId('decision-strip')).toHaveTextContent(/Emergency/);
  });

  it('keeps the answers across a remount (reload) via the sessionStorage draft', () => {
    const first = render(<Workspace {...props} />);
    choose('exam.coolFoot', 'yes');
    choose('relievedBy', 'walking');
    first.unmount();
    render(<Workspace {...props} />);
    expect(checked('exam.coolFoot', 'yes')).toBe(true);
    expect(checked('relievedBy', 'walking')).toBe(true);
    expect(screen.getByTestId('draft-restored')).toBeInTheDocument();
  });

  it('does not restore another encounter’s draft', () => {
    saveDraft({ ...scope, encounterId: 'other' }, { exam: { coolFoot: true } }, '2026-11-26T11:00:00Z');
    render(<Workspace {...props} />);
    expect(checked('exam.coolFoot', 'unknown')).toBe(true);
    expect(screen.queryByTestId('draft-restored')).toBeNull();
  });

  it('ignores a corrupted draft with a notice instead of crashing', () => {
    sessionStorage.setItem(draftKey(scope), JSON.stringify({ v: 1, savedAt: 'x', answers: { exam: { coolFoot: 3 } } }));
    render(<Workspace {...props} />);
    expect(screen.getByTestId('draft-corrupted')).toHaveTextContent('could not be read');
    expect(checked('exam.coolFoot', 'unknown')).toBe(true);
    expect(ranking().length).toBeGreaterThan(0);
  });

  it('keeps the workup ticked for the plan across a reload, and hands it to the note panel', () => {
    const seen: NotePanelContext[] = [];
    const renderNotePanel = (ctx: NotePanelContext) => {
      seen.push(ctx);
      return <p>note</p>;
    };
    const first = render(<Workspace {...props} renderNotePanel={renderNotePanel} />);
    choose('qualities', 'burning');
    choose('relievedBy', 'dangling-leg');
    choose('exam.pulsesRight', 'absent');
    const open = document.querySelector<HTMLInputElement>('input[id^="workup-check-"]');
    if (!open) throw new Error('no workup item to tick');
    const id = open.id.replace('workup-check-', '');
    fireEvent.click(open);
    expect(seen.at(-1)?.plannedWorkup.map((w) => w.id)).toEqual([id]);
    first.unmount();

    seen.length = 0;
    render(<Workspace {...props} renderNotePanel={renderNotePanel} />);
    expect((document.getElementById(`workup-check-${id}`) as HTMLInputElement).checked).toBe(true);
    expect(seen.at(-1)?.plannedWorkup.map((w) => w.id)).toEqual([id]);
    // Another encounter of the same patient starts without ticks.
    cleanup();
    seen.length = 0;
    render(<Workspace {...props} draftScope={{ ...scope, encounterId: 'e2' }} renderNotePanel={renderNotePanel} />);
    expect(seen.at(-1)?.plannedWorkup).toEqual([]);
  });

  it('a link in the decision panel opens the question’s block on the form', () => {
    render(<Workspace {...props} />);
    // Text queries: role queries over the whole workspace take seconds in jsdom.
    const go = screen.getAllByText('Go to the red-flag screen')[0]!;
    fireEvent.click(document.getElementById('fg-red-flags')!);
    expect(screen.queryByTestId('q-exam-suddenColdPaleLeg')).toBeNull();
    fireEvent.click(go);
    expect(screen.getByTestId('q-exam-suddenColdPaleLeg')).toBeInTheDocument();
  });
});
