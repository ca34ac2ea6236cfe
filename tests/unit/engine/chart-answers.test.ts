/**
 * Chart pre-answers (issue 9 item 2): the chart answers the questions it knows, with provenance; the engine uses an
 * explicit clinician answer when there is one and the chart's otherwise; only "yes" is ever pre-filled.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '@/lib/engine';
import { CHART_DERIVATIONS, deriveChartAnswers } from '@/lib/engine/chart-answers';
import { questionFor } from '@/lib/form/questions';
import { NOW, OPTS, careEvent, condition, daysAgo, facts, med } from './builders';

const answers = (f: ReturnType<typeof facts>, form = {}) => deriveChartAnswers(f, NOW.getTime(), form).answers;
const byPath = (f: ReturnType<typeof facts>, form = {}) => new Map(answers(f, form).map((a) => [a.path, a]));

describe('chart pre-answers', () => {
  it('every derivation names a question the form asks', () => {
    for (const d of CHART_DERIVATIONS) expect(questionFor(d.path), d.path).toBeDefined();
  });

  it('derives AF, anticoagulant, previous DVT/PE, dialysis, active cancer and dopamine agonist, with provenance', () => {
    const f = facts({
      conditions: [
        condition('atrial-fibrillation', { label: 'Atrial fibrillation' }),
        condition('dvt', { status: 'history' }),
        condition('pulmonary-embolism', { status: 'history' }),
        condition('dialysis'),
        condition('active-cancer', { label: 'Carcinoma of colon' }),
      ],
      medications: [med('anticoagulant', 'apixaban'), med('dopamine-agonist', 'ropinirole')],
    });
    const got = byPath(f);
    for (const path of [
      'history.atrialFibrillation',
      'history.onAnticoagulant',
      'history.previousDvt',
      'history.previousPe',
      'history.onDialysis',
      'history.activeCancer',
      'history.cancerHistory',
      'history.onDopamineAgonist',
    ]) {
      const a = got.get(path);
      expect(a, path).toMatchObject({ value: true, status: 'applied' });
      expect(a!.evidence[0]!.reference, path).toMatch(/^(Condition|MedicationRequest)\//);
      expect(a!.label.length).toBeGreaterThan(5);
    }
  });

  it('pre-fills only "yes": an empty chart answers nothing and a stopped anticoagulant is not "on an anticoagulant"', () => {
    expect(answers(facts())).toEqual([]);
    const stopped = facts({ medications: [{ ...med('anticoagulant', 'warfarin'), status: 'stopped' }] });
    expect(byPath(stopped).has('history.onAnticoagulant')).toBe(false);
  });

  it('does not take a pregnancy begun long ago as current, nor a resolved cancer as active', () => {
    const old = facts({ conditions: [condition('pregnancy', { onset: daysAgo(3 * 365) })] });
    expect(byPath(old).has('history.pregnantOrPostpartum')).toBe(false);
    const recent = facts({ conditions: [condition('pregnancy', { onset: daysAgo(120) })] });
    expect(byPath(recent).get('history.pregnantOrPostpartum')?.value).toBe(true);
    const treated = facts({ conditions: [condition('active-cancer', { status: 'history' })] });
    expect(byPath(treated).has('history.activeCancer')).toBe(false);
    expect(byPath(treated).get('history.cancerHistory')?.value).toBe(true);
  });

  it('counts major surgery or a stay of 3 days or more (12 weeks) for Wells; not minor, unclassified or short ones', () => {
    const yes = (e: Parameters<typeof careEvent>) =>
      byPath(facts({ events: [careEvent(...e)] })).has('history.recentSurgeryOrBedRest');
    expect(yes(['surgery', 30, 'Hip replacement', { surgeryClass: 'major' }])).toBe(true);
    expect(yes(['inpatient-stay', 30, 'Admission', { days: 4 }])).toBe(true);
    expect(yes(['surgery', 30, 'Excision of skin lesion', { surgeryClass: 'minor' }])).toBe(false);
    expect(yes(['surgery', 30, 'Procedure on knee'])).toBe(false);
    expect(yes(['inpatient-stay', 30, 'Admission', { days: 2 }])).toBe(false);
    expect(yes(['surgery', 90, 'Hip replacement', { surgeryClass: 'major' }])).toBe(false);
  });

  it('an explicit clinician answer always overrides the chart, and the Assessment says so', () => {
    const f = facts({ conditions: [condition('atrial-fibrillation')] });
    const form = { history: { atrialFibrillation: false } };
    expect(byPath(f, form).get('history.atrialFibrillation')?.status).toBe('overridden');
    const a = assess(f, form, OPTS);
    expect(a.chartAnswers).toEqual([
      expect.objectContaining({ path: 'history.atrialFibrillation', status: 'overridden' }),
    ]);
  });

  it('the engine reasons on the chart answer, citing the chart record (not the form) as the source', () => {
    // AF makes a cold, pulseless leg of unknown timing acute limb ischaemia (issue 9 item 2).
    const f = facts({ conditions: [condition('atrial-fibrillation', { label: 'Atrial fibrillation' })] });
    const form = { side: 'right' as const, exam: { pulsesRight: 'absent' as const, coolFoot: true } };
    const a = assess(f, form, OPTS);
    const ali = a.redFlags.find((r) => r.id === 'acute-limb-ischemia');
    expect(ali).toBeDefined();
    const cited = ali!.evidence.find((e) => e.formField === 'history.atrialFibrillation');
    expect(cited).toMatchObject({ source: 'fhir', reference: f.conditions[0]!.provenance.reference });
    expect(cited!.label).toMatch(/from chart/);
    // Overridden: no AF, so the same leg is asked about, not flagged.
    const overridden = assess(f, { ...form, history: { atrialFibrillation: false } }, OPTS);
    expect(overridden.redFlags.map((r) => r.id)).not.toContain('acute-limb-ischemia');
    expect(overridden.missingData.flatMap((m) => m.paths ?? [])).toContain('restPainDuration');
  });
});
