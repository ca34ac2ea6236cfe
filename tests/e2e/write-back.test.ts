/**
 * Write-back through the real stack: sandbox EHR (SMART OAuth2 + FHIR REST) → app (production build) → Chromium.
 * launch → fill → preview → edit a line → save → the sandbox holds exactly one note with the edit;
 * click save again and reload → still exactly one.
 */
import { readFileSync } from 'node:fs';
import { Operator } from '@medplum/core';
import type { Bundle, DocumentReference } from 'fhir/r4';
import type { Browser, Page } from 'playwright-core';
import { base64ToUtf8 } from '@/fhir-mappings/write-back';
import { patientEncounters } from '@/mocks/fhir-store';
import { freePort, launchChromium, newPage, saveScreenshot, startStack, type Stack } from './harness';
import { startLossyProxy, type LossyProxy } from './lossy-proxy';

const PATIENT = 'pad-clti-rest-pain';
const PRACTITIONER = 'practitioner-amara-okafor';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** One app + sandbox per profile (the profile is runtime configuration: no rebuild). One at a time. */
function useStack(env: Record<string, string> = {}) {
  beforeAll(async () => {
    stack = await startStack({ env });
  });
  afterAll(async () => {
    await stack?.close();
  });
}

/** The patient's notes as the sandbox stores them (its own FHIR search, no token needed in-process). */
async function notesOf(patientId: string): Promise<DocumentReference[]> {
  const store = stack.store;
  const bundle = (await store.repo.search({
    resourceType: 'DocumentReference',
    count: 1000,
    filters: [{ code: 'subject', operator: Operator.EQUALS, value: `Patient/${patientId}` }],
  })) as unknown as Bundle;
  return (bundle.entry ?? []).map((e) => e.resource as DocumentReference);
}

const textOf = (dr: DocumentReference) => base64ToUtf8(dr.content[0]?.attachment.data ?? '');

async function launch(page: Page, encounterId: string, faults: Record<string, string> = {}) {
  const url = new URL(`${stack.sandboxUrl}/launch/ehr`);
  url.searchParams.set('patient', PATIENT);
  url.searchParams.set('practitioner', PRACTITIONER);
  if (encounterId) url.searchParams.set('encounter', encounterId);
  for (const [k, v] of Object.entries(faults)) url.searchParams.set(k, v);
  await page.goto(url.toString());
  await page.waitForURL(/\/assessment/, { timeout: 30_000 });
  await page.getByTestId('note-panel').waitFor({ timeout: 30_000 });
}

describe('write-back through the sandbox (US Core profile, the default)', () => {
  useStack();

  it('files exactly one note with the clinician’s edit; a second click and a reload file nothing more', async () => {
    const store = stack.store;
    const encounter = (await patientEncounters(store, PATIENT))[0];
    expect(encounter?.id).toBeTruthy();
    const before = await notesOf(PATIENT);

    const { context, page, errors } = await newPage(browser);
    try {
      await launch(page, encounter!.id!);

      // Fill: one answer in the form changes the generated note.
      const coolFoot = page.getByTestId('q-exam-coolFoot');
      await coolFoot.getByRole('radio', { name: /Yes/ }).check();

      // Preview: the note and where it goes.
      const panel = page.getByTestId('note-panel');
      const box = panel.getByRole('textbox', { name: /note text/i });
      await expect.poll(() => box.inputValue()).toContain('present: cool foot');
      const target = panel.getByRole('group', { name: 'Where the note will be filed' });
      expect(await target.textContent()).toContain(`Encounter/${encounter!.id}`);
      expect(await target.textContent()).toContain(`Practitioner/${PRACTITIONER}`);

      // Edit a line.
      const marker = `E2E edit ${Date.now()}: discussed with the patient — vascular referral today.`;
      const original = await box.inputValue();
      const edited = original.replace(/^(DECISION SUPPORT)$/m, `${marker}\n\n$1`);
      expect(edited).not.toBe(original);
      await box.fill(edited);
      await expect.poll(() => box.inputValue()).toContain(marker);

      // Save.
      const save = panel.getByRole('button', { name: 'Save note to chart' });
      await save.click();
      const saved = panel.getByTestId('note-saved');
      await saved.waitFor({ timeout: 20_000 });
      const link = saved.getByRole('link');
      const reference = (await link.textContent())!;
      expect(reference).toMatch(/^DocumentReference\/[A-Za-z0-9\-.]+$/);
      expect(await link.getAttribute('href')).toBe(`${stack.fhirBaseUrl}/${reference}`);

      const afterSave = await notesOf(PATIENT);
      expect(afterSave.length).toBe(before.length + 1);
      const mine = afterSave.filter((d) => textOf(d).includes(marker));
      expect(mine).toHaveLength(1);
      expect(`DocumentReference/${mine[0]!.id}`).toBe(reference);
      expect(mine[0]!.docStatus).toBe('preliminary');
      expect(mine[0]!.context?.encounter?.[0]?.reference).toBe(`Encounter/${encounter!.id}`);
      expect(mine[0]!.author?.[0]?.reference).toBe(`Practitioner/${PRACTITIONER}`);
      expect(textOf(mine[0]!)).toContain('present: cool foot');

      // Click save again: the button is disabled and nothing more is filed.
      const savedButton = panel.getByRole('button', { name: 'Saved to chart' });
      expect(await savedButton.isDisabled()).toBe(true);
      await savedButton.click({ force: true, timeout: 2_000 }).catch(() => undefined);

      // Reload: the panel shows the filed note, and still nothing more is filed.
      await page.reload();
      await page.getByTestId('note-panel').waitFor({ timeout: 30_000 });
      await page.getByTestId('note-saved').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('note-saved').getByRole('link').textContent()).toBe(reference);
      expect(await page.getByTestId('note-panel').getByRole('textbox').inputValue()).toContain(marker);
      expect(await page.getByRole('button', { name: 'Saved to chart' }).isDisabled()).toBe(true);

      const afterReload = await notesOf(PATIENT);
      expect(afterReload.length).toBe(before.length + 1);
      expect(afterReload.filter((d) => textOf(d).includes(marker))).toHaveLength(1);
      expect(errors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, 'write-back-failure');
      console.error(stack.appLog().slice(-3000));
      throw error;
    } finally {
      await context.close();
    }
  });

  it('without the write scope: Save is disabled with the reason, and the note can still be downloaded', async () => {
    const encounter = (await patientEncounters(stack.store, PATIENT))[0]!;
    const before = (await notesOf(PATIENT)).length;
    const { context, page } = await newPage(browser);
    try {
      await launch(page, encounter.id!, { deny_write: '1' });
      const panel = page.getByTestId('note-panel');
      const save = panel.getByRole('button', { name: 'Save note to chart' });
      expect(await save.isDisabled()).toBe(true);
      expect(await panel.getByTestId('save-disabled-reason').textContent()).toMatch(
        /not granted permission to create clinical notes/,
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByRole('button', { name: 'Download .txt' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^nocturne-note-\d{4}-\d{2}-\d{2}\.txt$/);
      const file = await download.path();
      expect(readFileSync(file, 'utf8')).toContain('DIFFERENTIAL DIAGNOSIS (RANKED)');
      expect((await notesOf(PATIENT)).length).toBe(before);
    } catch (error) {
      await saveScreenshot(page, 'write-back-no-scope-failure');
      throw error;
    } finally {
      await context.close();
    }
  });

  it('when the EHR fails the write: the error says what to do, and the edit survives a reload', async () => {
    const encounter = (await patientEncounters(stack.store, PATIENT))[0]!;
    const before = (await notesOf(PATIENT)).length;
    const { context, page } = await newPage(browser);
    try {
      await launch(page, encounter.id!, { fail: 'DocumentReference' });
      const panel = page.getByTestId('note-panel');
      const box = panel.getByRole('textbox', { name: /note text/i });
      const marker = `Kept edit ${Date.now()}`;
      await box.fill(`${await box.inputValue()}${marker}`);
      await panel.getByRole('button', { name: 'Save note to chart' }).click();
      const alert = panel.getByTestId('note-error');
      await alert.waitFor({ timeout: 20_000 });
      expect(await alert.textContent()).toMatch(/Not saved\..*500.*Your note text is kept here/s);
      expect(await box.inputValue()).toContain(marker);
      expect(await panel.getByRole('button', { name: 'Save note to chart' }).isEnabled()).toBe(true);

      await page.reload();
      await page.getByTestId('note-panel').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('note-panel').getByRole('textbox').inputValue()).toContain(marker);
      expect((await notesOf(PATIENT)).length).toBe(before);
    } catch (error) {
      await saveScreenshot(page, 'write-back-ehr-failure');
      throw error;
    } finally {
      await context.close();
    }
  });
});

describe('write-back through the sandbox (Epic profile: encounter required, search before create)', () => {
  useStack({ NOCTURNE_WRITEBACK_PROFILE: 'epic', NOCTURNE_WRITE_PROVENANCE: 'true' });

  it('files one text/plain preliminary note against the encounter; a reload files nothing more', async () => {
    const encounter = (await patientEncounters(stack.store, PATIENT))[0]!;
    const before = (await notesOf(PATIENT)).length;
    const { context, page } = await newPage(browser);
    try {
      await launch(page, encounter.id!);
      const panel = page.getByTestId('note-panel');
      const target = panel.getByRole('group', { name: 'Where the note will be filed' });
      expect(await target.textContent()).toContain('Epic');
      expect(await panel.getByTestId('note-warnings').textContent()).toMatch(/does not accept Provenance/);
      await panel.getByRole('button', { name: 'Save note to chart' }).click();
      await panel.getByTestId('note-saved').waitFor({ timeout: 20_000 });

      const after = await notesOf(PATIENT);
      expect(after.length).toBe(before + 1);
      const mine = after.filter((d) => d.context?.encounter?.[0]?.reference === `Encounter/${encounter.id}`);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.docStatus).toBe('preliminary');
      expect(mine[0]!.content[0]!.attachment.contentType).toBe('text/plain');

      await page.reload();
      await page.getByTestId('note-saved').waitFor({ timeout: 30_000 });
      expect((await notesOf(PATIENT)).length).toBe(before + 1);
    } catch (error) {
      await saveScreenshot(page, 'write-back-epic-failure');
      throw error;
    } finally {
      await context.close();
    }
  });

  it('without an encounter in the launch: the requirement is explained and Save is disabled', async () => {
    const before = (await notesOf(PATIENT)).length;
    const { context, page } = await newPage(browser);
    try {
      await launch(page, '');
      const panel = page.getByTestId('note-panel');
      expect(await panel.getByTestId('note-build-errors').textContent()).toMatch(/existing encounter/);
      expect(await panel.getByRole('button', { name: 'Save note to chart' }).isDisabled()).toBe(true);
      expect(await panel.getByRole('button', { name: 'Copy note' }).isEnabled()).toBe(true);
      expect((await notesOf(PATIENT)).length).toBe(before);
    } catch (error) {
      await saveScreenshot(page, 'write-back-epic-no-encounter-failure');
      throw error;
    } finally {
      await context.close();
    }
  });
});

describe('write-back through the sandbox (Oracle Health profile: final, under the logged-in practitioner)', () => {
  useStack({ NOCTURNE_WRITEBACK_PROFILE: 'oracle' });

  it('files one final note authored by the launch practitioner, with a timed period end and the charset', async () => {
    const before = await notesOf(PATIENT);
    const { context, page } = await newPage(browser);
    try {
      await launch(page, '');
      const panel = page.getByTestId('note-panel');
      expect(await panel.getByRole('group', { name: 'Where the note will be filed' }).textContent()).toContain(
        'Oracle Health',
      );
      await panel.getByRole('button', { name: 'Save note to chart' }).click();
      await panel.getByTestId('note-saved').waitFor({ timeout: 20_000 });
      const after = await notesOf(PATIENT);
      const added = after.filter((d) => !before.some((b) => b.id === d.id));
      expect(added).toHaveLength(1);
      const note = added[0]!;
      expect(note.docStatus).toBe('final');
      expect(note.author).toEqual([{ reference: `Practitioner/${PRACTITIONER}` }]);
      expect(note.content[0]!.attachment.contentType).toBe('text/plain;charset=utf-8');
      expect(note.context?.period?.end).toMatch(/T\d{2}:\d{2}:\d{2}/);
      expect(textOf(note)).toContain('DIFFERENTIAL DIAGNOSIS (RANKED)');
    } catch (error) {
      await saveScreenshot(page, 'write-back-oracle-failure');
      throw error;
    } finally {
      await context.close();
    }
  });
});

describe('a create whose answer is lost, behind a proxy (Epic profile: no If-None-Exist; issue 10 items 7 and 5)', () => {
  let proxy: LossyProxy;

  beforeAll(async () => {
    const sandboxPort = await freePort();
    proxy = await startLossyProxy(sandboxPort);
    stack = await startStack({
      sandboxPort,
      sandboxPublicUrl: proxy.url,
      env: { NOCTURNE_WRITEBACK_PROFILE: 'epic' },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await proxy?.close();
  });

  /** Launches, saves once, and returns what the EHR gained and what the page says. */
  async function saveThrough(answer: LossyProxy['answer'], name: string) {
    const encounter = (await patientEncounters(stack.store, PATIENT))[0]!;
    const before = await notesOf(PATIENT);
    const { context, page, errors } = await newPage(browser);
    try {
      await launch(page, encounter.id!);
      const panel = page.getByTestId('note-panel');
      proxy.answer = answer;
      const createsBefore = proxy.creates;
      await panel.getByRole('button', { name: 'Save note to chart' }).click();
      await panel.getByTestId('note-saved').waitFor({ timeout: 30_000 });
      proxy.answer = 'pass';
      const added = (await notesOf(PATIENT)).filter((d) => !before.some((b) => b.id === d.id));
      const link = (await panel.getByTestId('note-link').textContent())!;
      const duplicates = panel.getByTestId('note-duplicates');
      const copies = (await duplicates.count()) ? await duplicates.getByRole('link').count() : 1;
      expect(await panel.getByTestId('note-error').count()).toBe(0);
      return { page, context, errors, added, link, copies, posts: proxy.creates - createsBefore, panel };
    } catch (error) {
      await saveScreenshot(page, `write-back-lost-${name}-failure`);
      console.error(stack.appLog().slice(-3000));
      await context.close();
      throw error;
    }
  }

  it('the POST commits and the answer is dropped (Chromium may re-send it): the page reports exactly what the EHR holds', async () => {
    const r = await saveThrough('drop', 'drop');
    try {
      // Every POST that reached the EHR filed a note; Chromium re-sends at most once on its own.
      expect(r.posts).toBeGreaterThanOrEqual(1);
      console.log(`lost answers: ${r.posts} POST(s) reached the proxy, ${r.added.length} notes filed`);
      expect(r.added).toHaveLength(r.posts);
      expect(r.added.map((d) => `DocumentReference/${d.id}`)).toContain(r.link);
      expect(r.copies).toBe(r.added.length);
      expect(await r.panel.getByTestId('note-saved').textContent()).toMatch(/answer was lost; Nocturne found the note/);
      // A reload files nothing more.
      await r.page.reload();
      await r.page.getByTestId('note-saved').waitFor({ timeout: 30_000 });
      const after = (await notesOf(PATIENT)).filter((d) => r.added.some((a) => a.id === d.id));
      expect(after).toHaveLength(r.added.length);
      expect(r.errors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
    } finally {
      await r.context.close();
    }
  });

  it('filed more than once (the POST re-sent after a dropped connection): saved, and every copy listed to mark the extras entered in error', async () => {
    const r = await saveThrough('replay-then-drop', 'twice');
    try {
      expect(r.added.length).toBeGreaterThanOrEqual(2);
      console.log(`lost answers: ${r.posts} POST(s) reached the proxy, ${r.added.length} notes filed`);
      const duplicates = r.panel.getByTestId('note-duplicates');
      expect(await duplicates.textContent()).toMatch(/filed this note (twice|\d+ times).*entered in error/s);
      const hrefs = await duplicates.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.sort()).toEqual(r.added.map((d) => `${stack.fhirBaseUrl}/DocumentReference/${d.id}`).sort());
      expect(await r.panel.getByRole('button', { name: 'Saved to chart' }).isDisabled()).toBe(true);
    } finally {
      await r.context.close();
    }
  });

  it.each([
    ['hide-location', 'Location not exposed through CORS: the id comes from the returned note'],
    ['no-body', 'no body: the id comes from the Location header'],
  ] as const)('%s — %s', async (answer, _what) => {
    const r = await saveThrough(answer, answer);
    try {
      expect(r.posts).toBe(1);
      expect(r.added).toHaveLength(1);
      expect(r.link).toBe(`DocumentReference/${r.added[0]!.id}`);
      expect(r.copies).toBe(1);
      expect(await r.panel.getByTestId('note-saved').textContent()).not.toMatch(/answer was lost/);
    } finally {
      await r.context.close();
    }
  });
});
