/**
 * Patient → PatientFact (birth date, sex) plus the display header (name, id).
 *
 * The name goes to the UI header only; it is never copied into facts, data issues or logs.
 */
import type { PatientFact } from '@/lib/engine/facts';
import { describeZodError, isDate, type Mapped } from './fhir-helpers';
import { patientSchema } from './schemas/patient';

export interface PatientHeader {
  readonly id?: string;
  readonly name?: string;
  readonly birthDate?: string;
  readonly sex?: string;
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
      issues: [{ resource: reference, problem: `Patient could not be read (${describeZodError(parsed.error)}).` }],
    };
  }
  const p = parsed.data;
  const issues = [];
  let birthDate: string | undefined;
  if (p.birthDate !== undefined) {
    if (isDate(p.birthDate)) birthDate = p.birthDate;
    else issues.push({ resource: reference, problem: 'Birth date is not a valid date; age is unknown.' });
  }
  const gender = p.gender?.trim().toLowerCase();
  const sex = gender !== undefined && SEXES.has(gender) ? (gender as PatientFact['sex']) : undefined;
  const official = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  const name = official
    ? (official.text ?? [...(official.given ?? []), official.family].filter((s) => s !== undefined).join(' '))
    : undefined;
  const id = reference.startsWith('Patient/') ? reference.slice('Patient/'.length) : p.id;
  return {
    value: {
      fact: {
        ...(birthDate ? { birthDate } : {}),
        ...(sex ? { sex } : {}),
        provenance: { reference, ...(birthDate ? { date: birthDate } : {}) },
      },
      header: {
        ...(id ? { id } : {}),
        ...(name ? { name } : {}),
        ...(birthDate ? { birthDate } : {}),
        ...(sex ? { sex } : {}),
      },
    },
    issues,
  };
}
