/**
 * MedicationRequest → MedicationFact, one per medication class.
 *
 * Real MedicationRequests carry clinical-drug codes (SCD/SBD such as "hydrochlorothiazide 25 MG"), rarely
 * ingredient codes, so the ingredient-code value sets match only when the server sends ingredient codings
 * (or a Medication with ingredient codes); the ingredient name in the text is the backstop and, in
 * practice, the main path. The medication may be inline, a contained Medication, or a Medication
 * elsewhere in the Bundle.
 */
import type { DataIssue, MedicationFact } from '@/lib/engine/facts';
import {
  codingsOf,
  unreadableProblem,
  invalidDateWords,
  readDate,
  validDate,
  type MapContext,
  type Mapped,
} from './fhir-helpers';
import { matchConcept, matchProvenance, unmatchedBelowFloor } from './matcher';
import { medicationRequestSchema, medicationSchema, type Medication } from './schemas/medication-request';
import type { Coding } from './schemas/common';

const ACTIVE = new Set(['active', 'on-hold']);
const STOPPED = new Set(['completed', 'stopped']);

/** Finds a Medication by reference (`Medication/1`, a `urn:uuid:` fullUrl or an absolute URL). */
export type MedicationLookup = (reference: string) => unknown;

export function toMedication(
  raw: unknown,
  reference: string,
  ctx: MapContext,
  lookup: MedicationLookup,
): Mapped<MedicationFact[]> {
  const parsed = medicationRequestSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      value: [],
      issues: [{ resource: reference, problem: unreadableProblem('MedicationRequest', parsed.error) }],
    };
  }
  const req = parsed.data;
  const issues: DataIssue[] = [];
  const codings: Coding[] = [...codingsOf(req.medicationCodeableConcept)];
  const texts: (string | undefined)[] = [req.medicationCodeableConcept?.text];
  const medRef = req.medicationReference?.reference;
  if (medRef !== undefined) {
    const target = medRef.startsWith('#')
      ? (req.contained ?? []).find((c) => c.resourceType === 'Medication' && c.id === medRef.slice(1))
      : lookup(medRef);
    const med = target === undefined ? undefined : medicationSchema.safeParse(target);
    if (med?.success) {
      collectMedication(med.data, codings, texts);
    } else {
      texts.push(req.medicationReference?.display);
      if (req.medicationReference?.display === undefined) {
        issues.push({
          resource: reference,
          problem: 'Medication order points to a Medication that was not found or could not be read; class unknown.',
        });
      }
    }
  }
  const hits = matchConcept(ctx.matchers, 'medication', codings, texts);
  if (hits.length === 0) {
    // An ⚠ ingredient code below the verification floor with no recognisable name: say so, do not drop it.
    for (const vs of unmatchedBelowFloor(ctx.matchers, 'medication', codings, hits)) {
      issues.push({
        resource: reference,
        problem: `Medication order coded with an unverified code for ${vs.title.toLowerCase()}; not used — confirm in the chart (a site can opt in to unverified codes).`,
      });
    }
    return { value: [], issues };
  }

  const status = req.status.trim().toLowerCase();
  const label =
    texts.find((t) => t !== undefined) ?? codings.find((c) => c.display)?.display ?? hits[0]!.valueSet.title;
  if (status === 'entered-in-error') {
    issues.push({
      resource: reference,
      problem: `A medication order (${hits[0]!.valueSet.title.toLowerCase()}) was entered in error; not used.`,
    });
    return { value: [], issues };
  }
  let factStatus: MedicationFact['status'];
  if (ACTIVE.has(status)) factStatus = 'active';
  else if (STOPPED.has(status)) factStatus = 'stopped';
  else return { value: [], issues }; // draft, cancelled (never taken), unknown: nothing the patient took.

  const dated = readDate([req.authoredOn, 'dateTime'], [req.dispenseRequest?.validityPeriod?.start, 'dateTime']);
  const date = validDate(dated);
  if (dated.status === 'invalid') {
    issues.push({
      resource: reference,
      problem: `A medication order (${hits[0]!.valueSet.title.toLowerCase()}): its date ${invalidDateWords(dated.value)}; the order is used without a date.`,
    });
  }
  const value = hits.map((hit): MedicationFact => ({
    medClass: hit.valueSet.medClass,
    label,
    status: factStatus,
    ...(date ? { date } : {}),
    provenance: {
      reference,
      ...(date ? { date } : {}),
      matched: hit.matched,
      valueSet: hit.valueSet.id,
      ...matchProvenance(hit),
    },
  }));
  return { value, issues };
}

function collectMedication(med: Medication, codings: Coding[], texts: (string | undefined)[]): void {
  codings.push(...codingsOf(med.code));
  texts.push(med.code?.text);
  for (const ingredient of med.ingredient ?? []) {
    codings.push(...codingsOf(ingredient.itemCodeableConcept));
    texts.push(ingredient.itemCodeableConcept?.text);
  }
}
