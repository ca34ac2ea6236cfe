/**
 * What the workspace's browser tests share: launching a persona from the sandbox launcher like an EHR user, answering
 * by the form's input ids (`q-<path>-<value>`), reading the visible text for FHIR internals, and running axe-core.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { QUESTION_GROUPS } from '@/lib/form/questions';
import { ROOT, type Stack } from './harness';

/** The personas each state of the workspace is proven on (issue 11): the story, and the sandbox fault switch. */
export const PERSONAS = {
  pad: { name: 'Harold Whitfield', faults: '' },
  rls: { name: 'Priya Raman', faults: '' },
  dvt: { name: 'Walter Brennan', faults: '' },
  'cauda-equina': { name: 'Lisa Thornton', faults: '' },
  'failing-observation': { name: 'Harold Whitfield', faults: 'fail=Observation' },
  'malformed-data': { name: 'Oscar Reyes', faults: '' },
} as const;
export type PersonaKey = keyof typeof PERSONAS;

/** `exam.coolFoot` → the id prefix the form renders (`q-exam-coolFoot`). */
export const qid = (formPath: string) => `q-${formPath.replace('.', '-')}`;

/** From the sandbox launcher, as a clinician would (one click); resolves once the decision panel is on screen. */
export async function launch(page: Page, stack: Stack, who: string, faults = ''): Promise<void> {
  await page.goto(`${stack.sandboxUrl}/${faults ? `?${faults}` : ''}`);
  await page.getByRole('button', { name: `Launch Nocturne for ${who}` }).click();
  await page.waitForURL(/\/assessment/, { timeout: 30_000 });
  await page.getByTestId('decision-panel').waitFor({ timeout: 40_000 });
}

/** Opens the block holding a question when it is closed (the engine did not open it): one click, as a clinician. */
export async function openBlockOf(page: Page, formPath: string): Promise<boolean> {
  const block = QUESTION_GROUPS.find((g) => g.questions.some((q) => q.path === formPath))?.id;
  if (!block) throw new Error(`${formPath} is not a question of the form`);
  const toggle = page.locator(`#fg-${block}`);
  if ((await toggle.getAttribute('aria-expanded')) === 'true') return false;
  await toggle.click();
  return true;
}

/** Clicks the visible label of an answer (the radio / checkbox itself is visually hidden). */
export async function answer(page: Page, formPath: string, value: string): Promise<void> {
  await page.locator(`label[for="${qid(formPath)}-${value}"]`).click();
}

/**
 * The page's visible text (what `innerText` renders: nothing hidden, collapsed or display:none) without the note
 * panel, which shows where the note will be filed (record references by design; the note track's panel).
 */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const note = document.querySelector<HTMLElement>('[data-testid="note-panel"]');
    const previous = note?.style.display ?? '';
    if (note) note.style.display = 'none';
    const text = document.body.innerText;
    if (note) note.style.display = previous;
    return text;
  });
}

/** FHIR internals that must never be on screen: record ids, `urn:uuid`, field paths, MIME types, UCUM annotations. */
export const FHIR_INTERNALS: readonly RegExp[] = [
  /\b(Observation|Condition|MedicationRequest|Procedure|Encounter|Patient|Practitioner|DocumentReference)\/[\w.-]+/,
  /urn:uuid/i,
  /\b(exam|history|irlssg|measurements)\.[a-z][A-Za-z]+/,
  /\b(valueQuantity|valueString|effectiveDateTime|bodySite)\b/,
  /\b(text|application)\/[a-z+.-]+/,
  /\{[a-z0-9_.]+\}/i,
  /\bscore \d/i,
];

export async function fhirInternalsOnScreen(page: Page): Promise<string[]> {
  const text = await visibleText(page);
  return FHIR_INTERNALS.flatMap((re) => {
    const m = re.exec(text);
    return m ? [m[0]] : [];
  });
}

const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Every axe violation (WCAG 2.x A/AA and best practice, every impact: minor and moderate included), summarised. The
 * page's context must bypass the CSP for axe's one inline script (`bypassCSP: true`).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.impact ?? 'unknown'} ${v.id}: ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}
