/**
 * `npm run demo`: Toggle Tax working, end to end, in about two minutes. The real extension runs in
 * Debian's Chromium (headless unless there is a display) with a month of a busy person's history
 * restored through its own Import, then records a scripted hour of work among local stand-ins of
 * real SaaS hosts, compressed into about a minute. Everything it shows a person is written to
 * demo-output/: the welcome page, the popup (light and dark) and the ranking as screenshots, the evidence as JSON and CSV, the brief
 * as PDF. Nothing leaves this machine: the stand-ins answer on 127.0.0.1.
 * README's screenshots (tests/demo/screenshots/) are copied by hand from its popup.png and ranking.png.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension } from '../e2e/harness/browser';
import { openExtensionPage, openOptions } from '../e2e/harness/pages';
import type { Step } from '../e2e/harness/scenario';
import { runScenario, SCENARIO_HOSTS } from '../e2e/harness/scenario';
import { heavyHistory } from '../bench/history';
import { parseEvidence } from '@/utils/exchange/evidence';
import { formatMoney, formatOneDecimal } from '@/utils/figures/format';

const OUT = resolve(import.meta.dirname, '../../demo-output');

/** An hour of a finance person's work, a few seconds a step: look-ups are the point. */
const HOUR: Step[] = [
  { open: 'paychex', newTab: true, stay: 2 },
  { open: 'dropbox', newTab: true, stay: 1.5 },
  { front: 'paychex', stay: 2 },
  { front: 'dropbox', stay: 1.5 },
  { front: 'paychex', stay: 2 },
  { open: 'sheets', newTab: true, via: 'microsoft', stay: 2 },
  { front: 'paychex', stay: 1.5 },
  { front: 'sheets', stay: 2 },
  { open: 'slack', newTab: true, stay: 1.5 },
  { open: 'gmail', newTab: true, stay: 1.5 },
  { front: 'slack', stay: 1.5 },
  { front: 'dropbox', stay: 1.5 },
  { front: 'paychex', stay: 2 },
  { newTab: true, as: 'search' },
  { search: 'quarterly payroll export', stay: 0.8 },
  { follow: 'docs', stay: 2 },
  { spa: '/spreadsheets/d/9/edit', lands: 'sheets', stay: 2 },
  { front: 'paychex', stay: 1.5 },
  { front: 'dropbox', stay: 1.5 },
  { front: 'paychex', stay: 2 },
  { front: 'slack', stay: 1.5 },
  { open: 'jira', newTab: true, via: 'okta', stay: 2 },
  { front: 'slack', stay: 1.5 },
  { front: 'gmail', stay: 1.5 },
  { front: 'dropbox', stay: 1.5 },
  { front: 'paychex', stay: 2 },
];

async function main() {
  const started = performance.now();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  console.log('Starting Chromium with Toggle Tax…');
  const ext = await launchExtension({ hosts: SCENARIO_HOSTS, headed: Boolean(process.env.DISPLAY) });
  try {
    // A month of history, ending yesterday, through the extension's own Import.
    const month = heavyHistory(22, Date.now() - 86_400_000, {
      switchesPerDay: 300,
      hotPairs: [
        ['paychex', 'dropbox'],
        // Dropbox's own hot partner: a file store like it, so listed apart, never a partner to pursue.
        ['google-drive', 'dropbox'],
        ['slack', 'gmail'],
        ['google-sheets', 'quickbooks-online'],
      ],
    });
    const backupPath = join(OUT, 'month-of-history.json');
    writeFileSync(backupPath, JSON.stringify(month));
    const options = await openOptions(ext);
    await options.locator('[data-testid="import-files"]').setInputFiles(backupPath);
    const restored = options.getByRole('list', { name: 'Import results' }).getByText(/Backup restored/);
    await restored.waitFor({ timeout: 60_000 });
    console.log(`Restored a month of history: ${month.switches.length.toLocaleString('en-US')} switches.`);
    rmSync(backupPath);
    await options.close();

    console.log('Working through a scripted hour, compressed into about a minute…');
    await runScenario(ext, HOUR);
    const today = await ext.readDb('switches');
    console.log(`Recorded ${today.filter((s) => s.day === today.at(-1)?.day).length} switches today.`);

    const popup = await openExtensionPage(ext, 'popup.html', { width: 380, height: 600 }, 'canvas[data-ready="true"]');
    await popup.screenshot({ path: join(OUT, 'popup.png'), fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: join(OUT, 'popup-dark.png'), fullPage: true });
    await popup.close();

    // The page a new user first sees (the harness closes the one opened on install).
    const welcome = await openExtensionPage(ext, 'welcome.html', { width: 1000, height: 800 }, 'main.welcome h1');
    await welcome.screenshot({ path: join(OUT, 'welcome.png'), fullPage: true });
    await welcome.close();

    const ranking = await openOptions(ext, 'options.html?period=30');
    await ranking.getByLabel('Team label for exports').fill('Finance');
    await ranking.getByLabel('Team label for exports').press('Enter');
    await ranking.getByLabel('Seats (people the team figures stand for; empty for none)').fill('40');
    await ranking.getByLabel('Seats (people the team figures stand for; empty for none)').press('Tab');
    await ranking.getByLabel('Your product').selectOption('dropbox');
    await ranking
      .getByRole('table', { name: /^Partners of Dropbox/ })
      .getByText('Team hours')
      .waitFor();
    // Sparklines drawn, and a window as tall as the page: an element taller than the window is shot in
    // scrolled parts, with the sticky section links drawn over its middle.
    await ranking
      .getByRole('img', { name: /^Switches per week/ })
      .first()
      .waitFor();
    const size = ranking.viewportSize()!;
    await ranking.setViewportSize({
      width: size.width,
      height: await ranking.evaluate(() => document.documentElement.scrollHeight),
    });
    await ranking.locator('section[aria-labelledby="ranking-title"]').screenshot({ path: join(OUT, 'ranking.png') });
    await ranking.setViewportSize(size);
    await ranking.screenshot({ path: join(OUT, 'options-full.png'), fullPage: true });

    const json = await download(ranking, 'Export JSON', 'evidence.json');
    await download(ranking, 'Export CSV', 'evidence.csv');
    const [brief] = await Promise.all([
      ext.context.waitForEvent('page'),
      ranking.getByRole('button', { name: 'Export brief' }).click(),
    ]);
    await brief.waitForSelector('article[data-ready="true"]');
    await brief.emulateMedia({ media: 'print' });
    await brief.pdf({ path: join(OUT, 'brief.pdf'), format: 'A4', printBackground: true });

    const evidence = parseEvidence(readFileSync(json, 'utf8'));
    const money = (n: number) => formatMoney(n, evidence.assumptions.currency.value);
    console.log(`\nTop partners of Dropbox (last 30 days, one person, Default assumptions):`);
    for (const [i, vendor] of (evidence.topFive ?? []).entries()) {
      const p = evidence.partners!.find((q) => q.vendor === vendor)!;
      console.log(
        `  ${i + 1}. ${p.name}: ${formatOneDecimal(p.annualHours)} hours a year ` +
          `(${formatOneDecimal(p.annualHoursRange[0])}–${formatOneDecimal(p.annualHoursRange[1])}), ${money(p.annualCost)}`,
      );
    }
    for (const p of evidence.partners!.filter((q) => q.status !== 'candidate' && q.reason))
      console.log(`  Apart: ${p.name}: ${p.reason}`);
    console.log(`\nFiles in ${OUT}:`);
    for (const file of [
      'welcome.png',
      'popup.png',
      'popup-dark.png',
      'ranking.png',
      'options-full.png',
      'evidence.json',
      'evidence.csv',
      'brief.pdf',
    ])
      console.log(`  ${file}`);
    console.log(`Done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await ext.close();
  }
}

async function download(page: Page, button: string, file: string): Promise<string> {
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = join(OUT, file);
  await saved.saveAs(path);
  return path;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
