/**
 * `npm run assess`: the clinical core without a browser (architecture §3.4).
 *
 *   npm run assess -- --bundle <Bundle.json> --form <form.json> [--now <ISO>] [--format json|text|fhir]
 *   npm run assess -- --persona <id> [--form <form.json>] [--now <ISO>] [--format …]
 *   npm run assess -- --form-schema
 *
 * Why a module with injected IO and not a script: tests drive every path in-process (fast, no spawn per case), and
 * `scripts/assess.ts` stays a three-line shell. Why problems are collected and not thrown: a clinician or integrator
 * fixing an input wants every problem at once, one line each, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import type { Bundle } from 'fhir/r4';
import { mapChart } from '../../fhir-mappings/index';
import { parseLocalCodes, type LocalCodeConfig } from '../../fhir-mappings/local-codes';
import { renderNoteText } from '../../fhir-mappings/write-back/note-text';
import { assess } from '../../lib/engine/index';
import { isTimeZone } from '../../lib/engine/format';
import { ENGLISH_ISSUES } from '../../lib/core/english-issues';
import { safeText } from '../../lib/core/safe-text';
import { formJsonSchema } from '../../lib/form/json-schema';
import { formSchema, type FormAnswers } from '../../lib/form/schema';
import { getPersona, personas } from '../../mocks/personas/index';

/** Where the CLI reads and writes. Tests capture it; `scripts/assess.ts` wires it to the process. */
export interface CliIo {
  /** Writes a whole document (JSON or text) to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes one line (no trailing newline needed) to standard error. */
  readonly stderr: (line: string) => void;
  /** Reads a UTF-8 file; defaults to `fs.readFileSync`. */
  readonly readFile?: (path: string) => string;
  /** The clock used when `--now` is absent (the engine itself never reads a clock). */
  readonly now?: () => Date;
}

/** Exit codes: 0 ok, 1 bad input (files, JSON, schema), 2 bad usage (options), 70 internal error. */
export const EXIT = { ok: 0, badInput: 1, usage: 2, internal: 70 } as const;

const FORMATS = ['json', 'text', 'fhir'] as const;
type Format = (typeof FORMATS)[number];

const VALUE_OPTIONS = [
  'bundle',
  'form',
  'persona',
  'now',
  'format',
  'local-codes',
  'profile',
  'encounter',
  'author',
  'note-type',
  'tz',
] as const;
const FLAG_OPTIONS = ['form-schema', 'list-personas', 'help'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
type FlagOption = (typeof FLAG_OPTIONS)[number];

export const USAGE = `Usage:
  npm run assess -- --bundle <Bundle.json> --form <form.json> [--now <ISO date>] [--format json|text|fhir]
  npm run assess -- --persona <id> [--form <form.json>] [--now <ISO date>] [--format json|text|fhir]
  npm run assess -- --form-schema
  npm run assess -- --list-personas

Options:
  --bundle <file>          FHIR R4 Bundle (searchset, collection or transaction) holding the patient's chart
  --form <file>            the symptom & exam form as JSON ({} = nothing recorded yet); see --form-schema
  --persona <id>           use a synthetic persona's chart (and its form, unless --form is given)
  --now <ISO date>         the clock for the assessment (default: the current time)
  --format json|text|fhir  json: the Assessment (default); text: the clinical note; fhir: the resources to write
  --local-codes <file>     site-specific codes (JSON) the mappings should recognise, e.g. a flowsheet ABI row
  --tz <IANA time zone>    the zone the note's date and time are written in, e.g. Europe/London (default UTC)
  --profile, --encounter, --author, --note-type   write-back options for --format fhir
  --form-schema            print the form's JSON Schema and exit
  --list-personas          print the personas' ids and stories and exit
  --help                   print this help`;

interface ParsedArgs {
  readonly values: Partial<Record<ValueOption, string>>;
  readonly flags: ReadonlySet<FlagOption>;
  readonly problems: readonly string[];
}

function isValueOption(name: string): name is ValueOption {
  return (VALUE_OPTIONS as readonly string[]).includes(name);
}
function isFlagOption(name: string): name is FlagOption {
  return (FLAG_OPTIONS as readonly string[]).includes(name);
}

/** Parses `--name value`, `--name=value` and `--flag`; collects every problem instead of stopping at the first. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const values: Partial<Record<ValueOption, string>> = {};
  const flags = new Set<FlagOption>();
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      problems.push(`unexpected argument "${arg}" (options start with --; see --help)`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (isFlagOption(name)) {
      if (eq !== -1) problems.push(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!isValueOption(name)) {
      problems.push(`unknown option --${name} (see --help)`);
      if (eq === -1 && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') {
      problems.push(`--${name} needs a value`);
      continue;
    }
    if (values[name] !== undefined) problems.push(`--${name} given more than once`);
    values[name] = value;
  }
  return { values, flags, problems };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Parses `--now`. A date alone means midnight UTC; a date-time without an offset is taken as UTC (a CLI run must
 * not depend on the machine's time zone). Impossible dates such as 2026-02-30 are rejected, not rolled over.
 */
export function parseNow(text: string): Date | string {
  const m = ISO_DATE.exec(text);
  if (!m) return `--now "${text}" is not an ISO 8601 date or date-time (e.g. 2026-03-10 or 2026-03-10T09:30:00Z)`;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const probe = new Date(Date.UTC(Number(y), month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return `--now "${text}" is not a real calendar date`;
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return `--now "${text}" has an impossible time of day`;
  const normalised = m[4] === undefined ? `${text}T00:00:00Z` : zone === undefined ? `${text}Z` : text;
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? `--now "${text}" could not be read as a date` : date;
}

/** Reads and parses a JSON file, or returns the one-line problem. */
function readJson(
  io: CliIo,
  option: string,
  file: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  let text: string;
  try {
    text = (io.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot read file (${code ?? (error as Error).message})`;
    return { ok: false, problem: `${option} ${file}: ${reason}` };
  }
  try {
    // A UTF-8 byte-order mark is what Windows editors (and PowerShell's Out-File) put first; it is not JSON text,
    // but the file is: drop it rather than reject a file that every editor shows as valid.
    return { ok: true, value: JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown };
  } catch (error) {
    return { ok: false, problem: `${option} ${file}: not valid JSON (${oneLine((error as Error).message)})` };
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const BUNDLE_TYPES = [
  'searchset',
  'collection',
  'transaction',
  'batch',
  'transaction-response',
  'batch-response',
  'history',
  'document',
  'message',
];

/** Checks the JSON is a FHIR Bundle the mappers can read; returns one line per problem. */
export function bundleProblems(value: unknown, label: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [`${label}: not a FHIR Bundle (expected a JSON object with "resourceType": "Bundle")`];
  }
  const v = value as { resourceType?: unknown; type?: unknown; entry?: unknown };
  if (v.resourceType !== 'Bundle') {
    const found = typeof v.resourceType === 'string' ? `a ${v.resourceType}` : 'no resourceType';
    return [`${label}: not a FHIR Bundle (found ${found}; wrap resources in a Bundle of type collection)`];
  }
  const problems: string[] = [];
  if (typeof v.type !== 'string' || !BUNDLE_TYPES.includes(v.type)) {
    problems.push(`${label}: Bundle.type ${JSON.stringify(v.type) ?? 'is missing'} is not a FHIR Bundle type`);
  }
  if (v.entry !== undefined && !Array.isArray(v.entry)) problems.push(`${label}: Bundle.entry must be an array`);
  return problems;
}

/** One line per zod issue, with its dotted path. */
export function formProblems(value: unknown, label: string): { form?: FormAnswers; problems: string[] } {
  const result = formSchema.safeParse(value, ENGLISH_ISSUES);
  if (result.success) return { form: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(form)';
      return `${label}: ${path}: ${oneLine(issue.message)}`;
    }),
  };
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** The whole CLI. Never throws: every failure becomes stderr lines and a non-zero exit code. */
export async function runAssessCli(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (code: number, problems: readonly string[]): number => {
    for (const p of problems) io.stderr(`assess: ${p}`);
    return code;
  };
  try {
    const { values, flags, problems } = parseArgs(argv);
    if (flags.has('help')) {
      io.stdout(`${USAGE}\n`);
      return problems.length ? fail(EXIT.usage, problems) : EXIT.ok;
    }
    if (problems.length) return fail(EXIT.usage, [...problems, 'run with --help for usage']);
    if (flags.has('form-schema')) {
      io.stdout(`${JSON.stringify(formJsonSchema(), null, 2)}\n`);
      return EXIT.ok;
    }
    if (flags.has('list-personas')) {
      io.stdout(`${personas.map((p) => `${p.id.padEnd(28)} ${p.name.padEnd(20)} ${p.story}`).join('\n')}\n`);
      return EXIT.ok;
    }

    const usage: string[] = [];
    if (values.bundle === undefined && values.persona === undefined) {
      usage.push('give --bundle <file> or --persona <id>');
    }
    if (values.bundle !== undefined && values.persona !== undefined) usage.push('give --bundle or --persona, not both');
    if (values.bundle !== undefined && values.form === undefined) {
      usage.push('--form <file> is required with --bundle (a file containing {} means nothing recorded yet)');
    }
    const format = values.format ?? 'json';
    if (!isFormat(format)) usage.push(`--format "${format}" is not one of ${FORMATS.join(', ')}`);
    const fhirOnly = (['profile', 'encounter', 'author', 'note-type'] as const).filter((o) => values[o] !== undefined);
    if (fhirOnly.length && format !== 'fhir') {
      usage.push(`${fhirOnly.map((o) => `--${o}`).join(', ')} only apply to --format fhir`);
    }
    const persona = values.persona === undefined ? undefined : getPersona(values.persona);
    if (values.persona !== undefined && !persona) {
      usage.push(`--persona "${values.persona}" is not a known persona (see --list-personas)`);
    }
    const timeZone = values.tz;
    if (timeZone !== undefined) {
      if (format === 'json') usage.push('--tz only applies to --format text or fhir (the note)');
      else if (!isTimeZone(timeZone))
        usage.push(`--tz "${timeZone}" is not an IANA time zone (e.g. Europe/London, America/New_York, UTC)`);
    }
    let now: Date | undefined;
    if (values.now !== undefined) {
      const parsed = parseNow(values.now);
      if (typeof parsed === 'string') usage.push(parsed);
      else now = parsed;
    }
    if (usage.length) return fail(EXIT.usage, usage);

    const input: string[] = [];
    let bundle: unknown;
    if (values.bundle !== undefined) {
      const read = readJson(io, '--bundle', values.bundle);
      if (!read.ok) input.push(read.problem);
      else {
        input.push(...bundleProblems(read.value, `--bundle ${values.bundle}`));
        bundle = read.value;
      }
    }
    let form: FormAnswers | undefined = persona?.form;
    if (values.form !== undefined) {
      const read = readJson(io, '--form', values.form);
      if (!read.ok) input.push(read.problem);
      else {
        const checked = formProblems(read.value, `--form ${values.form}`);
        input.push(...checked.problems);
        form = checked.form;
      }
    }
    let localCodes: LocalCodeConfig | undefined;
    if (values['local-codes'] !== undefined) {
      const file = values['local-codes'];
      const read = readJson(io, '--local-codes', file);
      if (!read.ok) input.push(read.problem);
      else {
        const parsed = parseLocalCodes(read.value);
        if (parsed.ok) localCodes = parsed.config;
        else input.push(...parsed.errors.map((e) => `--local-codes ${file}: ${oneLine(e)}`));
      }
    }
    if (input.length || !form) return fail(EXIT.badInput, input);

    const clock = now ?? (io.now ?? (() => new Date()))();
    const chart = (bundle ?? persona!.build(clock)) as Bundle;
    const mapped = mapChart({ bundle: chart }, { now: clock, ...(localCodes ? { localCodes } : {}) });
    // Defensive: the Bundle was checked above, but the mappers have the last word on what they can read.
    if (mapped.error) {
      const label = values.bundle === undefined ? `persona ${values.persona}` : `--bundle ${values.bundle}`;
      return fail(EXIT.badInput, [`${label}: ${oneLine(mapped.error)}`]);
    }
    const assessment = assess(mapped.facts, form, { now: clock });

    if (format === 'json') {
      io.stdout(`${JSON.stringify(assessment, null, 2)}\n`);
      return EXIT.ok;
    }
    if (format === 'text') {
      const { name, birthDate, sex } = mapped.patient;
      const patient = { ...(name ? { name } : {}), ...(birthDate ? { birthDate } : {}), ...(sex ? { sex } : {}) };
      const note = renderNoteText({
        assessment,
        form,
        facts: mapped.facts,
        patient,
        context: { appVersion: APP_VERSION, ...(timeZone ? { timeZone } : {}) },
      });
      // The note is safe text already; the terminal gets the same guarantee whatever produced the string.
      io.stdout(safeText(note));
      return EXIT.ok;
    }
    // Loaded only here: the validator reads the R4 definitions from disk, which json/text never need.
    const { assessCliWriteBack } = await import('../../fhir-mappings/write-back/cli');
    const result = await assessCliWriteBack({
      assessment,
      form,
      facts: mapped.facts,
      bundle: chart,
      now: clock.toISOString(),
      appVersion: APP_VERSION,
      ...(values.profile !== undefined ? { profile: values.profile } : {}),
      ...(values.encounter !== undefined ? { encounter: values.encounter } : {}),
      ...(values.author !== undefined ? { author: values.author } : {}),
      ...(values['note-type'] !== undefined ? { noteType: values['note-type'] } : {}),
      ...(timeZone ? { timeZone } : {}),
    });
    if (!result.ok) return fail(EXIT.badInput, result.errors);
    for (const w of result.warnings) io.stderr(`assess: warning: ${w}`);
    io.stdout(`${JSON.stringify(result.bundle, null, 2)}\n`);
    return EXIT.ok;
  } catch (error) {
    // A bug, not bad input: still one line, no stack trace, and a distinct exit code.
    return fail(EXIT.internal, [`internal error: ${oneLine(error instanceof Error ? error.message : String(error))}`]);
  }
}

/** Nocturne's version, stamped into written notes. Kept in step with package.json by a unit test. */
export const APP_VERSION = '0.1.0';
