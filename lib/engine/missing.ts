/**
 * Missing data: what is not known and would change the assessment. Unknown is not normal, so the engine says out
 * loud what it could not see, in this order: chart sections that failed to load; the answers a red flag hinges on
 * (asked instead of guessing); the red-flag screen and the key form questions; then tests not on file or too old.
 *
 * Every item names the form questions that answer it (`paths`), so the form can link to them; the `concept` keeps
 * the first path in parentheses for the current UI's anchors. Key questions are typed data: the answer slots they
 * ask and, where they only matter sometimes, a {@link PlanPredicate} saying when.
 */
import type { ConditionId, MissingData, RedFlagId } from './assessment';
import { type PlanContext, ageInDays, measuresOf, symptomaticLegs, symptomaticPulses } from './context';
import { recentDDimerResult } from './d-dimer';
import type { ChartSection, LabConcept } from './facts';
import { capitalise, isoDay } from './format';
import { OBSERVATION_LABELS } from './labels';
import { holdsPlan, slotAnswered } from './predicate-compiler';
import type { AnswerSlot, PlanPredicate } from './predicate-types';
import { redFlagQuestions } from './red-flags';
import { LAB_CUTOFFS, RECENT_EVENT_DAYS } from './thresholds';
import { abiBand, freshLegMeasure } from './vascular';

const SECTION_WORDS: Readonly<Record<ChartSection, string>> = {
  Patient: 'patient demographics (age)',
  Condition: 'the problem list (diagnoses such as diabetes, PAD, prior DVT)',
  Observation: 'results (ABI, labs, vital signs, smoking status)',
  MedicationRequest: 'medications',
  Procedure: 'procedures (recent surgery)',
  Encounter: 'encounters (recent hospital stays)',
};

export interface KeyQuestion {
  readonly label: string;
  /** Answered when every slot is answered; the unanswered ones are asked. */
  readonly slots: readonly AnswerSlot[];
  readonly why: string;
  readonly for: readonly ConditionId[];
  /** Only asked when this holds; always when absent. */
  readonly relevant?: PlanPredicate;
  /** Partly answered, the open slots are named by number ("criteria 2, 5 not answered"), e.g. IRLSSG criteria. */
  readonly numbered?: { readonly singular: string; readonly plural: string };
}

/**
 * The red-flag screen, asked until every item is answered (it comes before every other question). One list for the
 * engine, the form's first block and the decision panel's count (the form test checks the block asks exactly these),
 * so the screen and the note never count the screen differently.
 */
export const RED_FLAG_SCREEN: readonly AnswerSlot[] = [
  'exam.suddenColdPaleLeg',
  'history.dyspnoeaOrChestPain',
  'history.haemoptysisOrSyncope',
  'exam.saddleAnaesthesia',
  'exam.bladderOrBowelChange',
  'history.bladderSensationOrStreamChange',
  'history.sexualDysfunction',
  'history.bilateralSciatica',
  'exam.progressiveWeakness',
  'history.fever',
  'history.weightLoss',
  'exam.massiveSwellingBlueOrWhiteLeg',
  'exam.painOutOfProportion',
  'exam.crepitusBullaeOrNecrosis',
  'exam.tenseSwollenCompartment',
  'exam.painOnPassiveStretch',
];

const likely = (condition: ConditionId): PlanPredicate => ({ kind: 'likelihood', condition, atLeast: 'low' });

/** Key form questions: each changes a ranking by ≥ 2 points or a red flag. */
export const KEY_QUESTIONS: readonly KeyQuestion[] = [
  {
    label: 'Red-flag screen',
    slots: RED_FLAG_SCREEN,
    why: 'each "yes" is an emergency or urgent red flag; not recorded means not excluded',
    for: [],
  },
  {
    label: 'Foot pulses of the symptomatic leg',
    slots: ['pulses'],
    why: 'absent pulses add +3 toward ischaemic rest pain and normal pulses −2; a recent cold pulseless leg is an emergency',
    for: ['pad-ischemic-rest-pain'],
  },
  {
    label: 'What relieves the pain',
    slots: ['relievedBy'],
    why: 'dangling (PAD), curling up (stenosis), stretching (cramps), moving (RLS) and changing position (peroneal) separate the candidates best',
    for: [
      'pad-ischemic-rest-pain',
      'lumbar-radiculopathy',
      'nocturnal-leg-cramps',
      'restless-legs-syndrome',
      'peroneal-neuropathy',
    ],
  },
  {
    label: 'Timing after lying down',
    slots: ['timing'],
    why: 'waking after 1–2 h (PAD), evening at rest (RLS) and sudden in sleep (cramps) point different ways',
    for: ['pad-ischemic-rest-pain', 'restless-legs-syndrome', 'nocturnal-leg-cramps'],
  },
  {
    label: 'Which leg',
    slots: ['side'],
    why: 'one leg favours DVT, cellulitis and peroneal entrapment; both legs favour RLS and neuropathy; pulses and results are read for the symptomatic leg',
    for: ['deep-vein-thrombosis', 'peroneal-neuropathy', 'restless-legs-syndrome', 'diabetic-peripheral-neuropathy'],
  },
  {
    label: 'How the problem began',
    slots: ['onset'],
    why: 'a sudden start of continuous one-sided pain raises DVT',
    for: ['deep-vein-thrombosis'],
  },
  {
    label: 'IRLSSG criteria',
    slots: [
      'irlssg.urgeToMove',
      'irlssg.worseAtRest',
      'irlssg.reliefByMovement',
      'irlssg.eveningOrNight',
      'irlssg.notExplainedByMimic',
    ],
    why: 'all five essential criteria define RLS; an absent urge to move argues against it (−3)',
    for: ['restless-legs-syndrome'],
    numbered: { singular: 'criterion', plural: 'criteria' },
  },
  {
    label: 'Unilateral leg swelling',
    slots: ['exam.unilateralSwelling'],
    why: 'one-sided swelling is the cardinal DVT sign (+3) and feeds the DVT red flag',
    for: ['deep-vein-thrombosis'],
  },
  {
    label: 'How long the pain at rest has been present',
    slots: ['restPainDuration'],
    why: 'under 2 weeks with a cold pulseless leg is acute limb ischaemia; 2 weeks or more with proven PAD is CLTI',
    for: ['pad-ischemic-rest-pain'],
    relevant: likely('pad-ischemic-rest-pain'),
  },
  {
    label: 'Straight-leg raise',
    slots: ['exam.straightLegRaise'],
    why: 'a positive straight-leg raise adds +2 toward nerve-root compression',
    for: ['lumbar-radiculopathy'],
    relevant: likely('lumbar-radiculopathy'),
  },
  {
    label: 'Ankle strength',
    slots: ['exam.footDrop', 'exam.weakDorsiflexionEversion', 'exam.weakInversion'],
    why: 'weak eversion with preserved inversion is peroneal (+3); weak inversion is L5',
    for: ['peroneal-neuropathy', 'lumbar-radiculopathy'],
    relevant: likely('peroneal-neuropathy'),
  },
  {
    label: 'Monofilament / vibration sense',
    slots: ['exam.reducedVibrationOrMonofilament'],
    why: 'reduced sensation adds +2 toward diabetic neuropathy',
    for: ['diabetic-peripheral-neuropathy'],
    relevant: {
      kind: 'any',
      of: [{ kind: 'condition', concepts: ['diabetes'] }, likely('diabetic-peripheral-neuropathy')],
    },
  },
  {
    label: 'Augmentation on the dopamine agonist',
    slots: ['history.rlsAugmentation'],
    why: 'earlier onset, spread to the arms or shorter relief on a dopamine agonist is augmentation (AASM 2024 advises against standard use)',
    for: ['restless-legs-syndrome'],
    relevant: {
      kind: 'all',
      of: [{ kind: 'history', item: 'onDopamineAgonist', is: true }, likely('restless-legs-syndrome')],
    },
  },
  {
    label: 'Wasting or fasciculations',
    slots: ['exam.wastingOrFasciculations'],
    why: 'cramps with wasting or fasciculations need neurology review (motor neurone disease)',
    for: ['nocturnal-leg-cramps'],
    relevant: likely('nocturnal-leg-cramps'),
  },
  {
    label: 'Alternative diagnosis as likely as DVT',
    slots: ['history.alternativeDiagnosisAsLikely'],
    why: 'a Wells item (−2): without it the Wells score may overstate the DVT probability',
    for: ['deep-vein-thrombosis'],
    relevant: { kind: 'wells-shown' },
  },
  {
    label: 'Anticoagulant',
    slots: ['history.onAnticoagulant'],
    why: 'on anticoagulation a D-dimer cannot exclude DVT and a new DVT is treatment failure',
    for: ['deep-vein-thrombosis'],
    relevant: { kind: 'wells-shown' },
  },
];

/** Form paths of an answer slot (`pulses` is the pulse of each symptomatic leg). */
function pathsOf(slot: AnswerSlot, ctx: PlanContext): string[] {
  if (slot !== 'pulses') return [slot];
  const recorded = new Set(symptomaticPulses(ctx).map((p) => p.side));
  return symptomaticLegs(ctx)
    .filter((leg) => !recorded.has(leg))
    .map((leg) => (leg === 'right' ? 'exam.pulsesRight' : 'exam.pulsesLeft'));
}

function labGap(
  ctx: PlanContext,
  concept: LabConcept,
  forIds: readonly ConditionId[],
  why: string,
): MissingData | undefined {
  if (ctx.unavailable.has('Observation')) return undefined; // reported once as a section
  const lab = ctx.labs.get(concept);
  const name = OBSERVATION_LABELS[concept];
  if (!lab) return { concept: capitalise(name), why: `no ${name} on file: ${why}`, for: forIds };
  if (lab.stale) {
    return {
      concept: capitalise(name),
      why: `the ${name} on file is ${Math.round(lab.ageDays)} days old (window ${ctx.staleness[concept]} days): ${why}`,
      for: forIds,
    };
  }
  return undefined;
}

const notUnlikely = (ctx: PlanContext, id: ConditionId) => ctx.likelihood.get(id) !== 'unlikely';

/** Wells item id → the form question that answers it. */
const WELLS_ITEM_PATHS: Readonly<Record<string, string>> = {
  'active-cancer': 'history.activeCancer',
  'paralysis-or-cast': 'history.legParalysisOrCast',
  'bedridden-or-surgery': 'history.recentSurgeryOrBedRest',
  'deep-vein-tenderness': 'exam.deepVeinTenderness',
  'entire-leg-swollen': 'exam.entireLegSwollen',
  'calf-swelling': 'exam.calfSwellingOver3cm',
  'pitting-oedema': 'exam.pittingOedemaSymptomaticLeg',
  'collateral-veins': 'exam.collateralSuperficialVeins',
  'previous-dvt': 'history.previousDvt',
  'alternative-diagnosis': 'history.alternativeDiagnosisAsLikely',
};

export function findMissing(ctx: PlanContext, fired: ReadonlySet<RedFlagId>): MissingData[] {
  const out: MissingData[] = [];

  for (const section of ctx.facts.unavailable) {
    out.push({
      concept: `Chart section: ${section}`,
      why: `could not load ${SECTION_WORDS[section]}: treat as unknown, not as normal or absent`,
    });
  }

  // Answers a red flag hinges on come first: the flag cannot fire (or be ruled out) without them.
  const asked = new Set<string>();
  for (const q of redFlagQuestions(ctx, fired)) {
    out.push(q);
    for (const p of q.paths ?? []) asked.add(p);
  }

  for (const q of KEY_QUESTIONS) {
    if (q.relevant && !holdsPlan(q.relevant, ctx)) continue;
    const open = q.slots.filter((s) => !slotAnswered(ctx, s));
    if (open.length === 0) continue;
    const paths = open.flatMap((s) => pathsOf(s, ctx)).filter((p) => !asked.has(p));
    if (paths.length === 0) continue;
    const numbers = q.slots.map((slot, i) => (open.includes(slot) ? i + 1 : 0)).filter((n) => n > 0);
    const partial =
      open.length === q.slots.length || q.slots.length === 1
        ? 'not answered'
        : q.numbered
          ? `${numbers.length === 1 ? q.numbered.singular : q.numbered.plural} ${numbers.join(', ')} not answered`
          : `${open.length} of ${q.slots.length} not answered`;
    out.push({
      concept: `${q.label} (${paths[0]})`,
      why: `${partial}: ${q.why}`,
      paths,
      ...(q.for.length > 0 ? { for: q.for } : {}),
    });
    for (const p of paths) asked.add(p);
  }

  // A recent procedure or stay whose kind or length the chart does not give: ask rather than guess (Wells).
  if (!slotAnswered(ctx, 'history.recentSurgeryOrBedRest') && ctx.wellsShown) {
    for (const e of ctx.events) {
      const age = ageInDays(e.date, ctx.nowMs);
      if (age < -1 || age > RECENT_EVENT_DAYS) continue;
      const unclear =
        (e.kind === 'surgery' && e.surgeryClass === undefined) || (e.kind === 'inpatient-stay' && e.days === undefined);
      if (!unclear) continue;
      out.push({
        concept: `Was "${e.label}" (${isoDay(e.date)}) major surgery under general or regional anaesthesia, or 3 days or more in bed? (history.recentSurgeryOrBedRest)`,
        why: 'the chart does not say: only major surgery or 3 days bedridden counts in Wells; a local-anaesthetic procedure does not',
        paths: ['history.recentSurgeryOrBedRest'],
        for: ['deep-vein-thrombosis'],
      });
      break;
    }
  }

  // ABI: when PAD is in play, the patient is diabetic (screening indication), or PAD has not been examined
  // for at all (pulses unrecorded): an unexamined PAD is unknown, not unlikely.
  const pad: ConditionId = 'pad-ischemic-rest-pain';
  if (notUnlikely(ctx, pad) || ctx.conditions.has('diabetes') || !slotAnswered(ctx, 'pulses')) {
    const abis = measuresOf(ctx, 'abi');
    if (abis.length === 0) {
      if (!ctx.unavailable.has('Observation')) {
        out.push({
          concept: 'ABI',
          why: 'no ABI on file: an ABI ≤ 0.90 would add +3 toward ischaemic rest pain; a normal ABI with normal TBI would argue against it',
          for: [pad],
        });
      }
    } else if (abis.every((a) => a.stale)) {
      out.push({ concept: 'ABI', why: 'the ABI on file is older than 12 months: repeat it', for: [pad] });
    }
  }

  // One-sided story: an ABI of the other leg (or an unsided or stale one) says nothing about this leg.
  const side = ctx.form.side;
  if ((side === 'left' || side === 'right') && !ctx.unavailable.has('Observation')) {
    const abis = measuresOf(ctx, 'abi');
    if (abis.some((a) => !a.stale) && !freshLegMeasure(ctx, 'abi', side)) {
      out.push({
        concept: `ABI, symptomatic leg (${side})`,
        why: `no current ${side} ABI on file (on file: ${abis.map((a) => `${a.side ?? 'leg not recorded'} ${a.value}${a.stale ? ', stale' : ''}`).join('; ')}): another leg's, an unsided or an old result neither confirms nor excludes PAD in this leg`,
        for: [pad],
      });
    }
  }

  // A noncompressible ABI on file is uninterpretable whatever the ranking: say what would replace it.
  if (measuresOf(ctx, 'abi').some((a) => abiBand(a.value) === 'noncompressible')) {
    if (measuresOf(ctx, 'tbi').length + measuresOf(ctx, 'toe-pressure').length === 0) {
      out.push({
        concept: 'TBI or toe pressure',
        why: 'the ABI is noncompressible (> 1.40): only a toe pressure / TBI can show whether perfusion is reduced',
        for: [pad],
      });
    }
  }

  const rls: ConditionId = 'restless-legs-syndrome';
  if (notUnlikely(ctx, rls)) {
    const f = labGap(
      ctx,
      'ferritin',
      [rls],
      `iron is advised when ferritin ≤ ${LAB_CUTOFFS.ferritinSupplementMax} µg/L (AASM 2024)`,
    );
    if (f) out.push(f);
    const t = labGap(ctx, 'transferrin-saturation', [rls], `iron is advised when TSAT < ${LAB_CUTOFFS.tsatBelow} %`);
    if (t) out.push(t);
  }

  const cramps: ConditionId = 'nocturnal-leg-cramps';
  if (notUnlikely(ctx, cramps)) {
    const k = labGap(ctx, 'potassium', [cramps], 'hypokalaemia (< 3.5 mmol/L) adds +2 toward cramps');
    if (k) out.push(k);
    const mg = labGap(ctx, 'magnesium', [cramps], 'hypomagnesaemia (< 1.7 mg/dL) adds +1 toward cramps');
    if (mg) out.push(mg);
    const ca = labGap(
      ctx,
      'calcium',
      [cramps],
      `low calcium (< ${LAB_CUTOFFS.calciumBelow} mg/dL) adds +1 toward cramps`,
    );
    if (ca) out.push(ca);
  }

  const dvt: ConditionId = 'deep-vein-thrombosis';
  const w = ctx.wells;
  if (ctx.wellsShown && w.nextStep === 'd-dimer' && !recentDDimerResult(ctx) && !ctx.unavailable.has('Observation')) {
    out.push({
      concept: 'D-dimer',
      why: 'Wells is "unlikely" and no D-dimer from the last 3 days is on file: a negative result would exclude DVT (NICE NG158, ASH 2018)',
      for: [dvt],
    });
  }
  if (ctx.wellsShown && w.unknownItems > 0) {
    const paths = w.items.filter((i) => i.met === null).map((i) => WELLS_ITEM_PATHS[i.id]!);
    out.push({
      concept: `Wells items not recorded (${paths[0]})`,
      why:
        w.complete === false
          ? `Wells incomplete: ${w.unknownItems} of ${w.items.length} items unknown, could reach ${w.maxPossible ?? w.points} (${w.points} so far): "unlikely" cannot be used and a negative D-dimer excludes nothing until they are recorded`
          : `${w.unknownItems} of ${w.items.length} Wells items are unknown and counted 0: the score may be higher`,
      paths,
      for: [dvt],
    });
  }

  const dpn: ConditionId = 'diabetic-peripheral-neuropathy';
  if (notUnlikely(ctx, dpn) && ctx.conditions.has('diabetes')) {
    const a = labGap(ctx, 'hba1c', [dpn, pad], 'HbA1c ≥ 8 % adds toward neuropathy and PAD');
    if (a) out.push(a);
  }
  if (notUnlikely(ctx, dpn)) {
    const b12 = labGap(
      ctx,
      'vitamin-b12',
      [dpn],
      `B12 < ${LAB_CUTOFFS.b12Below} pg/mL adds +1 toward neuropathy and is a treatable cause (metformin lowers it)`,
    );
    if (b12) out.push(b12);
  }
  return out;
}
