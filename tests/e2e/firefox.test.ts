/**
 * Acceptance (Firefox): the Firefox build, installed in Debian's firefox-esr through puppeteer-core
 * over WebDriver BiDi, records a real switch and its detour back.
 *
 * Slack (2.5 s) → Dropbox in a new tab (2.5 s) → Slack to the front (2.5 s). Expected: slack→dropbox,
 * then dropbox→slack as a detour with Dropbox's dwell.
 *
 * Then the popup and the options page show that pair with the same figures, priced by the default
 * assumptions from the switches recorded, and the options page's "Export JSON" saves the same
 * figures (the file is read from Firefox's download folder).
 *
 * BiDi cannot open moz-extension:// pages ("Navigation to moz-extension://… is not allowed in this
 * context"), so the database is read through the test build's bridge (firefox/bridge/, added to a
 * copy of the production build): a content script on https://bridge.toggle-tax.test/ asks a second
 * background script, and writes the answer into `<html data-dump>`. On its path /pages the
 * background opens the popup and the options page in tabs, reads their top pair as text from their
 * documents (`extension.getViews`), and presses "Export JSON" there.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitchRow } from '@/utils/tracker/reducer';
import type { DayRow, PairDayRow } from '@/utils/store/rows';
import type { PagesReply } from './firefox/bridge/answer';
import { TEST_BRIDGE_ANSWER_FILE, TEST_BRIDGE_HOST, TEST_BRIDGE_PAGES_PATH } from './firefox/bridge/protocol';
import {
  buildFirefoxTestExtension,
  findFirefox,
  launchFirefox,
  startTunnelProxy,
  type TunnelProxy,
} from './firefox/firefox';
import { startSaasServer, type SaasServer } from './harness/server';

const SLACK = 'https://app.slack.com/client/T1/C1';
const DROPBOX = 'https://www.dropbox.com/home';
const BRIDGE = `https://${TEST_BRIDGE_HOST}/dump`;
/** Deliberate time on each app: well over the 1 s it takes to land. */
const DWELL_MS = 2_500;
/** How close measured durations must be to what the test did. */
const TOLERANCE_MS = 700;
/**
 * The default assumptions (utils/figures/cost-model.ts), restated: refocus 2 s a switch, resumption
 * 4 s a detour, half the detour's dwell avoidable, 230 working days.
 */
const DEFAULTS = { refocusSeconds: 2, resumptionSeconds: 4, avoidableShare: 0.5, workingDays: 230 };

interface Dump {
  ok: boolean;
  error?: string;
  switches: SwitchRow[];
  pairDays: PairDayRow[];
  days: DayRow[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The first page that is not one of `before`, once there is one. (BiDi shows a moz-extension://
 * page as about:blank, so the welcome page is known by being new, not by its URL.)
 */
async function waitForNewPage(b: Browser, before: readonly Page[], timeoutMs: number): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = (await b.pages()).find((p) => !before.includes(p));
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`No new page opened within ${timeoutMs} ms`);
    await sleep(100);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe('Firefox: the Firefox build records switches', () => {
  let server: SaasServer | undefined;
  let proxy: TunnelProxy | undefined;
  let browser: Browser | undefined;
  let outDir = '';
  let downloads = '';
  /** What the first test recorded, priced by the second. */
  let recorded: SwitchRow[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    // Fails here, with what to install, when there is no Firefox: this test is never skipped.
    findFirefox();
    outDir = await mkdtemp(join(tmpdir(), 'toggle-tax-firefox-'));
    let t = performance.now();
    const [dir, saas] = await Promise.all([buildFirefoxTestExtension(outDir), startSaasServer()]);
    server = saas;
    timings.build = performance.now() - t;
    proxy = await startTunnelProxy(['app.slack.com', 'www.dropbox.com', TEST_BRIDGE_HOST], server.port);
    t = performance.now();
    downloads = join(outDir, 'downloads');
    await mkdir(downloads);
    browser = await launchFirefox(proxy.port, downloads);
    timings.launch = performance.now() - t;
    t = performance.now();
    const before = await browser.pages();
    await browser.installExtension(dir);
    timings.install = performance.now() - t;
    // The extension opens its welcome page on install, in front: closed before the scripted
    // session, as the Chromium harness does (tests/e2e/README.md, "The welcome tab").
    t = performance.now();
    await (await waitForNewPage(browser, before, 10_000)).close();
    timings.welcome = performance.now() - t;
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
    console.log(
      `[e2e firefox] ${Object.entries(timings)
        .map(([step, ms]) => `${step} ${seconds(ms)}`)
        .join(', ')}`,
    );
  });

  it('records slack→dropbox and the detour back to Slack', async () => {
    const b = browser!;
    const start = performance.now();

    const [first] = await b.pages();
    const slack = first ?? (await b.newPage());
    await slack.goto(SLACK);
    await sleep(DWELL_MS);

    const dropbox = await b.newPage();
    await dropbox.goto(DROPBOX);
    await sleep(DWELL_MS);

    await slack.bringToFront();
    await sleep(DWELL_MS);

    const bridge = await b.newPage();
    const dump = await readDump(bridge, (d) => d.switches.length >= 2);
    timings.scenario = performance.now() - start;

    const summary = dump.switches.map((s) => `${s.from}→${s.to} transit ${s.transitMs} detour ${s.detourDwellMs}`);
    expect(summary.length, summary.join('\n')).toBe(2);
    const [there, back] = dump.switches as [SwitchRow, SwitchRow];
    expect(there).toMatchObject({ from: 'slack', to: 'dropbox', detourDwellMs: null });
    expect(back).toMatchObject({ from: 'dropbox', to: 'slack' });
    // A detour: Dropbox was visited for one dwell, only to come back.
    expect(back.detourDwellMs).not.toBeNull();
    expect(Math.abs(back.detourDwellMs! - DWELL_MS), summary.join('\n')).toBeLessThan(TOLERANCE_MS);
    // Tab to tab, nothing in between: transits are short.
    for (const s of dump.switches) expect(s.transitMs, summary.join('\n')).toBeLessThan(TOLERANCE_MS);

    // The rollup, written in the same transaction, agrees.
    expect(dump.pairDays).toHaveLength(1);
    expect(dump.pairDays[0]).toMatchObject({ a: 'dropbox', b: 'slack', aToB: 1, bToA: 1, detours: 1 });
    // Only ids and numbers were kept: no address, title or hostname anywhere.
    expect(JSON.stringify(dump)).not.toMatch(/https?:|slack\.com|dropbox\.com|toggle-tax\.test/);
    recorded = dump.switches;
  });

  it('shows the same figures in the popup, the options ranking and the exported JSON', async () => {
    expect(recorded, 'the switches of the test before').toHaveLength(2);
    const start = performance.now();
    // As the Chromium tests price them (options.test.ts): measured transit, plus the assumptions.
    // No active day yet (under an hour of browsing), so per day is the period's total.
    const transitS = recorded.reduce((sum, s) => sum + s.transitMs, 0) / 1000;
    const dwellS = recorded.reduce((sum, s) => sum + (s.detourDwellMs ?? 0), 0) / 1000;
    const secondsLost =
      transitS + DEFAULTS.avoidableShare * dwellS + DEFAULTS.refocusSeconds * 2 + DEFAULTS.resumptionSeconds * 1;
    const expectedHours = (secondsLost * DEFAULTS.workingDays) / 3600;

    const pages = await readPages(await browser!.newPage());
    const context = JSON.stringify({ secondsLost, expectedHours, ...pages });

    // The popup's table "Top pairs by seconds lost": the pair, its 2 switches, the seconds lost.
    const [pair, switches, lost] = pages.popup;
    expect(pair, context).toMatch(/^Dropbox \u2194 Slack$/);
    expect(switches, context).toBe('2');
    expect(lost, context).toMatch(/^\d+ s$/);
    expect(Math.abs(parseInt(lost!, 10) - secondsLost), context).toBeLessThanOrEqual(0.5);

    // The options ranking: the same pair first, with the same switches and hours a year.
    const column = (heading: RegExp) => {
      const i = pages.optionsHeadings.findIndex((h) => heading.test(h));
      expect(i, `${heading} among ${pages.optionsHeadings.join(' | ')}`).toBeGreaterThanOrEqual(0);
      return pages.options[i]!;
    };
    expect(column(/^#$/), context).toBe('1');
    expect(column(/^Pair$/), context).toMatch(/^Dropbox \u2194 Slack/);
    expect(Number(column(/^Switches/)), context).toBe(2);
    expect(Number(column(/^Quick look-ups/)), context).toBe(1);
    expect(Number(column(/^Measured s/)), context).toBeCloseTo(transitS, 1);
    expect(Number(column(/^Assumed s/)), context).toBeCloseTo(secondsLost - transitS, 1);
    expect(Number(column(/^Hours/)), context).toBeCloseTo(expectedHours, 1);
    // The popup's seconds lost are the options page's measured and assumed seconds, rounded.
    const perDay = Number(column(/^Measured s/)) + Number(column(/^Assumed s/));
    expect(Math.abs(parseInt(lost!, 10) - perDay), context).toBeLessThanOrEqual(0.6);

    // The file "Export JSON" saved, as Firefox wrote it to the download folder.
    const file = await waitForDownload(downloads, /^toggle-tax-.*evidence-\d{4}-\d{2}-\d{2}\.json$/);
    const evidence = JSON.parse(file) as { pairs: { apps: string[]; switches: number; annualHours: number }[] };
    expect(evidence.pairs[0], file).toMatchObject({ apps: ['dropbox', 'slack'], switches: 2 });
    expect(evidence.pairs[0]!.annualHours, file).toBeCloseTo(expectedHours, 1);
    // The three agree with one another as shown: the page's hours are the file's, to one decimal.
    expect(evidence.pairs[0]!.annualHours.toFixed(1)).toBe(column(/^Hours/));
    expect(file).not.toMatch(/https?:|slack\.com|dropbox\.com|toggle-tax\.test/);
    timings.pages = performance.now() - start;
  });
});

/** Opens the bridge's pages question once and returns what the popup and the options page showed. */
async function readPages(page: Page): Promise<PagesReply> {
  await page.goto(`https://${TEST_BRIDGE_HOST}${TEST_BRIDGE_PAGES_PATH}`);
  const raw = await page
    .waitForFunction(() => document.documentElement.dataset.dump, { timeout: 20_000, polling: 50 })
    .then((handle) => handle.jsonValue());
  const reply = JSON.parse(raw!) as PagesReply | { ok: false; error: string };
  if (!reply.ok) throw new Error(`The test bridge could not read the extension's pages: ${reply.error}`);
  return reply;
}

/** The text of the first finished file in `dir` whose name matches, once there is one. */
async function waitForDownload(dir: string, name: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = await readdir(dir);
    const done = files.find((f) => name.test(f));
    // Firefox writes into a .part file and renames it when the download is complete.
    if (done && !files.some((f) => f.endsWith('.part'))) return readFile(join(dir, done), 'utf8');
    if (Date.now() > deadline)
      throw new Error(`No download matching ${name} within ${timeoutMs} ms; found: ${files.join(', ')}`);
    await sleep(100);
  }
}

/**
 * Opens the bridge page until the background's answer satisfies `done` (the last landing is
 * recorded by the tracker's timer, so it can lag the test by a moment). Fails with the last answer.
 */
async function readDump(page: Page, done: (dump: Dump) => boolean, timeoutMs = 10_000): Promise<Dump> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    await page.goto(BRIDGE);
    const raw = await page
      .waitForFunction(() => document.documentElement.dataset.dump, { timeout: 3_000, polling: 50 })
      .then((handle) => handle.jsonValue())
      .catch(() => undefined);
    if (raw) {
      last = raw;
      const dump = JSON.parse(raw) as Dump;
      if (!dump.ok)
        throw new Error(
          `The test bridge answered with an error: ${dump.error ?? raw}. ` +
            `Was the extension the test build, with ${TEST_BRIDGE_ANSWER_FILE} among its background scripts?`,
        );
      if (done(dump)) return dump;
    }
    if (Date.now() > deadline) throw new Error(`The recorded data never matched; last answer from the bridge: ${last}`);
    await sleep(300);
  }
}
