/**
 * D-dimer: which result answers today's DVT question, whether it is positive, and when a negative result cannot
 * exclude DVT for this patient.
 *
 * Why its own module: the Wells pathway, the scoring rules, the workup planner and missing data all ask the same
 * three questions and must answer them identically.
 */
import type { EvalContext, LabValue } from './context';
import { ageInDays } from './context';
import { D_DIMER_WINDOW_DAYS, D_DIMER_UNRELIABLE_AFTER_SURGERY_DAYS, LAB_CUTOFFS } from './thresholds';

/** A D-dimer drawn within the window (this episode), or undefined. */
export function recentDDimer(ctx: EvalContext): LabValue | undefined {
  const d = ctx.labs.get('d-dimer');
  return d && d.ageDays <= D_DIMER_WINDOW_DAYS && d.ageDays >= -1 ? d : undefined;
}

/** Above the lab's own upper limit (or flag) when given, else above the FEU default cut-off. */
export function dDimerPositive(d: LabValue): boolean {
  const f = d.fact;
  if (f.interpretation === 'high' || f.interpretation === 'abnormal') return true;
  if (f.interpretation === 'normal' || f.interpretation === 'low') return false;
  const cutoff = f.referenceRange?.high ?? LAB_CUTOFFS.dDimerFeuCutoff;
  return f.value >= cutoff;
}

export function recentDDimerResult(ctx: EvalContext): { lab: LabValue; positive: boolean } | undefined {
  const d = recentDDimer(ctx);
  return d ? { lab: d, positive: dDimerPositive(d) } : undefined;
}

/**
 * The patient is on anticoagulation now: the form (or the chart's active prescription) says so and the clinician
 * has not recorded that it was stopped.
 */
export function anticoagulated(ctx: EvalContext): boolean {
  const h = ctx.form.history;
  return h?.onAnticoagulant === true && h.anticoagulantAdherence !== 'stopped';
}

/**
 * Why a negative D-dimer cannot exclude DVT for this patient (reference §0b, ASH 2018, NICE NG158): therapeutic
 * anticoagulation lowers it (false negatives); pregnancy, recent surgery and active cancer raise it and were
 * excluded from or under-represented in the studies that validated "Wells ≤ 1 + negative D-dimer". Empty when
 * none applies. Each reason is in clinician words.
 */
export function dDimerUnreliableReasons(ctx: EvalContext): string[] {
  const out: string[] = [];
  const h = ctx.form.history;
  if (anticoagulated(ctx)) out.push('the patient is anticoagulated');
  if (h?.pregnantOrPostpartum === true || h?.pregnancyStage !== undefined)
    out.push('pregnancy or the postpartum period');
  if (h?.activeCancer === true) out.push('active cancer');
  if (h?.recentSurgeryOrBedRest === true) {
    out.push('recent major surgery or bed rest');
    return out;
  }
  for (const e of ctx.events) {
    if (e.kind !== 'surgery' || e.surgeryClass !== 'major') continue;
    const age = ageInDays(e.date, ctx.nowMs);
    if (age >= -1 && age <= D_DIMER_UNRELIABLE_AFTER_SURGERY_DAYS) {
      out.push(`surgery in the last ${Math.round(D_DIMER_UNRELIABLE_AFTER_SURGERY_DAYS / 7)} weeks`);
      break;
    }
  }
  return out;
}
