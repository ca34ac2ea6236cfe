/**
 * Chart facts for the case library, dated relative to the injected clock.
 *
 * Facts are written at the engine's level (not as FHIR) so a case states the clinical picture in a few words;
 * cases that need the FHIR path use a persona instead. Every fact has a reference and a date, as mapped facts do.
 */
import type {
  CareEventFact,
  ChartFacts,
  ConditionConcept,
  ConditionFact,
  LabConcept,
  MedicationClass,
  MedicationFact,
  ObservationFact,
  PatientFact,
  Side,
  SmokingFact,
  VascularConcept,
} from '@/lib/engine/facts';
import { CANONICAL_UNITS, EMPTY_FACTS } from '@/lib/engine/facts';

/** The case library's clock. */
export const CASE_NOW = new Date('2026-12-10T10:00:00Z');

const DAY_MS = 86_400_000;

/** A fact builder needs the clock and a unique id; `Part`s are turned into facts by {@link chart}. */
type Part = (now: Date, id: string) => Partial<Record<keyof ChartFacts, unknown>>;

function ago(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** An active (or history) problem-list entry, begun `days` ago. */
export function cond(
  concept: ConditionConcept,
  opts: { status?: 'active' | 'history'; label?: string; days?: number; side?: Side | 'bilateral' } = {},
): Part {
  return (now, id) => {
    const onset = ago(now, opts.days ?? 400);
    const fact: ConditionFact = {
      concept,
      status: opts.status ?? 'active',
      label: opts.label ?? concept.replace(/-/g, ' '),
      onset,
      ...(opts.side ? { side: opts.side } : {}),
      provenance: { reference: `Condition/${id}`, date: onset },
    };
    return { conditions: [fact] };
  };
}

/** A lab or vital sign, `days` old. */
export function lab(
  concept: LabConcept,
  value: number,
  opts: { days?: number; interpretation?: ObservationFact['interpretation']; high?: number } = {},
): Part {
  return (now, id) => {
    const date = ago(now, opts.days ?? 5);
    const fact: ObservationFact = {
      concept,
      value,
      unit: CANONICAL_UNITS[concept],
      date,
      ...(opts.interpretation ? { interpretation: opts.interpretation } : {}),
      ...(opts.high !== undefined ? { referenceRange: { high: opts.high } } : {}),
      provenance: { reference: `Observation/${id}`, date },
    };
    return { observations: [fact] };
  };
}

/** A vascular measurement of one leg (or of no recorded leg when `side` is omitted). */
export function vascular(concept: VascularConcept, value: number, opts: { side?: Side; days?: number } = {}): Part {
  return (now, id) => {
    const date = ago(now, opts.days ?? 10);
    const fact: ObservationFact = {
      concept,
      value,
      unit: CANONICAL_UNITS[concept],
      date,
      ...(opts.side ? { side: opts.side } : {}),
      provenance: { reference: `Observation/${id}`, date },
    };
    return { observations: [fact] };
  };
}

export const abi = (side: Side, value: number, days = 10) => vascular('abi', value, { side, days });

/** An active (or stopped) prescription. */
export function med(medClass: MedicationClass, label: string, opts: { stopped?: boolean; days?: number } = {}): Part {
  return (now, id) => {
    const date = ago(now, opts.days ?? 200);
    const fact: MedicationFact = {
      medClass,
      label,
      status: opts.stopped ? 'stopped' : 'active',
      date,
      provenance: { reference: `MedicationRequest/${id}`, date },
    };
    return { medications: [fact] };
  };
}

/** A surgical procedure `days` ago; `surgeryClass` as the mapper would classify it (omit when it cannot tell). */
export function surgery(days: number, label: string, surgeryClass?: 'major' | 'minor'): Part {
  return (now, id) => {
    const date = ago(now, days);
    const fact: CareEventFact = {
      kind: 'surgery',
      label,
      date,
      ...(surgeryClass ? { surgeryClass } : {}),
      provenance: { reference: `Procedure/${id}`, date },
    };
    return { events: [fact] };
  };
}

/** An inpatient stay that ended `days` ago and lasted `length` days (omit the length when the chart lacks it). */
export function stay(days: number, label: string, length?: number): Part {
  return (now, id) => {
    const date = ago(now, days);
    const fact: CareEventFact = {
      kind: 'inpatient-stay',
      label,
      date,
      ...(length !== undefined ? { days: length } : {}),
      provenance: { reference: `Encounter/${id}`, date },
    };
    return { events: [fact] };
  };
}

export function cast(days: number, label = 'Below-knee plaster cast'): Part {
  return (now, id) => {
    const date = ago(now, days);
    const fact: CareEventFact = {
      kind: 'immobilisation',
      label,
      date,
      provenance: { reference: `Procedure/${id}`, date },
    };
    return { events: [fact] };
  };
}

export function smoking(status: SmokingFact['status'], days = 60): Part {
  return (now, id) => {
    const date = ago(now, days);
    return { smoking: { status, date, provenance: { reference: `Observation/${id}`, date } } };
  };
}

/** The patient: `age` years old at the clock (born on 1 January); `deceasedYearsAgo` records a death that long ago. */
export function patient(age: number, sex: 'male' | 'female', opts: { deceasedYearsAgo?: number } = {}): Part {
  return (now) => {
    const fact: PatientFact = {
      birthDate: `${now.getUTCFullYear() - age}-01-01`,
      sex,
      ...(opts.deceasedYearsAgo !== undefined
        ? { deceased: { date: ago(now, opts.deceasedYearsAgo * 365.25).slice(0, 10) } }
        : {}),
      provenance: { reference: 'Patient/case' },
    };
    return { patient: fact };
  };
}

/** Assembles chart facts from parts (ids unique within the chart). */
export function chart(...parts: readonly Part[]): { readonly facts: (now: Date) => ChartFacts } {
  return {
    facts: (now) => {
      const out = {
        ...EMPTY_FACTS,
        conditions: [] as ConditionFact[],
        observations: [] as ObservationFact[],
        medications: [] as MedicationFact[],
        events: [] as CareEventFact[],
      } as {
        conditions: ConditionFact[];
        observations: ObservationFact[];
        medications: MedicationFact[];
        events: CareEventFact[];
        patient?: PatientFact;
        smoking?: SmokingFact;
      } & ChartFacts;
      parts.forEach((part, i) => {
        const p = part(now, `c${i + 1}`) as Partial<ChartFacts>;
        if (p.conditions) out.conditions.push(...p.conditions);
        if (p.observations) out.observations.push(...p.observations);
        if (p.medications) out.medications.push(...p.medications);
        if (p.events) out.events.push(...p.events);
        if (p.patient) out.patient = p.patient;
        if (p.smoking) out.smoking = p.smoking;
      });
      return out;
    },
  };
}

/** A persona's chart, through the real FHIR mappers. */
export const persona = (id: string) => ({ persona: id }) as const;
