/**
 * Acceptance (issue 5), in the real extension: after a scripted session, the options page ranks the
 * expected pair first with the annual hours the scripted assumptions give; a preset re-prices without
 * a reload; your product's partners and "integrated since" (chosen by keyboard from the row's menu)
 * work; a custom app added on the page is recognised from the next switch; an ignored app leaves the
 * ranking; bad input changes nothing; settings survive a browser restart.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { browser } from 'wxt/browser';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { appVisitor, openOptions, SEED_SESSION, STAND_IN_HOSTS, STAND_INS } from './harness/pages';

const SCREENSHOTS = resolve('tests/output/options');
const URLS = { ...STAND_INS, wiki: 'https://wiki.acme-corp.test/spaces/finance' };
const HOSTS = [...STAND_IN_HOSTS, 'wiki.acme-corp.test'];

/** The extension API in the service worker, where `worker.evaluate` runs. */
declare const chrome: typeof browser;

describe('options page in the real extension', () => {
  const profile = mkdtempSync(join(tmpdir(), 'toggle-tax-profile-'));
  let ext: ExtensionHarness;
  let visit: (app: keyof typeof URLS) => Promise<void>;

  afterAll(async () => {
    await ext?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  const switches = () => ext.readDb('switches');
  const firstRow = (page: Page) => page.locator('table.ranking tbody tr').first();
  const rankedPairs = (page: Page) => page.locator('table.ranking tbody tr th').allTextContents();
  const hoursOf = async (page: Page) => Number(await firstRow(page).locator('td.hours').textContent());
  /** The focused element's role (or tag) and name: "menuitem Mark integrated…". */
  const focusedName = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'body';
      const input = el as HTMLInputElement;
      const name = el.getAttribute('aria-label') ?? input.labels?.[0]?.textContent ?? el.textContent ?? '';
      return `${el.getAttribute('role') ?? el.tagName.toLowerCase()} ${name.trim()}`;
    });

  it('ranks the session’s top pair first, with the annual hours of the scripted assumptions', async () => {
    ext = await launchExtension({ hosts: HOSTS, userDataDir: profile });
    visit = appVisitor(ext, URLS);
    const options = await openOptions(ext);
    // Scripted assumptions: 10 s per switch, nothing else, 230 working days.
    for (const [label, value] of [
      ['Refocus per switch (s)', '10'],
      ['Resumption after a detour (s)', '0'],
      ['Avoidable share of detour time (0–1)', '0'],
      ['Working days a year', '230'],
    ] as const) {
      // One way to save: each value applies as the field is left, with no Save button.
      await options.getByLabel(label).fill(value);
      await options.getByLabel(label).press('Tab');
    }
    await expect.poll(() => options.getByRole('status').allTextContents()).toContain('Saved: figures re-priced.');
    const assumed = await ext.worker.evaluate(() => chrome.storage.local.get('assumptions'));
    expect(assumed.assumptions).toMatchObject({
      refocusSeconds: 10,
      resumptionSeconds: 0,
      avoidableShare: 0,
      workingDaysPerYear: 230,
    });

    for (const app of SEED_SESSION) await visit(app);
    await ext.waitFor(async () => (await switches()).length >= 6, { timeoutMs: 10_000, message: 'six switches' });
    const recorded = await switches();
    const payDrop = recorded.filter((s) => [s.from, s.to].sort().join() === 'dropbox,paychex');
    expect(payDrop).toHaveLength(4);

    await options.bringToFront();
    await expect.poll(() => firstRow(options).locator('th').textContent()).toContain('Dropbox \u2194 Paychex Flex');
    // The sections below the ranking follow the worker's folds too, without a reload.
    await expect
      .poll(() => options.getByText(/ switches recorded/).textContent())
      .toMatch(new RegExp(`^${recorded.length} switches recorded`));
    // No active day yet (under an hour of browsing): per day is the period's total.
    const transitSeconds = payDrop.reduce((sum, s) => sum + s.transitMs, 0) / 1000;
    const expectedHours = ((transitSeconds + 10 * 4) * 230) / 3600;
    expect(await hoursOf(options)).toBeCloseTo(expectedHours, 1);
    expect(await firstRow(options).locator('.badge').textContent()).toBe('Top 1');

    // A preset re-prices at once, without a reload: High is 2 s per switch, 15 s per detour, all detour time.
    await options.getByRole('button', { name: 'High' }).click();
    const detours = payDrop.filter((s) => s.detourDwellMs !== null);
    const dwell = detours.reduce((sum, s) => sum + s.detourDwellMs!, 0) / 1000;
    const highHours = ((transitSeconds + 2 * 4 + 15 * detours.length + dwell) * 230) / 3600;
    await expect.poll(() => hoursOf(options)).toBeCloseTo(highHours, 1);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await options.screenshot({ path: `${SCREENSHOTS}/options.png`, fullPage: true });

    // Your product Salesforce (Slack's company): the ranking becomes one of its partners.
    await options.getByLabel('Your product').selectOption('salesforce');
    const partners = options.getByRole('table', { name: /^Partners of Salesforce/ });
    await expect
      .poll(() => partners.locator('tr.partner').evaluateAll((rows) => rows.map((r) => r.dataset.vendor).sort()))
      .toEqual(['google', 'paychex']);
    await options.getByLabel('Your product').selectOption('');

    // Integrated since today, by keyboard from the row's menu: switching per active day before and after shows.
    const actions = firstRow(options).getByRole('button', { name: 'Actions for Dropbox \u2194 Paychex Flex' });
    await actions.focus();
    await options.keyboard.press('Enter');
    await expect.poll(() => focusedName(options)).toBe('menuitem Mark integrated…');
    await options.keyboard.press('Enter');
    await expect.poll(() => focusedName(options)).toBe('input Integrated since');
    await firstRow(options).getByRole('button', { name: 'Mark integrated', exact: true }).click();
    // The form closes and the focus is back on the row's menu button.
    await expect.poll(() => focusedName(options)).toBe('button Actions for Dropbox \u2194 Paychex Flex');
    await expect
      .poll(() => firstRow(options).locator('.integrated').textContent())
      .toMatch(
        /^Integrated since \d{4}-\d{2}-\d{2}: 0 s lost per active day before \(0\.0 h a year, 0 active days\), \d+ s after \(\d+\.\d h a year, 0 active days\): too early to tell/,
      );
    // Integrated, it holds no top-five place.
    expect(await firstRow(options).locator('.badge').count()).toBe(0);
    await actions.click();
    await firstRow(options).getByRole('menuitem', { name: 'Unmark integrated' }).click();
    await expect.poll(() => firstRow(options).locator('.integrated').count()).toBe(0);
    await options.close();
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const options = await openOptions(ext);
    const before = await hoursOf(options);
    const refocus = options.getByLabel('Refocus per switch (s)');
    for (const [value, message] of [
      ['-3', 'Refocus per switch must be between 0 and 60 seconds.'],
      ['abc', 'Refocus per switch must be a number between 0 and 60 seconds.'],
      ['100000', 'Refocus per switch must be between 0 and 60 seconds.'],
    ] as const) {
      await refocus.fill(value);
      await refocus.press('Enter');
      await expect.poll(() => options.getByRole('alert').first().textContent()).toBe(message);
      expect(await hoursOf(options)).toBe(before);
    }
    await options.getByLabel('Idle after (s)').fill('5');
    await options.getByLabel('Idle after (s)').press('Tab');
    await expect
      .poll(() => options.getByRole('alert').allTextContents())
      .toContain('Idle after must be between 15 and 3600 seconds.');
    const stored = await ext.worker.evaluate(() => chrome.storage.local.get(['idleSeconds', 'assumptions']));
    expect(stored.idleSeconds).toBeUndefined();
    expect((stored.assumptions as { refocusSeconds: number }).refocusSeconds).toBe(2);

    // Fixed, it applies as the field is left: the message goes and the ranking is re-priced.
    await refocus.fill('30');
    await refocus.press('Tab');
    await expect.poll(() => hoursOf(options)).toBeGreaterThan(before);
    expect(await options.getByRole('alert').allTextContents()).toEqual([
      'Idle after must be between 15 and 3600 seconds.',
    ]);
    const fixed = await ext.worker.evaluate(() => chrome.storage.local.get(['idleSeconds', 'assumptions']));
    expect((fixed.assumptions as { refocusSeconds: number }).refocusSeconds).toBe(30);
    expect(fixed.idleSeconds).toBeUndefined();
    // Back to the preset the next tests expect.
    await options.getByRole('button', { name: 'High' }).click();
    await expect.poll(() => hoursOf(options)).toBe(before);
    await options.close();
  });

  it('recognises a custom app from the next switch, and drops an ignored app from the ranking', async () => {
    const options = await openOptions(ext);
    await options.locator('#c-name').fill('Acme Wiki');
    await options.locator('#c-hosts').fill('wiki.acme-corp.test');
    await options.locator('#c-category').selectOption('docs-knowledge');
    await options.getByRole('button', { name: 'Add app' }).click();
    await expect.poll(() => options.getByRole('list', { name: 'Custom apps' }).textContent()).toContain('Acme Wiki');

    const count = (await switches()).length;
    await visit('slack');
    await visit('wiki');
    await visit('slack');
    await ext.waitFor(async () => (await switches()).length >= count + 3, {
      timeoutMs: 10_000,
      message: 'switches to the wiki',
    });
    expect((await switches()).slice(-2).map((s) => `${s.from}→${s.to}`)).toEqual([
      'slack→custom-acme-wiki',
      'custom-acme-wiki→slack',
    ]);

    await options.bringToFront();
    await expect.poll(() => rankedPairs(options)).toContainEqual(expect.stringContaining('Acme Wiki \u2194 Slack'));
    await options.getByLabel('Search apps').fill('slack');
    await options.getByRole('button', { name: 'Ignore Slack' }).click();
    await expect.poll(async () => (await rankedPairs(options)).some((p) => p.includes('Slack'))).toBe(false);
    expect(await rankedPairs(options)).not.toHaveLength(0);
    await options.close();
  });

  it('keeps settings across a browser restart', async () => {
    await ext.close();
    ext = await launchExtension({ hosts: HOSTS, userDataDir: profile });
    const options = await openOptions(ext);
    expect(await options.getByRole('button', { name: 'High' }).getAttribute('aria-pressed')).toBe('true');
    expect(await options.getByRole('list', { name: 'Custom apps' }).textContent()).toContain('Acme Wiki');
    expect(await options.getByRole('button', { name: 'Track Slack' }).count()).toBe(1);
    expect(await firstRow(options).locator('th').textContent()).toContain('Dropbox \u2194 Paychex Flex');
    await options.close();
  });
});
