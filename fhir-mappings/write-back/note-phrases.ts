/**
 * Small wording helpers for the consult note: joining lists without ambiguity, turning the engine's evidence labels
 * into the short findings a clinician writes, and keeping chart text on one line.
 *
 * Why evidence labels are rewritten here and not in the engine: the engine's labels are written to stand alone on
 * the screen beside a score ("Exam: right foot pulses absent (no Doppler signal)", "ABI right 0.45 (chart,
 * 2026-11-18)"); inside a note sentence the source prefix and the date are noise (the date is stated once, under
 * Relevant findings, and the source is in the note's metadata). Only presentation is changed: nothing is dropped
 * that carries clinical meaning (an "older than 12 months" warning stays, shortened).
 */
import type { Evidence } from '../../lib/engine/assessment';
import { capitalise, inSentence } from '../../lib/engine/format';
import { safeInline } from '../../lib/core/safe-text';

/**
 * "a, b and c" — or "a; b; c" when any item has a comma of its own, so a list can never be misread
 * ("shiny, hairless skin, cool foot" would be three findings or two).
 */
export function joinAnd(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  const list = items.filter((i) => i.length > 0);
  if (list.length <= 1) return list[0] ?? '';
  if (list.some((i) => i.includes(','))) return list.join('; ');
  return `${list.slice(0, -1).join(', ')} ${conjunction} ${list[list.length - 1]!}`;
}

/** Items separated by "; " (for findings that are clauses of their own). */
export function joinClauses(items: readonly string[]): string {
  return items.filter((i) => i.length > 0).join('; ');
}

/** A sentence: capitalised (acronyms kept) and ending with one full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  const body = capitalise(t);
  return /[.!?]$/.test(body) ? body : `${body}.`;
}

/** "a cool foot" → "cool foot": list items read better without their article. */
export function withoutArticle(text: string): string {
  return text.replace(/^(?:a|an|the)\s+/i, '');
}

/** Removes parenthesised text that starts with `opening` (nested parentheses included). */
function removeParenthetical(text: string, opening: RegExp): string {
  let out = text;
  for (;;) {
    const m = opening.exec(out);
    if (!m) return out;
    let depth = 0;
    let end = -1;
    for (let i = m.index; i < out.length; i++) {
      if (out[i] === '(') depth++;
      else if (out[i] === ')') {
        depth--;
        if (depth === 0) {
          end = i;
          break;
        }
      }
    }
    if (end === -1) return out;
    out = `${out.slice(0, m.index).trimEnd()}${out.slice(end + 1)}`;
  }
}

const ISO_DAY = /\d{4}-\d{2}-\d{2}/;

/** SNOMED CT semantic tags that chart displays carry ("Chronic kidney disease stage 1 (disorder)"). */
const SEMANTIC_TAG =
  /\s*\((?:disorder|finding|procedure|situation|morphologic abnormality|observable entity|regime\/therapy|event|clinical drug|medicinal product)\)/gi;

/** A chart display on one line, without SNOMED's semantic tags; its capitals as recorded. */
export function chartLabel(label: string): string {
  return safeInline(label).replace(SEMANTIC_TAG, '').trim();
}

/**
 * One piece of evidence as a short finding inside a sentence: "ABI right 0.45", "right foot pulses absent (no Doppler
 * signal)", "pain relieved by dangling the leg over the bed", "history of DVT".
 */
export function findingText(e: Pick<Evidence, 'label'>): string {
  let t = chartLabel(e.label);
  t = removeParenthetical(t, /\s*\(from chart:/i);
  t = t.replace(/^(?:exam|history|chart|form|answer|medication):\s*/i, '');
  // "(chart, 2026-11-18)", "(2026-11-18)", "(form entry, 2026-11-18)": the date is given under Relevant findings.
  t = t.replace(/\s*\((?:chart|form entry|entered on the form)?,?\s*\d{4}-\d{2}-\d{2}[^()]*\)/gi, '');
  t = t.replace(/;\s*older than ([^:;]+):\s*repeat suggested/i, ' (older than $1: repeat)');
  t = t.replace(/\s*\((?:active|current)\)$/i, '');
  if (/\s*\(history\)$/i.test(t)) {
    t = t.replace(/\s*\(history\)$/i, '');
    if (!/^(?:history|previous|past)\b/i.test(t)) t = `history of ${inSentence(t)}`;
  }
  t = t
    .replace(/^the pain is /i, 'pain ')
    .replace(/^the problem began (suddenly|gradually)$/i, (_, how: string) =>
      how.toLowerCase() === 'suddenly' ? 'sudden onset' : 'gradual onset',
    )
    .replace(/^the timing is constant$/i, 'constant pain')
    .replace(/^relieved by nothing$/i, 'nothing eases it')
    .replace(/^the timing is /i, 'timing: ');
  if (ISO_DAY.test(t)) t = t.replace(/\s*\(\d{4}-\d{2}-\d{2}\)/g, '');
  return inSentence(t.trim());
}

/**
 * The `max` strongest findings of a list, each said once (the engine may cite one answer under two rules), in the
 * order given.
 */
export function distinctFindings(
  evidence: readonly Evidence[],
  max: number,
  skip?: (e: Evidence) => boolean,
): string[] {
  const out: string[] = [];
  for (const e of evidence) {
    if (skip?.(e)) continue;
    const text = findingText(e);
    if (!text || out.some((o) => o.toLowerCase() === text.toLowerCase())) continue;
    out.push(text);
    if (out.length === max) break;
  }
  return out;
}

/** Chart evidence before form evidence at equal weight: an objective value carries a finding better than a story. */
export function byStrength(a: Evidence, b: Evidence): number {
  const w = Math.abs(b.weight) - Math.abs(a.weight);
  if (w !== 0) return w;
  return (a.source === 'fhir' ? 0 : 1) - (b.source === 'fhir' ? 0 : 1);
}

/** True when every word of `a` is in `b`: "call emergency services for breathlessness or chest pain" adds nothing. */
function saidBy(a: string, b: string): boolean {
  const words = (t: string) => t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const inB = new Set(words(b));
  return a !== b && words(a).every((w) => inB.has(w));
}

/**
 * The items without repeats and without any item another one already says ("breathlessness or chest pain" beside
 * "breathlessness or chest pain that is new or worse than usual").
 */
export function withoutRepeats(items: readonly string[]): string[] {
  return items.filter((x, i) => items.indexOf(x) === i && !items.some((y) => saidBy(x, y)));
}
