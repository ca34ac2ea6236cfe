/**
 * LOINC note types Nocturne can file under (`DocumentReference.type`).
 *
 * Why a short reviewed list: US Core servers must support the eight common clinical-note types (reference §5.2);
 * 11488-4 Consult note fits a consult-style assessment best and is the default, 11506-3 Progress note is the
 * fallback for sites that map consult notes poorly. Other LOINC codes are accepted (a site's configuration may
 * know better) and filed without a display rather than with a guessed one.
 */
export const DEFAULT_NOTE_TYPE = '11488-4';

export const KNOWN_NOTE_TYPES: Readonly<Record<string, string>> = {
  '11488-4': 'Consult note',
  '11506-3': 'Progress note',
  '34117-2': 'History and physical note',
  '51847-2': 'Evaluation + Plan note',
  '34109-9': 'Note',
};

/** LOINC codes are digits, a hyphen and a check digit. */
const LOINC_RE = /^\d{1,7}-\d$/;

export function isLoincCode(code: string): boolean {
  return LOINC_RE.test(code);
}

/** The LOINC check digit (mod 10), so a mistyped configured note type is caught before anything is filed. */
export function loincCheckDigitValid(code: string): boolean {
  if (!isLoincCode(code)) return false;
  const [body, check] = code.split('-') as [string, string];
  const digits = body.split('').map(Number).reverse();
  let sum = 0;
  digits.forEach((d, i) => {
    if (i % 2 === 0) {
      const doubled = d * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else sum += d;
  });
  return (10 - (sum % 10)) % 10 === Number(check);
}

export function noteTypeDisplay(code: string): string | undefined {
  return KNOWN_NOTE_TYPES[code];
}
