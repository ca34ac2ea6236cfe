/**
 * Plain-language patient advice (reference §4 "Advice" rows), given per condition ranked moderate or higher
 * and per red flag. Written for the patient to read; treatment decisions stay with the clinician.
 */
import type { ConditionId, RedFlagId } from './assessment';

export const CONDITION_ADVICE: Readonly<Record<ConditionId, string>> = {
  'pad-ischemic-rest-pain':
    'Keep your feet warm with socks, but do not use heating pads or hot-water bottles, because feeling may be reduced. ' +
    'Sleeping with the head of the bed raised or the leg hanging down a little can ease the pain. Check your feet ' +
    'every day, stop smoking, and get help at once if the leg turns cold, pale or numb, or a new sore appears.',
  'lumbar-radiculopathy':
    'Stay active and avoid bed rest. Sleep on your side with your knees bent, or on your back with a pillow under ' +
    'your knees or a wedge raising your head. Seek help the same day if you have numbness between your legs, ' +
    'trouble passing urine or controlling your bowels, or weakness that is getting worse.',
  'peroneal-neuropathy':
    'Avoid crossing your legs and long periods of kneeling or squatting, and pad the outside of the knee. Change ' +
    'position as soon as numbness starts. See your clinician if your foot becomes weak or you start tripping.',
  'nocturnal-leg-cramps':
    'Stretch your calves before bed and drink enough fluids. During a cramp, pull your toes up towards you or stand ' +
    'and walk. Ask your clinician to review medicines that can cause cramps. Quinine is not recommended for cramps ' +
    'because of serious side effects.',
  'restless-legs-syndrome':
    'Keep a regular sleep schedule, cut down evening caffeine and alcohol, stop smoking, and take moderate exercise. ' +
    'Leg massage or a warm bath can help. Your clinician may check your iron levels and suggest iron if they are low, ' +
    'and review medicines that can make restless legs worse.',
  'deep-vein-thrombosis':
    'Do not massage the leg. Get medical care the same day. Call emergency services if you become short of breath, ' +
    'have chest pain, cough blood or faint.',
  'diabetic-peripheral-neuropathy':
    'Check your feet every day, wear well-fitting shoes, and keep your blood sugar in range. Your clinician can ' +
    'discuss treatment for nerve pain.',
  'venous-insufficiency':
    'Raise your legs when resting and keep active. Compression stockings can help once your clinician has checked ' +
    'the circulation in your legs.',
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
    'Numbness between the legs, new trouble with your bladder or bowels, or worsening leg weakness needs emergency care now.',
  cellulitis: 'A red, warm leg with fever may be an infection and needs to be seen today.',
  'progressive-foot-drop':
    'Weakness lifting your foot needs checking within days. Take care on stairs and uneven ground to avoid falls.',
  'night-pain-malignancy-infection':
    'Constant pain at night that no position eases, together with weight loss, fever or a history of cancer, needs ' +
    'prompt tests within days.',
  'compartment-syndrome':
    'A tight, swollen, very painful leg after an injury or heavy exercise is an emergency: go to the emergency department now.',
};
