/**
 * The note's text as blocks for the print view: the title, section headings, paragraphs and the closing
 * decision-support line.
 *
 * Why the print view is built from the text and not from the assessment: what is printed must be what is filed, and
 * the clinician may have edited the text. The note's layout is plain (an upper-case heading per section, one
 * paragraph per line, a blank line between sections), so an edited note keeps its shape; anything unusual is kept as
 * a paragraph, never dropped.
 */

export type PrintBlock =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'footer'; readonly text: string };

/** A section heading: a short line in capitals ("IMPRESSION", "RELEVANT FINDINGS"). */
const HEADING = /^[A-Z][A-Z /&()-]{2,40}$/;
const FOOTER = /^Decision support:/;

export function printBlocks(text: string): PrintBlock[] {
  const blocks: PrintBlock[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim()) continue;
    if (blocks.length === 0) blocks.push({ kind: 'title', text: line });
    else if (HEADING.test(line)) blocks.push({ kind: 'heading', text: line });
    else if (FOOTER.test(line)) blocks.push({ kind: 'footer', text: line });
    else blocks.push({ kind: 'paragraph', text: line });
  }
  return blocks;
}
