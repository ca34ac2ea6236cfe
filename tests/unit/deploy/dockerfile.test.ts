/**
 * The Dockerfile, checked without Docker (there is no daemon on these machines): a small parser and the hadolint
 * rules that matter for this image (rule ids in the test names), plus what issue 13 asks of it — multi-stage, Node 20,
 * a non-root user, production packages only, a HEALTHCHECK on /api/health. tests/e2e/deploy.test.ts builds and runs
 * the standalone tree this file copies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Instruction {
  readonly line: number;
  readonly keyword: string;
  readonly args: string;
}

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** Dockerfile → instructions (comments dropped, `\` continuations joined) grouped by stage. */
function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (!pending) start = index + 1;
    pending += `${pending ? ' ' : ''}${line.replace(/\\$/, '').trim()}`;
    if (line.endsWith('\\')) return;
    const [keyword = '', ...rest] = pending.split(/\s+/);
    instructions.push({ line: start, keyword: keyword.toUpperCase(), args: rest.join(' ') });
    pending = '';
  });
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      stages.push({ from: m?.[1] ?? instruction.args, name: m?.[2], instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

const stages = parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
const all = stages.flatMap((s) => s.instructions);
const runtime = stages.at(-1)!;
const of = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);

describe('Dockerfile', () => {
  it('is multi-stage: a build stage and a named runtime stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.every((s) => s.name)).toBe(true);
  });

  it('DL3006/DL3007: every base image has an explicit tag (never latest), and it is Node 20', () => {
    for (const stage of stages) {
      expect(stage.from, stage.from).toMatch(/^node:20(\.\d+)*-[a-z-]+$/);
    }
  });

  it('DL3002: the runtime stage runs as a non-root user, set before CMD', () => {
    const user = of(runtime, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]!.args).not.toMatch(/^(root|0)(:|$)/);
    const cmd = of(runtime, 'CMD')[0]!;
    expect(user[0]!.line).toBeLessThan(cmd.line);
  });

  it('has a HEALTHCHECK on the liveness endpoint, in exec form', () => {
    const health = of(runtime, 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0]!.args).toMatch(/--interval=\d+s/);
    expect(health[0]!.args).toMatch(/CMD \[/);
    expect(health[0]!.args).toContain('/api/health');
  });

  it('DL3025: CMD and ENTRYPOINT use the JSON (exec) form; the runtime starts the standalone server', () => {
    for (const i of all.filter((x) => x.keyword === 'CMD' || x.keyword === 'ENTRYPOINT')) {
      expect(() => JSON.parse(i.args) as unknown, i.args).not.toThrow();
    }
    expect(JSON.parse(of(runtime, 'CMD')[0]!.args)).toEqual(['node', 'server.js']);
  });

  it('DL3000/DL3003/DL3004/DL3020: absolute WORKDIR, no cd, no sudo, COPY not ADD', () => {
    for (const w of all.filter((i) => i.keyword === 'WORKDIR')) expect(w.args).toMatch(/^\//);
    for (const r of all.filter((i) => i.keyword === 'RUN')) {
      expect(r.args).not.toMatch(/(^|[;&|]\s*)cd\s/);
      expect(r.args).not.toMatch(/\bsudo\b/);
    }
    expect(all.some((i) => i.keyword === 'ADD')).toBe(false);
  });

  it('installs with npm ci from the lockfile (never npm install), copied before the sources for layer caching', () => {
    const runs = all.filter((i) => i.keyword === 'RUN');
    expect(runs.some((r) => /\bnpm install\b|\bnpm i\b/.test(r.args))).toBe(false);
    const build = stages[0]!;
    const lockCopy = build.instructions.findIndex((i) => i.keyword === 'COPY' && i.args.includes('package-lock.json'));
    const ci = build.instructions.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    const sources = build.instructions.findIndex((i) => i.keyword === 'COPY' && /^\.\s+\.$/.test(i.args));
    expect(lockCopy).toBeGreaterThanOrEqual(0);
    expect(lockCopy).toBeLessThan(ci);
    expect(ci).toBeLessThan(sources);
  });

  it('the runtime stage holds production packages only: the standalone tree and static files, no install', () => {
    expect(of(runtime, 'RUN').some((r) => /\bnpm\b/.test(r.args))).toBe(false);
    const copies = of(runtime, 'COPY').map((c) => c.args);
    expect(copies).toEqual([
      `--from=${stages[0]!.name} /app/.next/standalone ./`,
      `--from=${stages[0]!.name} /app/.next/static ./.next/static`,
    ]);
    expect(
      of(runtime, 'ENV')
        .map((e) => e.args)
        .join(' '),
    ).toMatch(/NODE_ENV=production/);
  });

  it('listens on all interfaces inside the container, on the port it exposes', () => {
    const env = of(runtime, 'ENV')
      .map((e) => e.args)
      .join(' ');
    expect(env).toMatch(/HOSTNAME=0\.0\.0\.0/);
    const port = /PORT=(\d+)/.exec(env)?.[1];
    expect(of(runtime, 'EXPOSE').map((e) => e.args)).toEqual([port]);
  });

  it('.dockerignore keeps installed packages, build output, git and env files out of the build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', '.next', '.git', '.env', '.env.*']) expect(ignored).toContain(entry);
  });

  it('the parser sees continuations and stages as Docker does', () => {
    const parsed = parseDockerfile('FROM a:1 AS x\n# note\nRUN one \\\n  two\nFROM b:2 AS y\nCMD ["z"]\n');
    expect(parsed.map((s) => s.name)).toEqual(['x', 'y']);
    expect(parsed[0]!.instructions).toEqual([{ line: 3, keyword: 'RUN', args: 'one two' }]);
  });
});
