/**
 * `npm run assess -- … --format fhir [--profile …] [--encounter <id>] [--author <reference>]`: the resources that
 * would be written, as a FHIR transaction Bundle, validated against the R4 definitions before printing.
 *
 * Why a transaction Bundle: it shows exactly how Nocturne would write (POST, `If-None-Exist` on the identifier where
 * the profile uses conditional create) and a FHIR-native server can take it as is. The Provenance points at the
 * note's `urn:uuid` fullUrl, which the server resolves inside the transaction.
 *
 * Why the assessment id is derived (UUID v5) here: a CLI run has no draft to keep a random id in, and the same
 * inputs printing the same identifier is what makes the output diffable and the write idempotent.
 *
 * Node only (imports the validator, which reads the R4 definitions from disk).
 */
import type { Bundle, BundleEntry, Encounter, Resource } from 'fhir/r4';
import type { Assessment } from '../../lib/engine/assessment';
import type { ChartFacts } from '../../lib/engine/facts';
import type { FormAnswers } from '../../lib/form/schema';
import { assessmentIdentifierToken, deriveAssessmentId } from './assessment-id';
import { buildWriteBack, withProvenanceTarget, type WriteBackOptions } from './build';
import { renderNoteText, type NotePatient } from './note-text';
import { isWriteBackProfileId, WRITE_BACK_PROFILE_IDS } from './profiles';
import { validateWriteBackResources } from './validate';

export interface CliWriteBackArgs {
  readonly assessment: Assessment;
  readonly form: FormAnswers;
  readonly facts: ChartFacts;
  /** The input bundle: the Patient id (and the Encounter's start) are read from it when not given. */
  readonly bundle?: Bundle | undefined;
  readonly patientId?: string;
  /** `--profile`; default `us-core`. */
  readonly profile?: string;
  /** `--encounter <id>` (or `Encounter/<id>`). */
  readonly encounter?: string;
  /** `--author <reference>`, e.g. `Practitioner/123`. */
  readonly author?: string;
  /** `--note-type` / NOCTURNE_NOTE_TYPE. */
  readonly noteType?: string;
  /** The same `--now` the assessment used (default: the assessment's generatedAt). */
  readonly now?: string;
  readonly appVersion: string;
  readonly options?: WriteBackOptions;
  /** Patient details for the note's header (as `--format text` prints them). */
  readonly patient?: NotePatient;
}

export type CliWriteBackResult =
  | {
      readonly ok: true;
      /** The transaction Bundle to print (JSON.stringify(bundle, null, 2)). */
      readonly bundle: Bundle;
      /** Things left out on purpose; print to stderr. */
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      /** One line per problem; print to stderr and exit non-zero. */
      readonly errors: readonly string[];
    };

/** Usage lines for the CLI's help text. */
export const WRITE_BACK_CLI_USAGE = [
  `--format fhir            print the resources that would be written (a FHIR transaction Bundle)`,
  `--profile <id>           write-back profile: ${WRITE_BACK_PROFILE_IDS.join(' | ')} (default us-core)`,
  `--encounter <id>         the encounter the note belongs to (required by epic)`,
  `--author <reference>     the note's author, e.g. Practitioner/123 (required by oracle)`,
  `--note-type <loinc>      LOINC note type (default 11488-4 Consult note)`,
].join('\n');

function resourcesOf(bundle: Bundle | undefined, type: Resource['resourceType']): Resource[] {
  return (bundle?.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource] : []));
}

/**
 * Does `reference` (an Encounter's subject) point at Patient `patientId` of this bundle? Accepts the three spellings
 * bundles use: `Patient/<id>`, an absolute URL ending in `Patient/<id>`, and the Patient entry's `fullUrl`
 * (`urn:uuid:…` in Synthea transaction bundles).
 */
function refersToPatient(reference: string | undefined, patientId: string, bundle: Bundle): boolean {
  if (!reference) return false;
  const ref = reference.replace(/\/_history\/[^/]+$/, '');
  if (ref === `Patient/${patientId}` || ref.endsWith(`/Patient/${patientId}`)) return true;
  return (bundle.entry ?? []).some(
    (e) => e.resource?.resourceType === 'Patient' && e.resource.id === patientId && e.fullUrl === ref,
  );
}

/**
 * `--encounter` must name an existing encounter of this patient: Epic (and any EHR) files the note under it, and a
 * made-up or another patient's encounter would misfile a clinical note. With the chart bundle at hand that is
 * checked; without one it cannot be, and the caller is warned.
 */
function checkEncounter(
  encounterId: string,
  patientId: string,
  bundle: Bundle | undefined,
): { readonly error?: string; readonly warning?: string; readonly encounter?: Encounter } {
  if (!bundle) {
    return {
      warning: `--encounter ${encounterId} was not checked (no chart bundle): make sure it is an existing encounter of Patient/${patientId}.`,
    };
  }
  const encounter = (resourcesOf(bundle, 'Encounter') as Encounter[]).find((e) => e.id === encounterId);
  if (!encounter) {
    return {
      error: `--encounter ${encounterId}: no such Encounter in the chart bundle; give the id of an existing encounter of Patient/${patientId}.`,
    };
  }
  const subject = encounter.subject?.reference;
  if (!subject) {
    return {
      error: `--encounter ${encounterId}: the Encounter names no patient, so it cannot be confirmed as an encounter of Patient/${patientId}.`,
    };
  }
  if (!refersToPatient(subject, patientId, bundle)) {
    return {
      error: `--encounter ${encounterId} belongs to another patient (${subject}), not Patient/${patientId}.`,
    };
  }
  return { encounter };
}

/** Builds, validates and packages the write-back for the CLI. Never throws for bad input: returns errors. */
export async function assessCliWriteBack(args: CliWriteBackArgs): Promise<CliWriteBackResult> {
  const errors: string[] = [];
  const profile = args.profile ?? 'us-core';
  if (!isWriteBackProfileId(profile)) {
    return { ok: false, errors: [`--profile "${profile}" is not one of ${WRITE_BACK_PROFILE_IDS.join(', ')}.`] };
  }
  const patients = resourcesOf(args.bundle, 'Patient');
  const patientId = args.patientId ?? (patients.length === 1 ? patients[0]!.id : undefined);
  if (!patientId) {
    errors.push(
      patients.length > 1
        ? 'The bundle holds more than one Patient: cannot tell whose note this is.'
        : 'The bundle holds no Patient with an id: cannot tell whose note this is.',
    );
  }
  const encounterId = args.encounter?.trim().replace(/^Encounter\//, '');
  if (errors.length || !patientId) return { ok: false, errors };
  const checked = encounterId !== undefined ? checkEncounter(encounterId, patientId, args.bundle) : {};
  if (checked.error) return { ok: false, errors: [checked.error] };
  const encounter = checked.encounter;
  const now = args.now ?? args.assessment.generatedAt;

  const noteText = renderNoteText({
    assessment: args.assessment,
    form: args.form,
    facts: args.facts,
    ...(args.patient ? { patient: args.patient } : {}),
    context: { appVersion: args.appVersion, ...(encounterId ? { encounter: `Encounter/${encounterId}` } : {}) },
  });
  const assessmentId = await deriveAssessmentId(
    JSON.stringify([patientId, encounterId ?? null, args.author ?? null, now, noteText]),
  );
  const result = buildWriteBack({
    assessment: args.assessment,
    noteText,
    profile: profile,
    ...(args.noteType ? { noteType: args.noteType } : {}),
    context: {
      assessmentId,
      patientId,
      encounterId: encounterId ?? null,
      fhirUser: args.author ?? null,
      encounterStart: encounter?.period?.start ?? null,
      now,
      appVersion: args.appVersion,
    },
    options: args.options ?? { provenance: true, clinicalImpression: true },
  });
  if (result.errors.length) return { ok: false, errors: result.errors.map((e) => e.message) };

  const issues = validateWriteBackResources(result.resources).filter((i) => i.code === 'error' || i.code === 'fatal');
  if (issues.length) {
    return {
      ok: false,
      errors: issues.map((i) => `Invalid ${i.subject}${i.path ? ` at ${i.path}` : ''}: ${i.message}`),
    };
  }

  const { documentReference, provenance, clinicalImpression } = result.resources;
  const noteUrn = `urn:uuid:${assessmentId}`;
  const conditional = result.profile?.conditionalCreate !== 'never';
  const ifNoneExist = `identifier=${assessmentIdentifierToken(assessmentId)}`;
  const entries: BundleEntry[] = [
    {
      fullUrl: noteUrn,
      resource: documentReference!,
      request: { method: 'POST', url: 'DocumentReference', ...(conditional ? { ifNoneExist } : {}) },
    },
  ];
  if (provenance) {
    entries.push({
      resource: withProvenanceTarget(provenance, noteUrn),
      request: { method: 'POST', url: 'Provenance' },
    });
  }
  if (clinicalImpression) {
    entries.push({
      resource: clinicalImpression,
      request: { method: 'POST', url: 'ClinicalImpression', ifNoneExist },
    });
  }
  return {
    ok: true,
    bundle: {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: entries,
    },
    warnings: checked.warning ? [checked.warning, ...result.warnings] : result.warnings,
  };
}
