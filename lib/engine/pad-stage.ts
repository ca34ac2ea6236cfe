/**
 * Clinical stage of chronic PAD, as a vascular clinician writes it: "Fontaine III / Rutherford 4".
 *
 * A pure score derived from what the engine has already decided (the red flags, the ABI/TBI interpretation) and the
 * answers it reasoned on; it adds no clinical judgement of its own:
 * - Fontaine (Fontaine et al., Helv Chir Acta 1954;21:499): I asymptomatic, II intermittent claudication (IIa / IIb
 *   by walking distance, which the form does not record), III ischaemic rest pain, IV ulceration or gangrene.
 * - Rutherford chronic categories (Rutherford et al., J Vasc Surg 1997;26:517, "Recommended standards for reports
 *   dealing with lower extremity ischemia: revised version"): 1–3 mild to severe claudication, 4 ischaemic rest
 *   pain, 5 minor tissue loss (non-healing ulcer, focal gangrene), 6 major tissue loss (beyond the transmetatarsal
 *   level). Both are the staging systems the 2019 Global Vascular Guidelines (Conte et al.) compare with WIfI.
 *
 * Why it needs proven PAD: both classifications stage *established* PAD; a rest-pain story without objective
 * arterial disease has no Fontaine stage. So stages III/IV come only with the chronic limb-threatening ischaemia red
 * flag (rest pain or tissue loss with objectively proven PAD, 2024 ACC/AHA), and stage II only with claudication on
 * a leg whose ABI or TBI is abnormal. Claudication severity is not recorded, so stage II is given as "II" and
 * "1–3", never guessed; gangrene of unrecorded extent is "5–6".
 */
import type { Assessment } from './assessment';
import type { FormAnswers } from '@/lib/form/schema';

export interface PadStage {
  readonly fontaine: 'II' | 'III' | 'IV';
  readonly rutherford: '1–3' | '4' | '5' | '5–6';
}

/** An answer as the engine reasoned on it: the clinician's, else the chart's pre-answer. */
function answered(path: string, form: FormAnswers, assessment: Pick<Assessment, 'chartAnswers'>): unknown {
  const [group, key] = path.split('.') as [keyof FormAnswers, string | undefined];
  const own = key ? (form[group] as Record<string, unknown> | undefined)?.[key] : form[group];
  if (own !== undefined) return own;
  return assessment.chartAnswers.find((c) => c.path === path && c.status === 'applied')?.value;
}

function objectivePad(abi: Assessment['scores']['abi']): boolean {
  if (!abi) return false;
  const legs = [abi.right, abi.left, abi.unspecified];
  return legs.some((l) => l?.band === 'abnormal') || abi.tbi?.abnormal === true;
}

/** The Fontaine and Rutherford stage, or null when PAD is not established or the story does not stage it. */
export function padStage(
  assessment: Pick<Assessment, 'redFlags' | 'scores' | 'chartAnswers'>,
  form: FormAnswers,
): PadStage | null {
  const clti = assessment.redFlags.some((f) => f.id === 'chronic-limb-threatening-ischemia');
  if (clti) {
    if (answered('exam.gangrene', form, assessment) === true) return { fontaine: 'IV', rutherford: '5–6' };
    if (answered('exam.ulcer', form, assessment) === true) return { fontaine: 'IV', rutherford: '5' };
    return { fontaine: 'III', rutherford: '4' };
  }
  if (answered('history.claudication', form, assessment) === true && objectivePad(assessment.scores.abi)) {
    return { fontaine: 'II', rutherford: '1–3' };
  }
  return null;
}

/** "Fontaine III / Rutherford 4". */
export function formatPadStage(stage: PadStage): string {
  return `Fontaine ${stage.fontaine} / Rutherford ${stage.rutherford}`;
}
