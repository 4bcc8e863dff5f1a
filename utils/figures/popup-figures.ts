/**
 * What the popup shows, from the daily rollups: the chosen period, the one before it for the
 * change, and which state to show (first run, still learning, full).
 */
import type { Assumptions } from './cost-model';
import type { Period } from '../days';
import { lastDays, previousPeriod } from '../days';
import type { AppInfo } from '../catalog/directory';
import type { Report } from './report';
import { buildReport, reportFromTotals } from './report';
import { formatChange } from './format';
import type { RangeRollups, Reader } from '../store/reads';
import type { PairCounts } from '../store/rows';
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
}

/** Fewer active days than this in the period before, and a 7- or 30-day comparison is left out. */
export const MIN_ACTIVE_DAYS_TO_COMPARE = 3;

/** What the popup reads: the rollups of both periods, and for "Today" yesterday's raw switches. */
export interface PopupRollups extends RangeRollups {
  yesterdaySwitches?: SwitchRow[];
}

export type PopupReader = Pick<Reader, 'range' | 'switchesOn'>;

/** The chosen period ending today, and the one of the same length before it. */
export function popupPeriods(today: string, period: PopupPeriod): { current: Period; previous: Period } {
  const current = lastDays(today, POPUP_PERIODS[period].days);
  return { current, previous: previousPeriod(current) };
}

/**
 * Reads what the popup needs: the rollups of both periods (two small indexed range reads, whatever
 * the length of history) and, for "Today", yesterday's raw switches (at most 24 hour blocks).
 * `reader` is the store's reader (utils/store/reads.ts), or a fake.
 */
export async function readPopupRollups(reader: PopupReader, today: string, period: PopupPeriod): Promise<PopupRollups> {
  const { current, previous } = popupPeriods(today, period);
  if (period !== 'today') return reader.range(previous.start, current.end);
  const [rollups, yesterdaySwitches] = await Promise.all([
    reader.range(previous.start, current.end),
    reader.switchesOn(previous.start),
  ]);
  return { ...rollups, yesterdaySwitches };
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
  return {
    stage: !rollups.anyDay ? 'first-run' : !rollups.anyActiveDay ? 'learning' : 'full',
    current: report(current),
    previous: report(previous),
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
  if (previous.activeDays < MIN_ACTIVE_DAYS_TO_COMPARE || current.activeDays < 1) {
    return `Too few active days in ${before} to compare`;
  }
  const change = formatChange(current.secondsLost / current.activeDays, previous.secondsLost / previous.activeDays);
  return change ? `${change} per active day vs ${before}` : `Nothing to compare with ${before}`;
}
