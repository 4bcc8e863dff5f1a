/**
 * The brief in the real extension, printed: with your product set to Dropbox and a few days of
 * history restored, "Export brief" opens the brief; printed to PDF, its text (pdftotext) holds every
 * bar's label and value text, and the recommendation names the top partners. The bars carry the
 * figures the options page's partner ranking shows for the same history.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heavyHistory } from '../bench/history';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { openOptions } from './harness/pages';

const OUT = resolve('tests/output/brief');
const BACKUP = join(tmpdir(), `toggle-tax-brief-backup-${process.pid}.json`);

/** Text as a reader sees it: line breaks and runs of spaces are one space. */
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the brief, printed', () => {
  let ext: ExtensionHarness;
  let options: Page;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    // Five weekdays up to yesterday; Dropbox switches often with Google Drive (a file store too,
    // so listed apart), and with the apps of several other companies.
    const history = heavyHistory(5, Date.now() - 86_400_000, {
      switchesPerDay: 400,
      hotPairs: [['dropbox', 'google-drive']],
    });
    writeFileSync(BACKUP, JSON.stringify(history));
    ext = await launchExtension({ hosts: [] });
    options = await openOptions(ext);
    await options.locator('[data-testid="import-files"]').setInputFiles(BACKUP);
    await options
      .getByText(/Backup restored/)
      .first()
      .waitFor({ timeout: 20_000 });
    await options.getByLabel('Your product').selectOption('dropbox');
    await options.getByRole('table', { name: /^Partners of Dropbox/ }).waitFor();
  });
  afterAll(async () => {
    await ext?.close();
    rmSync(BACKUP, { force: true });
  });

  it('holds every bar’s label and value, and the recommendation names the top partners', async () => {
    // The options page's top five: name, hours a year and Conservative–High range, as it shows them.
    const rows = options.locator('tbody[aria-label="Top five"] tr.partner');
    await expect.poll(() => rows.count()).toBe(5);
    const ranking = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('th')!.firstChild!.textContent!.trim(),
        hours: tr.querySelector('td.hours')!.textContent!,
        range: tr.querySelector('td.range')!.textContent!,
      })),
    );

    const [brief] = await Promise.all([
      ext.context.waitForEvent('page'),
      options.getByRole('button', { name: 'Export brief' }).click(),
    ]);
    await brief.waitForSelector('article[data-ready="true"]');
    const bars = await brief
      .locator('svg g.bar')
      .evaluateAll((gs) => gs.map((g) => [...g.querySelectorAll('text')].map((t) => t.textContent ?? '')));
    // Each bar: the partner's name and its value, the options page's figures.
    expect(bars).toEqual(ranking.map((r) => [r.name, `${r.hours} h (${r.range})`]));
    const recommendation = words((await brief.locator('.recommendation').textContent()) ?? '');
    const names = ranking.map((r) => r.name);
    expect(recommendation).toContain(`Pursue integrations with ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
    // Google Drive is a file store like Dropbox: listed apart, not in Google's figure.
    expect(await brief.getByRole('list', { name: 'Same category' }).textContent()).toContain('Dropbox ↔ Google Drive');

    await brief.emulateMedia({ media: 'print' });
    const pdf = `${OUT}/brief.pdf`;
    await brief.pdf({ path: pdf, format: 'A4', printBackground: true });
    const text = words(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
    for (const [label, value] of bars) {
      expect(text, `bar label ${label}`).toContain(label);
      expect(text, `value of ${label}`).toContain(value);
    }
    expect(text).toContain(recommendation);
    const pages = Number(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)?.[1]);
    console.log(`[e2e] brief: ${pdf}, ${pages} page(s)`);
    await brief.close();
  });
});
