import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenForShortcut } from '@/entrypoints/background/shortcut';
import { pausedSetting } from '@/utils/settings/items';
import { installFakeCommands } from '../helpers/fake-commands';

describe('the pause shortcut', () => {
  it.each([
    { before: false, command: 'toggle-tracking', after: true },
    { before: true, command: 'toggle-tracking', after: false },
    { before: false, command: 'another-command', after: false },
    { before: true, command: 'another-command', after: true },
  ])('$command with paused $before leaves paused $after', async ({ before, command, after }) => {
    const commands = installFakeCommands();
    listenForShortcut(fakeBrowser);
    await pausedSetting.setValue(before);
    await commands.trigger(command);
    expect(await pausedSetting.getValue()).toBe(after);
  });

  it('does nothing in a browser without the commands API', () => {
    expect(() => listenForShortcut({} as Parameters<typeof listenForShortcut>[0])).not.toThrow();
  });
});
