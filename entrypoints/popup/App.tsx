/** Wires the popup view to the database, the settings and the browser. */
import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/Popup';
import { useRefreshed } from '@/components/use-refreshed';
import { useStorageItem } from '@/components/use-storage-item';
import { localCalendar } from '@/utils/calendar';
import { APP_NAMES } from '@/utils/catalog/app-names';
import { createAppDirectory } from '@/utils/catalog/directory';
import { onDataChanged, requestFold } from '@/utils/data-changes';
import type { PopupPeriod } from '@/utils/popup-data';
import { popupData, readPopupRollups } from '@/utils/popup-data';
import { readRollups } from '@/utils/rollup-reader';
import { assumptionsSetting, pausedSetting, userRulesSetting } from '@/utils/settings';

const readFromThisBrowser = (start: string, end: string) => readRollups(globalThis, start, end);
// The latest switches may still wait in the worker's journal: have them folded into the figures
// (the popup reads again when the fold is announced).
requestFold();

export function App() {
  const [period, setPeriod] = useState<PopupPeriod>('today');
  const paused = useStorageItem(pausedSetting) ?? false;
  const assumptions = useStorageItem(assumptionsSetting);
  const userRules = useStorageItem(userRulesSetting);
  const appInfo = useMemo(() => userRules && createAppDirectory(APP_NAMES, userRules.customApps), [userRules]);
  const today = localCalendar.dayOf(Date.now());
  // Rollups and settings are read at the same time; figures wait for both, so they never show
  // default assumptions first. Each read remembers what it was for: while another period loads,
  // the figures shown stay those of the period they were read for.
  const read = useRefreshed(
    async () => ({ today, period, rollups: await readPopupRollups(readFromThisBrowser, today, period) }),
    onDataChanged,
    [today, period],
  );
  const data = useMemo(
    () => read && assumptions && appInfo && popupData(read.rollups, { today: read.today, period: read.period, assumptions, appInfo }),
    [read, assumptions, appInfo],
  );
  return (
    <Popup
      data={data}
      period={period}
      onPeriodChange={setPeriod}
      paused={paused}
      onTogglePause={() => void pausedSetting.setValue(!paused)}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
      appInfo={appInfo ?? (() => undefined)}
    />
  );
}
