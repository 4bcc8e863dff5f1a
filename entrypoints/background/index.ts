import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { APPS } from '@/utils/catalog/apps';
import { createClassifier, rememberingClassifier } from '@/utils/catalog/classify';
import { TRANSIT } from '@/utils/catalog/transit';
import { localCalendar } from '@/utils/days';
import { applyPolicy } from '@/utils/settings/policy';
import { openStore } from '@/utils/store';
import { onFoldRequested } from '@/utils/store/changes';
import {
  idleSecondsSetting,
  pausedSetting,
  recordingProblemItem,
  recordingRulesSetting,
  rememberSitesSetting,
  retentionDaysSetting,
  userRulesSetting,
  workerStartedItem,
  holdingSinceItem,
} from '@/utils/settings/items';
import { focusedEvents, listenForAttention } from './attention';
import { eventClock } from './event-clock';
import { listenForShortcut } from './shortcut';
import { welcomeOnInstall } from './welcome';
import { createTracking } from './write-loop';

export default defineBackground(() => {
  // The event that starts a stopped worker is stamped with the worker's start, not its arrival.
  const { startedAt, eventTime } = eventClock(Date.now, performance.timeOrigin);
  // Read before this worker notes anything: the state the worker before it left behind.
  const earlierProblem = recordingProblemItem.getValue().catch(() => null);
  const earlierHeldSince = holdingSinceItem.getValue().catch(() => null);
  const firstOfSession = firstWorkerOfSession().catch(() => false);
  const store = openStore(globalThis, {
    storage: navigator.storage,
    // The first worker of a browser session cannot know how the last session's writes ended, nor
    // can one that follows a worker that saw storage fail: repair the log before writing.
    repairFirst: Promise.all([firstOfSession, earlierProblem]).then(([first, problem]) => first || problem !== null),
  });
  const tracking = createTracking({
    store,
    earlierProblem,
    earlierHeldSince,
    noteHolding: (since) =>
      void holdingSinceItem
        .setValue(since)
        .catch((error: unknown) => console.error('Toggle Tax could not note the events it holds.', error)),
    firstOfSession,
    loadContext: async () => ({
      classify: rememberingClassifier(
        createClassifier({ apps: APPS, transit: TRANSIT, user: await userRulesSetting.getValue() }),
      ),
      rules: await recordingRulesSetting.getValue(),
      calendar: localCalendar,
      rememberSites: await rememberSitesSetting.getValue(),
    }),
    now: Date.now,
    startedAt,
    // Wrapped: a service worker's setTimeout throws "Illegal invocation" when called as a method.
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    onError: (error) => console.error('Toggle Tax could not record an event; tracking goes on.', error),
    onRecordingProblem: (problem) =>
      void recordingProblemItem
        .setValue(problem)
        .catch((error: unknown) => console.error('Toggle Tax could not note a recording problem.', error)),
  });

  // Listeners first and synchronously: the event that restarts a stopped worker must find them.
  listenForAttention(browser, eventTime, tracking.emit);
  // A page about to show figures wants the latest switches in them.
  onFoldRequested(tracking.flush);
  pausedSetting.watch((paused) => {
    const at = Date.now();
    tracking.emit(
      paused ? [{ type: 'pause', at }] : focusedEvents(browser, at).then((now) => [{ type: 'resume', at }, ...now]),
    );
  });
  // The keyboard shortcut flips the same setting as the popup's button, so the watch above acts on it.
  listenForShortcut(browser);
  recordingRulesSetting.watch(tracking.settingsChanged);
  userRulesSetting.watch(tracking.settingsChanged);
  rememberSitesSetting.watch(tracking.settingsChanged);
  const pruneOldSwitches = () =>
    void retentionDaysSetting
      .getValue()
      .then((days) => store.deleteOldSwitches(localCalendar.dayOf(Date.now()), days))
      .catch((error: unknown) => console.error('Toggle Tax could not delete old switches.', error));
  retentionDaysSetting.watch(pruneOldSwitches);
  browser.runtime.onStartup.addListener(pruneOldSwitches);
  browser.runtime.onInstalled.addListener(pruneOldSwitches);
  // Team settings set by policy: at every start of the browser or the extension, and when changed.
  const followPolicy = () =>
    void applyPolicy(browser).then(
      (refused) => refused.length && console.warn('Toggle Tax left out team settings set by policy:', refused),
      (error: unknown) => console.error('Toggle Tax could not read the team settings set by policy.', error),
    );
  browser.runtime.onStartup.addListener(followPolicy);
  browser.runtime.onInstalled.addListener(followPolicy);
  browser.runtime.onInstalled.addListener(
    (details) =>
      void welcomeOnInstall(browser, details).catch((error: unknown) =>
        console.error('Toggle Tax could not open its welcome page.', error),
      ),
  );
  browser.storage.onChanged.addListener((_changes, area) => area === 'managed' && followPolicy());
  idleSecondsSetting.watch((seconds) => browser.idle.setDetectionInterval(seconds));

  void idleSecondsSetting.getValue().then((seconds) => browser.idle.setDetectionInterval(seconds));
  // unlimitedStorage already exempts extension data from eviction; ask anyway where it is honoured.
  void navigator.storage?.persist?.().catch(() => false);
});

/** Whether no worker has started yet in this browser session (session storage starts empty). */
async function firstWorkerOfSession(): Promise<boolean> {
  if ((await workerStartedItem.getValue()) !== null) return false;
  await workerStartedItem.setValue(Date.now());
  return true;
}
