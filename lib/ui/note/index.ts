export { NotePanel, type NotePanelProps, type NoteWriteConfig } from './note-panel';
export {
  loadNoteDraft,
  noteDraftKey,
  startNewNoteDraft,
  writeNoteDraft,
  type NoteDraft,
  type NoteEdit,
} from './note-draft';
export { copyNoteText, downloadNoteText, noteFileName, printNote } from './note-actions';
export { SessionNotePanel, type SessionNotePanelProps } from './session-note-panel';
