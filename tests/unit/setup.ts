import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeCommands } from './helpers/fake-commands';

// WXT's plugin swaps in the fake browser but does not reset it between tests.
beforeEach(() => {
  fakeBrowser.reset();
  // The background listens for its keyboard shortcut; the fake browser's commands API throws.
  installFakeCommands();
});
