import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { APPS } from './utils/catalog/apps.ts';
import { appNamesDefine } from './utils/build/app-names.ts';

/** The real-browser tests whose scripts are timed, run after the others, one file at a time. */
const TIMED = ['tests/e2e/durability.test.ts', 'tests/e2e/focus-and-idle.test.ts'];

/**
 * The built extension in Debian's Chromium, driven by playwright-core. Tests check files the
 * extension writes with the extension's own pure readers, hence the alias.
 */
const e2e = (test: { name: string; include?: string[]; exclude?: string[]; maxWorkers: number; sequence: object }) => ({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    // Builds the extension once, before any browser starts.
    globalSetup: ['tests/e2e/harness/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    ...test,
  },
});

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
      e2e({
        name: 'e2e',
        exclude: TIMED,
        // Two files at a time: one browser per file, each headed file with an Xvfb of its own.
        // One at a time took over 3 minutes.
        maxWorkers: 2,
        sequence: { groupOrder: 1 },
      }),
      e2e({
        // The files whose scripts are timed against the tracker's thresholds (0.5 s of tolerance):
        // alone, once the others are done, so that another file's browser never stretches a step
        // (beside one on a loaded machine, a 0.3 s flicker took 1.4 s).
        name: 'e2e-timed',
        include: TIMED,
        maxWorkers: 1,
        sequence: { groupOrder: 2 },
      }),
    ],
  },
});
