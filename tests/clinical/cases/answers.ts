/** Form answers shared by cases in several areas. */
import type { FormAnswers } from '@/lib/form/schema';

/** All five IRLSSG 2012 diagnostic criteria answered yes. */
export const IRLSSG_ALL_MET = {
  urgeToMove: true,
  worseAtRest: true,
  reliefByMovement: true,
  eveningOrNight: true,
  notExplainedByMimic: true,
} as const satisfies NonNullable<FormAnswers['irlssg']>;
