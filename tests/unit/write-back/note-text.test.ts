import { EMPTY_FACTS, type ChartFacts, type ConditionFact, type ObservationFact } from '@/lib/engine/facts';
import { formatUnit } from '@/lib/engine/format';
import { NOTE_SIZE_BUDGET_BYTES, renderNoteText, utf8ByteLength } from '@/fhir-mappings/write-back';
import type { Assessment, DifferentialItem, Evidence } from '@/lib/engine/assessment';
import { ASSESSMENT, EMPTY_ASSESSMENT, FACTS, FORM } from './fixtures';

const text = renderNoteText({ assessment: ASSESSMENT, form: FORM, facts: FACTS, context: { appVersion: '0.1.0' } });

function sectionBody(note: string, title: string): string {
  const start = note.indexOf(`\n${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThan(-1);
  const rest = note.slice(start + title.length + 2);
  const end = rest.indexOf('\n\n');
  return end === -1 ? rest : rest.slice(0, end);
}

describe('renderNoteText', () => {
  it('has every section, in consult-note order', () => {
    const order = [
      'REASON FOR ASSESSMENT / HISTORY OF PRESENT ILLNESS',
      'DATA REVIEWED (CHART)',
      'RED FLAGS',
      'DIFFERENTIAL DIAGNOSIS (RANKED)',
      'SCORES AND TEST INTERPRETATION',
      'SUGGESTED WORKUP',
      'ADVICE GIVEN',
      "CLINICIAN'S COMMENT",
      'DECISION SUPPORT',
    ];
    const positions = order.map((t) => text.indexOf(`\n${t}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('summarises the history from the form with the form’s own wording', () => {
    const hpi = sectionBody(text, 'REASON FOR ASSESSMENT / HISTORY OF PRESENT ILLNESS');
    expect(hpi).toContain('Right leg pain that starts or worsens when lying down, gradual onset, present for 6 weeks.');
    expect(hpi).toContain('Relieved by: dangling leg over bed');
    expect(hpi).toContain('Foot pulses, right: absent');
    expect(hpi).toMatch(/absent: .*fever/);
    expect(hpi).toMatch(/\d+ of \d+ form questions were not recorded; they are treated as unknown, not as negative/);
  });

  it('lists the chart data reviewed with dates and sources; the newest result of each kind', () => {
    const data = sectionBody(text, 'DATA REVIEWED (CHART)');
    expect(data).toContain('ABI right 0.38 on 2026-02-20 (Observation/abi-r)');
    expect(data).toContain('HbA1c 8.4 % (high) on 2026-01-05');
    expect(data).not.toContain('7.9');
    expect(data).toContain('Type 2 diabetes mellitus (since 2011-05-01, Condition/c-dm)');
    expect(data).toContain('Past history: Deep vein thrombosis of left leg');
    expect(data).toContain('Could not be loaded from the chart: Procedure. Their contents are unknown, not absent.');
  });

  it('states red flags with urgency and action, and flags them in the header', () => {
    expect(text.split('\n').slice(0, 4).join('\n')).toContain('1 red flag');
    const flags = sectionBody(text, 'RED FLAGS');
    expect(flags).toContain('URGENT: Chronic limb-threatening ischaemia suspected');
    expect(flags).toContain('Action: Refer to vascular surgery');
    expect(flags).toContain('ABI 0.38 right [chart 2026-02-20]');
  });

  it('ranks the differential with key evidence and its source', () => {
    const dd = sectionBody(text, 'DIFFERENTIAL DIAGNOSIS (RANKED)');
    expect(dd).toMatch(/^1\. Ischaemic rest pain \(PAD \/ CLTI\): high likelihood \(score 9\)\./);
    expect(dd).toContain('Also for: ABI 0.38 right [chart 2026-02-20]; Relieved by dangling the leg [form]');
    expect(dd).toContain('and 1 more');
    expect(dd).toContain('2. Diabetic peripheral neuropathy');
    expect(dd).toContain('Also against: No unilateral swelling [form]');
    expect(dd).toContain('Considered and unlikely: Restless legs syndrome.');
  });

  it('interprets Wells, IRLSSG and ABI, and says what was not recorded', () => {
    const s = sectionBody(text, 'SCORES AND TEST INTERPRETATION');
    expect(s).toContain('Wells DVT score: incomplete (7 items unknown). 0 points from the items recorded');
    expect(s).toContain('the true score may differ');
    expect(s).toContain('Next step (on the items recorded so far): DVT unlikely');
    expect(s).toContain('IRLSSG 2012 restless legs criteria: 0 of 5 met');
    expect(s).toContain('Right ABI 0.38 (abnormal) [chart 2026-02-20]: Severe PAD');
    expect(s).toContain('chronic limb-threatening ischaemia');
  });

  it('lists workup (already-on-file results as done), advice, the comment verbatim and the disclaimer', () => {
    const w = sectionBody(text, 'SUGGESTED WORKUP');
    expect(w).toContain('- [soon] Toe pressures / TBI: Grades ischaemia');
    expect(w).toContain('- Already on file, not re-ordered: Ankle-brachial index (ABI 0.38 right, 2026-02-20).');
    expect(w).toContain('Missing data (unknown, not normal): Left ABI');
    expect(sectionBody(text, 'ADVICE GIVEN')).toBe('- Keep the foot warm and dependent at night; stop smoking.');
    expect(sectionBody(text, "CLINICIAN'S COMMENT")).toBe(FORM.comment);
    const ds = sectionBody(text, 'DECISION SUPPORT');
    expect(ds).toContain('Decision support for a clinician, not a diagnosis.');
    expect(ds).toContain('Nocturne 0.1.0 (engine 1.0.0');
    expect(text.match(/not a diagnosis/g)).toHaveLength(1);
  });

  it('keeps the workup compact: routine tests grouped, missing data not repeated, chart records listed once', () => {
    const a: Assessment = {
      ...ASSESSMENT,
      differential: [
        {
          ...ASSESSMENT.differential[0]!,
          summary: 'Supported by Foot pulses absent (+2).',
          supporting: [
            { source: 'fhir', label: 'ABI right 0.38 (chart, 2026-02-20)', weight: 4, date: '2026-02-20' },
            { source: 'form', label: 'Foot pulses absent', weight: 2 },
          ],
        },
      ],
      workup: [
        { id: 'k', label: 'Potassium', reason: 'Cramps', for: ['nocturnal-leg-cramps'], priority: 'routine' },
        { id: 'mg', label: 'Magnesium', reason: 'Cramps', for: ['nocturnal-leg-cramps'], priority: 'routine' },
      ],
      missingData: [
        { concept: 'Potassium', why: 'not on file' },
        { concept: 'Straight-leg raise (exam.straightLegRaise)', why: 'not answered' },
        { concept: 'What relieves the pain (relievedBy)', why: 'not answered' },
        { concept: 'IRLSSG criteria (irlssg)', why: 'not answered' },
        { concept: 'Glucose (serum)', why: 'not on file' },
      ],
    };
    const facts = {
      ...FACTS,
      conditions: [FACTS.conditions[0]!, { ...FACTS.conditions[0]!, concept: 'pad' as const }],
    };
    const note = renderNoteText({ assessment: a, form: FORM, facts });
    expect(sectionBody(note, 'SUGGESTED WORKUP')).toBe(
      '- [routine] Potassium; Magnesium (for nocturnal leg cramps).\n' +
        'Missing data (unknown, not normal): Straight-leg raise (not answered); What relieves the pain (not answered); ' +
        'IRLSSG criteria (not answered); Glucose (serum) (not on file).',
    );
    const dd = sectionBody(note, 'DIFFERENTIAL DIAGNOSIS (RANKED)');
    expect(dd).toContain('Also for: ABI right 0.38 (chart, 2026-02-20).');
    expect(dd).not.toContain('[chart 2026-02-20]');
    expect(note.match(/Type 2 diabetes mellitus \(since/g)).toHaveLength(1);
  });

  it('is deterministic', () => {
    expect(renderNoteText({ assessment: ASSESSMENT, form: FORM, facts: FACTS, context: { appVersion: '0.1.0' } })).toBe(
      text,
    );
  });

  it('renders an empty assessment without inventing findings: unknowns are stated as unknown', () => {
    const empty = renderNoteText({ assessment: EMPTY_ASSESSMENT, form: {}, facts: EMPTY_FACTS });
    expect(empty).toContain('Leg pain that starts or worsens when lying down.');
    expect(empty).toContain('None identified from the information recorded (unrecorded answers are unknown');
    expect(empty).toContain('Wells DVT score: not calculated.');
    expect(empty).toContain('Ankle-brachial index: none on file or entered (unknown, not normal).');
    expect(empty).toContain('No candidate could be ranked');
    expect(empty).not.toContain("CLINICIAN'S COMMENT");
    expect(empty).not.toContain('ADVICE GIVEN');
  });

  it('stays within a few kB even for a large assessment; red flags are never trimmed', () => {
    const ev = (i: number): Evidence => ({
      source: 'fhir',
      label: `Supporting finding number ${i} with a fairly long description`,
      weight: 10 - i,
      reference: `Observation/o${i}`,
      date: '2026-01-01',
    });
    const item = (id: DifferentialItem['id'], n: number): DifferentialItem => ({
      id,
      label: `Condition ${id}`,
      likelihood: 'moderate',
      score: n,
      summary: 'A one-line summary of the strongest reasons for this candidate.',
      supporting: Array.from({ length: 12 }, (_, i) => ev(i)),
      opposing: Array.from({ length: 8 }, (_, i) => ({ ...ev(i), weight: -i })),
      missing: [{ concept: 'Something', why: 'not on file' }],
    });
    const big: Assessment = {
      ...ASSESSMENT,
      differential: (
        [
          'pad-ischemic-rest-pain',
          'lumbar-radiculopathy',
          'peroneal-neuropathy',
          'nocturnal-leg-cramps',
          'restless-legs-syndrome',
          'deep-vein-thrombosis',
          'diabetic-peripheral-neuropathy',
          'venous-insufficiency',
        ] as const
      ).map((id, i) => item(id, 8 - i)),
      redFlags: Array.from({ length: 6 }, (_, i) => ({ ...ASSESSMENT.redFlags[0]!, message: `Red flag ${i}` })),
      missingData: Array.from({ length: 20 }, (_, i) => ({ concept: `Missing ${i}`, why: 'not on file' })),
    };
    const note = renderNoteText({ assessment: big, form: { ...FORM, comment: undefined }, facts: FACTS });
    for (let i = 0; i < 6; i++) expect(note).toContain(`Red flag ${i}`);
    expect(note).toContain('and 8 more');
    expect(utf8ByteLength(note)).toBeLessThan(NOTE_SIZE_BUDGET_BYTES + 2000);
    expect(
      utf8ByteLength(renderNoteText({ assessment: ASSESSMENT, form: { ...FORM, comment: undefined }, facts: FACTS })),
    ).toBeLessThan(NOTE_SIZE_BUDGET_BYTES);
  });
});

describe('renderNoteText: wording a clinician would write', () => {
  const render = (assessment: Assessment, facts = FACTS, form = FORM) =>
    renderNoteText({ assessment, form, facts, context: { appVersion: '0.1.0' } });

  it('gives durations in days below two weeks (not fractions of a week), and long ones in months or years', () => {
    const hpi = (w: number) =>
      sectionBody(
        render(ASSESSMENT, FACTS, { ...FORM, durationWeeks: w }),
        'REASON FOR ASSESSMENT / HISTORY OF PRESENT ILLNESS',
      );
    expect(hpi(0)).toContain('present for less than a day.');
    expect(hpi(0.3)).toContain('present for 2 days.');
    expect(hpi(1 / 7)).toContain('present for 1 day.');
    expect(hpi(1)).toContain('present for 7 days.');
    expect(hpi(6)).toContain('present for 6 weeks.');
    expect(hpi(12.6)).toContain('present for 13 weeks.');
    expect(hpi(40)).toContain('present for about 9 months.');
    expect(hpi(52)).toContain('present for about 12 months.');
    expect(hpi(104)).toContain('present for about 2 years.');
    expect(hpi(0.3)).not.toMatch(/weeks?\./);
    // Acronyms survive the lower-casing of form labels inside a sentence.
    const wells = sectionBody(
      render(ASSESSMENT, FACTS, { ...FORM, history: { ...FORM.history, alternativeDiagnosisAsLikely: false } }),
      'REASON FOR ASSESSMENT / HISTORY OF PRESENT ILLNESS',
    );
    expect(wells).toMatch(/absent: [^.]*as likely as DVT/);
  });

  it('says once that an ABI is stale, and does not restate the value inside its interpretation', () => {
    const leg = ASSESSMENT.scores.abi!.right!;
    const stale = (interpretation: string): string =>
      sectionBody(
        render({
          ...ASSESSMENT,
          scores: {
            ...ASSESSMENT.scores,
            abi: { ...ASSESSMENT.scores.abi!, right: { ...leg, interpretation, stale: true } },
          },
        }),
        'SCORES AND TEST INTERPRETATION',
      );
    const engineWords = stale(
      'ABI 0.38: abnormal (≤ 0.90): consistent with PAD; below 0.40: CLTI range; older than 12 months: repeat suggested',
    );
    expect(engineWords).toContain(
      'Right ABI 0.38 [chart 2026-02-20]: abnormal (≤ 0.90): consistent with PAD; below 0.40: CLTI range; older than 12 months: repeat suggested',
    );
    expect(engineWords.match(/repeat/gi)).toHaveLength(1);
    expect(engineWords.match(/older than/gi)).toHaveLength(1);
    const silent = stale('Severe PAD (ABI ≤ 0.40)');
    expect(silent).toContain(
      'Right ABI 0.38 (abnormal) [chart 2026-02-20]: Severe PAD (ABI ≤ 0.40). Older than 12 months; repeat suggested.',
    );
    expect(silent.match(/repeat/gi)).toHaveLength(1);
  });

  it('rounds values per concept for reading, keeps them on the right side of every cut-off, and writes eGFR', () => {
    const obs = (concept: ObservationFact['concept'], value: number, ref: string): ObservationFact => ({
      concept,
      value,
      unit: 'x',
      date: '2026-03-01',
      provenance: { reference: `Observation/${ref}` },
    });
    const facts: ChartFacts = {
      ...FACTS,
      observations: [
        obs('magnesium', 1.4586, 'mg'),
        obs('bmi', 30.0573, 'bmi'),
        obs('hba1c', 9.013, 'a1c'),
        obs('glucose', 189.168, 'glu'),
        obs('potassium', 3.46, 'k'),
        obs('calcium', 8.4999, 'ca'),
        obs('egfr', 68, 'egfr'),
      ],
    };
    const ev = (label: string, weight: number): Evidence => ({ source: 'fhir', label, weight, date: '2026-03-01' });
    const a: Assessment = {
      ...ASSESSMENT,
      differential: [
        {
          ...ASSESSMENT.differential[0]!,
          // The engine writes its labels through the same formatter, already rounded (tests/unit/engine).
          summary: 'Supported by HbA1c 9.0 % (2026-03-01) (+1).',
          supporting: [
            ev('Magnesium 1.5 mg/dL (2026-03-01)', 3),
            ev('BMI 30.1 kg/m² (2026-03-01)', 2),
            ev('HbA1c 9.0 % (2026-03-01), recorded as 75 mmol/mol', 1),
          ],
        },
      ],
      workup: [
        {
          id: 'egfr',
          label: 'eGFR (CKD-EPI 2021)',
          reason: 'Kidney function',
          for: ['restless-legs-syndrome'],
          priority: 'soon',
          alreadyOnFile: {
            date: '2026-03-01',
            reference: 'Observation/egfr',
            summary: 'eGFR 68 mL/min/1.73 m² on 2026-03-01',
          },
        },
      ],
    };
    const note = render(a, facts);
    const data = sectionBody(note, 'DATA REVIEWED (CHART)');
    expect(data).toContain('Magnesium 1.5 mg/dL on 2026-03-01');
    expect(data).toContain('BMI 30.1 kg/m² on');
    expect(data).toContain('HbA1c 9.0 % on');
    expect(data).toContain('Glucose 189 mg/dL on');
    // 3.46 is below the 3.5 mmol/L cut-off and 8.4999 below 8.5 mg/dL: rounding must not make them look normal.
    expect(data).toContain('Potassium 3.46 mmol/L on');
    expect(data).toContain('Calcium 8.4999 mg/dL on');
    expect(data).toContain('eGFR 68 mL/min/1.73 m² on');
    const dd = sectionBody(note, 'DIFFERENTIAL DIAGNOSIS (RANKED)');
    expect(dd).toContain('Supported by HbA1c 9.0 % (2026-03-01) (+1).');
    expect(dd).toContain('Magnesium 1.5 mg/dL (2026-03-01)');
    expect(dd).toContain('BMI 30.1 kg/m² (2026-03-01)');
    expect(dd).toContain('HbA1c 9.0 % (2026-03-01), recorded as 75 mmol/mol');
    expect(note).not.toMatch(/1\.4586|30\.0573|9\.013|189\.168/);
    const scores = sectionBody(
      render({
        ...a,
        scores: {
          ...a.scores,
          abi: { ...a.scores.abi!, toePressure: { value: 29.6, source: 'fhir', side: 'right', date: '2026-03-01' } },
        },
      }),
      'SCORES AND TEST INTERPRETATION',
    );
    // 29.6 mmHg is below the 30 mmHg CLTI cut-off: shown as 29.6, never rounded up to 30.
    expect(scores).toContain('toe pressure 29.6 mmHg right [chart 2026-03-01]');
    expect(sectionBody(note, 'SUGGESTED WORKUP')).toContain(
      'eGFR (CKD-EPI 2021) (eGFR 68 mL/min/1.73 m² on 2026-03-01)',
    );
    expect(note).not.toContain('EGFR');
  });

  it('lists a chart record that matched two concepts once (e.g. I70.211 as claudication and PAD)', () => {
    const pad = {
      concept: 'pad' as const,
      status: 'active' as const,
      label: 'Atherosclerosis of native arteries of right leg with intermittent claudication',
      onset: '2023-11-27',
      provenance: { reference: 'Condition/i70-211' },
    };
    const facts: ChartFacts = { ...FACTS, conditions: [pad, { ...pad, concept: 'claudication' }, ...FACTS.conditions] };
    const data = sectionBody(render(ASSESSMENT, facts), 'DATA REVIEWED (CHART)');
    expect(data.match(/Condition\/i70-211/g)).toHaveLength(1);
  });

  it('dates age evidence by the assessment, not the birth date, and keeps the Patient reference', () => {
    const age: Evidence = {
      source: 'fhir',
      label: 'Age 71',
      weight: 1,
      reference: 'Patient/p1',
      date: '1955-10-17',
      ruleId: 'pad.age-65',
    };
    const a: Assessment = {
      ...ASSESSMENT,
      differential: [{ ...ASSESSMENT.differential[0]!, supporting: [age] }],
      redFlags: [{ ...ASSESSMENT.redFlags[0]!, evidence: [age] }],
    };
    const note = render(a);
    expect(sectionBody(note, 'DIFFERENTIAL DIAGNOSIS (RANKED)')).toContain('Age 71 [chart, as of 2026-03-14]');
    expect(sectionBody(note, 'RED FLAGS')).toContain('Because: Age 71 [chart, as of 2026-03-14].');
    expect(note).not.toContain('1955-10-17');
  });

  it('calls Wells incomplete before any band when items are unknown, and never concludes DVT is excluded', () => {
    const wells = ASSESSMENT.scores.wells!;
    const scores = (w: Partial<typeof wells> & Record<string, unknown>) =>
      sectionBody(
        render({ ...ASSESSMENT, scores: { ...ASSESSMENT.scores, wells: { ...wells, ...w } } }),
        'SCORES AND TEST INTERPRETATION',
      );
    const partial = scores({ unknownItems: 3 });
    expect(partial).toMatch(/^- Wells DVT score: incomplete \(3 items unknown\)\./);
    expect(partial.indexOf('incomplete (3 items unknown)')).toBeLessThan(partial.indexOf('DVT unlikely'));
    expect(partial).toContain('Not recorded: Alternative diagnosis at least as likely.');
    expect(scores({ unknownItems: 1 })).toContain('incomplete (1 item unknown)');
    // Unknown items that cannot reach "likely" (the engine's complete: true): incomplete first, then the band.
    expect(scores({ unknownItems: 1, maxPossible: 1, complete: true })).toMatch(
      /^- Wells DVT score: incomplete \(1 item unknown\)\. 0 points from the items recorded, up to 1 .*; on those alone DVT unlikely/,
    );
    // Unknown items that could reach "likely" (complete: false): no band at all, and the engine's pathway as is.
    const open = scores({
      unknownItems: 3,
      maxPossible: 4,
      complete: false,
      pathway: 'Wells incomplete: 3 items unknown, could reach 4 (0 so far). Record the unknown items.',
    });
    expect(open).toMatch(
      /^- Wells DVT score: incomplete \(3 items unknown\)\. 0 points from the items recorded, up to 4 if the unknown items are present; no band until/,
    );
    expect(open).not.toMatch(/DVT unlikely|low on the three-level/);
    expect(open).toContain('  Next step: Wells incomplete: 3 items unknown');
    // An engine that reports completeness explicitly is believed even when it counts no unknown items.
    expect(scores({ unknownItems: 0, complete: false })).toMatch(/^- Wells DVT score: incomplete \(items unknown\)\./);
    const complete = scores({
      unknownItems: 0,
      points: 2,
      band: 'likely',
      threeLevel: 'moderate',
      items: wells.items.map((i) => ({ ...i, met: i.met ?? false })),
      pathway: 'DVT likely: proximal or whole-leg ultrasound.',
    });
    expect(complete).toMatch(/^- Wells DVT score: 2, DVT likely \(moderate on the three-level scale\)\./);
    expect(complete).not.toContain('incomplete');
    expect(complete).toContain('  Next step: DVT likely: proximal or whole-leg ultrasound.');
    const likelyPartial = scores({ unknownItems: 1, points: 3, band: 'likely', pathway: 'DVT likely: ultrasound.' });
    expect(likelyPartial).toMatch(/^- Wells DVT score: incomplete \(1 item unknown\)\. 3 points .*DVT likely/);
    expect(likelyPartial).toContain('  Next step: DVT likely: ultrasound.');
    for (const text of [partial, complete, open]) expect(text).not.toMatch(/DVT is excluded/i);
  });

  it('shows a converted value as recorded and as used, saying when the conversion is approximate', () => {
    const facts: ChartFacts = {
      ...FACTS,
      observations: [
        {
          concept: 'd-dimer',
          value: 1200,
          unit: 'ng/mL{FEU}',
          original: { value: 600, unit: 'ng/mL DDU DDU (approximate ×2 to FEU)' },
          interpretation: 'high',
          date: '2026-03-10',
          provenance: { reference: 'Observation/dd' },
        },
        {
          concept: 'hba1c',
          value: 9.013,
          unit: '%',
          original: { value: 75, unit: 'mmol/mol' },
          date: '2026-03-10',
          provenance: { reference: 'Observation/a1c' },
        },
        {
          concept: 'd-dimer',
          value: 800,
          unit: 'ng/mL{FEU}',
          original: { value: 400, unit: 'ng/mL{DDU}' },
          date: '2026-01-10',
          provenance: { reference: 'Observation/dd-old' },
        },
      ],
    };
    const data = sectionBody(render(ASSESSMENT, facts), 'DATA REVIEWED (CHART)');
    expect(data).toContain(
      'D-dimer recorded 600 ng/mL DDU ≈ 1200 ng/mL FEU (converted, approximate) (high) on 2026-03-10 (Observation/dd)',
    );
    expect(data).toContain('HbA1c recorded 75 mmol/mol = 9.0 % (converted) on 2026-03-10');
    expect(formatUnit('ng/mL{DDU}')).toBe('ng/mL DDU');
    expect(formatUnit('mm[Hg]')).toBe('mmHg');
    expect(formatUnit('ug/L')).toBe('µg/L');
  });

  it('labels unverified codes and unconfirmed diagnoses in the data reviewed', () => {
    // Built through a loose helper so the test reads the trust marks whether or not the contract declares them.
    const mark = <T extends object>(
      fact: T,
      extra: Record<string, unknown>,
      provenance: Record<string, unknown> = {},
    ) => ({ ...fact, ...extra, provenance: { ...(fact as { provenance: object }).provenance, ...provenance } }) as T;
    const [dm, dvt] = FACTS.conditions as [ConditionFact, ConditionFact];
    const facts: ChartFacts = {
      ...FACTS,
      conditions: [mark(dm, {}, { verification: 'unverified' }), mark(dvt, { confirmed: false })],
      observations: [mark(FACTS.observations[0]!, {}, { verification: 'unverified' }), FACTS.observations[1]!],
      medications: [mark(FACTS.medications[0]!, {}, { verification: 'single-source' })],
    };
    const data = sectionBody(render(ASSESSMENT, facts), 'DATA REVIEWED (CHART)');
    expect(data).toContain('Type 2 diabetes mellitus (since 2011-05-01, Condition/c-dm) (unverified code — confirm)');
    expect(data).toContain('Deep vein thrombosis of left leg (2019-02-10, Condition/c-dvt) (unconfirmed)');
    expect(data).toContain('ABI right 0.38 on 2026-02-20 (Observation/abi-r) (unverified code — confirm)');
    expect(data).toContain('HbA1c 8.4 % (high) on 2026-01-05 (Observation/a1c).');
    expect(data).toContain('Atorvastatin 40 mg tablet (2024-01-01).');
    expect(sectionBody(text, 'DATA REVIEWED (CHART)')).not.toMatch(/unverified|unconfirmed/);
  });

  it('lists chart data issues, telling records not used apart from records used with a caveat', () => {
    const facts: ChartFacts = {
      ...FACTS,
      dataIssues: [
        { resource: 'Observation/abi-r', problem: 'ABI reported without a method; check it.' },
        { resource: 'Observation/bad-k', problem: 'Potassium with unit "mEq/dL" could not be converted.' },
      ],
    };
    const issues = sectionBody(render(ASSESSMENT, facts), 'CHART DATA ISSUES');
    expect(issues).toBe(
      '- Not used: Observation/bad-k: Potassium with unit "mEq/dL" could not be converted.\n' +
        '- Used, with a caveat: Observation/abi-r: ABI reported without a method; check it.',
    );
  });

  it('does not repeat evidence the summary already states, nor a workup reason contained in another', () => {
    const a: Assessment = {
      ...ASSESSMENT,
      differential: [
        {
          ...ASSESSMENT.differential[0]!,
          summary: 'Supported by the pain is in the toes or forefoot (+3).',
          supporting: [
            { source: 'form', label: 'The pain is in the toes or forefoot', weight: 3, formField: 'locations' },
            { source: 'form', label: 'Cool foot', weight: 1, formField: 'exam.coolFoot' },
          ],
        },
      ],
      workup: [
        {
          id: 'duplex',
          label: 'Arterial duplex ultrasound',
          reason: 'Anatomy for revascularisation; anatomy for revascularisation planning',
          for: ['pad-ischemic-rest-pain'],
          priority: 'now',
        },
      ],
    };
    const note = render(a);
    expect(sectionBody(note, 'DIFFERENTIAL DIAGNOSIS (RANKED)')).toContain('Also for: Cool foot [form].');
    expect(note).not.toContain('The pain is in the toes or forefoot [form]');
    expect(sectionBody(note, 'SUGGESTED WORKUP')).toContain(
      '- [now] Arterial duplex ultrasound: Anatomy for revascularisation planning\n',
    );
  });

  it('names missing data without form paths, and does not repeat an evidence date the label states', () => {
    const a: Assessment = {
      ...ASSESSMENT,
      differential: [
        {
          ...ASSESSMENT.differential[0]!,
          summary: '',
          supporting: [
            { source: 'fhir', label: 'Ferritin 40 µg/L (2026-11-05)', weight: 2, date: '2026-11-05T08:00:00Z' },
          ],
          missing: [
            { concept: 'Ankle strength (exam.footDrop, exam.weakDorsiflexionEversion, exam.weakInversion)', why: 'x' },
            { concept: 'Potassium', why: 'not on file' },
            { concept: 'Glucose (serum, fasting)', why: 'not on file' },
          ],
        },
      ],
    };
    const dd = sectionBody(render(a), 'DIFFERENTIAL DIAGNOSIS (RANKED)');
    expect(dd).toContain('For: Ferritin 40 µg/L (2026-11-05) [chart].');
    expect(dd).toContain('Would change with: Ankle strength, Potassium, Glucose (serum, fasting).');
  });

  it('keeps the scores short without hiding unknowns: moot IRLSSG items counted, Wells items not listed twice', () => {
    const irlssg = ASSESSMENT.scores.irlssg!;
    const withIrlssg = (items: typeof irlssg.items) =>
      sectionBody(
        render({ ...ASSESSMENT, scores: { ...ASSESSMENT.scores, irlssg: { ...irlssg, items } } }),
        'SCORES AND TEST INTERPRETATION',
      );
    expect(withIrlssg(irlssg.items)).toContain(
      'IRLSSG 2012 restless legs criteria: 0 of 5 met, which does not meet the diagnostic criteria. 1 not recorded (they cannot change this: a required criterion is not met).',
    );
    const open = withIrlssg(irlssg.items.map((i) => ({ ...i, met: i.met === false ? true : i.met })));
    expect(open).toContain('Not recorded: Worse at rest.');
    const a: Assessment = {
      ...ASSESSMENT,
      missingData: [
        { concept: 'Wells items not recorded', why: '7 of 10 Wells items are unknown and counted 0' },
        { concept: 'Left ABI', why: 'only the right leg was measured' },
      ],
    };
    const workup = sectionBody(render(a), 'SUGGESTED WORKUP');
    expect(workup).toContain('Missing data (unknown, not normal): Left ABI (only the right leg was measured).');
    const noWells = sectionBody(render({ ...a, scores: { ...a.scores, wells: null } }), 'SUGGESTED WORKUP');
    expect(noWells).toContain('Wells items not recorded');
  });
});
