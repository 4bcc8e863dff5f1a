/**
 * "Recorded data changed": a signal from whatever wrote to the database (the background after each
 * recorded switch, the options page after a restore, a deletion or retention) to pages that show
 * figures. The popup reads IndexedDB without Dexie, so Dexie's own change notifications (liveQuery)
 * do not reach it; this is the explicit replacement. A BroadcastChannel reaches every context of the
 * extension's origin, service worker included, and carries no data: listeners read again.
 */
const CHANNEL = 'toggle-tax:data-changed';

/** Opened on first use, then kept: the background announces every recorded switch. */
let sender: BroadcastChannel | undefined;

/** Tells every other page and worker of the extension to read again. Call after the write commits. */
export function announceDataChanged(): void {
  // Contexts without BroadcastChannel have no page to tell.
  if (typeof BroadcastChannel !== 'function') return;
  if (!sender) {
    sender = new BroadcastChannel(CHANNEL);
    // In Node (the unit tests) an open channel would keep the process alive; browsers have no unref.
    (sender as { unref?: () => void }).unref?.();
  }
  sender.postMessage('changed');
}

/** Calls `listener` whenever recorded data changes elsewhere. Returns the unsubscribe function. */
export function onDataChanged(listener: () => void): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => listener();
  return () => channel.close();
}
