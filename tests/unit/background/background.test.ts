import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { openStore } from '@/utils/store';
import { ToggleTaxDB } from '@/utils/store/schema';
import { pausedSetting, recordingProblemItem, workerStartedItem } from '@/utils/settings/items';
import { foldNow } from '@/utils/store/changes';
import { initialTrackerState } from '@/utils/tracker/reducer';
import { installFakeCommands } from '../helpers/fake-commands';
import { installFakeIdle } from '../helpers/fake-idle';
import { URL as U } from '../helpers/scenario';

const db = new ToggleTaxDB();
const store = openStore(globalThis);
let clock = Date.parse('2026-03-10T09:00:00-04:00');
const advance = (seconds: number) => vi.setSystemTime((clock += seconds * 1000));

/** The switches in the figures, once the worker has written and folded what it holds (as pages ask). */
async function switchRows() {
  await foldNow(1_000);
  return (await store.switches()).map((s) => `${s.from}→${s.to}`);
}

/** The tracker's stored state, once the worker has written what it holds. */
async function trackerState() {
  await foldNow(1_000);
  return (await db.meta.get('tracker'))?.value;
}

/** The browser's idle API, faked afresh for each test. */
let idle: ReturnType<typeof installFakeIdle>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
  idle = installFakeIdle();
});

afterEach(async () => {
  vi.useRealTimers();
  // Nothing this test's worker still holds may reach the next test's figures.
  await foldNow(1_000);
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('background', () => {
  let windowId: number;
  let commands: ReturnType<typeof installFakeCommands>;

  beforeEach(async () => {
    windowId = (await fakeBrowser.windows.create({ focused: true }))!.id!;
    // The fake's getLastFocused answers the window focused *before* the current one; a browser
    // answers the current one.
    vi.spyOn(fakeBrowser.windows, 'getLastFocused').mockImplementation(async (options?: object) => {
      const all = await fakeBrowser.windows.getAll(options);
      return all.find((w) => w.focused)!;
    });
    commands = installFakeCommands();
    background.main();
  });

  const open = (url: string) => fakeBrowser.tabs.create({ windowId, url, active: true });

  it('records switches from tab activations and URL changes', async () => {
    await open(U.slack);
    advance(5);
    const dropbox = await open(U.newTab);
    advance(2);
    await fakeBrowser.tabs.update(dropbox.id!, { url: U.dropbox });
    advance(5);
    await open(U.gmail);
    advance(5);
    await fakeBrowser.windows.onFocusChanged.trigger(-1);
    await vi.waitFor(async () => expect(await switchRows()).toEqual(['slack→dropbox', 'dropbox→gmail']));
    expect(await store.switches()).toMatchObject([{ transitMs: 2000 }, { transitMs: 0 }]);
  });

  it('knows a tab seen before when it is activated again, with the URL it has now, without looking it up', async () => {
    const slack = await open(U.slack);
    advance(5);
    const other = await open(U.dropbox);
    advance(5);
    // The first tab moves on to Gmail while in the background.
    await fakeBrowser.tabs.update(slack.id!, { url: U.gmail });
    advance(5);
    const lookups = vi.spyOn(fakeBrowser.tabs, 'get');
    await fakeBrowser.tabs.update(slack.id!, { active: true });
    advance(5);
    await fakeBrowser.tabs.update(other.id!, { active: true });
    advance(5);
    await fakeBrowser.windows.onFocusChanged.trigger(-1);
    await vi.waitFor(async () =>
      expect(await switchRows()).toEqual(['slack→dropbox', 'dropbox→gmail', 'gmail→dropbox']),
    );
    expect(lookups).not.toHaveBeenCalled();
  });

  it('sets the idle threshold and breaks on idle', async () => {
    expect(idle.setDetectionInterval).toHaveBeenCalledWith(60);
    await open(U.slack);
    advance(5);
    await idle.trigger('idle');
    advance(300);
    await open(U.dropbox);
    advance(5);
    await fakeBrowser.windows.onFocusChanged.trigger(-1);
    await vi.waitFor(async () => {
      await foldNow(1_000);
      expect((await db.days.toArray())[0]?.breaks).toBe(1);
    });
    expect(await switchRows()).toEqual([]);
  });

  it('records nothing while paused and resumes on the focused tab', async () => {
    await open(U.slack);
    advance(5);
    await pausedSetting.setValue(true);
    await vi.waitFor(async () => expect(await trackerState()).toMatchObject({ paused: true }));
    await open(U.dropbox);
    advance(5);
    await open(U.gmail);
    advance(5);
    await pausedSetting.setValue(false);
    advance(5);
    await open(U.docs);
    advance(5);
    await fakeBrowser.windows.onFocusChanged.trigger(-1);
    await vi.waitFor(async () => expect(await trackerState()).toMatchObject({ focus: { kind: 'blur' } }));
    await vi.waitFor(async () => expect(await switchRows()).toEqual(['gmail→google-docs']));
  });

  it('pauses and resumes on the keyboard shortcut, as on the popup button', async () => {
    await open(U.slack);
    advance(5);
    await commands.trigger('toggle-tracking');
    expect(await pausedSetting.getValue()).toBe(true);
    await vi.waitFor(async () => expect(await trackerState()).toMatchObject({ paused: true }));
    await open(U.dropbox);
    advance(5);
    await commands.trigger('toggle-tracking');
    expect(await pausedSetting.getValue()).toBe(false);
    advance(5);
    await open(U.docs);
    advance(5);
    await fakeBrowser.windows.onFocusChanged.trigger(-1);
    await vi.waitFor(async () => expect(await trackerState()).toMatchObject({ focus: { kind: 'blur' } }));
    await vi.waitFor(async () => expect(await switchRows()).toEqual(['dropbox→google-docs']));
  });

  it('ignores a tab activated in a window without focus', async () => {
    const background = (await fakeBrowser.windows.create({ focused: false }))!.id!;
    await open(U.slack);
    advance(5);
    // A script (or a closed neighbour) activates a tab in the other window: no attention moved.
    await fakeBrowser.tabs.create({ windowId: background, url: U.dropbox, active: true });
    advance(5);
    await open(U.gmail);
    advance(5);
    await fakeBrowser.windows.onFocusChanged.trigger(-1);
    await vi.waitFor(async () => expect(await switchRows()).toEqual(['slack→gmail']));
  });

  it('ignores incognito tabs', async () => {
    const incognito = (await fakeBrowser.windows.create({ focused: true, incognito: true }))!.id!;
    await fakeBrowser.tabs.create({ windowId: incognito, url: U.slack, active: true });
    // The fake does not carry the window's incognito flag onto its tabs; a real browser does.
    const tabs = await fakeBrowser.tabs.query({ windowId: incognito });
    for (const tab of tabs) await fakeBrowser.tabs.update(tab.id!, { incognito: true } as object);
    advance(5);
    await fakeBrowser.tabs.update(tabs[0]!.id!, { url: U.dropbox, active: true } as object);
    advance(5);
    await fakeBrowser.windows.onFocusChanged.trigger(-1);
    await vi.waitFor(async () => expect(await trackerState()).toMatchObject({ focus: { kind: 'blur' } }));
    // Whatever was recorded has reached the figures.
    await vi.waitFor(async () => {
      await foldNow(1_000);
      expect(await db.journal.count()).toBe(0);
    });
    expect(await switchRows()).toEqual([]);
    expect(await db.appDays.count()).toBe(0);
  });

  it('tells the popup while the disk is full, keeps what comes meanwhile, and saves it once it can', async () => {
    const transaction = IDBDatabase.prototype.transaction;
    // The platform refuses every write, as IndexedDB does when the disk is full.
    const diskFull = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      stores,
      mode,
      options,
    ) {
      if (mode === 'readwrite') throw new DOMException('The disk is full', 'QuotaExceededError');
      return transaction.call(this, stores, mode, options);
    });
    try {
      await open(U.slack);
      advance(5);
      await open(U.dropbox);
      advance(5);
      expect(await switchRows()).toEqual([]);
      await vi.waitFor(async () =>
        expect(await recordingProblemItem.getValue()).toMatchObject({ error: 'QuotaExceededError' }),
      );
    } finally {
      diskFull.mockRestore();
    }
    await open(U.gmail);
    advance(5);
    await open(U.slack);
    advance(5);
    // What came while the disk was full was kept, and saved once it could be.
    await vi.waitFor(async () => expect(await switchRows()).toEqual(['slack→dropbox', 'dropbox→gmail', 'gmail→slack']));
    await vi.waitFor(async () => expect(await recordingProblemItem.getValue()).toBeNull());
  });
});

describe('background, in a worker just started', () => {
  let startedAt: number;

  beforeEach(() => {
    // The worker started 60 ms before its listeners were set up (its scripts ran meanwhile).
    startedAt = clock - 60;
    vi.spyOn(performance, 'timeOrigin', 'get').mockReturnValue(startedAt + 0.4);
  });

  it('stamps the tab event that started it with its start, and a later one on arrival', async () => {
    background.main();
    advance(0.02); // Chrome hands over the new tab it held while the worker started
    const windowId = (await fakeBrowser.windows.create({ focused: true }))!.id!;
    const tab = await fakeBrowser.tabs.create({ windowId, url: U.slack, active: true });
    await vi.waitFor(async () =>
      expect(await trackerState()).toMatchObject({ segment: { key: 'app:slack', since: startedAt } }),
    );
    advance(0.1); // the tab moves on while the worker runs
    await fakeBrowser.tabs.update(tab.id!, { url: U.dropbox });
    await vi.waitFor(async () =>
      expect(await trackerState()).toMatchObject({ segment: { key: 'app:dropbox', since: clock } }),
    );
  });

  it('stamps a URL change on arrival when an update that says nothing of attention started it', async () => {
    const windowId = (await fakeBrowser.windows.create({ focused: true }))!.id!;
    const tab = await fakeBrowser.tabs.create({ windowId, url: U.slack, active: true });
    // The worker that stopped, earlier in this browser session, had seen Slack in front since a minute ago.
    await workerStartedItem.setValue(clock - 120_000);
    const since = clock - 60_000;
    await db.meta.put({
      key: 'tracker',
      value: {
        ...initialTrackerState(since),
        focus: { kind: 'page', tabId: tab.id!, key: 'app:slack' },
        segment: { key: 'app:slack', since, landed: true },
        current: { appId: 'slack', landedAt: since, leftAt: null },
      },
    });
    background.main();
    advance(0.01); // the page's new title, which Chrome held while the worker started
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { title: 'Slack' }, tab);
    advance(0.1); // then the tab goes to Dropbox, while the worker runs
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { url: U.dropbox }, { ...tab, url: U.dropbox });
    await vi.waitFor(async () =>
      expect(await trackerState()).toMatchObject({ segment: { key: 'app:dropbox', since: clock } }),
    );
  });

  it('prices nothing across a browser restart: the first worker of a session closes the last session', async () => {
    const windowId = (await fakeBrowser.windows.create({ focused: true }))!.id!;
    const tab = await fakeBrowser.tabs.create({ windowId, url: U.dropbox, active: true });
    // The last session ended with Slack in front, a minute ago; this browser session has had no worker.
    const since = clock - 60_000;
    await db.meta.put({
      key: 'tracker',
      value: {
        ...initialTrackerState(since - 60_000),
        lastAt: since,
        focus: { kind: 'page', tabId: 99, key: 'app:slack' },
        segment: { key: 'app:slack', since: since - 60_000, landed: true },
        current: { appId: 'slack', landedAt: since - 60_000, leftAt: null },
      },
    });
    background.main();
    advance(0.01);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: tab.id!, windowId });
    advance(2);
    await vi.waitFor(async () => expect(await trackerState()).toMatchObject({ current: { appId: 'dropbox' } }));
    expect(await switchRows()).toEqual([]);
  });
});
