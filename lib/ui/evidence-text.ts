/**
 * Evidence as the screen shows it: the engine's label with what the screen already says another way taken out.
 *
 * Why a screen-side step: the engine writes each label to stand alone (in the note, the CLI and the rule book), so it
 * carries its own source and ISO date ("ABI right 0.45 (chart, 2026-11-18)"). On screen the source is a tag, the
 * date is a humane age beside it ("2 wk ago") and the record is one click away, so repeating them is noise. Nothing
 * here composes clinical meaning: it only removes repeated words and applies the shared formatter
 * (`lib/engine/format.ts`) to a duration the engine states in weeks.
 */
import type { Evidence } from '../engine/assessment';
import { capitalise, formatDuration, inSentence } from '../engine/format';

const ISO_DAY = String.raw`\d{4}-\d{2}-\d{2}`;
/** "(chart, 2026-11-18)" or "(2026-11-18)": said again by the age and the provenance beside the label. */
const DATED = new RegExp(String.raw`\s*\((?:chart, )?${ISO_DAY}\)`, 'g');
/** "(form entry, 2026-12-02)": entered on the form today; the "Form" tag already says where it came from. */
const FORM_ENTRY = new RegExp(String.raw`\s*\(form entry, ${ISO_DAY}\)`, 'g');
const WEEKS = /^Symptoms for (\d+(?:\.\d+)?) weeks$/;

/** The label of one piece of evidence, for the screen (capitalised, no repeated source or ISO date). */
export function evidenceText(evidence: Pick<Evidence, 'label' | 'date' | 'source'>): string {
  let text = evidence.label;
  if (evidence.date !== undefined) text = text.replace(DATED, '');
  text = text.replace(FORM_ENTRY, '');
  if (evidence.source === 'fhir') text = text.replace(/^Chart: /, '');
  const weeks = WEEKS.exec(text);
  if (weeks?.[1] !== undefined) text = `Symptoms for ${formatDuration(Number(weeks[1]))}`;
  return capitalise(text.trim());
}

/**
 * Lead-ins that only say which kind of finding it is: inside a sentence of findings ("ABI right 0.45, right foot
 * pulses absent and relieved by dangling the leg") they are dropped, longest first.
 */
const LEAD_INS = [
  'The pain is described as ',
  'The pain is ',
  'The timing is ',
  'The problem ',
  'Exam: ',
  'History: ',
  'Medication: ',
];

/** One finding as a phrase inside a sentence: "Exam: a cool foot" → "a cool foot"; "ABI right 0.45" unchanged. */
export function findingPhrase(evidence: Pick<Evidence, 'label' | 'date' | 'source'>): string {
  let text = evidenceText(evidence);
  for (const lead of LEAD_INS) {
    if (text.startsWith(lead)) {
      text = text.slice(lead.length);
      break;
    }
  }
  return inSentence(text);
}

/** "a, b and c" — a list of findings read as one sentence. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The findings that carry a conclusion, once each. `weight`: the ones that added most to a candidate's ranking first
 * (what carries it); `kind`: for red flags, whose evidence carries no weight, chart results with their values before
 * exam findings, exam before history, history before the story. Ties keep the engine's order.
 */
export function leadingFindings(evidence: readonly Evidence[], limit: number, by: 'weight' | 'kind'): Evidence[] {
  const rank = (e: Evidence): number => {
    if (e.source === 'fhir') return /\d/.test(e.label) ? 0 : 2;
    if (e.label.startsWith('Exam: ')) return 1;
    if (e.label.startsWith('History: ')) return 3;
    return 4;
  };
  const seen = new Set<string>();
  const out: Evidence[] = [];
  const sorted = evidence
    .map((e, i) => ({ e, i }))
    .sort((a, b) =>
      by === 'weight'
        ? Math.abs(b.e.weight) - Math.abs(a.e.weight) || rank(a.e) - rank(b.e) || a.i - b.i
        : rank(a.e) - rank(b.e) || a.i - b.i,
    );
  for (const { e } of sorted) {
    const key = findingPhrase(e).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
    if (out.length === limit) break;
  }
  return out;
}
