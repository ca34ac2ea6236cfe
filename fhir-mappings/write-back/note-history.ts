/**
 * History and examination in prose, built from the clinician's answers.
 *
 * Why prose and not the form: a consult note is read, not audited; "Burning and a deep ache in the toes or forefoot,
 * 1–2 hours after lying down, waking the patient; eased by dangling the leg over the bed" is what a clinician would
 * have written. The words are the engine's reviewed phrases (`lib/engine/labels.ts`: the same words the rule book
 * and the evidence use), so the note and the screen never describe one answer two ways.
 *
 * Unknown is not normal: an unanswered question is simply not mentioned (never "not recorded" line by line, never
 * as a negative). Explicit "no" answers are pertinent negatives: the red-flag screen's are stated as such, the rest
 * as "Denies …" (history) or "Not found: …" (examination).
 */
import {
  CHOICE_OPTION_LABELS,
  CHOICE_TEMPLATES,
  EXAM_LABELS,
  HISTORY_LABELS,
  OPTION_LABELS,
  PULSE_LABELS,
  type ChoiceField,
  type ExamFinding,
  type HistoryItem,
  type IrlssgItem,
  type ListField,
} from '../../lib/engine/labels';
import { formatDuration } from '../../lib/engine/format';
import { QUESTION_GROUPS } from '../../lib/form/questions';
import { getAnswer } from '../../lib/form/paths';
import type { FormAnswers } from '../../lib/form/schema';
import { safeText } from '../../lib/core/safe-text';
import { joinAnd, joinClauses, sentence, withoutArticle, withoutRepeats } from './note-phrases';

type TriPath = `exam.${ExamFinding}` | `history.${HistoryItem}`;

/** The in-sentence phrase of a yes/no finding. */
function findingPhrase(path: TriPath): string {
  const [group, key] = path.split('.') as ['exam' | 'history', string];
  return group === 'exam' ? EXAM_LABELS[key as ExamFinding] : HISTORY_LABELS[key as HistoryItem];
}

function listPhrases<F extends ListField>(form: FormAnswers, field: F): string[] {
  const values = (form[field] ?? []) as readonly string[];
  const labels = OPTION_LABELS[field] as Readonly<Record<string, string>>;
  return values.map((v) => labels[v] ?? v);
}

function choiceSentence(form: FormAnswers, field: ChoiceField): string | undefined {
  const value = getAnswer(form, field);
  if (typeof value !== 'string') return undefined;
  const labels = CHOICE_OPTION_LABELS[field] as Readonly<Record<string, string>>;
  return sentence(CHOICE_TEMPLATES[field].replace('{}', labels[value] ?? value));
}

const SIDE_WORDS = { right: 'Right leg', left: 'Left leg', both: 'Bilateral leg' } as const;

/** "Right leg pain for 6 weeks, worse lying down; gradual onset, episodes start suddenly." */
function openingSentence(form: FormAnswers): string {
  const who = form.side ? SIDE_WORDS[form.side] : 'Leg';
  const duration = form.durationWeeks !== undefined ? ` for ${formatDuration(form.durationWeeks)}` : '';
  const onset: string[] = [];
  if (form.onset) onset.push(`${form.onset} onset`);
  if (form.episodeOnset) onset.push(`episodes start ${CHOICE_OPTION_LABELS.episodeOnset[form.episodeOnset]}`);
  return sentence(`${who} pain${duration}, worse lying down${onset.length ? `; ${onset.join(', ')}` : ''}`);
}

/** Quality and site, timing (with its effect on sleep), episode length, what eases and worsens it. */
function storySentences(form: FormAnswers): string[] {
  const out: string[] = [];
  const qualities = listPhrases(form, 'qualities');
  const locations = listPhrases(form, 'locations');
  // A phrase with a comma of its own ("sharp, shooting or electric") cannot sit inside a longer clause unambiguously.
  const commas = [...qualities, ...locations].some((p) => p.includes(','));
  if (commas) {
    if (qualities.length) out.push(sentence(`character: ${joinClauses(qualities)}`));
    if (locations.length) out.push(sentence(`site: ${joinClauses(locations.map(withoutArticle))}`));
  } else if (qualities.length && locations.length) out.push(sentence(`${joinAnd(qualities)} in ${joinAnd(locations)}`));
  else if (qualities.length) out.push(sentence(`described as ${joinAnd(qualities)}`));
  else if (locations.length) out.push(sentence(`pain in ${joinAnd(locations)}`));

  const timing = form.timing ?? [];
  const when: string[] = [];
  if (timing.includes('constant')) when.push('constant, day and night');
  const onsetTimes = timing.filter((t) => t !== 'constant').map((t) => OPTION_LABELS.timing[t]);
  if (onsetTimes.length) when.push(`comes on ${joinAnd(onsetTimes, 'or')}`);
  if (form.episodeLength === 'persistent') {
    if (!timing.includes('constant')) when.push('persistent rather than in episodes');
  } else {
    const length = choiceSentence(form, 'episodeLength');
    if (length) when.push(length.replace(/\.$/, '').toLowerCase());
  }
  if (when.length) out.push(sentence(joinClauses(when)));

  const relief = listPhrases(form, 'relievedBy');
  const worse = listPhrases(form, 'worsenedBy');
  const mods: string[] = [];
  if (relief.includes(OPTION_LABELS.relievedBy.nothing)) {
    const others = relief.filter((r) => r !== OPTION_LABELS.relievedBy.nothing);
    mods.push(others.length ? `eased only partly, by ${joinAnd(others)}` : 'nothing eases it');
  } else if (relief.length) mods.push(`eased by ${joinAnd(relief)}`);
  if (worse.length) mods.push(`worse with ${joinAnd(worse)}`);
  if (mods.length) out.push(sentence(joinClauses(mods)));

  for (const field of ['restPainDuration', 'ulcerDuration'] as const) {
    const s = choiceSentence(form, field);
    if (s) out.push(s);
  }
  const medicines = listPhrases(form, 'recentMedicines');
  if (medicines.length) out.push(sentence(`recently started or increased: ${joinAnd(medicines)}`));
  return out;
}

interface Answered {
  readonly yes: TriPath[];
  readonly no: TriPath[];
}

/** Yes/no answers of one block of the form, in form order, split by history/exam. */
function triAnswers(form: FormAnswers, blockIds: readonly string[], prefix: 'exam' | 'history'): Answered {
  const yes: TriPath[] = [];
  const no: TriPath[] = [];
  for (const g of QUESTION_GROUPS) {
    if (!blockIds.includes(g.id)) continue;
    for (const q of g.questions) {
      if (q.kind !== 'tri' || !q.path.startsWith(`${prefix}.`)) continue;
      const v = getAnswer(form, q.path);
      if (v === true) yes.push(q.path as TriPath);
      else if (v === false) no.push(q.path as TriPath);
    }
  }
  return { yes, no };
}

const RED_FLAG_BLOCK = ['red-flags'];

/** Answers that record the clinician's judgement, not the patient's history (they are stated with their score). */
const CLINICIAN_JUDGEMENTS: ReadonlySet<TriPath> = new Set<TriPath>(['history.alternativeDiagnosisAsLikely']);
const OTHER_BLOCKS = QUESTION_GROUPS.map((g) => g.id).filter((id) => id !== 'red-flags');

/**
 * The IRLSSG criteria as a history says them. The fifth ("not explained by another condition") is the clinician's
 * judgement, not something the patient reports: it is stated with the score under ASSESSMENT.
 */
const IRLSSG_STORY: Readonly<Record<Exclude<IrlssgItem, 'notExplainedByMimic'>, string>> = {
  urgeToMove: 'urge to move the legs',
  worseAtRest: 'worse at rest',
  reliefByMovement: 'relieved by movement',
  eveningOrNight: 'worse in the evening or night',
};

/** Restless-legs features reported, and (when restless legs are in question) those denied. */
function irlssgSentence(form: FormAnswers, negativesMatter: boolean): string | undefined {
  const items = Object.keys(IRLSSG_STORY) as (keyof typeof IRLSSG_STORY)[];
  const yes = items.filter((k) => form.irlssg?.[k] === true).map((k) => IRLSSG_STORY[k]);
  const no = negativesMatter ? items.filter((k) => form.irlssg?.[k] === false).map((k) => IRLSSG_STORY[k]) : [];
  const parts: string[] = [];
  // All four is what a clinician writes as such; the story above already says how each shows.
  if (yes.length === items.length) parts.push('meets the four IRLSSG essential criteria');
  else if (yes.length) parts.push(`restless-legs features: ${joinAnd(yes)}`);
  const sentences = parts.map(sentence);
  if (no.length) sentences.push(sentence(`no ${joinAnd(no, 'or')}`));
  return sentences.length ? sentences.join(' ') : undefined;
}

/**
 * The HISTORY section's lines. Positive answers are always reported; explicit "no" answers are pertinent negatives
 * when they belong to the red-flag screen or to a block of the form the engine opened for this story (`openBlocks`):
 * a "no" in a block that does not bear on the assessment is not worth the reader's time.
 */
export function historyLines(form: FormAnswers, openBlocks: readonly string[]): string[] {
  const lines: string[] = [];
  const story = [openingSentence(form), ...storySentences(form)];
  const irlssg = irlssgSentence(form, openBlocks.includes('restless-legs'));
  if (irlssg) story.push(irlssg);
  lines.push(story.join(' '));

  const relevant = OTHER_BLOCKS.filter((id) => openBlocks.includes(id));
  const judgement = (p: TriPath) => !CLINICIAN_JUDGEMENTS.has(p);
  const reports = [...triAnswers(form, RED_FLAG_BLOCK, 'history').yes, ...triAnswers(form, OTHER_BLOCKS, 'history').yes]
    .filter(judgement)
    .map(findingPhrase);
  const more: string[] = [];
  for (const field of ['history.pregnancyStage', 'history.anticoagulantAdherence'] as const) {
    const s = choiceSentence(form, field);
    if (s) more.push(s);
  }
  const denies = triAnswers(form, relevant, 'history').no.filter(judgement).map(findingPhrase);
  const redFlagNo = [
    ...triAnswers(form, RED_FLAG_BLOCK, 'exam').no,
    ...triAnswers(form, RED_FLAG_BLOCK, 'history').no,
  ].map((p) => withoutArticle(findingPhrase(p)));
  const positives: string[] = [];
  if (reports.length) positives.push(sentence(`reports ${joinAnd(withoutRepeats(reports))}`));
  positives.push(...more);
  if (denies.length) positives.push(sentence(`denies ${joinAnd(denies)}`));
  if (redFlagNo.length) positives.push(sentence(`red-flag screen negative for ${joinAnd(redFlagNo)}`));
  if (positives.length) lines.push(positives.join(' '));

  const comment = form.comment ? safeText(form.comment).trim() : '';
  if (comment) lines.push(comment);
  return lines;
}

const PULSE_SIDES = [
  ['right', 'pulsesRight'],
  ['left', 'pulsesLeft'],
] as const;

/** The EXAMINATION section's lines; empty when nothing was examined (the section is then left out). */
export function examinationLines(form: FormAnswers, openBlocks: readonly string[]): string[] {
  const parts: string[] = [];
  const right = form.exam?.pulsesRight;
  const left = form.exam?.pulsesLeft;
  if (right && right === left) parts.push(sentence(`foot pulses ${PULSE_LABELS[right]} in both feet`));
  else {
    const pulses = PULSE_SIDES.flatMap(([side, key]) => {
      const v = form.exam?.[key];
      return v ? [`${side} ${PULSE_LABELS[v]}`] : [];
    });
    if (pulses.length) parts.push(sentence(`foot pulses: ${joinAnd(pulses)}`));
  }
  for (const field of ['exam.footSensation', 'exam.footMovement', 'exam.straightLegRaise'] as const) {
    const s = choiceSentence(form, field);
    if (s) parts.push(s);
  }
  const found = [...triAnswers(form, RED_FLAG_BLOCK, 'exam').yes, ...triAnswers(form, OTHER_BLOCKS, 'exam').yes].map(
    (p) => withoutArticle(findingPhrase(p)),
  );
  if (found.length) parts.push(sentence(joinAnd(found)));
  const relevant = OTHER_BLOCKS.filter((id) => openBlocks.includes(id));
  const notFound = triAnswers(form, relevant, 'exam').no.map((p) => withoutArticle(findingPhrase(p)));
  if (notFound.length) parts.push(sentence(`not found: ${joinAnd(notFound, 'or')}`));
  return parts.length ? [parts.join(' ')] : [];
}
