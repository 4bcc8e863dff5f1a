/**
 * The welcome page in the real extension: on a fresh profile the welcome tab
 * opens by itself after install; its search finds Dropbox; choosing Dropbox as your product stores
 * it, and the options page shows it chosen. A screenshot of the page goes to tests/output/welcome/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { browser } from 'wxt/browser';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { openOptions, STAND_IN_HOSTS } from './harness/pages';

// The extension's API, inside functions evaluated in its service worker.
declare const chrome: typeof browser;

const SCREENSHOTS = resolve('tests/output/welcome');

describe('welcome page in the real extension', () => {
  let ext: ExtensionHarness;

  beforeAll(async () => {
    ext = await launchExtension({ hosts: STAND_IN_HOSTS, keepWelcome: true });
  });
  afterAll(async () => {
    await ext?.close();
  });

  const stored = (key: string) => ext.inWorker(async (k) => (await chrome.storage.local.get(k))[k], key);

  it('opens after install; its search finds Dropbox; choosing Dropbox as your product stores it', async () => {
    const welcome: Page = await ext.waitFor(
      () => ext.context.pages().find((page) => !page.isClosed() && page.url().endsWith('/welcome.html')),
      { message: 'a page whose URL ends with welcome.html' },
    );
    await welcome.getByRole('heading', { name: 'Welcome to Toggle Tax' }).waitFor();
    expect(await welcome.getByRole('region', { name: 'What is recorded, and what never is' }).textContent()).toMatch(
      /Never recorded.*Web addresses, page titles/,
    );
    await welcome.getByRole('searchbox', { name: /Search the \d+ recognised apps/ }).fill('Dropbox');
    const matches = welcome.getByRole('list', { name: 'Matching apps' });
    await expect.poll(() => matches.locator('strong').allTextContents()).toContain('Dropbox');
    expect(await welcome.getByRole('figure', { name: /sample figures/ }).textContent()).toMatch(/not stored/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await welcome.screenshot({ path: `${SCREENSHOTS}/welcome.png`, fullPage: true });

    await welcome.getByRole('combobox', { name: /Your product/ }).selectOption('dropbox');
    const closed = welcome.waitForEvent('close');
    await welcome.getByRole('button', { name: 'Save and close' }).click();
    await closed;
    expect(await stored('yourProduct')).toBe('dropbox');

    const options = await openOptions(ext);
    expect(await options.getByRole('combobox', { name: /Your product/ }).inputValue()).toBe('dropbox');
    await options.close();
  });
});
