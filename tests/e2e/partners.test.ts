/**
 * Partner evidence, as a partnerships executive tries it: a month of history restored through
 * Import, your product set to Dropbox, one pair marked integrated. The options page, the JSON, the
 * CSV and the brief rank partner companies; what is consolidation or already integrated is listed
 * apart and never takes a top-five place; the top partners read the same everywhere; each pair's
 * weekly sparkline says the switches of the weeks restored; the popup says the time in apps and the
 * pair that changed most this week; one colleague's two exports count as one person.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser } from 'wxt/browser';
import type { BackupFile } from '@/utils/exchange/backup';
import type { PersonalEvidence } from '@/utils/exchange/evidence';
import { parseEvidence } from '@/utils/exchange/evidence';
import { formatCount, formatDuration, formatOneDecimal } from '@/utils/figures/format';
import { heavyHistory } from '../bench/history';
import { parseCsv } from '../unit/helpers/csv';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { openExtensionPage, openOptions } from './harness/pages';

/** The extension API, in the service worker where `inWorker` runs. */
declare const chrome: typeof browser;

const OUT = resolve('tests/output/partners');
/** A pair in the top five before it is marked integrated. */
const INTEGRATED = 'dropbox|zoom';

describe('partners of your product, end to end', () => {
  let ext: ExtensionHarness;
  let options: Page;
  let evidence: PersonalEvidence;
  let month: BackupFile;

  const download = async (page: Page, button: string, name: string): Promise<string> => {
    const [file]: [Download, unknown] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    const path = `${OUT}/${name}`;
    await file.saveAs(path);
    return path;
  };
  const partnersTable = () => options.getByRole('table', { name: /^Partners of Dropbox/ });
  const topFiveOnPage = () =>
    partnersTable()
      .getByRole('rowgroup', { name: 'Top five' })
      .locator('tr.partner')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vendor')));

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    // A month ending yesterday; Dropbox's hot partner is Google Drive, a file store like it.
    month = heavyHistory(22, Date.now() - 86_400_000, {
      switchesPerDay: 300,
      hotPairs: [
        ['paychex', 'dropbox'],
        ['salesforce', 'dropbox'],
        ['docusign', 'dropbox'],
        ['xero', 'dropbox'],
        ['slack', 'gmail'],
        // Last: Dropbox's own hot partner.
        ['google-drive', 'dropbox'],
      ],
    });
    writeFileSync(`${OUT}/month.json`, JSON.stringify(month));
    ext = await launchExtension({ hosts: [] });
    options = await openOptions(ext, 'options.html?period=30');
    await options.locator('[data-testid="import-files"]').setInputFiles(`${OUT}/month.json`);
    await options
      .getByRole('list', { name: 'Import results' })
      .getByText(/Backup restored/)
      .waitFor({ timeout: 60_000 });
    await options.getByLabel('Your product').selectOption('dropbox');
    await partnersTable().waitFor();
    // Zoom's only pair with Dropbox, in the top five, went live ten days ago: Zoom leaves the ranking.
    expect(await topFiveOnPage()).toContain('zoom-communications');
    const since = new Date(Date.now() - 10 * 86_400_000).toLocaleDateString('en-CA');
    const row = partnersTable().locator(`tr[data-pair="${INTEGRATED}"]`);
    await row.getByRole('button', { name: 'Actions for Dropbox \u2194 Zoom' }).click();
    await row.getByRole('menuitem', { name: 'Mark integrated…' }).click();
    await row.getByLabel('Integrated since').fill(since);
    await row.getByRole('button', { name: 'Mark integrated', exact: true }).click();
    await options.getByRole('list', { name: 'Integrated' }).locator(`[data-pair="${INTEGRATED}"]`).waitFor();
    // Its row left the ranking; the focus followed it to its menu button in the list apart.
    const moved = options.locator(`li[data-pair="${INTEGRATED}"] button[aria-haspopup="menu"]:focus`);
    await moved.waitFor({ timeout: 5_000 });
    expect(await moved.getAttribute('aria-label')).toBe('Actions for Dropbox \u2194 Zoom');
    evidence = parseEvidence(readFileSync(await download(options, 'Export JSON', 'evidence.json'), 'utf8')) as never;
  }, 120_000);
  afterAll(async () => {
    await ext?.close();
  });

  it('ranks partner companies on the page and in the JSON, in the same order', async () => {
    expect(evidence.yourProduct).toBe('dropbox');
    expect(evidence.topFive).toHaveLength(5);
    expect(await topFiveOnPage()).toEqual(evidence.topFive);
    const candidates = evidence.partners!.filter((p) => p.status === 'candidate');
    expect(candidates.slice(0, 5).map((p) => p.vendor)).toEqual(evidence.topFive);
    for (let i = 1; i < candidates.length; i++)
      expect(candidates[i]!.annualHours).toBeLessThanOrEqual(candidates[i - 1]!.annualHours);
  });

  it('lists Box apart as the same category, and Google ranks on its other apps without Drive', async () => {
    const box = evidence.partners!.find((p) => p.vendor === 'box')!;
    expect(box.status).toBe('same-category');
    expect(box.reason).toMatch(/Dropbox and Box are both file storage/);
    const drive = evidence.pairs.find((p) => p.apps.join('|') === 'dropbox|google-drive')!;
    expect(drive.sameCategory).toBe(true);
    const google = evidence.partners!.find((p) => p.vendor === 'google')!;
    expect(google.status).toBe('candidate');
    // Google's hours are its other apps' pairs with Dropbox, not Drive's, though Drive is Dropbox's hottest pair.
    const others = evidence.pairs.filter(
      (p) => p.apps.includes('dropbox') && p.apps.some((a) => a.startsWith('google-') || a === 'gmail'),
    );
    const counted = others.filter((p) => !p.sameCategory).reduce((sum, p) => sum + p.annualHours, 0);
    expect(google.annualHours).toBeCloseTo(counted, 6);
    expect(drive.annualHours).toBeGreaterThan(google.annualHours / others.length);

    const sameCategory = options.getByRole('list', { name: 'Same category' });
    await expect.poll(() => sameCategory.locator('[data-pair="box|dropbox"]').count()).toBe(1);
    expect(await sameCategory.locator('[data-pair="dropbox|google-drive"]').textContent()).toMatch(
      /Dropbox and Google Drive are both file storage/,
    );
    expect(await partnersTable().locator('[data-pair="dropbox|google-drive"]').count()).toBe(0);
    expect(await partnersTable().locator('tr[data-vendor="box"]').count()).toBe(0);
  });

  it('lists the integrated pair apart, with before and after, and gives none of them a top-five place', async () => {
    const pair = evidence.pairs.find((p) => p.apps.join('|') === INTEGRATED)!;
    expect(pair.integration).toMatchObject({ before: { activeDays: expect.any(Number) } });
    const { before, after } = pair.integration!;
    expect(after.activeDays).toBeGreaterThan(0);
    // The before side reaches back past the ranking's 30 days, over all the history kept.
    expect(before.activeDays + after.activeDays).toBeGreaterThanOrEqual(evidence.period.activeDays);
    expect(evidence.partners!.find((p) => p.vendor === 'zoom-communications')!.status).toBe('integrated');
    const item = options.getByRole('list', { name: 'Integrated' }).locator(`[data-pair="${INTEGRATED}"]`);
    expect(await item.textContent()).toMatch(/Integrated since .+ before \(.+ h a year, \d+ active days\)/);
    for (const apart of ['box', 'zoom-communications']) expect(evidence.topFive).not.toContain(apart);
    expect(await topFiveOnPage()).not.toContain('box');
    expect(await topFiveOnPage()).not.toContain('zoom-communications');
  });

  it('shows the top partners’ figures, rounded once, identically on the page and in the JSON', async () => {
    for (const vendor of evidence.topFive!) {
      const partner = evidence.partners!.find((p) => p.vendor === vendor)!;
      const row = partnersTable().locator(`tr.partner[data-vendor="${vendor}"]`);
      expect(await row.locator('.hours').textContent()).toBe(formatOneDecimal(partner.annualHours));
      expect(await row.locator('.range').textContent()).toBe(
        `${formatOneDecimal(partner.annualHoursRange[0])}–${formatOneDecimal(partner.annualHoursRange[1])}`,
      );
    }
  });

  it('draws each pair’s weekly sparkline, named by its switches in each of the last 10 weeks restored', async () => {
    // Counted here from the backup's rows: weeks are the 7 days ending today, the 7 before, and so on.
    const today = new Date().toLocaleDateString('en-CA');
    const utcDay = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
    const weeks = new Map<string, number[]>();
    for (const row of month.pairDays) {
      const back = (utcDay(today) - utcDay(row.day)) / 86_400_000;
      if (back < 0 || back >= 70) continue;
      const id = `${row.a}|${row.b}`;
      if (!weeks.has(id)) weeks.set(id, Array<number>(10).fill(0));
      weeks.get(id)![9 - Math.floor(back / 7)]! += row.aToB + row.bToA;
    }
    const label = (id: string) =>
      `Switches per week, last 10 weeks: ${(weeks.get(id) ?? Array<number>(10).fill(0)).join(', ')}`;

    // The top partner's first pair, as assistive technology finds it. The history is read after the
    // ranking is drawn, so the line may come a moment later.
    const top = partnersTable().locator(`tr.partner[data-vendor="${evidence.topFive![0]}"] + tr.partner-pair`);
    const id = (await top.getAttribute('data-pair'))!;
    await top.getByRole('img', { name: label(id), exact: true }).waitFor();
    // A month of weekdays ending yesterday: five weeks or so with switches, the weeks before it empty.
    const counts = weeks.get(id)!;
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
    expect(counts.slice(0, 4)).toEqual([0, 0, 0, 0]);

    // Every pair row shown has its own line; the partners' own rows have none.
    const drawn = await partnersTable()
      .locator('tr.partner-pair')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-pair')!, r.querySelector('svg[role="img"]')?.getAttribute('aria-label')]),
      );
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn).toEqual(drawn.map(([pair]) => [pair, label(pair!)]));
    expect(await partnersTable().locator('tr.partner [role="img"]').count()).toBe(0);
  });

  it('writes the same partners to the CSV, figures unrounded, with the period and assumptions in every row', async () => {
    const text = readFileSync(await download(options, 'Export CSV', 'evidence.csv'), 'utf8');
    expect(text.slice(0, text.indexOf('\r\n')).split(',').slice(0, 3)).toEqual([
      'partner',
      'partner_status',
      'partner_reason',
    ]);
    const rows = parseCsv(text);
    const topInCsv = [...new Set(rows.filter((r) => r.partner_top_five === 'true').map((r) => r.partner_vendor))];
    expect(topInCsv).toEqual(evidence.topFive);
    for (const vendor of evidence.topFive!) {
      const partner = evidence.partners!.find((p) => p.vendor === vendor)!;
      const row = rows.find((r) => r.partner_vendor === vendor)!;
      expect(Number(row.partner_annual_hours)).toBe(partner.annualHours);
    }
    expect(rows.find((r) => r.partner_vendor === 'box')!.partner_status).toBe('same-category');
    for (const row of rows) {
      expect(row.period_start).toBe(evidence.period.start);
      expect(row.refocus_seconds).toBe(String(evidence.assumptions.refocusSeconds.value));
      expect(row.your_product).toBe('dropbox');
    }
  });

  it('gives the brief’s bars the JSON’s top five, each figure rounded once as on the page', async () => {
    const [brief] = await Promise.all([
      ext.context.waitForEvent('page'),
      options.getByRole('button', { name: 'Export brief' }).click(),
    ]);
    try {
      await brief.waitForSelector('article[data-ready="true"]');
      const bars = await brief
        .locator('svg g.bar')
        .evaluateAll((gs) => gs.map((g) => [...g.querySelectorAll('text')].map((t) => t.textContent ?? '')));
      const one = formatOneDecimal;
      expect(bars).toEqual(
        evidence.topFive!.map((vendor) => {
          const p = evidence.partners!.find((q) => q.vendor === vendor)!;
          return [p.name, `${one(p.annualHours)} h (${one(p.annualHoursRange[0])}–${one(p.annualHoursRange[1])})`];
        }),
      );
      const apart = await brief.getByRole('list', { name: 'Same category' }).textContent();
      expect(apart).toContain('Dropbox ↔ Google Drive');
      expect(apart).toContain('Box');
    } finally {
      await brief.close();
    }
  });

  it('shows the top partner’s pairs in the popup with the JSON’s switches and seconds lost', async () => {
    const top = evidence.partners!.find((p) => p.vendor === evidence.topFive![0])!;
    const popup = await openExtensionPage(ext, 'popup.html', { width: 380, height: 600 }, 'main[data-stage]');
    try {
      await popup.getByRole('navigation', { name: 'Period' }).getByRole('button', { name: '30 days' }).click();
      // The history ends yesterday: today's table is empty until the 30 days are read.
      await expect.poll(() => popup.locator('table tbody tr').count()).toBeGreaterThan(0);
      const names = new Map(evidence.apps.map((a) => [a.id, a.name]));
      let compared = 0;
      for (const ids of top.pairs) {
        const pair = evidence.pairs.find((p) => p.apps.join('|') === ids.join('|'))!;
        const row = popup.locator('tr', { hasText: `${names.get(ids[0])} \u2194 ${names.get(ids[1])}` });
        if ((await row.count()) === 0) continue; // the popup shows its top eight pairs only
        const cells = await row.locator('td').allTextContents();
        expect(cells).toEqual([formatCount(pair.switches), formatDuration(pair.secondsLost)]);
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    } finally {
      await popup.close();
    }
  });

  it('shows in the popup the time in apps, the week’s change, comparisons only when earned, and whole names', async () => {
    // Counted here from the backup's rows: this week is the 7 days ending today, the week before the 7 before.
    const today = new Date().toLocaleDateString('en-CA');
    const utcDay = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
    const back = (day: string) => (utcDay(today) - utcDay(day)) / 86_400_000;
    const inAppsMs = month.appDays.filter((d) => back(d.day) < 7).reduce((ms, d) => ms + d.attendedMs, 0);
    const change = new Map<string, number>();
    for (const row of month.pairDays) {
      const sign = back(row.day) < 7 ? 1 : back(row.day) < 14 ? -1 : 0;
      const id = `${row.a}|${row.b}`;
      change.set(id, (change.get(id) ?? 0) + sign * (row.aToB + row.bToA));
    }
    const [id, most] = [...change].sort(([x, a], [y, b]) => Math.abs(b) - Math.abs(a) || b - a || (x < y ? -1 : 1))[0]!;
    const names = new Map(evidence.apps.map((a) => [a.id, a.name]));
    const [a, b] = id.split('|');
    const count = Math.abs(most);
    const line =
      `This week: ${names.get(a!)} \u2194 ${names.get(b!)} ${most > 0 ? 'rose' : 'fell'} most ` +
      `(${most > 0 ? '+' : '\u2212'}${formatCount(count)} ${count === 1 ? 'switch' : 'switches'})`;

    const popup = await openExtensionPage(ext, 'popup.html', { width: 380, height: 600 }, 'main[data-stage]');
    try {
      await popup.getByRole('navigation', { name: 'Period' }).getByRole('button', { name: '7 days' }).click();
      await popup.getByText(line, { exact: true }).waitFor();
      expect(await popup.locator('.in-apps').textContent()).toBe(` \u00b7 in apps ${formatDuration(inAppsMs / 1000)}`);
      // Eight pairs with both lines still fit the popup's maximum height without scrolling.
      await expect.poll(() => popup.locator('table.pairs tbody tr').count()).toBe(8);
      await popup.locator('canvas[data-ready="true"]').waitFor();
      expect(await popup.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(600);
      // The 7 days before hold five weekdays: compared, per active day.
      expect(await popup.locator('p.change').first().textContent()).toMatch(
        /^[+\u2212]\d+% per active day vs the 7 days before$|^Nothing to compare with the 7 days before$/,
      );

      // 30 days: the 30 before hold under 3 active days of the month restored, so no comparison; the
      // table shows eight pairs, whole names unclipped, and "+N more pairs" for the rest.
      const activeBefore = month.days.filter((d) => back(d.day) >= 30 && back(d.day) < 60 && d.attendedMs >= 3_600_000);
      expect(activeBefore.length).toBeLessThan(3);
      const pairsIn30 = new Set(month.pairDays.filter((p) => back(p.day) < 30).map((p) => `${p.a}|${p.b}`));
      await popup.getByRole('navigation', { name: 'Period' }).getByRole('button', { name: '30 days' }).click();
      await popup.getByText('Too few active days in the 30 days before to compare', { exact: true }).waitFor();
      await popup.getByRole('link', { name: `+${pairsIn30.size - 8} more pairs` }).waitFor();
      const cells = await popup
        .locator('table.pairs tbody th.pair-name')
        .evaluateAll((ths) =>
          ths.map((th) => ({ text: th.textContent ?? '', whole: th.scrollWidth <= th.clientWidth })),
        );
      const fullNames = new Set(
        [...pairsIn30].map((p) =>
          p
            .split('|')
            .map((x) => names.get(x))
            .join(' \u2194 '),
        ),
      );
      expect(cells).toHaveLength(8);
      for (const { text, whole } of cells) {
        expect(fullNames.has(text), `${text} is a whole pair name`).toBe(true);
        expect(whole, `${text} is not clipped`).toBe(true);
      }

      // Paused: no comparison and no week line.
      await ext.inWorker(() => chrome.storage.local.set({ paused: true }), undefined);
      await popup.getByText('No comparison while paused', { exact: true }).waitFor();
      expect(await popup.getByText(/^This week:/).count()).toBe(0);
      await ext.inWorker(() => chrome.storage.local.set({ paused: false }), undefined);

      // Today has none of the restored days to compare with: no week line.
      await popup.getByRole('navigation', { name: 'Period' }).getByRole('button', { name: 'Today' }).click();
      await expect.poll(() => popup.getByText(/^This week:/).count()).toBe(0);
    } finally {
      await popup.close();
    }
  });

  it('counts one colleague’s two exports as one person', async () => {
    const colleague = { ...evidence, person: { id: 'colleague-1' } };
    const later = { ...colleague, generatedAt: new Date(Date.parse(evidence.generatedAt) + 60_000).toISOString() };
    writeFileSync(`${OUT}/colleague-monday.json`, JSON.stringify(colleague));
    writeFileSync(`${OUT}/colleague-friday.json`, JSON.stringify(later));
    await options
      .locator('[data-testid="import-files"]')
      .setInputFiles([`${OUT}/colleague-monday.json`, `${OUT}/colleague-friday.json`]);
    await expect.poll(() => options.getByRole('list', { name: 'Import results' }).locator('li').count()).toBe(2);
    const team = parseEvidence(readFileSync(await download(options, 'Export team JSON', 'team.json'), 'utf8'));
    expect(team.contributors).toBe(1);
    expect(team.pairs[0]!.people).toBe(1);
    expect(team.pairs[0]!.annualHours).toBeCloseTo(evidence.pairs[0]!.annualHours, 6);
  });
});
