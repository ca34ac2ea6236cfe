/**
 * The clinician's workspace in real Chromium, launched from the local SMART sandbox like an EHR would:
 * chart evidence → PAD story → PAD first with the CLTI red flag → RLS story → RLS first; a failing Observation
 * search leaves Conditions on screen with a retry; an access token that expires mid-session shows the relaunch
 * screen and the draft comes back after relaunching. Full-page screenshots at 1280 and 800 px wide are saved
 * under test-results/screenshots/ for a human look.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_SCOPES } from '@/lib/config/config';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, launchChromium, newPage, saveScreenshot, startStack, type Stack } from './harness';
import { openBlockOf } from './workspace-page';

/** The shared production build in CI (`.next`); set NOCTURNE_DIST_DIR (e.g. `.next-e2e-ui`) while developing. */
const DIST_DIR = process.env.NOCTURNE_DIST_DIR ?? '.next';
const PERSONA = { id: 'pad-clti-rest-pain', name: 'Harold Whitfield' };

/** `exam.coolFoot` → the input id prefix the form renders (`q-exam-coolFoot`). */
const qid = (path: string) => `q-${path.replace('.', '-')}`;

async function launch(page: Page, stack: Stack, faults = '', who = PERSONA.name): Promise<void> {
  await page.goto(`${stack.sandboxUrl}/${faults ? `?${faults}` : ''}`);
  await page.getByRole('button', { name: `Launch Nocturne for ${who}` }).click();
  await page.waitForURL(/\/assessment/, { timeout: 30_000 });
}

/** Clicks the visible label of an answer (the radio / checkbox itself is visually hidden). */
async function answer(page: Page, path: string, value: string): Promise<void> {
  await openBlockOf(page, path);
  await page.locator(`label[for="${qid(path)}-${value}"]`).click();
}

async function tick(page: Page, path: string, value: string, on: boolean): Promise<void> {
  await openBlockOf(page, path);
  const input = page.locator(`#${qid(path)}-${value}`);
  if ((await input.isChecked()) !== on) await page.locator(`label[for="${qid(path)}-${value}"]`).click();
}

/** Types a bedside measurement; when the chart already has one, first asks for a new value (override). */
async function measure(page: Page, path: string, value: string): Promise<void> {
  await openBlockOf(page, path);
  const input = page.locator(`#${qid(path)}`);
  if ((await input.count()) === 0) {
    await page
      .getByTestId(qid(path))
      .getByRole('button', { name: /^Enter (a )?new/ })
      .click();
  }
  await input.fill(value);
}

async function ranking(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid^="candidate-"]')
    .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.testid?.replace('candidate-', '') ?? ''));
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: 900 });
    // From the top, so the sticky live-summary bar is drawn where a clinician first sees it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(100);
    await saveScreenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function fillPadStory(page: Page): Promise<void> {
  await answer(page, 'onset', 'gradual');
  await answer(page, 'side', 'right');
  await tick(page, 'locations', 'toes-forefoot', true);
  await tick(page, 'qualities', 'burning', true);
  await tick(page, 'timing', 'after-1-2-hours-wakes', true);
  await answer(page, 'episodeLength', 'hours');
  await tick(page, 'relievedBy', 'dangling-leg', true);
  await tick(page, 'worsenedBy', 'elevating-leg', true);
  await answer(page, 'irlssg.urgeToMove', 'no');
  await answer(page, 'exam.pulsesRight', 'absent');
  await answer(page, 'exam.coolFoot', 'yes');
  await answer(page, 'exam.pallorOnElevationOrDependentRubor', 'yes');
  await answer(page, 'history.claudication', 'yes');
  // Bedside toe pressure, entered by hand (overriding the chart's, when it has one).
  await measure(page, 'measurements.toePressureRight', '25');
}

async function changeToRlsStory(page: Page): Promise<void> {
  await answer(page, 'side', 'both');
  await tick(page, 'locations', 'toes-forefoot', false);
  await tick(page, 'locations', 'calf', true);
  await tick(page, 'qualities', 'burning', false);
  await tick(page, 'qualities', 'creeping-urge', true);
  await tick(page, 'timing', 'after-1-2-hours-wakes', false);
  await tick(page, 'timing', 'evening-at-rest', true);
  await answer(page, 'episodeLength', 'as-long-as-at-rest');
  await tick(page, 'relievedBy', 'dangling-leg', false);
  await tick(page, 'relievedBy', 'moving-legs', true);
  await tick(page, 'relievedBy', 'walking', true);
  await tick(page, 'worsenedBy', 'elevating-leg', false);
  await tick(page, 'worsenedBy', 'rest', true);
  // Keyboard, as a clinician would: focus the first IRLSSG criterion and answer with "y".
  for (const criterion of ['urgeToMove', 'worseAtRest', 'reliefByMovement', 'eveningOrNight', 'notExplainedByMimic']) {
    await page.locator(`#${qid(`irlssg.${criterion}`)}-${criterion === 'urgeToMove' ? 'no' : 'unknown'}`).focus();
    await page.keyboard.press('y');
  }
  await answer(page, 'exam.pulsesRight', 'normal');
  await answer(page, 'exam.pulsesLeft', 'normal');
  await answer(page, 'exam.coolFoot', 'unknown');
  await answer(page, 'exam.pallorOnElevationOrDependentRubor', 'unknown');
  await answer(page, 'history.claudication', 'unknown');
  await answer(page, 'history.partnerNoticesLegJerks', 'yes');
  await measure(page, 'measurements.toePressureRight', '');
}

describe('workspace in Chromium through the SMART sandbox', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ distDir: DIST_DIR });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('EHR launch → ABI on screen → PAD story ranks PAD first with the CLTI red flag → RLS story ranks RLS first', async () => {
    const { context, page, errors } = await newPage(browser);
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failed.push(`${r.status()} ${r.url()}`);
    });
    try {
      await launch(page, stack);
      const abiRight = page.getByTestId('abi-abi-right');
      await abiRight.waitFor({ timeout: 30_000 });
      await expect.poll(() => abiRight.textContent()).toContain('0.45');
      expect(await abiRight.textContent()).toContain('Abnormal');
      expect(await page.getByTestId('conditions-pad').textContent()).toContain('Peripheral arterial disease');
      await screenshots(page, 'workspace-launched');

      await fillPadStory(page);
      expect((await ranking(page))[0]).toBe('pad-ischemic-rest-pain');
      const clti = page.getByTestId('red-flag-chronic-limb-threatening-ischemia');
      await clti.waitFor();
      expect(await clti.textContent()).toMatch(/Urgent/);
      await page
        .getByTestId('candidate-pad-ischemic-rest-pain')
        .getByRole('button', { name: /Show evidence/ })
        .click();
      await screenshots(page, 'workspace-pad-story');

      await changeToRlsStory(page);
      await expect.poll(async () => (await ranking(page))[0]).toBe('restless-legs-syndrome');
      expect(await page.getByTestId('irlssg').textContent()).toContain('IRLSSG: all 5 criteria met');
      await screenshots(page, 'workspace-rls-story');

      // The draft survives a reload (token still valid): the answers are back.
      await page.reload();
      await page.getByTestId('draft-restored').waitFor({ timeout: 30_000 });
      expect(await page.locator(`#${qid('irlssg.urgeToMove')}-yes`).isChecked()).toBe(true);
      expect((await ranking(page))[0]).toBe('restless-legs-syndrome');

      // Print view: the printable width of A4 (and Letter) is about 720 CSS px; also render a real A4 PDF. On paper
      // the workspace prints the note as filed, under the patient banner (issue 12; tests/e2e/note-print.test.ts).
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 720, height: 1000 });
      await saveScreenshot(page, 'workspace-print-a4');
      const printView = page.getByTestId('print-view');
      expect(await printView.getByRole('article', { name: /rest leg pain assessment/ }).isVisible()).toBe(true);
      expect(await page.locator('.form-panel').isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(path.join(ROOT, 'test-results', 'screenshots', 'workspace-print-a4.pdf'), pdf);
      expect(pdf.byteLength).toBeGreaterThan(10_000);
      // "Print advice" prints the patient banner and the plain-language advice only.
      await page.evaluate(() => {
        document.body.dataset.print = 'advice';
      });
      expect(await printView.getByRole('heading', { name: 'Advice for the patient' }).isVisible()).toBe(true);
      expect(await page.getByRole('heading', { name: /^Differential/ }).isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Chart evidence' }).isVisible()).toBe(false);
      await saveScreenshot(page, 'advice-print-a4');
      await page.evaluate(() => {
        delete document.body.dataset.print;
      });
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
      // No failed requests (the browser's missing-favicon 404 aside) and no script errors or CSP violations.
      expect(failed).toEqual([]);
      expect(errors.filter((e) => !/^Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('shows skeletons (not a blank page or a spinner) while a slow EHR answers', async () => {
    const { context, page } = await newPage(browser);
    try {
      await launch(page, stack, 'latency=1500');
      const loading = page.getByTestId('state-loading');
      await loading.waitFor({ timeout: 30_000 });
      expect(await loading.getByRole('status', { name: 'Loading chart evidence' }).count()).toBe(1);
      await screenshots(page, 'state-loading');
      await page.getByTestId('abi-abi-right').waitFor({ timeout: 60_000 });
    } finally {
      await context.close();
    }
  });

  it('a failing Observation search leaves Conditions visible, with a retry for that section', async () => {
    const { context, page } = await newPage(browser);
    try {
      await launch(page, stack, 'fail=Observation');
      const error = page.getByTestId('section-error-Observation').first();
      await error.waitFor({ timeout: 40_000 });
      expect(await error.textContent()).toMatch(/Could not load results/);
      expect(await page.getByTestId('conditions-pad').textContent()).toContain('Peripheral arterial disease');
      expect(await page.getByTestId('conditions-diabetes').textContent()).toContain('Type 2 diabetes');
      // Never falsely calm: the decision panel says the red-flag check is incomplete.
      expect(await page.getByTestId('red-flag-check-incomplete').first().textContent()).toContain(
        'Red-flag check incomplete',
      );
      // Unknown, not "not on file": the vascular block shows the failure, not an absent ABI.
      expect(await page.getByTestId('evidence-vascular').textContent()).not.toContain('Not on file');
      await screenshots(page, 'workspace-partial-observation-500');
      const retry = error.getByRole('button', { name: /Retry results/ });
      await retry.click();
      // Still failing (the fault stays on): the page keeps the other sections and offers retry again.
      await page.getByTestId('section-error-Observation').first().waitFor({ timeout: 40_000 });
      expect(await page.getByTestId('conditions-pad').textContent()).toContain('Peripheral arterial disease');
    } finally {
      await context.close();
    }
  });

  it('an empty chart says "nothing relevant on file", never "normal"', async () => {
    const { context, page } = await newPage(browser);
    try {
      await launch(page, stack, '', 'Quentin Abbott');
      const noData = page.getByTestId('no-data');
      await noData.waitFor({ timeout: 30_000 });
      expect(await noData.textContent()).toContain('not the same as normal');
      expect(await page.getByTestId('not-on-file').textContent()).toMatch(/Not on file.*\bABI\b/);
      await screenshots(page, 'workspace-empty-chart');
    } finally {
      await context.close();
    }
  });

  it('opened without an EHR launch, /assessment explains how to start and links to the sandbox launcher', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${stack.appUrl}/assessment`);
      const state = page.getByTestId('state-no-context');
      await state.waitFor({ timeout: 30_000 });
      expect(await page.getByRole('link', { name: /sandbox launcher/ }).getAttribute('href')).toBe(stack.sandboxUrl);
      await screenshots(page, 'state-no-context');
      await page.goto(stack.appUrl);
      await page.getByTestId('landing').waitFor();
      expect(await page.getByRole('link', { name: 'Open the sandbox launcher' }).getAttribute('href')).toBe(
        stack.sandboxUrl,
      );
      await screenshots(page, 'landing');
    } finally {
      await context.close();
    }
  });
});

describe('an access token that expires mid-session (no refresh token granted)', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({
      distDir: DIST_DIR,
      // Without offline_access the sandbox issues no refresh token, so expiry really ends the session.
      env: { NOCTURNE_SCOPES: DEFAULT_SCOPES.filter((s) => s !== 'offline_access').join(' ') },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the relaunch screen without losing the draft, which returns after relaunching', async () => {
    const { context, page } = await newPage(browser);
    try {
      const expiresIn = 12;
      await launch(page, stack, `expires=${expiresIn}`);
      await page.getByTestId('abi-abi-right').waitFor({ timeout: 30_000 });
      const launchedAt = Date.now();
      await answer(page, 'exam.coolFoot', 'yes');
      await tick(page, 'relievedBy', 'dangling-leg', true);
      await page.waitForTimeout(Math.max(0, launchedAt + (expiresIn + 2) * 1000 - Date.now()));

      // The next FHIR request (re-reading the chart) gets 401: the session is over.
      await page.getByRole('button', { name: /Re-read chart/ }).click();
      const expired = page.getByTestId('state-session-expired');
      await expired.waitFor({ timeout: 30_000 });
      expect(await expired.textContent()).toContain('Your answers are kept');
      await screenshots(page, 'state-session-expired');

      await launch(page, stack);
      await page.getByTestId('draft-restored').waitFor({ timeout: 30_000 });
      expect(await page.locator(`#${qid('exam.coolFoot')}-yes`).isChecked()).toBe(true);
      expect(await page.locator(`#${qid('relievedBy')}-dangling-leg`).isChecked()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
