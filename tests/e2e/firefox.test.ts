/**
 * Acceptance (Firefox): the Firefox build, installed in Debian's firefox-esr through puppeteer-core
 * over WebDriver BiDi, records a real switch and its detour back.
 *
 * Slack (2.5 s) → Dropbox in a new tab (2.5 s) → Slack to the front (2.5 s). Expected: slack→dropbox,
 * then dropbox→slack as a detour with Dropbox's dwell.
 *
 * BiDi cannot open moz-extension:// pages, so the database is read through the test build's bridge
 * (firefox/bridge/, added to a copy of the production build): a content script on
 * https://bridge.toggle-tax.test/ asks a second background script, and writes the answer into
 * `<html data-dump>`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitchRow } from '@/utils/tracker/reducer';
import type { DayRow, PairDayRow } from '@/utils/store/rows';
import { TEST_BRIDGE_ANSWER_FILE, TEST_BRIDGE_HOST } from './firefox/bridge/protocol';
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
    browser = await launchFirefox(proxy.port);
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
  });
});

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
