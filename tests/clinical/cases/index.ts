/** The whole case library, by area. */
import { CRAMPS_AND_MIMICS_CASES } from './cramps-and-mimics';
import { DATA_CASES } from './data';
import { INFECTION_CASES } from './infection';
import { REVIEW_CASES } from './review';
import { REVIEW_FOLLOW_UP_CASES } from './review-follow-up';
import { RLS_CASES } from './rls';
import { SPINE_CASES } from './spine';
import type { ClinicalCase } from './types';
import { VASCULAR_CASES } from './vascular';
import { VTE_CASES } from './vte';

export const CASES: readonly ClinicalCase[] = [
  ...VASCULAR_CASES,
  ...SPINE_CASES,
  ...VTE_CASES,
  ...RLS_CASES,
  ...CRAMPS_AND_MIMICS_CASES,
  ...INFECTION_CASES,
  ...DATA_CASES,
  ...REVIEW_CASES,
  ...REVIEW_FOLLOW_UP_CASES,
];

export type { ClinicalCase } from './types';
