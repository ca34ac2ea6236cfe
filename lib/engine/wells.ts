/**
 * Wells DVT score, two-level (2003, with "previously documented DVT") and three-level (1997), and the next
 * diagnostic step per NICE NG158 and ASH 2018.
 *
 * Items come from the form, which the chart pre-answers where it knows (active cancer, previous DVT, major
 * surgery or a stay of 3 days or more, a cast): an item nobody recorded is `met: null`, counts 0 and is listed,
 * because the true score may be higher. The score is shown next to the pathway, never as a verdict.
 */
import type { Evidence, RedFlagId, WellsItem, WellsNextStep, WellsScore } from './assessment';
import type { EvalContext } from './context';
import { anticoagulated, dDimerUnreliableReasons, recentDDimerResult } from './d-dimer';
import { capitalise } from './format';
import { EXAM_LABELS, HISTORY_LABELS, type ExamFinding, type HistoryItem } from './labels';
import { answerMatch, labMatch, toEvidence } from './matches';
import type { PlanPredicate } from './predicate-types';

function evidence(ctx: EvalContext, id: string, path: string, label: string, points: number): Evidence {
  return toEvidence(answerMatch(ctx, path, label), points, `wells.${id}`, answerMatch(ctx, path, label).label);
}

function examItem(ctx: EvalContext, id: string, label: string, finding: ExamFinding): WellsItem {
  const v = ctx.form.exam?.[finding];
  if (v === undefined) return { id, label, points: 1, met: null };
  const text = `Exam: ${v ? '' : 'no '}${EXAM_LABELS[finding]}`;
  return { id, label, points: 1, met: v, evidence: evidence(ctx, id, `exam.${finding}`, text, v ? 1 : 0) };
}

function historyItem(ctx: EvalContext, id: string, label: string, item: HistoryItem, points = 1): WellsItem {
  const v = ctx.form.history?.[item];
  if (typeof v !== 'boolean') return { id, label, points, met: null };
  const text = `History: ${v ? '' : 'no '}${HISTORY_LABELS[item]}`;
  return { id, label, points, met: v, evidence: evidence(ctx, id, `history.${item}`, text, v ? points : 0) };
}

const CANCER_LABEL = 'Active cancer (treatment within 6 months or palliative)';

export function computeWells(ctx: EvalContext): WellsScore {
  const items: WellsItem[] = [];

  // Active cancer: the answer (or the chart's pre-answer); "no cancer at all" also settles it.
  const cancer = historyItem(ctx, 'active-cancer', CANCER_LABEL, 'activeCancer');
  items.push(
    cancer.met === null && ctx.form.history?.cancerHistory === false
      ? {
          ...cancer,
          met: false,
          evidence: evidence(
            ctx,
            'active-cancer',
            'history.cancerHistory',
            `History: no ${HISTORY_LABELS.cancerHistory}`,
            0,
          ),
        }
      : cancer,
  );
  items.push(
    historyItem(
      ctx,
      'paralysis-or-cast',
      'Paralysis, paresis or recent plaster immobilisation of the leg',
      'legParalysisOrCast',
    ),
  );
  items.push(
    historyItem(
      ctx,
      'bedridden-or-surgery',
      'Bedridden 3 days or more, or major surgery under general or regional anaesthesia, within 12 weeks',
      'recentSurgeryOrBedRest',
    ),
  );
  items.push(
    examItem(ctx, 'deep-vein-tenderness', 'Localised tenderness along the deep venous system', 'deepVeinTenderness'),
  );
  items.push(examItem(ctx, 'entire-leg-swollen', 'Entire leg swollen', 'entireLegSwollen'));
  items.push(examItem(ctx, 'calf-swelling', 'Calf swelling > 3 cm compared with the other leg', 'calfSwellingOver3cm'));
  items.push(
    examItem(ctx, 'pitting-oedema', 'Pitting oedema confined to the symptomatic leg', 'pittingOedemaSymptomaticLeg'),
  );
  items.push(
    examItem(ctx, 'collateral-veins', 'Collateral superficial (non-varicose) veins', 'collateralSuperficialVeins'),
  );
  items.push(historyItem(ctx, 'previous-dvt', 'Previously documented DVT (2003 revision)', 'previousDvt'));
  items.push(
    historyItem(
      ctx,
      'alternative-diagnosis',
      'Alternative diagnosis at least as likely as DVT',
      'alternativeDiagnosisAsLikely',
      -2,
    ),
  );

  let points = 0;
  let unknownItems = 0;
  let unknownPositive = 0;
  for (const item of items) {
    if (item.met === true) points += item.points;
    else if (item.met === null) {
      unknownItems += 1;
      if (item.points > 0) unknownPositive += item.points;
    }
  }
  const maxPossible = points + unknownPositive;
  const priorMet = ctx.form.history?.previousDvt === true ? 1 : 0;
  const threeLevelPoints = points - priorMet;
  const band: WellsScore['band'] = points >= 2 ? 'likely' : 'unlikely';
  // "Unlikely" only counts when even the best case stays ≤ 1; otherwise the score is incomplete, not reassuring.
  const complete = band === 'likely' || maxPossible <= 1;
  const threeLevel: WellsScore['threeLevel'] =
    threeLevelPoints <= 0 ? 'low' : threeLevelPoints <= 2 ? 'moderate' : 'high';
  const base = { points, band, unknownItems, maxPossible, complete };
  const next = wellsPathway(ctx, base, new Set());
  return { points, threeLevelPoints, band, threeLevel, items, unknownItems, maxPossible, complete, ...next };
}

const DVT_FLAGS: readonly RedFlagId[] = ['suspected-dvt', 'possible-pulmonary-embolism'];

/**
 * The next diagnostic step (value and words). A negative D-dimer only excludes DVT with a settled "unlikely"
 * Wells (best possible ≤ 1), a D-dimer that is reliable for this patient, and no suspected-DVT or possible-PE red
 * flag: with the flag raised the patient needs an ultrasound whatever the score.
 */
export function wellsPathway(
  ctx: EvalContext,
  w: Pick<WellsScore, 'band' | 'points' | 'unknownItems' | 'maxPossible' | 'complete'>,
  redFlags: ReadonlySet<RedFlagId>,
): Pick<WellsScore, 'pathway' | 'nextStep' | 'dDimerUnreliable'> {
  const flag = DVT_FLAGS.some((id) => redFlags.has(id));
  const unreliable = dDimerUnreliableReasons(ctx);
  const h = ctx.form.history;
  const pregnant = h?.pregnantOrPostpartum === true || h?.pregnancyStage !== undefined;
  const onAnticoagulant = anticoagulated(ctx);
  const d = recentDDimerResult(ctx);
  const dText = d ? labMatch('d-dimer', d.lab).label : undefined;

  const parts: string[] = [];
  let nextStep: WellsNextStep;
  if (pregnant) {
    parts.push(
      'Pregnant or postpartum: Wells is not validated here and a D-dimer cannot exclude DVT. Image the whole leg, ' +
        'including the iliac veins (iliac thrombosis is commoner in pregnancy); if imaging is delayed, give interim ' +
        'low-molecular-weight heparin (not a direct oral anticoagulant).',
    );
    nextStep = 'ultrasound';
  } else if (w.band === 'likely') {
    parts.push(
      `DVT likely (Wells ${w.points}): proximal leg-vein ultrasound with the result within 4 hours (NICE NG158). ` +
        (onAnticoagulant
          ? 'The patient is already anticoagulated: a new DVT would be treatment failure (check adherence and dose, ' +
            'interactions, cancer, antiphospholipid syndrome; seek thrombosis advice); no interim anticoagulation is needed.'
          : 'If the scan cannot be done within 4 hours, take a D-dimer, give interim therapeutic anticoagulation and ' +
            'scan within 24 hours.') +
        ' If the proximal scan is negative, a D-dimer; if that is positive, repeat the scan in 6–8 days or scan the whole leg.',
    );
    nextStep = 'ultrasound';
  } else if (w.complete === false) {
    parts.push(
      `Wells incomplete: ${w.unknownItems} item${w.unknownItems === 1 ? '' : 's'} unknown, could reach ${w.maxPossible ?? w.points} ` +
        `(${w.points} so far). Record the unknown items: until then "unlikely" cannot be used and a negative D-dimer excludes nothing.`,
    );
    if (dText) parts.push(`The recent D-dimer is ${d?.positive ? 'positive' : 'negative'} (${dText}).`);
    nextStep = flag || d?.positive === true ? 'ultrasound' : 'complete-the-score';
  } else if (d?.positive) {
    parts.push(
      `DVT unlikely (Wells ${w.points}) but the recent D-dimer is positive (${dText}): proximal leg-vein ultrasound within 4 hours.`,
    );
    nextStep = 'ultrasound';
  } else if (d) {
    if (unreliable.length > 0) {
      parts.push(
        `Wells ${w.points} (unlikely) and the recent D-dimer is negative (${dText}), but a D-dimer cannot exclude DVT here ` +
          `(${unreliable.join('; ')}): compression ultrasound.`,
      );
      nextStep = 'ultrasound';
    } else if (flag) {
      parts.push(
        `Wells ${w.points} (unlikely) and the recent D-dimer is negative (${dText}), but with the red flag raised this does not exclude DVT.`,
      );
      nextStep = 'ultrasound';
    } else {
      parts.push(
        `DVT unlikely (Wells ${w.points}) and the recent D-dimer is negative (${dText}): DVT is excluded (ASH 2018, NICE NG158) ` +
          'unless the clinical picture changes; consider other diagnoses.',
      );
      nextStep = 'excluded';
    }
  } else if (unreliable.length > 0) {
    parts.push(
      `DVT unlikely (Wells ${w.points}), but a D-dimer cannot exclude DVT here (${unreliable.join('; ')}): go to compression ultrasound.`,
    );
    nextStep = 'ultrasound';
  } else {
    parts.push(
      `DVT unlikely (Wells ${w.points}): D-dimer first (result within 4 hours); if negative, DVT is excluded; if positive, ` +
        'proximal leg-vein ultrasound (NICE NG158, ASH 2018). A positive D-dimer alone never diagnoses DVT.',
    );
    nextStep = flag ? 'ultrasound' : 'd-dimer';
  }
  if (flag) {
    parts.unshift(
      'The suspected-DVT or possible-PE red flag is raised: same-day compression ultrasound whatever the Wells score; ' +
        'a negative D-dimer does not exclude DVT here.',
    );
    nextStep = 'ultrasound';
  }
  if (w.unknownItems > 0 && w.complete !== false) {
    parts.push(
      `${w.unknownItems} Wells item${w.unknownItems === 1 ? ' is' : 's are'} not recorded, so the score may be higher.`,
    );
  }
  return { pathway: parts.join(' '), nextStep, dDimerUnreliable: unreliable };
}

export function wellsSummary(w: WellsScore): string {
  if (w.complete === false) {
    return capitalise(
      `Wells incomplete: ${w.unknownItems} items unknown, could reach ${w.maxPossible ?? w.points} (${w.points} so far)`,
    );
  }
  return capitalise(`Wells ${w.points} (${w.band}; three-level ${w.threeLevel})`);
}

// ---------- when Wells is shown ----------

/**
 * When the Wells score is shown. It is always computed (the suspected-DVT red flag reads it, so the flag can
 * never be hidden by this rule), but it is only shown, with its "items unknown" and D-dimer prompts, when DVT
 * is plausible. Otherwise a one-sided rest-pain or cramp story would read "Wells 0, 10 items unknown, no
 * D-dimer": noise that trains clinicians to skip the DVT box (issue 9 item 16). Any one criterion is enough.
 */
export const WELLS_RELEVANCE: readonly { readonly id: string; readonly when: PlanPredicate }[] = [
  {
    id: 'dvt-red-flag',
    when: { kind: 'flag', ids: ['suspected-dvt', 'possible-pulmonary-embolism'], raised: true },
  },
  { id: 'dvt-ranked', when: { kind: 'likelihood', condition: 'deep-vein-thrombosis', atLeast: 'low' } },
  {
    id: 'swelling-or-inflammation',
    when: {
      kind: 'any',
      of: [
        { kind: 'derived', id: 'one-leg-swollen' },
        { kind: 'exam', finding: 'massiveSwellingBlueOrWhiteLeg', is: true },
        { kind: 'exam', finding: 'warmth', is: true },
        { kind: 'exam', finding: 'redness', is: true },
      ],
    },
  },
  { id: 'wells-item-answered', when: { kind: 'derived', id: 'wells-item-answered' } },
  {
    id: 'sudden-leg-pain',
    when: {
      kind: 'all',
      of: [
        { kind: 'choice', field: 'onset', anyOf: ['sudden'] },
        { kind: 'derived', id: 'dvt-compatible-presentation' },
        { kind: 'derived', id: 'continuous-pain' },
      ],
    },
  },
  {
    id: 'd-dimer-drawn',
    when: {
      kind: 'any',
      of: [
        { kind: 'derived', id: 'd-dimer-positive-recent' },
        { kind: 'derived', id: 'd-dimer-negative-recent' },
      ],
    },
  },
];
