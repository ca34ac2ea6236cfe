/**
 * The personas themselves: well-formed FHIR, valid forms, relative dates, and full coverage of the
 * differential and red flags. The engine-facing checks live in `persona-assessments.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { Bundle, Encounter, FhirResource } from 'fhir/r4';
import { CONDITION_IDS, RED_FLAG_IDS } from '@/lib/engine/assessment';
import { formSchema } from '@/lib/form/schema';
import { getPersona, personas, synthea } from '@/mocks/personas';
import { loadSynthea } from '@/mocks/personas/synthea';
import { DAY_MS } from '@/lib/core/time';

const NOW = new Date('2026-03-10T09:30:00Z');

function resources(bundle: Bundle): FhirResource[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r): r is FhirResource => r !== undefined);
}

/** Every date-like string in a resource (ISO dates and instants). */
function datesIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => datesIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => datesIn(v, out));
  return out;
}

describe('personas', () => {
  it('have unique kebab-case ids, a name and a one-line story', () => {
    const ids = personas.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of personas) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.name).toMatch(/^\S+ \S+/);
      expect(p.story.length).toBeGreaterThan(20);
      expect(p.story).not.toContain('\n');
      expect(getPersona(p.id)).toBe(p);
    }
    expect(getPersona('no-such-persona')).toBeUndefined();
  });

  it('cover every condition of the differential and every red flag', () => {
    const covered = new Set(personas.flatMap((p) => p.covers));
    for (const id of [...CONDITION_IDS, ...RED_FLAG_IDS]) expect(covered, id).toContain(id);
    const expectedTops = new Set(personas.map((p) => p.expect?.top).filter(Boolean));
    for (const id of CONDITION_IDS) expect(expectedTops, `a persona expects ${id} on top`).toContain(id);
    const expectedFlags = new Set(personas.flatMap((p) => p.expect?.redFlags ?? []));
    for (const id of RED_FLAG_IDS) expect(expectedFlags, `a persona expects ${id}`).toContain(id);
  });

  it('have forms the clinician could submit (valid against the form schema)', () => {
    for (const p of personas) {
      const result = formSchema.safeParse(p.form);
      expect(result.success, `${p.id}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });

  it('never expect a red flag to be both present and absent', () => {
    for (const p of personas) {
      const present = new Set(p.expect?.redFlags ?? []);
      for (const absent of p.expect?.absentRedFlags ?? []) expect(present.has(absent), p.id).toBe(false);
    }
  });

  describe.each(personas.map((p) => [p.id, p] as const))('%s', (_id, persona) => {
    const bundle = persona.build(NOW);
    const all = resources(bundle);

    it('is a collection Bundle whose Patient id is the persona id', () => {
      expect(bundle.resourceType).toBe('Bundle');
      expect(bundle.type).toBe('collection');
      const patients = all.filter((r) => r.resourceType === 'Patient');
      expect(patients).toHaveLength(1);
      expect(patients[0]?.id).toBe(persona.id);
    });

    it('has unique resource ids and a fullUrl per entry', () => {
      const keys = all.map((r) => `${r.resourceType}/${r.id}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const e of bundle.entry ?? []) expect(e.fullUrl).toMatch(/^https:\/\//);
    });

    it('points every subject at its own Patient', () => {
      for (const r of all) {
        const subject = (r as { subject?: { reference?: string } }).subject;
        if (subject) expect(subject.reference).toBe(`Patient/${persona.id}`);
      }
    });

    it('dates everything relative to the injected clock, never in the future', () => {
      const later = persona.build(new Date(NOW.getTime() + 100 * DAY_MS));
      const datesNow = datesIn(all);
      const datesLater = datesIn(resources(later));
      expect(datesLater).toHaveLength(datesNow.length);
      datesNow.forEach((d, i) => {
        expect(Date.parse(d), d).toBeLessThanOrEqual(NOW.getTime());
        // Birth dates are day-precision; instants move by exactly 100 days.
        const shift = Date.parse(datesLater[i]!) - Date.parse(d);
        expect(Math.abs(shift - 100 * DAY_MS), `${d} → ${datesLater[i]}`).toBeLessThanOrEqual(DAY_MS);
      });
    });

    if (persona.id !== 'empty-chart') {
      it("has today's ambulatory encounter and a Practitioner for the launch context", () => {
        const encounters = all.filter((r): r is Encounter => r.resourceType === 'Encounter' && r.class.code === 'AMB');
        expect(encounters).toHaveLength(1);
        expect(encounters[0]?.period?.start?.slice(0, 10)).toBe(
          new Date(NOW.getTime() - 20 * 60_000).toISOString().slice(0, 10),
        );
        expect(all.some((r) => r.resourceType === 'Practitioner')).toBe(true);
      });
    }
  });

  it('keep shared clinicians identical across charts (one Practitioner per id in a store)', () => {
    const seen = new Map<string, string>();
    for (const p of personas) {
      for (const r of resources(p.build(NOW))) {
        if (r.resourceType !== 'Practitioner') continue;
        const json = JSON.stringify(r);
        expect(seen.get(r.id!) ?? json).toBe(json);
        seen.set(r.id!, json);
      }
    }
  });

  it('have resource ids unique across all personas (except shared clinicians)', () => {
    const keys = personas.flatMap((p) =>
      resources(p.build(NOW))
        .filter((r) => r.resourceType !== 'Practitioner')
        .map((r) => `${r.resourceType}/${r.id}`),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('build the empty chart as a Patient only', () => {
    const bundle = getPersona('empty-chart')!.build(NOW);
    expect(resources(bundle).map((r) => r.resourceType)).toEqual(['Patient']);
  });
});

describe('Synthea fixtures', () => {
  it.each(synthea.map((s) => [s.id, s] as const))('%s loads as a transaction Bundle with one Patient', (id) => {
    const bundle = loadSynthea(id);
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('transaction');
    expect(resources(bundle).filter((r) => r.resourceType === 'Patient')).toHaveLength(1);
  });

  it('includes the 869-Observation chart used by the benchmark', () => {
    const vito = resources(loadSynthea('synthea-vito-feeney'));
    expect(vito.filter((r) => r.resourceType === 'Observation')).toHaveLength(869);
  });

  it('rejects an unknown fixture id with the known ids', () => {
    expect(() => loadSynthea('nobody')).toThrow(/synthea-renato-dare/);
  });
});
