/**
 * Figures for people: daily rollups + cost model → priced pairs, totals and rankings. Pure, and it
 * reads rollups only (one row per pair and day), so its cost depends on the number of pairs and
 * days in the period, never on the number of switches recorded.
 */
import type { Period } from '../days';
import { ACTIVE_DAY_MS, inPeriod } from '../days';
import type { AppInfo } from '../catalog/directory';
import type { Assumptions, Priced } from './cost-model';
import { annualCost, annualHours, price } from './cost-model';
import { formatCount } from './format';
import type { DayRow, PairCounts, PairDayRow } from '../store/rows';
import { sumPairs, toPairsOfDays } from '../store/rows';

export interface PairFigures extends Priced {
  /** Sorted app ids: `a` < `b`. */
  a: string;
  b: string;
  aToB: number;
  bToA: number;
  switches: number;
  detours: number;
  transitMs: number;
  detourDwellMs: number;
  switchesPerDay: number;
  detoursPerDay: number;
  measuredSecondsPerDay: number;
  assumedSecondsPerDay: number;
  secondsLostPerDay: number;
  annualHours: number;
  annualCost: number;
  /** Both apps in one category: consolidation, not integration. */
  sameCategory: boolean;
}

export interface Report extends Priced {
  period: Period;
  activeDays: number;
  attendedMs: number;
  switches: number;
  breaks: number;
  /** Every pair with a switch in the period, the most seconds lost first. */
  pairs: PairFigures[];
}

export interface ReportInput {
  period: Period;
  /** Rollups; rows outside the period are ignored. */
  pairDays: readonly PairDayRow[];
  days: readonly DayRow[];
  assumptions: Assumptions;
  appInfo: (id: string) => AppInfo | undefined;
}

export function buildReport({ pairDays, ...rest }: ReportInput): Report {
  return reportFromTotals({ ...rest, pairTotals: sumPairDays(pairDays, rest.period) });
}

/** Each pair's sums over the days of `period`. */
export function sumPairDays(pairDays: readonly PairDayRow[], period: Period): PairCounts[] {
  return sumPairs(toPairsOfDays(pairDays.filter((row) => inPeriod(row.day, period))));
}

export interface TotalsInput extends Omit<ReportInput, 'pairDays'> {
  /** Each pair's sums over the period, one entry per pair. */
  pairTotals: readonly PairCounts[];
}

/** The report of pairs already summed over the period (see `sumPairDays`). */
export function reportFromTotals({ period, pairTotals, days, assumptions, appInfo }: TotalsInput): Report {
  const daysInPeriod = days.filter((d) => inPeriod(d.day, period));
  const activeDays = daysInPeriod.filter((d) => d.attendedMs >= ACTIVE_DAY_MS).length;
  // Before the first active day, per-day figures are the period's own totals.
  const perDay = Math.max(1, activeDays);

  const pairs = pairTotals.map((row): PairFigures => {
    const switches = row.aToB + row.bToA;
    const priced = price(
      { switches, transitMs: row.transitMs, detours: row.detours, detourDwellMs: row.detourDwellMs },
      assumptions,
    );
    const secondsLostPerDay = priced.secondsLost / perDay;
    const hours = annualHours(secondsLostPerDay, assumptions);
    const categoryA = appInfo(row.a)?.category;
    return {
      a: row.a,
      b: row.b,
      aToB: row.aToB,
      bToA: row.bToA,
      switches,
      detours: row.detours,
      transitMs: row.transitMs,
      detourDwellMs: row.detourDwellMs,
      ...priced,
      switchesPerDay: switches / perDay,
      detoursPerDay: row.detours / perDay,
      measuredSecondsPerDay: priced.measuredSeconds / perDay,
      assumedSecondsPerDay: priced.assumedSeconds / perDay,
      secondsLostPerDay,
      annualHours: hours,
      annualCost: annualCost(hours, assumptions),
      sameCategory: categoryA !== undefined && categoryA !== 'other' && categoryA === appInfo(row.b)?.category,
    };
  });
  pairs.sort(
    (x, y) => y.secondsLost - x.secondsLost || y.switches - x.switches || (x.a + x.b).localeCompare(y.a + y.b),
  );

  const total = (pick: (p: PairFigures) => number) => pairs.reduce((sum, p) => sum + pick(p), 0);
  return {
    period,
    activeDays,
    attendedMs: daysInPeriod.reduce((sum, d) => sum + d.attendedMs, 0),
    switches: total((p) => p.switches),
    breaks: daysInPeriod.reduce((sum, d) => sum + d.breaks, 0),
    measuredSeconds: total((p) => p.measuredSeconds),
    assumedSeconds: total((p) => p.assumedSeconds),
    detourSeconds: total((p) => p.detourSeconds),
    penaltySeconds: total((p) => p.penaltySeconds),
    secondsLost: total((p) => p.secondsLost),
    pairs,
  };
}

/** "Slack ↔ Dropbox", with ids standing in for apps the catalog no longer knows. */
export function pairLabel(pair: Pick<PairFigures, 'a' | 'b'>, appInfo: (id: string) => AppInfo | undefined): string {
  return `${appInfo(pair.a)?.name ?? pair.a} \u2194 ${appInfo(pair.b)?.name ?? pair.b}`;
}

/** "Slack → Dropbox: 12, Dropbox → Slack: 9, 4 quick look-ups": the directions behind a pair. */
export function pairDetail(pair: PairFigures, appInfo: (id: string) => AppInfo | undefined): string {
  const a = appInfo(pair.a)?.name ?? pair.a;
  const b = appInfo(pair.b)?.name ?? pair.b;
  const lookups = `${formatCount(pair.detours)} ${pair.detours === 1 ? 'quick look-up' : 'quick look-ups'}`;
  return `${a} \u2192 ${b}: ${formatCount(pair.aToB)}, ${b} \u2192 ${a}: ${formatCount(pair.bToA)}, ${lookups}`;
}
