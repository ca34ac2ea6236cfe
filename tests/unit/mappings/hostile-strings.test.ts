/**
 * Issue 10 item 6: hostile strings must never stall the chart reader.
 *
 * FHIR allows strings of up to 1 MB. One Observation whose valueString was 100k spaces once delayed the workspace by
 * 30 s (quadratic regular expressions). Every string field the mappers read gets 1 MB runs of the shapes that make
 * backtracking patterns slow (spaces, digits, dots, unit-like runs, words that almost match a value set's text
 * pattern); the whole chart must map in well under a second, and nothing hostile may become a fact.
 *
 * The only timed assertion allowed in this suite: it is generous (1 s for what takes milliseconds) and catches the
 * quadratic case by orders of magnitude (1 MB squared is ~10^12 steps).
 */
import { mapChart } from '@/fhir-mappings';
import { normaliseUnit } from '@/fhir-mappings/units';
import { parseNumericString } from '@/fhir-mappings/to-observations';
import { getMatchers } from '@/fhir-mappings/matcher';
import { FHIR_STRING_LIMITS } from '@/fhir-mappings/schemas/common';
import { LOINC, NOW, SNOMED, condition, medicationRequest, observation } from './builders';

const MB = 1024 * 1024;
const fill = (unit: string, length = MB): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Shapes that made (or would make) a backtracking pattern super-linear. */
const HOSTILE: Readonly<Record<string, (length?: number) => string>> = {
  spaces: (n) => fill(' ', n),
  'digit, spaces, digit': (n) => `1${fill(' ', (n ?? MB) - 2)}1`,
  'comparator, spaces': (n) => `<${fill(' ', (n ?? MB) - 2)}5`,
  digits: (n) => fill('9', n),
  dots: (n) => `1${fill('.', (n ?? MB) - 1)}`,
  'digit-dot runs': (n) => fill('1.', n),
  'open braces': (n) => fill('{', n),
  '1.73 runs': (n) => fill('1.73 ', n),
  'sq m runs': (n) => fill('{1.73_. sq ', n),
  'unit words': (n) => fill('mg/dL ', n),
  'words before a disc': (n) => `herniated ${fill('a ', (n ?? MB) - 10)}`,
  'words before a neuropathy': (n) => `diabetic ${fill('a ', (n ?? MB) - 9)}`,
  'words before a fracture site': (n) => `fracture of ${fill('a ', (n ?? MB) - 12)}`,
  'history words': (n) => fill('history ', n),
  'side words': (n) => fill('r l rt lt ', n),
  'date-like': (n) => `2024-01-01T${fill('0', (n ?? MB) - 11)}`,
};

/** One of each record the chart reader parses, with `s` in every string field it reads. */
function hostileChart(s: string): Record<string, unknown>[] {
  const coding = (code: string, system = LOINC) => [{ system, code, display: s }];
  return [
    observation({ id: 'vs', code: '2276-4', extra: { valueString: s } }),
    observation({ id: 'unit', code: '2276-4', value: 40, unit: s }),
    observation({ id: 'ucum', code: '2276-4', value: 40, unit: s, ucum: s }),
    observation({ id: 'text', text: s, value: 1, unit: 'mg/dL' }),
    {
      ...observation({ id: 'abi', code: '446841001', system: SNOMED, value: 0.8 }),
      code: { coding: coding('446841001', SNOMED), text: s },
      bodySite: { text: s },
      interpretation: [{ text: s }],
      referenceRange: [{ low: { value: 1, unit: s }, text: s }],
      component: [{ code: { text: s }, valueString: s }],
    },
    observation({ id: 'date', code: '2276-4', value: 40, unit: 'ng/mL', date: s }),
    observation({ id: 'status', code: '2276-4', value: 40, unit: 'ng/mL', status: s }),
    { ...observation({ id: 'smoke', code: '72166-2' }), valueString: s, valueCodeableConcept: { text: s } },
    observation({ id: 'codes', code: s, system: s, display: s, value: 1 }),
    condition({ id: 'c-text', text: s }),
    condition({ id: 'c-coded', code: '399957001', display: s, text: s, onset: s, extra: { bodySite: [{ text: s }] } }),
    condition({ id: 'c-status', code: '399957001', clinical: s, verification: s }),
    medicationRequest({ id: 'm', text: s, display: s, code: s, status: s }),
    {
      resourceType: 'Procedure',
      id: 'p',
      status: 'completed',
      code: { text: s, coding: [{ system: SNOMED, code: s, display: s }] },
      performedDateTime: s,
    },
    { resourceType: 'Encounter', id: 'e', status: s, class: { code: s }, type: [{ text: s }], period: { start: s } },
    {
      resourceType: 'Patient',
      id: 'pt',
      birthDate: s,
      gender: s,
      name: [{ text: s, family: s, given: [s] }],
      meta: { lastUpdated: s },
    },
  ];
}

describe('hostile 1 MB strings (issue 10 item 6)', () => {
  it.each(Object.entries(HOSTILE))('%s: the chart maps in well under a second', (_name, make) => {
    const s = make(MB);
    const resources = hostileChart(s);
    const bundle = {
      resourceType: 'Bundle',
      type: s,
      entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${s}`, resource, response: { status: s } })),
    };
    const t0 = performance.now();
    const fromList = mapChart({ resources }, { now: NOW });
    const fromBundle = mapChart({ bundle }, { now: NOW });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    // Nothing hostile became a fact, and no 1 MB string reached a label, a data issue or a header.
    for (const { facts, patient } of [fromList, fromBundle]) {
      expect(facts.observations.filter((o) => o.provenance.reference !== 'Observation/abi')).toEqual([]);
      const longest = Math.max(
        ...JSON.stringify({ facts, patient })
          .split('"')
          .map((part) => part.length),
      );
      expect(longest).toBeLessThanOrEqual(FHIR_STRING_LIMITS.text);
    }
  });

  it.each(Object.entries(HOSTILE))(
    '%s at just under the caps: the value-set text patterns stay fast',
    (_name, make) => {
      const matchers = getMatchers();
      const s = make(FHIR_STRING_LIMITS.text);
      const t0 = performance.now();
      mapChart({ resources: hostileChart(s) }, { now: NOW });
      const patterns = [
        ...Object.values(matchers.domains).flatMap((d) => [
          ...d.anyText,
          ...d.text.flatMap((r) => [...r.include, ...r.exclude]),
        ]),
        matchers.conditionTextVeto,
        matchers.historyText,
        ...matchers.historyTextBySet.values(),
        ...matchers.smokingAnswerText.map((r) => r.re),
      ];
      for (const re of patterns) re.test(s);
      expect(performance.now() - t0).toBeLessThan(1000);
    },
  );

  it('the numeric-string and unit readers refuse what is too long to be a value or a unit', () => {
    expect(parseNumericString(`5 ${fill('a', FHIR_STRING_LIMITS.numericString)}`)).toBeUndefined();
    expect(parseNumericString(fill(' ', MB))).toBeUndefined();
    expect(parseNumericString('  <= 0.5  mg/L FEU ')).toEqual({ value: 0.5, comparator: '<=', unit: 'mg/L FEU' });
    expect(parseNumericString('1.1')).toEqual({ value: 1.1 });
    expect(normaliseUnit(fill('{', MB)).token).not.toBe('');
    expect(normaliseUnit('mL/min/{1.73 sq. m}').token).toBe('ml/min/1.73m2');
  });

  it('an over-long value or unit is a data issue in words, never a fact', () => {
    const facts = mapChart(
      {
        resources: [
          observation({ id: 'long-value', code: '2276-4', extra: { valueString: `40 ${fill('x', 200)}` } }),
          observation({ id: 'long-unit', code: '2276-4', value: 40, unit: fill('ng/mL', 100) }),
        ],
      },
      { now: NOW },
    ).facts;
    expect(facts.observations).toEqual([]);
    expect(facts.dataIssues).toEqual([
      { resource: 'Observation/long-value', problem: 'Ferritin result has no numeric value; not used.' },
      {
        resource: 'Observation/long-unit',
        problem: 'Ferritin result not used: the recorded unit is not one Nocturne can convert.',
      },
    ]);
  });
});
