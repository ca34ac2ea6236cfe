/**
 * Formatting for the workspace: dates, ages, numbers and units as a clinician reads them.
 *
 * Why hand-rolled and not `Intl.DateTimeFormat`: output must be identical on the server, in the browser and in
 * tests regardless of locale or time zone; a FHIR date "2026-10-12" must never shift to the 11th because the
 * browser sits west of UTC. Dates are read from the ISO string's calendar part, never through the local clock.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `2026-10-12…` → `12 Oct 2026`; partial dates (`2026-10`, `2026`) stay partial; anything else is shown as is. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return 'date not recorded';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = mo ? MONTHS[Number(mo) - 1] : undefined;
  if (!month) return y ?? iso;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
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
  const days = Math.round((today - then) / 86_400_000);
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

/** Age in whole years at `now`, from a FHIR date; null when the birth date is missing or unreadable. */
export function ageInYears(birthDate: string | undefined, now: Date): number | null {
  if (!birthDate) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  let age = now.getUTCFullYear() - y;
  const beforeBirthday = now.getUTCMonth() + 1 < mo || (now.getUTCMonth() + 1 === mo && now.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : null;
}

/** UCUM canonical units → what a clinician writes. */
const UNIT_DISPLAY: Readonly<Record<string, string>> = {
  '{ratio}': '',
  'mm[Hg]': 'mmHg',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  'm[IU]/L': 'mIU/L',
  'ng/mL{FEU}': 'ng/mL FEU',
  ug: 'µg',
  'ug/L': 'µg/L',
  'ug/dL': 'µg/dL',
  'kg/m2': 'kg/m²',
};

export function formatUnit(unit: string): string {
  return UNIT_DISPLAY[unit] ?? unit;
}

/** A value with its unit; ratios keep two decimals (ABI 0.52), other values as recorded. */
export function formatValue(value: number, unit: string): string {
  const shown = unit === '{ratio}' ? value.toFixed(2) : String(Number(value.toFixed(2)));
  const u = formatUnit(unit);
  return u ? `${shown} ${u}` : shown;
}

/** "Observation/abc" → "Observation abc" is harder to copy; keep the reference as is, but never empty. */
export function formatReference(reference: string | undefined): string {
  return reference && reference.length > 0 ? reference : 'no reference';
}

/** Signed points, e.g. `+3`, `−2` (true minus sign for legibility). */
export function formatPoints(weight: number): string {
  if (weight > 0) return `+${weight}`;
  if (weight < 0) return `\u2212${Math.abs(weight)}`;
  return '0';
}
