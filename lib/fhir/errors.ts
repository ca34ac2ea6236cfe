/**
 * Typed FHIR request errors (after smart-on-fhir/client-js `HttpError`): status, a URL safe to show, and the
 * server's OperationOutcome issues parsed — so the UI can say *what* went wrong and react-query can decide
 * whether a retry could help.
 *
 * Why the URL is reduced to origin + path: query strings carry patient ids and codes; the access token is
 * never in a URL, but a redacted URL can be logged and shown without thinking twice.
 */
import { outcomeText, type OutcomeIssue, type RequestProblem, type RequestProblemCode } from '../core/problem';

export type FhirErrorKind = 'unauthorized' | 'forbidden' | 'not-found' | 'server' | 'network' | 'malformed' | 'client';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOr = <T>(value: unknown, fallback: T): string | T => (typeof value === 'string' ? value : fallback);

/**
 * Parses an OperationOutcome (or returns `[]` for anything else). Hand-written rather than zod: this module is
 * in every page's first-load JavaScript (react-query's retry policy reads {@link isFhirRequestError}), and zod
 * would add tens of kB to the landing page for five fields (≈ 35 kB gzipped as classic zod). Lenient per field, like
 * the server's error body deserves: a wrong-typed severity/code falls back to `error`/`unknown`, other wrong-typed
 * fields are dropped; an `issue` list with a non-object entry is not trusted at all.
 */
export function parseOperationOutcome(body: unknown): OutcomeIssue[] {
  if (!isRecord(body) || body.resourceType !== 'OperationOutcome') return [];
  const { issue } = body;
  if (!Array.isArray(issue) || !issue.every(isRecord)) return [];
  return issue.map((i) => {
    const diagnostics = stringOr(i.diagnostics, undefined);
    const text = isRecord(i.details) ? stringOr(i.details.text, undefined) : undefined;
    const severity = stringOr(i.severity, 'error');
    const expression = Array.isArray(i.expression) ? stringOr(i.expression[0], undefined) : undefined;
    return {
      severity: SEVERITIES.has(severity) ? (severity as OutcomeIssue['severity']) : 'error',
      code: stringOr(i.code, 'unknown'),
      ...(text ? { text: truncate(text) } : {}),
      ...(diagnostics ? { diagnostics: truncate(diagnostics) } : {}),
      ...(expression ? { expression: truncate(expression) } : {}),
    };
  });
}

const SEVERITIES: ReadonlySet<string> = new Set(['fatal', 'error', 'warning', 'information']);

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `https://ehr.example/fhir/Observation?patient=123&code=…` → `https://ehr.example/fhir/Observation`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split(/[?#]/)[0] ?? '';
  }
}

export function kindForStatus(status: number): FhirErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status >= 500) return 'server';
  return 'client';
}

const PROBLEM_CODE: Record<FhirErrorKind, RequestProblemCode> = {
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  'not-found': 'not-found',
  server: 'server',
  network: 'network',
  malformed: 'malformed',
  client: 'rejected',
};

const KIND_WORDS: Record<FhirErrorKind, string> = {
  unauthorized: 'the session is no longer authorised (401)',
  forbidden: 'access was not granted (403)',
  'not-found': 'not found',
  server: 'the EHR server reported an error',
  network: 'the EHR server could not be reached',
  malformed: 'the EHR server sent a response that is not valid FHIR JSON',
  client: 'the EHR server rejected the request',
};

export class FhirRequestError extends Error {
  override readonly name = 'FhirRequestError';
  readonly kind: FhirErrorKind;
  /** HTTP status; 0 for network failures. */
  readonly status: number;
  /** Origin + path only (no query string). */
  readonly url: string;
  readonly method: string;
  /** The server's OperationOutcome issues, when it sent one. */
  readonly outcome: readonly OutcomeIssue[];
  /** The answer had no body at all (a proxy's 502, a dropped connection): the server's own outcome is unknown. */
  readonly emptyBody: boolean;

  constructor(args: {
    kind: FhirErrorKind;
    status: number;
    url: string;
    method?: string;
    outcome?: readonly OutcomeIssue[];
    detail?: string;
    emptyBody?: boolean;
  }) {
    const url = redactUrl(args.url);
    const method = args.method ?? 'GET';
    const outcome = args.outcome ?? [];
    const reason = outcomeText(outcome) ?? args.detail;
    super(`${method} ${url}: ${KIND_WORDS[args.kind]}${reason ? ` — ${reason}` : ''}`);
    this.kind = args.kind;
    this.status = args.status;
    this.url = url;
    this.method = method;
    this.outcome = outcome;
    this.emptyBody = args.emptyBody ?? false;
  }

  /** The failure in the shared vocabulary (`lib/core/problem.ts`); words for people are the UI's to choose. */
  get problem(): RequestProblem {
    return {
      kind: 'request',
      code: PROBLEM_CODE[this.kind],
      message: this.userMessage,
      status: this.status,
      retryable: this.retryable,
      ...(this.outcome.length ? { outcome: this.outcome } : {}),
    };
  }

  /** Retrying cannot fix an authorisation decision or a missing resource. */
  get retryable(): boolean {
    return this.kind === 'server' || this.kind === 'network';
  }

  /** A sentence for the clinician: what failed, without URLs. */
  get userMessage(): string {
    const reason = outcomeText(this.outcome);
    const base = KIND_WORDS[this.kind];
    return `${base.charAt(0).toUpperCase()}${base.slice(1)}${reason ? `: ${reason}` : ''}.`;
  }
}

export function isFhirRequestError(error: unknown): error is FhirRequestError {
  return error instanceof FhirRequestError;
}

/** Builds the typed error for a non-2xx response, reading (at most) its OperationOutcome body. */
export async function errorFromResponse(response: Response, method: string, url: string): Promise<FhirRequestError> {
  let outcome: OutcomeIssue[] = [];
  let emptyBody = true;
  try {
    const text = await response.text();
    emptyBody = text.trim() === '';
    if (!emptyBody) outcome = parseOperationOutcome(JSON.parse(text));
  } catch {
    /* not JSON: the status says enough */
  }
  return new FhirRequestError({
    kind: kindForStatus(response.status),
    status: response.status,
    url,
    method,
    outcome,
    emptyBody,
  });
}
