import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// WXT's plugin swaps in the fake browser but does not reset it between tests.
beforeEach(() => {
  fakeBrowser.reset();
});
