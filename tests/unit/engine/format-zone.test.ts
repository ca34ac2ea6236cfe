/**
 * Dates in the clinician's time zone (issue 12): the note's one time with its zone named, and the calendar day of an
 * instant as it was where the clinician is. Plain FHIR dates are never shifted.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDateTimeWords, isTimeZone } from '@/lib/engine/format';

describe('formatDate with a time zone', () => {
  it('shows an instant on its local calendar day', () => {
    expect(formatDate('2026-10-12T01:30:00Z')).toBe('12 Oct 2026');
    expect(formatDate('2026-10-12T01:30:00Z', 'America/New_York')).toBe('11 Oct 2026');
    expect(formatDate('2026-10-12T20:30:00Z', 'Asia/Tokyo')).toBe('13 Oct 2026');
  });

  it('never shifts a plain date, and keeps partial dates partial', () => {
    expect(formatDate('2026-10-12', 'America/New_York')).toBe('12 Oct 2026');
    expect(formatDate('2023-12', 'Asia/Tokyo')).toBe('Dec 2023');
  });

  it('an unknown zone leaves the date as written', () => {
    expect(formatDate('2026-10-12T01:30:00Z', 'Mars/Olympus')).toBe('12 Oct 2026');
  });
});

describe('formatDateTimeWords', () => {
  it('gives the time in the zone, with the zone named, summer and winter', () => {
    expect(formatDateTimeWords('2026-12-02T08:22:00Z', 'America/New_York')).toBe('2 Dec 2026, 03:22 EST');
    expect(formatDateTimeWords('2026-07-02T08:22:00Z', 'America/New_York')).toBe('2 Jul 2026, 04:22 EDT');
    expect(formatDateTimeWords('2026-12-02T08:22:00Z')).toBe('2 Dec 2026, 08:22 UTC');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(formatDateTimeWords('2026-12-02T08:22:00Z', 'Nowhere/Land')).toBe('2 Dec 2026, 08:22 UTC');
  });

  it('isTimeZone knows IANA zones', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Londn')).toBe(false);
  });
});

describe('formatDateTime in UTC without Intl', () => {
  it('says exactly what the Intl formatter says, midnight, leap day and year end included', () => {
    const viaIntl = (iso: string) => {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'UTC',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      }).formatToParts(new Date(iso));
      const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
      return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
    };
    for (const iso of [
      '2026-12-02T08:22:00Z',
      '2026-01-01T00:00:00Z',
      '2028-02-29T23:59:59.999Z',
      '2026-12-31T23:59:00-05:00',
      '2026-06-15T09:05:00+09:30',
    ]) {
      expect(formatDateTime(iso, 'UTC')).toBe(viaIntl(iso));
    }
    expect(formatDateTime('not a date', 'UTC')).toBe('not a date');
  });
});
