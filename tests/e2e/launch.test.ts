/**
 * The SMART launch end to end in real Chromium: the sandbox EHR's launcher → /launch (allow-list, PKCE) →
 * the sandbox's authorisation server → /assessment (code exchange) → the patient's chart on screen.
 *
 * Also checked here, because only a real browser can: the strict CSP lets the production build run (no
 * violations), `code`/`state` are gone from the address bar, the token is in sessionStorage and not in
 * localStorage, a reload resumes without a second code exchange, the refusal page for an unlisted issuer,
 * and iframe embedding allowed only for the configured frame-ancestors.
 */
import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, newPage, saveScreenshot, startStack, type Stack } from './harness';
import { COMPILE_HINT } from '../../scripts/lib/compile-hints';

let stack: Stack;
let browser: Browser;
/** Two stand-in EHR pages that embed the app in an iframe: one allowed by frame-ancestors, one not. */
let EMBED_ALLOWED = '';
let EMBED_OTHER = '';
const embedders: Server[] = [];

function startEmbedder(port: number, appUrl: string): Promise<Server> {
  const html = `<!doctype html><title>EHR</title><iframe id="app" src="${appUrl}/launch" width="800" height="400"></iframe>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
  return new Promise((resolve) => server.listen(port, 'localhost', () => resolve(server)));
}

beforeAll(async () => {
  const [sandboxPort, allowedPort, otherPort] = [await freePort(), await freePort(), await freePort()];
  EMBED_ALLOWED = `http://localhost:${allowedPort}`;
  EMBED_OTHER = `http://localhost:${otherPort}`;
  stack = await startStack({
    sandboxPort,
    env: { NOCTURNE_FRAME_ANCESTORS: `'self' http://localhost:${sandboxPort} ${EMBED_ALLOWED}` },
  });
  browser = await launchChromium();
  embedders.push(await startEmbedder(allowedPort, stack.appUrl), await startEmbedder(otherPort, stack.appUrl));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await Promise.all(embedders.map((s) => new Promise((resolve) => s.close(resolve))));
});

const cspErrors = (errors: string[]) => errors.filter((e) => /Content Security Policy|Refused to/i.test(e));

/**
 * Reports every CSP violation of every document in the context as a console error (`securitypolicyviolation` also
 * fires for violations Chromium does not log, such as a caught `new Function`), so `errors` sees them all.
 */
async function reportCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
}

async function launchPersona(page: Page, name: string) {
  await page.goto(stack.sandboxUrl);
  await page.getByRole('button', { name: new RegExp(`Launch Nocturne for ${name}`) }).click();
  await page.waitForURL(/\/assessment/, { timeout: 20_000 });
}

describe('SMART launch in Chromium', () => {
  it('EHR launch of the PAD persona shows the patient’s name, ABI and conditions', async () => {
    const { page, context, errors } = await newPage(browser);
    const tokenRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/auth/token')) tokenRequests.push(r.method());
    });
    await launchPersona(page, 'Harold Whitfield');

    await expect
      .poll(() => page.locator('.patient-name').first().textContent(), { timeout: 20_000 })
      .toMatch(/Harold Whitfield/);
    const abiRight = page.getByTestId('abi-abi-right');
    await abiRight.waitFor({ timeout: 20_000 });
    expect(await abiRight.innerText()).toContain('0.45');
    await page.getByText('Peripheral arterial disease').first().waitFor({ timeout: 10_000 });
    expect(await page.getByText(/Type 2 diabetes mellitus/).count()).toBeGreaterThan(0);

    // The address bar no longer carries the authorisation code or state.
    const url = new URL(page.url());
    expect(url.pathname).toBe('/assessment');
    expect(url.searchParams.has('code')).toBe(false);
    expect(url.searchParams.has('state')).toBe(false);

    // Tokens: sessionStorage only.
    const storage = await page.evaluate(() => ({
      session: JSON.stringify({ ...sessionStorage }),
      local: JSON.stringify({ ...localStorage }),
    }));
    expect(storage.session).toMatch(/"access_token/);
    expect(storage.local).not.toMatch(/access_token/);

    // The app ran under its CSP without violations.
    expect(cspErrors(errors)).toEqual([]);
    expect(tokenRequests).toEqual(['POST']);
    await saveScreenshot(page, 'launch-pad-persona');

    // A reload resumes the session from sessionStorage: same patient, no second code exchange.
    await page.reload();
    await expect
      .poll(() => page.locator('.patient-name').first().textContent(), { timeout: 20_000 })
      .toMatch(/Harold Whitfield/);
    expect(tokenRequests).toEqual(['POST']);
    await context.close();
  });

  it('launch → workspace → note runs without a single CSP violation, console error or 404, with one discovery', async () => {
    const { page, context, errors } = await newPage(browser);
    await reportCspViolations(context);
    const notFound: string[] = [];
    const discovery: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) notFound.push(new URL(r.url()).pathname);
    });
    page.on('request', (r) => {
      if (r.url().includes('/.well-known/smart-configuration')) discovery.push(r.url());
    });
    await launchPersona(page, 'Harold Whitfield');
    await page.getByTestId('abi-abi-right').waitFor({ timeout: 20_000 });
    const panel = page.getByTestId('note-panel');
    await panel.getByRole('textbox', { name: /note text/i }).waitFor({ timeout: 20_000 });
    expect(await panel.getByRole('textbox', { name: /note text/i }).inputValue()).toMatch(/^ASSESSMENT$/m);
    // The landing page too (its own scripts and favicon).
    await page.goto(stack.appUrl);
    await page.getByTestId('landing').waitFor();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    expect(notFound).toEqual([]);
    expect(discovery).toHaveLength(1);
    await context.close();
  });

  it('an expired access token is renewed with the refresh token, without a relaunch', async () => {
    const { page, context } = await newPage(browser);
    const grants: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/auth/token')) grants.push(new URLSearchParams(r.postData() ?? '').get('grant_type') ?? '');
    });
    // The sandbox's per-launch fault: access tokens of this launch live 2 seconds.
    await page.goto(`${stack.sandboxUrl}/?expires=2`);
    await page.getByRole('button', { name: /Launch Nocturne for Harold Whitfield/ }).click();
    await page.waitForURL(/\/assessment/, { timeout: 20_000 });
    await expect
      .poll(() => page.locator('.patient-name').first().textContent(), { timeout: 20_000 })
      .toMatch(/Harold Whitfield/);
    await page.waitForTimeout(2_500);
    await page.reload();
    await expect
      .poll(() => page.locator('.patient-name').first().textContent(), { timeout: 20_000 })
      .toMatch(/Harold Whitfield/);
    await page.getByTestId('abi-abi-right').waitFor({ timeout: 20_000 });
    expect(grants[0]).toBe('authorization_code');
    expect(grants.slice(1)).toContain('refresh_token');
    expect(grants.filter((g) => g === 'authorization_code')).toHaveLength(1);
    await context.close();
  });

  it('a known-expired token without a refresh token shows "session ended" before any FHIR request goes out', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.sandboxUrl}/?expires=10`);
    await page.getByRole('button', { name: /Launch Nocturne for Harold Whitfield/ }).click();
    await page.getByTestId('abi-abi-right').waitFor({ timeout: 20_000 });
    // A server that issued no refresh token (many EHRs do not for an EHR launch): the stored session without one,
    // picked up by a reload while the access token is still valid.
    const expiresAt = await page.evaluate(() => {
      const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? '""') as string;
      const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as {
        expiresAt: number;
        tokenResponse: Record<string, unknown>;
      };
      delete state.tokenResponse.refresh_token;
      sessionStorage.setItem(key, JSON.stringify(state));
      return state.expiresAt;
    });
    await page.reload();
    await page.getByTestId('abi-abi-right').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(Math.max(0, expiresAt * 1000 - Date.now()) + 1_000);
    const fhir: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${stack.fhirBaseUrl}/`) && r.method() !== 'OPTIONS') fhir.push(r.url());
    });
    // While the workspace is open…
    await page.getByRole('button', { name: /Re-read chart/ }).click();
    await page.getByTestId('state-session-expired').waitFor({ timeout: 20_000 });
    expect(fhir).toEqual([]);
    // …and on a reload.
    await page.reload();
    await page.getByTestId('state-session-expired').waitFor({ timeout: 20_000 });
    expect(fhir).toEqual([]);
    await context.close();
  });

  it('shows the EHR’s own refusal (code and words) for this tab’s launch, worded for a standalone launch', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(`${stack.appUrl}/launch?iss=${encodeURIComponent(stack.fhirBaseUrl)}`);
    await page.getByRole('button', { name: 'Cancel' }).click({ timeout: 20_000 });
    const failed = page.getByTestId('state-launch-failed');
    await failed.waitFor({ timeout: 20_000 });
    const text = await failed.innerText();
    expect(text).toContain('access_denied');
    expect(text).toContain('The user cancelled.');
    // No patient chart to go back to: this launch did not come from one.
    expect(text).not.toMatch(/chart in the EHR/);
    // The error parameters leave the address bar once the page has read them (under load, just after the text shows).
    await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe('');
    expect(cspErrors(errors)).toEqual([]);
    await saveScreenshot(page, 'launch-refused-by-ehr-standalone');
    await context.close();
  });

  it('an EHR that refuses the write scope: one retry with read scopes, the workspace opens read-only', async () => {
    const { page, context, errors } = await newPage(browser);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${stack.sandboxUrl}/auth/authorize`))
        asked.push(new URL(r.url()).searchParams.get('scope') ?? '');
    });
    // The sandbox's fault switch: this launch's authorization is refused (invalid_scope) when it asks to write notes.
    await page.goto(`${stack.sandboxUrl}/launch/ehr?patient=pad-clti-rest-pain&deny_write=refuse`);
    await page.getByTestId('abi-abi-right').waitFor({ timeout: 30_000 });
    expect(asked).toHaveLength(2);
    expect(asked[0]).toContain('patient/DocumentReference.c');
    expect(asked[1]).not.toMatch(/DocumentReference\.c|\.write|\.\*/);
    expect(asked[1]).toContain('patient/Observation.rs');
    const panel = page.getByTestId('note-panel');
    await panel.getByRole('textbox', { name: /note text/i }).waitFor({ timeout: 20_000 });
    expect(await panel.getByRole('button', { name: 'Save note to chart' }).isDisabled()).toBe(true);
    expect(await panel.getByTestId('save-disabled-reason').textContent()).toMatch(
      /not granted permission to create clinical notes/,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download .txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.txt$/);
    expect(cspErrors(errors)).toEqual([]);
    await context.close();
  });

  it('an EHR refusal whose words hold markup and control characters is shown as plain, cleaned text', async () => {
    const { page, context, errors } = await newPage(browser);
    await reportCspViolations(context);
    let injected = false;
    page.on('dialog', (d) => {
      injected = true;
      void d.dismiss();
    });
    // A hostile or broken authorisation server: it answers this tab's own launch (its `state`) with an error whose
    // description is markup, a script and control characters.
    await page.route(`${stack.sandboxUrl}/auth/authorize**`, (route) => {
      const state = new URL(route.request().url()).searchParams.get('state') ?? '';
      const description =
        'Denied <img src=x onerror="alert(1)"><b id="injected">bold</b>\u0000\r\n<script>alert(2)</script>';
      const target = new URL(`${stack.appUrl}/assessment`);
      target.searchParams.set('state', state);
      target.searchParams.set('error', 'invalid_request');
      target.searchParams.set('error_description', description);
      return route.fulfill({ status: 302, headers: { Location: target.href } });
    });
    await page.goto(`${stack.appUrl}/launch?iss=${encodeURIComponent(stack.fhirBaseUrl)}`);
    const failed = page.getByTestId('state-launch-failed');
    await failed.waitFor({ timeout: 20_000 });
    const text = await failed.innerText();
    expect(text).toContain('invalid_request');
    // The words arrive as text: the tags are visible characters, no element was created, nothing ran.
    expect(text).toContain('Denied <img src=x onerror="alert(1)"><b id="injected">bold</b> <script>alert(2)</script>');
    expect(await page.locator('#injected').count()).toBe(0);
    expect(await failed.locator('img, b, script').count()).toBe(0);
    expect([...text].filter((c) => c.charCodeAt(0) < 0x20 && c !== '\n' && c !== '\t')).toEqual([]);
    expect(injected).toBe(false);
    await expect.poll(() => new URL(page.url()).search).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a crafted error redirect whose state is not ours puts none of its text on the page', async () => {
    const { page, context } = await newPage(browser);
    const crafted = new URLSearchParams({
      error: 'access_denied',
      error_description: 'Call 555-0100 to verify your account',
      state: 'x',
    });
    await page.goto(`${stack.appUrl}/assessment?${crafted.toString()}`);
    const failed = page.getByTestId('state-launch-failed');
    await failed.waitFor({ timeout: 20_000 });
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/555|verify your account|access_denied/);
    expect(await failed.innerText()).toMatch(/did not belong to a launch started in this browser tab/);
    // Not even in the address bar (the router, hydrating after the boot script, restores the URL it was rendered with).
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await context.close();
  });

  it('sends strict security headers at request time', async () => {
    const response = await fetch(`${stack.appUrl}/launch`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).toContain(`connect-src 'self' ${stack.sandboxUrl}`);
    expect(csp).toContain(`frame-ancestors 'self' ${stack.sandboxUrl} ${EMBED_ALLOWED}`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBeNull();
    // No opener policy unless configured (lib/config/csp.ts: a process swap on every hop of the launch).
    expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
    // A fresh nonce per request.
    const again = (await fetch(`${stack.appUrl}/launch`)).headers.get('content-security-policy');
    expect(again).not.toBe(csp);
  });

  it('sends the security headers on static assets, the 404 page, prefetch requests, the favicon and the API', async () => {
    const html = await (await fetch(`${stack.appUrl}/`)).text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const requests: [string, RequestInit?][] = [
      [asset as string],
      ['/no-such-page'],
      ['/_next/static/chunks/no-such-chunk.js'],
      ['/assessment', { headers: { 'Next-Router-Prefetch': '1', RSC: '1' } }],
      ['/assessment', { headers: { Purpose: 'prefetch' } }],
      ['/icon.svg'],
      ['/favicon.ico'],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(`${stack.appUrl}${path}`, init);
      const where = `${path} ${JSON.stringify(init ?? {})} → ${response.status}`;
      expect(response.headers.get('content-security-policy'), where).toMatch(/frame-ancestors 'self' /);
      expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), where).toBe('no-referrer');
      expect(response.headers.get('permissions-policy'), where).toContain('camera=()');
    }
    expect((await fetch(`${stack.appUrl}/no-such-page`)).status).toBe(404);
    expect((await fetch(`${stack.appUrl}/favicon.ico`)).status).toBe(200);
  });

  it('/launch prefetches every script and stylesheet the workspace page loads, while it waits for the EHR', async () => {
    const launchHtml = await (
      await fetch(`${stack.appUrl}/launch?iss=${encodeURIComponent(stack.fhirBaseUrl)}&launch=x`)
    ).text();
    const prefetched = new Set([...launchHtml.matchAll(/<link rel="prefetch" href="([^"]+)"/g)].map((m) => m[1]));
    const assessmentHtml = await (await fetch(`${stack.appUrl}/assessment`)).text();
    const needed = [
      ...[...assessmentHtml.matchAll(/<script\b(?![^>]*\bnomodule)[^>]*\bsrc="([^"]+)"/gi)].map((m) => m[1]),
      ...[...assessmentHtml.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]),
    ].map((src) => {
      const url = new URL((src as string).replace(/&amp;/g, '&'), stack.appUrl);
      return `${url.pathname}${url.search}`;
    });
    expect(needed.length).toBeGreaterThan(3);
    expect(needed.filter((src) => !prefetched.has(src))).toEqual([]);
    // And more than the first load: the workspace and note panel chunks loaded on demand.
    expect(prefetched.size).toBeGreaterThan(new Set(needed).size);
  });

  it('every script a launch runs at once carries V8’s compile hint as its first line, and nothing else does', async () => {
    const launchHtml = await (
      await fetch(`${stack.appUrl}/launch?iss=${encodeURIComponent(stack.fhirBaseUrl)}&launch=x`)
    ).text();
    const scripts = [...launchHtml.matchAll(/<link rel="prefetch" href="([^"]+\.js)"/g)].map((m) => m[1] as string);
    expect(scripts.length).toBeGreaterThan(3);
    for (const src of scripts) {
      const text = await (await fetch(`${stack.appUrl}${src}`)).text();
      expect(text.split('\n', 1)[0], src).toBe(COMPILE_HINT);
    }
    // The rest of the build (the landing page's own chunks, the nomodule polyfill) compiles lazily as before.
    const landing = await (await fetch(`${stack.appUrl}/`)).text();
    const others = [...landing.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)]
      .map((m) => m[1] as string)
      .filter((src) => !scripts.includes(src));
    expect(others.length).toBeGreaterThan(0);
    for (const src of others) {
      expect(await (await fetch(`${stack.appUrl}${src}`)).text(), src).not.toContain(COMPILE_HINT);
    }
  });

  it('/assessment runs its boot script inline, first in the body, before any of the framework’s scripts', async () => {
    const response = await fetch(`${stack.appUrl}/assessment`);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const body = html.slice(html.indexOf('<body'));
    const firstScript = /<script\b[^>]*>/.exec(body)?.[0] ?? '';
    // Inline (no src), nonce'd for the CSP, carrying the early-read plan.
    expect(firstScript).not.toMatch(/\bsrc=/);
    expect(firstScript).toContain(`nonce="${nonce}"`);
    expect(firstScript).toContain('data-plan=');
    // Every framework script is async (runs when it arrives), so none can run before the parser reaches the boot script.
    const head = html.slice(0, html.indexOf('<body'));
    const blocking = [...head.matchAll(/<script\b(?![^>]*\b(async|nomodule)\b)[^>]*\bsrc=[^>]*>/gi)].map((m) => m[0]);
    expect(blocking).toEqual([]);
    // The old external boot route is gone.
    expect((await fetch(`${stack.appUrl}/assessment/boot?v=1`)).status).toBe(404);
  });

  it('refuses a launch from an issuer that is not allowed, and contacts nobody', async () => {
    const { page, context } = await newPage(browser);
    const outbound: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(stack.appUrl)) outbound.push(r.url());
    });
    await page.goto(`${stack.appUrl}/launch?iss=${encodeURIComponent('https://ehr.unknown.example/fhir')}&launch=abc`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('This EHR is not allowed to launch Nocturne');
    expect(await page.getByTestId('refused-issuer').textContent()).toBe('https://ehr.unknown.example/fhir');
    expect(await page.getByText('NOCTURNE_ALLOWED_ISSUERS').count()).toBe(1);
    expect(await page.getByRole('link', { name: stack.sandboxUrl }).getAttribute('href')).toBe(stack.sandboxUrl);
    expect(outbound).toEqual([]);
    await saveScreenshot(page, 'launch-refused-issuer');
    await context.close();
  });

  it('a launch without iss explains how to launch', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.appUrl}/launch`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Nocturne was opened without an EHR');
    await page.getByText(/use the local sandbox launcher/).waitFor();
    await context.close();
  });

  it('the redirect page opened without a launch says to open Nocturne from the EHR (no blank page)', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(`${stack.appUrl}/assessment`);
    await page.getByTestId('state-no-context').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('link', { name: /local SMART sandbox launcher/ }).getAttribute('href')).toBe(
      stack.sandboxUrl,
    );
    expect(errors.filter((e) => /pageerror/.test(e))).toEqual([]);
    await context.close();
  });

  it('a standalone launch lets the clinician pick the patient in the EHR', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(`${stack.appUrl}/launch?iss=${encodeURIComponent(stack.fhirBaseUrl)}`);
    await page.getByRole('radio', { name: /Margaret Ellison/ }).check({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Allow and open' }).click();
    await page.waitForURL(/\/assessment/, { timeout: 20_000 });
    await expect
      .poll(() => page.locator('.patient-name').first().textContent(), { timeout: 20_000 })
      .toMatch(/Margaret Ellison/);
    expect(cspErrors(errors)).toEqual([]);
    await context.close();
  });

  it('can be embedded in an iframe by the configured EHR origin only', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(EMBED_ALLOWED);
    const frame = page.frameLocator('#app');
    await expect
      .poll(() => frame.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('Nocturne was opened without an EHR');
    expect(errors.filter((e) => /frame-ancestors/.test(e))).toEqual([]);

    await page.goto(EMBED_OTHER);
    await expect.poll(() => errors.some((e) => /frame-ancestors/.test(e)), { timeout: 10_000 }).toBe(true);
    await context.close();
  });
});
