/**
 * Signals between the extension's contexts about recorded data, over one BroadcastChannel (it
 * reaches every page and the service worker of the extension's origin, but never wakes a stopped
 * worker): the worker announces that figures changed, so open pages refresh; pages ask the worker
 * to fold its journal into the figures now (utils/tracking.ts).
 */
const CHANNEL = 'toggle-tax:data';

type Message = { type: 'data-changed' } | { type: 'fold-requested' };

// One channel per context for announcements: BroadcastChannel never delivers a message to the
// object that posted it, so a context does not hear its own (the worker's folds don't make it
// forget its state).
let shared: BroadcastChannel | undefined;
const channel = () => (shared ??= new BroadcastChannel(CHANNEL));

function listen(type: Message['type'], listener: () => void): () => void {
  const handler = (event: MessageEvent<Message>) => {
    if (event.data?.type === type) listener();
  };
  channel().addEventListener('message', handler);
  return () => channel().removeEventListener('message', handler);
}

export function announceDataChanged(): void {
  channel().postMessage({ type: 'data-changed' } satisfies Message);
}

export function onDataChanged(listener: () => void): () => void {
  return listen('data-changed', listener);
}

/** Asks the worker, if it is running, to fold now. Heard in this context too (a channel of its own). */
export function requestFold(): void {
  const once = new BroadcastChannel(CHANNEL);
  once.postMessage({ type: 'fold-requested' } satisfies Message);
  once.close();
}

export function onFoldRequested(listener: () => void): () => void {
  return listen('fold-requested', listener);
}
