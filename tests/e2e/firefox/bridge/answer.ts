/**
 * The bridge's answer, a second script in the Firefox background page of the test build only
 * (assemble.ts lists it after the production background, which it leaves untouched): it shares that
 * page's IndexedDB and answers the bridge's content script. It reads the database the way the
 * Chromium harness does (../../harness/idb.ts), never through the extension's own store modules.
 */
import { browser } from 'wxt/browser';
import { DB_NAME, foldInBrowser, readStoreInBrowser } from '../../harness/idb';
import { TEST_BRIDGE_DUMP, TEST_BRIDGE_PAGES } from './protocol';

/** Within the few seconds the test waits for one answer before it opens the page again. */
const ANSWER_WITHIN_MS = 2_500;

const STORES = ['switches', 'pairDays', 'days'] as const;

type Rows = Record<(typeof STORES)[number], unknown[]>;
type Reply = ({ ok: true } & Rows) | { ok: false; error: string };

/**
 * As the extension's pages do: the background writes what it holds and folds its journal (and a
 * due landing) into the figures first, then the figures are read. A record journalled in between
 * means fold and read again.
 */
async function readRecorded(): Promise<Reply> {
  const deadline = Date.now() + ANSWER_WITHIN_MS;
  for (;;) {
    await foldInBrowser(Math.max(100, Math.min(2_000, deadline - Date.now())));
    const results = await Promise.all(STORES.map((storeName) => readStoreInBrowser({ dbName: DB_NAME, storeName })));
    const rows = {} as Rows;
    let journalled = false;
    for (const [i, result] of results.entries()) {
      const store = STORES[i]!;
      if (result.ok) rows[store] = result.rows;
      else if ('journalled' in result) journalled = true;
      // Nothing recorded yet: the test asks again until the answer is complete.
      else if (result.missing === 'database') rows[store] = [];
      else return { ok: false, error: `No store "${store}" in ${DB_NAME} (it has: ${result.stores.join(', ')})` };
    }
    if (!journalled) return { ok: true, ...rows };
    if (Date.now() > deadline) return { ok: false, error: `The journal was not folded within ${ANSWER_WITHIN_MS} ms` };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the popup and the options page show of their top pair, as text. */
export interface PagesReply {
  ok: true;
  /** The popup's table "Top pairs by seconds lost", first row: pair, switches, seconds lost. */
  popup: string[];
  /** The options ranking's first row, every cell (pair, per-day figures, hours a year, cost…). */
  options: string[];
  /** The options ranking's header cells, to find a column by its heading. */
  optionsHeadings: string[];
}

const PAGE_WITHIN_MS = 10_000;

/**
 * The extension's own page at `path`, open in a tab, once `ready` finds what it waits for in its
 * document. Firefox gives the background the window of each extension page in a tab
 * (`extension.getViews`), so its DOM is read here as the page shows it.
 */
async function readView<T>(path: string, ready: (doc: Document) => T | null): Promise<{ doc: Document; found: T }> {
  const deadline = Date.now() + PAGE_WITHIN_MS;
  for (;;) {
    // The polyfill types these windows as its own empty Window: they are the DOM's.
    for (const view of browser.extension.getViews({ type: 'tab' }) as unknown as (typeof globalThis)['window'][]) {
      if (view.location.pathname !== path) continue;
      const found = ready(view.document);
      if (found !== null) return { doc: view.document, found };
    }
    if (Date.now() > deadline) throw new Error(`${path} did not show its figures within ${PAGE_WITHIN_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cellTexts = (row: Element | null | undefined) =>
  row ? [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '') : null;

/** Opens the popup and the options page, reads their top pair, and exports JSON from the options page. */
async function readPages(): Promise<PagesReply> {
  for (const path of ['/popup.html', '/options.html'] as const)
    await browser.tabs.create({ url: browser.runtime.getURL(path), active: false });
  const { found: popup } = await readView('/popup.html', (doc) =>
    cellTexts(doc.querySelector('table[aria-label="Top pairs by seconds lost"] tbody tr')),
  );
  const { doc, found: options } = await readView('/options.html', (d) =>
    d.querySelector('main[data-ready="true"]') ? cellTexts(d.querySelector('table.ranking tbody tr')) : null,
  );
  const optionsHeadings = cellTexts(doc.querySelector('table.ranking thead tr')) ?? [];
  // The page's own button: the file is saved through its download link, as a person's would be.
  const exportJson = [...doc.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Export JSON');
  if (!exportJson) throw new Error('The options page has no "Export JSON" button');
  exportJson.click();
  return { ok: true, popup, options, optionsHeadings };
}

// sendResponse and `return true`, not a returned Promise: in Firefox the Promise's value did not
// reach the content script.
browser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
  const type = (message as { type?: unknown } | null)?.type;
  if (type === TEST_BRIDGE_PAGES) {
    readPages().then(sendResponse, (error: unknown) => sendResponse({ ok: false, error: String(error) }));
    return true;
  }
  if (type !== TEST_BRIDGE_DUMP) return false;
  readRecorded().then(sendResponse, (error: unknown) => sendResponse({ ok: false, error: String(error) }));
  return true;
});
