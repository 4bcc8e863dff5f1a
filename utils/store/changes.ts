/**
 * Signals between the extension's contexts about recorded data, over one BroadcastChannel (it
 * reaches every page and the service worker of the extension's origin, but never wakes a stopped
 * worker). Messages carry no data:
 * - "data changed", from whatever wrote to the database (the background after each fold of its
 *   journal, the options page after a restore, a deletion or retention), to pages that show
 *   figures: they read again. The worker folds, and the popup and the ranking read, in raw
 *   IndexedDB, so Dexie's own change notifications (liveQuery) would miss most changes; this is
 *   the explicit replacement.
 * - "fold requested", from a page about to show figures to the background: write what it holds
 *   and fold the journal now (utils/tracking.ts), so the latest switches are in them. The
 *   background answers "folded" with the request's id once done, even when there was nothing to
 *   fold, for whoever must read only after that (the end-to-end tests' harness).
 */
const CHANNEL = 'toggle-tax:data';

type Message = { type: 'data-changed' } | { type: 'fold-requested'; id?: string } | { type: 'folded'; id?: string };

/** Opened on first use, then kept. */
let sender: BroadcastChannel | undefined;

function post(message: Message): void {
  // Contexts without BroadcastChannel have no page to tell.
  if (typeof BroadcastChannel !== 'function') return;
  if (!sender) {
    sender = new BroadcastChannel(CHANNEL);
    // In Node (the unit tests) an open channel would keep the process alive; browsers have no unref.
    (sender as { unref?: () => void }).unref?.();
  }
  sender.postMessage(message);
}

/** Calls `listener` on each message of `type`, also from this context. Returns the unsubscribe function. */
function listen<T extends Message['type']>(
  type: T,
  listener: (message: Extract<Message, { type: T }>) => void,
): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  (channel as { unref?: () => void }).unref?.();
  channel.onmessage = (event: MessageEvent<Message | null>) => {
    if (event.data?.type === type) listener(event.data as Extract<Message, { type: T }>);
  };
  return () => channel.close();
}

/** Tells every page and worker of the extension to read again. Call after the write commits. */
export function announceDataChanged(): void {
  post({ type: 'data-changed' });
}

export function onDataChanged(listener: () => void): () => void {
  return listen('data-changed', () => listener());
}

/** Asks the background, if it is running, to fold its journal into the figures now. */
export function requestFold(): void {
  post({ type: 'fold-requested' });
}

/**
 * Asks the background to fold now, and waits for its answer: true once everything it had recorded
 * is in the figures, false if no answer came within `waitMs` (no background listening).
 */
export function foldNow(waitMs: number): Promise<boolean> {
  const id = `${Date.now()}-${Math.random()}`;
  return new Promise((resolve) => {
    let stopListening = () => {};
    const done = (answered: boolean) => {
      clearTimeout(timer);
      stopListening();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), waitMs);
    stopListening = listen('folded', (message) => {
      if (message.id === id) done(true);
    });
    post({ type: 'fold-requested', id });
  });
}

/** Runs `fold` on each request, then answers "folded" with the request's id. */
export function onFoldRequested(fold: () => Promise<void>): () => void {
  return listen('fold-requested', ({ id }) => void fold().finally(() => post({ type: 'folded', id })));
}
