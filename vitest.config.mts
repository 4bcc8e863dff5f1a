import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { APPS } from './utils/catalog/apps.ts';
import { appNamesDefine } from './utils/build/app-names.ts';

export default defineConfig({
  test: {
    projects: [
      {
        // Pure modules and the background against WXT's fake browser and fake-indexeddb.
        plugins: [WxtVitest()],
        // As in wxt.config.ts: WxtVitest does not bring in its Vite settings.
        define: appNamesDefine(APPS),
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/setup.ts'],
          // A fixed zone with daylight saving, so tests of local midnight mean the same everywhere.
          env: { TZ: 'America/New_York' },
          // Some tests record days of browsing into fake-indexeddb: seconds on a busy 2-core machine.
          testTimeout: 30_000,
          mockReset: true,
          restoreMocks: true,
        },
      },
      {
        // The built extension in Debian's Chromium, driven by playwright-core. Tests check files the
        // extension writes with the extension's own pure readers, hence the alias.
        resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Builds the extension once, before any browser starts.
          globalSetup: ['tests/e2e/harness/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two files at a time: one browser per file, each headed file with an Xvfb of its own.
          // One at a time took over 3 minutes; timing assertions allow 0.5 s, which holds on 2 cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
