import { EMPTY_FACTS } from '@/lib/engine/facts';
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
    expect(hpi).toContain('Foot pulses: absent');
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
    expect(s).toContain('Wells DVT score: 0, DVT unlikely');
    expect(s).toContain('7 items were not recorded and counted as 0; the true score may be higher.');
    expect(s).toContain('Next step: DVT unlikely');
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
