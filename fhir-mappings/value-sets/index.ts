/**
 * The reviewed value sets, one JSON file each, validated by the build and the tests.
 *
 * Generated list of imports: add a file here when you add a value set (a test checks every JSON file in
 * this folder is listed, so a forgotten file fails CI rather than silently matching nothing).
 */
import { z } from 'zod/mini';
import { ENGLISH_ISSUES } from '@/lib/core/english-issues';
import { valueSetSchema, type ValueSet } from '../value-set-types';
import abiJson from './abi.json';
import atrialFibrillationJson from './atrial-fibrillation.json';
import peripheralRevascularisationJson from './peripheral-revascularisation.json';
import dialysisJson from './dialysis.json';
import heartRateJson from './heart-rate.json';
import oxygenSaturationJson from './oxygen-saturation.json';
import medDopamineAgonistJson from './med-dopamine-agonist.json';
import activeCancerJson from './active-cancer.json';
import amputationJson from './amputation.json';
import anemiaJson from './anemia.json';
import anklePressureJson from './ankle-pressure.json';
import bmiJson from './bmi.json';
import calciumJson from './calcium.json';
import cardiovascularDiseaseJson from './cardiovascular-disease.json';
import cellulitisJson from './cellulitis.json';
import cirrhosisJson from './cirrhosis.json';
import ckdJson from './ckd.json';
import claudicationJson from './claudication.json';
import cltiJson from './clti.json';
import creatinineJson from './creatinine.json';
import dDimerJson from './d-dimer.json';
import diabetesJson from './diabetes.json';
import diabeticFootUlcerJson from './diabetic-foot-ulcer.json';
import diabeticNeuropathyJson from './diabetic-neuropathy.json';
import dvtJson from './dvt.json';
import egfrJson from './egfr.json';
import esrdJson from './esrd.json';
import ferritinJson from './ferritin.json';
import footDropJson from './foot-drop.json';
import gangreneJson from './gangrene.json';
import glucoseJson from './glucose.json';
import hba1cJson from './hba1c.json';
import hemoglobinJson from './hemoglobin.json';
import hyperlipidemiaJson from './hyperlipidemia.json';
import hypertensionJson from './hypertension.json';
import hypothyroidismJson from './hypothyroidism.json';
import immobilisationProcedureJson from './immobilisation-procedure.json';
import inpatientEncounterJson from './inpatient-encounter.json';
import ironDeficiencyJson from './iron-deficiency.json';
import ironJson from './iron.json';
import ischemicUlcerJson from './ischemic-ulcer.json';
import legCrampsJson from './leg-cramps.json';
import legFractureJson from './leg-fracture.json';
import lowBackPainJson from './low-back-pain.json';
import lumbarDiscHerniationJson from './lumbar-disc-herniation.json';
import lumbarRadiculopathyJson from './lumbar-radiculopathy.json';
import lumbarStenosisJson from './lumbar-stenosis.json';
import magnesiumJson from './magnesium.json';
import medAnticoagulantJson from './med-anticoagulant.json';
import medAntidepressantJson from './med-antidepressant.json';
import medAntipsychoticJson from './med-antipsychotic.json';
import medDiureticJson from './med-diuretic.json';
import medEstrogenSermJson from './med-estrogen-serm.json';
import medLabaJson from './med-laba.json';
import medMetforminJson from './med-metformin.json';
import medMetoclopramideJson from './med-metoclopramide.json';
import medOtherCrampJson from './med-other-cramp.json';
import medSedatingAntihistamineJson from './med-sedating-antihistamine.json';
import medStatinJson from './med-statin.json';
import obesityJson from './obesity.json';
import padJson from './pad.json';
import peripheralNeuropathyJson from './peripheral-neuropathy.json';
import peronealNeuropathyJson from './peroneal-neuropathy.json';
import potassiumJson from './potassium.json';
import prediabetesJson from './prediabetes.json';
import pregnancyJson from './pregnancy.json';
import pulmonaryEmbolismJson from './pulmonary-embolism.json';
import restlessLegsJson from './restless-legs.json';
import sciaticaJson from './sciatica.json';
import smokingStatusAnswersJson from './smoking-status-answers.json';
import smokingStatusJson from './smoking-status.json';
import surgicalProcedureJson from './surgical-procedure.json';
import tbiJson from './tbi.json';
import tcpo2Json from './tcpo2.json';
import thrombophiliaJson from './thrombophilia.json';
import tibcJson from './tibc.json';
import tobaccoUseJson from './tobacco-use.json';
import toePressureJson from './toe-pressure.json';
import transferrinSaturationJson from './transferrin-saturation.json';
import tshJson from './tsh.json';
import venousInsufficiencyJson from './venous-insufficiency.json';
import vitaminB12Json from './vitamin-b12.json';

const RAW: readonly unknown[] = [
  atrialFibrillationJson,
  peripheralRevascularisationJson,
  dialysisJson,
  heartRateJson,
  oxygenSaturationJson,
  medDopamineAgonistJson,
  abiJson,
  activeCancerJson,
  amputationJson,
  anemiaJson,
  anklePressureJson,
  bmiJson,
  calciumJson,
  cardiovascularDiseaseJson,
  cellulitisJson,
  cirrhosisJson,
  ckdJson,
  claudicationJson,
  cltiJson,
  creatinineJson,
  dDimerJson,
  diabetesJson,
  diabeticFootUlcerJson,
  diabeticNeuropathyJson,
  dvtJson,
  egfrJson,
  esrdJson,
  ferritinJson,
  footDropJson,
  gangreneJson,
  glucoseJson,
  hba1cJson,
  hemoglobinJson,
  hyperlipidemiaJson,
  hypertensionJson,
  hypothyroidismJson,
  immobilisationProcedureJson,
  inpatientEncounterJson,
  ironDeficiencyJson,
  ironJson,
  ischemicUlcerJson,
  legCrampsJson,
  legFractureJson,
  lowBackPainJson,
  lumbarDiscHerniationJson,
  lumbarRadiculopathyJson,
  lumbarStenosisJson,
  magnesiumJson,
  medAnticoagulantJson,
  medAntidepressantJson,
  medAntipsychoticJson,
  medDiureticJson,
  medEstrogenSermJson,
  medLabaJson,
  medMetforminJson,
  medMetoclopramideJson,
  medOtherCrampJson,
  medSedatingAntihistamineJson,
  medStatinJson,
  obesityJson,
  padJson,
  peripheralNeuropathyJson,
  peronealNeuropathyJson,
  potassiumJson,
  prediabetesJson,
  pregnancyJson,
  pulmonaryEmbolismJson,
  restlessLegsJson,
  sciaticaJson,
  smokingStatusAnswersJson,
  smokingStatusJson,
  surgicalProcedureJson,
  tbiJson,
  tcpo2Json,
  thrombophiliaJson,
  tibcJson,
  tobaccoUseJson,
  toePressureJson,
  transferrinSaturationJson,
  tshJson,
  venousInsufficiencyJson,
  vitaminB12Json,
];

/**
 * Every reviewed value set, validated against {@link valueSetSchema}. Value sets ship with the code, so a malformed
 * file is a build error, not a runtime condition: every production build (scripts/lib/production-build.ts) and the
 * tests call this and fail on it.
 */
export function validateReviewedValueSets(): readonly ValueSet[] {
  return z.array(valueSetSchema).parse(RAW, ENGLISH_ISSUES);
}

/**
 * The reviewed value sets as shipped — the same bytes the build and the tests validated ({@link
 * validateReviewedValueSets}; a test also checks validation changes nothing in them). Not validated again on every
 * load: in the browser that was ≈ 20 ms of each launch's main thread, re-checking data that cannot have changed
 * (issue 13).
 */
export const REVIEWED_VALUE_SETS: readonly ValueSet[] = RAW as readonly ValueSet[];

/** The file names this module imports (checked against the folder by a unit test). */
export const VALUE_SET_FILES: readonly string[] = [
  'atrial-fibrillation.json',
  'peripheral-revascularisation.json',
  'dialysis.json',
  'heart-rate.json',
  'oxygen-saturation.json',
  'med-dopamine-agonist.json',
  'abi.json',
  'active-cancer.json',
  'amputation.json',
  'anemia.json',
  'ankle-pressure.json',
  'bmi.json',
  'calcium.json',
  'cardiovascular-disease.json',
  'cellulitis.json',
  'cirrhosis.json',
  'ckd.json',
  'claudication.json',
  'clti.json',
  'creatinine.json',
  'd-dimer.json',
  'diabetes.json',
  'diabetic-foot-ulcer.json',
  'diabetic-neuropathy.json',
  'dvt.json',
  'egfr.json',
  'esrd.json',
  'ferritin.json',
  'foot-drop.json',
  'gangrene.json',
  'glucose.json',
  'hba1c.json',
  'hemoglobin.json',
  'hyperlipidemia.json',
  'hypertension.json',
  'hypothyroidism.json',
  'immobilisation-procedure.json',
  'inpatient-encounter.json',
  'iron-deficiency.json',
  'iron.json',
  'ischemic-ulcer.json',
  'leg-cramps.json',
  'leg-fracture.json',
  'low-back-pain.json',
  'lumbar-disc-herniation.json',
  'lumbar-radiculopathy.json',
  'lumbar-stenosis.json',
  'magnesium.json',
  'med-anticoagulant.json',
  'med-antidepressant.json',
  'med-antipsychotic.json',
  'med-diuretic.json',
  'med-estrogen-serm.json',
  'med-laba.json',
  'med-metformin.json',
  'med-metoclopramide.json',
  'med-other-cramp.json',
  'med-sedating-antihistamine.json',
  'med-statin.json',
  'obesity.json',
  'pad.json',
  'peripheral-neuropathy.json',
  'peroneal-neuropathy.json',
  'potassium.json',
  'prediabetes.json',
  'pregnancy.json',
  'pulmonary-embolism.json',
  'restless-legs.json',
  'sciatica.json',
  'smoking-status-answers.json',
  'smoking-status.json',
  'surgical-procedure.json',
  'tbi.json',
  'tcpo2.json',
  'thrombophilia.json',
  'tibc.json',
  'tobacco-use.json',
  'toe-pressure.json',
  'transferrin-saturation.json',
  'tsh.json',
  'venous-insufficiency.json',
  'vitamin-b12.json',
];
