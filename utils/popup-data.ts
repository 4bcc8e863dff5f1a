/**
 * What the popup shows, read from the daily rollups: the chosen period, the one before it for the
 * change, and which state to show (first run, still learning, full).
 */
import type { Assumptions } from './cost-model';
import type { ToggleTaxDB } from './db';
import { readPairDays } from './db';
import type { AppInfo, Period, Report } from './report';
import { ACTIVE_DAY_MS, buildReport, lastDays, previousPeriod } from './report';

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

export interface PopupQuery {
  today: string;
  period: PopupPeriod;
  assumptions: Assumptions;
  appInfo: (id: string) => AppInfo | undefined;
}

export async function loadPopupData(db: ToggleTaxDB, query: PopupQuery): Promise<PopupData> {
  const current: Period = lastDays(query.today, POPUP_PERIODS[query.period].days);
  const previous = previousPeriod(current);
  // Two small indexed range reads: rollup rows of both periods, whatever the length of history.
  const [pairDays, days, anyActiveDay, anyDay] = await Promise.all([
    readPairDays(db, previous.start, current.end),
    db.days.where('day').between(previous.start, current.end, true, true).toArray(),
    db.days.filter((d) => d.attendedMs >= ACTIVE_DAY_MS).first(),
    db.days.limit(1).first(),
  ]);
  const report = (period: Period) =>
    buildReport({ period, pairDays, days, assumptions: query.assumptions, appInfo: query.appInfo });
  return {
    stage: !anyDay ? 'first-run' : !anyActiveDay ? 'learning' : 'full',
    current: report(current),
    previous: report(previous),
  };
}
