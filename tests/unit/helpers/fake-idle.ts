/** WXT's fake browser has no `idle` API; this adds the part the background uses. */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type IdleListener = (state: 'active' | 'idle' | 'locked') => unknown;

export function installFakeIdle() {
  const listeners = new Set<IdleListener>();
  const idle = {
    onStateChanged: {
      addListener: (l: IdleListener) => listeners.add(l),
      removeListener: (l: IdleListener) => listeners.delete(l),
      hasListener: (l: IdleListener) => listeners.has(l),
    },
    setDetectionInterval: vi.fn(),
    queryState: vi.fn(async () => 'active'),
  };
  Object.assign(fakeBrowser, { idle });
  return {
    setDetectionInterval: idle.setDetectionInterval,
    trigger: (state: 'active' | 'idle' | 'locked') => Promise.all([...listeners].map((l) => l(state))),
  };
}
