/**
 * FHIR search with paging caps.
 *
 * Why caps: a patient with decades of labs can have thousands of Observations; following `next` forever would
 * stall the launch. We stop at a page / resource cap and *report* the truncation as a data issue (older results
 * were not used), so nobody mistakes a truncated chart for a complete one.
 *
 * Malformed entries (no resource, no resourceType/id, an OperationOutcome warning) are reported and skipped;
 * they never fail the search. A response that is not a Bundle at all does fail it (typed `malformed`).
 */
import { z } from 'zod/mini';
import { recordWords } from '../core/records';
import type { DataProblem } from '../core/problem';
import { describeRequest, diagnostics } from './diagnostics';
import { FhirRequestError } from './errors';
import { detailOf, fhirGetJson, resolveFhirUrl, type FhirContext } from './http';

export interface SearchLimits {
  /** Pages to read at most (the first page included). Default 10. */
  readonly maxPages?: number;
  /** Resources to keep at most. Default 2000. */
  readonly maxResources?: number;
}

export const DEFAULT_LIMITS = { maxPages: 10, maxResources: 2000 } as const;

export interface SearchResult {
  readonly resources: unknown[];
  readonly pages: number;
  readonly truncated: boolean;
  /** Bundle.total of the first page, when the server sent it. */
  readonly total?: number;
  readonly issues: DataProblem[];
}

const BUNDLE = z.looseObject({
  resourceType: z.literal('Bundle'),
  total: z.catch(z.optional(z.number()), undefined),
  link: z.catch(
    z.optional(z.array(z.looseObject({ relation: z.catch(z.string(), ''), url: z.catch(z.string(), '') }))),
    undefined,
  ),
  entry: z.catch(z.optional(z.array(z.unknown())), undefined),
});

const ENTRY = z.looseObject({
  resource: z.optional(
    z.looseObject({
      resourceType: z.string().check(z.minLength(1)),
      id: z.optional(z.string().check(z.minLength(1))),
    }),
  ),
  search: z.catch(z.optional(z.looseObject({ mode: z.optional(z.string()) })), undefined),
});

/** Build a search path from params; repeated keys are given as arrays. */
export function searchPath(resourceType: string, params: Record<string, string | readonly string[]>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of typeof value === 'string' ? [value] : value) qs.append(key, v);
  }
  const query = qs.toString();
  return query ? `${resourceType}?${query}` : resourceType;
}

/** Searches `resourceType` with `params`, following `next` links within the limits. */
export async function searchAll(
  ctx: FhirContext,
  resourceType: string,
  params: Record<string, string | readonly string[]>,
  options: SearchLimits & { signal?: AbortSignal } = {},
): Promise<SearchResult> {
  const done = diagnostics.start(describeRequest('GET', searchPath(resourceType, params)));
  try {
    const result = await searchPages(ctx, resourceType, params, options);
    done({
      status: 'ok',
      count: result.resources.length,
      pages: result.pages,
      ...(result.truncated ? { detail: 'truncated' } : {}),
    });
    return result;
  } catch (error) {
    done({ status: 'error', detail: detailOf(error) });
    throw error;
  }
}

async function searchPages(
  ctx: FhirContext,
  resourceType: string,
  params: Record<string, string | readonly string[]>,
  options: SearchLimits & { signal?: AbortSignal },
): Promise<SearchResult> {
  const maxPages = options.maxPages ?? DEFAULT_LIMITS.maxPages;
  const maxResources = options.maxResources ?? DEFAULT_LIMITS.maxResources;
  const resources: unknown[] = [];
  const issues: DataProblem[] = [];
  const words = recordWords(resourceType);
  let next: string | undefined = searchPath(resourceType, params);
  let pages = 0;
  let total: number | undefined;
  let truncated = false;

  while (next) {
    if (pages >= maxPages || resources.length >= maxResources) {
      truncated = true;
      break;
    }
    const url = next;
    const body = await fhirGetJson(ctx, url, { record: false, ...(options.signal ? { signal: options.signal } : {}) });
    pages += 1;
    const bundle = BUNDLE.safeParse(body);
    if (!bundle.success) {
      throw new FhirRequestError({
        kind: 'malformed',
        status: 200,
        url: resolveFhirUrl(ctx.serverUrl, url),
        detail: `a ${resourceType} search did not return a Bundle`,
      });
    }
    if (pages === 1) total = bundle.data.total;
    for (const raw of bundle.data.entry ?? []) {
      const entry = ENTRY.safeParse(raw);
      const resource = entry.success ? entry.data.resource : undefined;
      if (!entry.success || !resource) {
        issues.push({ problem: `One of the ${words.many} the EHR sent was empty or malformed and was skipped.` });
        continue;
      }
      if (entry.data.search?.mode === 'outcome' || resource.resourceType === 'OperationOutcome') {
        issues.push({ problem: `The EHR attached a warning to the ${words.many}: some may be missing.` });
        continue;
      }
      if (!resource.id) {
        issues.push({
          problem: `One of the ${words.many} had no identifier, so it could not be cited, and was skipped.`,
        });
        continue;
      }
      if (resources.length >= maxResources) {
        truncated = true;
        break;
      }
      // Repeats across pages are kept: the chart reader de-duplicates every copy in one place (and reports copies
      // that differ), so nothing here decides silently which copy of a record counts.
      resources.push(entry.data.resource);
    }
    next = bundle.data.link?.find((l) => l.relation === 'next' && l.url)?.url;
    if (truncated) break;
  }
  if (truncated) {
    issues.push({
      problem:
        `Only the first ${resources.length} ${words.many} were read${total !== undefined ? ` (of ${total})` : ''}; ` +
        'the rest were not used, so older records may be missing.',
    });
  }
  return { resources, pages, truncated, ...(total !== undefined ? { total } : {}), issues };
}
