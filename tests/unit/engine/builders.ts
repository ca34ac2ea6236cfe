/**
 * ChartFacts builders for engine tests. Facts are written directly (not via FHIR mappers) so these tests
 * exercise the engine alone; dates are relative to the injected clock `NOW`.
 */
import type {
  CareEventFact,
  ChartFacts,
  ConditionConcept,
  ConditionFact,
  MedicationClass,
  MedicationFact,
  ObservationConcept,
  ObservationFact,
  Side,
} from '@/lib/engine/facts';
import { CANONICAL_UNITS, EMPTY_FACTS } from '@/lib/engine/facts';
import { DAY_MS } from '@/lib/core/time';

export const NOW = new Date('2026-11-26T12:00:00Z');
export const OPTS = { now: NOW } as const;

let seq = 0;
const nextId = () => `t${++seq}`;

/** ISO date-time `days` before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * DAY_MS).toISOString();
}

export function condition(
  concept: ConditionConcept,
  opts: { status?: 'active' | 'history'; label?: string; onset?: string } = {},
): ConditionFact {
  const id = nextId();
  return {
    concept,
    status: opts.status ?? 'active',
    label: opts.label ?? concept,
    ...(opts.onset ? { onset: opts.onset } : {}),
    provenance: { reference: `Condition/${id}`, date: opts.onset ?? daysAgo(400) },
  };
}

export function obs(
  concept: ObservationConcept,
  value: number,
  opts: { side?: Side; ageDays?: number; interpretation?: ObservationFact['interpretation']; high?: number } = {},
): ObservationFact {
  const id = nextId();
  const date = daysAgo(opts.ageDays ?? 10);
  return {
    concept,
    value,
    unit: CANONICAL_UNITS[concept],
    date,
    ...(opts.side ? { side: opts.side } : {}),
    ...(opts.interpretation ? { interpretation: opts.interpretation } : {}),
    ...(opts.high !== undefined ? { referenceRange: { high: opts.high } } : {}),
    provenance: { reference: `Observation/${id}`, date },
  };
}

export function med(medClass: MedicationClass, label: string = medClass): MedicationFact {
  const id = nextId();
  return {
    medClass,
    label,
    status: 'active',
    date: daysAgo(100),
    provenance: { reference: `MedicationRequest/${id}` },
  };
}

/** A surgery, stay or cast `ageDays` ago; `extra` carries the surgery class or the length of stay the mapper derives. */
export function careEvent(
  kind: CareEventFact['kind'],
  ageDays: number,
  label: string = kind,
  extra: Pick<CareEventFact, 'surgeryClass' | 'days'> = {},
): CareEventFact {
  const id = nextId();
  const date = daysAgo(ageDays);
  return { kind, label, date, ...extra, provenance: { reference: `Procedure/${id}`, date } };
}

export function facts(parts: Partial<ChartFacts> = {}): ChartFacts {
  return { ...EMPTY_FACTS, ...parts };
}

/** Born `years` (and a bit) before NOW. */
export function patientAged(years: number): Pick<ChartFacts, 'patient'> {
  const y = NOW.getUTCFullYear() - years;
  return { patient: { birthDate: `${y}-01-15`, sex: 'female', provenance: { reference: 'Patient/p1' } } };
}
