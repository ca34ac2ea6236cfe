/**
 * Safe text (issue 12): what a chart or a comment may put into a note, a download or a terminal.
 */
import { describe, expect, it } from 'vitest';
import { isSafeText, safeInline, safeText } from '@/lib/core/safe-text';

describe('safeText (multi-line)', () => {
  it('keeps printable text in any script, tabs and line breaks', () => {
    const text = 'Zoë — résumé ≥ 2 weeks, 日本語 ✓, עברית, 👩‍⚕️\n\tindented line\n';
    expect(safeText(text)).toBe(text);
    expect(isSafeText(text)).toBe(true);
  });

  it('removes terminal escape sequences whole (CSI, OSC), not just their ESC byte', () => {
    expect(safeText('a\u001b[2J\u001b[1;31mb\u001b[0m')).toBe('ab');
    expect(safeText('a\u001b]0;title\u0007b')).toBe('ab');
    expect(safeText('a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
    expect(safeText('a\u009b2Jb')).toBe('ab');
  });

  it('removes other control characters, DEL and C1 controls', () => {
    expect(safeText('a\u0000b\u0007c\u0008d\u007fe\u0085f')).toBe('abcdef');
  });

  it('removes bidirectional overrides, isolates and marks', () => {
    expect(safeText('ABI 0.\u202e54\u202c')).toBe('ABI 0.54');
    expect(safeText('\u2066x\u2069\u200e\u200f\u061c')).toBe('x');
  });

  it('normalises line endings; Unicode line separators become line breaks', () => {
    expect(safeText('a\r\nb\rc\u2028d\u2029e')).toBe('a\nb\nc\nd\ne');
  });

  it('isSafeText can fail', () => {
    expect(isSafeText('a\u001b[2Jb')).toBe(false);
    expect(isSafeText('a\u202eb')).toBe(false);
  });
});

describe('safeInline (one line)', () => {
  it('turns line breaks and tabs into one space, so a label cannot start a line', () => {
    expect(safeInline('Type 2 diabetes\nRED FLAGS\r\n\tnone')).toBe('Type 2 diabetes RED FLAGS none');
    expect(safeInline('a\u2028b')).toBe('a b');
  });

  it('removes escapes and bidi controls and trims', () => {
    expect(safeInline('  \u001b[2Jdiabetes\u202e  ')).toBe('diabetes');
  });
});
