/**
 * The `assess` CLI (architecture §3.4, issue 2 §5), driven in-process through `runAssessCli` with real files in a
 * temporary directory, plus one real `npx tsx scripts/assess.ts` run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONDITION_IDS, type Assessment } from '@/lib/engine/assessment';
import { getPersona, LOCAL_ABI_CODING, personas, synthea } from '@/mocks/personas';
import { APP_VERSION, EXIT, parseArgs, parseNow, runAssessCli } from '@/scripts/lib/assess-cli';

const NOW = '2026-03-10T09:30:00Z';
const dir = mkdtempSync(path.join(tmpdir(), 'nocturne-assess-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAssessCli(argv, {
    stdout: (t) => out.push(t),
    stderr: (l) => err.push(l),
    now: () => new Date(NOW),
  });
  return { code, stdout: out.join(''), stderr: err };
}

const pad = getPersona('pad-clti-rest-pain')!;
const padBundle = file('pad.json', pad.build(new Date(NOW)));
const padForm = file('pad-form.json', pad.form);
const emptyForm = file('empty-form.json', {});

/** No stack frames, no "Error:" dumps: every stderr line is one of ours. */
function expectCleanErrors(stderr: readonly string[]) {
  expect(stderr.length).toBeGreaterThan(0);
  for (const line of stderr) {
    expect(line).toMatch(/^assess: /);
    expect(line).not.toMatch(/\n|^\s+at /);
  }
}

describe('assess CLI: success paths', () => {
  it('prints the Assessment as JSON for a Bundle and a form', async () => {
    const { code, stdout, stderr } = await cli('--bundle', padBundle, '--form', padForm, '--now', NOW);
    expect(stderr).toEqual([]);
    expect(code).toBe(EXIT.ok);
    const a = JSON.parse(stdout) as Assessment;
    expect(a.generatedAt).toBe(new Date(NOW).toISOString());
    expect(a.differential[0]?.id).toBe('pad-ischemic-rest-pain');
    expect(a.redFlags.map((r) => r.id)).toContain('chronic-limb-threatening-ischemia');
  });

  it('accepts {} as the form (nothing recorded yet) and still lists missing data', async () => {
    const empty = file('empty-chart.json', getPersona('empty-chart')!.build(new Date(NOW)));
    const { code, stdout } = await cli('--bundle', empty, '--form', emptyForm, '--now', '2026-03-10');
    expect(code).toBe(EXIT.ok);
    const a = JSON.parse(stdout) as Assessment;
    expect(a.redFlags).toEqual([]);
    expect(a.missingData.length).toBeGreaterThan(0);
    expect(a.generatedAt).toBe('2026-03-10T00:00:00.000Z');
  });

  it('reads searchset and transaction Bundles too (a server search result, a Synthea export)', async () => {
    const collection = pad.build(new Date(NOW));
    const searchset = file('searchset.json', {
      resourceType: 'Bundle',
      type: 'searchset',
      total: collection.entry?.length,
      entry: collection.entry?.map((e) => ({ ...e, search: { mode: 'match' } })),
    });
    const fromSearch = await cli('--bundle', searchset, '--form', padForm, '--now', NOW);
    expect(fromSearch.code).toBe(EXIT.ok);
    expect((JSON.parse(fromSearch.stdout) as Assessment).scores.abi?.right?.value).toBe(0.45);

    const renato = path.resolve(__dirname, '../../..', synthea.find((s) => s.id === 'synthea-renato-dare')!.file);
    const fromSynthea = await cli('--bundle', renato, '--form', emptyForm, '--now', '2019-06-01');
    expect(fromSynthea.code).toBe(EXIT.ok);
    const a = JSON.parse(fromSynthea.stdout) as Assessment;
    const dpn = a.differential.find((d) => d.id === 'diabetic-peripheral-neuropathy')!;
    expect(dpn.supporting.some((e) => e.source === 'fhir')).toBe(true);
  });

  it('prints the clinician-readable note with --format text', async () => {
    const { code, stdout } = await cli('--persona', 'dvt-possible-pe', '--now', NOW, '--format', 'text');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/red flag/i);
    expect(stdout).toMatch(/pulmonary embolism/i);
    expect(stdout).toMatch(/decision support/i);
    expect(() => JSON.parse(stdout) as unknown).toThrow();
  });

  it('runs a persona with its own form, or with a form file instead', async () => {
    const own = await cli('--persona', 'restless-legs-ckd', '--now', NOW);
    expect((JSON.parse(own.stdout) as Assessment).differential[0]?.id).toBe('restless-legs-syndrome');
    const overridden = await cli('--persona', 'restless-legs-ckd', '--form', emptyForm, '--now', NOW);
    expect((JSON.parse(overridden.stdout) as Assessment).scores.irlssg?.criteriaMet ?? 0).toBe(0);
  });

  it('uses the injected clock when --now is absent', async () => {
    const { stdout } = await cli('--persona', 'lumbar-stenosis');
    expect((JSON.parse(stdout) as Assessment).generatedAt).toBe(new Date(NOW).toISOString());
  });

  it('prints the form JSON Schema with --form-schema', async () => {
    const { code, stdout } = await cli('--form-schema');
    expect(code).toBe(EXIT.ok);
    const schema = JSON.parse(stdout) as { type: string; properties: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['onset', 'exam', 'irlssg', 'measurements']));
  });

  it('lists the personas and prints help', async () => {
    const list = await cli('--list-personas');
    expect(list.code).toBe(EXIT.ok);
    expect(list.stdout).toContain('pad-clti-rest-pain');
    const help = await cli('--help');
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain('--form-schema');
  });

  it('applies site local codes from --local-codes', async () => {
    const bundle = file('local.json', getPersona('local-code-abi')!.build(new Date(NOW)));
    const form = file('local-form.json', getPersona('local-code-abi')!.form);
    const without = JSON.parse((await cli('--bundle', bundle, '--form', form, '--now', NOW)).stdout) as Assessment;
    expect(without.scores.abi?.right).toBeUndefined();
    const codes = file('codes.json', { abi: { codes: [{ ...LOCAL_ABI_CODING, side: 'right' }] } });
    const withCodes = await cli('--bundle', bundle, '--form', form, '--now', NOW, '--local-codes', codes);
    expect(withCodes.code).toBe(EXIT.ok);
    expect((JSON.parse(withCodes.stdout) as Assessment).scores.abi?.right?.value).toBe(0.62);
  });

  it('prints the write-back transaction Bundle with --format fhir', async () => {
    const { code, stdout, stderr } = await cli(
      '--persona',
      'pad-clti-rest-pain',
      '--now',
      NOW,
      '--format',
      'fhir',
      '--author',
      'Practitioner/practitioner-amara-okafor',
    );
    expect(stderr.filter((l) => !l.startsWith('assess: warning:'))).toEqual([]);
    expect(code).toBe(EXIT.ok);
    const bundle = JSON.parse(stdout) as {
      resourceType: string;
      type: string;
      entry: { resource: { resourceType: string } }[];
    };
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toContain('DocumentReference');
  }, 30_000); // loads the FHIR R4 definitions to validate the resources: seconds on a busy 2-core machine
});

describe('assess CLI: every persona', () => {
  it('gives an explained Assessment and a note for every persona, and for an empty form', async () => {
    for (const p of personas) {
      const json = await cli('--persona', p.id, '--now', NOW);
      expect(json.code, p.id).toBe(EXIT.ok);
      const a = JSON.parse(json.stdout) as Assessment;
      expect(a.differential, p.id).toHaveLength(CONDITION_IDS.length);
      expect(a.disclaimer.length).toBeGreaterThan(0);
      const text = await cli('--persona', p.id, '--now', NOW, '--format', 'text');
      expect(text.code, p.id).toBe(EXIT.ok);
      expect(text.stdout, p.id).toMatch(/DIFFERENTIAL/i);
      const empty = await cli('--persona', p.id, '--now', NOW, '--form', emptyForm);
      expect(empty.code, p.id).toBe(EXIT.ok);
    }
  });
});

describe('assess CLI: bad input exits non-zero with one clear line per problem', () => {
  it('unreadable files', async () => {
    const { code, stderr } = await cli('--bundle', path.join(dir, 'missing.json'), '--form', dir);
    expect(code).toBe(EXIT.badInput);
    expectCleanErrors(stderr);
    expect(stderr).toEqual([
      `assess: --bundle ${path.join(dir, 'missing.json')}: file not found`,
      `assess: --form ${dir}: is a directory, not a file`,
    ]);
  });

  it('accepts JSON files that start with a UTF-8 byte-order mark (Windows editors write one)', async () => {
    const bomBundle = file('bom-bundle.json', `\uFEFF${JSON.stringify(pad.build(new Date(NOW)))}`);
    const bomForm = file('bom-form.json', `\uFEFF${JSON.stringify(pad.form)}`);
    const { code, stdout, stderr } = await cli('--bundle', bomBundle, '--form', bomForm, '--now', NOW);
    expect(stderr).toEqual([]);
    expect(code).toBe(EXIT.ok);
    expect((JSON.parse(stdout) as Assessment).differential[0]?.id).toBe('pad-ischemic-rest-pain');
  });

  it('invalid JSON', async () => {
    const broken = file('broken.json', '{"resourceType": "Bundle",');
    const { code, stderr } = await cli('--bundle', broken, '--form', emptyForm);
    expect(code).toBe(EXIT.badInput);
    expectCleanErrors(stderr);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/--bundle .*broken\.json: not valid JSON/);
  });

  it('a form that fails the schema: one line per issue, with its path', async () => {
    const bad = file('bad-form.json', {
      measurements: { abiLeft: 87 },
      exam: { pulsesRight: 'weak' },
      colour: 'red',
    });
    const { code, stderr } = await cli('--bundle', padBundle, '--form', bad);
    expect(code).toBe(EXIT.badInput);
    expectCleanErrors(stderr);
    expect(stderr).toHaveLength(3);
    expect(stderr.some((l) => l.includes(': measurements.abiLeft: '))).toBe(true);
    expect(stderr.some((l) => l.includes(': exam.pulsesRight: '))).toBe(true);
    expect(stderr.some((l) => l.includes(': (form): ') && l.includes('colour'))).toBe(true);
  });

  it('a Bundle that is not a Bundle', async () => {
    const patient = file('patient.json', { resourceType: 'Patient', id: 'x' });
    const array = file('array.json', []);
    const noType = file('no-type.json', { resourceType: 'Bundle', entry: {} });
    for (const [f, pattern] of [
      [patient, /not a FHIR Bundle \(found a Patient/],
      [array, /not a FHIR Bundle/],
      [noType, /Bundle\.type/],
    ] as const) {
      const { code, stderr } = await cli('--bundle', f, '--form', emptyForm);
      expect(code).toBe(EXIT.badInput);
      expectCleanErrors(stderr);
      expect(stderr[0]).toMatch(pattern);
    }
    const { stderr } = await cli('--bundle', noType, '--form', emptyForm);
    expect(stderr).toHaveLength(2);
  });

  it('reports every input problem at once', async () => {
    const patient = file('patient2.json', { resourceType: 'Patient' });
    const bad = file('bad-form2.json', { side: 'middle' });
    const { code, stderr } = await cli('--bundle', patient, '--form', bad);
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toHaveLength(2);
  });

  it('invalid --now values', async () => {
    for (const now of ['yesterday', '2026-02-30', '2026-13-01', '2026-03-10T25:00:00Z', '10/03/2026']) {
      const { code, stderr } = await cli('--bundle', padBundle, '--form', emptyForm, '--now', now);
      expect(code, now).toBe(EXIT.usage);
      expectCleanErrors(stderr);
      expect(stderr[0]).toContain(`--now "${now}"`);
    }
  });

  it('usage problems: unknown options, missing values, missing inputs, bad format, unknown persona', async () => {
    const cases: [string[], RegExp][] = [
      [['--bundel', padBundle, '--form', emptyForm], /unknown option --bundel/],
      [['--bundle'], /--bundle needs a value/],
      [['--form', emptyForm], /give --bundle <file> or --persona <id>/],
      [['--bundle', padBundle], /--form <file> is required with --bundle/],
      [['--bundle', padBundle, '--persona', 'cauda-equina', '--form', emptyForm], /not both/],
      [['--persona', 'cauda-equina', '--format', 'xml'], /--format "xml" is not one of json, text, fhir/],
      [['--persona', 'nobody'], /--persona "nobody" is not a known persona/],
      [['--persona', 'cauda-equina', '--author', 'Practitioner/1'], /only apply to --format fhir/],
      [['stray'], /unexpected argument "stray"/],
    ];
    for (const [argv, pattern] of cases) {
      const { code, stderr } = await cli(...argv);
      expect(code, argv.join(' ')).toBe(EXIT.usage);
      expectCleanErrors(stderr);
      expect(stderr.join('\n'), argv.join(' ')).toMatch(pattern);
    }
  });

  it('invalid local codes: one line per problem', async () => {
    const codes = file('bad-codes.json', { abi: { codes: [{ system: '', code: 'ABI-R', side: 'up' }] }, nope: {} });
    const { code, stderr } = await cli('--persona', 'local-code-abi', '--local-codes', codes);
    expect(code).toBe(EXIT.badInput);
    expectCleanErrors(stderr);
    expect(stderr.length).toBeGreaterThanOrEqual(3);
    expect(stderr.some((l) => l.includes('nope'))).toBe(true);
  });
});

describe('assess CLI helpers', () => {
  it('parseArgs accepts --name=value and rejects repeats', () => {
    expect(parseArgs(['--now=2026-03-10', '--format', 'text']).values).toEqual({ now: '2026-03-10', format: 'text' });
    expect(parseArgs(['--form', 'a', '--form', 'b']).problems).toEqual(['--form given more than once']);
    expect(parseArgs(['--help=yes']).problems).toEqual(['--help takes no value']);
  });

  it('parseNow reads dates as UTC and keeps explicit offsets', () => {
    expect((parseNow('2026-03-10') as Date).toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect((parseNow('2026-03-10T09:30') as Date).toISOString()).toBe('2026-03-10T09:30:00.000Z');
    expect((parseNow('2026-03-10T09:30:00+02:00') as Date).toISOString()).toBe('2026-03-10T07:30:00.000Z');
    expect(parseNow('2024-02-29')).toBeInstanceOf(Date);
    expect(typeof parseNow('2025-02-29')).toBe('string');
  });

  it('stamps notes with the package version', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(APP_VERSION).toBe(pkg.version);
  });
});

describe('assess CLI as a real process', () => {
  it('npx tsx scripts/assess.ts prints JSON on success and clean errors on bad input', () => {
    const root = path.resolve(__dirname, '../../..');
    const ok = spawnSync('npx', ['tsx', 'scripts/assess.ts', '--bundle', padBundle, '--form', padForm, '--now', NOW], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as Assessment).differential[0]?.id).toBe('pad-ischemic-rest-pain');

    const bad = spawnSync(
      'npx',
      ['tsx', 'scripts/assess.ts', '--bundle', path.join(dir, 'nope.json'), '--form', padForm],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(bad.status).toBe(EXIT.badInput);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toEqual([`assess: --bundle ${path.join(dir, 'nope.json')}: file not found`]);
  }, 90_000);
});
