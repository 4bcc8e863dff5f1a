/**
 * What the options page reads before it can draw the ranking, started by its first module (main.ts)
 * before the view has loaded: the period's rollups from IndexedDB, the settings the ranking is
 * priced with, and the announcements of new figures (utils/early-reads.ts hands them over).
 */
import { localCalendar } from '@/utils/days';
import type { UserRules } from '@/utils/catalog/types';
import type { Assumptions } from '@/utils/figures/cost-model';
import { onDataChanged, requestFold } from '@/utils/store/changes';
import { earlyItem, heldSubscription, type ReadableItem } from '@/components/shared/early-reads';
import type { RankingData, RankingPeriod } from '@/utils/figures/ranking';
import { loadRankingData, RANKING_PERIODS } from '@/utils/figures/ranking';
import { openReader } from '@/utils/store/reads';
import {
  assumptionsSetting,
  integrationsSetting,
  notAFitSetting,
  seatsSetting,
  userRulesSetting,
  yourProductSetting,
} from '@/utils/settings/items';

export interface OptionsStart {
  today: string;
  /** The period the page opens on: `options.html?period=365` (links from the brief, the benchmark), else 30 days. */
  period: RankingPeriod;
  /** The ranking's rollups for `today` and `period`, read at once. */
  ranking: Promise<RankingData>;
  /** Announcements of new figures, none missed since the start. */
  onDataChanged: (onChange: () => void) => () => void;
  assumptions: ReadableItem<Assumptions>;
  userRules: ReadableItem<UserRules>;
  seats: ReadableItem<number | null>;
  integrations: ReadableItem<Record<string, { since: string }>>;
  /** Decides whether the ranking is of pairs or of partners: the first draw waits for it. */
  yourProduct: ReadableItem<string | null>;
  notAFit: ReadableItem<Record<string, { note: string }>>;
}

/** The ranking reads with raw IndexedDB: Dexie (and the full catalog) load with the sections below it. */
export const rollups = openReader(globalThis);

export function startOptions(now = Date.now(), search = location.search): OptionsStart {
  const today = localCalendar.dayOf(now);
  const asked = new URLSearchParams(search).get('period');
  const period = asked && asked in RANKING_PERIODS ? (asked as RankingPeriod) : '30';
  const start: OptionsStart = {
    today,
    period,
    ranking: loadRankingData(rollups, today, period),
    onDataChanged: heldSubscription(onDataChanged),
    assumptions: earlyItem(assumptionsSetting),
    userRules: earlyItem(userRulesSetting),
    seats: earlyItem(seatsSetting),
    integrations: earlyItem(integrationsSetting),
    yourProduct: earlyItem(yourProductSetting),
    notAFit: earlyItem(notAFitSetting),
  };
  // The latest switches may still wait in the worker's journal: have them folded into the figures.
  // Asked once the page listens, so the announcement that follows the fold is never missed.
  requestFold();
  return start;
}
