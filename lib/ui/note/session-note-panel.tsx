'use client';
/**
 * The panel wired to the runtime configuration: what the workspace page mounts.
 *
 * Kept apart from {@link NotePanel} so the panel itself stays a props-only component (tested without a config
 * provider), and the page needs one line: `renderNotePanel={(c) => <SessionNotePanel session={…} draftScope={…} {...c} />}`.
 */
import { useClientConfig } from '../../config/context';
import { NotePanel, type NotePanelProps } from './note-panel';

export type SessionNotePanelProps = Omit<NotePanelProps, 'config'>;

export function SessionNotePanel(props: SessionNotePanelProps) {
  const config = useClientConfig();
  return (
    <NotePanel
      {...props}
      config={{
        writebackProfile: config.writebackProfile,
        noteType: config.noteType,
        writeProvenance: config.writeProvenance,
        writeClinicalImpression: config.writeClinicalImpression,
      }}
    />
  );
}
