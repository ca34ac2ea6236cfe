import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import { EvidencePanel } from '@/lib/ui/evidence-panel';
import { NOW, PAD_ASSESSMENT, PAD_FACTS } from './fixtures';

const abi = PAD_ASSESSMENT.scores.abi;

describe('EvidencePanel', () => {
  it('shows ABI per leg with its band, interpretation, source and a trend chart with the guideline bands', () => {
    render(<EvidencePanel facts={PAD_FACTS} abi={abi} sections={{}} dataIssues={[]} now={NOW} />);
    const right = screen.getByTestId('abi-abi-right');
    expect(right).toHaveTextContent('0.38');
    expect(right).toHaveTextContent('Abnormal');
    expect(right).toHaveTextContent('Observation/abi-r-2 · 12 Oct 2026');
    const chart = within(right).getByRole('img', {
      name: /ABI right: 2 results, 0.62 on 1 Sep 2025, 0.38 on 12 Oct 2026/,
    });
    expect(chart.querySelectorAll('rect')).toHaveLength(4);
    expect(chart).toHaveTextContent(/abnormal.*borderline.*normal/);
    expect(screen.getByTestId('abi-abi-left')).toHaveTextContent('Borderline');
    expect(screen.getByText('Meets CLTI haemodynamic criteria')).toBeInTheDocument();
  });

  it('lists conditions with status and source, and says "Not on file" for groups searched and not found', () => {
    render(<EvidencePanel facts={PAD_FACTS} abi={abi} sections={{}} dataIssues={[]} now={NOW} />);
    const diabetes = screen.getByTestId('conditions-diabetes');
    expect(diabetes).toHaveTextContent('Type 2 diabetes mellitus');
    expect(diabetes).toHaveTextContent('Active');
    expect(diabetes).toHaveTextContent('Condition/dm-1');
    for (const id of ['vte', 'spine', 'rls', 'ckd', 'cancer', 'pregnancy']) {
      expect(screen.getByTestId(`conditions-${id}`)).toHaveTextContent('Not on file');
    }
  });

  it('shows labs with value, unit, lab flag and date, and lists the labs not on file separately', () => {
    render(<EvidencePanel facts={PAD_FACTS} abi={abi} sections={{}} dataIssues={[]} now={NOW} />);
    expect(screen.getByTestId('lab-hba1c')).toHaveTextContent(
      /HbA1c\s*8.4 %\s*lab flag: high\s*Observation\/a1c-1 · 1 Aug 2026/,
    );
    expect(screen.getByTestId('lab-egfr')).toHaveTextContent('48 mL/min/1.73 m²');
    const labs = screen.getByTestId('evidence-labs');
    expect(labs).toHaveTextContent(/Not on file\s*Ferritin, Transferrin saturation/);
    expect(screen.getByTestId('evidence-medications')).toHaveTextContent('Atorvastatin 40 mg');
    expect(screen.getByTestId('evidence-events')).toHaveTextContent(
      /Right knee arthroscopy.*Procedure\/knee-1 · 20 Oct 2026 \(5 wk ago\)/,
    );
    expect(screen.getByText('Current smoker')).toBeInTheDocument();
  });

  it('lists data issues', () => {
    render(<EvidencePanel facts={PAD_FACTS} abi={abi} sections={{}} dataIssues={PAD_FACTS.dataIssues} now={NOW} />);
    expect(screen.getByTestId('data-issues')).toHaveTextContent('Observation/bad-1: ABI value 87 is outside');
  });

  it('keeps "could not load" distinct from "not on file", with a retry for the failed section only', async () => {
    const user = userEvent.setup();
    const retry = vi.fn();
    render(
      <EvidencePanel
        facts={{ ...PAD_FACTS, observations: [], unavailable: ['Observation'] }}
        abi={null}
        sections={{ Observation: { status: 'error', message: 'The server answered 500.', retry } }}
        dataIssues={[]}
        now={NOW}
      />,
    );
    const vascular = screen.getByTestId('evidence-vascular');
    expect(vascular).toHaveTextContent('Could not load results (observations).');
    expect(vascular).not.toHaveTextContent('Not on file');
    expect(screen.getByTestId('evidence-labs')).not.toHaveTextContent('Not on file');
    // Conditions still show.
    expect(screen.getByTestId('conditions-diabetes')).toHaveTextContent('Type 2 diabetes mellitus');
    await user.click(within(vascular).getByRole('button', { name: 'Retry results (observations)' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('shows skeletons, not "not on file", while a section is loading', () => {
    render(
      <EvidencePanel
        facts={EMPTY_FACTS}
        abi={null}
        sections={{ Condition: { status: 'loading' } }}
        dataIssues={[]}
        now={NOW}
      />,
    );
    const conditions = screen.getByTestId('evidence-conditions');
    expect(within(conditions).getByRole('status', { name: 'Loading Conditions' })).toBeInTheDocument();
    expect(conditions).not.toHaveTextContent('Not on file');
    expect(screen.getByTestId('evidence-vascular')).toHaveTextContent('Not on file');
  });

  it('says "Not on file" for ABI and medications when the chart has none', () => {
    render(<EvidencePanel facts={EMPTY_FACTS} abi={null} sections={{}} dataIssues={[]} now={NOW} />);
    expect(screen.getByTestId('evidence-vascular')).toHaveTextContent(/ABI right\s*Not on file/);
    expect(screen.getByTestId('evidence-medications')).toHaveTextContent('Not on file');
    expect(screen.getByTestId('evidence-events')).toHaveTextContent('Not on file');
  });

  it('shows a bedside toe pressure entered on the form next to the chart rows', () => {
    const withToe = {
      ...abi!,
      toePressure: { value: 25, side: 'right' as const, source: 'form' as const },
      meetsCltiHaemodynamics: true,
    };
    render(<EvidencePanel facts={PAD_FACTS} abi={withToe} sections={{}} dataIssues={[]} now={NOW} />);
    expect(screen.getByTestId('form-entry-toe-pressure-right')).toHaveTextContent(
      /25 mmHg\s*Form\s*entered on the form/,
    );
  });

  it('shows three conditions per row on a heavy chart, active first, and the rest on request', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({
      concept: 'diabetes' as const,
      status: i === 4 ? ('active' as const) : ('history' as const),
      label: `Diabetes record ${i}`,
      onset: `20${10 + i}-01-01`,
      provenance: { reference: `Condition/dm-${i}` },
    }));
    render(
      <EvidencePanel facts={{ ...PAD_FACTS, conditions: many }} abi={abi} sections={{}} dataIssues={[]} now={NOW} />,
    );
    const row = screen.getByTestId('conditions-diabetes');
    const visible = within(row)
      .getAllByRole('listitem')
      .filter((li) => li.checkVisibility?.() ?? !li.closest('[hidden]'));
    expect(visible.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Diabetes record 4'),
      expect.stringContaining('Diabetes record 3'),
      expect.stringContaining('Diabetes record 2'),
    ]);
    await userEvent.setup().click(within(row).getByRole('button', { name: 'Show 2 more' }));
    expect(within(row).getByText('Diabetes record 0')).toBeVisible();
  });
});
