/**
 * A signal between the extension's contexts that recorded data changed, so open pages refresh.
 * BroadcastChannel reaches every page and the service worker of the extension's origin.
 */
const CHANNEL = 'toggle-tax:data-changed';

export function announceDataChanged(): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(null);
  channel.close();
}

export function onDataChanged(listener: () => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => listener();
  return () => channel.close();
}
