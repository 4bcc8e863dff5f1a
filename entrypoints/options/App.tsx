/**
 * Wires the options page's ranking to the database, the settings and the browser. The sections
 * below it (BelowRanking.tsx) load and draw once the ranking is on screen: a year of history is
 * the slow read, and nothing else competes with it.
 */
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { RankingSection } from '@/components/options/RankingSection';
import { SectionLinks } from '@/components/options/SectionLinks';
import { useModuleWhen } from '@/components/shared/use-module-when';
import { useRefreshed } from '@/components/shared/use-refreshed';
import { useStorageItem } from '@/components/shared/use-storage-item';
import { localCalendar } from '@/utils/days';
import { APP_NAMES } from '@/utils/catalog/app-names';
import { createAppDirectory, vendorsOf } from '@/utils/catalog/directory';
import { CATEGORIES, NO_USER_RULES } from '@/utils/catalog/types';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { firstThen } from '@/components/shared/early-reads';
import type { RankingPeriod } from '@/utils/figures/ranking';
import { loadHistory, loadRankingData, pairId, rankingPartners, rankReport } from '@/utils/figures/ranking';
import { reportFromTotals } from '@/utils/figures/report';
import { trendOf, weeklySwitches } from '@/utils/figures/trend';
import { activeDaysIn, PRELIMINARY_DAYS, preliminaryPairs } from '@/utils/figures/preliminary';
import { integrationsSetting, lockedSettingsItem, notAFitSetting, yourProductSetting } from '@/utils/settings/items';
import { validateDay } from '@/utils/days';
import type { OptionsStart } from './start';
import { rollups } from './start';

export function App({ start }: { start: OptionsStart }) {
  const today = localCalendar.dayOf(Date.now());
  const [period, setPeriod] = useState<RankingPeriod>(start.period);
  const assumptions = useStorageItem(start.assumptions) ?? DEFAULT_ASSUMPTIONS;
  const userRules = useStorageItem(start.userRules) ?? NO_USER_RULES;
  const seats = useStorageItem(start.seats) ?? null;
  const integrations = useStorageItem(start.integrations) ?? {};
  const yourProduct = useStorageItem(start.yourProduct);
  const notAFit = useStorageItem(start.notAFit);
  // Set by an enterprise policy: shown locked, and never saved from here.
  const locked = useStorageItem(lockedSettingsItem);
  const productLocked = Array.isArray(locked) && locked.includes('yourProduct');
  const appInfo = useMemo(() => createAppDirectory(APP_NAMES, userRules.customApps), [userRules]);

  // The ranking is drawn from each pair's totals. The first read (started before this view
  // loaded) is used once, for the period and day it was read for; every later read, and any other
  // period, reads afresh.
  const [readFirst] = useState(() =>
    firstThen(start.ranking, () => loadRankingData(rollups, start.today, start.period)),
  );
  const totals = useRefreshed(
    () => (today === start.today && period === start.period ? readFirst() : loadRankingData(rollups, today, period)),
    start.onDataChanged,
    [today, period],
  );
  const below = useModuleWhen(() => import('./BelowRanking'), totals !== undefined);
  // Before and after an integration, and which pairs were seen on too few active days to be
  // settled, need every day recorded: read only if a pair is marked or the period has enough active
  // days for some pairs not to be preliminary, and only once the ranking is on screen (when the
  // sections below it have loaded: no render of its own).
  const wantsHistory =
    below !== undefined &&
    (Object.keys(integrations).length > 0 ||
      (totals !== undefined && activeDaysIn(totals.days, totals.period) >= PRELIMINARY_DAYS));
  const history = useRefreshed(
    () => (wantsHistory ? loadHistory(rollups, today) : Promise.resolve(undefined)),
    start.onDataChanged,
    [today, wantsHistory],
  );
  const data = useMemo(() => totals && { ...totals, history: history ?? null }, [totals, history]);
  const ignored = useMemo(() => new Set(userRules.ignoredAppIds), [userRules]);
  const preliminary = useMemo(
    () => totals && preliminaryPairs(totals.period, totals.days, history?.pairDays ?? null),
    [totals, history],
  );
  // Each pair's switches per week (the sparklines): only once the history is read.
  const trend = useMemo(() => {
    if (!history) return null;
    const trends = weeklySwitches(history.pairDays, today);
    return (a: string, b: string) => trendOf(trends, a, b);
  }, [history, today]);
  const report = useMemo(
    () =>
      data &&
      reportFromTotals({ period: data.period, pairTotals: data.pairTotals, days: data.days, assumptions, appInfo }),
    [data, assumptions, appInfo],
  );
  const rankedPairs = useMemo(
    () => data && report && rankReport(report, data, { ignoredAppIds: ignored, seats, integrations }, assumptions),
    [data, report, ignored, seats, integrations, assumptions],
  );
  // Pairs and partners are different tables: nothing is drawn until it is known which (both
  // settings were asked for with the ranking's read, and storage answers sooner than the database).
  const settled = yourProduct !== undefined && (yourProduct === null || notAFit !== undefined);
  const ranking = settled ? rankedPairs : undefined;
  const partners = useMemo(
    () =>
      ranking && data && yourProduct
        ? rankingPartners(ranking, data, assumptions, appInfo, {
            yourProduct,
            notAFit: notAFit ?? {},
            categoryName: (id) => CATEGORIES[id as keyof typeof CATEGORIES] ?? id,
          })
        : null,
    [ranking, data, assumptions, appInfo, yourProduct, notAFit],
  );
  // Every company of the catalog and the custom apps is a few hundred options: they are added once
  // the ranking is painted, and until then the select holds only the current choice.
  const [allChoices, setAllChoices] = useState(false);
  const productChoices = useMemo(() => {
    if (!allChoices || !rankedPairs) return null;
    const seen = new Set(rankedPairs.pairs.flatMap((p) => [appInfo(p.a)?.vendor, appInfo(p.b)?.vendor]));
    const vendors = vendorsOf([...APP_NAMES, ...userRules.customApps]);
    return { seen: vendors.filter((v) => seen.has(v.id)), others: vendors.filter((v) => !seen.has(v.id)) };
  }, [allChoices, rankedPairs, appInfo, userRules]);
  const productName = useMemo(() => {
    if (!yourProduct) return null;
    for (const app of [...userRules.customApps, ...APP_NAMES]) {
      const info = appInfo(app.id);
      if (info?.vendor === yourProduct) return info.vendorName;
    }
    // A custom app's company whose apps are gone: its id is all that is left.
    return yourProduct;
  }, [yourProduct, userRules, appInfo]);
  // For `npm run bench` (User Timing, costs nothing): the ranking drawn into the page, as the
  // popup's mark is set (the browser paints it next), and the moment after that paint.
  useLayoutEffect(() => {
    if (ranking) performance.mark('toggle-tax:ranking-ready');
  }, [ranking]);
  useEffect(() => {
    if (!ranking) return;
    performance.mark('toggle-tax:ranking-painted');
    setAllChoices(true);
  }, [ranking]);

  return (
    <main class="options" data-ready={ranking && below ? 'true' : undefined}>
      <header>
        <h1>Toggle Tax</h1>
        <p class="hint">
          Which integrations between your apps would give back the most hours a year. Figures are per person, from this
          browser.
        </p>
      </header>
      <SectionLinks />
      <RankingSection
        report={ranking?.report}
        pairs={ranking?.pairs ?? []}
        preliminary={preliminary ?? null}
        trend={trend}
        period={period}
        onPeriodChange={setPeriod}
        yourProduct={yourProduct ?? null}
        productName={productName}
        productChoices={productChoices}
        onYourProductChange={(vendor) => void (productLocked || yourProductSetting.setValue(vendor))}
        yourProductLocked={productLocked}
        partners={partners}
        onMarkNotAFit={(vendor, note) => void notAFitSetting.setValue({ ...notAFit, [vendor]: { note } })}
        onUnmarkNotAFit={(vendor) => {
          const { [vendor]: _, ...rest } = notAFit ?? {};
          void notAFitSetting.setValue(rest);
        }}
        seats={seats}
        currency={assumptions.currency}
        appInfo={appInfo}
        today={today}
        onMarkIntegrated={(pair, since) => {
          const day = validateDay(since, today);
          if (!day.ok) return Object.values(day.errors)[0] ?? 'Invalid date.';
          void integrationsSetting.setValue({ ...integrations, [pairId(pair.a, pair.b)]: { since: day.value } });
          return null;
        }}
        onUnmarkIntegrated={(pair) => {
          const { [pairId(pair.a, pair.b)]: _, ...rest } = integrations;
          void integrationsSetting.setValue(rest);
        }}
      />
      {below && ranking && (
        <below.BelowRanking
          today={today}
          period={period}
          everyPair={ranking.pairs}
          appInfo={appInfo}
          assumptions={assumptions}
          userRules={userRules}
          seats={seats}
          integrations={integrations}
        />
      )}
    </main>
  );
}
