/**
 * The text a clinician can see (jsdom has no layout: `hidden` subtrees are removed, print-only and screen-reader-only
 * text are kept out), and the patterns that must never be in it: record ids, `urn:uuid`, field paths, MIME types.
 */
export function visibleText(root: Element): string {
  const clone = root.cloneNode(true) as Element;
  for (const el of clone.querySelectorAll('[hidden], .print-only, .sr-only, [aria-hidden="true"]')) el.remove();
  return clone.textContent ?? '';
}

export const FHIR_INTERNALS: readonly RegExp[] = [
  /\b(Observation|Condition|MedicationRequest|Procedure|Encounter|Patient|Practitioner|DocumentReference)\/[\w.-]+/,
  /urn:uuid/i,
  /\b(exam|history|irlssg|measurements)\.[a-z][A-Za-z]+/,
  /\b(valueQuantity|valueString|effectiveDateTime)\b/,
  /\b(text|application)\/[a-z+.-]+/,
  /\{ratio\}|\{1\.73_m2\}/,
];

/** The internals found in the visible text of `root` (empty when clean). */
export function fhirInternals(root: Element): string[] {
  const text = visibleText(root);
  return FHIR_INTERNALS.flatMap((re) => {
    const m = re.exec(text);
    return m ? [m[0]] : [];
  });
}
