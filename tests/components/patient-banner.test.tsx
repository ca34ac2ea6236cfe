import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PatientBanner } from '@/lib/ui/patient-banner';

const NOW = new Date('2026-11-26T10:00:00Z');

describe('PatientBanner', () => {
  it('shows the name as the page heading, age and sex, and not the FHIR server', () => {
    render(<PatientBanner patient={{ name: 'Harold Whitfield', birthDate: '1955-10-17', sex: 'male' }} now={NOW} />);
    const banner = screen.getByRole('banner', { name: 'Patient' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Harold Whitfield');
    expect(banner).toHaveTextContent(/Age\s*71 y\s*Sex\s*Male\s*Born\s*17 Oct 1955/);
    expect(banner).not.toHaveTextContent(/fhir|localhost|EHR/i);
  });

  it('says a patient recorded as deceased is deceased instead of computing an age', () => {
    render(
      <PatientBanner
        patient={{ name: 'Vito Feeney', birthDate: '1910-01-01', sex: 'male', deceased: { date: '1979-11-07' } }}
        now={NOW}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      /Recorded as deceased \(.*1979\).*check this is the right chart/,
    );
    expect(screen.getByRole('banner', { name: 'Patient' })).not.toHaveTextContent('116 y');
  });
});
