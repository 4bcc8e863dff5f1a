/**
 * Working sessions written as data, run in the real browser, and what they should have recorded.
 *
 * - `runScenario` drives the browser through the steps (new tabs, a search page, sign-in hops,
 *   single-page-app routes, closed tabs, service-worker stops) and stamps every action with the
 *   wall clock, so it knows what was attended when.
 * - `expectedRecords` is the oracle: from that timeline alone, with the definitions of utils/tracker/README.md
 *   (landing after minDwell, switch, transit, break, detour), it computes the switches the
 *   extension must record. It shares no code with utils/tracker.ts: the apps each page belongs to
 *   are written here by hand, and the rules are restated below from utils/tracker/README.md.
 * - `compareSwitches` lines up what was recorded with what was expected.
 */
import type { Page } from 'playwright-core';
import type { browser } from 'wxt/browser';
import type { SwitchRow } from '@/utils/tracker/reducer';
import type { ExtensionHarness } from './browser';
import { sleep } from './wait';

/** The extension API in the service worker, where `ExtensionHarness.inWorker` runs functions. */
declare const chrome: typeof browser;

/** The apps of the scripts: a real address and, written by hand, the catalog id it must be recorded as. */
export const APPS = {
  slack: { url: 'https://app.slack.com/client/T1/C1', id: 'slack' },
  dropbox: { url: 'https://www.dropbox.com/home', id: 'dropbox' },
  paychex: { url: 'https://myapps.paychex.com/landing', id: 'paychex' },
  docs: { url: 'https://docs.google.com/document/d/1/edit', id: 'google-docs' },
  sheets: { url: 'https://docs.google.com/spreadsheets/d/2/edit', id: 'google-sheets' },
  gmail: { url: 'https://mail.google.com/mail/u/0/#inbox', id: 'gmail' },
  asana: { url: 'https://app.asana.com/0/1/list', id: 'asana' },
  jira: { url: 'https://acme.atlassian.net/browse/OPS-1', id: 'atlassian-jira' },
  github: { url: 'https://github.com/acme/payroll', id: 'github' },
  notion: { url: 'https://www.notion.so/acme/Payroll-1', id: 'notion' },
} as const;
export type AppKey = keyof typeof APPS;

/** Pages that are not apps: a search engine and two sign-in hosts (transit), and an ordinary site (other). */
export const PLACES = {
  search: 'https://www.google.com/search',
  okta: 'https://acme.okta.com',
  microsoft: 'https://login.microsoftonline.com',
  other: 'https://en.wikipedia.org/wiki/Enterprise_application_integration',
} as const;

/** Every host a scenario may visit: map them all to the stand-in server. */
export const SCENARIO_HOSTS: readonly string[] = [
  ...new Set([...Object.values(APPS).map((a) => a.url), ...Object.values(PLACES)].map((u) => new URL(u).hostname)),
];

/**
 * What holds attention, as the definitions see it: an app (its catalog id), a transit page, another
 * site, or one of the unattended states (focus away from the browser, idle, an incognito window).
 */
export type Attention = string;
export const TRANSIT = 'transit';
export const OTHER = 'other';
export const AWAY = 'away';
export const IDLE = 'idle';
export const PRIVATE = 'private';
/** The browser ended (killed) and started again: nothing is priced across it (utils/tracker/README.md). */
export const RESTART = 'restart';
const NOT_APPS = new Set([TRANSIT, OTHER, AWAY, IDLE, PRIVATE, RESTART]);
export const isApp = (key: Attention) => !NOT_APPS.has(key);

/**
 * One step of a working session; `stay` is how long (seconds) it then stays put. Tabs are named by
 * `as`, else by the first app opened in them, and `front` refers to them by that name.
 */
export type Step = (
  | /** Go to an app in the current tab, or first open a new tab. `via` signs in on the way: `okta` by
     * server redirects (the sign-in host is never seen), `microsoft` by a sign-in page that redirects
     * by script (seen: transit). */
    { open: AppKey; newTab?: boolean; via?: 'okta' | 'microsoft'; as?: string }
  | /** A new, blank tab (transit). */ { newTab: true; as?: string }
  | /** The search engine's results page in the current tab (transit); it links to every app. */ { search: string }
  | /** Click the current page's link to an app. */ { follow: AppKey }
  | /** An ordinary website, not an app (other). */ {
      other: true;
    } /** `history.pushState` in the current tab; `lands` names the app of the new path if it changes. */
  | { spa: string; lands?: AppKey }
  | /** Bring a tab to the front (activate it). */ { front: string }
  | /** Close the current tab; Chrome brings another to the front (which one, the runner asks). */ { close: true }
  | /** Stop the extension's service worker (only in runs with `stopWorker`). By default once it has
     * stored the last action, as Chrome stops an idle worker; `abrupt` stops it at once, with no fold
     * or write asked first, as an update or a crash does. */ { stopWorker: true; abrupt?: boolean }
) & { stay?: number };

export interface Mark {
  /** When attention moved (ms since the epoch): the end of the action that moved it. */
  at: number;
  /** When that action began: the browser event lies between `before` and `at`. */
  before: number;
  key: Attention;
  what: string;
}

export interface ScenarioRun {
  /** What was attended from when: the timeline the oracle reads. */
  marks: Mark[];
  /** The end of the last step's stay. */
  endAt: number;
  /** When the service worker was stopped (asked at `before`, gone at `at`), and what was attended then. */
  stops: { at: number; before: number; during: Attention }[];
}

export interface RunOptions {
  /** Carry out the `stopWorker` steps (otherwise they are skipped). */
  stopWorker?: boolean;
  /**
   * Wait at the end until the last landing is stored (default). That asks the worker to fold: a run
   * that the browser's death is to end without any such courtesy leaves it out.
   */
  settle?: boolean;
}

interface Tab {
  name: string | null;
  page: Page;
  key: Attention;
}

/**
 * Runs the steps in the harness's browser. It starts from the tab the launch left in front (a
 * blank one: transit) and returns the timeline once the tracker has settled on the last page.
 */
export async function runScenario(
  ext: ExtensionHarness,
  steps: readonly Step[],
  options: RunOptions = {},
): Promise<ScenarioRun> {
  const start = ext.context.pages().filter((p) => !p.isClosed());
  if (start.length !== 1) throw new Error(`A scenario starts from one blank tab; there are ${start.length}`);
  // Tabs in tab-strip order: new ones are appended at the end.
  const tabs: Tab[] = [{ name: 'start', page: start[0]!, key: TRANSIT }];
  let current = tabs[0]!;
  const marks: Mark[] = [{ at: Date.now(), before: Date.now(), key: TRANSIT, what: 'start' }];
  const stops: ScenarioRun['stops'] = [];

  const moved = (before: number, key: Attention, what: string) => {
    current.key = key;
    marks.push({ at: Date.now(), before, key, what });
  };
  const tabNamed = (name: string) => {
    const tab = tabs.find((t) => t.name === name);
    if (!tab) throw new Error(`No tab named ${name} (tabs: ${tabs.map((t) => t.name).join(', ')})`);
    return tab;
  };
  const commit = { waitUntil: 'commit' } as const;
  const openTab = async (name: string | undefined) => {
    const before = Date.now();
    const page = await ext.context.newPage();
    current = { name: name ?? null, page, key: TRANSIT };
    tabs.push(current);
    moved(before, TRANSIT, `new tab${name ? ` ${name}` : ''}`);
  };
  const arrive = (app: AppKey) => {
    current.name ??= app;
    return APPS[app].id;
  };

  /** The worker was stopped, and the next action that moves attention starts it again. */
  let stopped = false;
  for (const step of steps) {
    const marked = marks.length;
    if ('open' in step) {
      if (step.newTab) await openTab(step.as);
      const app = APPS[step.open];
      let before = Date.now();
      if (step.via === 'okta') {
        // The app sends the person to the identity provider, which sends them straight back: two
        // server redirects, and the browser reports only where they end.
        const back = `${PLACES.okta}/__redirect?to=${encodeURIComponent(app.url)}`;
        await current.page.goto(`${new URL(app.url).origin}/__redirect?to=${encodeURIComponent(back)}`, commit);
      } else if (step.via === 'microsoft') {
        // A sign-in page that is shown, then moves on by script (location.replace).
        await current.page.goto(`${PLACES.microsoft}/__jsredirect?to=${encodeURIComponent(app.url)}`, commit);
        moved(before, TRANSIT, 'sign-in page (microsoft)');
        before = Date.now();
        await current.page.waitForURL(app.url, commit);
      } else {
        await current.page.goto(app.url, commit);
      }
      moved(before, arrive(step.open), `open ${step.open}${step.via ? ` via ${step.via}` : ''}`);
    } else if ('newTab' in step) {
      await openTab(step.as);
    } else if ('search' in step) {
      const results = Object.values(APPS).map((a) => `r=${encodeURIComponent(a.url)}`);
      const before = Date.now();
      await current.page.goto(`${PLACES.search}?q=${encodeURIComponent(step.search)}&${results.join('&')}`, commit);
      moved(before, TRANSIT, `search "${step.search}"`);
    } else if ('follow' in step) {
      const app = APPS[step.follow];
      const before = Date.now();
      await current.page.click(`a[href="${app.url}"]`);
      await current.page.waitForURL(app.url, commit);
      moved(before, arrive(step.follow), `follow the link to ${step.follow}`);
    } else if ('other' in step) {
      const before = Date.now();
      await current.page.goto(PLACES.other, commit);
      moved(before, OTHER, 'another site');
    } else if ('spa' in step) {
      const before = Date.now();
      await current.page.evaluate((path) => history.pushState({}, '', path), step.spa);
      moved(before, step.lands ? arrive(step.lands) : current.key, `spa ${step.spa}`);
    } else if ('front' in step) {
      const tab = tabNamed(step.front);
      if (tab === current) throw new Error(`Tab ${step.front} is already in front: bringing it there fires no event`);
      const before = Date.now();
      await tab.page.bringToFront();
      current = tab;
      moved(before, tab.key, `front ${step.front}`);
    } else if ('close' in step) {
      const before = Date.now();
      await current.page.close();
      const at = Date.now();
      tabs.splice(tabs.indexOf(current), 1);
      // Which tab Chrome brings to the front follows its opener rules (a tab opened from another
      // returns there): ask the browser rather than guess.
      const { index, url } = await ext.inWorker(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return { index: tab?.index ?? -1, url: tab?.url ?? '' };
      }, undefined);
      const next = tabs[index];
      if (!next || next.page.url() !== url)
        throw new Error(`After the close, tab ${index} (${url}) is in front: not one this scenario knows`);
      current = next;
      moved(before, next.key, `close; ${next.name ?? 'unnamed'} in front`);
      marks.at(-1)!.at = at;
    } else if ('stopWorker' in step) {
      if (options.stopWorker) {
        if (!step.abrupt) {
          // As Chrome does it: once the worker has nothing left to do (it idles out after 30 s).
          await ext.waitForTrackerAt(marks.at(-1)!.before);
          await sleep(150);
        }
        const before = Date.now();
        await ext.stopServiceWorker();
        stops.push({ at: Date.now(), before, during: current.key });
        stopped = true;
      }
    }
    if (stopped && marks.length > marked) {
      // A stopped worker hears of an action only once the action's event has started it again:
      // for the tracker, the action lasted until then (it stamps the event with that start).
      const workerStartedAt = await ext.inWorker(() => performance.timeOrigin, undefined);
      const mark = marks.at(-1)!;
      mark.at = Math.max(mark.at, Math.floor(workerStartedAt));
      stopped = false;
    }
    if (step.stay) await sleep(step.stay * 1000);
  }
  const endAt = Date.now();

  // The last landing: wait for it to be stored.
  const last = marks.at(-1)!;
  if (options.settle !== false && isApp(last.key) && endAt - last.at >= RULES.minDwellMs)
    await ext.waitForLanding(last.key);
  return { marks, endAt, stops };
}

/**
 * One timeline out of a run that ended with the browser killed at `killedAt` and the run in the
 * browser started again on the same profile: the restart lies between them, from the kill until
 * the second run's start.
 */
export function acrossRestart(before: ScenarioRun, killedAt: number, after: ScenarioRun): ScenarioRun {
  return {
    marks: [...before.marks, { at: killedAt, before: killedAt, key: RESTART, what: 'browser killed' }, ...after.marks],
    endAt: after.endAt,
    stops: [...before.stops, ...after.stops],
  };
}

/** The recording rules of utils/tracker/README.md, restated (not imported) so the oracle stays independent. */
export const RULES = {
  minDwellMs: 1_000,
  breakAfterMs: 120_000,
  detourMaxMs: 120_000,
  otherBudgetMs: 30_000,
  focusDebounceMs: 1_500,
} as const;

export interface ExpectedSwitch {
  from: string;
  to: string;
  /** When `to` was landed on. */
  at: number;
  transitMs: number;
  detourDwellMs: number | null;
  /**
   * How uncertain the script is about those two durations: the browser event lies somewhere
   * within each action that moved attention (from `before` to `at`), usually tens of ms; a cold
   * first page load can take most of a second, and its URL is committed early in it.
   */
  transitSlackMs: number;
  detourSlackMs: number;
}

export interface Expected {
  switches: ExpectedSwitch[];
  breaks: { from: string; to: string; at: number }[];
  /** Attended time of each app's landed visits. */
  appMs: Record<string, number>;
  /**
   * Attention that lasted within this margin of a threshold (minDwell, the debounce), where a few
   * milliseconds of browser latency could tip the outcome: a script must avoid those.
   */
  ambiguous: string[];
}

/**
 * The switches and breaks that the timeline must give, by the definitions in utils/tracker/README.md: an app is
 * landed on once attended for minDwell (its visit counts from when it became attended); two
 * consecutive landings on different apps are a switch when the gap between them holds at most
 * breakAfter, no idle time, incognito window or browser restart, no time away beyond the debounce,
 * and no more than 30 s on other sites; else a break. B→A right after A→B, with the visit to B at
 * most detourMax, is a detour priced with that visit. Going back to the same app is no switch.
 */
export function expectedRecords(marks: readonly Mark[], endAt: number, marginMs = 250): Expected {
  // Consecutive marks of the same page kind are one stretch of attention (an SPA route inside an app).
  const segments: { key: Attention; start: number; end: number; startSlack: number; endSlack: number; what: string }[] =
    [];
  const slackOf = (mark: Mark | undefined) => (mark ? mark.at - mark.before : 0);
  marks.forEach((mark, i) => {
    const end = marks[i + 1]?.at ?? endAt;
    const endSlack = slackOf(marks[i + 1]);
    const last = segments.at(-1);
    if (last && last.key === mark.key) Object.assign(last, { end, endSlack });
    else segments.push({ key: mark.key, start: mark.at, end, startSlack: slackOf(mark), endSlack, what: mark.what });
  });

  const result: Expected = { switches: [], breaks: [], appMs: {}, ambiguous: [] };
  let visit: { app: string; landedAt: number; leftAt: number; landedSlack: number; leftSlack: number } | null = null;
  let gap = { otherMs: 0, broken: false };
  let lastSwitch: { from: string; to: string } | null = null;
  const near = (ms: number, threshold: number) => Math.abs(ms - threshold) < marginMs;

  for (const { key, start, end, startSlack, endSlack, what } of segments) {
    const ms = end - start;
    if (isApp(key) && near(ms, RULES.minDwellMs)) result.ambiguous.push(`${what}: ${ms} ms on ${key}`);
    if (key === AWAY && near(ms, RULES.focusDebounceMs)) result.ambiguous.push(`${what}: ${ms} ms away`);
    if (isApp(key) && ms >= RULES.minDwellMs) {
      result.appMs[key] = (result.appMs[key] ?? 0) + ms;
      if (visit && visit.app === key) {
        // Back on the same app: the visit goes on, unless the gap broke it.
        if (gap.broken) {
          visit = { app: key, landedAt: start, leftAt: end, landedSlack: startSlack, leftSlack: endSlack };
          lastSwitch = null;
        } else Object.assign(visit, { leftAt: end, leftSlack: endSlack });
      } else {
        if (visit) {
          const transitMs = start - visit.leftAt;
          if (gap.broken || transitMs > RULES.breakAfterMs) {
            result.breaks.push({ from: visit.app, to: key, at: start });
            lastSwitch = null;
          } else {
            const dwellMs = visit.leftAt - visit.landedAt;
            const detour = lastSwitch?.from === key && lastSwitch.to === visit.app && dwellMs <= RULES.detourMaxMs;
            result.switches.push({
              from: visit.app,
              to: key,
              at: start,
              transitMs,
              detourDwellMs: detour ? dwellMs : null,
              transitSlackMs: visit.leftSlack + startSlack,
              detourSlackMs: visit.leftSlack + visit.landedSlack,
            });
            lastSwitch = { from: visit.app, to: key };
          }
        }
        visit = { app: key, landedAt: start, leftAt: end, landedSlack: startSlack, leftSlack: endSlack };
      }
      gap = { otherMs: 0, broken: false };
    } else if (visit) {
      // Inside the gap since the current app was left (transit pages and pass-throughs cost nothing).
      if (key === OTHER) gap.otherMs += ms;
      if (gap.otherMs > RULES.otherBudgetMs) gap.broken = true;
      if (key === AWAY && ms > RULES.focusDebounceMs) gap.broken = true;
      if (key === IDLE || key === PRIVATE || key === RESTART) gap.broken = true;
    }
  }
  return result;
}

/**
 * Differences between recorded and expected switches: the same switches in the same order (from,
 * to, detour or not), and each transit and detour dwell within `toleranceMs` of the script, beyond
 * what the script itself cannot know (the time its own actions took). Empty when they agree.
 */
export function compareSwitches(
  recorded: readonly SwitchRow[],
  expected: readonly ExpectedSwitch[],
  toleranceMs = 500,
): string[] {
  const problems: string[] = [];
  const label = (s: { from: string; to: string; detourDwellMs: number | null }) =>
    `${s.from}→${s.to}${s.detourDwellMs === null ? '' : ' (detour)'}`;
  const got = recorded.map(label);
  const want = expected.map(label);
  if (got.join('\n') !== want.join('\n')) {
    problems.push(`switches differ:\n  recorded: ${got.join(', ')}\n  expected: ${want.join(', ')}`);
    return problems;
  }
  expected.forEach((e, i) => {
    const r = recorded[i]!;
    if (Math.abs(r.transitMs - e.transitMs) > toleranceMs + e.transitSlackMs)
      problems.push(
        `#${i + 1} ${label(e)}: transit ${r.transitMs} ms recorded, ${e.transitMs} ms scripted (± ${e.transitSlackMs} ms of actions)`,
      );
    if (e.detourDwellMs !== null && Math.abs(r.detourDwellMs! - e.detourDwellMs) > toleranceMs + e.detourSlackMs)
      problems.push(
        `#${i + 1} ${label(e)}: detour dwell ${r.detourDwellMs} ms recorded, ${e.detourDwellMs} ms scripted (± ${e.detourSlackMs} ms of actions)`,
      );
  });
  return problems;
}

/** Switch counts per pair and direction, `from→to: n`, sorted. */
export function countByDirection(switches: readonly { from: string; to: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of switches) counts[`${s.from}→${s.to}`] = (counts[`${s.from}→${s.to}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The timeline and the switches side by side, times relative to the first mark: for failure reports. */
export function describeRun(run: ScenarioRun, recorded: readonly SwitchRow[], expected: Expected): string {
  const t0 = run.marks[0]?.at ?? 0;
  const rel = (at: number) => `+${String(at - t0).padStart(6)} ms`;
  return [
    'timeline:',
    ...run.marks.map((m) => `  ${rel(m.at)} (${m.at - m.before} ms) ${m.key.padEnd(14)} ${m.what}`),
    ...run.stops.map((s) => `  ${rel(s.at)} worker stopped during ${s.during}`),
    `  ${rel(run.endAt)} end`,
    'expected switches:',
    ...expected.switches.map(
      (s) => `  ${rel(s.at)} ${s.from}→${s.to} transit ${s.transitMs} detour ${s.detourDwellMs}`,
    ),
    `expected breaks: ${expected.breaks.map((b) => `${b.from}→${b.to}`).join(', ') || 'none'}`,
    'recorded switches:',
    ...recorded.map((s) => `  ${rel(s.at)} ${s.from}→${s.to} transit ${s.transitMs} detour ${s.detourDwellMs}`),
  ].join('\n');
}
