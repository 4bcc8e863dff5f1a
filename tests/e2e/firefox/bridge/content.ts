/**
 * The bridge's content script, on the stand-in page https://bridge.toggle-tax.test/ of the Firefox
 * test build only (assemble.ts adds it): asks the background for everything recorded and writes the
 * reply into `<html data-dump="…">`, where a WebDriver BiDi test can read it; on the path
 * TEST_BRIDGE_PAGES_PATH it asks for the extension's pages instead (protocol.ts). BiDi cannot open
 * moz-extension:// pages, and a content script sees the page's IndexedDB, not the extension's.
 */
import { browser } from 'wxt/browser';
import { TEST_BRIDGE_DUMP, TEST_BRIDGE_PAGES, TEST_BRIDGE_PAGES_PATH } from './protocol';

const root = document.documentElement;
const type = location.pathname === TEST_BRIDGE_PAGES_PATH ? TEST_BRIDGE_PAGES : TEST_BRIDGE_DUMP;
browser.runtime.sendMessage({ type }).then(
  (reply: unknown) => (root.dataset.dump = JSON.stringify(reply ?? { ok: false, error: 'no reply' })),
  (error: unknown) => (root.dataset.dump = JSON.stringify({ ok: false, error: String(error) })),
);
