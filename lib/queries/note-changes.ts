/**
 * What changed in the generated note since the clinician started editing: the edit is kept as written, and these
 * are the lines the clinician may want to carry over by hand.
 *
 * A line-level comparison (longest common subsequence) is enough: the note is one statement per line, so a changed
 * finding, red flag or plan item shows up as one removed and one added line.
 */

export interface NoteChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim().length > 0);
}

export function noteChanges(before: string, after: string): NoteChanges {
  const a = lines(before);
  const b = lines(after);
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const added: string[] = [];
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) removed.push(a[i++]!);
    else added.push(b[j++]!);
  }
  removed.push(...a.slice(i));
  added.push(...b.slice(j));
  return { added, removed };
}
