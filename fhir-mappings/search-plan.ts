/**
 * What the FHIR IO layer (lib/fhir) should ask the server for, derived from the value sets and site codes.
 *
 * Recommendation, and why:
 * - **Observation, filtered by `code`** (the vascular codes, lab codes and 72166-2): a long chart holds
 *   thousands of vitals and panels we never read, and code tokens keep the download small. Token lists are
 *   split so each URL stays under ~1,800 characters (some EHR gateways reject longer URLs). Consequence:
 *   an ABI filed under an unconfigured local code is not fetched, so sites must add their flowsheet codes
 *   to `NOCTURNE_LOCAL_CODES` (or choose `observations: 'all'` and let text matching find them).
 * - **Observation, category exam + procedure** (vascular-lab results): TBI, toe and ankle pressure and TcPO2 have
 *   no verified code and real vascular labs often send text-only rows; without this sweep a CLTI-range toe
 *   pressure would be invisible. Rows found by both queries are deduplicated by the mapper.
 * - **Condition, all of the patient's** (a few dozen rows): ICD-10 prefix and text matching cannot be
 *   expressed as a token search, and prefix matching is what survives fiscal-year code changes.
 * - **MedicationRequest, all**: the class is read from ingredient text; the statuses are sorted out by the mapper.
 * - **Procedure and Encounter, `date=ge<now − 12 weeks>`**: only recent surgery, casts and inpatient stays matter (Wells).
 * - **Patient**: read by id from the launch context (not listed here).
 *
 * The IO layer adds `patient=<id>` and follows `next` links; this module never fetches.
 */
import { OBSERVATION_CATEGORY } from './code-systems';
import { WEEK_MS } from '@/lib/core/time';
import { EMPTY_LOCAL_CODES, type LocalCodeConfig } from './local-codes';
import { getMatchers } from './matcher';

export interface SearchRequest {
  readonly resourceType: 'Observation' | 'Condition' | 'MedicationRequest' | 'Procedure' | 'Encounter';
  /** Search parameters, unencoded (the IO layer encodes them). `patient` is added by the caller. */
  readonly params: Readonly<Record<string, string>>;
  readonly justification: string;
}

export interface SearchPlan {
  readonly requests: readonly SearchRequest[];
}

export interface SearchPlanOptions {
  readonly localCodes?: LocalCodeConfig;
  readonly now?: Date;
  /** `by-code` (default) or `all` Observations (for sites whose vascular results carry no stable code). */
  readonly observations?: 'by-code' | 'all';
  /** Maximum URL length; default 1,800 characters. */
  readonly maxUrlLength?: number;
  /** Characters reserved for the base URL, `patient=` and paging parameters; default 300. */
  readonly reservedUrlLength?: number;
  /** How far back procedures and encounters are fetched; default 12 weeks. */
  readonly recentEventWeeks?: number;
}

export function buildSearchPlan(options: SearchPlanOptions = {}): SearchPlan {
  const m = getMatchers(options.localCodes ?? EMPTY_LOCAL_CODES);
  const now = options.now ?? new Date();
  const weeks = options.recentEventWeeks ?? 12;
  const since = new Date(now.getTime() - weeks * WEEK_MS).toISOString().slice(0, 10);
  const requests: SearchRequest[] = [];

  if (options.observations === 'all') {
    requests.push({
      resourceType: 'Observation',
      params: { _sort: '-date' },
      justification:
        'All Observations: this site files vascular results without stable codes, so text matching must see every row.',
    });
  } else {
    const tokens = new Set<string>();
    for (const vs of m.valueSets) {
      if (vs.domain !== 'observation' && vs.domain !== 'smoking-status') continue;
      // ⚠ codes below the verification floor are fetched too: the mapper reads them by name or lists them as
      // "unverified code: not used", rather than the result silently never arriving.
      for (const c of [...vs.codes, ...vs.localCodes, ...vs.belowFloorCodes]) tokens.add(`${c.system}|${c.code}`);
    }
    const budget = (options.maxUrlLength ?? 1800) - (options.reservedUrlLength ?? 300);
    const chunks = chunkTokens([...tokens], budget);
    chunks.forEach((chunk, i) =>
      requests.push({
        resourceType: 'Observation',
        params: { code: chunk.join(','), _sort: '-date' },
        justification: `Observations by code (part ${i + 1} of ${chunks.length}): vascular tests, labs and smoking status from the value sets and site codes.`,
      }),
    );
    requests.push({
      resourceType: 'Observation',
      params: { category: `${OBSERVATION_CATEGORY}|exam,${OBSERVATION_CATEGORY}|procedure`, _sort: '-date' },
      justification:
        'Observations in the exam and procedure categories: vascular-lab results (TBI, toe and ankle pressure, TcPO2, often ABI) have no verified LOINC and are often filed with text only, so a code filter alone would miss a toe pressure < 30 mmHg. Labs and vital signs are not in these categories, so the download stays small.',
    });
  }
  requests.push(
    {
      resourceType: 'Condition',
      params: {},
      justification: 'All Conditions: ICD-10 prefix and text matching cannot be expressed as a token search.',
    },
    {
      resourceType: 'MedicationRequest',
      params: {},
      justification: 'All medication orders: classes are matched by ingredient name as well as code.',
    },
    {
      resourceType: 'Procedure',
      params: { date: `ge${since}` },
      justification: `Procedures since ${since}: recent surgery or a cast counts in Wells (12 weeks).`,
    },
    {
      resourceType: 'Encounter',
      params: { date: `ge${since}` },
      justification: `Encounters since ${since}: a recent inpatient stay stands in for bed rest (Wells).`,
    },
  );
  return { requests };
}

/** Splits tokens so each comma-joined, URL-encoded list fits in `budget` characters. */
export function chunkTokens(tokens: readonly string[], budget: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = '&code='.length;
  for (const token of tokens) {
    const cost = encodeURIComponent(token).length + (current.length > 0 ? encodeURIComponent(',').length : 0);
    if (current.length > 0 && length + cost > budget) {
      chunks.push(current);
      current = [];
      length = '&code='.length;
    }
    current.push(token);
    length += encodeURIComponent(token).length + (current.length > 1 ? 3 : 0);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
