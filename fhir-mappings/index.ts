/**
 * FHIR → domain facts: the only place FHIR vocabulary meets domain vocabulary.
 *
 * `mapChart` is total: malformed resources, odd units, entered-in-error and refuted records, and
 * implausible values never throw; they come back as `facts.dataIssues` (resource reference plus a
 * plain-English problem, never free text copied from the record). Series are kept whole and sorted
 * newest first; the engine picks the newest value and reads trends.
 */
import type {
  CareEventFact,
  ChartFacts,
  ChartSection,
  ConditionFact,
  DataIssue,
  MedicationFact,
  ObservationFact,
  PatientFact,
  SmokingFact,
} from '@/lib/engine/facts';
import { collectResources } from './collect';
import type { MapContext } from './fhir-helpers';
import { EMPTY_LOCAL_CODES, type LocalCodeConfig } from './local-codes';
import { getMatchers } from './matcher';
import { toEncounter, toProcedure } from './to-care-events';
import { toCondition } from './to-conditions';
import { toMedication } from './to-medications';
import { toObservation } from './to-observations';
import { toPatient, type PatientHeader } from './to-patient';

export interface MapChartInput {
  /** A flat list of resources (the FHIR IO layer's collected search results). Bundles inside are unpacked. */
  readonly resources?: unknown[];
  /** A Bundle of type searchset, collection, transaction, batch-response or transaction-response. */
  readonly bundle?: unknown;
  /** Sections that could not be loaded (server error, missing scope): passed through to the engine. */
  readonly unavailable?: ChartSection[];
}

export interface MapChartOptions {
  /** Site codes (parsed with `parseLocalCodes`). */
  readonly localCodes?: LocalCodeConfig;
  /** The clock for "recent" (procedures, stays) and future-date checks. Defaults to the current time. */
  readonly now?: Date;
  /** How far back a procedure or inpatient stay is "recent". Default 12 weeks (Wells). */
  readonly recentEventWeeks?: number;
}

export interface MapChartResult {
  readonly facts: ChartFacts;
  readonly patient: PatientHeader;
  /**
   * Set when the input as a whole could not be used (e.g. the "bundle" is not a Bundle): one line the CLI
   * prints as is. `facts` is then empty apart from the same line in `dataIssues`.
   */
  readonly error?: string;
}

export function mapChart(input: MapChartInput, options: MapChartOptions = {}): MapChartResult {
  const ctx: MapContext = {
    matchers: getMatchers(options.localCodes ?? EMPTY_LOCAL_CODES),
    now: options.now ?? new Date(),
    recentEventWeeks: options.recentEventWeeks ?? 12,
  };
  const collected = collectResources(input);
  const issues: DataIssue[] = [...collected.issues];
  const conditions: ConditionFact[] = [];
  const observations: ObservationFact[] = [];
  const medications: MedicationFact[] = [];
  const events: CareEventFact[] = [];
  const smoking: SmokingFact[] = [];
  const problemListSmoking: SmokingFact[] = [];
  let patientFact: PatientFact | undefined;
  let header: PatientHeader = {};
  const lookup = (ref: string): unknown => collected.byReference.get(ref);

  for (const { resourceType, reference, resource } of collected.resources) {
    switch (resourceType) {
      case 'Observation': {
        const r = toObservation(resource, reference, ctx);
        observations.push(...r.value.facts);
        smoking.push(...r.value.smoking);
        issues.push(...r.issues);
        break;
      }
      case 'Condition': {
        const r = toCondition(resource, reference, ctx);
        conditions.push(...r.value.facts);
        problemListSmoking.push(...r.value.smoking);
        issues.push(...r.issues);
        break;
      }
      case 'MedicationRequest': {
        const r = toMedication(resource, reference, ctx, lookup);
        medications.push(...r.value);
        issues.push(...r.issues);
        break;
      }
      case 'Procedure': {
        const r = toProcedure(resource, reference, ctx);
        events.push(...r.value);
        issues.push(...r.issues);
        break;
      }
      case 'Encounter': {
        const r = toEncounter(resource, reference, ctx);
        events.push(...r.value);
        issues.push(...r.issues);
        break;
      }
      case 'Patient': {
        const r = toPatient(resource, reference);
        issues.push(...r.issues);
        if (r.value && patientFact === undefined) {
          patientFact = r.value.fact;
          header = r.value.header;
        } else if (r.value) {
          issues.push({ resource: reference, problem: 'More than one Patient in the input; the first one was used.' });
        }
        break;
      }
      default:
        break; // Claims, immunisations, care plans… carry nothing the assessment reads.
    }
  }

  const facts: ChartFacts = {
    ...(patientFact ? { patient: patientFact } : {}),
    conditions: plainBeforeImplied(sortNewestFirst(conditions, (c) => c.provenance.date)),
    observations: sortNewestFirst(observations, (o) => o.date),
    medications: sortNewestFirst(medications, (m) => m.date),
    events: sortNewestFirst(events, (e) => e.date),
    ...pickSmoking([...smoking, ...problemListSmoking]),
    unavailable: [...new Set(input.unavailable ?? [])],
    dataIssues: issues,
  };
  return { facts, patient: header, ...(collected.error ? { error: collected.error } : {}) };
}

/** Stable sort, newest first; undated items last. */
function sortNewestFirst<T>(items: T[], dateOf: (item: T) => string | undefined): T[] {
  const keyed = items.map((item, index) => {
    const d = dateOf(item);
    const t = d === undefined ? Number.NEGATIVE_INFINITY : Date.parse(d);
    return { item, index, t: Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t };
  });
  keyed.sort((a, b) => (b.t === a.t ? a.index - b.index : b.t - a.t));
  return keyed.map((k) => k.item);
}

/**
 * Within each concept, plain records come before records that only imply it (e.g. "Diabetes" before
 * "Neuropathy due to type 2 diabetes"), each group still newest first. The engine takes the first active
 * fact of a concept as its evidence, so the plain record is what the clinician sees cited. Each concept
 * keeps the positions it had, so the list as a whole stays close to newest first.
 */
function plainBeforeImplied(conditions: ConditionFact[]): ConditionFact[] {
  const slots = new Map<string, number[]>();
  conditions.forEach((c, i) => slots.set(c.concept, [...(slots.get(c.concept) ?? []), i]));
  const out = [...conditions];
  for (const indices of slots.values()) {
    const group = indices.map((i) => conditions[i]!);
    const ordered = [...group.filter((c) => c.implied !== true), ...group.filter((c) => c.implied === true)];
    indices.forEach((slot, k) => (out[slot] = ordered[k]!));
  }
  return out;
}

/**
 * The newest smoking statement wins; at equal dates an observation (a recorded answer) beats a problem-list
 * entry, because observations are listed first.
 */
function pickSmoking(candidates: SmokingFact[]): { smoking?: SmokingFact } {
  if (candidates.length === 0) return {};
  const sorted = sortNewestFirst(candidates, (s) => s.date);
  return { smoking: sorted[0]! };
}

export { parseLocalCodes, describeValueSets, mergeValueSets, EMPTY_LOCAL_CODES } from './local-codes';
export type { LocalCodeConfig, LocalCodesResult, ValueSetSummary } from './local-codes';
export type { PatientHeader } from './to-patient';
export { REVIEWED_VALUE_SETS } from './value-sets';
export { buildSearchPlan } from './search-plan';
export type { SearchPlan, SearchRequest } from './search-plan';
