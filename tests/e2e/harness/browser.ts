/**
 * Launches the built extension in Debian's Chromium (playwright-core), with the local HTTPS server
 * answering for the given hostnames, and hands back what tests, the benchmark and the demo need to
 * drive it and to read what it recorded.
 *
 * Measured facts behind the choices here: tests/e2e/README.md.
 * - The `serviceworker` event comes before the worker's listeners reach the browser, so tab events
 *   right after launch can be lost. Readiness is therefore proven, not assumed: a throwaway tab is
 *   opened until the tracker's stored state shows it saw it.
 * - `evaluate` on a stopped worker hangs forever: every read first makes sure the worker runs, and
 *   has a timeout.
 * - After a stop, Chrome restarts the worker under the same target, and the old handle works again.
 * - An extension loaded by --load-extension is installed afresh at every launch, even on a kept
 *   profile (its data stays): `runtime.onInstalled` ('install') each time, never `runtime.onStartup`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import type { browser } from 'wxt/browser';
import type { TrackerState } from '@/utils/tracker/reducer';
import { ensureFreshBuild, EXTENSION_DIR } from './build';
import {
  DB_NAME,
  readStoreInBrowser,
  type ReadResult,
  foldInBrowser,
  type StoreName,
  type StoreRows,
  trackerStateOf,
} from './idb';
import { hostResolverRules, startSaasServer } from './server';
import { sleep, waitFor, type WaitOptions, withTimeout } from './wait';

/** Host of the throwaway page used to prove the extension is listening. Not in the app catalog. */
export const READY_HOST = 'ready.toggle-tax-harness.test';

export interface LaunchOptions {
  /** Hostnames (or Chromium patterns like `*.slack.com`) that the local server answers for. */
  hosts: readonly string[];
  /** A visible browser. Needs an X display: $DISPLAY, or an Xvfb started here. */
  headed?: boolean;
  /**
   * A profile folder to keep between launches (to test what survives a browser restart); by
   * default each launch gets a fresh temporary profile.
   */
  userDataDir?: string;
  /** Extra Chromium flags. */
  args?: readonly string[];
  /**
   * Leaves open the welcome page the extension opens once per profile, on its first install. By
   * default the harness closes it before proving the tracker listens: a tab that opens by itself
   * and takes the focus would be an attention event in the middle of a test's scripted timeline.
   */
  keepWelcome?: boolean;
}

export interface LaunchTimings {
  buildMs: number;
  /** Start of the launch until the extension's service worker attached. */
  launchMs: number;
  /** Service worker attached until the tracker proved it records tab events. */
  readyMs: number;
  /** Throwaway tabs it took (the first one is often missed). */
  readyAttempts: number;
}

export interface WorkerConsoleMessage {
  at: number;
  type: string;
  text: string;
}

export interface ExtensionHarness {
  context: BrowserContext;
  /** The extension's service worker (the same handle keeps working across stops and restarts). */
  readonly worker: Worker;
  extensionId: string;
  /** Port of the local HTTPS server that every mapped host resolves to. */
  serverPort: number;
  /** The X display of a headed browser (for xdotool), else null. */
  display: string | null;
  timings: LaunchTimings;
  /**
   * What the service worker wrote to its console since launch (errors the background caught and
   * reported, for example), with the time each message arrived. Read-only; grows as it goes.
   */
  workerConsole: readonly WorkerConsoleMessage[];
  /** `chrome-extension://<id>/<path>`. */
  extensionUrl(path?: string): string;
  /** All rows of one store (raw IndexedDB, extension origin). Never hangs: wakes a stopped worker, and times out. */
  readDb<S extends StoreName>(store: S, options?: { timeoutMs?: number }): Promise<StoreRows[S][]>;
  /** Every store at once, for assertions across stores and for failure dumps. */
  dumpDb(): Promise<{ [S in StoreName]: StoreRows[S][] }>;
  /**
   * Runs `fn(arg)` in the extension's service worker (to ask the browser something through the
   * `chrome.*` APIs, never to change what the extension does). Wakes a stopped worker first, and times out.
   */
  inWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A, options?: { timeoutMs?: number }): Promise<R>;
  /** The tracker's persisted state (`meta['tracker'].value`), if any. */
  trackerState(): Promise<TrackerState | undefined>;
  /** Resolves once the tracker has processed an event at or after `at` (ms since the epoch). */
  waitForTrackerAt(at: number, options?: WaitOptions): Promise<TrackerState>;
  /**
   * Resolves once the tracker has landed on `appId`. A landing is stored with the next event or
   * fold (utils/tracking.ts): this asks the worker to fold, as the extension's pages do.
   */
  waitForLanding(appId: string, options?: WaitOptions): Promise<TrackerState>;
  /** Polls `probe` until it returns a truthy value; returns that value. */
  waitFor<T>(probe: () => T | Promise<T>, options?: WaitOptions | number): Promise<NonNullable<T>>;
  /** Whether the extension's service worker is running now (CDP targets). */
  isWorkerRunning(): Promise<boolean>;
  /** Stops the service worker as Chrome does when it idles out, and waits until it is gone. */
  stopServiceWorker(): Promise<void>;
  /**
   * Ends the browser as a crash or a power cut does, to test what survives one: SIGKILL to its whole
   * process group (the storage service included), nothing shut down or written first. Resolves with
   * the time of the kill once none of its processes is left, after closing the server (and any Xvfb);
   * the profile stays, for a relaunch on the same `userDataDir`.
   */
  killBrowser(): Promise<number>;
  /** Closes the browser, the server and any Xvfb started here. Safe to call twice; never throws on a dead browser. */
  close(): Promise<void>;
}

export async function launchExtension(options: LaunchOptions): Promise<ExtensionHarness> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    const errors: unknown[] = [];
    // Browser first (it holds connections to the server), then the server, then the display.
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e: unknown) => errors.push(e));
    if (errors.length) throw errors[0];
  };
  try {
    return await launch(options, cleanups, cleanUp);
  } catch (error) {
    await cleanUp().catch(() => undefined);
    throw error;
  }
}

async function launch(
  options: LaunchOptions,
  cleanups: (() => Promise<void>)[],
  cleanUp: () => Promise<void>,
): Promise<ExtensionHarness> {
  const { built, reason, ms: buildMs } = await ensureFreshBuild();
  if (built) console.log(`[e2e] built ${EXTENSION_DIR} in ${Math.round(buildMs)} ms (${reason})`);

  const server = await startSaasServer();
  cleanups.push(() => server.close());

  let display: string | null = null;
  if (options.headed) {
    display = process.env.DISPLAY || null;
    if (!display) {
      const xvfb = await startXvfb();
      display = xvfb.display;
      cleanups.push(xvfb.close);
    }
  }

  const launchStart = performance.now();
  // Unique to this launch (the server's port): how killBrowser finds the browser's main process.
  const resolverRules = hostResolverRules([...options.hosts, READY_HOST], server.port);
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`No Chromium at ${executablePath} (set CHROME_PATH)`);
  const context = await chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath,
    headless: !options.headed,
    // Playwright adds --disable-extensions by default.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--ignore-certificate-errors',
      `--host-resolver-rules=${resolverRules}`,
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
    env: display ? { ...process.env, DISPLAY: display } : process.env,
    viewport: { width: 1280, height: 720 },
  });
  cleanups.push(() => closeContext(context));

  // Not just any extension's worker: Chromium may run component extensions of its own.
  const isOurs = (w: Worker) => w.url().startsWith(`chrome-extension://${unpackedExtensionId(EXTENSION_DIR)}/`);
  let worker =
    context.serviceWorkers().find(isOurs) ??
    (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 }));
  const workerConsole: WorkerConsoleMessage[] = [];
  const listen = (w: Worker) =>
    w.on('console', (message) => workerConsole.push({ at: Date.now(), type: message.type(), text: message.text() }));
  listen(worker);
  context.on('serviceworker', (w) => {
    if (!isOurs(w)) return;
    worker = w;
    listen(w);
  });
  const extensionId = new URL(worker.url()).host;
  const launchMs = performance.now() - launchStart;

  // A page-level CDP session (a persistent context has no browser-level one in Playwright).
  let cdp: { page: Page; session: CDPSession } | null = null;
  const cdpSession = async (): Promise<CDPSession> => {
    if (cdp && !cdp.page.isClosed()) return cdp.session;
    // Prefer a page that exists: opening one is a tab event the tracker would record.
    const page = context.pages().find((p) => !p.isClosed()) ?? (await context.newPage());
    cdp = { page, session: await context.newCDPSession(page) };
    await cdp.session.send('ServiceWorker.enable');
    return cdp.session;
  };

  const isWorkerRunning = async () => {
    const { targetInfos } = await (await cdpSession()).send('Target.getTargets');
    return targetInfos.some(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
  };

  const wakeWorker = async () => {
    if (await isWorkerRunning()) return;
    // Starts the registered worker without any event: nothing for the tracker to record.
    await (await cdpSession()).send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${extensionId}/` });
    await waitFor(isWorkerRunning, { timeoutMs: 10_000, intervalMs: 20, message: 'the service worker to start' });
  };

  const readStore = async <S extends StoreName>(store: S, timeoutMs: number): Promise<StoreRows[S][]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = Math.max(1, deadline - Date.now());
      await withTimeout(wakeWorker(), left, 'Waking the service worker');
      // What the worker holds in memory and its journal first (a worker just started may not
      // answer yet; the journal check below then tells).
      await withTimeout(
        worker.evaluate(foldInBrowser, Math.min(left, 2_000)),
        left + 1_000,
        'Asking the service worker to fold',
      );
      const result: ReadResult = await withTimeout(
        worker.evaluate(readStoreInBrowser, { dbName: DB_NAME, storeName: store }),
        left,
        `Reading IndexedDB store ${store} in the service worker`,
      );
      if (result.ok) return result.rows as StoreRows[S][];
      if ('journalled' in result) {
        if (Date.now() > deadline)
          throw new Error(`${result.journalled} journal entries were not folded within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      if (result.missing === 'database') return [];
      throw new Error(`No store "${store}" in database ${DB_NAME} (it has: ${result.stores.join(', ')})`);
    }
  };

  const readDb = <S extends StoreName>(store: S, { timeoutMs = 5_000 } = {}) => readStore(store, timeoutMs);
  const inWorker = async <R, A>(fn: (arg: A) => R | Promise<R>, arg: A, { timeoutMs = 5_000 } = {}): Promise<R> => {
    await withTimeout(wakeWorker(), timeoutMs, 'Waking the service worker');
    // Playwright serialises `arg`; the functions passed here take plain data.
    const evaluate = worker.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown);
    return withTimeout(evaluate, timeoutMs, 'Evaluating in the service worker');
  };
  const trackerState = async () => trackerStateOf(await readDb('meta'));
  const waitForTrackerAt = (at: number, opts: WaitOptions = {}) =>
    waitFor(
      async () => {
        const state = await trackerState();
        return state && state.lastAt >= at ? state : undefined;
      },
      { timeoutMs: 5_000, intervalMs: 25, message: `the tracker to process an event at or after ${at}`, ...opts },
    );

  const waitForLanding = (appId: string, opts: WaitOptions = {}) =>
    waitFor(
      async () => {
        const state = await trackerState();
        return state?.current?.appId === appId && state.segment.landed ? state : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50, message: `the tracker to land on ${appId}`, ...opts },
    );

  await settleWelcome(inWorker, options.keepWelcome ?? false);
  const readyStart = performance.now();
  const readyAttempts = await proveListening(context, waitForTrackerAt);
  const readyMs = performance.now() - readyStart;

  let closing: Promise<void> | null = null;
  return {
    context,
    get worker() {
      return worker;
    },
    extensionId,
    serverPort: server.port,
    display,
    timings: { buildMs, launchMs, readyMs, readyAttempts },
    workerConsole,
    extensionUrl: (path = '') => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    readDb,
    inWorker,
    async dumpDb() {
      return {
        switches: await readDb('switches'),
        pairDays: await readDb('pairDays'),
        appDays: await readDb('appDays'),
        days: await readDb('days'),
        meta: await readDb('meta'),
      };
    },
    trackerState,
    waitForTrackerAt,
    waitForLanding,
    waitFor: (probe, opts) => waitFor(probe, opts),
    isWorkerRunning,
    async stopServiceWorker() {
      const session = await cdpSession();
      await session.send('ServiceWorker.stopAllWorkers');
      await waitFor(async () => !(await isWorkerRunning()), {
        timeoutMs: 10_000,
        intervalMs: 20,
        message: 'the service worker to stop',
      });
    },
    async killBrowser() {
      const pid = browserProcess(`--host-resolver-rules=${resolverRules}`);
      const { pgrp } = processStat(pid) ?? {};
      // Playwright starts the browser as the leader of a process group of its own (Linux).
      if (pgrp !== pid) throw new Error(`The browser (pid ${pid}) does not lead its process group (${pgrp})`);
      // Playwright must see the browser gone first: closing a context it still thinks open rejects.
      const gone = new Promise<void>((resolve) => context.once('close', () => resolve()));
      const killedAt = Date.now();
      process.kill(-pid, 'SIGKILL');
      await waitFor(() => !livingProcesses().some((p) => p.pgrp === pid), {
        timeoutMs: 10_000,
        intervalMs: 20,
        message: `every process of the killed browser (group ${pid}) to end`,
      });
      await withTimeout(gone, 10_000, 'Playwright noticing the killed browser');
      closing ??= cleanUp();
      await closing;
      return killedAt;
    },
    close() {
      closing ??= cleanUp();
      return closing;
    },
  };
}

/** The pid of the browser's main process: the one started with `arg` that is no child process (`--type=`). */
function browserProcess(arg: string): number {
  const found = livingProcesses().filter((p) => p.args.includes(arg) && !p.args.some((a) => a.startsWith('--type=')));
  if (found.length !== 1) throw new Error(`Expected one browser process started with ${arg}, found ${found.length}`);
  return found[0]!.pid;
}

/** Every process on the machine that has not ended (zombies left out), read from Linux's /proc. */
function livingProcesses(): { pid: number; pgrp: number; args: string[] }[] {
  const found: { pid: number; pgrp: number; args: string[] }[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    const pid = Number(name);
    const stat = processStat(pid);
    if (!stat || stat.state === 'Z') continue;
    try {
      found.push({ pid, pgrp: stat.pgrp, args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0') });
    } catch {
      // A process that ended while being looked at.
    }
  }
  return found;
}

/** A process's state and process group (/proc/<pid>/stat), or null once it is gone. */
function processStat(pid: number): { state: string; pgrp: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state, ppid, pgrp… (comm may hold spaces and parentheses).
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state!, pgrp: Number(pgrp) };
  } catch {
    return null;
  }
}

/** The extension API, in the service worker where `inWorker` runs. */
declare const chrome: typeof browser;

/**
 * Waits until the extension has opened its welcome page (a fresh profile) or had opened it before
 * (a kept one): it notes `welcomeShown` once the tab exists (entrypoints/background/welcome.ts).
 * Then closes it, unless `keep`. Every launch tells the extension "install" (see the top of this file).
 */
async function settleWelcome(
  inWorker: <R, A>(fn: (arg: A) => R | Promise<R>, arg: A, options?: { timeoutMs?: number }) => Promise<R>,
  keep: boolean,
): Promise<void> {
  await waitFor(() => inWorker(async () => (await chrome.storage.local.get('welcomeShown')).welcomeShown, undefined), {
    timeoutMs: 10_000,
    message: 'the extension to open its welcome page',
  });
  if (keep) return;
  await inWorker(async () => {
    const welcome = chrome.runtime.getURL('/welcome.html');
    const tabs = await chrome.tabs.query({});
    const ids = tabs.filter((tab) => tab.url === welcome || tab.pendingUrl === welcome).map((tab) => tab.id!);
    if (ids.length) await chrome.tabs.remove(ids);
  }, undefined);
}

/**
 * Opens a throwaway tab on a stand-in page until the tracker's stored state shows an event from
 * after the tab was opened (the first tab after launch is often lost), then closes it and waits
 * until that is recorded too, so tests start from a settled tracker. Returns the attempts it took.
 */
async function proveListening(
  context: BrowserContext,
  waitForTrackerAt: (at: number, options?: WaitOptions) => Promise<TrackerState>,
): Promise<number> {
  const attempts = 10;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const openedAt = Date.now();
    const page = await context.newPage();
    try {
      await page.goto(`https://${READY_HOST}/`, { waitUntil: 'commit' });
      const seen = await waitForTrackerAt(openedAt, { timeoutMs: 1_000 }).then(
        () => true,
        () => false,
      );
      if (!seen) continue;
      const closedAt = Date.now();
      await page.close();
      await waitForTrackerAt(closedAt, { message: 'the tracker to record the throwaway tab closing' });
      return attempt;
    } finally {
      if (!page.isClosed()) await page.close();
    }
  }
  throw new Error(`The extension did not record any of ${attempts} throwaway tabs: its listeners never became ready`);
}

/** The id Chromium gives an unpacked extension: its absolute path's SHA-256, first 32 hex digits as a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

async function closeContext(context: BrowserContext): Promise<void> {
  // A browser that hangs on close must not hang the test run; Playwright kills it at exit anyway.
  await withTimeout(context.close(), 15_000, 'Closing the browser').catch((error: unknown) =>
    console.warn(`[e2e] ${String(error)}`),
  );
}

/** Starts Xvfb on a free display (it picks one and reports it on a pipe). */
async function startXvfb(): Promise<{ display: string; close: () => Promise<void> }> {
  const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const onExit = () => xvfb.kill('SIGKILL');
  process.once('exit', onExit);
  const close = async () => {
    process.off('exit', onExit);
    if (xvfb.exitCode !== null || xvfb.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => xvfb.once('exit', () => resolve()));
    xvfb.kill('SIGTERM');
    await Promise.race([exited, sleep(3_000).then(() => xvfb.kill('SIGKILL'))]);
  };
  try {
    const display = await withTimeout(
      new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        xvfb.stdio[3]?.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(`:${out.trim()}`);
        });
        xvfb.stderr?.on('data', (d: Buffer) => (err += d.toString()));
        xvfb.once('error', reject);
        xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${err}`)));
      }),
      10_000,
      'Starting Xvfb',
    );
    return { display, close };
  } catch (error) {
    await close();
    throw error;
  }
}
