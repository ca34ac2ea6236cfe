/**
 * Patient → PatientFact (birth date, sex, deceased) plus the display header (name, id).
 *
 * `deceased[x]` matters: an assessment of a patient recorded as deceased (e.g. a test patient, or the wrong
 * chart) would otherwise compute an age from the birth date to today ("Age 116"). It becomes a fact field, a
 * header field and a data issue, so the UI can warn before anyone reads the differential.
 *
 * The name goes to the UI header only; it is never copied into facts, data issues or logs.
 */
import type { PatientFact } from '@/lib/engine/facts';
import { unreadableProblem, invalidDateWords, isFhirDate, type Mapped } from './fhir-helpers';
import { patientSchema } from './schemas/patient';

export interface PatientHeader {
  readonly id?: string;
  readonly name?: string;
  readonly birthDate?: string;
  readonly sex?: string;
  /** Present when the patient is recorded as deceased; `date` from deceasedDateTime. */
  readonly deceased?: { readonly date?: string };
}

const SEXES = new Set(['male', 'female', 'other', 'unknown']);

export function toPatient(
  raw: unknown,
  reference: string,
): Mapped<{ fact: PatientFact; header: PatientHeader } | undefined> {
  const parsed = patientSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      value: undefined,
      issues: [{ resource: reference, problem: unreadableProblem('Patient', parsed.error) }],
    };
  }
  const p = parsed.data;
  const issues = [];
  let birthDate: string | undefined;
  if (p.birthDate !== undefined) {
    if (isFhirDate(p.birthDate, 'date')) birthDate = p.birthDate;
    else issues.push({ resource: reference, problem: `Birth date ${invalidDateWords(p.birthDate)}; age is unknown.` });
  }
  const gender = p.gender?.trim().toLowerCase();
  const sex = gender !== undefined && SEXES.has(gender) ? (gender as PatientFact['sex']) : undefined;
  const official = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  const name = official
    ? (official.text ?? [...(official.given ?? []), official.family].filter((s) => s !== undefined).join(' '))
    : undefined;
  let deceased: { date?: string } | undefined;
  if (typeof p.deceasedDateTime === 'string' && isFhirDate(p.deceasedDateTime, 'dateTime'))
    deceased = { date: p.deceasedDateTime };
  else if (p.deceasedDateTime !== undefined || p.deceasedBoolean === true) deceased = {};
  if (p.deceasedBoolean !== undefined && typeof p.deceasedBoolean !== 'boolean') deceased = {};
  if (deceased) {
    const when = deceased.date ? ` (${deceased.date.slice(0, 10)})` : '';
    issues.push({
      resource: reference,
      problem: `The patient is recorded as deceased${when}; check this is the right chart. Age and recency are not meaningful.`,
    });
  }
  const id = reference.startsWith('Patient/') ? reference.slice('Patient/'.length) : p.id;
  return {
    value: {
      fact: {
        ...(birthDate ? { birthDate } : {}),
        ...(sex ? { sex } : {}),
        ...(deceased ? { deceased } : {}),
        provenance: { reference, ...(birthDate ? { date: birthDate } : {}) },
      },
      header: {
        ...(id ? { id } : {}),
        ...(name ? { name } : {}),
        ...(birthDate ? { birthDate } : {}),
        ...(sex ? { sex } : {}),
        ...(deceased ? { deceased } : {}),
      },
    },
    issues,
  };
}
