/**
 * Which pairs are preliminary: seen on too few active days for their figures to be settled. The
 * evidence file and the brief mark them (utils/exchange), the options page's table too.
 */
import type { Period } from '../days';
import { ACTIVE_DAY_MS, inPeriod } from '../days';
import type { DayRow, PairDayRow } from '../store/rows';
import { pairId } from './ranking';

/** A pair seen on fewer active days than this is marked preliminary. */
export const PRELIMINARY_DAYS = 5;

/** The active days of `period`. */
export function activeDaysIn(days: readonly DayRow[], period: Period): number {
  return days.filter((d) => inPeriod(d.day, period) && d.attendedMs >= ACTIVE_DAY_MS).length;
}

/**
 * Whether each pair is preliminary, by its id (`pairId`), or null while it cannot be told. With
 * fewer active days in the period than PRELIMINARY_DAYS, every pair is (none can have been seen on
 * more); otherwise it takes the rows of each day (`pairDays`, null while not read).
 */
export function preliminaryPairs(
  period: Period,
  days: readonly DayRow[],
  pairDays: readonly PairDayRow[] | null,
): ((id: string) => boolean) | null {
  if (activeDaysIn(days, period) < PRELIMINARY_DAYS) return () => true;
  if (!pairDays) return null;
  const active = new Set(days.filter((d) => d.attendedMs >= ACTIVE_DAY_MS).map((d) => d.day));
  const seen = new Map<string, Set<string>>();
  for (const row of pairDays) {
    if (!active.has(row.day) || !inPeriod(row.day, period)) continue;
    const id = pairId(row.a, row.b);
    seen.set(id, (seen.get(id) ?? new Set()).add(row.day));
  }
  return (id) => (seen.get(id)?.size ?? 0) < PRELIMINARY_DAYS;
}
