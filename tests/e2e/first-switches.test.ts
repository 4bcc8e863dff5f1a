/**
 * Acceptance: the built extension, in real Chromium, records the first switches between two apps.
 *
 * Slack (2.5 s) → Dropbox (2.5 s) → back to Slack (2.5 s) → Dropbox again. Expected, read from the
 * extension's IndexedDB the way its own pages would:
 *   slack→dropbox, dropbox→slack (a detour: Dropbox was visited for ~2.5 s), slack→dropbox (a
 *   detour too: ping-pong, with Slack's dwell), every transit short, no URL anywhere, and the
 *   pairDays rollup agreeing with the raw rows.
 * Then, with the worker stopped, back to Slack: that switch is timed from the worker's start.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitchRow } from '@/utils/tracker/reducer';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { sleep } from './harness/wait';

const SLACK = 'https://app.slack.com/client/T1/C1';
const DROPBOX = 'https://www.dropbox.com/home';
/** Deliberate time on each app: well over the 1 s it takes to land. */
const DWELL_MS = 2_500;
/** How close measured durations must be to what the test did. */
const TOLERANCE_MS = 500;

describe('first switches between two apps', () => {
  let ext: ExtensionHarness | undefined;
  /** What the test did and when (ms since the epoch), printed when an assertion fails. */
  const journal: { at: number; step: string }[] = [];
  const note = (step: string) => {
    const at = Date.now();
    journal.push({ at, step });
    return at;
  };

  beforeAll(async () => {
    // HEADED=1 runs it in a visible browser (under an Xvfb started by the harness when there is no $DISPLAY).
    ext = await launchExtension({ hosts: ['app.slack.com', 'www.dropbox.com'], headed: Boolean(process.env.HEADED) });
    const t = ext.timings;
    console.log(
      `[e2e] build ${ms(t.buildMs)}, launch ${ms(t.launchMs)}, ready ${ms(t.readyMs)} (${t.readyAttempts} tab(s))`,
    );
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('records slack→dropbox, the detour back, and the rollup', async () => {
    const harness = ext!;
    const { context } = harness;
    const start = performance.now();

    const open = async (url: string): Promise<Page> => {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };

    const slack = await open(SLACK);
    const slackShown = note('slack open');
    await sleep(DWELL_MS);

    const dropbox = await open(DROPBOX);
    const dropboxShown = note('dropbox open');
    await sleep(DWELL_MS);

    await slack.bringToFront();
    const slackBack = note('slack front');
    await sleep(DWELL_MS);

    await dropbox.bringToFront();
    const dropboxBack = note('dropbox front');

    let rows: SwitchRow[] = [];
    try {
      // The last landing: Dropbox came back more than minDwell ago.
      const settled = await harness
        .waitForLanding('dropbox', { message: 'the last landing on Dropbox to settle' })
        .then(
          () => true,
          () => false,
        );
      rows = await harness.readDb('switches');
      const recordedMs = performance.now() - start;

      // The background reports on its console whatever it failed to record: nothing may fail.
      expect(harness.workerConsole.filter((m) => m.type === 'error').map((m) => m.text)).toEqual([]);
      expect(settled, 'the last landing on Dropbox settled within 10 s').toBe(true);
      expect(rows.map((r) => `${r.from}→${r.to}`)).toEqual(['slack→dropbox', 'dropbox→slack', 'slack→dropbox']);
      const [toDropbox, back, again] = rows as [SwitchRow, SwitchRow, SwitchRow];

      // Rows in the order they happened, each at its landing.
      expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort((a, b) => a - b));
      expect(toDropbox.at).toBeGreaterThanOrEqual(slackShown);
      expect(toDropbox.at).toBeLessThanOrEqual(dropboxShown);
      expect(Math.abs(back.at - slackBack)).toBeLessThan(TOLERANCE_MS);
      expect(Math.abs(again.at - dropboxBack)).toBeLessThan(TOLERANCE_MS);

      for (const row of rows) {
        expect(row.transitMs).toBeGreaterThanOrEqual(0);
        expect(row.transitMs).toBeLessThan(1_000);
        expect(row.day).toBe(localDay(row.at));
      }

      // The way back from Dropbox is a detour, priced with the time spent on Dropbox.
      expect(toDropbox.detourDwellMs).toBeNull();
      expect(back.detourDwellMs).not.toBeNull();
      expect(Math.abs(back.detourDwellMs! - (slackBack - dropboxShown))).toBeLessThan(TOLERANCE_MS);
      // Ping-pong: returning to Dropbox ends a detour through Slack (utils/tracker/README.md, unit test "ping-pong").
      expect(again.detourDwellMs).not.toBeNull();
      expect(Math.abs(again.detourDwellMs! - (dropboxBack - slackBack))).toBeLessThan(TOLERANCE_MS);

      // The rollup, written in the same transactions, agrees with the raw rows.
      const day = toDropbox.day;
      const pairDays = await harness.readDb('pairDays');
      expect(pairDays.map((p) => [p.day, p.a, p.b])).toEqual([[day, 'dropbox', 'slack']]);
      expect(pairDays[0]).toEqual({
        day,
        a: 'dropbox',
        b: 'slack',
        aToB: 1,
        bToA: 2,
        transitMs: sum(rows.map((r) => r.transitMs)),
        detours: 2,
        detourDwellMs: back.detourDwellMs! + again.detourDwellMs!,
      });
      expect(await harness.readDb('days')).toEqual([expect.objectContaining({ day, switches: 3, breaks: 0 })]);

      // Only app ids are ever stored: no URL, host or path in any store.
      const everything = JSON.stringify(await harness.dumpDb());
      expect(everything).not.toMatch(/https?:|:\/\/|slack\.com|dropbox\.com|\/client\/|\/home/);

      console.log(
        `[e2e] switches recorded ${ms(recordedMs)} after the first tab opened ` +
          `(last landing settled ${ms(Date.now() - dropboxBack)} after Dropbox came back); ` +
          `transits ${rows.map((r) => r.transitMs).join('/')} ms, detours ${back.detourDwellMs}/${again.detourDwellMs} ms`,
      );
    } catch (error) {
      console.error(await failureReport(harness, journal, rows));
      throw error;
    }
  });

  it('times the switch that starts a stopped worker from the worker’s start, not from when its scripts had run', async () => {
    const harness = ext!;
    const slack = harness.context.pages().find((page) => page.url() === SLACK);
    expect(slack, 'the Slack tab of the test before').toBeDefined();
    // As Chrome does 30 s after the last event; Dropbox is in front and has landed.
    await harness.stopServiceWorker();
    await sleep(300);
    const before = note('slack front, starting the stopped worker');
    await slack!.bringToFront();
    const state = await harness.waitForTrackerAt(before);
    const workerStartedAt = await harness.inWorker(() => performance.timeOrigin, undefined);

    expect(state.segment.key).toBe('app:slack');
    // The event happened before the worker started (it started the worker), and no sooner than the
    // switch: stamped on arrival, it would be tens of ms later, once the worker's scripts had run.
    expect(state.segment.since).toBeGreaterThanOrEqual(before);
    expect(state.segment.since).toBeLessThanOrEqual(workerStartedAt);
    console.log(
      `[e2e] the switch that woke the worker: stamped ${ms(state.segment.since - before)} after the switch began; ` +
        `the worker started ${ms(workerStartedAt - before)} after it (the stamp is its start, floored)`,
    );
  });
});

function localDay(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const ms = (value: number) => `${Math.round(value)} ms`;

/** The test's steps and everything the extension stored, times relative to the first step. */
async function failureReport(
  harness: ExtensionHarness,
  journal: { at: number; step: string }[],
  rows: SwitchRow[],
): Promise<string> {
  const t0 = journal[0]?.at ?? Date.now();
  const rel = (at: number) => `+${at - t0} ms`;
  const lines = ['[e2e] first-switches failed. Steps:', ...journal.map((j) => `  ${rel(j.at)} ${j.step}`)];
  try {
    const db = await harness.dumpDb();
    lines.push('switches:', ...db.switches.map((r) => `  ${rel(r.at)} ${JSON.stringify(r)}`));
    lines.push(`pairDays: ${JSON.stringify(db.pairDays)}`, `days: ${JSON.stringify(db.days)}`);
    lines.push(`appDays: ${JSON.stringify(db.appDays)}`, `meta: ${JSON.stringify(db.meta)}`);
  } catch (error) {
    lines.push(`(could not read the database: ${String(error)}; last rows seen: ${JSON.stringify(rows)})`);
  }
  lines.push('service worker console:', ...harness.workerConsole.map((m) => `  ${rel(m.at)} ${m.type}: ${m.text}`));
  return lines.join('\n');
}
