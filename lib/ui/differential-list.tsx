'use client';
/**
 * The live differential in full: every candidate the engine ranked, the findings that carry each, the evidence for
 * and against one click away, the scores a clinician would quote (Wells, IRLSSG), and — once, for the leading
 * candidates — what would change the picture, each item a link to the question that answers it.
 *
 * Candidates ranked "unlikely" are folded into one line: they were considered (and stay one click away), but a list
 * of "unlikely"s buries the ones that matter.
 */
import { useState } from 'react';
import { useAfterFirstCommit } from './after-first-commit';
import type { ChartSection } from '../engine/facts';
import type { DifferentialItem, IrlssgScore, MissingData, WellsScore } from '../engine/assessment';
import { capitalise, formatPoints } from '../engine/format';
import { CONDITION_PHRASES } from '../engine/labels';
import { EvidenceList } from './evidence-item';
import { findingPhrase, joinAnd, leadingFindings } from './evidence-text';
import { QuestionLink } from './form-navigation';
import { SECTION_WORDS } from './labels';
import { LikelihoodMeter } from './likelihood';

/**
 * "Wells 3 — DVT likely (two-level); high (three-level)", as a clinician writes it. When unrecorded items could
 * still make DVT likely, the score is incomplete and no "unlikely" band is printed: unknown is not normal.
 */
export function describeWells(wells: WellsScore): string {
  const points = wells.points < 0 ? formatPoints(wells.points) : String(wells.points);
  if (wells.complete === false) {
    return `Wells ${points} so far — incomplete: ${wells.unknownItems} item${wells.unknownItems === 1 ? '' : 's'} unknown, could reach ${wells.maxPossible ?? '≥ 2'} (DVT likely at ≥ 2)`;
  }
  return `Wells ${points} — DVT ${wells.band} (two-level); ${wells.threeLevel} (three-level)`;
}

/** "IRLSSG 4 of 5 criteria met (1 not recorded)" or "IRLSSG: all 5 criteria met". */
export function describeIrlssg(irlssg: IrlssgScore): string {
  if (irlssg.allMet) return `IRLSSG: all ${irlssg.of} criteria met`;
  const unknown = irlssg.items.filter((i) => i.met === null).length;
  return `IRLSSG ${irlssg.criteriaMet} of ${irlssg.of} criteria met${unknown > 0 ? ` (${unknown} not recorded)` : ''}`;
}

const SECTION_ITEM = /^Chart section: (\w+)$/;

/** A missing item in clinician words: "Foot pulses of the symptomatic leg (exam.pulsesRight)" → without the path. */
export function missingText(m: MissingData): string {
  const section = SECTION_ITEM.exec(m.concept)?.[1] as ChartSection | undefined;
  if (section && section in SECTION_WORDS) return `Chart ${SECTION_WORDS[section]} not loaded`;
  return m.concept.replace(/\s*\([A-Za-z]+(?:\.[A-Za-z]+)?\)$/, '');
}

/**
 * What would change the picture, once for the leading candidates: their missing items merged (first occurrence
 * wins, so the engine's order — failed chart sections, red-flag answers, key questions, tests — is kept).
 */
export function whatWouldChange(candidates: readonly DifferentialItem[], limit = 6): MissingData[] {
  const seen = new Set<string>();
  const out: MissingData[] = [];
  for (const d of candidates) {
    for (const m of d.missing) {
      const key = m.paths?.[0] ?? missingText(m);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
  }
  return out.slice(0, limit);
}

function WhatWouldChange({ leading }: { leading: readonly DifferentialItem[] }) {
  const items = whatWouldChange(leading);
  if (items.length === 0) return null;
  const names = joinAnd(leading.map((d) => CONDITION_PHRASES[d.id]));
  return (
    <div className="missing" data-testid="what-would-change">
      <h3 className="block-title">What would change this</h3>
      <p className="muted small">For {names}:</p>
      <ul>
        {items.map((m) => (
          <li key={m.concept}>
            {m.paths?.[0] ? (
              <QuestionLink path={m.paths[0]}>
                <strong>{missingText(m)}</strong>
              </QuestionLink>
            ) : (
              <strong>{missingText(m)}</strong>
            )}{' '}
            <span className="missing-why">— {m.why}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function WellsDetail({ wells }: { wells: WellsScore }) {
  return (
    <div className="score-box" data-testid="wells">
      <p className="score-line">{describeWells(wells)}</p>
      {wells.unknownItems > 0 ? (
        <p className="muted small">
          {wells.unknownItems} item{wells.unknownItems === 1 ? '' : 's'} not recorded (counted as 0): the true score may
          be higher.
        </p>
      ) : null}
      <p className="small">
        <span className="label-inline">Next step:</span> {wells.pathway}
      </p>
    </div>
  );
}

function IrlssgDetail({ irlssg }: { irlssg: IrlssgScore }) {
  return (
    <div className="score-box" data-testid="irlssg">
      <p className="score-line">{describeIrlssg(irlssg)}</p>
      <ul className="criteria">
        {irlssg.items.map((item) => (
          <li
            key={item.id}
            className={`criterion criterion-${item.met === null ? 'unknown' : item.met ? 'met' : 'unmet'}`}
          >
            <span className="criterion-state">{item.met === null ? 'Unknown' : item.met ? 'Met' : 'Not met'}</span>{' '}
            {item.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Candidate({
  item,
  rank,
  now,
  wells,
  irlssg,
  detailsReady,
}: {
  item: DifferentialItem;
  rank: number;
  now: Date;
  wells: WellsScore | null;
  irlssg: IrlssgScore | null;
  /** The hidden evidence may be rendered (for print) — after the list's first commit; at once when opened. */
  detailsReady: boolean;
}) {
  const [open, setOpen] = useState(false);
  const bodyId = `dx-${item.id}-evidence`;
  const findings = leadingFindings(item.supporting, 3, 'weight').map(findingPhrase);
  return (
    <li className={`candidate candidate-${item.likelihood}`} data-testid={`candidate-${item.id}`} data-rank={rank}>
      <div className="candidate-head">
        <span className="rank" aria-hidden="true">
          {rank}
        </span>
        <h3 className="candidate-title">
          <span className="sr-only">Rank {rank}: </span>
          {item.label}
        </h3>
        <LikelihoodMeter likelihood={item.likelihood} />
      </div>
      <p className="why">
        {findings.length > 0
          ? `${capitalise(joinAnd(findings))}.`
          : item.opposing.length > 0
            ? 'Nothing recorded for it so far.'
            : 'Nothing recorded for or against yet: unknown, not excluded.'}
      </p>
      {item.id === 'deep-vein-thrombosis' && wells ? <WellsDetail wells={wells} /> : null}
      {item.id === 'restless-legs-syndrome' && irlssg ? <IrlssgDetail irlssg={irlssg} /> : null}
      {item.supporting.length + item.opposing.length > 0 ? (
        <button
          type="button"
          className="button button-small button-quiet disclosure"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide' : 'Show'} evidence ({item.supporting.length} for, {item.opposing.length} against)
        </button>
      ) : null}
      <div id={bodyId} className="candidate-evidence print-expand" hidden={!open}>
        {open || detailsReady ? (
          <div className="evidence-columns">
            <div>
              <h4 className="evidence-heading evidence-for">For</h4>
              <EvidenceList items={item.supporting} now={now} empty="Nothing recorded for." />
            </div>
            <div>
              <h4 className="evidence-heading evidence-against">Against</h4>
              <EvidenceList items={item.opposing} now={now} empty="Nothing recorded against." />
            </div>
          </div>
        ) : null}
      </div>
    </li>
  );
}

export function DifferentialList({
  differential,
  wells,
  irlssg,
  now,
}: {
  differential: readonly DifferentialItem[];
  wells: WellsScore | null;
  irlssg: IrlssgScore | null;
  now: Date;
}) {
  const [showUnlikely, setShowUnlikely] = useState(false);
  // Hidden until asked for, but in the page for printing: rendered just after the first commit, not in it (issue 13).
  const detailsReady = useAfterFirstCommit();
  const ranked = differential.filter((d) => d.likelihood !== 'unlikely');
  const unlikely = differential.filter((d) => d.likelihood === 'unlikely');
  // "What would change this" is for the candidates a clinician is weighing: the ranked ones, else the first two.
  const leading = (ranked.length > 0 ? ranked : differential).slice(0, ranked.length > 0 ? 3 : 2);
  const unlikelyId = 'dx-unlikely';
  return (
    <section className="panel differential" aria-labelledby="dx-title">
      <h2 id="dx-title" className="panel-title">
        Differential <span className="muted small no-print">— updates as you answer</span>
      </h2>
      {differential.length === 0 ? (
        <p className="muted">No candidate scores yet: record the story and exam to rank the differential.</p>
      ) : (
        <>
          {ranked.length === 0 ? (
            <p className="muted">Nothing ranks above unlikely yet: record the story and the exam.</p>
          ) : (
            <ol className="candidates">
              {ranked.map((item, i) => (
                <Candidate
                  key={item.id}
                  item={item}
                  rank={i + 1}
                  now={now}
                  wells={wells}
                  irlssg={irlssg}
                  detailsReady={detailsReady}
                />
              ))}
            </ol>
          )}
          {unlikely.length > 0 ? (
            <div className="unlikely">
              <button
                type="button"
                className="button button-small button-quiet disclosure"
                aria-expanded={showUnlikely}
                aria-controls={unlikelyId}
                onClick={() => setShowUnlikely((o) => !o)}
              >
                {showUnlikely ? 'Hide' : 'Show'} {unlikely.length} ranked unlikely
              </button>
              <ol id={unlikelyId} className="candidates print-expand" start={ranked.length + 1} hidden={!showUnlikely}>
                {(showUnlikely || detailsReady ? unlikely : []).map((item, i) => (
                  <Candidate
                    key={item.id}
                    item={item}
                    rank={ranked.length + i + 1}
                    now={now}
                    wells={wells}
                    irlssg={irlssg}
                    detailsReady={detailsReady}
                  />
                ))}
              </ol>
            </div>
          ) : null}
          <WhatWouldChange leading={leading} />
        </>
      )}
    </section>
  );
}
