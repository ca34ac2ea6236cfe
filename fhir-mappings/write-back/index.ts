/**
 * Write-back: Assessment → note text → DocumentReference (+ Provenance, ClinicalImpression), per EHR profile.
 * Browser-safe entry point; the validator (`./validate`) and the CLI adapter (`./cli`) are Node-only and imported
 * directly by tests and scripts.
 */
export {
  assessmentIdentifier,
  assessmentIdentifierToken,
  deriveAssessmentId,
  ensureAssessmentId,
  isAssessmentId,
  newAssessmentId,
  URI_IDENTIFIER_SYSTEM,
} from './assessment-id';
export {
  buildClinicalImpression,
  buildDocumentReference,
  buildProvenance,
  buildWriteBack,
  MAX_NOTE_BYTES,
  parseFhirUser,
  withProvenanceTarget,
  type BuildWriteBackInput,
  type ParsedFhirUser,
  type WriteBackContext,
  type WriteBackError,
  type WriteBackErrorCode,
  type WriteBackOptions,
  type WriteBackResources,
  type WriteBackResult,
} from './build';
export { base64ToUtf8, utf8ByteLength, utf8ToBase64 } from './encoding';
export {
  NOTE_SIZE_BUDGET_BYTES,
  NOTE_TITLE,
  renderNoteText,
  type NoteContext,
  type NotePatient,
  type RenderNoteInput,
} from './note-text';
export { DEFAULT_NOTE_TYPE, KNOWN_NOTE_TYPES, loincCheckDigitValid, noteTypeDisplay } from './note-types';
export {
  getWriteBackProfile,
  isWriteBackProfileId,
  WRITE_BACK_PROFILE_IDS,
  WRITE_BACK_PROFILES,
  type ConditionalCreateSupport,
  type DocStatus,
  type WriteBackProfile,
  type WriteBackProfileId,
} from './profiles';
