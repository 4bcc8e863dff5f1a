/**
 * A signal between the extension's contexts that recorded data changed, so open pages refresh.
 * BroadcastChannel reaches every page and the service worker of the extension's origin. One
 * channel per context: a context does not hear its own announcements (BroadcastChannel never
 * delivers a message to the object that posted it), so the worker's folds don't make it forget
 * its own state, and a page doesn't re-read after its own writes.
 */
const CHANNEL = 'toggle-tax:data-changed';

let channel: BroadcastChannel | undefined;
const shared = () => (channel ??= new BroadcastChannel(CHANNEL));

export function announceDataChanged(): void {
  shared().postMessage(null);
}

export function onDataChanged(listener: () => void): () => void {
  const handler = () => listener();
  shared().addEventListener('message', handler);
  return () => shared().removeEventListener('message', handler);
}
