/**
 * The consult note for a persona, through the real mappers, the real engine and the real renderer (as the CLI and the
 * workspace produce it), with a fixed clock so notes are stable enough to snapshot.
 */
import type { Bundle } from 'fhir/r4';
import { mapChart } from '@/fhir-mappings/index';
import { renderNoteText, type RenderNoteInput } from '@/fhir-mappings/write-back';
import { assess } from '@/lib/engine/index';
import type { Assessment } from '@/lib/engine/assessment';
import type { ChartFacts } from '@/lib/engine/facts';
import type { FormAnswers } from '@/lib/form/schema';
import { getPersona } from '@/mocks/personas';
import { loadSynthea } from '@/mocks/personas/synthea';

export const NOW = new Date('2026-03-10T09:30:00Z');

export interface PersonaNote {
  readonly text: string;
  readonly assessment: Assessment;
  readonly facts: ChartFacts;
  readonly form: FormAnswers;
}

export interface NoteOptions {
  readonly form?: FormAnswers;
  readonly timeZone?: string;
  readonly ticked?: readonly string[];
  /** Changes the mapped chart before the engine runs (a hostile label, a missing section). */
  readonly editFacts?: (facts: ChartFacts) => ChartFacts;
}

function noteFrom(bundle: Bundle, form: FormAnswers, options: NoteOptions): PersonaNote {
  const mapped = mapChart({ bundle }, { now: NOW });
  const facts = options.editFacts ? options.editFacts(mapped.facts) : mapped.facts;
  const assessment = assess(facts, form, { now: NOW });
  const { name, birthDate, sex } = mapped.patient;
  const input: RenderNoteInput = {
    assessment,
    form,
    facts,
    patient: { ...(name ? { name } : {}), ...(birthDate ? { birthDate } : {}), ...(sex ? { sex } : {}) },
    context: { appVersion: '0.1.0', ...(options.timeZone ? { timeZone: options.timeZone } : {}) },
    ...(options.ticked ? { plan: { ticked: options.ticked } } : {}),
  };
  return { text: renderNoteText(input), assessment, facts, form };
}

export function personaNote(id: string, options: NoteOptions = {}): PersonaNote {
  const persona = getPersona(id);
  if (!persona) throw new Error(`unknown persona ${id}`);
  return noteFrom(persona.build(NOW), options.form ?? persona.form, options);
}

export function syntheaNote(id: string, options: NoteOptions = {}): PersonaNote {
  return noteFrom(loadSynthea(id), options.form ?? {}, options);
}

/** The body of one section (the lines under its heading, up to the next blank line). */
export function sectionOf(note: string, title: string): string {
  const start = note.indexOf(`\n${title}\n`);
  if (start === -1) return '';
  const rest = note.slice(start + title.length + 2);
  const end = rest.indexOf('\n\n');
  return end === -1 ? rest : rest.slice(0, end);
}
