/** Wires the popup view to the database, the settings and the browser. */
import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/Popup';
import { useLiveQuery } from '@/components/use-live-query';
import { useStorageItem } from '@/components/use-storage-item';
import { localCalendar } from '@/utils/calendar';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { DEFAULT_ASSUMPTIONS } from '@/utils/cost-model';
import { ToggleTaxDB } from '@/utils/db';
import type { PopupPeriod } from '@/utils/popup-data';
import { loadPopupData } from '@/utils/popup-data';
import { assumptionsSetting, pausedSetting, userRulesSetting } from '@/utils/settings';

const db = new ToggleTaxDB();

export function App() {
  const [period, setPeriod] = useState<PopupPeriod>('today');
  const paused = useStorageItem(pausedSetting) ?? false;
  const assumptions = useStorageItem(assumptionsSetting) ?? DEFAULT_ASSUMPTIONS;
  const userRules = useStorageItem(userRulesSetting);
  const appInfo = useMemo(() => createAppDirectory(APPS, userRules?.customApps ?? []), [userRules]);
  const today = localCalendar.dayOf(Date.now());
  const { value: data } = useLiveQuery(
    () => loadPopupData(db, { today, period, assumptions, appInfo }),
    [today, period, assumptions, appInfo],
  );
  return (
    <Popup
      data={data}
      period={period}
      onPeriodChange={setPeriod}
      paused={paused}
      onTogglePause={() => void pausedSetting.setValue(!paused)}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
      appInfo={appInfo}
    />
  );
}
