import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PatientBanner } from '@/lib/ui/patient-banner';

const NOW = new Date('2026-11-26T10:00:00Z');

describe('PatientBanner', () => {
  it('shows name, age, sex and the EHR', () => {
    render(
      <PatientBanner
        patient={{ name: 'Harold Whitfield', birthDate: '1955-10-17', sex: 'male' }}
        serverLabel="localhost:4010/fhir"
        now={NOW}
      />,
    );
    const banner = screen.getByRole('banner', { name: 'Patient' });
    expect(banner).toHaveTextContent('Harold Whitfield');
    expect(banner).toHaveTextContent('71 y');
    expect(banner).toHaveTextContent('Male');
    expect(banner).toHaveTextContent('localhost:4010/fhir');
  });

  it('says a patient recorded as deceased is deceased instead of computing an age', () => {
    render(
      <PatientBanner
        patient={{ name: 'Vito Feeney', birthDate: '1910-01-01', sex: 'male', deceased: { date: '1979-11-07' } }}
        serverLabel="localhost:4010/fhir"
        now={NOW}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      /Recorded as deceased \(.*1979\).*check this is the right chart/,
    );
    expect(screen.getByRole('banner', { name: 'Patient' })).not.toHaveTextContent('116 y');
  });
});
