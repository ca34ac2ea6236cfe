import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NoLaunchContext, ServerError, SessionExpired, WorkspaceSkeleton, WorkspaceUnavailable } from '@/lib/ui/states';
import { markLaunch } from '@/lib/ui/launch-timing';
import { DiagnosticsDrawer } from '@/lib/ui/diagnostics-drawer';

describe('whole-screen states', () => {
  it('loading shows skeletons with an accessible status, not a blank page', () => {
    render(<WorkspaceSkeleton />);
    expect(screen.getByRole('status', { name: 'Loading chart evidence' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Leg pain assessment');
    expect(screen.getByRole('heading', { name: 'Decision summary' })).toBeInTheDocument();
  });

  it('a workspace file that did not download is said as Nocturne’s own failure, with a reload that keeps the session', async () => {
    const onReload = vi.fn();
    render(<WorkspaceUnavailable onReload={onReload} />);
    expect(screen.getByRole('heading', { name: 'Nocturne could not load its workspace' })).toBeInTheDocument();
    expect(screen.getByText(/the EHR session is kept/)).toBeInTheDocument();
    expect(screen.getByText('Nothing you typed is lost.')).toBeInTheDocument();
    expect(screen.queryByText(/EHR’s server/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('session expired explains how to relaunch and that the answers are kept', () => {
    render(<SessionExpired launcherUrl="http://localhost:4010" draftKept />);
    expect(screen.getByRole('heading', { name: /Your EHR session has ended/ })).toBeInTheDocument();
    expect(screen.getByText(/Your answers are kept/)).toBeInTheDocument();
    expect(screen.getByText(/Open Nocturne again from the EHR/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Relaunch from the sandbox launcher' })).toHaveAttribute(
      'href',
      'http://localhost:4010',
    );
  });

  it('without EHR context links to the sandbox launcher', () => {
    render(<NoLaunchContext launcherUrl="http://localhost:4010" />);
    expect(screen.getByRole('heading', { name: /Open Nocturne from the EHR/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /local SMART sandbox launcher/ })).toHaveAttribute(
      'href',
      'http://localhost:4010',
    );
  });

  it('server error offers retry', async () => {
    const retry = vi.fn();
    render(<ServerError message="The FHIR server answered 503." onRetry={retry} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The FHIR server answered 503.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
  });
});

describe('DiagnosticsDrawer', () => {
  it('lists each FHIR query with count and timing when opened', async () => {
    render(
      <DiagnosticsDrawer
        entries={[
          { label: 'Observation?code=…', status: 'ok', count: 12, ms: 84.2, pages: 2 },
          { label: 'Condition?patient=…', status: 'error', ms: 30 },
        ]}
      />,
    );
    expect(screen.queryByRole('table')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show FHIR diagnostics (2 queries)' }));
    const table = screen.getByRole('table');
    expect(table).toHaveTextContent(/Observation\?code=…\s*ok\s*12 \(2 pages\)\s*84 ms/);
    expect(table).toHaveTextContent(/Condition\?patient=…\s*error\s*—\s*30 ms/);
  });
});

describe('launch milestones', () => {
  it('are User Timing marks named nocturne:…, set once per page load, carrying nothing but a time', () => {
    performance.clearMarks();
    markLaunch('framework-ready');
    markLaunch('framework-ready');
    markLaunch('session-ready');
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('nocturne:'));
    expect(marks.map((m) => m.name)).toEqual(['nocturne:framework-ready', 'nocturne:session-ready']);
    expect(marks.every((m) => (m as PerformanceMark).detail === null)).toBe(true);
  });
});
