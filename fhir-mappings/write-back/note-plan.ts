/**
 * The PLAN, in the clinician's voice: the red-flag actions, the workup the clinician ticked (or, when nothing is
 * ticked, the suggested next steps stated as suggestions), the advice given and the safety-net, and the missing
 * data worth knowing about as one sentence.
 *
 * Why ticked items are written as "Ordered" and the rest as "Suggested, not yet ordered": a signed note is a record
 * of what was done. A suggestion the clinician did not act on must never read as an order, and an order must not
 * read as a machine's suggestion. Red-flag actions are always stated: they are the guideline's response to an
 * emergency and are never dropped because a box was not ticked.
 *
 * Why advice is summarised here and not copied: the engine's advice is written for the patient to read (it is
 * printed for them, whole); the note records, in a clinician's words, what was advised.
 */
import type { Assessment, ConditionId, MissingData, RedFlagId, WorkupItem } from '../../lib/engine/assessment';
import { capitalise, inSentence } from '../../lib/engine/format';
import { distinctFindings, joinAnd, joinClauses, sentence, withoutRepeats } from './note-phrases';

interface AdviceSummary {
  /** What was advised, as a clinician records it. */
  readonly advised: string;
  /** When to seek help at once, if the advice carries a safety-net. */
  readonly safetyNet?: string;
}

/**
 * A clinician's record of the patient advice in `lib/engine/advice.ts`, per condition and red flag. Typed by id so
 * that a new condition or red flag cannot reach the note without its summary.
 */
export const ADVICE_SUMMARY: Readonly<Record<ConditionId | RedFlagId, AdviceSummary>> = {
  'pad-ischemic-rest-pain': {
    advised: 'daily foot checks, warmth without direct heat, leg dependent at night',
    safetyNet: 'seek help at once if the leg turns cold, pale or numb or a new sore appears',
  },
  'lumbar-radiculopathy': {
    advised: 'keep active rather than rest in bed, supported side-lying or knees-flexed sleeping positions',
    safetyNet: 'same-day care for saddle numbness, bladder, bowel or sexual change, or worsening weakness',
  },
  'peroneal-neuropathy': {
    advised: 'avoid leg crossing, prolonged kneeling or squatting and pressure at the fibular head',
    safetyNet: 'review if the foot becomes weak or tripping starts',
  },
  'nocturnal-leg-cramps': {
    advised: 'calf stretching before bed, fluids, stretching during a cramp; quinine not recommended',
  },
  'restless-legs-syndrome': {
    // Iron and culprit medicines are workup items: the plan lists them as ordered or suggested, not as advice.
    advised: 'regular sleep, less evening caffeine and alcohol, moderate exercise',
  },
  'deep-vein-thrombosis': {
    advised: 'no massage of the leg',
    safetyNet: 'call emergency services for breathlessness, chest pain, coughing blood or fainting',
  },
  'diabetic-peripheral-neuropathy': { advised: 'daily foot checks, well-fitting footwear, glucose control' },
  'venous-insufficiency': {
    advised: 'leg elevation at rest and activity; compression only after the arterial supply is checked',
  },
  cellulitis: {
    advised: 'rest with the leg elevated, antibiotics as prescribed, wound care',
    safetyNet: 'same-day review if redness spreads past the marked line, fever or severe pain',
  },
  'suspected-dvt': {
    advised: 'no massage of the leg, assessment today',
    safetyNet: 'call emergency services for breathlessness or chest pain',
  },
  'possible-pulmonary-embolism': { advised: 'emergency services now' },
  'acute-limb-ischemia': { advised: 'emergency department now' },
  'chronic-limb-threatening-ischemia': {
    advised: 'protect the foot from injury',
    safetyNet: 'report a new wound or colour change at once',
  },
  'cauda-equina': { advised: 'emergency care now' },
  'necrotising-soft-tissue-infection': { advised: 'emergency department now' },
  'spinal-infection': { advised: 'hospital assessment today' },
  'progressive-foot-drop': { advised: 'review within days, care on stairs and uneven ground' },
  'night-pain-malignancy-infection': { advised: 'prompt tests within days' },
  'compartment-syndrome': { advised: 'emergency department now' },
};

/** What the clinician ticked on the workspace (workup item ids). */
export interface NotePlanChoices {
  readonly ticked?: readonly string[] | undefined;
}

/**
 * The medicines on the chart the engine cited for the conditions a workup item is for ("sertraline 100 mg oral
 * tablet" for restless legs): a medication review names what to review.
 */
function citedMedicines(w: WorkupItem, a: Assessment): string[] {
  const evidence = a.differential
    .filter((d) => w.for.includes(d.id) && d.likelihood !== 'unlikely')
    .flatMap((d) => d.supporting)
    .filter((e) => e.weight > 0 && /^Medication(?:Request|Statement)\//.test(e.reference ?? ''));
  return distinctFindings(evidence, 3);
}

/** "Iron: oral ferrous sulfate or IV …" reads as "iron (oral ferrous sulfate or IV …)" inside a list. */
function workupLabel(w: WorkupItem, a: Assessment): string {
  const colon = w.label.indexOf(': ');
  const label = colon === -1 ? w.label : `${w.label.slice(0, colon)} (${w.label.slice(colon + 2)})`;
  const medicines = w.id === 'medication-review' ? citedMedicines(w, a) : [];
  return `${inSentence(label)}${medicines.length ? ` (${joinAnd(medicines)})` : ''}`;
}

function workupLines(a: Assessment, choices: NotePlanChoices): string[] {
  const ticked = new Set(choices.ticked ?? []);
  const ordered = a.workup.filter((w) => ticked.has(w.id));
  if (ordered.length) return [sentence(`ordered: ${joinClauses(ordered.map((w) => workupLabel(w, a)))}`)];
  // Items a raised red flag calls for are in that flag's action, stated above: not repeated as suggestions.
  const raised = new Set<string>(a.redFlags.map((f) => f.id));
  // With an emergency the patient is sent on now: only what must happen now is suggested here.
  const emergency = a.redFlags.some((f) => f.urgency === 'emergency');
  // A test only for conditions considered unlikely is not a next step (the workspace still offers it).
  const inPlay = new Set<string>(a.differential.filter((d) => d.likelihood !== 'unlikely').map((d) => d.id));
  const bearsOnPlay = (w: WorkupItem) => w.for.length === 0 || w.for.some((id) => inPlay.has(id));
  const toOrder = a.workup.filter(
    (w) =>
      !w.alreadyOnFile &&
      !(w.forRedFlags ?? []).some((id) => raised.has(id)) &&
      (!emergency || w.priority === 'now') &&
      bearsOnPlay(w),
  );
  if (!toOrder.length) return [];
  const groups: string[] = [];
  for (const priority of ['now', 'soon', 'routine'] as const) {
    const items = toOrder.filter((w) => w.priority === priority);
    if (!items.length) continue;
    const lead = groups.length ? capitalise(priority) : `Suggested (not yet ordered), ${priority}`;
    groups.push(sentence(`${lead}: ${joinClauses(items.map((w) => workupLabel(w, a)))}`));
  }
  return [groups.join(' ')];
}

/**
 * Advice and safety-net as recorded by the clinician. With an emergency red flag the patient is sent on now, so only
 * the emergency flags' advice is recorded: lifestyle advice, "assessment today" or "call emergency services if you
 * become breathless" belong to a patient who goes home, not to one sent to the emergency department.
 */
function adviceLines(a: Assessment): string[] {
  const emergency = a.redFlags.some((f) => f.urgency === 'emergency');
  const flagIds = new Set<string>(a.redFlags.filter((f) => f.urgency === 'emergency').map((f) => f.id));
  const advised: string[] = [];
  const safety: string[] = [];
  for (const item of a.advice) {
    if (emergency && !flagIds.has(item.for)) continue;
    const summary = ADVICE_SUMMARY[item.for];
    advised.push(summary.advised);
    if (/\bsmok/i.test(item.text)) advised.push('smoking cessation');
    if (summary.safetyNet) safety.push(summary.safetyNet);
  }
  const lines: string[] = [];
  const a1 = withoutRepeats(advised);
  const s1 = withoutRepeats(safety);
  if (a1.length) lines.push(sentence(`advised: ${joinClauses(a1)}`));
  if (s1.length) lines.push(sentence(`safety-net: ${joinClauses(s1)}`));
  return lines;
}

interface MissingName {
  readonly text: string;
  /** The engine words it as a question to ask ("When did the leg become painful at rest, cold or pale?"). */
  readonly question: boolean;
}

/** Concept names that do not read as something to record inside a sentence, as a clinician would put them. */
const MISSING_WORDS: Readonly<Record<string, string>> = {
  anticoagulant: 'whether on an anticoagulant',
  'wells items not recorded': 'the remaining Wells items',
};

/** A missing-data concept without the form path the engine appends ("… (exam.straightLegRaise)"). */
function conceptName(m: MissingData): MissingName {
  const bare = m.concept.replace(/\s*\((?:[a-z]+\.)?[a-zA-Z]+(?:,\s*(?:[a-z]+\.)?[a-zA-Z]+)*\)$/, '').trim();
  const name = MISSING_WORDS[bare.toLowerCase()] ?? bare;
  if (name.endsWith('?')) return { text: inSentence(name), question: true };
  const count = /^(\d+ of \d+) not answered/.exec(m.why)?.[1];
  // "Wells" is a name: it keeps its capital inside a sentence.
  const inText = /^Wells\b/.test(name) ? name : inSentence(name);
  return { text: `${inText}${count ? ` (${count} not answered)` : ''}`, question: false };
}

const MAX_MISSING = 4;

/**
 * Missing data the clinician should know about, as one sentence: what bears on a red flag or a candidate in play (or
 * on nothing in particular, like the red-flag screen), then the questions still to ask. Chart sections that failed
 * to load are stated under findings already.
 */
function missingLine(a: Assessment): string | undefined {
  const inPlay = new Set(a.differential.filter((d) => d.likelihood !== 'unlikely').map((d) => d.id));
  const seenPaths = new Set<string>();
  const names: MissingName[] = [];
  for (const m of a.missingData) {
    if (/^chart section:/i.test(m.concept)) continue;
    if (m.for && m.for.length && !m.for.some((id) => inPlay.has(id))) continue;
    const first = m.paths?.[0];
    if (first !== undefined) {
      if (seenPaths.has(first)) continue;
      seenPaths.add(first);
    }
    const name = conceptName(m);
    if (!names.some((n) => n.text === name.text)) names.push(name);
  }
  if (!names.length) return undefined;
  const shown = names.slice(0, MAX_MISSING);
  const rest = names.length - shown.length;
  const record = shown.filter((n) => !n.question).map((n) => n.text);
  const ask = shown.filter((n) => n.question).map((n) => n.text);
  const more = rest > 0 ? `${rest} other question${rest === 1 ? '' : 's'} on the form` : '';
  const parts: string[] = [];
  if (record.length || more) parts.push(joinAnd(more ? [...record, more] : record));
  // One sentence: the questions run on with semicolons, only the last keeps its question mark.
  if (ask.length)
    parts.push(`to ask: ${ask.map((q, i) => (i < ask.length - 1 ? q.replace(/\?$/, '') : q)).join('; ')}`);
  return sentence(`still to record (unknown, not negative): ${parts.join('; ')}`);
}

/** The PLAN section's lines. */
export function planLines(a: Assessment, choices: NotePlanChoices = {}): string[] {
  const lines = a.redFlags.map((f) => sentence(f.action));
  lines.push(...workupLines(a, choices));
  lines.push(...adviceLines(a));
  const missing = missingLine(a);
  if (missing) lines.push(missing);
  return lines;
}
