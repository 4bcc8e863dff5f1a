/**
 * What the popup shows, from the daily rollups: the chosen period, the one before it for the
 * change, and which state to show (first run, still learning, full).
 */
import type { Assumptions } from './cost-model';
import type { Period } from '../days';
import { lastDays, previousPeriod } from '../days';
import type { AppInfo } from '../catalog/directory';
import type { Report } from './report';
import { buildReport } from './report';
import type { RangeRollups } from '../store/reads';

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
  previous: Report;
}

/** The chosen period ending today, and the one of the same length before it. */
export function popupPeriods(today: string, period: PopupPeriod): { current: Period; previous: Period } {
  const current = lastDays(today, POPUP_PERIODS[period].days);
  return { current, previous: previousPeriod(current) };
}

/**
 * Reads what the popup needs: the rollups of both periods (two small indexed range reads, whatever
 * the length of history). `read` is the store's `range` (utils/store/reads.ts), or a fake.
 */
export function readPopupRollups(
  read: (start: string, end: string) => Promise<RangeRollups>,
  today: string,
  period: PopupPeriod,
): Promise<RangeRollups> {
  const { current, previous } = popupPeriods(today, period);
  return read(previous.start, current.end);
}

export interface PopupQuery {
  today: string;
  period: PopupPeriod;
  assumptions: Assumptions;
  appInfo: (id: string) => AppInfo | undefined;
}

/** The popup's figures from the rollups `readPopupRollups` read for the same day and period. */
export function popupData(rollups: RangeRollups, query: PopupQuery): PopupData {
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
  };
}
