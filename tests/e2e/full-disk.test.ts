/**
 * Acceptance: a full disk, for real. Chromium's profile lives on a small tmpfs of its own; the test
 * fills it with dd (and keeps it full: Chromium frees cache files as it fails), and checks that
 * - while the disk is full, the popup's alert names the full disk;
 * - once there is room again, recording resumes by itself, without a restart, within the retry
 *   backoff (the switches made while the disk was full are saved too: the worker held them);
 * - what was saved before survives closing the browser and starting it twice more (a write that
 *   failed on the full disk used to leave half a record in LevelDB's log, and the second start
 *   after it found the log corrupt and deleted the whole database), and survives the browser
 *   killed (SIGKILL) while the disk is full.
 *
 * Mounting a tmpfs needs root (or a mount namespace that allows it): elsewhere the test is skipped,
 * and says why. The tmpfs is always unmounted afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser } from 'wxt/browser';
import { heavyHistory } from '../bench/history';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { foldInBrowser } from './harness/idb';
import { appVisitor, openExtensionPage, openOptions, SEED_SESSION, STAND_IN_HOSTS, STAND_INS } from './harness/pages';
import { sleep } from './harness/wait';

declare const chrome: typeof browser;

/** Room for Chromium's profile (a few MB here) and its caches, with a wide margin. */
const TMPFS_SIZE = '300m';
/** Days of a heavy user's history restored first (1,200 switches a day): a database of some size. */
const SEED_DAYS = 10;
/**
 * How long recording may take to resume once there is room: the worker tries again 1 s, 2 s, 4 s…
 * after the first refusal, up to a minute apart (entrypoints/background/write-loop.ts).
 */
const RESUME_WITHIN_MS = 65_000;

/** Why a tmpfs cannot be mounted here, or null when it can. */
function mountRefusal(): string | null {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'not root: mounting a tmpfs for the profile needs root';
  const probe = mkdtempSync(join(tmpdir(), 'toggle-tax-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `mount -t tmpfs failed: ${stderr || String(error)}`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const skipReason = mountRefusal();
if (skipReason) console.warn(`[e2e] full-disk test skipped: ${skipReason}`);
const test = it.skipIf(skipReason !== null);

/** What the database holds, read raw in the extension's origin; no fold asked for. */
interface Counts {
  missing?: true;
  /** Sum of the `days` rollup's switches. */
  switchesInDays: number;
  /** Raw switches (switchBlocks). */
  rawSwitches: number;
  /** Journal entries not yet folded. */
  journal: number;
  /** The tracker's last event time, as stored. */
  trackerLastAt: number | null;
  /** Raw switches at or after `since`, oldest first. */
  recent: { at: number; from: string; to: string }[];
}

/** Runs in the service worker (passed to `evaluate`): self-contained, and never creates the database. */
function countsInBrowser(since: number): Promise<Counts> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('toggle-tax');
    let creating = false;
    open.onupgradeneeded = () => {
      creating = true;
      open.transaction?.abort();
    };
    open.onerror = () =>
      creating
        ? resolve({ missing: true, switchesInDays: 0, rawSwitches: 0, journal: 0, trackerLastAt: null, recent: [] })
        : reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      const tx = db.transaction(['days', 'switchBlocks', 'journal', 'meta'], 'readonly');
      const out: Counts = { switchesInDays: 0, rawSwitches: 0, journal: 0, trackerLastAt: null, recent: [] };
      const days = tx.objectStore('days').getAll();
      days.onsuccess = () => {
        for (const day of days.result as { switches: number }[]) out.switchesInDays += day.switches;
      };
      const blocks = tx.objectStore('switchBlocks').getAll();
      blocks.onsuccess = () => {
        for (const block of blocks.result as { at: number[]; from: string[]; to: string[] }[]) {
          out.rawSwitches += block.at.length;
          block.at.forEach((at, i) => {
            if (at >= since) out.recent.push({ at, from: block.from[i]!, to: block.to[i]! });
          });
        }
        out.recent.sort((a, b) => a.at - b.at);
      };
      const journal = tx.objectStore('journal').count();
      journal.onsuccess = () => (out.journal = journal.result);
      const meta = tx.objectStore('meta').get('tracker');
      meta.onsuccess = () =>
        (out.trackerLastAt = (meta.result as { value?: { lastAt?: number } } | undefined)?.value?.lastAt ?? null);
      tx.oncomplete = () => {
        db.close();
        resolve(out);
      };
      tx.onabort = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}

/** The tracker's last event time as stored (a raw read of one row; no fold asked for). Runs in the worker. */
function trackerLastAtInBrowser(): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('toggle-tax');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      const get = db.transaction('meta', 'readonly').objectStore('meta').get('tracker');
      get.onsuccess = () => {
        db.close();
        resolve((get.result as { value?: { lastAt?: number } } | undefined)?.value?.lastAt ?? null);
      };
      get.onerror = () => {
        db.close();
        reject(get.error);
      };
    };
  });
}

describe('a full disk, on a real tmpfs', () => {
  let mountPoint = '';
  let profile = '';
  let backup = '';
  let ext: ExtensionHarness | null = null;
  let filler: ChildProcess | null = null;
  const t0 = Date.now();
  const log = (...args: unknown[]) =>
    console.log(
      `[e2e] full-disk ${((Date.now() - t0) / 1000).toFixed(1)}s`,
      ...args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))),
    );

  const freeBytes = () => {
    const s = statfsSync(mountPoint);
    return s.bavail * s.bsize;
  };
  const freeMb = () => `${(freeBytes() / 1_048_576).toFixed(1)} MB free`;

  /** Fills the tmpfs, and keeps it full: what Chromium frees is taken again within 50 ms. */
  const fillDisk = () => {
    const fill = join(mountPoint, 'fill');
    execFileSync('sh', [
      '-c',
      `dd if=/dev/zero of=${fill} bs=1M 2>/dev/null; dd if=/dev/zero of=${fill}.small bs=4k 2>/dev/null; true`,
    ]);
    filler = spawn(
      'sh',
      [
        '-c',
        `while true; do dd if=/dev/zero of=${fill}.keep bs=4k count=100000 oflag=append conv=notrunc 2>/dev/null; sleep 0.05; done`,
      ],
      // Its own process group: stopped with the dd it runs.
      { stdio: 'ignore', detached: true },
    );
    const pid = filler.pid!;
    const killOnExit = () => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    };
    // Never left running past the test process, whatever happens to it.
    process.once('exit', killOnExit);
    filler.once('exit', () => process.off('exit', killOnExit));
    expect(freeBytes()).toBeLessThan(1_048_576);
  };

  const freeDisk = async () => {
    const running = filler;
    filler = null;
    if (running?.pid && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      process.kill(-running.pid, 'SIGKILL');
      await exited;
    }
    for (const name of ['fill', 'fill.small', 'fill.keep']) rmSync(join(mountPoint, name), { force: true });
  };

  /** Counts, after asking the worker to write what it holds and fold its journal, as pages do. */
  const folded = async (harness: ExtensionHarness, since = Infinity): Promise<Counts> => {
    expect(await harness.inWorker(foldInBrowser, 10_000, { timeoutMs: 15_000 })).toBe(true);
    return harness.inWorker(countsInBrowser, since, { timeoutMs: 15_000 });
  };

  const launch = async () => {
    const started = Date.now();
    ext = await launchExtension({ hosts: STAND_IN_HOSTS, userDataDir: profile });
    log(`launched in ${Date.now() - started} ms,`, freeMb());
    return ext;
  };

  const close = async () => {
    await ext?.close();
    ext = null;
  };

  /** The main Chromium process of this test's profile (not a renderer or helper). */
  const browserPid = (): number | null => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const args = cmdline.split('\0');
      if (!args.includes(`--user-data-dir=${profile}`) || args.some((a) => a.startsWith('--type='))) continue;
      const exe = (() => {
        try {
          return readlinkSync(`/proc/${entry}/exe`);
        } catch {
          return '';
        }
      })();
      if (/chrom/.test(exe) && !/crashpad/.test(exe)) return Number(entry);
    }
    return null;
  };

  /** Says what the worker noted and logged, for a failure message. */
  const diagnosis = async (harness: ExtensionHarness) => {
    const noted = await harness.inWorker(() => chrome.storage.session.get(null), undefined).catch(String);
    const logged = harness.workerConsole.slice(-10).map((m) => `${m.type}: ${m.text}`);
    return `session storage: ${JSON.stringify(noted)}; worker console: ${JSON.stringify(logged)}`;
  };

  /** Counts as read after the seed, after recording resumed, and after each restart. */
  let seeded: Counts;
  let resumed: Counts | undefined;
  let popup: Page | null = null;
  let visit: (app: keyof typeof STAND_INS) => Promise<void>;

  beforeAll(() => {
    if (skipReason) return;
    mountPoint = mkdtempSync(join(tmpdir(), 'toggle-tax-full-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', mountPoint], { stdio: 'pipe' });
    profile = join(mountPoint, 'profile');
    mkdirSync(profile);
    // A backup of a heavy user's weekdays up to yesterday (none of it in the minutes this test runs).
    backup = join(tmpdir(), `toggle-tax-full-disk-backup-${process.pid}.json`);
    writeFileSync(backup, JSON.stringify(heavyHistory(SEED_DAYS, Date.now() - 86_400_000)));
    log(`tmpfs of ${TMPFS_SIZE} at ${mountPoint},`, freeMb());
  });

  afterAll(async () => {
    if (skipReason) return;
    await freeDisk().catch((error: unknown) => console.warn(`[e2e] ${String(error)}`));
    await close().catch((error: unknown) => console.warn(`[e2e] ${String(error)}`));
    rmSync(backup, { force: true });
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync('umount', [mountPoint], { stdio: 'pipe' });
        break;
      } catch (error) {
        // A browser process still exiting may hold the profile a moment.
        if (attempt === 10) {
          execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
          console.warn(`[e2e] ${mountPoint} unmounted lazily: ${String(error)}`);
          break;
        }
        await sleep(500);
      }
    }
    rmSync(mountPoint, { recursive: true, force: true });
  });

  test('records on a profile on the tmpfs: a restored backup and a few switches', async () => {
    const harness = await launch();
    const options = await openOptions(harness);
    await options.locator('[data-testid="import-files"]').setInputFiles(backup);
    await options
      .getByRole('list', { name: 'Import results' })
      .getByText(/Backup restored/)
      .waitFor({ timeout: 60_000 });
    await options.close();
    visit = appVisitor(harness, STAND_INS);
    for (const app of SEED_SESSION) await visit(app);
    seeded = await folded(harness);
    log('seeded', { ...seeded, recent: undefined }, freeMb());
    expect(seeded.switchesInDays).toBe(SEED_DAYS * 1_200 + 6);
    expect(seeded.rawSwitches).toBe(seeded.switchesInDays);
  });

  let fullAt = 0;
  /** The tracker's last event time as stored just before the disk filled: nothing moves it while full. */
  let lastAtBeforeFull: number | null = null;
  test('while the disk is full, the popup names the full disk', async () => {
    const harness = ext!;
    lastAtBeforeFull = await harness.inWorker(trackerLastAtInBrowser, undefined);
    fillDisk();
    fullAt = Date.now();
    log('disk filled,', freeMb());
    // Four switches (the tab before was Gmail's), each landed: the worker holds them.
    for (const app of ['dropbox', 'paychex', 'slack', 'gmail'] as const) await visit(app);
    popup = await openExtensionPage(harness, 'popup.html', { width: 380, height: 600 }, 'main');
    const alert = popup.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
      throw new Error(`No alert. ${await diagnosis(harness)}`, { cause: error });
    });
    const text = await alert.textContent();
    log('popup while full:', text);
    expect(text).toMatch(/^The disk is full: switches since .+ are not being saved/);
    expect(await harness.inWorker(() => chrome.storage.session.get('recordingProblem'), undefined)).toMatchObject({
      recordingProblem: { error: 'QuotaExceededError' },
    });
    expect(freeBytes()).toBeLessThan(1_048_576);
  });

  test('once there is room again, recording resumes without a restart', async () => {
    const harness = ext!;
    await freeDisk();
    const freedAt = Date.now();
    log('space freed,', freeMb());
    // Nothing asks the worker to write (no page asks for a fold): it tries again by itself.
    const savedSince = (at: number) => async () =>
      ((await harness.inWorker(trackerLastAtInBrowser, undefined)) ?? 0) > at;
    const firstSave = harness
      .waitFor(savedSince(lastAtBeforeFull ?? 0), { timeoutMs: RESUME_WITHIN_MS, intervalMs: 250 })
      .then(() => Date.now() - freedAt);
    firstSave.catch(() => {});
    // From Gmail (the popup's tab closes later) to Slack, Dropbox, Slack, Gmail: four switches.
    for (const app of ['slack', 'dropbox', 'slack'] as const) await visit(app);
    const lastVisitAt = Date.now();
    await visit('gmail');
    const visitsDoneAt = Date.now();
    await harness
      .waitFor(savedSince(lastVisitAt - 1), {
        timeoutMs: RESUME_WITHIN_MS,
        intervalMs: 250,
        message: 'the worker to save the switches by itself',
      })
      .catch(async (error: unknown) => {
        throw new Error(`Recording did not resume. ${await diagnosis(harness)}`, { cause: error });
      });
    log(
      `recording resumed: first save ${await firstSave} ms after the space was freed,` +
        ` everything saved ${Date.now() - freedAt} ms after (the four switches were done at ${visitsDoneAt - freedAt} ms)`,
    );
    // The popup, open all along, stops saying the disk is full.
    await popup!.getByRole('alert').waitFor({ state: 'detached', timeout: 10_000 });
    await popup!.close();
    popup = null;

    resumed = await folded(harness, fullAt);
    const whileFull = resumed.recent.filter((s) => s.at < freedAt).map((s) => `${s.from}→${s.to}`);
    const afterFreed = resumed.recent.filter((s) => s.at >= freedAt).map((s) => `${s.from}→${s.to}`);
    log('after freeing', { ...resumed, recent: undefined }, { whileFull, afterFreed });
    expect(afterFreed).toEqual(['gmail→slack', 'slack→dropbox', 'dropbox→slack', 'slack→gmail']);
    // The switches made while the disk was full were held by the worker, and saved with these.
    expect(whileFull).toEqual(['gmail→dropbox', 'dropbox→paychex', 'paychex→slack', 'slack→gmail']);
    expect(resumed.switchesInDays).toBe(seeded.switchesInDays + 8);
    expect(resumed.rawSwitches).toBe(resumed.switchesInDays);
    expect(await harness.inWorker(() => chrome.storage.session.get('recordingProblem'), undefined)).toEqual({});
  });

  /** Counts after a restart, then a few switches recorded (each start writes, as a real one would). */
  const restartAndRecord = async (label: string, atLeast: number) => {
    const harness = await launch();
    const found = await folded(harness);
    log(`${label}: found`, { ...found, recent: undefined });
    expect(found.missing).toBeUndefined();
    expect(found.switchesInDays).toBeGreaterThanOrEqual(atLeast);
    expect(found.rawSwitches).toBe(found.switchesInDays);
    const again = appVisitor(harness, STAND_INS);
    const recordingFrom = Date.now();
    for (const app of ['slack', 'gmail', 'slack'] as const) await again(app);
    const after = await folded(harness, recordingFrom);
    log(
      `${label}: recorded`,
      after.recent.map((s) => `${s.from}→${s.to}`),
    );
    // Recording works after the restart too.
    expect(after.switchesInDays).toBeGreaterThan(found.switchesInDays);
    await close();
    return after;
  };

  /** Counts after a restart, nothing recorded. */
  const restartAndRead = async (label: string, atLeast: number) => {
    const harness = await launch();
    const found = await folded(harness);
    log(`${label}: found`, { ...found, recent: undefined });
    expect(found.missing).toBeUndefined();
    expect(found.switchesInDays).toBeGreaterThanOrEqual(atLeast);
    expect(found.rawSwitches).toBe(found.switchesInDays);
    return found;
  };

  let survived: Counts;
  test('what was saved survives closing the browser and starting it twice', async () => {
    await close();
    // What was restored and recorded before the disk filled, and what was saved since (a database
    // deleted under the running browser would have lowered the second: the first still counts).
    const saved = Math.max(seeded.switchesInDays, resumed?.switchesInDays ?? 0);
    const first = await restartAndRecord('restart 1 after close', saved);
    // The corruption showed at the start after the next: the browser is left open for the next test.
    survived = await restartAndRead('restart 2 after close', first.switchesInDays);
  });

  test('what was saved survives the browser killed while the disk is full, and two starts', async () => {
    const harness = ext!;
    visit = appVisitor(harness, STAND_INS);
    await visit('gmail');
    const before = await folded(harness);
    fillDisk();
    log('disk filled again,', freeMb());
    for (const app of ['dropbox', 'slack'] as const) await visit(app);
    // Tried at least once, refused, held in memory.
    await harness
      .waitFor(
        async () =>
          (await harness.inWorker(() => chrome.storage.session.get('recordingProblem'), undefined)).recordingProblem,
        {
          timeoutMs: 10_000,
          message: 'the worker to note the full disk',
        },
      )
      .catch(async (error: unknown) => {
        throw new Error(`No problem noted. ${await diagnosis(harness)}`, { cause: error });
      });
    const pid = browserPid();
    expect(pid).not.toBeNull();
    process.kill(pid!, 'SIGKILL');
    log(`browser ${pid} killed while the disk was full`);
    await close();
    await freeDisk();
    const first = await restartAndRecord('restart 1 after kill', before.switchesInDays);
    const last = await restartAndRead('restart 2 after kill', first.switchesInDays);
    log(
      `saved before the kill: ${before.switchesInDays}; found after two starts: ${last.switchesInDays}` +
        ` (the switches made while full and held in memory died with the browser)`,
    );
    expect(last.switchesInDays).toBeGreaterThanOrEqual(survived.switchesInDays);
  });
});
