/**
 * Saving the note as a react-query mutation.
 *
 * Why a mutation that only a click can start: writing to a chart is a clinical act. Nothing here runs on mount, in an
 * effect or on a re-render; `save()` is the only way in, and it refuses while a save is out or once the note is filed
 * (the button shows why). The duplicate guards themselves live in `lib/fhir/save-note.ts`; this hook adds the UI state.
 */
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { WriteBackProfile } from '../../fhir-mappings/write-back/profiles';
import type { WriteBackResources } from '../../fhir-mappings/write-back/build';
import type { FhirContext } from '../fhir/http';
import { readSavedNote, saveNote, type SavedNote, type SaveNoteError, type SaveNoteResult } from '../fhir/save-note';
import type { SmartSession } from '../fhir/session';
import { smartFhirContext } from '../fhir/smart';

export type SaveDisabledReason = 'no-write-scope' | 'saving' | 'saved';

/** Why the save button is disabled, in words for the button's description. */
export const SAVE_DISABLED_TEXT: Readonly<Record<SaveDisabledReason, string>> = {
  'no-write-scope':
    'Saving to the chart is not available: this launch was not granted permission to create clinical notes ' +
    '(a DocumentReference create scope such as patient/DocumentReference.c or user/DocumentReference.write). ' +
    'You can still copy, download or print the note.',
  saving: 'Saving…',
  saved: 'This note is already in the chart.',
};

export interface UseSaveNoteParams {
  readonly session: Pick<SmartSession, 'serverUrl' | 'patientId' | 'capabilities'>;
  readonly assessmentId: string;
  /** The FHIR context (authorisation, fetch); default: the SMART session's. Injected in tests. */
  readonly fhirContext?: () => Promise<FhirContext>;
  /** Called once after a successful save (e.g. to clear the form draft). */
  readonly onSaved?: (note: SavedNote) => void;
}

export interface SaveNoteVariables {
  /** Built at click time (its date is the moment of filing). */
  readonly resources: WriteBackResources;
  readonly profile: WriteBackProfile;
}

export interface UseSaveNote {
  /** Starts a save; ignored while disabled. Call only from a click handler. */
  save(variables: SaveNoteVariables): void;
  readonly isSaving: boolean;
  /** The filed note, from this save or from the local record (a reload after saving). */
  readonly saved?: SavedNote;
  readonly error?: SaveNoteError;
  readonly disabledReason?: SaveDisabledReason;
}

export function useSaveNote(params: UseSaveNoteParams): UseSaveNote {
  const { session, assessmentId, onSaved } = params;
  const fhirContext = params.fhirContext ?? (() => smartFhirContext());
  // Reading the local record is not a write: it only tells the UI a reload happened after filing.
  const [savedState, setSaved] = useState<{ id: string; note: SavedNote | undefined }>(() => ({
    id: assessmentId,
    note: readSavedNote(session.serverUrl, assessmentId),
  }));
  const saved = savedState.id === assessmentId ? savedState.note : readSavedNote(session.serverUrl, assessmentId);

  const mutation = useMutation<SaveNoteResult, Error, SaveNoteVariables>({
    mutationKey: ['nocturne', 'save-note', session.serverUrl, assessmentId],
    mutationFn: async ({ resources, profile }) =>
      saveNote({ ctx: await fhirContext(), assessmentId, patientId: session.patientId, resources, profile }),
    onSuccess: (result) => {
      if (result.status === 'saved') {
        setSaved({ id: assessmentId, note: result.note });
        onSaved?.(result.note);
      }
    },
  });

  const disabledReason: SaveDisabledReason | undefined = saved
    ? 'saved'
    : mutation.isPending
      ? 'saving'
      : !session.capabilities.createDocumentReference
        ? 'no-write-scope'
        : undefined;

  const { mutate } = mutation;
  const save = useCallback(
    (variables: SaveNoteVariables) => {
      if (disabledReason) return;
      mutate(variables);
    },
    [disabledReason, mutate],
  );

  const result = mutation.data;
  const error: SaveNoteError | undefined =
    result?.status === 'failed'
      ? result.error
      : mutation.error
        ? {
            kind: 'network',
            status: 0,
            message: 'The note could not be sent: the EHR session is not available in this tab.',
            action: 'Your note text is kept here. Relaunch Nocturne from the EHR, then click Save note again.',
            retryable: false,
            issues: [],
          }
        : undefined;

  return {
    save,
    isSaving: mutation.isPending,
    ...(saved ? { saved } : {}),
    ...(error && !saved ? { error } : {}),
    ...(disabledReason ? { disabledReason } : {}),
  };
}
