/**
 * Adapts the browser's tab, window and idle events into attention events for the tracker.
 *
 * Every listener is registered synchronously (a stopped service worker is restarted by the event
 * and must find its listener), reads the time at once, starts looking up whatever else the event
 * needs (a tab looked up late may already show a later URL), and hands over the pending result:
 * the caller records results in the order the events happened.
 */
import type { Browser, browser } from 'wxt/browser';
import type { AttentionEvent } from '@/utils/tracker/reducer';

/** The attention events that one browser event amounts to (possibly none), once looked up. */
export type PendingEvents = Promise<AttentionEvent[]>;

type Tab = Browser.tabs.Tab;
/** What attention needs of a tab. */
type SeenTab = Pick<Tab, 'id' | 'url' | 'incognito'>;
/** The WebExtension API object (the real `browser`, or WXT's fake one in tests). */
export type ExtensionApi = typeof browser;

/** chrome.windows.WINDOW_ID_NONE: focus left the browser. */
const NO_WINDOW = -1;

export function listenForAttention(api: ExtensionApi, now: () => number, emit: (pending: PendingEvents) => void): void {
  // A tab gone by the time it is looked up simply has nothing to say.
  const on = (makeEvents: (at: number) => Promise<AttentionEvent[]>) => emit(makeEvents(now()).catch(() => []));

  // The window the last focus event gave focus to, while this worker runs: an activation there
  // needs no lookup of its window (one browser call fewer per switch). Anything else is looked up,
  // since under some window managers a stray "no window" follows a real focus change.
  let focusedWindowId: number | null = null;
  // Each tab's committed URL as last seen, while this worker runs (in memory only): every URL
  // change comes as an update, so a tab seen before needs no lookup when it is activated (the
  // other browser call of a switch). A tab still opening is looked up, for its pending URL.
  const tabsSeen = new Map<number, SeenTab>();
  const see = (tab: Tab) => {
    if (tab.id === undefined) return;
    if (tab.url) tabsSeen.set(tab.id, { id: tab.id, url: tab.url, incognito: tab.incognito });
    else tabsSeen.delete(tab.id);
  };
  const lookUpTab = async (tabId: number): Promise<SeenTab | Tab> => {
    const seen = tabsSeen.get(tabId);
    if (seen) return seen;
    const tab = await api.tabs.get(tabId);
    see(tab);
    return tab;
  };

  api.tabs.onActivated.addListener(({ tabId, windowId }) =>
    on(async (at) => {
      // Activation in a window without focus (a script, a closed neighbour) is not attention.
      if (windowId !== focusedWindowId) {
        if (!(await api.windows.get(windowId)).focused) return [];
        focusedWindowId = windowId;
      }
      return [attendEvent(at, await lookUpTab(tabId))];
    }),
  );
  api.tabs.onUpdated.addListener((tabId, change, tab) => {
    // The time of every update, even one that says nothing of attention (a title, a favicon): the
    // clock may tell the events held while the worker started from later ones by their order.
    const at = now();
    see(tab);
    if (!change.url || !tab.active) return;
    const url = change.url;
    emit(Promise.resolve([{ type: 'navigate', at, tabId, url: tab.incognito ? '' : url, incognito: tab.incognito }]));
  });
  api.tabs.onRemoved.addListener((tabId) => {
    tabsSeen.delete(tabId);
    on(async (at) => [{ type: 'close', at, tabId }]);
  });
  api.windows.onFocusChanged.addListener((windowId) => {
    focusedWindowId = windowId === NO_WINDOW ? null : windowId;
    on(async (at) => {
      if (windowId === NO_WINDOW) return [{ type: 'blur', at }];
      const [tab] = await api.tabs.query({ active: true, windowId });
      return tab ? [attendEvent(at, tab)] : [];
    });
  });
  api.idle.onStateChanged.addListener((state) =>
    on(async (at) =>
      state === 'active' ? [{ type: 'active', at }, ...(await focusedEvents(api, at))] : [{ type: 'idle', at }],
    ),
  );
  // That the last session ended is recorded by the write loop, from the first worker of a session:
  // onStartup does not come when an extension is loaded from a folder (it gets onInstalled).
  api.runtime.onStartup.addListener(() => on((at) => focusedEvents(api, at)));
  api.runtime.onInstalled.addListener(() => on((at) => focusedEvents(api, at)));
}

/** What holds attention right now, for moments when no event says it (start, back from idle, resume). */
export async function focusedEvents(api: ExtensionApi, at: number): Promise<AttentionEvent[]> {
  try {
    const window = await api.windows.getLastFocused({ populate: true });
    if (!window.focused) return [{ type: 'blur', at }];
    const tab = window.tabs?.find((t) => t.active);
    return tab ? [attendEvent(at, tab)] : [];
  } catch {
    // No window at all (the browser is closing): the next tab or focus event tells.
    return [];
  }
}

function attendEvent(at: number, tab: SeenTab & Pick<Tab, 'pendingUrl'>): AttentionEvent {
  // A tab that is still opening has no committed URL yet; its pending one is what it is becoming.
  const url = tab.incognito ? '' : tab.url || tab.pendingUrl || 'about:blank';
  return { type: 'attend', at, tabId: tab.id ?? -1, url, incognito: tab.incognito };
}
