/**
 * TEST BUILDS ONLY (TOGGLE_TAX_TEST_BRIDGE=1, see wxt.config.ts): lets a test in Firefox read what
 * the extension recorded. WebDriver BiDi cannot open the extension's own pages there, and a content
 * script sees the page's IndexedDB, not the extension's; so the `test-bridge` content script asks,
 * and `test-bridge-answer`, a second script in the background page next to the untouched
 * production background, answers from the database. No production build contains either.
 */
import type { browser } from 'wxt/browser';
import { foldNow } from './store/changes';
import { allSwitches, readPairDays, type ToggleTaxDB } from './store/schema';

/** The one question the bridge asks. */
export const TEST_BRIDGE_DUMP = 'toggle-tax:test-dump';

/** The only host whose pages get the bridge: a reserved test name that no real site can have. */
export const TEST_BRIDGE_HOST = 'bridge.toggle-tax.test';

export function registerTestBridge(api: typeof browser, db: ToggleTaxDB): void {
  // sendResponse and `return true`, not a returned Promise: in Firefox the Promise's value did not
  // reach the content script (../shared/facts/browser-testing.md, section 7).
  api.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
    if ((message as { type?: unknown } | null)?.type !== TEST_BRIDGE_DUMP) return false;
    // As the extension's pages do: the background writes what it holds and folds its journal (and
    // a due landing) into the figures first. The test asks again until the answer is complete.
    foldNow(2_000)
      .then(() => Promise.all([allSwitches(db), readPairDays(db), db.days.toArray()]))
      .then(
        ([switches, pairDays, days]) => sendResponse({ ok: true, switches, pairDays, days }),
        (error: unknown) => sendResponse({ ok: false, error: String(error) }),
      );
    return true;
  });
}
