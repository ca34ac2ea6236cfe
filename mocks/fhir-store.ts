/**
 * The sandbox EHR's chart: an in-memory FHIR R4 store on medplum's `MemoryRepository`, seeded with the synthetic
 * personas and the three Synthea patients.
 *
 * Why one store for the sandbox server and the msw handlers: integration tests and the clickable sandbox then serve
 * the very same resources through the very same FHIR REST code ({@link createFhirApi}), so a behaviour seen in a
 * test is the behaviour a newcomer sees in the browser.
 *
 * Ids are kept stable (persona ids, Synthea UUIDs, fixed practitioner ids) so a persona launch is reproducible.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepClone, matchesSearchRequest, Operator, parseSearchRequest } from '@medplum/core';
import type { SearchRequest, WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle as MedplumBundle, Resource as MedplumResource } from '@medplum/fhirtypes';
import type { Bundle, Condition, Encounter, FhirResource, Patient, Practitioner } from 'fhir/r4';
import { CLINICIANS, personas as allPersonas, synthea as syntheaFixtures } from './personas/index';
import type { Persona } from './personas/types';
import { bundleFilesIn, readBundleFile, resolveBundle } from './sandbox/bundle-files';
import type { BundleFileProblem } from './sandbox/bundle-files';
import { patientsMentioned } from './sandbox/fhir-api';
import { loadFhirDefinitions, searchParametersOf } from './sandbox/fhir-definitions';

export { resolveBundle } from './sandbox/bundle-files';
export type { BundleFileProblem } from './sandbox/bundle-files';
export { createFhirApi } from './sandbox/fhir-api';
export type { FhirApi, FhirApiOptions, FhirAccess, FhirGuard, FhirGuardResult } from './sandbox/fhir-api';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The Synthea transaction bundles shipped with the repo (unmodified). */
export const SYNTHEA_DIR = path.join(HERE, 'fixtures', 'synthea');

/** One patient as the launcher lists it. */
export interface SeedPatient {
  readonly id: string;
  readonly name: string;
  readonly gender: string | undefined;
  readonly birthDate: string | undefined;
  /** Set when the chart records a death (Synthea's Vito Feeney died in 1979). */
  readonly deceased: string | boolean | undefined;
  /** One line for the launcher. */
  readonly story: string;
  /** `data`: loaded from the integrator's `SANDBOX_DATA` folder. */
  readonly source: 'persona' | 'synthea' | 'data';
  /** For personas: which differential branches it exercises. */
  readonly covers: readonly string[];
}

/** A practitioner a launch can be made as (the SMART `fhirUser`). */
export interface SeedPractitioner {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

/** The seeded store. `repo` is the medplum repository; every other field is a read-only summary for the launcher. */
export interface FhirStore {
  readonly repo: MemoryRepository;
  readonly patients: readonly SeedPatient[];
  readonly practitioners: readonly SeedPractitioner[];
  /** The instant the personas were built relative to (their "3 weeks ago" is relative to this). */
  readonly seededAt: Date;
  /** Milliseconds spent loading definitions and seeding. */
  readonly seedMs: number;
  /** What `SANDBOX_DATA` loaded and which files it skipped, when a data folder was given. */
  readonly data?: DataFolderReport;
}

/** The outcome of loading a `SANDBOX_DATA` folder. */
export interface DataFolderReport {
  readonly dir: string;
  /** Files loaded, in load order. */
  readonly loaded: readonly string[];
  /** Files skipped, each with the first problem found. */
  readonly skipped: readonly BundleFileProblem[];
  readonly resources: number;
  readonly ms: number;
}

export interface CreateFhirStoreOptions {
  /** Clock for the personas' relative dates. Default: the real clock. */
  readonly now?: Date;
  /** Personas to seed. Default: every persona of `mocks/personas`. */
  readonly personas?: readonly Persona[];
  /**
   * Seed the Synthea patients from {@link SYNTHEA_DIR} (default) or from the given bundle files; `false` skips.
   * Default `false` when `dataDir` is given: the integrator's folder takes the sample charts' place.
   */
  readonly synthea?: boolean | readonly string[];
  /**
   * A folder of FHIR Bundles (`SANDBOX_DATA`) to load after the personas: every `.json` transaction, collection or
   * searchset Bundle; a file with any problem is skipped whole and reported in {@link FhirStore.data}. Throws when the
   * folder does not exist.
   */
  readonly dataDir?: string;
}

/**
 * Clinicians a launch can be made as: the personas' clinicians (same ids, so a persona's encounters name the same
 * Practitioner the launch is made as). The launcher's practitioner picker lists exactly these.
 */
export const SANDBOX_PRACTITIONERS: readonly (SeedPractitioner & { readonly resource: Practitioner })[] = Object.values(
  CLINICIANS,
).map((c) => ({
  id: c.id,
  name: [c.prefix, c.given, c.family].filter(Boolean).join(' ') + (c.qualification ? `, ${c.qualification}` : ''),
  role: c.qualification,
  resource: {
    resourceType: 'Practitioner',
    id: c.id,
    active: true,
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: c.npi }],
    name: [{ use: 'official', family: c.family, given: [c.given], ...(c.prefix ? { prefix: [c.prefix] } : {}) }],
    qualification: [{ code: { text: c.qualification } }],
  },
}));

/**
 * Build and seed a store. Personas are built with `now`; Synthea bundles are loaded as-is, their `urn:uuid:`
 * references resolved to `Type/id` with the UUID kept as the id.
 */
export async function createFhirStore(options: CreateFhirStoreOptions = {}): Promise<FhirStore> {
  const started = performance.now();
  loadFhirDefinitions();
  const now = options.now ?? new Date();
  const repo = new CompartmentIndexedRepository();
  const lastUpdated = now.toISOString();
  const patients: SeedPatient[] = [];

  for (const p of SANDBOX_PRACTITIONERS) await put(repo, p.resource, lastUpdated);

  for (const persona of options.personas ?? allPersonas) {
    const resources = resolveBundle(persona.build(now));
    for (const r of resources) await put(repo, r, lastUpdated);
    const patient = resources.find((r): r is Patient => r.resourceType === 'Patient' && r.id === persona.id);
    patients.push(summarise(patient, persona.id, persona.story, 'persona', persona.covers, persona.name));
  }

  const synthea = options.synthea ?? !options.dataDir;
  const files = synthea === false ? [] : Array.isArray(synthea) ? (synthea as readonly string[]) : syntheaFiles();
  for (const file of files) {
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as Bundle;
    const resources = resolveBundle(bundle);
    for (const r of resources) await put(repo, r, lastUpdated);
    const patient = resources.find((r): r is Patient => r.resourceType === 'Patient');
    if (!patient?.id) continue;
    const conditions = resources.filter((r): r is Condition => r.resourceType === 'Condition');
    const curated = syntheaFixtures.find((f) => path.basename(f.file) === path.basename(file))?.story;
    patients.push(summarise(patient, patient.id, curated ?? syntheaStory(conditions), 'synthea', ['synthea']));
  }

  const data = options.dataDir ? await loadDataFolder(repo, options.dataDir, lastUpdated, patients) : undefined;

  return {
    repo,
    patients,
    practitioners: SANDBOX_PRACTITIONERS.map(({ id, name, role }) => ({ id, name, role })),
    seededAt: now,
    seedMs: performance.now() - started,
    ...(data ? { data } : {}),
  };
}

/**
 * Load every Bundle file of a `SANDBOX_DATA` folder into the store, adding its patients to `patients`.
 *
 * A resource already in the store under the same `Type/id` is a problem for the file when it is patient data (two
 * charts cannot share a record), but shared reference data — the same Organization or Practitioner in every
 * patient's Synthea bundle — is kept once, as a conditional create would.
 */
async function loadDataFolder(
  repo: CompartmentIndexedRepository,
  dir: string,
  lastUpdated: string,
  patients: SeedPatient[],
): Promise<DataFolderReport> {
  const started = performance.now();
  const { files, ignored } = bundleFilesIn(dir);
  const skipped: BundleFileProblem[] = [...ignored];
  const loaded: string[] = [];
  let count = 0;
  const resolveConditional = async (resourceType: string, query: string) => {
    const request = parseSearchRequest(`${resourceType}?${query}`);
    return (await repo.searchResources(request)).map((r) => r.id);
  };
  for (const file of files) {
    const result = await readBundleFile(file, resolveConditional);
    if (!result.ok) {
      skipped.push({ file: result.file, problem: result.problem });
      continue;
    }
    const fresh: FhirResource[] = [];
    let clash: string | undefined;
    for (const r of result.resources) {
      const existing = await readIfStored(repo, r.resourceType, r.id ?? '');
      if (!existing) fresh.push(r);
      else if (r.resourceType === 'Patient' || patientsMentioned(r).size > 0) {
        clash = `${r.resourceType}/${r.id ?? '?'} is already in the sandbox (built in, or loaded from another file)`;
        break;
      }
    }
    if (clash) {
      skipped.push({ file: result.file, problem: clash });
      continue;
    }
    for (const r of fresh) await put(repo, r, lastUpdated);
    count += fresh.length;
    loaded.push(result.file);
    for (const patient of result.resources.filter((r): r is Patient => r.resourceType === 'Patient')) {
      const mine = result.resources.filter(
        (r) => r.resourceType !== 'Patient' && patientsMentioned(r).has(patient.id ?? ''),
      );
      patients.push(summarise(patient, patient.id ?? '?', onFile(mine), 'data', ['data']));
    }
  }
  return { dir, loaded, skipped, resources: count, ms: performance.now() - started };
}

async function readIfStored(repo: MemoryRepository, type: string, id: string): Promise<boolean> {
  try {
    await repo.readResource(type, id);
    return true;
  } catch {
    return false;
  }
}

/** Nouns for the "on file" line, per resource type (singular, plural). */
const ON_FILE_NOUNS: Record<string, readonly [string, string]> = {
  Condition: ['condition', 'conditions'],
  Observation: ['observation', 'observations'],
  MedicationRequest: ['medication order', 'medication orders'],
  Procedure: ['procedure', 'procedures'],
  Encounter: ['encounter', 'encounters'],
  DocumentReference: ['document', 'documents'],
};

/**
 * What is on file for one loaded patient, in one line: the counts the app reads, and the first conditions by name
 * ("3 conditions (Hypertension, Prediabetes, Anemia), 240 observations, 12 medication orders, 31 encounters").
 */
export function onFile(resources: readonly FhirResource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.resourceType, (counts.get(r.resourceType) ?? 0) + 1);
  const parts: string[] = [];
  for (const [type, [one, many]] of Object.entries(ON_FILE_NOUNS)) {
    const n = counts.get(type) ?? 0;
    if (n === 0) continue;
    let part = `${n} ${n === 1 ? one : many}`;
    if (type === 'Condition') {
      const names = conditionNames(resources.filter((r): r is Condition => r.resourceType === 'Condition'));
      if (names.length > 0) part += ` (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`;
    }
    parts.push(part);
  }
  return parts.length > 0 ? `On file: ${parts.join(', ')}.` : 'Nothing on file but the patient record.';
}

/**
 * medplum's `MemoryRepository` with a patient-compartment index: a search with `patient=Patient/<id>` (or
 * `subject=…`, any reference parameter pointing at patients) only tests that patient's resources instead of every
 * resource of the type in the store.
 *
 * Why: medplum's in-memory search evaluates each filter's FHIRPath on every stored resource of the type, in the
 * order the query names them, so `Observation?code=a,b,c&patient=x` evaluated the code list on all ~1,100
 * Observations of the store (tens to hundreds of milliseconds of sandbox CPU per search under load, four such
 * searches per launch). Every SMART app search is patient-scoped, so the index turns that into a scan of one chart.
 *
 * Why it stays a real FHIR search: the index only narrows the *candidates*, and it is a superset (a resource is
 * filed under every patient whose `Patient/<id>` appears anywhere in it, references or not); each candidate is
 * then tested with medplum's own `matchesSearchRequest` against the whole request, exactly as the full scan does,
 * and results keep the store's insertion order. Searches the index cannot narrow (no patient reference filter,
 * `:not`/`:missing` modifiers, `_sort` inside the repository) fall through to medplum's scan unchanged.
 */
export class CompartmentIndexedRepository extends MemoryRepository {
  /** `Patient id` → `Type/id` → the stored copy. */
  private readonly compartments = new Map<string, Map<string, WithId<MedplumResource>>>();
  /** `Type/id` → the patients it is filed under and its insertion rank (the order medplum's scan returns). */
  private readonly filed = new Map<string, { readonly patients: readonly string[]; readonly rank: number }>();
  private nextRank = 0;

  override async createResource<T extends MedplumResource>(resource: T): Promise<WithId<T>> {
    const saved = await super.createResource(resource);
    this.file(saved);
    return saved;
  }

  override async updateResource<T extends MedplumResource>(
    resource: T,
    options?: Parameters<MemoryRepository['updateResource']>[1],
  ): Promise<WithId<T>> {
    const saved = await super.updateResource(resource, options);
    this.file(saved);
    return saved;
  }

  override async patchResource<T extends MedplumResource>(
    resourceType: T['resourceType'],
    id: string,
    patch: Parameters<MemoryRepository['patchResource']>[2],
  ): Promise<WithId<T>> {
    const saved = await super.patchResource<T>(resourceType, id, patch);
    this.file(saved);
    return saved;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    this.unfile(`${resourceType}/${id}`);
  }

  override clear(): void {
    super.clear();
    this.compartments.clear();
    this.filed.clear();
  }

  override async search<T extends MedplumResource>(request: SearchRequest<T>): Promise<MedplumBundle<WithId<T>>> {
    const patients = request.sortRules?.length ? undefined : compartmentPatients(request);
    if (!patients) return super.search(request);
    const candidates = new Map<string, WithId<MedplumResource>>();
    const prefix = `${request.resourceType}/`;
    for (const patient of patients) {
      for (const [key, resource] of this.compartments.get(patient) ?? []) {
        if (key.startsWith(prefix)) candidates.set(key, resource);
      }
    }
    const rank = (key: string) => this.filed.get(key)?.rank ?? 0;
    const matches = [...candidates.entries()]
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([, resource]) => resource)
      .filter((resource) => matchesSearchRequest(resource, request as SearchRequest));
    let page = matches;
    if (request.offset !== undefined) page = page.slice(request.offset);
    if (request.count !== undefined) page = page.slice(0, request.count);
    const entry = page.map((resource) => ({ resource: deepClone(resource) as WithId<T> }));
    return { resourceType: 'Bundle', type: 'searchset', ...(entry.length ? { entry } : {}), total: matches.length };
  }

  private file(resource: WithId<MedplumResource>): void {
    const key = `${resource.resourceType}/${resource.id}`;
    const rank = this.filed.get(key)?.rank ?? this.nextRank++;
    this.unfile(key);
    const patients = [...patientsMentioned(resource)];
    const copy = deepClone(resource);
    for (const patient of patients) {
      const compartment = this.compartments.get(patient) ?? new Map<string, WithId<MedplumResource>>();
      compartment.set(key, copy);
      this.compartments.set(patient, compartment);
    }
    this.filed.set(key, { patients, rank });
  }

  private unfile(key: string): void {
    for (const patient of this.filed.get(key)?.patients ?? []) this.compartments.get(patient)?.delete(key);
    this.filed.delete(key);
  }
}

/**
 * The patients a search is confined to, when one of its filters is a plain (`eq`) reference filter whose every
 * value is `Patient/<id>`: medplum matches reference values exactly, so a match must mention one of them.
 */
function compartmentPatients(request: SearchRequest): string[] | undefined {
  const params = searchParametersOf(request.resourceType);
  for (const filter of request.filters ?? []) {
    if (filter.operator !== Operator.EQUALS || filter.code === '_compartment') continue;
    if (params[filter.code]?.type !== 'reference') continue;
    const values = filter.value.split(',');
    const ids = values.map((v) => /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(v)?.[1]);
    if (ids.every((id): id is string => id !== undefined)) return ids;
  }
  return undefined;
}

/** The Synthea bundle files shipped in {@link SYNTHEA_DIR}, in a stable order. */
export function syntheaFiles(dir = SYNTHEA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Encounters of one patient, newest first, for the launcher's encounter picker. */
export async function patientEncounters(store: FhirStore, patientId: string, max = 12): Promise<Encounter[]> {
  const all = (await store.repo.searchResources({
    resourceType: 'Encounter',
    filters: [{ code: 'subject', operator: 'eq', value: `Patient/${patientId}` }],
  })) as unknown as Encounter[];
  const start = (e: Encounter) => Date.parse(e.period?.start ?? '') || 0;
  return all.sort((a, b) => start(b) - start(a)).slice(0, max);
}

/** Every patient's encounters, newest first (at most `max` each), from one pass over the store: for the launcher. */
export async function encountersByPatient(store: FhirStore, max = 12): Promise<Map<string, Encounter[]>> {
  const all = (await store.repo.searchResources({ resourceType: 'Encounter' })) as unknown as Encounter[];
  const start = (e: Encounter) => Date.parse(e.period?.start ?? '') || 0;
  const byPatient = new Map<string, Encounter[]>();
  for (const e of all) {
    const ref = e.subject?.reference;
    if (!ref?.startsWith('Patient/')) continue;
    const id = ref.slice('Patient/'.length);
    const list = byPatient.get(id) ?? [];
    list.push(e);
    byPatient.set(id, list);
  }
  for (const [id, list] of byPatient) byPatient.set(id, list.sort((a, b) => start(b) - start(a)).slice(0, max));
  return byPatient;
}

/**
 * Store one seed resource. A resource the engine refuses is skipped with a warning naming its type and id (never its
 * content) rather than stopping the sandbox: one odd persona entry must not take every other patient down with it.
 */
async function put(repo: MemoryRepository, resource: FhirResource, lastUpdated: string): Promise<void> {
  const copy = { ...resource, meta: { ...resource.meta, lastUpdated: resource.meta?.lastUpdated ?? lastUpdated } };
  try {
    await repo.createResource(copy as unknown as MedplumResource);
  } catch (err) {
    const why = err instanceof Error ? err.message : 'rejected';
    console.warn(`[sandbox] seed resource ${resource.resourceType}/${resource.id ?? '?'} skipped: ${why}`);
  }
}

function summarise(
  patient: Patient | undefined,
  id: string,
  story: string,
  source: SeedPatient['source'],
  covers: readonly string[],
  fallbackName?: string,
): SeedPatient {
  return {
    id,
    name: patient ? displayName(patient) : (fallbackName ?? id),
    gender: patient?.gender,
    birthDate: patient?.birthDate,
    deceased: patient?.deceasedDateTime ?? patient?.deceasedBoolean,
    story,
    source,
    covers,
  };
}

/** "Renato Dare" from `name[0]` (official first), without Synthea's numeric suffixes. */
export function displayName(patient: Patient | Practitioner): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  if (!name) return `${patient.resourceType}/${patient.id ?? '?'}`;
  if (name.text) return name.text;
  return [...(name.given ?? []), name.family].filter(Boolean).join(' ').replace(/\d+/g, '').replace(/\s+/g, ' ').trim();
}

/** A factual one-liner for a Synthea chart: what is on file, not a made-up story. */
function syntheaStory(conditions: readonly Condition[]): string {
  const names = conditionNames(conditions);
  if (names.length === 0) return 'Synthea sample patient with almost nothing on file: no relevant conditions.';
  const shown = names.slice(0, 3).join(', ');
  return `Synthea sample patient: ${shown}${names.length > 3 ? ` and ${names.length - 3} more` : ''}.`;
}

/** Distinct condition names, without SNOMED's "(disorder)" tags and the findings Synthea files for everyone. */
function conditionNames(conditions: readonly Condition[]): string[] {
  return [
    ...new Set(
      conditions
        .map((c) => c.code?.text ?? c.code?.coding?.[0]?.display ?? '')
        .filter((n) => n && !/\(finding\)$/.test(n) && !/^(Body mass index|Prediabetes)/.test(n))
        .map((n) => n.replace(/\s*\((disorder|situation)\)$/, '')),
    ),
  ];
}
