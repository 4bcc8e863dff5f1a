/**
 * Pausing and resuming tracking: the popup's button and the keyboard shortcut both flip
 * `pausedSetting`, and the background turns each change into a pause or resume event.
 */
import { pausedSetting } from './items';

export { PAUSE_COMMAND } from './declarations';

/** Pauses tracking if it runs, resumes it if paused; resolves with whether it is now paused. */
export async function togglePaused(): Promise<boolean> {
  const paused = !(await pausedSetting.getValue());
  await pausedSetting.setValue(paused);
  return paused;
}
