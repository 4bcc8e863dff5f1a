/**
 * The bridge's answer, a second script in the Firefox background page of the test build only
 * (assemble.ts lists it after the production background, which it leaves untouched): it shares that
 * page's IndexedDB and answers the bridge's content script. It reads the database the way the
 * Chromium harness does (../../harness/idb.ts), never through the extension's own store modules.
 */
import { browser } from 'wxt/browser';
import { DB_NAME, foldInBrowser, readStoreInBrowser } from '../../harness/idb';
import { TEST_BRIDGE_DUMP } from './protocol';

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

// sendResponse and `return true`, not a returned Promise: in Firefox the Promise's value did not
// reach the content script.
browser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
  if ((message as { type?: unknown } | null)?.type !== TEST_BRIDGE_DUMP) return false;
  readRecorded().then(sendResponse, (error: unknown) => sendResponse({ ok: false, error: String(error) }));
  return true;
});
