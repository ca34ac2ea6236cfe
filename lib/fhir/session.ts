/**
 * The SMART session as the rest of the app sees it: parsed from fhirclient's stored state after `ready()`, plain
 * data (safe to keep in react-query), and never containing a token.
 *
 * Why a hand-written guard and not zod: the session is read before the workspace can render anything, so this
 * module is in the workspace page's first-load JavaScript; zod would add tens of kB there (≈ 35 kB gzipped as classic
 * zod, its core as `zod/mini` still ≈ 57 kB minified) for a dozen fields.
 */
import type { RecordType as ChartSection } from '../core/records';
import { parseGrantedScopes } from './scopes';

export const CHART_SECTIONS: readonly ChartSection[] = [
  'Patient',
  'Condition',
  'Observation',
  'MedicationRequest',
  'Procedure',
  'Encounter',
];

export interface SessionCapabilities {
  /** Per chart section: can the app read/search it, as granted. `partial` = a v2 granular (restricted) scope. */
  readonly read: Readonly<Record<ChartSection, 'full' | 'partial' | 'none'>>;
  readonly createDocumentReference: boolean;
  readonly createProvenance: boolean;
  readonly createClinicalImpression: boolean;
}

export interface SmartSession {
  /** FHIR base URL (the launch's `iss`, as fhirclient stored it). */
  readonly serverUrl: string;
  readonly patientId: string;
  readonly encounterId?: string;
  /** e.g. `Practitioner/123`, from the id_token. */
  readonly fhirUser?: string;
  readonly grantedScopes: readonly string[];
  readonly capabilities: SessionCapabilities;
  /** SMART `need_patient_banner`: when false the EHR already shows whose chart this is. Default true. */
  readonly needPatientBanner: boolean;
  /** Access token expiry, epoch seconds (absent when the server did not say). */
  readonly expiresAt?: number;
  /** Whether a refresh token lets the session outlive the access token. */
  readonly canRefresh: boolean;
  /** Optional SMART style URL / intent, passed through for the UI. */
  readonly intent?: string;
}

export type SessionState =
  | { readonly status: 'active'; readonly session: SmartSession }
  /** Opened directly, or the tab lost its session: relaunch from the EHR. */
  | { readonly status: 'no-session'; readonly message: string }
  /** The access token expired and cannot be refreshed: relaunch from the EHR. */
  | { readonly status: 'expired'; readonly message: string }
  /**
   * The authorisation server refused or the code exchange failed. `launch` says how this tab's launch began, when
   * known: what to do next differs (an EHR launch is repeated from the chart; a standalone one from its link).
   */
  | { readonly status: 'error'; readonly message: string; readonly launch?: 'ehr' | 'standalone' };

/** A FHIR id after trimming (`[A-Za-z0-9\-.]{1,64}`), or null. */
function idLike(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return /^[A-Za-z0-9\-.]{1,64}$/.test(trimmed) ? trimmed : null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * An absolute URL, trimmed, with the tabs and line breaks the URL parser would ignore removed (so the stored value
 * is the one that was checked), or null.
 */
function absoluteUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  try {
    new URL(trimmed);
  } catch {
    return null;
  }
  return trimmed.replace(/[\t\n\r]/g, '');
}

function bannerFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

interface StoredState {
  readonly serverUrl: string;
  readonly expiresAt?: number;
  readonly tokenResponse: {
    readonly refresh_token?: string;
    readonly scope?: string;
    readonly patient?: string;
    readonly encounter?: string;
    readonly need_patient_banner?: boolean;
    readonly intent?: string;
  };
}

/**
 * fhirclient's stored state → the fields we use. Strict where a wrong value changes whose chart is read (a token
 * must be present; a `patient` that is present must be a FHIR id), lenient elsewhere (a malformed optional field is
 * treated as absent). `tokenProblem`: the token response itself is missing or unusable (= no session in this tab);
 * otherwise the launch context is broken (bad `serverUrl`, or not an object at all).
 */
function parseStoredState(state: unknown): { ok: true; data: StoredState } | { ok: false; tokenProblem: boolean } {
  if (!isRecord(state)) return { ok: false, tokenProblem: false };
  const t = state.tokenResponse;
  const patient = isRecord(t) ? t.patient : undefined;
  const tokenOk =
    isRecord(t) &&
    typeof t.access_token === 'string' &&
    t.access_token.length > 0 &&
    (patient === undefined || idLike(patient) !== null);
  if (!tokenOk) return { ok: false, tokenProblem: true };
  const serverUrl = absoluteUrl(state.serverUrl);
  if (serverUrl === null) return { ok: false, tokenProblem: false };
  const expiresAt =
    typeof state.expiresAt === 'number' && Number.isFinite(state.expiresAt) ? state.expiresAt : undefined;
  const encounter = idLike(t.encounter) ?? undefined;
  const refreshToken = optionalString(t.refresh_token);
  const scope = optionalString(t.scope);
  const intent = optionalString(t.intent);
  const banner = bannerFlag(t.need_patient_banner);
  const patientId = patient === undefined ? undefined : (idLike(patient) ?? undefined);
  return {
    ok: true,
    data: {
      serverUrl,
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      tokenResponse: {
        ...(refreshToken !== undefined ? { refresh_token: refreshToken } : {}),
        ...(scope !== undefined ? { scope } : {}),
        ...(patientId !== undefined ? { patient: patientId } : {}),
        ...(encounter !== undefined ? { encounter } : {}),
        ...(banner !== undefined ? { need_patient_banner: banner } : {}),
        ...(intent !== undefined ? { intent } : {}),
      },
    },
  };
}

/**
 * Parses fhirclient's client state into a {@link SessionState}. `fhirUser` is passed separately because
 * fhirclient decodes it from the id_token.
 */
export function parseSessionState(
  state: unknown,
  fhirUser: string | null | undefined,
  nowSeconds: number,
): SessionState {
  const parsed = parseStoredState(state);
  if (!parsed.ok) {
    return parsed.tokenProblem
      ? { status: 'no-session', message: 'This tab has no active EHR session.' }
      : { status: 'error', message: 'The EHR returned a launch context Nocturne cannot use.' };
  }
  const { serverUrl, expiresAt, tokenResponse: t } = parsed.data;
  if (!t.patient) {
    return {
      status: 'error',
      message: 'The EHR did not provide a patient for this launch. Launch Nocturne from a patient’s chart.',
    };
  }
  const canRefresh = Boolean(t.refresh_token);
  if (expiresAt !== undefined && expiresAt <= nowSeconds && !canRefresh) {
    return { status: 'expired', message: 'The EHR session has expired.' };
  }
  const caps = parseGrantedScopes(t.scope);
  const read = Object.fromEntries(CHART_SECTIONS.map((s) => [s, caps.read(s)])) as Record<
    ChartSection,
    'full' | 'partial' | 'none'
  >;
  const fhirUserRef =
    fhirUser && /^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(fhirUser.split('/').slice(-2).join('/'))
      ? fhirUser.split('/').slice(-2).join('/')
      : undefined;
  return {
    status: 'active',
    session: {
      serverUrl: serverUrl.replace(/\/+$/, ''),
      patientId: t.patient,
      ...(t.encounter ? { encounterId: t.encounter } : {}),
      ...(fhirUserRef ? { fhirUser: fhirUserRef } : {}),
      grantedScopes: caps.granted,
      capabilities: {
        read,
        createDocumentReference: caps.create('DocumentReference'),
        createProvenance: caps.create('Provenance'),
        createClinicalImpression: caps.create('ClinicalImpression'),
      },
      needPatientBanner: t.need_patient_banner ?? true,
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      canRefresh,
      ...(t.intent ? { intent: t.intent } : {}),
    },
  };
}
