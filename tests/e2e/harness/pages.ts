/**
 * What the page-level tests (popup, options, evidence) share: tabs on stand-in apps that a test
 * visits by name, the session they all script, and the extension's own pages opened at a size.
 */
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from './browser';
import { sleep } from './wait';

export const STAND_INS = {
  paychex: 'https://myapps.paychex.com/landing',
  dropbox: 'https://www.dropbox.com/home/Finance',
  slack: 'https://app.slack.com/client/T1/C1',
  gmail: 'https://mail.google.com/mail/u/0/#inbox',
} as const;

export const STAND_IN_HOSTS: readonly string[] = Object.values(STAND_INS).map((url) => new URL(url).hostname);

/** Paychex ↔ Dropbox four times (the seed's look-up), then Slack and Gmail: six switches. */
export const SEED_SESSION = ['paychex', 'dropbox', 'paychex', 'dropbox', 'paychex', 'slack', 'gmail'] as const;

/** Long enough on each app to land (1 s), short enough to keep the suite quick. */
const DWELL_MS = 1_400;

/** `visit(app)` brings the app's tab to the front (opening it the first time) and stays there. */
export function appVisitor<K extends string>(ext: ExtensionHarness, urls: Record<K, string>, dwellMs = DWELL_MS) {
  const tabs = new Map<K, Page>();
  return async (app: K): Promise<void> => {
    let page = tabs.get(app);
    if (page) await page.bringToFront();
    else {
      page = await ext.context.newPage();
      await page.goto(urls[app]);
      tabs.set(app, page);
    }
    await sleep(dwellMs);
  };
}

/** Opens one of the extension's pages in a new tab at a size, once `ready` is on it. */
export async function openExtensionPage(
  ext: ExtensionHarness,
  path: string,
  size: { width: number; height: number },
  ready: string,
): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize(size);
  await page.goto(ext.extensionUrl(path));
  await page.waitForSelector(ready);
  return page;
}

export const openOptions = (ext: ExtensionHarness, path = 'options.html') =>
  openExtensionPage(ext, path, { width: 1200, height: 900 }, 'main[data-ready="true"]');

export const openPopup = (ext: ExtensionHarness) =>
  openExtensionPage(
    ext,
    'popup.html',
    { width: 380, height: 600 },
    'main[data-stage="full"], main[data-stage="learning"]',
  );
