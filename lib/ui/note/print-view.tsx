'use client';
/**
 * The print view: what "Print / save as PDF" (or the browser's own print) puts on paper — the note exactly as it
 * will be filed, laid out as the note is (title, sections, closing line), under a patient banner that repeats on
 * every page, with page numbers (`app/note-print.css`). The patient advice is a second sheet, printed alone when
 * `body[data-print="advice"]`.
 *
 * Why a portal to `<body>`: the print stylesheet shows this one element and hides the rest of the page, so the
 * workspace's columns, sticky panels and collapsed lists can never push the note onto extra pages (issue 12: at most
 * two pages, A4 and Letter). On screen it is not displayed at all.
 *
 * Why the banner sits in a repeated table header: Chromium repeats a table's `thead` on every printed page, which
 * is the one reliable way to identify the patient on each page of a PDF without script or fixed positioning.
 */
import { useId, useSyncExternalStore, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ageInYears, formatDate } from '../../engine/format';
import type { PatientSummary } from '../types';
import { printBlocks } from './print-blocks';

export interface PrintViewProps {
  /** The note as it will be filed (the clinician's edit, or the generated text). */
  readonly text: string;
  readonly patient?: PatientSummary | undefined;
  /** Plain-language advice for the patient, in the engine's words. */
  readonly advice: readonly { readonly text: string }[];
  /** The assessment's clock, for the patient's age and the advice sheet's date. */
  readonly generatedAt: string;
  readonly timeZone?: string | undefined;
}

const SEX_WORDS: Readonly<Record<string, string>> = { male: 'Male', female: 'Female', other: 'Other' };

function PrintBanner({ patient, generatedAt }: { patient?: PatientSummary | undefined; generatedAt: string }) {
  if (!patient) return <p className="print-banner">Patient not identified</p>;
  const age = patient.deceased ? undefined : ageInYears(patient.birthDate, new Date(generatedAt));
  const parts = [
    patient.birthDate ? `Born ${formatDate(patient.birthDate)}${age !== undefined ? ` (${age} y)` : ''}` : undefined,
    patient.sex ? SEX_WORDS[patient.sex] : undefined,
    patient.identifier ? `MRN ${patient.identifier}` : undefined,
    patient.deceased ? 'Recorded as deceased' : undefined,
  ].filter((p): p is string => Boolean(p));
  return (
    <p className="print-banner">
      <strong>{patient.name}</strong>
      {parts.length ? ` · ${parts.join(' · ')}` : ''}
    </p>
  );
}

/** One printable sheet: the banner repeated on every page above its content. */
function Sheet(props: {
  className: string;
  labelledBy: string;
  patient?: PatientSummary | undefined;
  generatedAt: string;
  children: ReactNode;
}) {
  return (
    <article className={props.className} aria-labelledby={props.labelledBy}>
      <table role="presentation" className="print-frame">
        <thead>
          <tr>
            <td>
              <PrintBanner patient={props.patient} generatedAt={props.generatedAt} />
            </td>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{props.children}</td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}

const subscribeToNothing = () => () => {};
const isBrowser = () => true;
const isServer = () => false;

export function PrintView(props: PrintViewProps) {
  const ids = useId();
  // The portal target exists only in the browser; on the server (and while hydrating) nothing is rendered here.
  const inBrowser = useSyncExternalStore(subscribeToNothing, isBrowser, isServer);
  if (!inBrowser) return null;
  const host = document.body;
  const blocks = printBlocks(props.text);
  const noteTitleId = `${ids}-note`;
  const adviceTitleId = `${ids}-advice`;
  return createPortal(
    // On paper the workspace (and its <main>) is hidden, so the printed note is the page's main landmark; on screen
    // it is display:none and not exposed, so the workspace's <main> stays the only one.
    <main className="note-print-root" data-testid="print-view" aria-label="Printed note">
      <Sheet className="print-note" labelledBy={noteTitleId} patient={props.patient} generatedAt={props.generatedAt}>
        {blocks.map((b, i) => {
          const key = `${b.kind}-${i}`;
          if (b.kind === 'title') {
            return (
              <h1 key={key} id={noteTitleId} className="print-title">
                {b.text}
              </h1>
            );
          }
          if (b.kind === 'heading') {
            return (
              <h2 key={key} className="print-heading">
                {b.text}
              </h2>
            );
          }
          return (
            <p key={key} className={b.kind === 'footer' ? 'print-footer' : 'print-line'}>
              {b.text}
            </p>
          );
        })}
      </Sheet>
      <Sheet
        className="print-advice"
        labelledBy={adviceTitleId}
        patient={props.patient}
        generatedAt={props.generatedAt}
      >
        <h1 id={adviceTitleId} className="print-title">
          Advice for the patient
        </h1>
        {props.advice.length ? (
          props.advice.map((a) => (
            <p key={a.text} className="print-line">
              {a.text}
            </p>
          ))
        ) : (
          <p className="print-line">No written advice was prepared for this visit.</p>
        )}
        <p className="print-footer">Given on {formatDate(props.generatedAt, props.timeZone)}.</p>
      </Sheet>
    </main>,
    host,
  );
}
