/**
 * The consult note (issue 12), per persona, through the real mappers and engine: the sections a physician expects,
 * the impression each story deserves, no provenance noise in the prose, the length budgets, the clinician's time
 * zone, ticked workup as orders, and safe text from a hostile chart.
 */
import { describe, expect, it } from 'vitest';
import {
  DECISION_SUPPORT_LEAD,
  NOTE_MAX_BUDGET_CHARS,
  NOTE_SECTIONS,
  NOTE_TYPICAL_BUDGET_CHARS,
  noteSources,
} from '@/fhir-mappings/write-back';
import { isSafeText } from '@/lib/core/safe-text';
import { ALL_QUESTIONS } from '@/lib/form/questions';
import { AGGRAVATORS, LOCATIONS, QUALITIES, RELIEVERS, TIMINGS } from '@/lib/form/schema';
import { personas, synthea } from '@/mocks/personas';
import { personaNote, sectionOf, syntheaNote } from './persona-notes';

const RESOURCE_ID =
  /\b(?:Patient|Observation|Condition|Medication(?:Request|Statement)?|Procedure|Encounter|DocumentReference|Practitioner|Provenance)\/[A-Za-z0-9]/;

/** Form vocabulary that must never reach the prose: dotted paths, their camelCase keys, enum values. */
const FORM_WORDS: readonly string[] = [
  ...ALL_QUESTIONS.map((q) => q.path).filter((p) => p.includes('.')),
  ...ALL_QUESTIONS.map((q) => q.path.split('.').pop()!).filter((k) => /[a-z][A-Z]/.test(k)),
  // Coded option values; "whole-leg" is also plain English ("whole-leg venous ultrasound").
  ...[...LOCATIONS, ...QUALITIES, ...TIMINGS, ...RELIEVERS, ...AGGRAVATORS].filter(
    (v) => v.includes('-') && v !== 'whole-leg',
  ),
];

function provenanceNoise(text: string): string[] {
  const found: string[] = [];
  if (RESOURCE_ID.test(text)) found.push(`resource id: ${RESOURCE_ID.exec(text)![0]}`);
  if (/urn:uuid/i.test(text)) found.push('urn:uuid');
  if (/\bscore\s+-?\d/i.test(text)) found.push('raw score');
  if (/\(\s*[+−-]\d+\s*\)/.test(text)) found.push('rule weight');
  if (/text\/plain|application\/fhir/i.test(text)) found.push('MIME type');
  if (/\band \d+ more\b/.test(text)) found.push('"and N more"');
  for (const w of FORM_WORDS) if (text.includes(w)) found.push(`form word: ${w}`);
  return found;
}

const ALL = [
  ...personas.map((p) => ({ id: p.id, note: () => personaNote(p.id) })),
  ...synthea.map((s) => ({ id: s.id, note: () => syntheaNote(s.id) })),
];

describe('consult note: every persona and Synthea chart', () => {
  const notes = ALL.map((p) => ({ id: p.id, ...p.note() }));

  it.each(notes.map((n) => [n.id, n] as const))('%s: SOAP sections in order, one-line impression', (_, n) => {
    const lines = n.text.split('\n');
    expect(lines[0]).toBe('Nocturnal / rest leg pain assessment');
    const positions = NOTE_SECTIONS.map((s) => lines.indexOf(s)).filter((i) => i !== -1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const required of ['IMPRESSION', 'HISTORY', 'ASSESSMENT', 'PLAN'] as const) {
      expect(lines, required).toContain(required);
    }
    const impression = sectionOf(n.text, 'IMPRESSION');
    expect(impression.split('\n')).toHaveLength(1);
    expect(impression.length).toBeGreaterThan(20);
    expect(lines.at(-2)?.startsWith(DECISION_SUPPORT_LEAD)).toBe(true);
    expect(n.text.endsWith('\n')).toBe(true);
  });

  it.each(notes.map((n) => [n.id, n] as const))('%s: no ids, form words, raw scores or MIME types', (_, n) => {
    expect(provenanceNoise(n.text)).toEqual([]);
  });

  it.each(notes.map((n) => [n.id, n] as const))('%s: within the longest-note budget, safe text', (_, n) => {
    expect([...n.text].length).toBeLessThanOrEqual(NOTE_MAX_BUDGET_CHARS);
    expect(isSafeText(n.text)).toBe(true);
  });

  it('a typical note (the median persona) is within 2,000 characters', () => {
    const lengths = notes.map((n) => [...n.text].length).sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)]!;
    expect(median).toBeLessThanOrEqual(NOTE_TYPICAL_BUDGET_CHARS);
  });

  it.each(notes.map((n) => [n.id, n] as const))('%s: red flags lead the assessment, each with its urgency', (_, n) => {
    const lines = sectionOf(n.text, 'ASSESSMENT').split('\n');
    n.assessment.redFlags.forEach((f, i) => {
      expect(lines[i]).toMatch(new RegExp(`^(Emergency|Urgent|Soon) red flag — `));
      expect(lines[i]!.toLowerCase()).toContain(f.urgency);
    });
    // …and every red flag's action is in the plan, ticked or not.
    const plan = sectionOf(n.text, 'PLAN');
    for (const f of n.assessment.redFlags) expect(plan).toContain(f.action.slice(0, 40));
  });

  it.each(notes.map((n) => [n.id, n] as const))('%s: never "no red flags" over an incomplete screen', (_, n) => {
    const impression = sectionOf(n.text, 'IMPRESSION');
    const screenOpen = n.assessment.missingData.some((m) => /^red-flag screen/i.test(m.concept));
    if (screenOpen || n.facts.unavailable.length) expect(impression).not.toMatch(/\bno red flags\b/);
  });
});

describe('consult note: the impression each story deserves', () => {
  it('PAD with CLTI: the leg, the diagnosis, the haemodynamics and the referral in one line', () => {
    const impression = sectionOf(personaNote('pad-clti-rest-pain').text, 'IMPRESSION');
    expect(impression).toBe(
      'Right-leg ischaemic rest pain with suspected chronic limb-threatening ischaemia (ABI right 0.45; toe pressure right 25 mmHg): urgent vascular surgery referral.',
    );
  });

  it('RLS: the criteria and the iron, and an honest word on the red-flag screen', () => {
    const impression = sectionOf(personaNote('restless-legs-ckd').text, 'IMPRESSION');
    expect(impression).toMatch(/^Restless legs syndrome, high likelihood \(IRLSSG 5\/5; ferritin 40 µg\/L/);
    expect(impression).toContain('no red flag raised so far (red-flag screen incomplete)');
  });

  it('DVT: the leg, Wells as a clinician writes it, the same-day scan', () => {
    const impression = sectionOf(personaNote('dvt-post-hip-replacement').text, 'IMPRESSION');
    expect(impression).toMatch(/^Suspected deep vein thrombosis, left leg \(Wells 6, DVT likely\): same-day/);
    expect(impression).toContain('proximal leg-vein ultrasound');
  });

  it('cauda equina: the emergency and the emergency MRI', () => {
    const impression = sectionOf(personaNote('cauda-equina').text, 'IMPRESSION');
    expect(impression).toMatch(/possible cauda equina syndrome \(saddle anaesthesia/);
    expect(impression).toMatch(/emergency MRI of the lumbar spine/);
    expect(impression).not.toMatch(/emergency: .*emergency:/i);
  });

  it('an empty chart and form: no leading cause, and the screen still to do', () => {
    const note = personaNote('empty-chart').text;
    expect(sectionOf(note, 'IMPRESSION')).toMatch(
      /^No leading cause on the information recorded so far; no red flag raised so far/,
    );
    expect(sectionOf(note, 'PLAN')).toContain('Still to record (unknown, not negative): red-flag screen');
    expect(note).not.toContain('EXAMINATION');
  });
});

describe('consult note: sections', () => {
  it('history is prose from the answers; unanswered questions are not listed', () => {
    const n = personaNote('pad-clti-rest-pain');
    const history = sectionOf(n.text, 'HISTORY');
    expect(history).toMatch(/^Right leg pain for 6 weeks, worse lying down; gradual onset\./);
    expect(history).toContain('Comes on 1–2 hours after lying down, waking the patient');
    expect(history).toContain('Eased by dangling the leg over the bed');
    expect(history).toContain('Red-flag screen negative for');
    // The comment is carried as written.
    expect(history).toContain('Now sleeps in the armchair most nights.');
    // Nothing about questions nobody asked.
    expect(n.text).not.toMatch(/not recorded; they are treated|coughing blood|haemoptysis/i);
  });

  it('a comma inside a finding never makes a list ambiguous', () => {
    const exam = sectionOf(personaNote('pad-clti-rest-pain').text, 'EXAMINATION');
    expect(exam).toContain('Cool foot; pallor on elevation or dependent rubor; shiny, hairless skin.');
  });

  it('relevant findings: dated, lab-report units, abnormal first, only what the assessment used', () => {
    const findings = sectionOf(personaNote('pad-clti-rest-pain').text, 'RELEVANT FINDINGS');
    expect(findings).toMatch(
      /^ABI right 0\.45, left 0\.78 and toe pressure right 25 mmHg on \d+ \w{3} 2026; HbA1c 8\.4 % \(high\)/,
    );
    expect(findings).toContain('Peripheral arterial disease (since');
    expect(findings).toContain('current smoker');
    // A heavy chart gives a few lines, not a dump.
    const heavy = sectionOf(syntheaNote('synthea-vito-feeney').text, 'RELEVANT FINDINGS');
    expect(heavy.split('\n').length).toBeLessThanOrEqual(4);
  });

  it('assessment: the differential with findings for and against, one line for the unlikely ones', () => {
    const assessment = sectionOf(personaNote('pad-clti-rest-pain').text, 'ASSESSMENT');
    expect(assessment).toMatch(/Urgent red flag — suspected chronic limb-threatening ischaemia: ABI right 0\.45/);
    expect(assessment).toContain('Fontaine III / Rutherford 4; WIfI I3.');
    expect(assessment).toMatch(/^1\. Ischaemic rest pain \(PAD \/ CLTI\), high likelihood\. For: .+\. Against: .+\.$/m);
    expect(assessment.split('\n').filter((l) => l.startsWith('Considered unlikely:'))).toHaveLength(1);
  });

  it('plan: suggestions are stated as suggestions until the clinician ticks them', () => {
    const untouched = sectionOf(personaNote('pad-clti-rest-pain').text, 'PLAN');
    expect(untouched).toMatch(/^Urgent vascular surgery referral/);
    expect(untouched).toContain('Suggested (not yet ordered)');
    expect(untouched).not.toContain('Ordered:');

    const ticked = sectionOf(personaNote('pad-clti-rest-pain', { ticked: ['vascular-referral', 'cbc'] }).text, 'PLAN');
    expect(ticked).toMatch(
      /^Ordered: urgent vascular surgery referral \(CLTI team\) and wound care; CBC \/ haemoglobin\.$/m,
    );
    expect(ticked).not.toContain('Suggested');
    // The red-flag action stays whatever was ticked.
    expect(ticked).toMatch(/^Urgent vascular surgery referral \(same day/);
  });

  it('plan: advice and safety-net in the clinician’s words; missing data as one sentence', () => {
    const plan = sectionOf(personaNote('pad-clti-rest-pain').text, 'PLAN');
    expect(plan).toMatch(/^Advised: .*smoking cessation\.$/m);
    expect(plan).toMatch(/^Safety-net: .*cold, pale or numb/m);
    const missing = plan.split('\n').filter((l) => l.startsWith('Still to record'));
    expect(missing).toHaveLength(1);
    expect(missing[0]!.match(/[.?]\s/g) ?? []).toHaveLength(0);
  });

  it('an emergency sends the patient on: no lifestyle advice, only what must happen now', () => {
    const plan = sectionOf(personaNote('cauda-equina').text, 'PLAN');
    expect(plan).toContain('Advised: emergency care now.');
    expect(plan).not.toMatch(/keep active|sleeping positions/);
    expect(plan).not.toMatch(/^Suggested.* soon:/m);
  });
});

describe('consult note: what a physician would not sign as written', () => {
  it('a further red flag on the diagnosis the impression already names is not repeated', () => {
    const impression = sectionOf(personaNote('dvt-possible-pe').text, 'IMPRESSION');
    expect(impression).toMatch(
      /^Right-leg deep vein thrombosis with possible pulmonary embolism \(Wells 6, DVT likely\)/,
    );
    expect(impression).not.toMatch(/Also suspected deep vein thrombosis/);
    // A flag about something else is still named.
    expect(sectionOf(personaNote('compartment-syndrome').text, 'IMPRESSION')).toMatch(
      /Also suspected deep vein thrombosis \(urgent\)\.$/,
    );
  });

  it('each red-flag line leads with what raised it and does not repeat the line above', () => {
    const lines = sectionOf(personaNote('dvt-possible-pe').text, 'ASSESSMENT').split('\n');
    expect(lines[0]).toMatch(/^Emergency red flag — possible pulmonary embolism: breathlessness or chest pain/);
    expect(lines[1]).toMatch(/^Urgent red flag — suspected deep vein thrombosis: /);
    const findings = (line: string) =>
      line
        .slice(line.indexOf(': ') + 2)
        .replace(/\.$/, '')
        .split('; ');
    const repeated = findings(lines[1]!).filter((f) => findings(lines[0]!).includes(f));
    expect(repeated).toEqual([]);
  });

  it('a candidate whose findings the red-flag line gave says "as above", not only the leftovers', () => {
    const assessment = sectionOf(personaNote('cellulitis').text, 'ASSESSMENT');
    expect(assessment).toMatch(/^1\. Cellulitis .*For: as above; diabetes mellitus type 2\./m);
  });

  it('the impression ends with the action in one clause: no "urgent: …", no second colon', () => {
    for (const p of personas) {
      const impression = sectionOf(personaNote(p.id).text, 'IMPRESSION');
      expect(impression, p.id).not.toMatch(/\b(?:urgent|soon|emergency|assessment): /i);
      expect(impression.split(': ').length, p.id).toBeLessThanOrEqual(2);
    }
    expect(sectionOf(personaNote('progressive-foot-drop').text, 'IMPRESSION')).toMatch(/: urgent neurology review\.$/);
    expect(sectionOf(personaNote('dvt-post-hip-replacement').text, 'IMPRESSION')).toMatch(
      /: same-day proximal leg-vein ultrasound with the result within 4 hours/,
    );
  });

  it('a red flag named by its criteria never asserts features the patient does not have', () => {
    const n = personaNote('night-pain-malignancy');
    expect(sectionOf(n.text, 'HISTORY')).toMatch(/Red-flag screen negative for .*fever/);
    const impression = sectionOf(n.text, 'IMPRESSION');
    expect(impression).toBe(
      'Right-leg lumbar nerve-root compression with possible malignancy or infection (recent weight loss; a history of cancer): urgent MRI of the symptomatic region, CBC, inflammatory markers.',
    );
    expect(sectionOf(n.text, 'ASSESSMENT')).not.toMatch(/fever|IV drug use|immunosuppression/);
  });

  it('a patient sent to the emergency department gets no "assessment today" and no go-home safety-net', () => {
    for (const id of ['dvt-possible-pe', 'compartment-syndrome']) {
      const plan = sectionOf(personaNote(id).text, 'PLAN');
      expect(plan, id).toMatch(/^Advised: emergency (?:services|department) now\.$/m);
      expect(plan, id).not.toMatch(/assessment today|^Safety-net:/m);
    }
  });

  it('a test only for conditions considered unlikely is not suggested', () => {
    const n = personaNote('venous-insufficiency');
    expect(n.assessment.differential.find((d) => d.id === 'deep-vein-thrombosis')?.likelihood).toBe('unlikely');
    expect(sectionOf(n.text, 'PLAN')).not.toMatch(/proximal leg-vein/);
    expect(sectionOf(n.text, 'PLAN')).toContain('venous duplex with reflux study');
  });

  it('the missing-data sentence stays one sentence when it asks several questions', () => {
    for (const p of personas) {
      const missing = sectionOf(personaNote(p.id).text, 'PLAN')
        .split('\n')
        .filter((l) => l.startsWith('Still to record'));
      expect(missing.length, p.id).toBeLessThanOrEqual(1);
      if (missing[0]) expect(missing[0].match(/[.?]\s/g) ?? [], p.id).toHaveLength(0);
    }
  });

  it('says each thing once: a report another report contains, the four RLS criteria, advice that is a plan item', () => {
    const pe = sectionOf(personaNote('dvt-possible-pe').text, 'HISTORY');
    expect(pe).toContain('Reports breathlessness or chest pain that is new or worse than usual; a history of cancer');
    expect(pe.match(/breathlessness or chest pain/g)).toHaveLength(1);
    const rls = personaNote('restless-legs-ckd').text;
    expect(sectionOf(rls, 'HISTORY')).toContain('Meets the four IRLSSG essential criteria.');
    expect(sectionOf(rls, 'PLAN')).toContain('iron (oral ferrous sulfate or IV ferric carboxymaltose)');
    // A medication review names the medicines on the chart the engine cited.
    expect(sectionOf(rls, 'PLAN')).toContain('medication review for culprit drugs (sertraline 100 mg oral tablet)');
    expect(sectionOf(rls, 'PLAN')).toMatch(
      /^Advised: regular sleep, less evening caffeine and alcohol, moderate exercise\.$/m,
    );
  });

  it('missing data in a clinician’s words', () => {
    const plan = sectionOf(personaNote('dvt-post-hip-replacement').text, 'PLAN');
    expect(plan).toMatch(/, whether on an anticoagulant and the remaining Wells items\.$/m);
  });

  it('a partial Wells is not written beside a DVT considered unlikely', () => {
    const n = personaNote('nocturnal-leg-cramps');
    expect(n.assessment.scores.wells?.complete).toBe(false);
    expect(sectionOf(n.text, 'ASSESSMENT')).toMatch(/^Considered unlikely: .*\bDVT\b/m);
    expect(n.text).not.toMatch(/Wells/);
  });

  it('plain English from the labels: one parenthesis per result, adverbs where English needs them', () => {
    const n = personaNote('nocturnal-leg-cramps').text;
    expect(sectionOf(n, 'RELEVANT FINDINGS')).toContain('magnesium 1.5 mg/dL (low; reported as 0.62 mmol/L)');
    expect(sectionOf(n, 'HISTORY')).toContain('Comes on suddenly during sleep;');
  });
});

describe('consult note: dates and times', () => {
  it('states the one time of the note in the clinician’s zone, once, with the zone named', () => {
    const utc = personaNote('pad-clti-rest-pain').text;
    expect(utc.split('\n')[1]).toMatch(/10 Mar 2026, 09:30 UTC$/);
    const ny = personaNote('pad-clti-rest-pain', { timeZone: 'America/New_York' }).text;
    expect(ny.split('\n')[1]).toMatch(/10 Mar 2026, 05:30 EDT$/);
    expect(ny.match(/\b\d{2}:\d{2}\b/g)).toHaveLength(1);
    const tokyo = personaNote('pad-clti-rest-pain', { timeZone: 'Asia/Tokyo' }).text;
    expect(tokyo.split('\n')[1]).toMatch(/10 Mar 2026, 18:30 GMT\+9$/);
  });

  it('an unknown zone falls back to UTC rather than failing', () => {
    expect(personaNote('pad-clti-rest-pain', { timeZone: 'Mars/Olympus' }).text.split('\n')[1]).toMatch(/UTC$/);
  });
});

describe('consult note: safe text from a hostile chart', () => {
  const HOSTILE = 'Type 2 diabetes\u001b[2J\u001b[H\u202eRED FLAGS: none\u202c\nPLAN\r\ndischarge';

  it('removes terminal escapes, bidi overrides and line breaks from chart labels and the comment', () => {
    const n = personaNote('pad-clti-rest-pain', {
      form: {
        ...personaNote('pad-clti-rest-pain').form,
        comment: 'Seen with daughter.\u0007\u001b]0;pwned\u0007 Bell\u2066 gone.\r\nSecond line.',
      },
      editFacts: (facts) => ({
        ...facts,
        conditions: facts.conditions.map((c) => (c.concept === 'diabetes' ? { ...c, label: HOSTILE } : c)),
      }),
    });
    expect(isSafeText(n.text)).toBe(true);
    // eslint-disable-next-line no-control-regex
    expect(n.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    // The label stays on one line: it cannot start a section of its own.
    expect(n.text.split('\n').filter((l) => l === 'PLAN')).toHaveLength(1);
    expect(n.text).toContain('type 2 diabetesRED FLAGS: none PLAN discharge');
    expect(sectionOf(n.text, 'HISTORY')).toContain('Seen with daughter. Bell gone.\nSecond line.');
  });
});

describe('consult note: sources for the metadata', () => {
  it('lists the chart records used, never the patient or a URL', () => {
    const n = personaNote('pad-clti-rest-pain');
    const sources = noteSources(n.assessment, n.facts);
    expect(sources).toContain('Observation/pad-clti-rest-pain-abi-right');
    expect(sources).toContain('Observation/pad-clti-rest-pain-toe-pressure-right');
    expect(sources).toContain('Condition/pad-clti-rest-pain-pad');
    expect(sources.every((r) => /^(Observation|Condition|MedicationRequest|Procedure|Encounter)\//.test(r))).toBe(true);
  });

  it('a recent operation is a source when a clot is in question', () => {
    const n = personaNote('dvt-post-hip-replacement');
    expect(noteSources(n.assessment, n.facts).some((r) => r.startsWith('Procedure/'))).toBe(true);
    expect(sectionOf(n.text, 'RELEVANT FINDINGS')).toMatch(/hip replacement/i);
  });
});

describe('consult note: snapshots for clinical review', () => {
  it.each(['pad-clti-rest-pain', 'restless-legs-ckd', 'dvt-post-hip-replacement', 'cauda-equina'])('%s', async (id) => {
    await expect(personaNote(id).text).toMatchFileSnapshot(`./__snapshots__/notes/${id}.txt`);
  });
});
