/**
 * The options page's ranking of integration opportunities: the report's pairs over a chosen
 * period, narrowed to one app if asked, without ignored apps, with team figures, and with
 * switching before and after the day an integration went live; with your product set, the same
 * pairs by partner vendor. Pure, like the report.
 */
import type { Assumptions } from './cost-model';
import { PRESETS } from './cost-model';
import type { Partner } from './partners';
import { rankPartners } from './partners';
import type { DayRow, PairCounts, PairDayRow, RollupSource } from '../store/rows';
import { flattenPairs, sumPairs, toPairsOfDays } from '../store/rows';
import type { Period } from '../days';
import { inPeriod, lastDays } from '../days';
import type { IntegrationFigures } from './integration';
import { integrationFigures, integrationSides } from './integration';
import type { AppInfo } from '../catalog/directory';
import type { PairFigures, Report } from './report';
import { reportFromTotals, sumPairDays } from './report';

export const RANKING_PERIODS = {
  '30': { label: '30 days', days: 30 },
  '90': { label: '90 days', days: 90 },
  '365': { label: '365 days', days: 365 },
  all: { label: 'All', days: null },
} as const;

export type RankingPeriod = keyof typeof RANKING_PERIODS;

/** How many pairs stand out as the ones to pursue. */
export const TOP_PAIRS = 5;

/** Stable key of an unordered pair. */
export function pairId(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export interface RankedPair extends PairFigures {
  rank: number;
  /** Its place in the top five, or null: a same-category or integrated pair takes no place. */
  top: number | null;
  /** Null until seats are entered. */
  teamAnnualHours: number | null;
  teamAnnualCost: number | null;
  /** Set when the pair is marked as integrated. */
  integration: Integration | null;
}

/**
 * Before and after the day an integration went live; `before` and `after` are null while the
 * history they need has not been read (see `RankingData.history`).
 */
export type Integration = IntegrationFigures | { since: string; before: null; after: null; tooEarly: false };

export interface Ranking {
  report: Report;
  pairs: RankedPair[];
}

export interface RankingOptions {
  ignoredAppIds: ReadonlySet<string>;
  seats: number | null;
  integrations: Readonly<Record<string, { since: string }>>;
}

export interface RankingData {
  period: Period;
  /** Each pair's sums over the period: what the ranking prices. */
  pairTotals: readonly PairCounts[];
  /**
   * One row per pair and day (integrations' before and after, evidence), or null when only the
   * totals were read (`loadRankingData`, the ranking's first draw; `loadRankingDataByDay` reads them).
   */
  pairDays: readonly PairDayRow[] | null;
  days: DayRow[];
  /**
   * Every day recorded up to the period's end, row by row: what an integration's "before" reaches
   * back over. Null until read (only when a pair is marked integrated, or for evidence).
   */
  history?: { pairDays: readonly PairDayRow[]; days: readonly DayRow[] } | null;
}

export type RankingDataByDay = RankingData & { pairDays: readonly PairDayRow[] };

/** Ranking data from rollup rows already in memory. */
export function rankingData(period: Period, pairDays: readonly PairDayRow[], days: DayRow[]): RankingDataByDay {
  return { period, pairTotals: sumPairDays(pairDays, period), pairDays, days, history: { pairDays, days } };
}

export function rank(
  data: RankingData,
  assumptions: Assumptions,
  appInfo: (id: string) => AppInfo | undefined,
  options: RankingOptions,
): Ranking {
  return rankReport(
    reportFromTotals({ period: data.period, pairTotals: data.pairTotals, days: data.days, assumptions, appInfo }),
    data,
    options,
    assumptions,
  );
}

/**
 * Ranks an already built report: the pair view and the partner view share one report.
 * `assumptions` are the report's own: integrations' before and after are priced with them.
 */
export function rankReport(
  report: Report,
  data: RankingData,
  options: RankingOptions,
  assumptions: Assumptions,
): Ranking {
  let candidates = 0;
  const pairs = report.pairs
    .filter((p) => !options.ignoredAppIds.has(p.a) && !options.ignoredAppIds.has(p.b))
    .map((p, index): RankedPair => {
      const mark = options.integrations[pairId(p.a, p.b)];
      const candidate = !p.sameCategory && !mark;
      if (candidate) candidates++;
      return {
        ...p,
        rank: index + 1,
        top: candidate && candidates <= TOP_PAIRS ? candidates : null,
        teamAnnualHours: options.seats === null ? null : p.annualHours * options.seats,
        teamAnnualCost: options.seats === null ? null : p.annualCost * options.seats,
        integration: !mark
          ? null
          : data.history
            ? integrationFigures(
                mark.since,
                integrationSides(data.history.pairDays, data.history.days, p, mark.since, data.period.end),
                assumptions,
              )
            : { since: mark.since, before: null, after: null, tooEarly: false },
      };
    });
  return { report, pairs };
}

export interface PartnerOptions {
  /** Your product's vendor id. */
  yourProduct: string;
  notAFit: Readonly<Record<string, { note: string }>>;
  categoryName: (category: string) => string;
}

/**
 * The ranking's pairs by partner vendor (utils/figures/partners.ts). Each pair's range is its
 * annual hours with the Conservative and High presets over the other assumptions; only your
 * product's pairs are priced again, so this stays cheap enough for the first draw.
 */
export function rankingPartners(
  ranking: Ranking,
  data: Pick<RankingData, 'pairTotals' | 'days'>,
  assumptions: Assumptions,
  appInfo: (id: string) => AppInfo | undefined,
  options: PartnerOptions,
): Partner<RankedPair>[] {
  const ours = (id: string) => appInfo(id)?.vendor === options.yourProduct;
  const pairTotals = data.pairTotals.filter((p) => ours(p.a) !== ours(p.b));
  const hoursUnder = (preset: 'conservative' | 'high') => {
    const report = reportFromTotals({
      period: ranking.report.period,
      pairTotals,
      days: data.days,
      assumptions: { ...assumptions, ...PRESETS[preset] },
      appInfo,
    });
    return new Map(report.pairs.map((p) => [pairId(p.a, p.b), p.annualHours]));
  };
  const [low, high] = [hoursUnder('conservative'), hoursUnder('high')];
  return rankPartners({
    yourProduct: options.yourProduct,
    pairs: ranking.pairs,
    range: (p) => [low.get(pairId(p.a, p.b)) ?? 0, high.get(pairId(p.a, p.b)) ?? 0],
    appInfo,
    notAFit: options.notAFit,
    categoryName: options.categoryName,
  });
}

/**
 * Reads what the ranking of a period needs, and only that: each pair's sums (from the monthly
 * rollups where whole months fall in the period) and the day totals; `pairDays` is null.
 */
export async function loadRankingData(
  source: RollupSource,
  today: string,
  period: RankingPeriod,
): Promise<RankingData> {
  const asked = askedPeriod(today, period);
  const { pairRows, days } = await source.readByMonth(asked?.start ?? null, today);
  return { period: asked ?? fromFirstDay(days, today), pairTotals: sumPairs(pairRows), pairDays: null, days };
}

/** Reads a period's rollups day by day: the ranking's data with one row per pair and day. */
export async function loadRankingDataByDay(
  source: RollupSource,
  today: string,
  period: RankingPeriod,
): Promise<RankingDataByDay> {
  const asked = askedPeriod(today, period);
  // Every day, not only the period's: an integration's "before" reaches back over all of them.
  const history = await loadHistory(source, today);
  const inAsked = (row: { day: string }) => !asked || inPeriod(row.day, asked);
  const pairDays = history.pairDays.filter(inAsked);
  const days = history.days.filter(inAsked);
  return {
    period: asked ?? fromFirstDay(days, today),
    pairTotals: sumPairs(toPairsOfDays(pairDays)),
    pairDays,
    days,
    history,
  };
}

/** Every day recorded up to `today`, row by row: what integrations' "before" reaches back over. */
export async function loadHistory(source: RollupSource, today: string): Promise<NonNullable<RankingData['history']>> {
  const { pairsOfDays, days } = await source.read(null, today);
  return { pairDays: flattenPairs(pairsOfDays), days };
}

/** The days a ranking period asks for; null for "all", which starts at the first day recorded. */
function askedPeriod(today: string, period: RankingPeriod): Period | null {
  const length = RANKING_PERIODS[period].days;
  return length === null ? null : lastDays(today, length);
}

function fromFirstDay(days: readonly DayRow[], today: string): Period {
  const first = days[0]?.day ?? today;
  return { start: first < today ? first : today, end: today };
}

export interface SwitchMatrix {
  apps: string[];
  /** `counts[i][j]`: switches from apps[i] to apps[j]. */
  counts: number[][];
  max: number;
}

/** App × app switch counts among the apps with the most switches: the heatmap on the options page. */
export function switchMatrix(pairs: readonly PairFigures[], maxApps = 10): SwitchMatrix {
  const totals = new Map<string, number>();
  for (const p of pairs) {
    totals.set(p.a, (totals.get(p.a) ?? 0) + p.switches);
    totals.set(p.b, (totals.get(p.b) ?? 0) + p.switches);
  }
  const apps = [...totals.entries()]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, maxApps)
    .map(([id]) => id);
  const index = new Map(apps.map((id, i) => [id, i]));
  const counts = apps.map(() => apps.map(() => 0));
  for (const p of pairs) {
    const i = index.get(p.a);
    const j = index.get(p.b);
    if (i === undefined || j === undefined) continue;
    counts[i]![j] = p.aToB;
    counts[j]![i] = p.bToA;
  }
  return { apps, counts, max: Math.max(0, ...counts.flat()) };
}
