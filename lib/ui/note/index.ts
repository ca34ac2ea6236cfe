export { NotePanel, type NotePanelProps, type NoteWriteConfig } from './note-panel';
export { copyNoteText, downloadNoteText, noteFileName, printNote } from './note-actions';
export { SessionNotePanel, type SessionNotePanelProps } from './session-note-panel';
