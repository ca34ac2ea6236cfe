/**
 * Missing data: what is not known and would change the ranking. Unknown is not normal, so the engine says
 * out loud what it could not see (sections that failed to load, tests not on file or too old, key form
 * questions not yet answered) instead of silently scoring them as negative. For every candidate ranked "low"
 * or above it names the cheap discriminating tests not on file (ABI, D-dimer, ferritin/TSAT, K/Mg/Ca, HbA1c,
 * B12): for a low-ranked candidate that is not on top, this list, not the workup plan, is where they appear.
 */
import type { ConditionId, Likelihood, MissingData, WellsScore } from './assessment';
import { measuresOf } from './context';
import type { ChartSection, LabConcept } from './facts';
import type { FormAnswers } from '@/lib/form/schema';
import { capitalise } from './format';
import { IRLSSG_ORDER, OBSERVATION_LABELS } from './labels';
import { type RuleContext, recentDDimerResult } from './predicates';
import { redFlagQuestions } from './red-flags';
import { LAB_CUTOFFS } from './thresholds';
import { abiBand, freshLegMeasure } from './vascular';

const SECTION_WORDS: Readonly<Record<ChartSection, string>> = {
  Patient: 'patient demographics (age)',
  Condition: 'the problem list (diagnoses such as diabetes, PAD, prior DVT)',
  Observation: 'results (ABI, labs, smoking status)',
  MedicationRequest: 'medications',
  Procedure: 'procedures (recent surgery)',
  Encounter: 'encounters (recent hospital stays)',
};

interface FormQuestion {
  readonly concept: string;
  readonly why: string;
  readonly for: readonly ConditionId[];
  readonly answered: (f: FormAnswers) => boolean;
  /** Says what is still open when the question is partly answered (default "not answered"). */
  readonly partial?: (f: FormAnswers) => string | undefined;
  /** Only ask when this holds (e.g. Wells is being computed). */
  readonly relevant?: (m: MissingContext) => boolean;
}

const listAnswered = (v: readonly unknown[] | undefined) => v !== undefined && v.length > 0;

/** Key form questions: each changes at least one ranking by ≥ 2 points or screens for a red flag. */
export const KEY_FORM_QUESTIONS: readonly FormQuestion[] = [
  {
    concept: 'Pedal pulses (exam.pedalPulses)',
    why: 'absent pulses add +3 toward ischaemic rest pain and normal pulses −2; a sudden pulseless leg is an emergency',
    for: ['pad-ischemic-rest-pain'],
    answered: (f) => f.exam?.pedalPulses !== undefined,
  },
  {
    concept: 'What relieves the pain (relievedBy)',
    why: 'dangling (PAD), curling up (stenosis), stretching (cramps), moving (RLS) and changing position (peroneal) separate the candidates best',
    for: [
      'pad-ischemic-rest-pain',
      'lumbar-radiculopathy',
      'nocturnal-leg-cramps',
      'restless-legs-syndrome',
      'peroneal-neuropathy',
    ],
    answered: (f) => listAnswered(f.relievedBy),
  },
  {
    concept: 'Timing after lying down (timing)',
    why: 'waking after 1–2 h (PAD), evening at rest (RLS) and sudden in sleep (cramps) point different ways',
    for: ['pad-ischemic-rest-pain', 'restless-legs-syndrome', 'nocturnal-leg-cramps'],
    answered: (f) => listAnswered(f.timing),
  },
  {
    concept: 'Which leg (side)',
    why: 'one leg favours DVT and peroneal entrapment; both legs favour RLS and neuropathy',
    for: ['deep-vein-thrombosis', 'peroneal-neuropathy', 'restless-legs-syndrome', 'diabetic-peripheral-neuropathy'],
    answered: (f) => f.side !== undefined,
  },
  {
    concept: 'Onset (onset)',
    why: 'sudden onset raises DVT and, with absent pulses, acute limb ischaemia',
    for: ['deep-vein-thrombosis', 'pad-ischemic-rest-pain'],
    answered: (f) => f.onset !== undefined,
  },
  {
    concept: 'IRLSSG criteria (irlssg)',
    why: 'all five essential criteria define RLS; an absent urge to move argues against it (−3)',
    for: ['restless-legs-syndrome'],
    answered: (f) => IRLSSG_ORDER.every((k) => f.irlssg?.[k] !== undefined),
    partial: (f) => {
      const open = IRLSSG_ORDER.map((k, i) => (f.irlssg?.[k] === undefined ? i + 1 : 0)).filter((n) => n > 0);
      if (open.length === IRLSSG_ORDER.length) return undefined;
      return `criteri${open.length === 1 ? 'on' : 'a'} ${open.join(', ')} not answered`;
    },
  },
  {
    concept: 'Unilateral leg swelling (exam.unilateralSwelling)',
    why: 'one-sided swelling is the cardinal DVT sign (+3) and feeds the DVT red flag',
    for: ['deep-vein-thrombosis'],
    answered: (f) => f.exam?.unilateralSwelling !== undefined,
  },
  {
    concept: 'Straight-leg raise (exam.straightLegRaise)',
    why: 'a positive straight-leg raise adds +2 toward nerve-root compression',
    for: ['lumbar-radiculopathy'],
    answered: (f) => f.exam?.straightLegRaise !== undefined,
  },
  {
    concept: 'Cauda equina screen (exam.saddleAnaesthesia, exam.bladderOrBowelChange)',
    why: 'saddle anaesthesia or new bladder/bowel change is an emergency; not recorded means not excluded',
    for: ['lumbar-radiculopathy'],
    answered: (f) => f.exam?.saddleAnaesthesia !== undefined && f.exam?.bladderOrBowelChange !== undefined,
    relevant: (m) => m.likelihood.get('lumbar-radiculopathy') !== 'unlikely',
  },
  {
    concept: 'Ankle strength (exam.footDrop, exam.weakDorsiflexionEversion, exam.weakInversion)',
    why: 'weak eversion with preserved inversion is peroneal (+3); weak inversion is L5',
    for: ['peroneal-neuropathy', 'lumbar-radiculopathy'],
    answered: (f) => f.exam?.weakDorsiflexionEversion !== undefined && f.exam?.weakInversion !== undefined,
    relevant: (m) => m.likelihood.get('peroneal-neuropathy') !== 'unlikely',
  },
  {
    concept: 'Monofilament / vibration sense (exam.reducedVibrationOrMonofilament)',
    why: 'reduced sensation adds +2 toward diabetic neuropathy',
    for: ['diabetic-peripheral-neuropathy'],
    answered: (f) => f.exam?.reducedVibrationOrMonofilament !== undefined,
    relevant: (m) =>
      m.ctx.conditions.has('diabetes') || m.likelihood.get('diabetic-peripheral-neuropathy') !== 'unlikely',
  },
  {
    concept: 'Alternative diagnosis as likely as DVT (history.alternativeDiagnosisAsLikely)',
    why: 'a Wells item (−2): without it the Wells score may overstate the DVT probability',
    for: ['deep-vein-thrombosis'],
    answered: (f) => f.history?.alternativeDiagnosisAsLikely !== undefined,
    relevant: (m) => m.wellsComputed,
  },
  {
    concept: 'Breathlessness or chest pain (history.dyspnoeaOrChestPain)',
    why: 'with leg symptoms it means possible pulmonary embolism (emergency); not recorded means not excluded',
    for: ['deep-vein-thrombosis'],
    answered: (f) => f.history?.dyspnoeaOrChestPain !== undefined,
    relevant: (m) => m.wellsComputed,
  },
];

export interface MissingContext {
  readonly ctx: RuleContext;
  readonly likelihood: ReadonlyMap<ConditionId, Likelihood>;
  readonly wells: WellsScore;
  /** Wells is shown, i.e. DVT is plausible (`WELLS_RELEVANCE`): only then are its gaps worth asking about. */
  readonly wellsComputed: boolean;
}

function labGap(
  m: MissingContext,
  concept: LabConcept,
  forIds: readonly ConditionId[],
  why: string,
): MissingData | undefined {
  if (m.ctx.unavailable.has('Observation')) return undefined; // reported once as a section
  const lab = m.ctx.labs.get(concept);
  const name = OBSERVATION_LABELS[concept];
  if (!lab) return { concept: capitalise(name), why: `no ${name} on file: ${why}`, for: forIds };
  if (lab.stale) {
    return {
      concept: capitalise(name),
      why: `the ${name} on file is ${Math.round(lab.ageDays)} days old (window ${m.ctx.staleness[concept]} days): ${why}`,
      for: forIds,
    };
  }
  return undefined;
}

const notUnlikely = (m: MissingContext, id: ConditionId) => m.likelihood.get(id) !== 'unlikely';

export function findMissing(m: MissingContext): MissingData[] {
  const out: MissingData[] = [];
  const { ctx } = m;

  for (const section of ctx.facts.unavailable) {
    out.push({
      concept: `Chart section: ${section}`,
      why: `could not load ${SECTION_WORDS[section]}: treat as unknown, not as normal or absent`,
    });
  }

  // Answers a red flag hinges on come next: the flag cannot fire (or be ruled out) without them.
  for (const q of redFlagQuestions(ctx)) out.push(q);

  // ABI: when PAD is in play, the patient is diabetic (screening indication), or PAD has not been examined
  // for at all (pulses unrecorded): an unexamined PAD is unknown, not unlikely.
  const pad: ConditionId = 'pad-ischemic-rest-pain';
  if (notUnlikely(m, pad) || ctx.conditions.has('diabetes') || ctx.form.exam?.pedalPulses === undefined) {
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
    // All stale is already reported above as "repeat the ABI".
    if (abis.some((a) => !a.stale) && !freshLegMeasure(ctx, 'abi', side)) {
      out.push({
        concept: `ABI, symptomatic leg (${side})`,
        why: `no current ${side} ABI on file (on file: ${abis.map((a) => `${a.side ?? 'leg not recorded'} ${a.value}${a.stale ? ', stale' : ''}`).join('; ')}): another leg's, an unsided or an old result neither confirms nor excludes PAD in this leg`,
        for: [pad],
      });
    }
  }

  // A noncompressible ABI on file is uninterpretable whatever the ranking: say what would replace it.
  const abisOnFile = measuresOf(ctx, 'abi');
  if (abisOnFile.some((a) => abiBand(a.value) === 'noncompressible')) {
    if (measuresOf(ctx, 'tbi').length + measuresOf(ctx, 'toe-pressure').length === 0) {
      out.push({
        concept: 'TBI or toe pressure',
        why: 'the ABI is noncompressible (> 1.40): only a toe pressure / TBI can show whether perfusion is reduced',
        for: [pad],
      });
    }
  }

  const rls: ConditionId = 'restless-legs-syndrome';
  if (notUnlikely(m, rls)) {
    const f = labGap(m, 'ferritin', [rls], 'iron is advised when ferritin ≤ 75 µg/L (AASM 2024)');
    if (f) out.push(f);
    const t = labGap(m, 'transferrin-saturation', [rls], 'iron is advised when TSAT < 20 %');
    if (t) out.push(t);
  }

  const cramps: ConditionId = 'nocturnal-leg-cramps';
  if (notUnlikely(m, cramps)) {
    const k = labGap(m, 'potassium', [cramps], 'hypokalaemia (< 3.5 mmol/L) adds +2 toward cramps');
    if (k) out.push(k);
    const mg = labGap(m, 'magnesium', [cramps], 'hypomagnesaemia (< 1.7 mg/dL) adds +1 toward cramps');
    if (mg) out.push(mg);
    const ca = labGap(
      m,
      'calcium',
      [cramps],
      `low calcium (< ${LAB_CUTOFFS.calciumBelow} mg/dL) adds +1 toward cramps`,
    );
    if (ca) out.push(ca);
  }

  const dvt: ConditionId = 'deep-vein-thrombosis';
  if (
    m.wellsComputed &&
    m.wells.band === 'unlikely' &&
    m.wells.complete !== false &&
    !recentDDimerResult(ctx) &&
    !ctx.unavailable.has('Observation')
  ) {
    out.push({
      concept: 'D-dimer',
      why: 'Wells is "unlikely" and no D-dimer from the last 3 days is on file: a negative result would exclude DVT (ASH 2018)',
      for: [dvt],
    });
  }
  if (m.wellsComputed && m.wells.unknownItems > 0) {
    out.push({
      concept: 'Wells items not recorded',
      why:
        m.wells.complete === false
          ? `Wells incomplete: ${m.wells.unknownItems} of ${m.wells.items.length} items unknown, could reach ${m.wells.maxPossible ?? m.wells.points} (${m.wells.points} so far): "unlikely" cannot be used and a negative D-dimer excludes nothing until they are recorded`
          : `${m.wells.unknownItems} of ${m.wells.items.length} Wells items are unknown and counted 0: the score may be higher`,
      for: [dvt],
    });
  }

  const dpn: ConditionId = 'diabetic-peripheral-neuropathy';
  if (notUnlikely(m, dpn) && ctx.conditions.has('diabetes')) {
    const a = labGap(m, 'hba1c', [dpn, pad], 'HbA1c ≥ 8 % adds toward neuropathy and PAD');
    if (a) out.push(a);
  }
  if (notUnlikely(m, dpn)) {
    const b12 = labGap(
      m,
      'vitamin-b12',
      [dpn],
      `B12 < ${LAB_CUTOFFS.b12Below} pg/mL adds +1 toward neuropathy and is a treatable cause (metformin lowers it)`,
    );
    if (b12) out.push(b12);
  }

  for (const q of KEY_FORM_QUESTIONS) {
    if (q.relevant && !q.relevant(m)) continue;
    if (q.answered(ctx.form)) continue;
    out.push({ concept: q.concept, why: `${q.partial?.(ctx.form) ?? 'not answered'}: ${q.why}`, for: q.for });
  }
  return out;
}
