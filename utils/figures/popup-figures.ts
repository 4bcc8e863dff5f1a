/**
 * What the popup shows, from the daily rollups: the chosen period, the one before it for the
 * change, and which state to show (first run, still learning, full).
 */
import type { Assumptions } from './cost-model';
import type { Period } from '../days';
import { inPeriod, lastDays, previousPeriod } from '../days';
import type { AppInfo } from '../catalog/directory';
import type { Report } from './report';
import { buildReport, pairLabel, reportFromTotals } from './report';
import { formatChange, formatCount } from './format';
import type { RangeRollups, Reader } from '../store/reads';
import type { AppDayRow, PairCounts } from '../store/rows';
import type { SwitchRow } from '../tracker/reducer';

export const POPUP_PERIODS = {
  today: { label: 'Today', days: 1, previousLabel: 'yesterday' },
  week: { label: '7 days', days: 7, previousLabel: 'the 7 days before' },
  month: { label: '30 days', days: 30, previousLabel: 'the 30 days before' },
} as const;

export type PopupPeriod = keyof typeof POPUP_PERIODS;

export type PopupStage =
  /** Nothing recorded yet: say what Toggle Tax does. */
  | 'first-run'
  /** Browsing recorded, but no active day yet: per-day figures would mislead. */
  | 'learning'
  | 'full';

export interface PopupData {
  stage: PopupStage;
  current: Report;
  /** The whole period before. */
  previous: Report;
  /** Today only: yesterday up to the same time of day, from its raw switches; null when not read. */
  yesterdaySoFar: Report | null;
  /** Seconds attended in apps in the chosen period (landed visits, from the time by app and day). */
  secondsInApps: number;
  /** 7 and 30 days: the last 7 days and the 7 before, for the line on what changed this week; null for today. */
  week: { current: Report; previous: Report } | null;
}

/** Fewer active days than this in the period before, and a 7- or 30-day comparison is left out. */
export const MIN_ACTIVE_DAYS_TO_COMPARE = 3;

/**
 * What the popup reads: the rollups of both periods, the time by app and day of the chosen one, and
 * for "Today" yesterday's raw switches.
 */
export interface PopupRollups extends RangeRollups {
  yesterdaySwitches?: SwitchRow[];
  appDays?: AppDayRow[];
}

export type PopupReader = Pick<Reader, 'range' | 'switchesOn' | 'appDays'>;

/** The chosen period ending today, and the one of the same length before it. */
export function popupPeriods(today: string, period: PopupPeriod): { current: Period; previous: Period } {
  const current = lastDays(today, POPUP_PERIODS[period].days);
  return { current, previous: previousPeriod(current) };
}

/**
 * Reads what the popup needs: the rollups of both periods (two small indexed range reads, whatever
 * the length of history), the time by app and day of the chosen period (one range read) and, for
 * "Today", yesterday's raw switches (at most 24 hour blocks).
 * `reader` is the store's reader (utils/store/reads.ts), or a fake.
 */
export async function readPopupRollups(reader: PopupReader, today: string, period: PopupPeriod): Promise<PopupRollups> {
  const { current, previous } = popupPeriods(today, period);
  const [rollups, appDays, yesterdaySwitches] = await Promise.all([
    reader.range(previous.start, current.end),
    reader.appDays(current.start, current.end),
    period === 'today' ? reader.switchesOn(previous.start) : undefined,
  ]);
  return yesterdaySwitches ? { ...rollups, appDays, yesterdaySwitches } : { ...rollups, appDays };
}

export interface PopupQuery {
  today: string;
  period: PopupPeriod;
  assumptions: Assumptions;
  appInfo: (id: string) => AppInfo | undefined;
  /** The moment the figures are for (ms): yesterday is compared up to the same time of day. */
  now: number;
}

/** The popup's figures from the rollups `readPopupRollups` read for the same day and period. */
export function popupData(rollups: PopupRollups, query: PopupQuery): PopupData {
  const { current, previous } = popupPeriods(query.today, query.period);
  const report = (period: Period) =>
    buildReport({
      period,
      pairDays: rollups.pairDays,
      days: rollups.days,
      assumptions: query.assumptions,
      appInfo: query.appInfo,
    });
  const currentReport = report(current);
  const previousReport = report(previous);
  const lastWeek = popupPeriods(query.today, 'week');
  return {
    stage: !rollups.anyDay ? 'first-run' : !rollups.anyActiveDay ? 'learning' : 'full',
    current: currentReport,
    previous: previousReport,
    secondsInApps:
      (rollups.appDays ?? []).reduce((ms, row) => ms + (inPeriod(row.day, current) ? row.attendedMs : 0), 0) / 1000,
    week:
      query.period === 'today'
        ? null
        : query.period === 'week'
          ? { current: currentReport, previous: previousReport }
          : { current: report(lastWeek.current), previous: report(lastWeek.previous) },
    yesterdaySoFar:
      query.period === 'today' && rollups.yesterdaySwitches
        ? reportFromTotals({
            period: previous,
            pairTotals: sumSwitches(rollups.yesterdaySwitches.filter((s) => s.at <= sameTimeYesterday(query.now))),
            days: [],
            assumptions: query.assumptions,
            appInfo: query.appInfo,
          })
        : null,
  };
}

/** The same local clock time on the day before `now` (Date keeps it across daylight-saving changes). */
export function sameTimeYesterday(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() - 1);
  return d.getTime();
}

/** Raw switches summed by unordered pair, as the rollups sum them. */
function sumSwitches(switches: readonly SwitchRow[]): PairCounts[] {
  const pairs = new Map<string, PairCounts>();
  for (const s of switches) {
    const [a, b] = s.from < s.to ? [s.from, s.to] : [s.to, s.from];
    let pair = pairs.get(`${a} ${b}`);
    if (!pair) pairs.set(`${a} ${b}`, (pair = { a, b, aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0 }));
    if (s.from === a) pair.aToB += 1;
    else pair.bToA += 1;
    pair.transitMs += s.transitMs;
    if (s.detourDwellMs !== null) {
      pair.detours += 1;
      pair.detourDwellMs += s.detourDwellMs;
    }
  }
  return [...pairs.values()];
}

/**
 * The comparison line under the headline, or why there is none. Today is compared with yesterday up
 * to the same time of day (a partial day against a whole one says nothing); 7 and 30 days compare
 * time lost per active day, and only when the period before had enough active days; nothing while
 * paused, since a paused period records nothing.
 */
export function describeComparison(data: PopupData, period: PopupPeriod, paused: boolean): string {
  const before = POPUP_PERIODS[period].previousLabel;
  if (paused) return 'No comparison while paused';
  if (period === 'today') {
    const earlier = data.yesterdaySoFar;
    const change = earlier && earlier.switches > 0 && formatChange(data.current.secondsLost, earlier.secondsLost);
    return change ? `${change} vs yesterday by this time` : 'Nothing to compare with yesterday by this time';
  }
  const { current, previous } = data;
  if (!enoughToCompare(current, previous)) return `Too few active days in ${before} to compare`;
  const change = formatChange(current.secondsLost / current.activeDays, previous.secondsLost / previous.activeDays);
  return change ? `${change} per active day vs ${before}` : `Nothing to compare with ${before}`;
}

/** Whether two periods have enough active days to compare: some in the later, a few in the earlier. */
function enoughToCompare(current: Pick<Report, 'activeDays'>, previous: Pick<Report, 'activeDays'>): boolean {
  return previous.activeDays >= MIN_ACTIVE_DAYS_TO_COMPARE && current.activeDays >= 1;
}

/** A pair's switches in a period: `a` < `b`, as in the reports. */
export interface PairSwitches {
  a: string;
  b: string;
  switches: number;
}

/** How a pair's switches changed from one period to the next: positive if it rose. */
export interface PairChange {
  a: string;
  b: string;
  change: number;
}

/**
 * The pair whose switches changed most between two periods (a pair missing from one had none
 * there), or null when none changed. Equal changes: a rise before a fall, then by app ids.
 */
export function mostChangedPair(
  current: readonly PairSwitches[],
  previous: readonly PairSwitches[],
): PairChange | null {
  const changes = new Map<string, PairChange>();
  const add = ({ a, b, switches }: PairSwitches, sign: number) => {
    let pair = changes.get(`${a} ${b}`);
    if (!pair) changes.set(`${a} ${b}`, (pair = { a, b, change: 0 }));
    pair.change += sign * switches;
  };
  for (const pair of current) add(pair, 1);
  for (const pair of previous) add(pair, -1);
  const ranked = [...changes.values()]
    .filter((pair) => pair.change !== 0)
    .sort(
      (x, y) =>
        Math.abs(y.change) - Math.abs(x.change) ||
        y.change - x.change ||
        (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0),
    );
  return ranked[0] ?? null;
}

/**
 * The line on what changed this week for 7 and 30 days: the pair whose switches rose or fell most
 * from the 7 days before to the last 7, e.g. "This week: Dropbox ↔ Paychex Flex rose most (+12
 * switches)". Null for today, while paused, when nothing changed, or when the 7 days before had too
 * few active days (the comparison line's rule).
 */
export function describeWeekChange(
  data: PopupData,
  paused: boolean,
  appInfo: (id: string) => AppInfo | undefined,
): string | null {
  if (paused || !data.week || !enoughToCompare(data.week.current, data.week.previous)) return null;
  const most = mostChangedPair(data.week.current.pairs, data.week.previous.pairs);
  if (!most) return null;
  const count = Math.abs(most.change);
  const sign = most.change > 0 ? '+' : '\u2212';
  const switches = `${sign}${formatCount(count)} ${count === 1 ? 'switch' : 'switches'}`;
  return `This week: ${pairLabel(most, appInfo)} ${most.change > 0 ? 'rose' : 'fell'} most (${switches})`;
}
