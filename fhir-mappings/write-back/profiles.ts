/**
 * EHR write-back profiles: the per-vendor rules for filing the note as a DocumentReference.
 *
 * Why a table and not `if (vendor === …)` scattered through the builders: the vendor differences are
 * facts we looked up (reference §5.2 / §5.4) and will have to re-check; keeping them as reviewed data
 * in one place makes each one visible, testable and easy to change when a vendor's documentation moves.
 */

export const WRITE_BACK_PROFILE_IDS = ['us-core', 'epic', 'oracle', 'smart-sandbox'] as const;
export type WriteBackProfileId = (typeof WRITE_BACK_PROFILE_IDS)[number];

export type DocStatus = 'preliminary' | 'final' | 'amended';

/**
 * How the server is asked not to create a duplicate.
 * - `always`: send `If-None-Exist` (the server is known to support conditional create).
 * - `if-capable`: send it only when the server's CapabilityStatement declares `conditionalCreate` for
 *   DocumentReference; otherwise search by identifier before creating.
 * - `never`: the server is known not to support it (Epic): always search by identifier first.
 */
export type ConditionalCreateSupport = 'always' | 'if-capable' | 'never';

/** Who may be the note's author. */
export type AuthorRule =
  /** The launch's fhirUser when known; the note is still valid without one. */
  | 'fhir-user-if-known'
  /** Must be the logged-in Practitioner (Oracle Health provider persona). */
  | 'logged-in-practitioner';

export interface WriteBackProfile {
  readonly id: WriteBackProfileId;
  readonly label: string;
  /** `attachment.contentType` of the note body. */
  readonly contentType: 'text/plain' | 'text/plain;charset=utf-8';
  /** Default docStatus, and the values this profile accepts when the caller overrides it. */
  readonly docStatus: DocStatus;
  readonly allowedDocStatus: readonly DocStatus[];
  /** What docStatus means to the clinician, shown in the preview. */
  readonly docStatusNote: string;
  readonly encounterRequired: boolean;
  readonly authorRule: AuthorRule;
  /** `context.period.end` must be present (with a time). */
  readonly periodEndRequired: boolean;
  readonly conditionalCreate: ConditionalCreateSupport;
  /** ClinicalImpression companion may be written (FHIR-native servers only; no EHR offers it for create). */
  readonly clinicalImpression: boolean;
  /** Provenance companion may be written. */
  readonly provenance: boolean;
  /** Claim the US Core DocumentReference profile in `meta.profile`. */
  readonly claimUsCoreProfile: boolean;
  /** Where the rules come from, for reviewers. */
  readonly source: string;
}

export const WRITE_BACK_PROFILES: Readonly<Record<WriteBackProfileId, WriteBackProfile>> = {
  'us-core': {
    id: 'us-core',
    label: 'US Core',
    contentType: 'text/plain;charset=utf-8',
    docStatus: 'preliminary',
    allowedDocStatus: ['preliminary', 'final'],
    docStatusNote: 'Filed as preliminary: the clinician signs it off in the EHR.',
    encounterRequired: false,
    authorRule: 'fhir-user-if-known',
    periodEndRequired: false,
    conditionalCreate: 'if-capable',
    clinicalImpression: false,
    provenance: true,
    claimUsCoreProfile: true,
    source:
      'US Core DocumentReference profile (6.1–8): must-have status, type, category clinical-note, subject, content.',
  },
  epic: {
    id: 'epic',
    label: 'Epic',
    contentType: 'text/plain',
    docStatus: 'preliminary',
    allowedDocStatus: ['preliminary', 'final'],
    docStatusNote: 'Filed as preliminary: the note waits in Epic for the clinician to review and sign.',
    encounterRequired: true,
    authorRule: 'fhir-user-if-known',
    periodEndRequired: false,
    conditionalCreate: 'never',
    clinicalImpression: false,
    provenance: false,
    claimUsCoreProfile: true,
    source:
      'Epic DocumentReference.Create (Clinical Notes) R4, spec 1046 (secondary write-up; confirm on fhir.epic.com): ' +
      'existing encounter required, text/plain base64, no If-None-Exist, no Provenance create.',
  },
  oracle: {
    id: 'oracle',
    label: 'Oracle Health (Millennium)',
    contentType: 'text/plain;charset=utf-8',
    docStatus: 'final',
    allowedDocStatus: ['final'],
    docStatusNote: 'Filed as final: Oracle Health accepts only final notes from a provider.',
    encounterRequired: false,
    authorRule: 'logged-in-practitioner',
    periodEndRequired: true,
    conditionalCreate: 'if-capable',
    clinicalImpression: false,
    provenance: true,
    claimUsCoreProfile: true,
    source:
      'cerner/fhir.cerner.com lib/resources/r4/document_reference.yaml (2024): status current, docStatus final for ' +
      'providers, author = authorised Practitioner, one content, context.period.end with time, charset in MIME type.',
  },
  'smart-sandbox': {
    id: 'smart-sandbox',
    label: 'SMART sandbox',
    contentType: 'text/plain;charset=utf-8',
    docStatus: 'preliminary',
    allowedDocStatus: ['preliminary', 'final'],
    docStatusNote: 'Filed as preliminary (sandbox: nothing is signed).',
    encounterRequired: false,
    authorRule: 'fhir-user-if-known',
    periodEndRequired: false,
    conditionalCreate: 'always',
    clinicalImpression: true,
    provenance: true,
    claimUsCoreProfile: true,
    source: 'SMART launcher proxies writes unchanged to an open HAPI R4 server (supports conditional create).',
  },
};

export function isWriteBackProfileId(value: unknown): value is WriteBackProfileId {
  return typeof value === 'string' && (WRITE_BACK_PROFILE_IDS as readonly string[]).includes(value);
}

export function getWriteBackProfile(id: WriteBackProfileId): WriteBackProfile {
  return WRITE_BACK_PROFILES[id];
}
