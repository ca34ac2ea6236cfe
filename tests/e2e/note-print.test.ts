/**
 * Printing the workspace (issue 12): Chromium's own PDF output (`page.pdf`, A4 and US Letter) of the note's print
 * view must fit on at most two pages — for the PAD persona with its whole story recorded, and for the Synthea chart
 * with 869 Observations. The print shows the note as filed under the patient banner, not the interactive workspace;
 * "Print advice" prints the patient advice alone. PDFs and print screenshots land in test-results/ for a human look.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftKey, saveDraft, type DraftScope } from '@/lib/form/draft';
import type { FormAnswers } from '@/lib/form/schema';
import { getPersona } from '@/mocks/personas';
import { ROOT, launchChromium, newPage, saveScreenshot, startStack, type Stack } from './harness';

const DIST_DIR = process.env.NOCTURNE_DIST_DIR ?? '.next';
const MAX_PAGES = 2;

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ distDir: DIST_DIR });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Pages in a PDF Chromium wrote: one `/Type /Page` object per page (`/Pages` is the tree's root). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

async function launch(page: Page, who: string): Promise<void> {
  await page.goto(`${stack.sandboxUrl}/`);
  await page.getByRole('button', { name: `Launch Nocturne for ${who}` }).click();
  await page.waitForURL(/\/assessment/, { timeout: 30_000 });
  await page.getByTestId('note-panel').waitFor({ timeout: 30_000 });
}

/**
 * Records a whole story the way the workspace keeps it (the form draft in this tab's sessionStorage, written by the
 * app's own draft module) and reloads, so the note is the one a clinician would print after filling the form.
 */
async function recordStory(page: Page, form: FormAnswers): Promise<void> {
  const scope = await page.evaluate<DraftScope>(() => {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? '""') as string;
    const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as {
      serverUrl?: string;
      tokenResponse?: { patient?: string; encounter?: string };
    };
    return {
      serverUrl: state.serverUrl ?? '',
      patientId: state.tokenResponse?.patient ?? '',
      encounterId: state.tokenResponse?.encounter ?? null,
    };
  });
  expect(scope.patientId).not.toBe('');
  // The app's own writer, run against a stand-in storage: the same key and envelope the workspace would write.
  const written = new Map<string, string>();
  const store = { setItem: (k: string, v: string) => written.set(k, v) } as unknown as Storage;
  const g = globalThis as { window?: unknown };
  const had = 'window' in g;
  const previous = g.window;
  g.window = { sessionStorage: store };
  try {
    expect(saveDraft(scope, form, new Date().toISOString())).toBe(true);
  } finally {
    if (had) g.window = previous;
    else delete g.window;
  }
  const key = draftKey(scope);
  const value = written.get(key);
  expect(value).toBeDefined();
  await page.evaluate(([k, v]) => sessionStorage.setItem(k, v), [key, value!] as const);
  await page.reload();
  await page.getByTestId('note-panel').waitFor({ timeout: 30_000 });
}

async function noteText(page: Page): Promise<string> {
  return page.getByRole('textbox', { name: /note text/i }).inputValue();
}

async function printToPdf(page: Page, name: string): Promise<Record<'A4' | 'Letter', number>> {
  const dir = path.join(ROOT, 'test-results', 'print');
  mkdirSync(dir, { recursive: true });
  const pages = { A4: 0, Letter: 0 };
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    writeFileSync(path.join(dir, `${name}-${format}.pdf`), pdf);
    pages[format] = pdfPageCount(pdf);
  }
  return pages;
}

describe('printing the note', () => {
  it('counts PDF pages (the counter itself can see more than two)', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.setContent(`<main>${'<p>A line of a long document.</p>'.repeat(400)}</main>`);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdfPageCount(pdf)).toBeGreaterThan(MAX_PAGES);
    } finally {
      await context.close();
    }
  });

  it('the PAD persona with its story recorded prints on at most two pages, A4 and Letter', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await launch(page, 'Harold Whitfield');
      await recordStory(page, getPersona('pad-clti-rest-pain')!.form);
      await expect.poll(() => noteText(page), { timeout: 30_000 }).toMatch(/chronic limb-threatening ischaemia/);
      const text = await noteText(page);

      // On paper: the print view only — the note as filed under the patient banner — never the workspace.
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 720, height: 1000 });
      const printView = page.getByTestId('print-view');
      expect(await printView.isVisible()).toBe(true);
      expect(await page.getByTestId('note-panel').isVisible()).toBe(false);
      const note = printView.getByRole('article', { name: 'Nocturnal / rest leg pain assessment' });
      expect(await note.isVisible()).toBe(true);
      expect(await note.getByText('Harold Whitfield', { exact: false }).first().isVisible()).toBe(true);
      for (const line of text.split('\n').filter((l) => l.trim())) {
        expect(await note.textContent()).toContain(line);
      }
      expect(await printView.getByRole('article', { name: 'Advice for the patient' }).isVisible()).toBe(false);
      await saveScreenshot(page, 'note-print-pad');

      const pages = await printToPdf(page, 'note-pad');
      expect(pages.A4).toBeGreaterThanOrEqual(1);
      expect(pages.A4).toBeLessThanOrEqual(MAX_PAGES);
      expect(pages.Letter).toBeGreaterThanOrEqual(1);
      expect(pages.Letter).toBeLessThanOrEqual(MAX_PAGES);

      // "Print advice": the patient advice alone, under the banner.
      await page.evaluate(() => {
        document.body.dataset.print = 'advice';
      });
      expect(await printView.getByRole('article', { name: 'Advice for the patient' }).isVisible()).toBe(true);
      expect(await note.isVisible()).toBe(false);
      await saveScreenshot(page, 'note-print-pad-advice');
      const advice = await printToPdf(page, 'advice-pad');
      expect(advice.A4).toBe(1);
      await page.evaluate(() => {
        delete document.body.dataset.print;
      });
      expect(errors.filter((e) => !/^Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the heavy Synthea chart (869 Observations) prints on at most two pages, A4 and Letter', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await launch(page, 'Vito Feeney');
      await expect.poll(() => noteText(page), { timeout: 30_000 }).toMatch(/^RELEVANT FINDINGS$/m);
      const pages = await printToPdf(page, 'note-synthea-heavy');
      await page.emulateMedia({ media: 'print' });
      await saveScreenshot(page, 'note-print-synthea-heavy');
      expect(pages.A4).toBeGreaterThanOrEqual(1);
      expect(pages.A4).toBeLessThanOrEqual(MAX_PAGES);
      expect(pages.Letter).toBeGreaterThanOrEqual(1);
      expect(pages.Letter).toBeLessThanOrEqual(MAX_PAGES);
      expect(errors.filter((e) => !/^Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
