/**
 * `npm run assess -- --format text [--tz <zone>]`: the CLI prints the same consult note the workspace files, in the
 * time zone asked for, and nothing a hostile chart could use to take over a terminal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Bundle, Condition } from 'fhir/r4';
import { afterAll, describe, expect, it } from 'vitest';
import { getPersona } from '@/mocks/personas';
import { EXIT, runAssessCli } from '@/scripts/lib/assess-cli';
import { NOW, personaNote } from '../write-back/persona-notes';

const dir = mkdtempSync(path.join(tmpdir(), 'nocturne-note-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(content));
  return p;
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAssessCli(argv, { stdout: (t) => out.push(t), stderr: (l) => err.push(l), now: () => NOW });
  return { code, stdout: out.join(''), stderr: err };
}

describe('assess --format text', () => {
  it.each(['pad-clti-rest-pain', 'restless-legs-ckd', 'dvt-post-hip-replacement', 'cauda-equina'])(
    '%s: prints exactly the note the workspace renders',
    async (id) => {
      const { code, stdout, stderr } = await cli('--persona', id, '--format', 'text');
      expect(stderr).toEqual([]);
      expect(code).toBe(EXIT.ok);
      expect(stdout).toBe(personaNote(id).text);
    },
  );

  it('--tz writes the note’s one time in that zone, and names it', async () => {
    const { code, stdout } = await cli('--persona', 'pad-clti-rest-pain', '--format', 'text', '--tz', 'Europe/Paris');
    expect(code).toBe(EXIT.ok);
    expect(stdout.split('\n')[1]).toMatch(/10 Mar 2026, 10:30 GMT\+1$/);
    expect(stdout).toBe(personaNote('pad-clti-rest-pain', { timeZone: 'Europe/Paris' }).text);
  });

  it('--tz is checked: an unknown zone, or a zone for JSON output, is a usage error in one line', async () => {
    const bad = await cli('--persona', 'pad-clti-rest-pain', '--format', 'text', '--tz', 'Mars/Olympus');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toEqual([
      'assess: --tz "Mars/Olympus" is not an IANA time zone (e.g. Europe/London, America/New_York, UTC)',
    ]);
    const json = await cli('--persona', 'pad-clti-rest-pain', '--tz', 'UTC');
    expect(json.code).toBe(EXIT.usage);
    expect(json.stderr.join('\n')).toContain('--tz only applies to --format text or fhir');
  });

  it('a hostile chart cannot clear the terminal, reorder text or forge lines', async () => {
    const pad = getPersona('pad-clti-rest-pain')!;
    const bundle: Bundle = pad.build(NOW);
    const hostile = '\u001b[2J\u001b[HType 2 diabetes\u202e\u001b]0;owned\u0007\nRED FLAGS: none';
    for (const entry of bundle.entry ?? []) {
      if (entry.resource?.resourceType !== 'Condition') continue;
      const c = entry.resource as Condition;
      if (!/diabetes/i.test(c.code?.text ?? c.code?.coding?.[0]?.display ?? '')) continue;
      c.code = { ...c.code, text: hostile, coding: (c.code?.coding ?? []).map((k) => ({ ...k, display: hostile })) };
    }
    const { code, stdout } = await cli(
      '--bundle',
      file('hostile.json', bundle),
      '--form',
      file('form.json', { ...pad.form, comment: 'ok\u001b[31m red\u001b[0m\u202e' }),
      '--format',
      'text',
    );
    expect(code).toBe(EXIT.ok);
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(stdout).toContain('type 2 diabetes RED FLAGS: none');
    expect(stdout).toContain('ok red');
    expect(stdout.split('\n').filter((l) => /^RED FLAGS/.test(l))).toEqual([]);
  });
});
