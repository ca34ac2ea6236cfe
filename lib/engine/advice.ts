/**
 * Plain-language patient advice (reference §4 "Advice" rows), given per condition ranked moderate or higher and
 * per red flag. Written for the patient to read; treatment decisions stay with the clinician.
 *
 * Advice is made of sentences, each with an optional typed condition, so it fits the patient: a never-smoker is
 * not told to stop smoking (issue 9 item 17), and someone whose smoking status is unknown is told "if you smoke".
 */
import type { ConditionId, RedFlagId } from './assessment';
import type { FactContext } from './context';
import { holdsFact } from './predicate-compiler';
import type { FactPredicate } from './predicate-types';

export interface AdviceSentence {
  readonly text: string;
  /** Said only when this holds. */
  readonly when?: FactPredicate;
}

const SMOKES: FactPredicate = { kind: 'smoking', status: 'current' };
const SMOKING_UNKNOWN: FactPredicate = { kind: 'derived', id: 'smoking-unknown' };
const STOP_SMOKING: readonly AdviceSentence[] = [
  { text: 'Stop smoking: it is the most important thing you can do for the circulation in your legs.', when: SMOKES },
  {
    text: 'If you smoke, stopping is the most important thing you can do for the circulation in your legs.',
    when: SMOKING_UNKNOWN,
  },
];

export const CONDITION_ADVICE: Readonly<Record<ConditionId, readonly AdviceSentence[]>> = {
  'pad-ischemic-rest-pain': [
    {
      text:
        'Keep your feet warm with socks, but do not use heating pads or hot-water bottles, because feeling may be reduced. ' +
        'Sleeping with the head of the bed raised or the leg hanging down a little can ease the pain. Check your feet every day.',
    },
    ...STOP_SMOKING,
    { text: 'Get help at once if the leg turns cold, pale or numb, or a new sore appears.' },
  ],
  'lumbar-radiculopathy': [
    {
      text:
        'Stay active and avoid bed rest. Sleep on your side with your knees bent, or on your back with a pillow under ' +
        'your knees or a wedge raising your head. Seek help the same day if you have numbness between your legs, ' +
        'trouble passing urine or controlling your bowels, changes in sexual function, or weakness that is getting worse.',
    },
  ],
  'peroneal-neuropathy': [
    {
      text:
        'Avoid crossing your legs and long periods of kneeling or squatting, and pad the outside of the knee. Change ' +
        'position as soon as numbness starts. See your clinician if your foot becomes weak or you start tripping.',
    },
  ],
  'nocturnal-leg-cramps': [
    {
      text:
        'Stretch your calves before bed and drink enough fluids. During a cramp, pull your toes up towards you or stand ' +
        'and walk. Ask your clinician to review medicines that can cause cramps. Quinine is not recommended for cramps ' +
        'because of serious side effects.',
    },
  ],
  'restless-legs-syndrome': [
    {
      text:
        'Keep a regular sleep schedule, cut down evening caffeine and alcohol, and take moderate exercise. Leg massage ' +
        'or a warm bath can help. Your clinician may check your iron levels and suggest iron if they are low, and review ' +
        'medicines that can make restless legs worse, including over-the-counter sleep aids and allergy tablets.',
    },
    { text: 'Stop smoking: nicotine makes restless legs worse.', when: SMOKES },
    { text: 'If you smoke, stopping helps: nicotine makes restless legs worse.', when: SMOKING_UNKNOWN },
  ],
  'deep-vein-thrombosis': [
    {
      text:
        'Do not massage the leg. Get medical care the same day. Call emergency services if you become short of breath, ' +
        'have chest pain, cough blood or faint.',
    },
  ],
  'diabetic-peripheral-neuropathy': [
    {
      text:
        'Check your feet every day, wear well-fitting shoes, and keep your blood sugar in range. Your clinician can ' +
        'discuss treatment for nerve pain.',
    },
  ],
  'venous-insufficiency': [
    {
      text:
        'Raise your legs when resting and keep active. Compression stockings can help once your clinician has checked ' +
        'the circulation in your legs.',
    },
  ],
  cellulitis: [
    {
      text:
        'Rest with the leg raised, take the antibiotics as prescribed, and keep any wound clean. Get help the same day ' +
        'if the redness spreads past the marked line, you feel feverish or unwell, or the pain becomes severe.',
    },
  ],
};

export const RED_FLAG_ADVICE: Readonly<Record<RedFlagId, string>> = {
  'suspected-dvt':
    'A blood clot in the leg is possible. Do not massage the leg, and get checked today. Call emergency services if ' +
    'you become short of breath or have chest pain.',
  'possible-pulmonary-embolism':
    'Breathlessness or chest pain with a painful leg can mean a clot has reached the lungs. Call emergency services now.',
  'acute-limb-ischemia': 'A suddenly cold, pale or numb leg is an emergency: go to the emergency department now.',
  'chronic-limb-threatening-ischemia':
    'The blood supply to your leg is very low. You need to see a vascular specialist soon; protect your foot from ' +
    'injury and report any new wound, colour change or coldness at once.',
  'cauda-equina':
    'Numbness between the legs, new trouble with your bladder, bowels or sexual function, or sciatica in both legs needs emergency care now.',
  cellulitis: 'A red, warm leg with fever may be an infection and needs to be seen today.',
  'necrotising-soft-tissue-infection':
    'Severe pain, blistering or dark skin on an infected leg can be a dangerous deep infection: go to the emergency department now.',
  'spinal-infection':
    'Fever with back pain can mean an infection near the spine: you need to be seen in hospital today.',
  'progressive-foot-drop':
    'Weakness lifting your foot needs checking within days. Take care on stairs and uneven ground to avoid falls.',
  'night-pain-malignancy-infection':
    'Constant pain at night that no position eases, together with weight loss, fever or a history of cancer, needs ' +
    'prompt tests within days.',
  'compartment-syndrome':
    'A tight, swollen, very painful leg after an injury or heavy exercise is an emergency: go to the emergency department now.',
};

/** The advice for one condition, with the sentences that fit this patient. */
export function conditionAdvice(id: ConditionId, ctx: FactContext): string {
  return CONDITION_ADVICE[id]
    .filter((s) => s.when === undefined || holdsFact(s.when, ctx))
    .map((s) => s.text)
    .join(' ');
}
