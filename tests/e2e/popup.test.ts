/**
 * Acceptance (issue 4): the popup, opened as a tab of the real extension after a scripted session,
 * lists the expected top pair with its switch count; pausing from the popup stops recording and
 * resuming starts it again; screenshots of the popup in light and dark go to tests/output/popup/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser } from 'wxt/browser';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import {
  appVisitor,
  openExtensionPage,
  openOptions,
  openPopup,
  SEED_SESSION,
  STAND_IN_HOSTS,
  STAND_INS,
} from './harness/pages';
import { sleep } from './harness/wait';

// The extension's API, inside functions evaluated in its service worker.
declare const chrome: typeof browser;

const SCREENSHOTS = resolve('tests/output/popup');
describe('popup in the real extension', () => {
  let ext: ExtensionHarness;
  let visit: (app: keyof typeof STAND_INS) => Promise<void>;

  beforeAll(async () => {
    ext = await launchExtension({ hosts: STAND_IN_HOSTS });
    visit = appVisitor(ext, STAND_INS);
  });
  afterAll(async () => {
    await ext?.close();
  });

  const switchCount = async () => (await ext.readDb('switches')).length;

  it('lists the session’s top pair first, with its switch count', async () => {
    for (const app of SEED_SESSION) await visit(app);
    await ext.waitFor(async () => (await switchCount()) >= 6, { timeoutMs: 10_000, message: 'six switches recorded' });

    const popup = await openPopup(ext);
    const firstRow = popup.locator('table.pairs tbody tr').first();
    await expect.poll(() => firstRow.locator('th').textContent()).toBe('Dropbox \u2194 Paychex Flex');
    expect(await firstRow.locator('td').first().textContent()).toBe('4');
    expect(await popup.locator('table.pairs tbody tr').count()).toBe(3);
    expect(await popup.getByLabel('Summary').textContent()).toMatch(/^6 switches/);
    await popup.locator('canvas[data-ready="true"]').waitFor();

    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-light.png`, fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await sleep(100);
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-dark.png`, fullPage: true });
    console.log(`[e2e] popup screenshots in ${SCREENSHOTS}`);
    await popup.close();
  });

  it('pausing from the popup stops recording, resuming starts it again', async () => {
    const popup = await openPopup(ext);
    await popup.getByRole('button', { name: 'Pause tracking' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Paused');
    const before = await switchCount();

    await visit('slack');
    await visit('dropbox');
    await visit('gmail');
    await sleep(500);
    expect(await switchCount()).toBe(before);

    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Resume tracking' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Tracking');
    await visit('slack');
    await visit('dropbox');
    await ext.waitFor(async () => (await switchCount()) === before + 1, {
      timeoutMs: 10_000,
      message: 'one switch after resuming',
    });
    const last = (await ext.readDb('switches')).at(-1)!;
    expect(`${last.from}→${last.to}`).toBe('slack→dropbox');
    // The popup follows the database while open: the background announces each recorded switch
    // (utils/data-changes.ts).
    await expect.poll(() => popup.getByLabel('Summary').textContent()).toMatch(new RegExp(`^${before + 1} switches`));
  });

  it('fits the top eight pairs without scrolling at the popup’s maximum height', async () => {
    const popup = await openPopup(ext);
    // More pairs for today, written straight into the extension's database from its own page.
    const today = await popup.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const extra = ['asana', 'box', 'notion', 'trello', 'zoom', 'figma', 'miro'].map((b, i) => ({
      day: today,
      a: 'airtable',
      b,
      aToB: i + 1,
      bToA: 0,
      transitMs: 1000,
      detours: 0,
      detourDwellMs: 0,
    }));
    await popup.evaluate(async (rows) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open('toggle-tax');
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      // Pair rollups are stored by the day (utils/db.ts `PairsOfDay`).
      const tx = db.transaction('pairsByDay', 'readwrite');
      const store = tx.objectStore('pairsByDay');
      const get = store.get(rows[0]!.day);
      get.onsuccess = () => {
        // By column: entry i of every array is one pair.
        type Day = Record<'a' | 'b' | 'aToB' | 'bToA' | 'transitMs' | 'detours' | 'detourDwellMs', unknown[]> & {
          day: string;
        };
        const today = (get.result as Day | undefined) ?? {
          day: rows[0]!.day,
          a: [],
          b: [],
          aToB: [],
          bToA: [],
          transitMs: [],
          detours: [],
          detourDwellMs: [],
        };
        for (const row of rows)
          for (const column of ['a', 'b', 'aToB', 'bToA', 'transitMs', 'detours', 'detourDwellMs'] as const)
            today[column].push(row[column]);
        store.put(today);
      };
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    }, extra);
    // A write from outside the extension's code announces nothing (utils/data-changes.ts): reopen.
    await popup.reload();
    await popup.waitForSelector('main[data-stage="full"], main[data-stage="learning"]');
    await expect.poll(() => popup.locator('table.pairs tbody tr').count()).toBe(8);
    await popup.locator('canvas[data-ready="true"]').waitFor();
    const height = await popup.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(600);
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-eight-pairs.png`, fullPage: true });
    await popup.close();
  });

  // Last: it deletes everything recorded.
  it('says so while switches cannot be saved (a full disk), and no more once they are saved again', async () => {
    // The worker's IndexedDB refuses every write, as it does when the disk is full.
    await ext.inWorker(() => {
      const real = IDBDatabase.prototype.transaction;
      (globalThis as { restoreWrites?: () => void }).restoreWrites = () => (IDBDatabase.prototype.transaction = real);
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores, mode, options) {
        if (mode === 'readwrite') throw new DOMException('The disk is full', 'QuotaExceededError');
        return real.call(this, stores, mode, options);
      };
    }, undefined);
    await visit('slack');
    await visit('dropbox');
    // The popup asks the worker to save what it holds as it opens.
    const popup = await openExtensionPage(ext, 'popup.html', { width: 380, height: 600 }, 'main');
    const alert = popup.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
      // Seen once in about a dozen full runs: say what the worker noted and logged.
      const noted = await ext.inWorker(() => chrome.storage.session.get(null), undefined).catch(String);
      const logged = ext.workerConsole.slice(-10).map((m) => `${m.type}: ${m.text}`);
      throw new Error(
        `No alert. Session storage: ${JSON.stringify(noted)}; worker console: ${JSON.stringify(logged)}`,
        { cause: error },
      );
    });
    expect(await alert.textContent()).toMatch(/^The disk is full: switches since .+ are not being saved/);
    // What was saved before is still there.
    expect(await popup.locator('table.pairs tbody tr').count()).toBeGreaterThan(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-not-saving.png`, fullPage: true });

    await ext.inWorker(() => (globalThis as { restoreWrites?: () => void }).restoreWrites?.(), undefined);
    await visit('gmail');
    await visit('slack');
    await ext.readDb('switches'); // has the worker save what it holds
    await alert.waitFor({ state: 'detached', timeout: 10_000 });
    await popup.close();
  });

  it('follows the options page while open: after deleting everything, it says nothing is recorded yet', async () => {
    const popup = await openPopup(ext);
    expect(await popup.locator('table.pairs tbody tr').count()).toBeGreaterThan(0);
    const options = await openOptions(ext);
    await options.getByRole('button', { name: 'Delete everything…' }).click();
    await options.getByRole('button', { name: 'Yes, delete everything' }).click();
    await options.getByText('Everything recorded was deleted.').waitFor();
    await popup.getByRole('heading', { name: 'Nothing recorded yet' }).waitFor({ timeout: 5_000 });
    await options.close();
    await popup.close();
  });
});
