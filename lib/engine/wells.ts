/**
 * Wells DVT score, two-level (2003, with "previously documented DVT") and three-level (1997), and the next
 * diagnostic step per the ASH 2018 guideline.
 *
 * Items come from the form and from the chart. An item nobody recorded is `met: null`: it counts 0 but is
 * listed, because the true score may be higher. The score is shown next to the pathway, never as a verdict.
 */
import type { Evidence, Likelihood, RedFlag, WellsItem, WellsScore } from './assessment';
import { type EvalContext, ageInDays, findCondition } from './context';
import type { ExamFinding, HistoryItem } from './labels';
import { capitalise, isoDay } from './format';
import { EXAM_LABELS, HISTORY_LABELS } from './labels';
import { conditionMatch, recentDDimerResult, labMatch } from './predicates';
import { RECENT_EVENT_DAYS } from './thresholds';

function formEvidence(id: string, formField: string, label: string, points: number): Evidence {
  return { source: 'form', label, weight: points, formField, ruleId: `wells.${id}` };
}

function examItem(ctx: EvalContext, id: string, label: string, finding: ExamFinding): WellsItem {
  const v = ctx.form.exam?.[finding];
  if (v === undefined) return { id, label, points: 1, met: null };
  return {
    id,
    label,
    points: 1,
    met: v,
    evidence: formEvidence(id, `exam.${finding}`, `Exam: ${v ? '' : 'no '}${EXAM_LABELS[finding]}`, v ? 1 : 0),
  };
}

function historyEvidence(id: string, item: HistoryItem, v: boolean, points: number): Evidence {
  return formEvidence(id, `history.${item}`, `History: ${v ? '' : 'no '}${HISTORY_LABELS[item]}`, points);
}

function chartEvidence(id: string, points: number, m: ReturnType<typeof conditionMatch>): Evidence {
  return { ...m, weight: points, ruleId: `wells.${id}` };
}

function recentEvent(ctx: EvalContext, kinds: readonly ('surgery' | 'inpatient-stay' | 'immobilisation')[]) {
  for (const e of ctx.events) {
    if (!kinds.includes(e.kind)) continue;
    const age = ageInDays(e.date, ctx.nowMs);
    if (age >= -1 && age <= RECENT_EVENT_DAYS) return e;
  }
  return undefined;
}

/** Chart says yes → met; the form's explicit answer decides otherwise; nothing recorded → unknown. */
function mixedItem(
  ctx: EvalContext,
  id: string,
  label: string,
  chart: Evidence | undefined,
  formItem: HistoryItem,
): WellsItem {
  if (chart) return { id, label, points: 1, met: true, evidence: chart };
  const v = ctx.form.history?.[formItem];
  if (v === undefined) return { id, label, points: 1, met: null };
  return { id, label, points: 1, met: v, evidence: historyEvidence(id, formItem, v, v ? 1 : 0) };
}

export function computeWells(ctx: EvalContext): WellsScore {
  const items: WellsItem[] = [];

  const cancer = findCondition(ctx, ['active-cancer'], true);
  if (cancer) {
    items.push({
      id: 'active-cancer',
      label: 'Active cancer (treatment within 6 months or palliative)',
      points: 1,
      met: true,
      evidence: chartEvidence('active-cancer', 1, conditionMatch(cancer)),
    });
  } else if (ctx.form.history?.cancerHistory === false) {
    items.push({
      id: 'active-cancer',
      label: 'Active cancer (treatment within 6 months or palliative)',
      points: 1,
      met: false,
      evidence: historyEvidence('active-cancer', 'cancerHistory', false, 0),
    });
  } else {
    items.push({
      id: 'active-cancer',
      label: 'Active cancer (treatment within 6 months or palliative)',
      points: 1,
      met: null,
    });
  }

  const cast = recentEvent(ctx, ['immobilisation']);
  items.push(
    mixedItem(
      ctx,
      'paralysis-or-cast',
      'Paralysis, paresis or recent plaster immobilisation of the leg',
      cast
        ? {
            source: 'fhir',
            label: `Chart: ${cast.label} (${isoDay(cast.date)})`,
            weight: 1,
            reference: cast.provenance.reference,
            date: cast.date,
            ruleId: 'wells.paralysis-or-cast',
          }
        : undefined,
      'legParalysisOrCast',
    ),
  );

  const surgery = recentEvent(ctx, ['surgery', 'inpatient-stay']);
  items.push(
    mixedItem(
      ctx,
      'bedridden-or-surgery',
      'Recently bedridden > 3 days or major surgery within 12 weeks',
      surgery
        ? {
            source: 'fhir',
            label: `Chart: ${surgery.label} (${isoDay(surgery.date)})`,
            weight: 1,
            reference: surgery.provenance.reference,
            date: surgery.date,
            ruleId: 'wells.bedridden-or-surgery',
          }
        : undefined,
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

  const priorDvt = findCondition(ctx, ['dvt'], false);
  items.push(
    priorDvt
      ? {
          id: 'previous-dvt',
          label: 'Previously documented DVT (2003 revision)',
          points: 1,
          met: true,
          evidence: chartEvidence('previous-dvt', 1, conditionMatch(priorDvt)),
        }
      : { id: 'previous-dvt', label: 'Previously documented DVT (2003 revision)', points: 1, met: null },
  );

  const alt = ctx.form.history?.alternativeDiagnosisAsLikely;
  items.push({
    id: 'alternative-diagnosis',
    label: 'Alternative diagnosis at least as likely as DVT',
    points: -2,
    met: alt ?? null,
    ...(alt === undefined
      ? {}
      : { evidence: historyEvidence('alternative-diagnosis', 'alternativeDiagnosisAsLikely', alt, alt ? -2 : 0) }),
  });

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
  const priorMet = priorDvt ? 1 : 0;
  const threeLevelPoints = points - priorMet;
  const band: WellsScore['band'] = points >= 2 ? 'likely' : 'unlikely';
  // "Unlikely" only counts when even the best case stays ≤ 1; otherwise the score is incomplete, not reassuring.
  const complete = band === 'likely' || maxPossible <= 1;
  const threeLevel: WellsScore['threeLevel'] =
    threeLevelPoints <= 0 ? 'low' : threeLevelPoints <= 2 ? 'moderate' : 'high';

  const pathway = wellsPathway(ctx, { band, points, unknownItems, maxPossible, complete }, false);
  return { points, threeLevelPoints, band, threeLevel, items, unknownItems, maxPossible, complete, pathway };
}

/**
 * The next diagnostic step in words. A negative D-dimer only excludes DVT with a settled "unlikely" Wells
 * (best possible ≤ 1) and no suspected-DVT or possible-PE red flag: with the flag raised the patient needs a
 * same-day compression ultrasound whatever the score, and with items unknown the score is incomplete.
 */
export function wellsPathway(
  ctx: EvalContext,
  w: Pick<WellsScore, 'band' | 'points' | 'unknownItems' | 'maxPossible' | 'complete'>,
  dvtRedFlag: boolean,
): string {
  const { band, points, unknownItems } = w;
  const maxPossible = w.maxPossible ?? points;
  const flagNote = dvtRedFlag
    ? 'The suspected-DVT or possible-PE red flag is raised: same-day compression ultrasound whatever the Wells ' +
      'score; a negative D-dimer does not exclude DVT here. '
    : '';
  if (band === 'unlikely' && w.complete === false) {
    const d = recentDDimerResult(ctx);
    const dNote = d
      ? d.positive
        ? ` The recent D-dimer is positive (${labMatch('d-dimer', d.lab).label}): compression ultrasound next.`
        : ` The recent D-dimer is negative (${labMatch('d-dimer', d.lab).label}) but excludes nothing until the score is complete and stays ≤ 1.`
      : '';
    return (
      `Wells incomplete: ${unknownItems} item${unknownItems === 1 ? '' : 's'} unknown, could reach ${maxPossible} ` +
      `(${points} so far). Record the unknown items; until then do not treat DVT as unlikely: if the score could be ` +
      '≥ 2, go to compression ultrasound (proximal or whole-leg) rather than relying on a D-dimer (ASH 2018).' +
      dNote +
      (flagNote ? ` ${flagNote.trimEnd()}` : '')
    );
  }
  return flagNote + basePathway(ctx, band, points, unknownItems, dvtRedFlag);
}

function basePathway(
  ctx: EvalContext,
  band: WellsScore['band'],
  points: number,
  unknownItems: number,
  dvtRedFlag: boolean,
): string {
  const unknownNote =
    unknownItems > 0
      ? ` ${unknownItems} Wells item${unknownItems === 1 ? ' is' : 's are'} not recorded, so the score may be higher.`
      : '';
  if (band === 'likely') {
    return (
      `DVT likely (Wells ${points}): compression ultrasound (proximal or whole-leg) without waiting for a D-dimer; ` +
      'if a proximal scan is negative, repeat it in about 1 week or scan the whole leg (ASH 2018).' +
      unknownNote
    );
  }
  const d = recentDDimerResult(ctx);
  if (d) {
    const m = labMatch('d-dimer', d.lab);
    if (d.positive) {
      return (
        `DVT unlikely (Wells ${points}) but the recent D-dimer is positive (${m.label}): compression ultrasound ` +
        '(proximal or whole-leg) next (ASH 2018).' +
        unknownNote
      );
    }
    if (dvtRedFlag) {
      return `Wells ${points} (unlikely) and the recent D-dimer is negative (${m.label}), but with the red flag raised this does not exclude DVT.${unknownNote}`;
    }
    return (
      `DVT unlikely (Wells ${points}) and the recent D-dimer is negative (${m.label}): DVT is excluded per ASH 2018 ` +
      'unless the clinical picture changes.' +
      unknownNote
    );
  }
  if (dvtRedFlag) {
    return `Wells ${points} (unlikely); a D-dimer may be drawn alongside the ultrasound but cannot exclude DVT while the red flag stands.${unknownNote}`;
  }
  return (
    `DVT unlikely (Wells ${points}): high-sensitivity D-dimer first; if positive, compression ultrasound; ` +
    'if negative, DVT is excluded (ASH 2018). A positive D-dimer alone never diagnoses DVT.' +
    unknownNote
  );
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

export interface WellsRelevanceContext {
  readonly ctx: EvalContext;
  readonly dvtLikelihood: Likelihood;
  readonly redFlags: readonly RedFlag[];
}

/** The Wells exam items (plus the clinician's "alternative diagnosis" judgement): answering any means DVT is being weighed. */
const WELLS_FORM_ITEMS: readonly ExamFinding[] = [
  'deepVeinTenderness',
  'entireLegSwollen',
  'calfSwellingOver3cm',
  'pittingOedemaSymptomaticLeg',
  'collateralSuperficialVeins',
];
const DVT_SIGNS: readonly ExamFinding[] = [
  'unilateralSwelling',
  'calfSwellingOver3cm',
  'entireLegSwollen',
  'warmth',
  'redness',
];

/**
 * When the Wells score is shown. It is always computed (the suspected-DVT red flag reads it, so the flag can
 * never be hidden by this rule), but it is only shown, with its "items unknown" and D-dimer prompts, when DVT
 * is plausible. Otherwise a one-sided rest-pain story would read "Wells 0, 10 items unknown, no D-dimer":
 * noise that trains clinicians to skip the DVT box. Any one criterion is enough.
 */
export const WELLS_RELEVANCE: readonly {
  readonly id: string;
  readonly text: string;
  readonly holds: (c: WellsRelevanceContext) => boolean;
}[] = [
  {
    id: 'dvt-red-flag',
    text: 'the suspected-DVT or possible-PE red flag is raised',
    holds: (c) => c.redFlags.some((f) => f.id === 'suspected-dvt' || f.id === 'possible-pulmonary-embolism'),
  },
  {
    id: 'dvt-ranked',
    text: 'deep vein thrombosis ranks "low" or above in the differential',
    holds: (c) => c.dvtLikelihood !== 'unlikely',
  },
  {
    id: 'swelling-or-inflammation',
    text: 'the exam finds leg swelling (unilateral, calf > 3 cm over the other side, or the entire leg), warmth or redness',
    holds: (c) => {
      const exam = c.ctx.form.exam;
      return exam !== undefined && DVT_SIGNS.some((k) => exam[k] === true);
    },
  },
  {
    id: 'wells-item-answered',
    text: 'any Wells exam item, or the "alternative diagnosis as likely" judgement, was answered (yes or no)',
    holds: (c) => {
      const f = c.ctx.form;
      return (
        (f.exam !== undefined && WELLS_FORM_ITEMS.some((k) => f.exam?.[k] !== undefined)) ||
        f.history?.alternativeDiagnosisAsLikely !== undefined
      );
    },
  },
  {
    id: 'sudden-calf-or-leg',
    text: 'the onset was sudden with pain in the calf, thigh or whole leg, unless both legs are affected (DVT is a one-leg disease)',
    holds: (c) => {
      const f = c.ctx.form;
      if (f.onset !== 'sudden' || f.side === 'both') return false;
      const loc = f.locations;
      return loc !== undefined && (loc.includes('calf') || loc.includes('thigh') || loc.includes('whole-leg'));
    },
  },
  {
    id: 'prior-vte-with-leg-symptoms',
    text: 'the chart lists a previous DVT or PE and the leg symptoms are recorded (side or location)',
    holds: (c) => {
      const f = c.ctx.form;
      const symptoms = f.side !== undefined || (f.locations !== undefined && f.locations.length > 0);
      return symptoms && findCondition(c.ctx, ['dvt', 'pulmonary-embolism'], false) !== undefined;
    },
  },
];

/** True when any {@link WELLS_RELEVANCE} criterion holds. */
export function wellsRelevant(c: WellsRelevanceContext): boolean {
  for (const r of WELLS_RELEVANCE) if (r.holds(c)) return true;
  return false;
}
