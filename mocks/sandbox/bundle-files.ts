/**
 * FHIR Bundle files → resources ready to store: what `SANDBOX_DATA=<dir>` loads, and how the shipped Synthea charts
 * are seeded.
 *
 * Why all-or-nothing per file, as a FHIR transaction is: a chart loaded in part would show an integrator a patient
 * with, say, no medications, and Nocturne would (rightly) treat what is not on file as unknown — a misleading demo of
 * their own data. So a file with any problem is skipped whole, reported by file name with the first problem found,
 * and every other file still loads.
 *
 * What a file must be: JSON; a Bundle of type `transaction`, `collection` or `searchset`; every entry a resource
 * whose `urn:uuid:` references name an entry of the same file and whose conditional references (`Patient?identifier=…`,
 * as recent Synthea exports write for practitioners and organisations) match exactly one resource already loaded;
 * every resource passing the same structural validation as a create on the sandbox's FHIR API.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { validateResource } from '@medplum/core';
import type { Resource as MedplumResource } from '@medplum/fhirtypes';
import type { Bundle, FhirResource } from 'fhir/r4';

/** Bundle types that carry data to load. */
const LOADABLE_TYPES = ['transaction', 'collection', 'searchset'] as const;
const URN = /^urn:(uuid|oid):/;
const CONDITIONAL = /^([A-Z][A-Za-z]+)\?(.+)$/;

/** A file that was not loaded, and why (for the log and the launcher page). */
export interface BundleFileProblem {
  /** The file's name (not its path: the folder is the integrator's own). */
  readonly file: string;
  readonly problem: string;
}

/** Finds the one stored resource a conditional reference (`Practitioner?identifier=…`) names, if exactly one. */
export type ConditionalResolver = (resourceType: string, query: string) => Promise<string[]>;

/** The outcome of reading one file. */
export type BundleFileResult =
  | { readonly ok: true; readonly file: string; readonly resources: readonly FhirResource[] }
  | ({ readonly ok: false } & BundleFileProblem);

/** Problem raised while resolving one entry; turned into a {@link BundleFileProblem} for its file. */
class EntryProblem extends Error {}

/**
 * The files of a data folder, in load order: `.json` files only (other files are reported), those without a
 * Patient first — Synthea writes practitioners and organisations to their own files, and patients' bundles refer to
 * them by conditional reference — then by name.
 */
export function bundleFilesIn(dir: string): { files: string[]; ignored: BundleFileProblem[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = readdirSync(dir).sort();
  } catch (err) {
    const why = err instanceof Error && 'code' in err && err.code === 'ENOENT' ? 'does not exist' : 'is not a folder';
    throw new Error(`SANDBOX_DATA: ${dir} ${why}`);
  }
  const files: string[] = [];
  const ignored: BundleFileProblem[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (!statSync(full).isFile()) continue;
    if (name.toLowerCase().endsWith('.json')) files.push(full);
    else ignored.push({ file: name, problem: 'not a .json file (only FHIR Bundles in JSON are loaded)' });
  }
  const hasPatient = (file: string) => /"resourceType"\s*:\s*"Patient"/.test(readFileSync(file, 'utf8'));
  const withoutPatient = files.filter((f) => !hasPatient(f));
  return { files: [...withoutPatient, ...files.filter((f) => !withoutPatient.includes(f))], ignored };
}

/**
 * Read, check and resolve one Bundle file. Never throws: every problem becomes `{ ok: false }` naming the file.
 * `resolveConditional` answers conditional references against what is already stored.
 */
export async function readBundleFile(file: string, resolveConditional: ConditionalResolver): Promise<BundleFileResult> {
  const name = path.basename(file);
  const fail = (problem: string): BundleFileResult => ({ ok: false, file: name, problem });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail(`not valid JSON (${err instanceof Error ? err.message : 'unreadable'})`);
  }
  if (!json || typeof json !== 'object' || (json as { resourceType?: unknown }).resourceType !== 'Bundle') {
    const type = json && typeof json === 'object' ? (json as { resourceType?: unknown }).resourceType : undefined;
    return fail(`not a FHIR Bundle (${typeof type === 'string' ? `a ${type}` : 'no resourceType'})`);
  }
  const bundle = json as Bundle;
  if (!(LOADABLE_TYPES as readonly string[]).includes(bundle.type)) {
    return fail(`a '${String(bundle.type)}' Bundle; only ${LOADABLE_TYPES.join(', ')} Bundles are loaded`);
  }
  if (bundle.entry !== undefined && !Array.isArray(bundle.entry)) return fail('its entry is not a list');
  let resources: FhirResource[];
  try {
    resources = resolveBundle(bundle, { strict: true });
    await resolveConditionalReferences(resources, resolveConditional);
  } catch (err) {
    if (err instanceof EntryProblem) return fail(err.message);
    throw err;
  }
  const seen = new Set<string>();
  for (const [i, resource] of resources.entries()) {
    const key = `${resource.resourceType}/${resource.id ?? ''}`;
    if (seen.has(key)) return fail(`${key} appears twice`);
    seen.add(key);
    const invalid = validationProblem(resource);
    if (invalid) return fail(`entry ${i + 1} (${key}) fails validation: ${invalid}`);
  }
  return { ok: true, file: name, resources };
}

/** The first validation error of a resource (medplum's structural validation, as the FHIR API's create uses). */
function validationProblem(resource: FhirResource): string | undefined {
  try {
    const errors = validateResource(resource as unknown as MedplumResource).filter(
      (i) => i.severity === 'error' || i.severity === 'fatal',
    );
    const first = errors[0];
    if (!first) return undefined;
    const where = first.expression?.[0];
    const what = first.details?.text ?? first.diagnostics ?? first.code;
    return `${what}${where ? ` (at ${where})` : ''}`.slice(0, 300);
  } catch (err) {
    return (err instanceof Error ? err.message : 'rejected').slice(0, 300);
  }
}

/**
 * Turn a transaction, collection or searchset Bundle into plain resources with ids and relative references.
 * `fullUrl`s (`urn:uuid:…` or absolute URLs) are mapped to `Type/id`; a resource without an id takes the UUID of its
 * `urn:uuid:` fullUrl (or the id in its `PUT Type/id` request), so ids are stable across runs.
 *
 * With `strict` (files from `SANDBOX_DATA`), an entry without a resource, or a `urn:` reference no entry defines,
 * is an error — a transaction could not resolve it — instead of being kept as a dangling reference.
 */
export function resolveBundle(bundle: Bundle, options: { strict?: boolean } = {}): FhirResource[] {
  const byFullUrl = new Map<string, string>();
  const resources: FhirResource[] = [];
  let counter = 0;
  for (const [i, entry] of (bundle.entry ?? []).entries()) {
    const r = entry?.resource;
    if (!r || typeof r !== 'object' || typeof r.resourceType !== 'string') {
      if (options.strict) throw new EntryProblem(`entry ${i + 1} has no resource`);
      continue;
    }
    let id = r.id;
    const full = entry.fullUrl;
    if (!id && full && URN.test(full)) id = full.replace(URN, '');
    if (!id && entry.request?.method === 'PUT') id = /^[A-Za-z]+\/([^/?]+)$/.exec(entry.request.url)?.[1];
    if (!id) id = `${bundle.id ?? 'seed'}-${r.resourceType.toLowerCase()}-${++counter}`;
    const copy = { ...r, id } as FhirResource;
    if (full) byFullUrl.set(full, `${r.resourceType}/${id}`);
    resources.push(copy);
  }
  return resources.map((r, i) => {
    const unresolved: string[] = [];
    const out = rewriteReferences(r, byFullUrl, unresolved) as FhirResource;
    if (options.strict && unresolved.length > 0) {
      throw new EntryProblem(
        `entry ${i + 1} (${r.resourceType}/${r.id ?? '?'}) refers to ${unresolved[0]}, which no entry of the file defines`,
      );
    }
    return out;
  });
}

function rewriteReferences(value: unknown, map: ReadonlyMap<string, string>, unresolved: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, map, unresolved));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') {
        const mapped = map.get(v);
        if (!mapped && URN.test(v)) unresolved.push(v);
        out[k] = mapped ?? v;
      } else out[k] = rewriteReferences(v, map, unresolved);
    }
    return out;
  }
  return value;
}

/** Replace `Type?query` references with the one stored `Type/id` they match; an error unless exactly one. */
async function resolveConditionalReferences(resources: FhirResource[], resolve: ConditionalResolver): Promise<void> {
  const cache = new Map<string, string[]>();
  const visit = async (value: unknown, where: string): Promise<void> => {
    if (Array.isArray(value)) {
      for (const v of value) await visit(v, where);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(node)) {
      const m = k === 'reference' && typeof v === 'string' ? CONDITIONAL.exec(v) : null;
      if (m) {
        const [, type = '', query = ''] = m;
        const key = `${type}?${query}`;
        let ids = cache.get(key);
        if (!ids) {
          ids = await resolve(type, query);
          cache.set(key, ids);
        }
        if (ids.length !== 1) {
          throw new EntryProblem(
            `${where} refers to ${key}, which matches ${ids.length === 0 ? 'nothing loaded' : `${ids.length} resources`} ` +
              '(a conditional reference must match exactly one; load the file that defines it too)',
          );
        }
        node[k] = `${type}/${ids[0]}`;
      } else await visit(v, where);
    }
  };
  for (const [i, r] of resources.entries()) await visit(r, `entry ${i + 1} (${r.resourceType}/${r.id ?? '?'})`);
}
