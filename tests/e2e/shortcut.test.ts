/**
 * The pause shortcut in the real extension, pressed as a person presses it: headed Chromium under
 * Xvfb, the key sent by xdotool to the X server. (A key press through Playwright, in headless or
 * headed Chromium, reaches the page but never the browser's extension shortcuts.)
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser } from 'wxt/browser';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { STAND_IN_HOSTS, STAND_INS } from './harness/pages';

// The extension's API, inside functions evaluated in its service worker.
declare const chrome: typeof browser;

describe('pause shortcut in the real extension', () => {
  let ext: ExtensionHarness;

  beforeAll(async () => {
    ext = await launchExtension({ hosts: STAND_IN_HOSTS, headed: true });
  });
  afterAll(async () => {
    await ext?.close();
  });

  const press = (keys: string) =>
    promisify(execFile)('xdotool', ['key', keys], { env: { ...process.env, DISPLAY: ext.display! } });
  const paused = () => ext.inWorker(async () => (await chrome.storage.local.get('paused')).paused === true, undefined);

  it('has its suggested key, Alt+Shift+K, and pauses and resumes tracking with it', async () => {
    const commands = await ext.inWorker(() => chrome.commands.getAll(), undefined);
    expect(commands.find((c) => c.name === 'toggle-tracking')?.shortcut).toBe('Alt+Shift+K');

    const page = await ext.context.newPage();
    await page.goto(STAND_INS.slack);
    await ext.waitForLanding('slack');
    expect(await paused()).toBe(false);

    await press('alt+shift+k');
    await ext.waitFor(paused, { message: 'the shortcut to pause tracking' });
    await ext.waitFor(async () => (await ext.trackerState())?.paused === true, { message: 'the tracker to pause' });

    await press('alt+shift+k');
    await ext.waitFor(async () => !(await paused()), { message: 'the shortcut to resume tracking' });
    await ext.waitFor(async () => (await ext.trackerState())?.paused === false, { message: 'the tracker to resume' });
  });
});
