/**
 * Safe text: what may reach a note, a downloaded file or a terminal from text Nocturne did not write itself (chart
 * labels, the patient's name, the clinician's comment, an edited note).
 *
 * Why: a chart is untrusted input. A condition label carrying ANSI escape sequences can clear a terminal and print
 * fake lines when the CLI prints the note; a right-to-left override (U+202E) makes "ABI 0.45" display as something
 * else in an editor while the bytes say otherwise; a newline inside a label can forge a whole section ("RED FLAGS
 * … none") in a plain-text note. None of these characters has a legitimate use in a clinical note, so they are
 * removed rather than escaped: escaping would put noise like "\u202e" in front of a clinician.
 *
 * Kept: printable text in any script, tabs and line breaks (multi-line text only), and the zero-width joiners that
 * some scripts need. Removed: terminal escape sequences (CSI, OSC) as a whole, every other C0/C1 control character,
 * DEL, the bidirectional embedding/override/isolate controls and marks, and the Unicode line/paragraph separators
 * (which some editors treat as line breaks).
 *
 * Pure, no project imports (lib/core): the note renderer, the UI's download and the CLI share it.
 */

/** ESC [ … final byte (CSI, e.g. "\x1b[2J"), ESC ] … BEL or ST (OSC, e.g. terminal title), and 8-bit CSI. */
const ESCAPE_SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]/g;

/**
 * Bidirectional controls: LRE, RLE, PDF, LRO, RLO (U+202A–E), LRI, RLI, FSI, PDI (U+2066–9), the marks LRM, RLM
 * (U+200E–F) and ALM (U+061C).
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** C0 controls except tab and line feed, DEL, C1 controls. Carriage returns are normalised before this runs. */
// eslint-disable-next-line no-control-regex
const CONTROLS_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// eslint-disable-next-line no-control-regex
const CONTROLS_INLINE = /[\u0000-\u001f\u007f-\u009f]/g;

/** Line and paragraph separators, and the byte-order mark / zero-width no-break space. */
const SEPARATORS = /[\u2028\u2029]/g;
const BOM = /\ufeff/g;

/**
 * Multi-line text (a comment, a whole note): line breaks and tabs stay; CRLF and lone CR become LF; escape
 * sequences and other control, bidi and separator characters are removed.
 */
export function safeText(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCES, '')
    .replace(/\r\n?/g, '\n')
    .replace(SEPARATORS, '\n')
    .replace(BIDI_CONTROLS, '')
    .replace(BOM, '')
    .replace(CONTROLS_MULTILINE, '');
}

/**
 * One-line text (a chart label, a name): like {@link safeText}, and every line break or tab becomes a single space,
 * so a value can never start a new line of the note.
 */
export function safeInline(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCES, '')
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(BIDI_CONTROLS, '')
    .replace(BOM, '')
    .replace(CONTROLS_INLINE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** True when the text holds nothing {@link safeText} would remove (for tests and assertions). */
export function isSafeText(text: string): boolean {
  return safeText(text) === text.replace(/\r\n?/g, '\n');
}
