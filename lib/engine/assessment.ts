/**
 * The Assessment: the engine's output, the CLI's JSON, the UI's model and the note's source.
 * Shape fixed by the architecture contract (§3.3); fields beyond the contract are additive only.
 */
import type { Side } from './facts';

export const CONDITION_IDS = [
  'pad-ischemic-rest-pain',
  'lumbar-radiculopathy',
  'peroneal-neuropathy',
  'nocturnal-leg-cramps',
  'restless-legs-syndrome',
  'deep-vein-thrombosis',
  'diabetic-peripheral-neuropathy',
  'venous-insufficiency',
  'cellulitis',
] as const;
export type ConditionId = (typeof CONDITION_IDS)[number];

export const RED_FLAG_IDS = [
  'suspected-dvt',
  'possible-pulmonary-embolism',
  'acute-limb-ischemia',
  'chronic-limb-threatening-ischemia',
  'cauda-equina',
  'cellulitis',
  'progressive-foot-drop',
  'night-pain-malignancy-infection',
  'compartment-syndrome',
  'spinal-infection',
  'necrotising-soft-tissue-infection',
] as const;
export type RedFlagId = (typeof RED_FLAG_IDS)[number];

export type Urgency = 'emergency' | 'urgent' | 'soon';
export type Likelihood = 'high' | 'moderate' | 'low' | 'unlikely';
export type WorkupPriority = 'now' | 'soon' | 'routine';

/** One piece of evidence behind a point, always traceable to a form answer or a chart resource. */
export interface Evidence {
  readonly source: 'fhir' | 'form';
  readonly label: string;
  /** Points this contributed (positive supports, negative opposes; 0 for red-flag triggers and context). */
  readonly weight: number;
  /** `Observation/123` for chart evidence. */
  readonly reference?: string | undefined;
  /** ISO date of the chart item. */
  readonly date?: string | undefined;
  /** Dotted path of the form answer, e.g. `exam.pulsesRight`. */
  readonly formField?: string | undefined;
  /** Id of the rule that produced it (see `describe`). */
  readonly ruleId?: string | undefined;
}

export interface DifferentialItem {
  readonly id: ConditionId;
  readonly label: string;
  readonly likelihood: Likelihood;
  readonly score: number;
  /** One line a clinician reads first: the strongest reasons, in words. */
  readonly summary: string;
  readonly supporting: readonly Evidence[];
  readonly opposing: readonly Evidence[];
  /** Missing data that would change this candidate's standing ("what would change this"). */
  readonly missing: readonly MissingData[];
}

export interface RedFlag {
  readonly id: RedFlagId;
  readonly urgency: Urgency;
  /** What is suspected, in words. */
  readonly message: string;
  /** What to do now. */
  readonly action: string;
  readonly evidence: readonly Evidence[];
}

export interface WorkupItem {
  readonly id: string;
  readonly label: string;
  readonly reason: string;
  readonly for: readonly ConditionId[];
  /** Red flags that call for this item (additive; such items are always priority `now`). */
  readonly forRedFlags?: readonly RedFlagId[] | undefined;
  readonly priority: WorkupPriority;
  readonly code?: { readonly system: string; readonly code: string } | undefined;
  /** Set when a recent result is already on file: the item is not re-ordered, it is shown as done. */
  readonly alreadyOnFile?: { readonly date: string; readonly reference: string; readonly summary: string } | undefined;
}

export interface WellsItem {
  readonly id: string;
  readonly label: string;
  readonly points: number;
  /** `true` met, `false` not met, `null` unknown (not recorded: counted as 0 and listed as missing). */
  readonly met: boolean | null;
  readonly evidence?: Evidence;
}

export interface WellsScore {
  /** Two-level (2003) total, including the previously-documented-DVT item. */
  readonly points: number;
  /** Three-level (1997) total: the same items without previously documented DVT (additive). */
  readonly threeLevelPoints?: number;
  /** Two-level (2003): likely ≥ 2. */
  readonly band: 'likely' | 'unlikely';
  /** Three-level (1997): ≤0 low, 1–2 moderate, ≥3 high. */
  readonly threeLevel: 'low' | 'moderate' | 'high';
  readonly items: readonly WellsItem[];
  /** Items not recorded; the true score may be higher. */
  readonly unknownItems: number;
  /**
   * Best possible two-level total: the points so far plus every unknown item that would add points (additive).
   * "Unlikely" is only a usable band when this is ≤ 1.
   */
  readonly maxPossible?: number;
  /**
   * False when the band reads "unlikely" but unrecorded items could still take it to "likely" (maxPossible ≥ 2):
   * the score is then incomplete, not "unlikely", and a negative D-dimer excludes nothing (additive).
   */
  readonly complete?: boolean;
  /** Next diagnostic step per ASH 2018 / NICE NG158, in words. */
  readonly pathway: string;
  /**
   * The same next step as a value (additive): `excluded` only when Wells is settled ≤ 1, a recent D-dimer is
   * negative, the D-dimer is reliable for this patient and no suspected-DVT or possible-PE red flag stands.
   */
  readonly nextStep: WellsNextStep;
  /**
   * Why a negative D-dimer cannot exclude DVT for this patient (therapeutic anticoagulation, pregnancy, recent
   * surgery, active cancer), in clinician words; empty when it can (additive).
   */
  readonly dDimerUnreliable: readonly string[];
}

/** `complete-the-score`: unknown items could make Wells "likely"; `d-dimer`: settled "unlikely", no D-dimer yet. */
export type WellsNextStep = 'ultrasound' | 'd-dimer' | 'excluded' | 'complete-the-score';

export interface IrlssgScore {
  readonly criteriaMet: number;
  readonly of: 5;
  readonly items: readonly { readonly id: string; readonly label: string; readonly met: boolean | null }[];
  /** All five met: meets the IRLSSG 2012 diagnostic criteria. */
  readonly allMet: boolean;
}

export type AbiBand = 'abnormal' | 'borderline' | 'normal' | 'noncompressible';

export interface AbiLeg {
  /** The leg; absent only for `AbiInterpretation.unspecified` (the chart did not say which leg). */
  readonly side?: Side | undefined;
  readonly value: number;
  readonly band: AbiBand;
  /** Plain-English interpretation including the next step (e.g. TBI when noncompressible). */
  readonly interpretation: string;
  readonly source: 'fhir' | 'form';
  readonly date?: string | undefined;
  readonly reference?: string | undefined;
  /** Older than the staleness window: shown, but suggested again. */
  readonly stale: boolean;
}

export interface AbiInterpretation {
  readonly right?: AbiLeg | undefined;
  readonly left?: AbiLeg | undefined;
  /** ABI with no laterality recorded. */
  readonly unspecified?: AbiLeg | undefined;
  readonly tbi?:
    | {
        readonly value: number;
        readonly abnormal: boolean;
        readonly side?: Side | undefined;
        readonly source: 'fhir' | 'form';
        readonly date?: string | undefined;
        readonly reference?: string | undefined;
      }
    | undefined;
  readonly toePressure?:
    | {
        readonly value: number;
        readonly side?: Side | undefined;
        readonly source: 'fhir' | 'form';
        readonly date?: string | undefined;
        readonly reference?: string | undefined;
      }
    | undefined;
  readonly anklePressure?:
    | {
        readonly value: number;
        readonly side?: Side | undefined;
        readonly source: 'fhir' | 'form';
        readonly date?: string | undefined;
        readonly reference?: string | undefined;
      }
    | undefined;
  /** Lowest TcPO2 on file (mmHg), when any (additive: used for CLTI haemodynamics and WIfI). */
  readonly tcpo2?:
    | {
        readonly value: number;
        readonly side?: Side | undefined;
        readonly source: 'fhir' | 'form';
        readonly date?: string | undefined;
        readonly reference?: string | undefined;
      }
    | undefined;
  /** Worst objective measure meets CLTI haemodynamics (ABI < 0.40, ankle < 50, toe/TcPO2 < 30 mmHg). */
  readonly meetsCltiHaemodynamics: boolean;
  /** WIfI ischaemia grade 0–3 from the worst available measure, when any. */
  readonly wifiIschemiaGrade?: 0 | 1 | 2 | 3;
}

export interface MissingData {
  /** What to ask or find, in words; a single form path it names is given in parentheses at the end. */
  readonly concept: string;
  readonly why: string;
  readonly for?: readonly ConditionId[];
  /** The form questions (dotted paths) that would answer it, first one first (additive). */
  readonly paths?: readonly string[];
}

/**
 * An answer the chart already gives (additive): shown as "from chart" beside its question and used by the engine
 * unless the clinician answered the question themselves (`status: 'overridden'`); an explicit answer always wins.
 */
export interface ChartAnswer {
  /** Dotted form path, e.g. `history.atrialFibrillation`. */
  readonly path: string;
  readonly value: boolean | string;
  /** In clinician words, e.g. "Atrial fibrillation on the problem list". */
  readonly label: string;
  /** The chart records behind it, with reference and date. */
  readonly evidence: readonly Evidence[];
  readonly status: 'applied' | 'overridden';
}

/** Form block ids: the groups of `lib/form/questions.ts`, in form order. */
export const FORM_BLOCK_IDS = [
  'red-flags',
  'story',
  'swelling-and-clots',
  'restless-legs',
  'back-and-nerves',
  'circulation',
  'cramps-and-medicines',
  'measurements',
  'comment',
] as const;
export type FormBlockId = (typeof FORM_BLOCK_IDS)[number];

/** Whether a block of the form matters for this patient now (additive; the adaptive form opens these). */
export interface FormBlockState {
  readonly id: FormBlockId;
  readonly open: boolean;
  /** Why it is open, in clinician words; absent for closed blocks and for blocks that are always open. */
  readonly reason?: string;
}

export interface Assessment {
  readonly differential: readonly DifferentialItem[];
  readonly redFlags: readonly RedFlag[];
  readonly workup: readonly WorkupItem[];
  readonly scores: {
    readonly wells: WellsScore | null;
    readonly irlssg: IrlssgScore | null;
    readonly abi: AbiInterpretation | null;
  };
  readonly missingData: readonly MissingData[];
  readonly dataIssues: readonly { readonly resource?: string; readonly problem: string }[];
  /** Answers the chart gives, with provenance (additive). */
  readonly chartAnswers: readonly ChartAnswer[];
  /** Which blocks of the form matter now, in form order (additive). */
  readonly formBlocks: readonly FormBlockState[];
  /** Plain-language advice per condition that ranks moderate or higher (and for red flags). */
  readonly advice: readonly { readonly for: ConditionId | RedFlagId; readonly text: string }[];
  /** The injected clock, ISO 8601: results are only as fresh as this. */
  readonly generatedAt: string;
  readonly engineVersion: string;
  /** Shown once: decision support for a clinician, not a diagnosis. */
  readonly disclaimer: string;
}
