/**
 * The SMART session as the rest of the app sees it: parsed with zod from fhirclient's stored state after
 * `ready()`, plain data (safe to keep in react-query), and never containing a token.
 */
import { z } from 'zod';
import type { ChartSection } from '../engine/facts';
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
  /** The authorisation server refused or the code exchange failed. */
  | { readonly status: 'error'; readonly message: string };

const idLike = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9\-.]{1,64}$/, 'is not a FHIR id');

const STORED_STATE = z.object({
  serverUrl: z.url(),
  expiresAt: z.number().optional().catch(undefined),
  tokenResponse: z.looseObject({
    access_token: z.string().min(1),
    refresh_token: z.string().optional().catch(undefined),
    scope: z.string().optional().catch(undefined),
    patient: idLike.optional(),
    encounter: idLike.optional().catch(undefined),
    need_patient_banner: z
      .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
      .optional()
      .catch(undefined),
    intent: z.string().optional().catch(undefined),
  }),
});

/**
 * Parses fhirclient's client state into a {@link SessionState}. `fhirUser` is passed separately because
 * fhirclient decodes it from the id_token.
 */
export function parseSessionState(
  state: unknown,
  fhirUser: string | null | undefined,
  nowSeconds: number,
): SessionState {
  const parsed = STORED_STATE.safeParse(state);
  if (!parsed.success) {
    const tokenMissing = parsed.error.issues.some(
      (i) => i.path.includes('access_token') || i.path.includes('tokenResponse'),
    );
    return tokenMissing
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
