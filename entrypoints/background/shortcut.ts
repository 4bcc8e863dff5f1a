/** The keyboard shortcut that pauses and resumes tracking, as the popup's button does. */
import type { browser as Api } from 'wxt/browser';
import { PAUSE_COMMAND, togglePaused } from '@/utils/settings/pause';

export function onPauseCommand(command: string): Promise<void> {
  if (command !== PAUSE_COMMAND) return Promise.resolve();
  return togglePaused().then(
    () => undefined,
    (error: unknown) => console.error('Toggle Tax could not pause or resume tracking.', error),
  );
}

/** Registers the command listener; a browser without the commands API (Firefox for Android) has no shortcut. */
export function listenForShortcut(api: Pick<typeof Api, 'commands'>): void {
  api.commands?.onCommand.addListener((command) => onPauseCommand(command));
}
