import { existsSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** The browser `npm run dev` opens: $CHROME_PATH, then the usual install paths of Chromium and Chrome. */
function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ];
  return candidates.find((path) => path && existsSync(path));
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports only: code stays greppable and tests import what they use.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  webExt: {
    binaries: { chrome: findChromium() ?? 'chrome' },
    // Root on a Linux machine cannot start Chromium with its sandbox.
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  manifest: ({ browser }) => ({
    name: 'Toggle Tax',
    description:
      'Measures the seconds you lose switching between web apps, and ranks the integrations that would give them back. Everything stays in this browser.',
    // Only what the tracker needs. No host permissions: no page is ever read.
    permissions: ['tabs', 'idle', 'storage', 'unlimitedStorage'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'toggle-tax@toggle-tax.dev', strict_min_version: '115.0' } } }
      : {}),
  }),
});
