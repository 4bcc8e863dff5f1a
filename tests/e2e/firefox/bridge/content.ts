/**
 * The bridge's content script, on the stand-in page https://bridge.toggle-tax.test/ of the Firefox
 * test build only (assemble.ts adds it): asks the background for everything recorded and writes the
 * reply into `<html data-dump="…">`, where a WebDriver BiDi test can read it. BiDi cannot open
 * moz-extension:// pages, and a content script sees the page's IndexedDB, not the extension's.
 */
import { browser } from 'wxt/browser';
import { TEST_BRIDGE_DUMP } from './protocol';

const root = document.documentElement;
browser.runtime.sendMessage({ type: TEST_BRIDGE_DUMP }).then(
  (reply: unknown) => (root.dataset.dump = JSON.stringify(reply ?? { ok: false, error: 'no reply' })),
  (error: unknown) => (root.dataset.dump = JSON.stringify({ ok: false, error: String(error) })),
);
