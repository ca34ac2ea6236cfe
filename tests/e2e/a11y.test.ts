/**
 * Accessibility of every screen, checked by axe-core inside real Chromium: no violations at all (minor and moderate
 * included, issue 11) on the sandbox launcher, the landing page, the no-launch screen, the workspace (empty, filled
 * with a PAD story, at 1280 and 800 px), the print view, the partial-data workspace and the session-expired screen.
 *
 * axe is injected with `page.addScriptTag({ content })`; the context bypasses the app's CSP for that one inline
 * script only because the CSP (correctly) forbids inline scripts without a nonce.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, saveScreenshot, startStack, type Stack } from './harness';
import { axeViolations } from './workspace-page';

/** The shared production build in CI (`.next`); set NOCTURNE_DIST_DIR (e.g. `.next-e2e-ui`) while developing. */
const DIST_DIR = process.env.NOCTURNE_DIST_DIR ?? '.next';

async function launch(page: Page, stack: Stack, query = ''): Promise<void> {
  await page.goto(`${stack.sandboxUrl}/${query ? `?${query}` : ''}`);
  await page.getByRole('button', { name: 'Launch Nocturne for Harold Whitfield' }).click();
  await page.waitForURL(/\/assessment/, { timeout: 30_000 });
  await page.getByTestId('abi-abi-right').waitFor({ timeout: 40_000 });
}

describe('accessibility (axe-core in Chromium): no violations of any impact', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack({ distDir: DIST_DIR });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('the sandbox launcher, the landing page and the no-launch screen', async () => {
    await page.goto(stack.sandboxUrl);
    await page.getByRole('button', { name: 'Launch Nocturne for Harold Whitfield' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(stack.appUrl);
    await page.getByTestId('landing').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${stack.appUrl}/assessment`);
    await page.getByTestId('state-no-context').waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('workspace after launch, and filled with red flags and expanded evidence, at 1280 and 800 px', async () => {
    await launch(page, stack);
    expect(await axeViolations(page)).toEqual([]);
    for (const [path_, value] of [
      ['qualities', 'burning'],
      ['locations', 'toes-forefoot'],
      ['relievedBy', 'dangling-leg'],
    ] as const) {
      await page.locator(`label[for="q-${path_}-${value}"]`).click();
    }
    await page.locator('label[for="q-exam-pulsesRight-absent"]').click();
    // "New, or worse than usual" is asked only after a "yes" to breathlessness or chest pain.
    await page.locator('label[for="q-history-dyspnoeaOrChestPain-yes"]').click();
    await page.locator('label[for="q-history-breathlessnessNewOrWorse-yes"]').click();
    const toe = page.locator('#q-measurements-toePressureRight');
    if ((await toe.count()) === 0) {
      await page
        .getByTestId('q-measurements-toePressureRight')
        .getByRole('button', { name: /^Enter (a )?new/ })
        .click();
    }
    await toe.fill('25');
    await page.getByTestId('red-flag-chronic-limb-threatening-ischemia').waitFor();
    await page
      .getByTestId('candidate-pad-ischemic-rest-pain')
      .getByRole('button', { name: /Show evidence/ })
      .click();
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 800, height: 900 });
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'a11y-workspace-red-flags-800');
    // The print view: what "Print / PDF" prints (print media at the printable width of A4).
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 720, height: 1000 });
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'a11y-print-view');
  });

  it('keyboard: skip link to the form, one key answers, focus is visible', async () => {
    await launch(page, stack);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the symptom form' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    // The red-flag screen's heading (it folds the block), then its first question.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fg-red-flags');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('true');
    await page.keyboard.press('Tab');
    // First question of the form: the red-flag screen's first finding, Unknown checked and focused.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-exam-suddenColdPaleLeg-unknown');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#q-exam-suddenColdPaleLeg-yes').isChecked()).toBe(true);
    const outline = await page.evaluate(() => {
      const span = document.activeElement?.nextElementSibling as HTMLElement | null;
      return span ? getComputedStyle(span).outlineStyle : 'none';
    });
    expect(outline).toBe('solid');
    // Tab moves on to the next question (one stop per radio group), where "y"/"n"/"u" answer yes/no findings.
    await page.locator('#q-exam-coolFoot-unknown').focus();
    await page.keyboard.press('y');
    expect(await page.locator('#q-exam-coolFoot-yes').isChecked()).toBe(true);
  });

  it('partial data (Observation search failing)', async () => {
    await page.goto(`${stack.sandboxUrl}/?fail=Observation`);
    await page.getByRole('button', { name: 'Launch Nocturne for Harold Whitfield' }).click();
    await page.getByTestId('section-error-Observation').first().waitFor({ timeout: 40_000 });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('session expired', async () => {
    await launch(page, stack, 'expires=3');
    // A server that granted no refresh token: drop it, then let the access token run out and reload.
    await page.evaluate(() => {
      for (let i = 0; i < sessionStorage.length; i += 1) {
        const key = sessionStorage.key(i) as string;
        const raw = sessionStorage.getItem(key) ?? '';
        if (!raw.includes('refresh_token')) continue;
        const state = JSON.parse(raw) as { tokenResponse?: Record<string, unknown> };
        if (state.tokenResponse) delete state.tokenResponse.refresh_token;
        sessionStorage.setItem(key, JSON.stringify(state));
      }
    });
    await page.waitForTimeout(4_000);
    await page.reload();
    await page.getByTestId('state-session-expired').waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);
  });
});
