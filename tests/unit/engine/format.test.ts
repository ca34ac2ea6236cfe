/**
 * The one formatter (lib/engine/format.ts): the screen, the note and the engine's evidence labels print clinical
 * values, units, dates and words through it, so these cases hold for all three.
 */
import {
  ageInYears,
  capitalise,
  formatAgo,
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPoints,
  formatUnit,
  formatValue,
  inSentence,
  isoDay,
} from '@/lib/engine/format';

describe('formatNumber / formatValue', () => {
  it('rounds to the reporting precision of each concept and leaves recorded precision alone', () => {
    expect(formatNumber('hba1c', 9.013)).toBe('9.0');
    expect(formatNumber('hba1c', 8.4)).toBe('8.4');
    expect(formatNumber('glucose', 189.168)).toBe('189');
    expect(formatNumber('creatinine', 1.234)).toBe('1.23');
    expect(formatNumber('abi', 0.4521)).toBe('0.45');
    expect(formatNumber('egfr', 68)).toBe('68');
  });

  it('prints ratios with two decimals, as vascular labs report them', () => {
    expect(formatNumber('abi', 0.5)).toBe('0.50');
    expect(formatNumber('tbi', 1)).toBe('1.00');
  });

  it('never rounds a value across a cut-off the engine compares against', () => {
    expect(formatNumber('potassium', 3.46)).toBe('3.46');
    expect(formatNumber('magnesium', 1.68)).toBe('1.68');
    expect(formatNumber('bmi', 29.96)).toBe('29.96');
    expect(formatNumber('d-dimer', 499.6)).toBe('499.6');
    expect(formatNumber('toe-pressure', 29.6)).toBe('29.6');
    expect(formatNumber('potassium', 3.64)).toBe('3.6');
  });

  it('adds the unit as a clinician writes it', () => {
    expect(formatValue('magnesium', 1.4586)).toBe('1.5 mg/dL');
    expect(formatValue('egfr', 52)).toBe('52 mL/min/1.73 m²');
    expect(formatValue('abi', 0.45)).toBe('0.45');
    expect(formatValue('toe-pressure', 25)).toBe('25 mmHg');
  });
});

describe('formatUnit', () => {
  it('writes recorded units for people', () => {
    expect(formatUnit('ng/mL DDU DDU (approximate ×2 to FEU)')).toBe('ng/mL DDU');
    expect(formatUnit('mL/min/{1.73_m2}')).toBe('mL/min/1.73 m²');
    expect(formatUnit('umol/L')).toBe('µmol/L');
    expect(formatUnit('ng/mL{DDU}')).toBe('ng/mL DDU');
    expect(formatUnit('mm[Hg]')).toBe('mmHg');
    expect(formatUnit('ug/L')).toBe('µg/L');
    expect(formatUnit('m[IU]/L')).toBe('mIU/L');
    expect(formatUnit('{ratio}')).toBe('');
  });
});

describe('dates', () => {
  it('reads calendar dates from the string, never through the local clock', () => {
    expect(formatDate('2026-10-12')).toBe('12 Oct 2026');
    expect(formatDate('2026-10-12T23:30:00-08:00')).toBe('12 Oct 2026');
    expect(formatDate('2026-10')).toBe('Oct 2026');
    expect(formatDate('2026')).toBe('2026');
    expect(formatDate(undefined)).toBe('date not recorded');
    expect(isoDay('2026-10-12T23:30:00Z')).toBe('2026-10-12');
    expect(isoDay(undefined)).toBe('undated');
  });

  it('states an instant with its time zone', () => {
    expect(formatDateTime('2026-11-26T15:49:47.000Z')).toBe('2026-11-26 15:49 UTC');
    expect(formatDateTime('2026-11-26T15:49:47.000Z', 'America/New_York')).toBe('2026-11-26 10:49 EST');
    expect(formatDateTime('2026-11-26T15:49:47.000Z', 'Not/AZone')).toBe('2026-11-26 15:49 UTC');
    expect(formatDateTime('garbage')).toBe('garbage');
  });

  it('says how long ago in words a clinician skims', () => {
    const now = new Date('2026-12-02T09:00:00Z');
    expect(formatAgo('2026-12-02', now)).toBe('today');
    expect(formatAgo('2026-11-27', now)).toBe('5 d ago');
    expect(formatAgo('2026-10-20', now)).toBe('6 wk ago');
    expect(formatAgo('2022-11-01', now)).toBe('4 y ago');
    expect(formatAgo('2027-01-01', now)).toBe('in the future');
    expect(formatAgo(undefined, now)).toBeNull();
  });

  it('computes an age in whole years, and refuses impossible ones', () => {
    const now = new Date('2026-12-02T09:00:00Z');
    expect(ageInYears('1955-12-03', now)).toBe(70);
    expect(ageInYears('1955-12-02', now)).toBe(71);
    expect(ageInYears('1955', now)).toBe(71);
    expect(ageInYears('2030-01-01', now)).toBeUndefined();
    expect(ageInYears('1890-01-01', now)).toBeUndefined();
    expect(ageInYears('not a date', now)).toBeUndefined();
  });

  it('writes durations in the unit a clinician uses', () => {
    expect(formatDuration(0.05)).toBe('less than a day');
    expect(formatDuration(1 / 7)).toBe('1 day');
    expect(formatDuration(1)).toBe('7 days');
    expect(formatDuration(6)).toBe('6 weeks');
    expect(formatDuration(26)).toBe('about 6 months');
    expect(formatDuration(260)).toBe('about 5 years');
  });
});

describe('words', () => {
  it('puts a label inside a sentence without breaking acronyms', () => {
    expect(inSentence('Pedal pulses absent')).toBe('pedal pulses absent');
    expect(inSentence('ABI 0.45')).toBe('ABI 0.45');
    expect(inSentence('HbA1c 9.0 %')).toBe('HbA1c 9.0 %');
    expect(inSentence('eGFR 52')).toBe('eGFR 52');
    expect(inSentence('TcPO2 25 mmHg')).toBe('TcPO2 25 mmHg');
    expect(inSentence('Another diagnosis at least as likely as DVT')).toBe(
      'another diagnosis at least as likely as DVT',
    );
  });

  it('capitalises a sentence start unless it is a term of art', () => {
    expect(capitalise('pedal pulses absent')).toBe('Pedal pulses absent');
    expect(capitalise('eGFR 52 mL/min')).toBe('eGFR 52 mL/min');
    expect(capitalise('')).toBe('');
  });

  it('signs points with a true minus', () => {
    expect(formatPoints(3)).toBe('+3');
    expect(formatPoints(-2)).toBe('\u22122');
    expect(formatPoints(0)).toBe('0');
  });
});
