/**
 * The ways out of the panel that need no write permission: copy, download as text, print (or save as PDF).
 *
 * Why these exist beside "Save": a launch without a DocumentReference create scope, an EHR that refuses the note,
 * or a network outage must never leave the clinician without the note. All three work offline and send nothing
 * anywhere; the downloaded file name carries a date only, never the patient's name (files outlive sessions).
 */
import { safeText } from '../../core/safe-text';

export type CopyResult = 'copied' | 'failed';

/** Copies text; falls back to selecting the given textarea and `execCommand('copy')` where the Clipboard API is blocked. */
export async function copyNoteText(text: string, fallbackSource?: HTMLTextAreaElement | null): Promise<CopyResult> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return 'copied';
    }
  } catch {
    // Permission denied (e.g. inside an EHR iframe without clipboard-write): try the selection route.
  }
  try {
    if (fallbackSource) {
      fallbackSource.focus();
      fallbackSource.select();
      // Deprecated but still the only synchronous route inside sandboxed iframes.
      return document.execCommand('copy') ? 'copied' : 'failed';
    }
  } catch {
    // fall through
  }
  return 'failed';
}

/** `nocturne-note-2026-03-14.txt`. */
export function noteFileName(isoDate: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(isoDate)?.[0] ?? 'undated';
  return `nocturne-note-${day}.txt`;
}

/** Downloads the note as a UTF-8 text file (with a BOM so Windows editors read the accents right). */
export function downloadNoteText(text: string, fileName: string): void {
  // The file is opened later in editors and terminals: no control or bidi characters from the chart or the edit.
  const blob = new Blob(['\uFEFF', safeText(text)], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Prints only the note: `body[data-print="note"]` switches the print stylesheet to the note's print copy, and the
 * browser's print dialog offers "Save as PDF".
 */
export function printNote(): void {
  document.body.dataset.print = 'note';
  const cleanup = () => {
    if (document.body.dataset.print === 'note') delete document.body.dataset.print;
  };
  window.addEventListener('afterprint', cleanup, { once: true });
  try {
    window.print();
  } finally {
    // Some browsers return from print() before printing; afterprint cleans up there. Others never fire it.
    setTimeout(cleanup, 1000);
  }
}
