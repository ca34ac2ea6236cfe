/**
 * The shape of a reviewed value set (`value-sets/*.json`), validated with zod by the build and the tests
 * (`validateReviewedValueSets`), and of a site's own codes (`local-codes.ts`), validated when the server starts.
 *
 * Value sets are data, not code, so a clinician or terminologist can review them without reading
 * TypeScript, and a site can extend them by configuration (see `local-codes.ts`). Every code carries the
 * verification mark of the clinical reference (✅ verified, ◐ single-source, ⚠ unverified) so unverified
 * codes can be switched off without a code change.
 */
import { z } from 'zod/mini';
import { CONDITION_CONCEPTS, LAB_CONCEPTS, MEDICATION_CLASSES, VASCULAR_CONCEPTS } from '@/lib/engine/facts';

export const VERIFICATION_LEVELS = ['verified', 'single-source', 'unverified'] as const;
export type Verification = (typeof VERIFICATION_LEVELS)[number];

/** A string check: the text compiles as a regular expression (reviewed value sets and a site's own patterns alike). */
export function isRegexSource() {
  return z.refine<string>(
    (source) => {
      try {
        new RegExp(source, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );
}

const regexSource = z.string().check(isRegexSource());

export const valueSetCodeSchema = z.object({
  system: z.string().check(z.minLength(1)),
  code: z.string().check(z.minLength(1)),
  display: z.optional(z.string()),
  verification: z.enum(VERIFICATION_LEVELS),
  /** The code itself means "history of" (e.g. 161508001 History of DVT): the fact is history whatever the status. */
  history: z.optional(z.boolean()),
  /** Laterality carried by the code itself (local codes such as `ABI-R`). */
  side: z.optional(z.enum(['left', 'right'])),
  /** D-dimer unit type carried by the LOINC code. */
  variant: z.optional(z.enum(['FEU', 'DDU'])),
  /** Smoking-status answers only. */
  smokingStatus: z.optional(z.enum(['current', 'former', 'never', 'unknown'])),
  /**
   * The code is a complication that implies the concept (e.g. "Neuropathy due to type 2 diabetes" for
   * diabetes): the fact is marked `implied` and sorts after plain records of the same concept.
   */
  implies: z.optional(z.boolean()),
});
export type ValueSetCode = z.infer<typeof valueSetCodeSchema>;

export const icd10PrefixSchema = z.object({
  prefix: z.string().check(z.regex(/^[A-Z][0-9A-Z.]*$/, 'ICD-10 prefix: a letter, then digits/letters/dots')),
  display: z.optional(z.string()),
  verification: z.enum(VERIFICATION_LEVELS),
  history: z.optional(z.boolean()),
  /**
   * Codes under this prefix imply the concept through a complication, except the listed plain codes
   * (e.g. E11 implies diabetes plainly only as E11.9/E11.65/E11.8/E11.69).
   */
  impliesExcept: z.optional(z.array(z.string())),
});
export type Icd10Prefix = z.infer<typeof icd10PrefixSchema>;

const base = {
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  title: z.string().check(z.minLength(1)),
  purpose: z.string().check(z.minLength(1)),
  source: z.string().check(z.minLength(1)),
  codes: z.array(valueSetCodeSchema),
  icd10Prefixes: z.array(icd10PrefixSchema),
  /**
   * Case-insensitive regular-expression sources, matched against code text and coding displays. Use them
   * for phrases ("peripheral arterial disease"); put acronyms in `textPatternsCaseSensitive`.
   */
  textPatterns: z.array(regexSource),
  /**
   * Case-sensitive sources, for short acronyms that collide with ordinary words in lower case
   * ("PAD" vs "heating pad", "TBI", "RLS", "CKD", "ABI"). Always anchor them as whole words (`\\bPAD\\b`).
   */
  textPatternsCaseSensitive: z.optional(z.array(regexSource)),
  /** Text that vetoes a text match (e.g. "urine" for blood glucose, "family history"). */
  excludeTextPatterns: z.optional(z.array(regexSource)),
};

export const valueSetSchema = z.discriminatedUnion('domain', [
  z.object({
    ...base,
    domain: z.literal('condition'),
    concept: z.enum(CONDITION_CONCEPTS),
    historyTextPatterns: z.optional(z.array(regexSource)),
    /** Every match is history (e.g. amputation). */
    allHistory: z.optional(z.boolean()),
  }),
  z.object({
    ...base,
    domain: z.literal('observation'),
    /** Plausibility limits are not here but in `lib/engine/plausibility.ts`, shared with the form. */
    concept: z.enum([...LAB_CONCEPTS, ...VASCULAR_CONCEPTS]),
  }),
  z.object({ ...base, domain: z.literal('medication'), medClass: z.enum(MEDICATION_CLASSES) }),
  z.object({ ...base, domain: z.literal('smoking-status') }),
  z.object({
    ...base,
    domain: z.literal('smoking-answer'),
    statusTextPatterns: z.array(
      z.object({ status: z.enum(['current', 'former', 'never', 'unknown']), pattern: regexSource }),
    ),
  }),
  z.object({
    ...base,
    domain: z.literal('procedure'),
    eventKind: z.enum(['surgery', 'immobilisation']),
    /**
     * Surgery only: how to tell a procedure done under general or regional anaesthesia (`major`, the Wells item)
     * from a local-anaesthetic one (`minor`), by the procedure's name or code. Minor wins when both match; a
     * procedure that matches neither is left unclassified, and the engine asks instead of guessing.
     */
    surgeryClass: z.optional(
      z.object({
        majorCodes: z.optional(z.array(z.string())),
        major: z.array(regexSource),
        minor: z.array(regexSource),
      }),
    ),
  }),
  z.object({ ...base, domain: z.literal('encounter'), eventKind: z.literal('inpatient-stay') }),
]);
export type ValueSet = z.infer<typeof valueSetSchema>;
export type ValueSetDomain = ValueSet['domain'];
