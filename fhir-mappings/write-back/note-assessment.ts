/**
 * The IMPRESSION line and the ASSESSMENT section: red flags first with their urgency, then the candidates in play
 * with the two or three findings for and against each, one line for the conditions considered unlikely, and the
 * scores as a clinician writes them ("Wells 3, DVT likely", "IRLSSG 5/5", "Fontaine III / Rutherford 4", "WIfI I3").
 *
 * Why the impression is composed from the top red flag (when there is one) and not from the top diagnosis alone: the
 * one line a busy reader takes away must carry the emergency and what to do about it; the diagnosis is the context
 * ("Right-leg ischaemic rest pain with suspected chronic limb-threatening ischaemia (…): urgent vascular surgery
 * referral"). Without a red flag it never claims "no red flags" when the screen was not completed.
 *
 * No raw scores: the engine's points are how it ranks, not something a clinician writes; likelihood is in words.
 */
import type {
  Assessment,
  ConditionId,
  DifferentialItem,
  Evidence,
  RedFlag,
  WellsScore,
} from '../../lib/engine/assessment';
import type { ChartFacts } from '../../lib/engine/facts';
import { inSentence } from '../../lib/engine/format';
import { CONDITION_LABELS, CONDITION_PHRASES, URGENCY_LABELS } from '../../lib/engine/labels';
import { formatPadStage, padStage } from '../../lib/engine/pad-stage';
import { RED_FLAG_RULES } from '../../lib/engine/red-flags';
import type { FormAnswers } from '../../lib/form/schema';
import { byStrength, distinctFindings, findingText, joinAnd, joinClauses, sentence } from './note-phrases';

const MAX_FOR = 3;
const MAX_AGAINST = 3;
const MAX_CANDIDATES = 4;

const RELATED: ReadonlyMap<string, readonly ConditionId[]> = new Map(RED_FLAG_RULES.map((r) => [r.id, r.related]));

/**
 * What a clinician calls a flag whose message leads with its criteria rather than with what is suspected: "Constant
 * night pain not eased by any position, with weight loss, cancer, fever, IV drug use or immunosuppression" lists
 * features this patient may not have (fever denied, say), which a signed note must never assert.
 */
const FLAG_HEADS: Partial<Readonly<Record<RedFlag['id'], string>>> = {
  'night-pain-malignancy-infection': 'Possible malignancy or infection',
};

/** "Suspected chronic limb-threatening ischaemia" from "Suspected chronic limb-threatening ischaemia: rest pain …". */
export function flagHead(f: RedFlag): string {
  const named = FLAG_HEADS[f.id];
  if (named) return named;
  const colon = f.message.indexOf(': ');
  return (colon === -1 ? f.message : f.message.slice(0, colon)).replace(/\.$/, '');
}

/**
 * The first step of a red flag's action, as a clinician would end an impression with it, without the parenthesised
 * detail: "urgent vascular surgery referral", "same-day emergency MRI of the lumbar spine and spinal surgery review",
 * "urgent neurology review" (from "Urgent (days): neurology review"), "same-day proximal leg-vein ultrasound …"
 * (from "Same-day assessment: proximal leg-vein ultrasound …").
 */
export function actionHead(f: Pick<RedFlag, 'action' | 'urgency'>): string {
  const first = f.action.split(/;\s|\.\s/)[0] ?? f.action;
  const head = first
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/[.\s]+$/, '')
    .trim();
  // "Emergency: same-day emergency MRI …" says its urgency twice; "Urgent (days): MRI …" must keep it.
  let rest = inSentence(head.replace(/^(?:emergency|urgent|soon)(?:\s*\([^)]*\))?:\s*/i, ''));
  // "same-day assessment: proximal leg-vein ultrasound …" → "same-day proximal leg-vein ultrasound …".
  const labelled = /^(same-day|same-hour)\s+[a-z ]+:\s+(.+)$/i.exec(rest);
  if (labelled) rest = `${labelled[1]!.toLowerCase()} ${labelled[2]!}`;
  if (/\b(?:emergency|urgent|same-day|same-hour|today|now)\b/i.test(rest)) return rest;
  return f.urgency === 'soon' ? `${rest} soon` : `${f.urgency} ${rest}`;
}

/** Wells as a clinician writes it; an incomplete score says so instead of a band it may not have. */
export function wellsToken(w: WellsScore): string {
  // Unrecorded items that could still change the band leave it open; the items themselves are listed in the plan.
  if (w.complete === false) return `Wells ${w.points} so far, incomplete`;
  return `Wells ${w.points}, DVT ${w.band}`;
}

function irlssgToken(a: Assessment): string | undefined {
  const s = a.scores.irlssg;
  if (!s) return undefined;
  const unknown = s.items.filter((i) => i.met === null).length;
  return `IRLSSG ${s.criteriaMet}/${s.of}${unknown ? ` (${unknown} not recorded)` : ''}`;
}

/** Fontaine / Rutherford and, for CLTI, the WIfI ischaemia grade. */
function padTokens(a: Assessment, form: FormAnswers): string[] {
  const out: string[] = [];
  // Acute ischaemia is graded by its own (acute) Rutherford classes, named in its red flag; a chronic stage beside
  // it would mislead.
  const acute = a.redFlags.some((f) => f.id === 'acute-limb-ischemia');
  const stage = acute ? null : padStage(a, form);
  if (stage) out.push(formatPadStage(stage));
  const grade = a.scores.abi?.wifiIschemiaGrade;
  const clti = a.redFlags.some((f) => f.id === 'chronic-limb-threatening-ischemia');
  if (clti && grade !== undefined) out.push(`WIfI I${grade}`);
  return out;
}

/** Scores that belong beside a condition's name. */
function scoreTokens(id: ConditionId, a: Assessment, form: FormAnswers): string[] {
  if (id === 'deep-vein-thrombosis' && a.scores.wells) return [wellsToken(a.scores.wells)];
  if (id === 'restless-legs-syndrome') {
    const t = irlssgToken(a);
    return t ? [t] : [];
  }
  if (id === 'pad-ischemic-rest-pain') return padTokens(a, form);
  return [];
}

/** Evidence a score token already states (the IRLSSG criteria behind "IRLSSG 5/5"). */
function coveredByScore(id: ConditionId): (e: Evidence) => boolean {
  if (id === 'restless-legs-syndrome') return (e) => /^IRLSSG criterion/i.test(e.label);
  return () => false;
}

/**
 * Limb perfusion is written in the order a vascular report gives it ("ABI 0.45, toe pressure 25 mmHg"), ahead of any
 * laboratory result; everything else keeps the strength order.
 */
const PERFUSION_ORDER: readonly string[] = ['abi', 'ankle-pressure', 'tbi', 'toe-pressure', 'tcpo2'];

function resultOrder(e: Evidence, facts: ChartFacts): number {
  const concept = facts.observations.find((o) => o.provenance.reference === e.reference)?.concept;
  const i = concept ? PERFUSION_ORDER.indexOf(concept) : -1;
  return i === -1 ? PERFUSION_ORDER.length : i;
}

/** Chart results among the evidence ("ABI right 0.45", "ferritin 40 µg/L"): perfusion first, then strongest first. */
function resultFindings(evidence: readonly Evidence[], facts: ChartFacts, max: number): string[] {
  const results = new Set(facts.observations.map((o) => o.provenance.reference));
  if (facts.smoking) results.delete(facts.smoking.provenance.reference);
  const fromChart = [...evidence]
    .filter((e) => e.source === 'fhir' && e.reference !== undefined && results.has(e.reference) && e.weight >= 0)
    .sort((x, y) => resultOrder(x, facts) - resultOrder(y, facts) || byStrength(x, y));
  return distinctFindings(fromChart, max);
}

function sideOf(form: FormAnswers): 'right' | 'left' | undefined {
  return form.side === 'right' || form.side === 'left' ? form.side : undefined;
}

function topCandidate(a: Assessment): DifferentialItem | undefined {
  const top = a.differential[0];
  return top && top.likelihood !== 'unlikely' ? top : undefined;
}

/** Honest wording when no red flag was raised: never "no red flags" over an incomplete screen or a failed load. */
function noFlagStatus(a: Assessment, facts: ChartFacts): string {
  if (facts.unavailable.length) return 'red-flag check incomplete (chart data could not be loaded)';
  const screenOpen = a.missingData.some((m) => /^red-flag screen\b/i.test(m.concept));
  return screenOpen ? 'no red flag raised so far (red-flag screen incomplete)' : 'no red flags';
}

/** The one-line IMPRESSION. */
export function impressionLine(a: Assessment, form: FormAnswers, facts: ChartFacts): string {
  const side = sideOf(form);
  const top = topCandidate(a);
  const flag = a.redFlags[0];
  if (flag) {
    const head = flagHead(flag);
    const related = top && (RELATED.get(flag.id) ?? []).includes(top.id);
    const phrase = top ? CONDITION_PHRASES[top.id] : '';
    const subject =
      related && !head.toLowerCase().includes(phrase)
        ? `${side ? `${side === 'right' ? 'Right' : 'Left'}-leg ` : ''}${phrase} with ${inSentence(head)}`
        : `${head}${side ? `, ${side} leg` : ''}`;
    const values = resultFindings(flag.evidence, facts, 2);
    // Scores that weigh a diagnosis (Wells, IRLSSG) belong with it; PAD's stage is under ASSESSMENT.
    const scores = related && top && top.id !== 'pad-ischemic-rest-pain' ? scoreTokens(top.id, a, form) : [];
    const shown = [...values, ...scores];
    // Without a result or a score, the two findings that raised the flag, as its ASSESSMENT line orders them.
    if (!shown.length) shown.push(...(redFlagFindings(a, facts).get(flag.id) ?? []).slice(0, 2));
    // A further flag about the diagnosis the subject already names ("DVT with possible PE" and "suspected DVT") is
    // not repeated; a flag about something else is ("Also suspected deep vein thrombosis (urgent)").
    const more = a.redFlags
      .slice(1)
      .filter((f) => !(related && top && (RELATED.get(f.id) ?? []).includes(top.id)))
      .map((f) => `${inSentence(flagHead(f))} (${f.urgency})`);
    const also = more.length ? ` Also ${joinClauses(more)}.` : '';
    return `${sentence(`${subject}${shown.length ? ` (${joinClauses(shown)})` : ''}: ${inSentence(actionHead(flag))}`)}${also}`;
  }
  if (!top) return sentence(`no leading cause on the information recorded so far; ${noFlagStatus(a, facts)}`);
  const name = `${side ? `${side === 'right' ? 'Right' : 'Left'}-leg ` : ''}${CONDITION_PHRASES[top.id]}`;
  const shown = [...scoreTokens(top.id, a, form), ...resultFindings(top.supporting, facts, 2)];
  return sentence(
    `${name}, ${top.likelihood} likelihood${shown.length ? ` (${joinClauses(shown)})` : ''}; ${noFlagStatus(a, facts)}`,
  );
}

const MAX_FLAG_FINDINGS = 3;

/**
 * What raised a red flag, most telling first: a chart result, then an examination finding, then a reported symptom
 * or risk (breathlessness, weight loss, a history of cancer), then the pain's story (timing, relief), then chart
 * context (a red flag's evidence carries no weights to sort by).
 */
function triggerRank(e: Evidence, facts: ChartFacts): number {
  if (e.reference && facts.observations.some((o) => o.provenance.reference === e.reference)) return 0;
  if (e.formField?.startsWith('exam.')) return 1;
  if (e.formField?.startsWith('history.')) return 2;
  if (e.source === 'form') return 3;
  return 4;
}

/**
 * The findings shown for each red flag, in the order the flags are listed. Each line leads with what it has not
 * already been said above and what sets it apart from the flags listed below it: a possible PE is raised by the
 * breathlessness, not by the swollen leg the DVT line beneath it names; the DVT line then gives the leg findings the
 * PE line did not.
 */
function redFlagFindings(a: Assessment, facts: ChartFacts): ReadonlyMap<RedFlag['id'], string[]> {
  const key = (e: Evidence) => findingText(e).toLowerCase();
  const out = new Map<RedFlag['id'], string[]>();
  const above = new Set<string>();
  a.redFlags.forEach((f, i) => {
    const below = new Set(a.redFlags.slice(i + 1).flatMap((o) => o.evidence.map(key)));
    const rank = (e: Evidence) => (above.has(key(e)) ? 2 : 0) + (below.has(key(e)) ? 1 : 0);
    const ordered = [...f.evidence].sort(
      (x, y) =>
        rank(x) - rank(y) ||
        triggerRank(x, facts) - triggerRank(y, facts) ||
        resultOrder(x, facts) - resultOrder(y, facts) ||
        byStrength(x, y),
    );
    const shown = distinctFindings(ordered, MAX_FLAG_FINDINGS);
    for (const t of shown) above.add(t.toLowerCase());
    out.set(f.id, shown);
  });
  return out;
}

function redFlagLine(f: RedFlag, a: Assessment, form: FormAnswers, findings: readonly string[]): string {
  const tokens =
    f.id === 'chronic-limb-threatening-ischemia'
      ? padTokens(a, form)
      : f.id === 'acute-limb-ischemia'
        ? padTokens(a, form).filter((t) => t.startsWith('WIfI'))
        : [];
  const because = findings.length ? `: ${joinClauses(findings)}` : '';
  const stage = tokens.length ? ` ${sentence(joinClauses(tokens))}` : '';
  return `${URGENCY_LABELS[f.urgency]} red flag — ${inSentence(flagHead(f))}${because}.${stage}`;
}

/** Short names for the one line of conditions considered unlikely. */
const SHORT_NAMES: Readonly<Record<ConditionId, string>> = {
  'pad-ischemic-rest-pain': 'ischaemic rest pain',
  'lumbar-radiculopathy': 'lumbar root compression',
  'peroneal-neuropathy': 'peroneal entrapment',
  'nocturnal-leg-cramps': 'cramps',
  'restless-legs-syndrome': 'RLS',
  'deep-vein-thrombosis': 'DVT',
  'diabetic-peripheral-neuropathy': 'diabetic neuropathy',
  'venous-insufficiency': 'venous insufficiency',
  cellulitis: 'cellulitis',
};

function candidateLine(
  d: DifferentialItem,
  rank: number,
  a: Assessment,
  form: FormAnswers,
  alreadySaid: ReadonlySet<string>,
): string {
  const skip = coveredByScore(d.id);
  const tokens = scoreTokens(d.id, a, form);
  // PAD's stage is already on the CLTI red-flag line when that flag is raised.
  const shownTokens =
    d.id === 'pad-ischemic-rest-pain' && a.redFlags.some((f) => f.id === 'chronic-limb-threatening-ischemia')
      ? []
      : tokens;
  // Findings the related red-flag line already gave are not repeated; the candidate's own come next.
  const supporting = [...d.supporting].filter((e) => e.weight > 0).sort(byStrength);
  const said = (e: Evidence) => alreadySaid.has(findingText(e).toLowerCase());
  const fresh = distinctFindings(supporting, MAX_FOR, (e) => skip(e) || said(e));
  // "As above" when the red-flag line gave some of the findings for it: the reader must not think only the rest count.
  const asAbove = fresh.length > 0 && supporting.some((e) => said(e) && !skip(e));
  const forList = fresh.length
    ? asAbove
      ? ['as above', ...fresh]
      : fresh
    : distinctFindings(supporting, MAX_FOR, skip);
  const against = distinctFindings([...d.opposing].filter((e) => e.weight < 0).sort(byStrength), MAX_AGAINST);
  const head = `${rank}. ${CONDITION_LABELS[d.id]}, ${d.likelihood} likelihood${shownTokens.length ? ` (${joinClauses(shownTokens)})` : ''}.`;
  const parts = [
    forList.length ? `For: ${joinClauses(forList)}.` : '',
    `Against: ${against.length ? joinClauses(against) : 'nothing recorded'}.`,
  ].filter(Boolean);
  return `${head} ${parts.join(' ')}`;
}

/** The ASSESSMENT section's lines. */
export function assessmentLines(a: Assessment, form: FormAnswers, facts: ChartFacts): string[] {
  const flagFindings = redFlagFindings(a, facts);
  const lines = a.redFlags.map((f) => redFlagLine(f, a, form, flagFindings.get(f.id) ?? []));
  const inPlay = a.differential.filter((d) => d.likelihood !== 'unlikely').slice(0, MAX_CANDIDATES);
  inPlay.forEach((d, i) => {
    const said = new Set(
      a.redFlags
        .filter((f) => (RELATED.get(f.id) ?? []).includes(d.id))
        .flatMap((f) => (flagFindings.get(f.id) ?? []).map((t) => t.toLowerCase())),
    );
    lines.push(candidateLine(d, i + 1, a, form, said));
  });
  if (!inPlay.length) lines.push('No candidate ranks above unlikely on the information recorded so far.');
  const rest = a.differential.filter((d) => !inPlay.includes(d));
  if (rest.length) {
    const names = rest.map((d) => {
      // A complete Wells beside an unlikely DVT is the reason it is unlikely; a partial one is noise there.
      const wells = a.scores.wells;
      const tokens = d.id === 'deep-vein-thrombosis' && wells && wells.complete !== false ? [wellsToken(wells)] : [];
      return `${SHORT_NAMES[d.id]}${tokens.length ? ` (${tokens.join('; ')})` : ''}`;
    });
    const allUnlikely = rest.every((d) => d.likelihood === 'unlikely');
    lines.push(sentence(`${allUnlikely ? 'considered unlikely' : 'also considered'}: ${joinAnd(names)}`));
  }
  return lines;
}
