/**
 * Acceptance (issue 6), in the real extension: the options page's "Export JSON", "Export CSV",
 * "Export brief" and "Import" work end to end. Downloads are captured and checked against the
 * evidence contract; the brief is printed to PDF and its first page rendered to PNG; a backup
 * restored into an empty profile gives the same ranking, and restoring it twice changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBackup } from '@/utils/exchange/backup';
import { parseEvidence } from '@/utils/exchange/evidence';
import { readTeamSettingsFile } from '@/utils/settings/team-setup';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { appVisitor, openOptions, SEED_SESSION, STAND_IN_HOSTS, STAND_INS } from './harness/pages';

const OUT = resolve('tests/output/evidence');

describe('evidence from the options page', () => {
  let ext: ExtensionHarness;
  let options: Page;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    ext = await launchExtension({ hosts: STAND_IN_HOSTS });
    const visit = appVisitor(ext, STAND_INS);
    for (const app of SEED_SESSION) await visit(app);
    await ext.waitFor(async () => (await ext.readDb('switches')).length >= 6, {
      timeoutMs: 10_000,
      message: 'six switches',
    });
    options = await openOptions(ext);
    await options.getByLabel('Team label for exports').fill('Finance');
    await options.getByLabel('Team label for exports').press('Enter');
  });
  afterAll(async () => {
    await ext?.close();
  });

  const save = async (download: Download, name: string) => {
    const path = `${OUT}/${name}`;
    await download.saveAs(path);
    files[name] = path;
    return readFileSync(path, 'utf8');
  };
  const download = async (page: Page, button: string) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    return file;
  };

  it('Export JSON downloads evidence that follows the contract', async () => {
    const file = await download(options, 'Export JSON');
    expect(file.suggestedFilename()).toMatch(/^toggle-tax-my-evidence-\d{4}-\d{2}-\d{2}\.json$/);
    const evidence = parseEvidence(await save(file, 'evidence.json'));
    expect(evidence).toMatchObject({ team: 'Finance', contributors: 1 });
    expect(evidence.pairs[0]).toMatchObject({ apps: ['dropbox', 'paychex'], switches: 4, preliminary: true });
    expect(JSON.stringify(evidence)).not.toMatch(/https?:|slack\.com|dropbox\.com/);
  });

  it('Export CSV downloads one row per pair under the contract header', async () => {
    const csv = await save(await download(options, 'Export CSV'), 'evidence.csv');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(
      /^partner,partner_status,partner_reason,app_a_name,app_b_name,partner_vendor,app_a,app_b,/,
    );
    expect(lines[1]).toMatch(/^,,,Dropbox,Paychex Flex,,dropbox,paychex,4,/);
    // Every row carries the period and the assumptions.
    const header = lines[0]!.split(',');
    for (const line of lines.slice(1)) {
      expect(line.split(',')[header.indexOf('hourly_cost')]).toBe('47.2');
      expect(line.split(',')[header.indexOf('currency')]).toBe('USD');
    }
    expect(lines).toHaveLength(1 + 3);
  });

  it('Export brief opens a one-page brief that prints to PDF', async () => {
    const [brief] = await Promise.all([
      ext.context.waitForEvent('page'),
      options.getByRole('button', { name: 'Export brief' }).click(),
    ]);
    await brief.waitForSelector('article[data-ready="true"]');
    // No product set: pairs of apps, the chart's first bar the session's top pair.
    expect(await brief.locator('svg g.bar text').first().textContent()).toBe('Dropbox \u2194 Paychex Flex');
    expect(await brief.locator('h1').textContent()).toBe('Integration opportunities: Finance');
    await brief.emulateMedia({ media: 'print' });
    const pdf = `${OUT}/brief.pdf`;
    await brief.pdf({ path: pdf, format: 'A4', printBackground: true });
    const pages = Number(/\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/.exec(readFileSync(pdf, 'latin1'))?.[1]);
    expect(pages).toBe(1);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, `${OUT}/brief`]);
    expect(existsSync(`${OUT}/brief.png`)).toBe(true);
    console.log(`[e2e] brief: ${pdf} and ${OUT}/brief.png`);
    await brief.close();
  });

  it('Import adds colleagues’ evidence to a team ranking and refuses a bad file by name', async () => {
    const mine = JSON.parse(readFileSync(files['evidence.json']!, 'utf8'));
    const colleague = {
      ...mine,
      person: { id: 'c0ffee00-colleague' },
      generatedAt: new Date(Date.now() + 1000).toISOString(),
    };
    writeFileSync(`${OUT}/colleague.json`, JSON.stringify(colleague));
    writeFileSync(`${OUT}/hostile.json`, '{"__proto__":{"admin":true},"format":"toggle-tax/evidence","version":1}');
    await options
      .locator('[data-testid="import-files"]')
      .setInputFiles([files['evidence.json']!, `${OUT}/colleague.json`, `${OUT}/hostile.json`]);
    const results = options.getByRole('list', { name: 'Import results' });
    await expect.poll(() => results.locator('li').count()).toBe(3);
    expect(await results.getByRole('alert').textContent()).toBe(
      'hostile.json: The file contains the key "__proto__", which is not allowed. Nothing was changed.',
    );
    expect(await results.getByRole('status').count()).toBe(2);
    const team = options.getByRole('table', { name: /Team ranking/ });
    expect(await team.locator('tbody tr').first().locator('td').first().textContent()).toBe('2');
    const merged = parseEvidence(await save(await download(options, 'Export team JSON'), 'team.json'));
    expect(merged.contributors).toBe(2);
    expect(merged.pairs[0]!.people).toBe(2);
    expect(merged.pairs[0]!.annualHours).toBeCloseTo(mine.pairs[0].annualHours * 2, 1);
  });

  it('Import of the same export again says it is a duplicate; a file can be removed', async () => {
    const listed = options.getByRole('list', { name: 'Imported files, one per person' });
    await expect.poll(() => listed.locator('li').count()).toBe(2);
    await options.locator('[data-testid="import-files"]').setInputFiles(files['evidence.json']!);
    const results = options.getByRole('list', { name: 'Import results' });
    await expect.poll(() => results.textContent()).toMatch(/^evidence\.json: Already imported: .*duplicate/);
    expect(await listed.locator('li').count()).toBe(2);
    const team = options.getByRole('table', { name: /Team ranking/ });
    expect(await team.locator('tbody tr').first().locator('td').first().textContent()).toBe('2');
    await options.getByRole('button', { name: 'Remove person c0ffee00’s file' }).click();
    await expect.poll(() => listed.locator('li').count()).toBe(1);
    expect(await listed.textContent()).not.toContain('c0ffee00');
    await expect.poll(() => team.locator('tbody tr').first().locator('td').first().textContent()).toBe('1');
  });

  it('a backup restored into an empty profile gives the same ranking; twice changes nothing', async () => {
    const backupText = await save(await download(options, 'Download backup'), 'backup.json');
    expect(parseBackup(backupText).switches).toHaveLength((await ext.readDb('switches')).length);
    const ranking = await options.locator('table.ranking tbody tr').allTextContents();

    const other = await launchExtension({ hosts: STAND_IN_HOSTS });
    try {
      const page = await openOptions(other);
      expect(await page.locator('table.ranking').count()).toBe(0);
      await page.locator('[data-testid="import-files"]').setInputFiles(files['backup.json']!);
      await expect
        .poll(() => page.getByRole('list', { name: 'Import results' }).textContent())
        .toMatch(/Backup restored: 6 switches and \d+ days added/);
      await expect.poll(() => page.locator('table.ranking tbody tr').allTextContents()).toEqual(ranking);
      expect(await page.getByLabel('Team label for exports').inputValue()).toBe('Finance');
      await page.locator('[data-testid="import-files"]').setInputFiles(files['backup.json']!);
      await expect
        .poll(() => page.getByRole('list', { name: 'Import results' }).textContent())
        .toContain('Backup restored: 0 switches and 0 days added');
      expect(await page.locator('table.ranking tbody tr').allTextContents()).toEqual(ranking);
    } finally {
      await other.close();
    }
  });

  it('Export team settings downloads the team’s settings; Import applies such a file in one step', async () => {
    const file = await download(options, 'Export team settings');
    expect(file.suggestedFilename()).toMatch(/^toggle-tax-team-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await save(file, 'team-settings.json');
    const read = readTeamSettingsFile(JSON.parse(text));
    expect(read.ok && read.file.settings).toMatchObject({ team: 'Finance', yourProduct: null, seats: null });
    const handedOut = JSON.parse(text);
    handedOut.settings = { ...handedOut.settings, team: 'Finance EU', seats: 25 };
    writeFileSync(`${OUT}/team-settings-eu.json`, JSON.stringify(handedOut));
    await options.locator('[data-testid="import-files"]').setInputFiles(`${OUT}/team-settings-eu.json`);
    await expect
      .poll(() => options.getByRole('list', { name: 'Import results' }).textContent())
      .toBe('team-settings-eu.json: Team settings applied: team label, your product, seats, assumptions.');
    await expect.poll(() => options.getByLabel('Team label for exports').inputValue()).toBe('Finance EU');
    await expect.poll(() => options.getByLabel(/^Seats/).inputValue()).toBe('25');
  });
});
