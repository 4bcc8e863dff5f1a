/**
 * TEST BUILDS ONLY: wxt.config.ts removes this entrypoint unless TOGGLE_TAX_TEST_BRIDGE=1, so it
 * is never in `npm run build`, `build:firefox` or `zip` (tests/e2e/manifest.test.ts checks).
 *
 * On the stand-in page https://bridge.toggle-tax.test/ it asks the background for everything
 * recorded and writes the reply into `<html data-dump="…">`, where a WebDriver BiDi test can read
 * it: BiDi cannot open moz-extension:// pages (tests/e2e/firefox.test.ts).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { TEST_BRIDGE_DUMP, TEST_BRIDGE_HOST } from '@/utils/test-bridge';

export default defineContentScript({
  matches: [`https://${TEST_BRIDGE_HOST}/*`],
  runAt: 'document_idle',
  main() {
    const root = document.documentElement;
    browser.runtime.sendMessage({ type: TEST_BRIDGE_DUMP }).then(
      (reply: unknown) => (root.dataset.dump = JSON.stringify(reply ?? { ok: false, error: 'no reply' })),
      (error: unknown) => (root.dataset.dump = JSON.stringify({ ok: false, error: String(error) })),
    );
  },
});
