/**
 * Chart evidence: findings first (abnormal and cited results before the rest), "not on file" in one line, stale
 * results marked, records that could not be used shown with the reason in clinical words, "could not load" never
 * confused with "not on file", provenance one click away and never a record id on screen.
 */
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EMPTY_FACTS } from '@/lib/engine/facts';
import { EvidencePanel, issueText, notOnFile } from '@/lib/ui/evidence-panel';
import { NOW, PAD_ASSESSMENT, PAD_FACTS } from './fixtures';
import { fhirInternals } from './visible-text';

const abi = PAD_ASSESSMENT.scores.abi;
const { smoking: _smoking, ...withoutSmoking } = PAD_FACTS;

describe('EvidencePanel', () => {
  it('shows ABI per leg with its band, interpretation, age and trend, and the record one click away', async () => {
    const { container } = render(<EvidencePanel facts={PAD_FACTS} abi={abi} sections={{}} dataIssues={[]} now={NOW} />);
    const right = screen.getByTestId('abi-abi-right');
    expect(right).toHaveTextContent(/ABI right\s*0.38\s*Abnormal\s*· 6 wk ago/);
    expect(right).toHaveTextContent('below 0.40 meets CLTI haemodynamics');
    const chart = within(right).getByRole('img', {
      name: /ABI right: 2 results, 0.62 on 1 Sep 2025, 0.38 on 12 Oct 2026/,
    });
    expect(chart.querySelectorAll('rect')).toHaveLength(4);
    expect(screen.getByTestId('abi-abi-left')).toHaveTextContent('Borderline');
    expect(screen.getByText('Meets CLTI haemodynamic criteria')).toBeInTheDocument();

    expect(fhirInternals(container)).toEqual([]);
    const source = within(right).getByRole('button', { name: 'Source of ABI right 0.38' });
    expect(source).toHaveAttribute('title', '12 Oct 2026 (6 wk ago) · Observation/abi-r-2');
    await userEvent.click(source);
    expect(source).toHaveAttribute('aria-expanded', 'true');
    expect(within(right).getByText(/Chart record, 12 Oct 2026 \(6 wk ago\)/)).toBeVisible();
    expect(within(right).getByText('Observation/abi-r-2')).toBeVisible();
  });

  it('leads the results with abnormal ones (the lab’s flag or range), then those the assessment cites', () => {
    const facts = {
      ...PAD_FACTS,
      observations: [
        ...PAD_FACTS.observations,
        {
          concept: 'potassium' as const,
          value: 3.1,
          unit: 'mmol/L',
          date: '2026-11-20',
          referenceRange: { low: 3.5, high: 5.1 },
          provenance: { reference: 'Observation/k-1' },
        },
        {
          concept: 'ferritin' as const,
          value: 40,
          unit: 'ug/L',
          date: '2026-11-01',
          provenance: { reference: 'Observation/f-1' },
        },
      ],
    };
    render(
      <EvidencePanel facts={facts} abi={abi} sections={{}} dataIssues={[]} now={NOW} cited={['Observation/egfr-1']} />,
    );
    const rows = within(screen.getByTestId('evidence-labs')).getAllByTestId(/^lab-/);
    expect(rows.map((r) => r.dataset.testid)).toEqual(['lab-potassium', 'lab-hba1c', 'lab-egfr', 'lab-ferritin']);
    expect(screen.getByTestId('lab-potassium')).toHaveTextContent(/Potassium\s*3.1 mmol\/L\s*Low/);
    expect(screen.getByTestId('lab-hba1c')).toHaveTextContent(/HbA1c\s*8.4 %\s*High/);
    expect(screen.getByTestId('lab-egfr')).toHaveTextContent('eGFR 48 mL/min/1.73 m²');
    // HbA1c is 117 days old: inside its 180-day window, not marked; a 13-month-old ABI would be.
    expect(screen.getByTestId('lab-hba1c')).not.toHaveTextContent('Older result');
  });

  it('marks a result older than the engine’s staleness window', () => {
    const facts = {
      ...PAD_FACTS,
      observations: [
        {
          concept: 'ferritin' as const,
          value: 40,
          unit: 'ug/L',
          date: '2025-01-01',
          provenance: { reference: 'Observation/f-1' },
        },
      ],
    };
    render(<EvidencePanel facts={facts} abi={null} sections={{}} dataIssues={[]} now={NOW} />);
    expect(screen.getByTestId('lab-ferritin')).toHaveTextContent(
      /Ferritin\s*40 µg\/L\s*Older result: repeat\s*· 23 mo ago/,
    );
  });

  it('collapses everything searched for and not found into one line, with the rest on request', async () => {
    render(<EvidencePanel facts={PAD_FACTS} abi={abi} sections={{}} dataIssues={[]} now={NOW} />);
    const line = screen.getByTestId('not-on-file');
    expect(line).toHaveTextContent(
      /^Not on file.*TBI, toe pressure, Ankle pressure, TcPO2, Ferritin, Transferrin saturation/,
    );
    expect(line).not.toHaveTextContent('Prior DVT / PE');
    await userEvent.click(within(line).getByRole('button', { name: /more/ }));
    expect(line).toHaveTextContent('Prior DVT / PE');
    expect(line).toHaveTextContent('Pregnancy');
    expect(line).not.toHaveTextContent('ABI right');
    expect(line).not.toHaveTextContent('HbA1c');
    // Found conditions are shown, with status; groups not found are only in the line.
    expect(screen.getByTestId('conditions-diabetes')).toHaveTextContent(/Type 2 diabetes mellitus\s*Active/);
    expect(screen.queryByTestId('conditions-vte')).toBeNull();
  });

  it('shows a record the chart holds but Nocturne could not use, with the reason in clinical words', () => {
    const issues = [
      {
        resource: 'Observation/m-1',
        problem: 'Observation could not be read (field "valueQuantity.value": expected number).',
      },
      {
        resource: 'Observation/i-1',
        problem:
          'Ankle-brachial index value 87 ratio is outside the plausible range (0–2.5 {ratio}); not used — check the record.',
      },
    ];
    const { container } = render(
      <EvidencePanel facts={PAD_FACTS} abi={abi} sections={{}} dataIssues={issues} now={NOW} />,
    );
    const unusable = within(screen.getByTestId('evidence-vascular')).getByTestId('data-issues');
    expect(unusable).toHaveTextContent(
      'Not used A result could not be read: not used — check the record in the chart.',
    );
    expect(unusable).toHaveTextContent('Ankle-brachial index value 87 ratio is outside the plausible range (0–2.5)');
    expect(screen.getByTestId('not-on-file')).toHaveTextContent('or on file but not usable: 2 results, see above');
    expect(fhirInternals(container)).toEqual([]);
  });

  it('words data issues without parser details', () => {
    expect(issueText('Condition could not be read (field "code": required).')).toBe(
      'A problem-list entry could not be read: not used — check the record in the chart.',
    );
    expect(issueText('This result could not be read (its value is missing or malformed); not used.')).toBe(
      'This result could not be read (its value is missing or malformed); not used.',
    );
  });

  it('keeps "could not load" distinct from "not on file", with a retry for the failed section only', async () => {
    const retry = vi.fn();
    render(
      <EvidencePanel
        facts={{ ...withoutSmoking, observations: [], unavailable: ['Observation'] }}
        abi={null}
        sections={{ Observation: { status: 'error', message: 'The server answered 500.', retry } }}
        dataIssues={[]}
        now={NOW}
      />,
    );
    const error = screen.getByTestId('section-error-Observation');
    expect(error).toHaveTextContent('Could not load results (observations). The server answered 500.');
    expect(screen.getByTestId('evidence-vascular')).toHaveTextContent('Unknown: could not be loaded');
    const line = screen.getByTestId('not-on-file');
    expect(line).not.toHaveTextContent(/ABI|TBI|Ferritin|smoking/);
    expect(screen.getByTestId('conditions-diabetes')).toHaveTextContent('Type 2 diabetes mellitus');
    await userEvent.click(within(error).getByRole('button', { name: 'Retry results (observations)' }));
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
    expect(within(conditions).getByRole('status', { name: 'Loading Problem list' })).toBeInTheDocument();
    expect(screen.getByTestId('not-on-file')).not.toHaveTextContent('Prior DVT / PE');
    expect(notOnFile({ facts: EMPTY_FACTS, abi: null, sections: { Condition: { status: 'loading' } } })).toContain(
      'ABI right',
    );
  });

  it('lists ABI, medications and stays as not on file when the chart has none', () => {
    const items = notOnFile({ facts: EMPTY_FACTS, abi: null, sections: {} });
    expect(items.slice(0, 3)).toEqual(['ABI right', 'ABI left', 'TBI']);
    expect(items).toEqual(
      expect.arrayContaining(['relevant medications', 'recent surgery or stays', 'smoking status']),
    );
    render(<EvidencePanel facts={EMPTY_FACTS} abi={null} sections={{}} dataIssues={[]} now={NOW} />);
    expect(screen.queryByTestId('evidence-medications')).toBeNull();
  });

  it('shows a bedside toe pressure entered on the form beside the chart rows', () => {
    const withToe = {
      ...abi!,
      toePressure: { value: 25, side: 'right' as const, source: 'form' as const },
      meetsCltiHaemodynamics: true,
    };
    render(<EvidencePanel facts={PAD_FACTS} abi={withToe} sections={{}} dataIssues={[]} now={NOW} />);
    expect(screen.getByTestId('form-entry-toe-pressure-right')).toHaveTextContent(
      /25 mmHg\s*Form\s*entered on the form/,
    );
    expect(screen.getByTestId('not-on-file')).not.toHaveTextContent('toe pressure');
  });

  it('shows three conditions per group on a heavy chart, active first, and the rest on request', async () => {
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
      .filter((li) => !li.closest('[hidden]'));
    expect(visible.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Diabetes record 4'),
      expect.stringContaining('Diabetes record 3'),
      expect.stringContaining('Diabetes record 2'),
    ]);
    await userEvent.click(within(row).getByRole('button', { name: 'Show 2 more' }));
    expect(within(row).getByText('Diabetes record 0')).toBeVisible();
  });

  it('lists surgery and hospital stays newest first, whatever the precision of their dates', () => {
    const events = [
      { kind: 'surgery' as const, label: 'Hernia repair', date: '2026-09', provenance: { reference: 'Procedure/a' } },
      {
        kind: 'inpatient-stay' as const,
        label: 'Admission for pneumonia',
        date: '2026-11-02T08:15:00Z',
        provenance: { reference: 'Encounter/b' },
      },
      {
        kind: 'surgery' as const,
        label: 'Cataract surgery',
        date: '2026-10-14',
        provenance: { reference: 'Procedure/c' },
      },
    ];
    render(<EvidencePanel facts={{ ...PAD_FACTS, events }} abi={abi} sections={{}} dataIssues={[]} now={NOW} />);
    const text =
      screen.getByRole('heading', { name: 'Surgery and hospital stays' }).closest('section')?.textContent ?? '';
    const at = (label: string) => text.indexOf(label);
    expect(at('Admission for pneumonia')).toBeGreaterThan(-1);
    expect(at('Admission for pneumonia')).toBeLessThan(at('Cataract surgery'));
    expect(at('Cataract surgery')).toBeLessThan(at('Hernia repair'));
  });
});
