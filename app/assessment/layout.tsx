import type { ReactNode } from 'react';
import '../globals.css';

/** The workspace route: the SMART redirect URI. Styles are global (one small sheet, no external fonts). */
export default function AssessmentLayout({ children }: { children: ReactNode }) {
  return children;
}
