/** Wires the popup view to the database, the settings and the browser. */
import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/popup/Popup';
import { useRefreshed } from '@/components/shared/use-refreshed';
import { useStorageItem } from '@/components/shared/use-storage-item';
import { localCalendar } from '@/utils/days';
import { APP_NAMES } from '@/utils/catalog/app-names';
import { createAppDirectory } from '@/utils/catalog/directory';
import { firstThen } from '@/components/shared/early-reads';
import type { PopupPeriod } from '@/utils/figures/popup-figures';
import { popupData, readPopupRollups } from '@/utils/figures/popup-figures';
import { describeRecordingProblem } from '@/utils/store/recording-problem';
import { pausedSetting } from '@/utils/settings/items';
import type { PopupStart } from './start';
import { readFromThisBrowser } from './start';

export function App({ start }: { start: PopupStart }) {
  const [period, setPeriod] = useState<PopupPeriod>('today');
  const paused = useStorageItem(start.paused) ?? false;
  const assumptions = useStorageItem(start.assumptions);
  const userRules = useStorageItem(start.userRules);
  const recordingProblem = useStorageItem(start.recordingProblem);
  const appInfo = useMemo(() => userRules && createAppDirectory(APP_NAMES, userRules.customApps), [userRules]);
  const today = localCalendar.dayOf(Date.now());
  // The first read (today's, started before this view loaded) is used once, for the figures it was
  // read for; every later read, and any other day or period, reads afresh.
  const [readToday] = useState(() =>
    firstThen(start.todaysRollups, () => readPopupRollups(readFromThisBrowser, start.today, 'today')),
  );
  // Rollups and settings are read at the same time; figures wait for both, so they never show
  // default assumptions first. Each read remembers what it was for: while another period loads,
  // the figures shown stay those of the period they were read for.
  const read = useRefreshed(
    async () => ({
      now: Date.now(),
      today,
      period,
      rollups: await (today === start.today && period === 'today'
        ? readToday()
        : readPopupRollups(readFromThisBrowser, today, period)),
    }),
    start.onDataChanged,
    [today, period],
  );
  const data = useMemo(
    () =>
      read &&
      assumptions &&
      appInfo &&
      popupData(read.rollups, { today: read.today, period: read.period, assumptions, appInfo, now: read.now }),
    [read, assumptions, appInfo],
  );
  return (
    <Popup
      data={data}
      period={period}
      onPeriodChange={setPeriod}
      paused={paused}
      recordingProblem={recordingProblem ? describeRecordingProblem(recordingProblem, Date.now()) : null}
      onTogglePause={() => void pausedSetting.setValue(!paused)}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
      appInfo={appInfo ?? (() => undefined)}
    />
  );
}
