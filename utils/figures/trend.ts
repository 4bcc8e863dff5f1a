/**
 * Each pair's switches per week over the last weeks, from the history's pair-day rows: the
 * sparkline by a pair in the options page's ranking. Weeks are the seven days ending today, the
 * seven before them, and so on; day keys are calendar dates, so a daylight-saving change moves no
 * day into another week. Pure.
 */
import type { PairDayRow } from '../store/rows';
import { addDays, daysIn } from '../days';
import { pairId } from './ranking';

/** How many weeks a sparkline shows. */
export const TREND_WEEKS = 10;

/**
 * Switches (both ways) per week for every pair in `pairDays`, keyed by `pairId`, oldest week first,
 * the last one ending with `today`; a week without a switch is 0. Days after `today` or before the
 * first week are left out.
 */
export function weeklySwitches(
  pairDays: readonly Pick<PairDayRow, 'day' | 'a' | 'b' | 'aToB' | 'bToA'>[],
  today: string,
  weeks: number = TREND_WEEKS,
): Map<string, number[]> {
  const first = addDays(today, -(7 * weeks - 1));
  const trends = new Map<string, number[]>();
  for (const row of pairDays) {
    if (row.day < first || row.day > today) continue;
    const week = weeks - 1 - Math.floor((daysIn({ start: row.day, end: today }) - 1) / 7);
    const id = pairId(row.a, row.b);
    let counts = trends.get(id);
    if (!counts) trends.set(id, (counts = new Array<number>(weeks).fill(0)));
    counts[week]! += row.aToB + row.bToA;
  }
  return trends;
}

/** One pair's weeks from `weeklySwitches`: all 0 when it had no switch in them. */
export function trendOf(trends: ReadonlyMap<string, readonly number[]>, a: string, b: string, weeks = TREND_WEEKS) {
  return trends.get(pairId(a, b)) ?? new Array<number>(weeks).fill(0);
}
