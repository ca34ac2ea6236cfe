/**
 * One vocabulary for everything that can go wrong, from the chart reader to the launch: a small set of problem
 * kinds, each with its own codes, any of which can carry the server's OperationOutcome.
 *
 * Why one vocabulary: seven parallel shapes (`DataIssue`, `WriteBackError`, `SaveNoteError`, `ValidationIssue`,
 * `ConfigProblem`, `LaunchRefusal`, a home-made `OperationOutcomeIssue`) each needed its own renderer and could not be
 * passed from one layer to the next. A `Problem` is plain data (safe in react-query, JSON, logs without PHI); the
 * words a clinician reads are chosen by the layer that shows it (the UI's wording tables), from `kind` and `code`.
 *
 * Why here: a leaf module (imports nothing), so the engine, the mappers, the FHIR IO layer, the data hooks and the UI
 * can all speak it.
 */

/**
 * One issue of a server's OperationOutcome, narrowed to what Nocturne shows or acts on. Deliberately not called
 * `OperationOutcomeIssue` and with `text` for FHIR's `details.text`: FHIR's own type has `details: CodeableConcept`,
 * and the two must never be mistaken for each other.
 */
export interface OutcomeIssue {
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  /** FHIR issue type (`processing`, `forbidden`, `duplicate`…); `unknown` when the server sent none. */
  readonly code: string;
  /** `details.text`: the server's sentence for people. */
  readonly text?: string;
  /** `diagnostics`: the server's technical detail. */
  readonly diagnostics?: string;
  /** The element concerned (`expression[0]`, or `location[0]`), as a FHIRPath. */
  readonly expression?: string;
}

/** The server's own words from an outcome: the first issue with `text`, else with `diagnostics`. */
export function outcomeText(outcome: readonly OutcomeIssue[] | undefined): string | undefined {
  const first = outcome?.find((i) => i.text || i.diagnostics);
  return first?.text ?? first?.diagnostics;
}

/**
 * A chart record that could not be used, and why (the Assessment JSON's `dataIssues` entries: the contract is
 * `{ resource?, problem }`, so `kind` is optional here and never written by the mappers).
 */
export interface DataProblem {
  readonly kind?: 'data';
  /** The record concerned, e.g. `Observation/abc`. */
  readonly resource?: string;
  /** What could not be used and why, in clinical words. */
  readonly problem: string;
}

/** The fields every coded problem shares. */
export interface CodedProblem<K extends string, C extends string> {
  readonly kind: K;
  /** Stable and machine-readable within the kind: tests, wording tables and retry decisions key on it. */
  readonly code: C;
  /** What is wrong (and, where the reader can act, what to do), for whoever reads this kind. */
  readonly message: string;
  /** What the problem is about: a setting (`NOCTURNE_…`), an issuer URL, a resource type. */
  readonly subject?: string;
  /** The server's OperationOutcome, when one came with the problem. */
  readonly outcome?: readonly OutcomeIssue[];
}

/** Why a note cannot be built or filed as it stands (checked before anything is sent). */
export type NoteProblemCode =
  | 'unknown-profile'
  | 'invalid-assessment-id'
  | 'invalid-patient'
  | 'invalid-encounter'
  | 'encounter-required'
  | 'author-required'
  | 'author-not-practitioner'
  | 'author-not-clinician'
  | 'invalid-note-type'
  | 'doc-status-not-allowed'
  | 'empty-note'
  | 'note-too-large'
  | 'invalid-now';
export type NoteProblem = CodedProblem<'note', NoteProblemCode>;

/**
 * How a request to the EHR failed. `outcome-unknown`: a write whose answer never arrived and whose result could not
 * be checked afterwards — the note may or may not be in the chart.
 */
export type RequestProblemCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'duplicates-on-server'
  | 'rejected'
  | 'server'
  | 'network'
  | 'malformed'
  | 'outcome-unknown';
export interface RequestProblem extends CodedProblem<'request', RequestProblemCode> {
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** Whether trying again may succeed (and, for writes, will not file a second copy). */
  readonly retryable: boolean;
}

/** A structural finding of the FHIR validator about a resource Nocturne writes (CLI `--format fhir`, tests). */
export interface ValidationProblem extends CodedProblem<'validation', OutcomeIssue['severity']> {
  /** The resource type validated. */
  readonly subject: string;
  /** FHIRPath of the offending element. */
  readonly path?: string;
}

/** A setting that is missing or wrong: `subject` names the environment variable. */
export type ConfigProblem = CodedProblem<'config', 'invalid-setting'>;

/** Why a launch was refused before anything was sent to the EHR: `subject` is the issuer when there is one. */
export type LaunchProblem = CodedProblem<'launch', 'missing-iss' | 'unknown-issuer' | 'discovery-failed' | 'no-pkce'>;

export type Problem = DataProblem | NoteProblem | RequestProblem | ValidationProblem | ConfigProblem | LaunchProblem;
export type ProblemKind = NonNullable<Problem['kind']>;
