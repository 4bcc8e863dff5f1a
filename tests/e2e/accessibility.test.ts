/**
 * Accessibility of the extension's pages in real Chromium: axe-core on the welcome page, the popup,
 * the options page (also with a row's actions menu open, then its form) and the brief, in light and
 * in dark, must find no serious or critical violation; and the main actions work from the keyboard
 * alone (Tab, Shift+Tab, Enter, Space).
 *
 * One launch, seeded with ten days of history restored through the options page's Import and your
 * product set to Dropbox, so that the options page shows the partner ranking and the brief has
 * content. axe-core is evaluated as source in the page: `page.addScriptTag({ path })` inlines the
 * file and the extension pages' CSP (`script-src 'self'`) blocks it (tried); `page.evaluate` of the
 * source runs through the DevTools protocol, which the CSP does not govern. Moderate and minor
 * violations are printed, not failed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser } from 'wxt/browser';
import { heavyHistory } from '../bench/history';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { openExtensionPage, openOptions, openPopup } from './harness/pages';

// The extension's API, inside functions evaluated in its service worker.
declare const chrome: typeof browser;

const OUT = resolve('tests/output/accessibility');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** The violations axe finds on the page as it is now, of every impact. */
async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations;
}

const isSerious = (v: Violation) => v.impact === 'serious' || v.impact === 'critical';

function describeViolations(violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `  ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
          .join('\n') +
        (v.nodes.length > 8 ? `\n  … and ${v.nodes.length - 8} more` : ''),
    )
    .join('\n');
}

const SCHEMES = ['light', 'dark'] as const;

/** A short description of the focused element, for failure messages. */
const focusedElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${name}"`;
  });

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails, listing where the focus went, after `max`. */
async function tabTo(page: Page, target: Locator, { backward = false, max = 120 } = {}): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backward ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((el) => el === document.activeElement)) {
      // A visible focus indicator: the page's :focus-visible outline (or the browser's own ring).
      const ring = await target.evaluate((el) => {
        const style = getComputedStyle(el);
        return el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      });
      expect(ring, `a visible focus outline on ${await focusedElement(page)}`).toBe(true);
      return;
    }
    path.push(await focusedElement(page));
  }
  throw new Error(`${backward ? 'Shift+Tab' : 'Tab'} never reached the target; focus went: ${path.join(' → ')}`);
}

/**
 * Tabs through the whole page from its start: the focus must leave the page's last element (back to
 * the body or round to the first) without visiting an element twice, else something traps it; and
 * every element it stops on must be on screen with a visible focus outline. Returns the stops.
 */
async function expectNoFocusTrap(page: Page, max = 400): Promise<number> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  const unseen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // A path of child indexes: unique per element.
      const parts: number[] = [];
      for (let n: Element | null = el; n?.parentElement; n = n.parentElement)
        parts.unshift([...n.parentElement.children].indexOf(n));
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const ring = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return { path: parts.join('.'), visible: ring && box.width > 0 && box.height > 0 };
    });
    if (at === null || at.path === seen[0]) break;
    if (seen.includes(at.path)) throw new Error(`Focus trapped: back at element ${at.path} after ${seen.length} Tabs`);
    if (!at.visible) unseen.push(await focusedElement(page));
    seen.push(at.path);
    if (i === max - 1) throw new Error(`Focus did not leave the page after ${max} Tabs`);
  }
  expect(unseen, 'focused elements without a visible focus outline').toEqual([]);
  return seen.length;
}

describe('accessibility of the extension pages', () => {
  let ext: ExtensionHarness;
  let options: Page;

  const stored = (key: string) => ext.inWorker(async (k) => (await chrome.storage.local.get(k))[k], key);

  /** Runs axe in both colour schemes; returns the failures, labelled, instead of throwing at the first. */
  const audit = async (page: Page, name: string): Promise<string[]> => {
    const failures: string[] = [];
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      // Let transitions and charts repaint in the new scheme.
      await page.waitForTimeout(150);
      const violations = await axeViolations(page);
      const serious = violations.filter(isSerious);
      const lesser = violations.filter((v) => !isSerious(v));
      if (serious.length) failures.push(`${name} (${colorScheme}):\n${describeViolations(serious)}`);
      // Moderate and minor ones do not fail the test, but are worth seeing.
      if (lesser.length) console.warn(`[a11y] ${name} (${colorScheme}), not failing:\n${describeViolations(lesser)}`);
    }
    await page.emulateMedia({ colorScheme: null });
    return failures;
  };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const history = heavyHistory(10, Date.now() - 86_400_000, {
      switchesPerDay: 150,
      hotPairs: [
        ['paychex', 'dropbox'],
        ['salesforce', 'dropbox'],
        ['slack', 'gmail'],
      ],
    });
    writeFileSync(`${OUT}/history.json`, JSON.stringify(history));
    ext = await launchExtension({ hosts: [] });
    options = await openOptions(ext, 'options.html?period=30');
    await options.locator('[data-testid="import-files"]').setInputFiles(`${OUT}/history.json`);
    await options
      .getByRole('list', { name: 'Import results' })
      .getByText(/Backup restored/)
      .waitFor({ timeout: 60_000 });
    await options.getByLabel('Your product').selectOption('dropbox');
    await options.getByRole('table', { name: /^Partners of Dropbox/ }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await ext?.close();
  });

  it('axe finds no serious or critical violation on any page, light or dark', async () => {
    const failures: string[] = [];

    const welcome = await openExtensionPage(ext, 'welcome.html', { width: 1000, height: 900 }, 'h1');
    failures.push(...(await audit(welcome, 'welcome.html')));
    // With the search's matches listed.
    await welcome.getByRole('searchbox', { name: /Search the \d+ recognised apps/ }).fill('Dropbox');
    await welcome.getByRole('list', { name: 'Matching apps' }).waitFor();
    failures.push(...(await audit(welcome, 'welcome.html, search results')));
    await welcome.close();

    const popup = await openPopup(ext);
    failures.push(...(await audit(popup, 'popup.html')));
    // The history ends yesterday: the 30 days show the table and the chart.
    await popup.getByRole('navigation', { name: 'Period' }).getByRole('button', { name: '30 days' }).click();
    await popup.locator('table tbody tr').first().waitFor();
    failures.push(...(await audit(popup, 'popup.html, 30 days')));
    await popup.getByRole('button', { name: 'Pause tracking' }).click();
    await popup.getByRole('button', { name: 'Resume tracking' }).waitFor();
    failures.push(...(await audit(popup, 'popup.html, paused')));
    await popup.getByRole('button', { name: 'Resume tracking' }).click();
    await expect.poll(() => stored('paused')).toBe(false);
    await popup.close();

    failures.push(...(await audit(options, 'options.html')));
    // With a pair's actions menu open, by Space as a keyboard user opens it; then its "Mark integrated…" form.
    const pair = options.locator('tr.partner-pair').first();
    await pair.getByRole('button', { name: /^Actions for / }).focus();
    await options.keyboard.press('Space');
    await expect.poll(() => focusedElement(options)).toBe('button "Mark integrated…"');
    expect(await pair.getByRole('menu').isVisible()).toBe(true);
    failures.push(...(await audit(options, 'options.html, a row’s menu open')));
    await options.keyboard.press('Enter');
    const cancel = pair.getByRole('button', { name: 'Cancel' });
    await cancel.waitFor();
    expect(await pair.getByRole('menu').count()).toBe(0);
    failures.push(...(await audit(options, 'options.html, marking a pair integrated')));
    await cancel.click();

    const [brief] = await Promise.all([
      ext.context.waitForEvent('page'),
      options.getByRole('button', { name: 'Export brief' }).click(),
    ]);
    await brief.waitForSelector('article[data-ready="true"]');
    failures.push(...(await audit(brief, 'brief.html')));
    await brief.close();

    if (failures.length) console.log(failures.join('\n\n'));
    expect(failures, failures.join('\n\n')).toEqual([]);
  });

  it('lets Tab through the welcome page and the brief, each stop with a visible focus outline', async () => {
    const welcome = await openExtensionPage(ext, 'welcome.html', { width: 1000, height: 900 }, 'h1');
    try {
      expect(await expectNoFocusTrap(welcome)).toBeGreaterThan(3);
    } finally {
      await welcome.close();
    }
    const brief = await openExtensionPage(
      ext,
      'brief.html',
      { width: 1000, height: 900 },
      'article[data-ready="true"]',
    );
    try {
      expect(await expectNoFocusTrap(brief)).toBeGreaterThan(0);
    } finally {
      await brief.close();
    }
  });

  it('pauses and resumes from the popup by keyboard alone', async () => {
    const popup = await openPopup(ext);
    try {
      expect(await expectNoFocusTrap(popup)).toBeGreaterThan(2);
      const pause = popup.locator('button.pause');
      await tabTo(popup, pause);
      expect(await pause.textContent()).toBe('Pause tracking');
      await popup.keyboard.press('Enter');
      await expect.poll(() => stored('paused')).toBe(true);
      await expect.poll(() => popup.getByRole('status').first().textContent()).toBe('Paused');
      // On to the period buttons, then back with Shift+Tab, and Space this time.
      await tabTo(popup, popup.getByRole('navigation', { name: 'Period' }).getByRole('button').first());
      await tabTo(popup, pause, { backward: true });
      expect(await pause.textContent()).toBe('Resume tracking');
      await popup.keyboard.press('Space');
      await expect.poll(() => stored('paused')).toBe(false);
      await expect.poll(() => popup.getByRole('status').first().textContent()).toBe('Tracking');
    } finally {
      await popup.close();
    }
  });

  it('changes the period and your product and exports JSON on the options page by keyboard alone', async () => {
    await options.bringToFront();
    expect(await expectNoFocusTrap(options)).toBeGreaterThan(5);
    await options.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const periods = options.getByRole('group', { name: 'Period' });
    const days90 = periods.getByRole('button', { name: '90 days' });
    await tabTo(options, days90);
    await options.keyboard.press('Enter');
    await expect.poll(() => days90.getAttribute('aria-pressed')).toBe('true');
    const days30 = periods.getByRole('button', { name: '30 days' });
    await tabTo(options, days30, { backward: true });
    await options.keyboard.press('Space');
    await expect.poll(() => days30.getAttribute('aria-pressed')).toBe('true');
    expect(await days90.getAttribute('aria-pressed')).toBe('false');

    // The select, closed, takes type-ahead and the arrow keys.
    const product = options.getByLabel('Your product');
    await tabTo(options, product);
    await options.keyboard.type('None');
    await expect.poll(() => product.inputValue()).toBe('');
    // Stored as none (WXT removes the key).
    await expect.poll(async () => (await stored('yourProduct')) ?? null).toBe(null);
    // Type-ahead starts afresh after a second without a key.
    await options.waitForTimeout(1_200);
    expect(await focusedElement(options)).toMatch(/^select/);
    await options.keyboard.type('Dropbox');
    await expect.poll(() => stored('yourProduct')).toBe('dropbox');
    await options.getByRole('table', { name: /^Partners of Dropbox/ }).waitFor();

    const exportJson = options.getByRole('button', { name: 'Export JSON', exact: true });
    await tabTo(options, exportJson);
    const [download]: [Download, unknown] = await Promise.all([
      options.waitForEvent('download'),
      options.keyboard.press('Enter'),
    ]);
    const path = `${OUT}/keyboard-evidence.json`;
    await download.saveAs(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ yourProduct: 'dropbox' });
  });
});
