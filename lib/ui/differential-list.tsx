'use client';
/**
 * The live differential: ranked candidates with likelihood in words, a one-line "why", expandable evidence for
 * and against (each item marked chart or form), the scores a clinician would quote, and "what would change this".
 */
import { useState } from 'react';
import type { DifferentialItem, IrlssgScore, Likelihood, MissingData, WellsScore } from '../engine/assessment';
import { EvidenceList } from './evidence-item';
import { formatPoints } from '../engine/format';
import { LIKELIHOOD_WORDS } from './labels';
import { questionAnchor } from './symptom-form';

const LIKELIHOOD_LEVEL: Record<Likelihood, number> = { high: 4, moderate: 3, low: 2, unlikely: 1 };

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

function LikelihoodBadge({ likelihood }: { likelihood: Likelihood }) {
  const level = LIKELIHOOD_LEVEL[likelihood];
  return (
    <span className={`likelihood likelihood-${likelihood}`}>
      <span className="meter" aria-hidden="true">
        {[1, 2, 3, 4].map((i) => (
          <span key={i} className={i <= level ? 'meter-on' : 'meter-off'} />
        ))}
      </span>
      {LIKELIHOOD_WORDS[likelihood]}
    </span>
  );
}

/**
 * "Pedal pulses (exam.pedalPulses)" → "Pedal pulses", linked to that question on the form: the engine names the
 * form field so the clinician can jump straight to the answer that would change the ranking.
 */
function missingLabel(concept: string): { label: string; anchor?: string } {
  const m = /^(.*?)\s*\(([A-Za-z]+(?:\.[A-Za-z]+)?)\)$/.exec(concept);
  const anchor = m?.[2] ? questionAnchor(m[2]) : undefined;
  return m?.[1] && anchor ? { label: m[1], anchor } : { label: concept };
}

function MissingList({ missing }: { missing: readonly MissingData[] }) {
  if (missing.length === 0) return null;
  return (
    <div className="missing">
      <span className="label-inline">What would change this:</span>
      <ul>
        {missing.map((m) => {
          const { label, anchor } = missingLabel(m.concept);
          return (
            <li key={m.concept}>
              {anchor ? (
                <a href={`#${anchor}`} className="missing-link">
                  <strong>{label}</strong>
                </a>
              ) : (
                <strong>{label}</strong>
              )}{' '}
              — {m.why}
            </li>
          );
        })}
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
}: {
  item: DifferentialItem;
  rank: number;
  now: Date;
  wells: WellsScore | null;
  irlssg: IrlssgScore | null;
}) {
  const [open, setOpen] = useState(false);
  const bodyId = `dx-${item.id}-evidence`;
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
        <LikelihoodBadge likelihood={item.likelihood} />
      </div>
      <p className="why">{item.summary}</p>
      {item.id === 'deep-vein-thrombosis' && wells ? <WellsDetail wells={wells} /> : null}
      {item.id === 'restless-legs-syndrome' && irlssg ? <IrlssgDetail irlssg={irlssg} /> : null}
      <button
        type="button"
        className="button button-small button-quiet disclosure"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Hide' : 'Show'} evidence ({item.supporting.length} for, {item.opposing.length} against)
      </button>
      <div id={bodyId} className="candidate-evidence print-expand" hidden={!open}>
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
      </div>
      <MissingList missing={item.missing} />
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
  return (
    <section className="panel differential" aria-labelledby="dx-title">
      <h2 id="dx-title" className="panel-title">
        Differential <span className="muted small no-print">— updates as you answer</span>
      </h2>
      {differential.length === 0 ? (
        <p className="muted">No candidate scores yet: record the story and exam to rank the differential.</p>
      ) : (
        <ol className="candidates">
          {differential.map((item, i) => (
            <Candidate key={item.id} item={item} rank={i + 1} now={now} wells={wells} irlssg={irlssg} />
          ))}
        </ol>
      )}
    </section>
  );
}
