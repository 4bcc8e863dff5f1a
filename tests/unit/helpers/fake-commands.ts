/** WXT's fake browser leaves `commands.onCommand` unimplemented (it throws); this adds what the background uses. */
import { fakeBrowser } from 'wxt/testing/fake-browser';

type CommandListener = (command: string) => unknown;

export function installFakeCommands() {
  const listeners = new Set<CommandListener>();
  const commands = {
    onCommand: {
      addListener: (l: CommandListener) => listeners.add(l),
      removeListener: (l: CommandListener) => listeners.delete(l),
      hasListener: (l: CommandListener) => listeners.has(l),
    },
    // The manifest's one command, with its suggested key.
    getAll: async () => [{ name: 'toggle-tracking', shortcut: 'Alt+Shift+K', description: 'Pause or resume tracking' }],
  };
  Object.assign(fakeBrowser, { commands });
  return { trigger: (command: string) => Promise.all([...listeners].map((l) => l(command))) };
}
