/**
 * The one formatter for clinical values, dates and words: the workspace, the note and the engine's own evidence
 * labels all print through it, so a lab value can never read differently on screen and in the chart.
 *
 * Why it lives in the engine: rounding depends on the engine's cut-offs (see {@link formatNumber}), and every
 * layer that shows clinical text (write-back, UI) already imports the engine. Pure: no IO, no clock (the current
 * time is always a parameter), and locale-free output, identical on the server, in the browser and in tests.
 *
 * Why dates are read from the ISO string and not through `Date`: a FHIR date "2026-10-12" must never shift to the
 * 11th because the browser sits west of UTC. Only instants (with a time) are converted, and only to the time zone
 * the caller names.
 */
import { DAY_MS } from '@/lib/core/time';
import type { ObservationConcept } from './facts';
import { CLTI, LAB_CUTOFFS, VITALS, WIFI } from './thresholds';

// ---------- numbers and units ----------

/** Display units (the canonical units, written for people). */
export const DISPLAY_UNITS: Readonly<Record<ObservationConcept, string>> = {
  hba1c: '%',
  glucose: 'mg/dL',
  ferritin: 'µg/L',
  iron: 'µg/dL',
  tibc: 'µg/dL',
  'transferrin-saturation': '%',
  potassium: 'mmol/L',
  magnesium: 'mg/dL',
  calcium: 'mg/dL',
  creatinine: 'mg/dL',
  egfr: 'mL/min/1.73 m²',
  tsh: 'mIU/L',
  'd-dimer': 'ng/mL FEU',
  'vitamin-b12': 'pg/mL',
  hemoglobin: 'g/dL',
  bmi: 'kg/m²',
  'heart-rate': '/min',
  spo2: '%',
  abi: '',
  tbi: '',
  'ankle-pressure': 'mmHg',
  'toe-pressure': 'mmHg',
  tcpo2: 'mmHg',
};

/** Decimals each concept is reported with (usual laboratory / vascular-lab practice, canonical units). */
export const DISPLAY_DECIMALS: Readonly<Record<ObservationConcept, number>> = {
  hba1c: 1,
  glucose: 0,
  ferritin: 0,
  iron: 0,
  tibc: 0,
  'transferrin-saturation': 0,
  potassium: 1,
  magnesium: 1,
  calcium: 1,
  creatinine: 2,
  egfr: 0,
  tsh: 2,
  'd-dimer': 0,
  'vitamin-b12': 0,
  hemoglobin: 1,
  bmi: 1,
  'heart-rate': 0,
  spo2: 0,
  abi: 2,
  tbi: 2,
  'ankle-pressure': 0,
  'toe-pressure': 0,
  tcpo2: 0,
};

/** Ratios are always printed at their full reporting precision, as vascular labs do ("0.50", never "0.5"). */
const FIXED_DECIMALS: ReadonlySet<ObservationConcept> = new Set(['abi', 'tbi']);

/**
 * Cut-offs the engine compares each concept against (canonical units). ABI and TBI are left out: the engine itself
 * compares them after rounding to two decimals, which is the display precision.
 */
const CUTOFFS: Readonly<Partial<Record<ObservationConcept, readonly number[]>>> = {
  potassium: [LAB_CUTOFFS.potassiumBelow],
  magnesium: [LAB_CUTOFFS.magnesiumBelow],
  calcium: [LAB_CUTOFFS.calciumBelow],
  hba1c: [LAB_CUTOFFS.hba1cFrom],
  'vitamin-b12': [LAB_CUTOFFS.b12Below],
  egfr: [LAB_CUTOFFS.egfrBelow],
  bmi: [LAB_CUTOFFS.bmiFrom],
  'd-dimer': [LAB_CUTOFFS.dDimerFeuCutoff],
  ferritin: [LAB_CUTOFFS.ferritinSupplementMax],
  'transferrin-saturation': [LAB_CUTOFFS.tsatBelow],
  'heart-rate': [VITALS.heartRateFrom],
  spo2: [VITALS.spo2Below],
  'ankle-pressure': [
    CLTI.anklePressureBelow,
    WIFI.anklePressure.grade0Above,
    WIFI.anklePressure.grade1From,
    WIFI.anklePressure.grade2From,
  ],
  'toe-pressure': [CLTI.toePressureBelow, WIFI.toeOrTcpo2.grade0From, WIFI.toeOrTcpo2.grade1From],
  tcpo2: [CLTI.tcpo2Below, WIFI.toeOrTcpo2.grade0From, WIFI.toeOrTcpo2.grade1From],
};

function decimalsOf(value: number): number {
  const s = String(value);
  if (s.includes('e')) return 20;
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
}

function crossesCutoff(value: number, shown: number, cutoffs: readonly number[]): boolean {
  return cutoffs.some((c) => Math.sign(value - c) !== Math.sign(shown - c));
}

/**
 * A value at its concept's reporting precision: `9.013` HbA1c → "9.0", `189.168` glucose → "189", `8.4` → "8.4"
 * (a lab value already at or below the precision is printed as recorded; ABI and TBI always with two decimals).
 *
 * Why the cut-off guard: unit conversion gives values like 9.013 % (from 75 mmol/mol); the engine keeps the exact
 * value (that is what the rules compared) and rounding must never move it across a threshold the engine used.
 * Potassium 3.46 is below the 3.5 mmol/L cramp cut-off; printed as "3.5" it would read as normal next to a point
 * for hypokalaemia. When rounding would cross a cut-off, or land exactly on one the value is not equal to, one more
 * decimal is shown (up to three more): conservative, since the extra digit never misleads.
 */
export function formatNumber(concept: ObservationConcept, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const base = DISPLAY_DECIMALS[concept];
  if (decimalsOf(value) <= base) return FIXED_DECIMALS.has(concept) ? value.toFixed(base) : String(value);
  const cutoffs = CUTOFFS[concept] ?? [];
  for (let d = base; d < base + 3; d++) {
    const shown = value.toFixed(d);
    if (!crossesCutoff(value, Number(shown), cutoffs)) return shown;
  }
  return value.toFixed(base + 3);
}

/** A value in the concept's canonical unit, as a clinician writes it: "4.2 mmol/L", "ABI 0.52" → "0.52". */
export function formatValue(concept: ObservationConcept, value: number): string {
  const unit = DISPLAY_UNITS[concept];
  const shown = formatNumber(concept, value);
  return unit ? `${shown} ${unit}` : shown;
}

/** A plain number as recorded (no concept): integers as is, otherwise at most two decimals. */
export function formatPlainNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** Units whose spelling for people is not derivable from the UCUM code by the general rules below. */
const UNIT_SPELLING: Readonly<Record<string, string>> = {
  '{ratio}': '',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  'kg/m2': 'kg/m²',
  'ng/mL{FEU}': 'ng/mL FEU',
};

/**
 * A recorded unit written for people: UCUM annotations and brackets dropped ("ng/mL{DDU}" → "ng/mL DDU",
 * "mm[Hg]" → "mmHg", "ug/L" → "µg/L", "m[IU]/L" → "mIU/L"), parenthetical remarks removed and repeated words
 * collapsed.
 */
export function formatUnit(unit: string): string {
  const known = UNIT_SPELLING[unit];
  if (known !== undefined) return known;
  const words = unit
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\/\{([^}]*)\}/g, '/$1')
    .replace(/\{([^}]*)\}/g, ' $1')
    .replace(/\[([^\]]*)\]/g, '$1')
    .replace(/\bu(g|mol|L)\b/g, 'µ$1')
    .replace(/_/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.filter((w, i) => i === 0 || w.toLowerCase() !== words[i - 1]!.toLowerCase()).join(' ');
}

/** Signed points, e.g. `+3`, `−2` (true minus sign for legibility). */
export function formatPoints(weight: number): string {
  if (weight > 0) return `+${weight}`;
  if (weight < 0) return `\u2212${Math.abs(weight)}`;
  return '0';
}

// ---------- dates, ages and durations ----------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const DATE_PARTS = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/** The calendar day of an ISO date or instant, `2026-10-12`; "undated" when there is none. */
export function isoDay(date: string | undefined): string {
  return date ? date.slice(0, 10) : 'undated';
}

/** An instant carries a time of day; a FHIR `date` ("2026-10-12", "2026-10", "2026") does not. */
const HAS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** True when `timeZone` is an IANA zone this runtime knows ("Europe/London", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  return dayFormatter(timeZone) !== null;
}

/**
 * One `Intl.DateTimeFormat` per zone and style, made once: constructing one costs far more than formatting with it
 * (≈ 0.1–0.5 ms), and the workspace formats every dated finding on every render — 76 ms of a launch's first render
 * before this cache (issue 13). Null for a zone this runtime does not know.
 */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(key: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat | null {
  const cacheKey = `${key}|${timeZone}`;
  let f = formatters.get(cacheKey);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { ...options, timeZone });
    } catch {
      f = null;
    }
    formatters.set(cacheKey, f);
  }
  return f;
}

const dayFormatter = (timeZone: string) =>
  formatter('day', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone; undefined when it cannot be computed. */
function dayInZone(iso: string, timeZone: string): string | undefined {
  const d = new Date(iso);
  const f = dayFormatter(timeZone);
  if (Number.isNaN(d.getTime()) || !f) return undefined;
  const parts = f.formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * `2026-10-12…` → `12 Oct 2026`, unambiguous in every country; partial dates (`2026-10`, `2026`) stay partial;
 * anything unreadable is shown as written; a missing date says so.
 *
 * With a `timeZone`, an instant (a date with a time) is shown on the calendar day it falls on in that zone: a result
 * taken at 01:30 UTC on the 12th was taken on the 11th in New York. A plain date is a calendar day already and is
 * never shifted.
 */
export function formatDate(iso: string | undefined, timeZone?: string): string {
  if (!iso) return 'date not recorded';
  const local = timeZone !== undefined && HAS_TIME.test(iso) ? dayInZone(iso, timeZone) : undefined;
  const m = DATE_PARTS.exec(local ?? iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = mo ? MONTHS[Number(mo) - 1] : undefined;
  if (!month) return y ?? iso;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/**
 * An instant with its time, in the named IANA time zone (the clinician's, or UTC), stated with the zone so a time
 * is never ambiguous: `2026-11-26 15:49 UTC`, `2026-11-26 10:49 EST`.
 */
export function formatDateTime(iso: string, timeZone = 'UTC'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (timeZone === 'UTC') {
    // The common case (the workspace's "read at" times) without ICU: the first Intl.DateTimeFormat a page makes costs
    // ≈ 35 ms of zone data loading, paid inside the workspace's first render (issue 13).
    const pad = (n: number) => String(n).padStart(2, '0');
    return (
      `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`
    );
  }
  const f = formatter('minute', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  if (!f) return formatDateTime(iso, 'UTC');
  const parts = f.formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

/**
 * An instant in words, in the named IANA time zone, with the zone stated: `2 Dec 2026, 03:22 EST`. For a note's
 * header, where the one time of the document is read by people (the other dates in the note are calendar days).
 */
export function formatDateTimeWords(iso: string, timeZone = 'UTC'): string {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  const numeric = formatDateTime(iso, zone);
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) (.+)$/.exec(numeric);
  if (!m) return numeric;
  const [, day, time, name] = m as unknown as [string, string, string, string];
  return `${formatDate(day)}, ${time} ${name}`;
}

function utcDay(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** How long ago, in words a clinician skims: "today", "5 d ago", "6 wk ago", "14 mo ago", "3 y ago". */
export function formatAgo(iso: string | undefined, now: Date): string | null {
  if (!iso) return null;
  const then = utcDay(iso);
  if (then === null) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Math.round((today - then) / DAY_MS);
  if (days < 0) return 'in the future';
  if (days === 0) return 'today';
  if (days < 14) return `${days} d ago`;
  if (days < 120) return `${Math.round(days / 7)} wk ago`;
  if (days < 730) return `${Math.round(days / 30.44)} mo ago`;
  return `${Math.floor(days / 365.25)} y ago`;
}

/** `12 Oct 2026 (6 wk ago)`. */
export function formatDateAgo(iso: string | undefined, now: Date): string {
  const ago = formatAgo(iso, now);
  return ago ? `${formatDate(iso)} (${ago})` : formatDate(iso);
}

/**
 * Age in whole years on `now`'s calendar day, from a FHIR date (a year or year-month counts from its first day);
 * undefined when the birth date is missing, unreadable, in the future or implausible (≥ 130 years).
 */
export function ageInYears(birthDate: string | undefined, now: Date): number | undefined {
  if (!birthDate) return undefined;
  const m = DATE_PARTS.exec(birthDate);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  let age = now.getUTCFullYear() - y;
  const beforeBirthday = now.getUTCMonth() + 1 < mo || (now.getUTCMonth() + 1 === mo && now.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age >= 0 && age < 130 ? age : undefined;
}

/**
 * How long the pain has been present, in the unit a clinician would use: days below two weeks (never "0 weeks" or
 * "0.3 weeks"), weeks below three months, then months, then years.
 */
export function formatDuration(weeks: number): string {
  if (!Number.isFinite(weeks) || weeks < 0) return `${weeks} weeks`;
  if (weeks < 2) {
    const days = Math.round(weeks * 7);
    if (days < 1) return 'less than a day';
    return `${days} day${days === 1 ? '' : 's'}`;
  }
  if (weeks < 13) return `${Math.round(weeks)} weeks`;
  if (weeks < 104) return `about ${Math.round((weeks * 7) / 30.44)} months`;
  return `about ${Math.round((weeks * 7) / 365.25)} years`;
}

// ---------- words ----------

/** A word written with capitals or digits inside it is an acronym or a term of art (DVT, ABI, HbA1c, TcPO2, eGFR). */
function keepsCase(word: string): boolean {
  return /[A-Z].*[A-Z0-9]|[A-Z]{2}|\d[A-Za-z]|[A-Za-z]\d|^[a-z]+[A-Z]/.test(word);
}

/** Capitalises the first letter, unless the first word keeps its case ("eGFR 52 …" stays as is). */
export function capitalise(text: string): string {
  if (text.length === 0) return text;
  const first = text.split(/\s/, 1)[0] ?? '';
  return keepsCase(first) ? text : text[0]!.toUpperCase() + text.slice(1);
}

const CAPITALISED = new Map<string, string>();

/**
 * `capitalise` memoised for the engine's own fixed phrases (reasons, labels). Only call it with strings from the
 * rule tables, never with chart text, so the memo stays bounded.
 */
export function capitaliseStatic(text: string): string {
  let c = CAPITALISED.get(text);
  if (c === undefined) {
    c = capitalise(text);
    CAPITALISED.set(text, c);
  }
  return c;
}

/**
 * A label inside a sentence: its first word lower-cased unless it is an acronym or term of art ("Pedal pulses
 * absent" → "pedal pulses absent"; "ABI 0.45" and "HbA1c 9.0 %" stay as written).
 */
export function inSentence(label: string): string {
  if (label.length === 0) return label;
  const space = label.search(/\s/);
  const first = space === -1 ? label : label.slice(0, space);
  return keepsCase(first) ? label : first.toLowerCase() + label.slice(first.length);
}

/** A reference as shown beside evidence; never empty. */
export function formatReference(reference: string | undefined): string {
  return reference && reference.length > 0 ? reference : 'no reference';
}
