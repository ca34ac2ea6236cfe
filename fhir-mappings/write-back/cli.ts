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
  readonly bundle?: Bundle;
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
  const encounterId = args.encounter?.replace(/^Encounter\//, '');
  const encounter = encounterId
    ? (resourcesOf(args.bundle, 'Encounter') as Encounter[]).find((e) => e.id === encounterId)
    : undefined;
  const now = args.now ?? args.assessment.generatedAt;
  if (errors.length || !patientId) return { ok: false, errors };

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

  const issues = validateWriteBackResources(result.resources).filter(
    (i) => i.severity === 'error' || i.severity === 'fatal',
  );
  if (issues.length) {
    return {
      ok: false,
      errors: issues.map((i) => `Invalid ${i.resourceType}${i.path ? ` at ${i.path}` : ''}: ${i.message}`),
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
    warnings: result.warnings,
  };
}
