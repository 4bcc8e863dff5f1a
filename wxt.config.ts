import { existsSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { APPS } from './utils/catalog/apps';
import { appNamesDefine } from './utils/build/app-names';
import { buildOnItsOwn, preloadLazyChunks } from './utils/build/page-build';
import { PAUSE_COMMAND } from './utils/settings/declarations';

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
  // The popup's list of app names, projected from the catalog (utils/catalog/app-names.ts). The
  // popup's and the options page's views are fetched with their first modules, not after them
  // (utils/page-build.ts); the options page's sections below the ranking still load later.
  vite: () => ({
    plugins: [preact(), preloadLazyChunks(['popup.html'], ['options.html'])],
    define: appNamesDefine(APPS),
  }),
  hooks: {
    // The popup's, the options page's and the welcome page's modules in files of their own, not in
    // chunks shared with the other pages (utils/page-build.ts).
    'entrypoints:grouped': (_wxt, groups) => {
      buildOnItsOwn(groups, 'popup');
      buildOnItsOwn(groups, 'options');
      buildOnItsOwn(groups, 'welcome');
    },
  },
  // The sources package Mozilla reviews: the code and how to build it, not local test and benchmark output.
  zip: { excludeSources: ['bench-output/**', 'demo-output/**', 'tests/output/**', '*.log'] },
  webExt: {
    binaries: { chrome: findChromium() ?? 'chrome' },
    // Root on a Linux machine cannot start Chromium with its sandbox.
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  manifest: ({ browser }) => ({
    name: 'Toggle Tax',
    // At most 132 characters (Chrome Web Store).
    description:
      'Measures the time lost switching between web apps and ranks the integrations that would give it back. Nothing leaves your browser.',
    // Only what the tracker needs. No host permissions: no page is ever read.
    permissions: ['tabs', 'idle', 'storage', 'unlimitedStorage'],
    // A keyboard shortcut that pauses and resumes tracking (the commands API needs no permission);
    // people can change it at chrome://extensions/shortcuts or in Firefox's add-on manager. Chromium
    // leaves Alt+Shift+P unassigned (tried: its shortcut stays empty); Alt+Shift+K is assigned.
    commands: {
      [PAUSE_COMMAND]: { suggested_key: { default: 'Alt+Shift+K' }, description: 'Pause or resume tracking' },
    },
    // Team settings an administrator deploys through enterprise policy (utils/settings/team-setup.ts).
    ...(browser !== 'firefox' && { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'toggle-tax@toggle-tax.dev',
              strict_min_version: '140.0',
              // Firefox's data-collection declaration (read from 140 on; 115-127 reject the key): nothing
              // is collected or transmitted.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads that declaration from 142 on (AMO's linter warns otherwise).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
