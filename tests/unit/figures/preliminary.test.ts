/** Which pairs are preliminary: seen on fewer than PRELIMINARY_DAYS active days of the period. */
import { describe, expect, it } from 'vitest';
import { PRELIMINARY_DAYS as IN_EVIDENCE } from '@/utils/exchange/evidence';
import { activeDaysIn, PRELIMINARY_DAYS, preliminaryPairs } from '@/utils/figures/preliminary';
import type { DayRow, PairDayRow } from '@/utils/store/rows';

const HOUR = 3_600_000;
const period = { start: '2026-03-01', end: '2026-03-31' };
const day = (n: number, attendedMs = 2 * HOUR): DayRow => ({
  day: `2026-03-${String(n).padStart(2, '0')}`,
  attendedMs,
  switches: 1,
  breaks: 0,
});
const seen = (n: number, a: string, b: string): PairDayRow => ({
  day: day(n).day,
  a,
  b,
  aToB: 1,
  bToA: 0,
  transitMs: 1000,
  detours: 0,
  detourDwellMs: 0,
});

describe('preliminaryPairs', () => {
  it('is the evidence file’s threshold', () => {
    expect(IN_EVIDENCE).toBe(PRELIMINARY_DAYS);
  });

  it('marks every pair while the period has fewer active days than the threshold, without the day rows', () => {
    const days = [day(1), day(2), day(3), day(4), day(5, HOUR / 2)];
    expect(activeDaysIn(days, period)).toBe(4);
    expect(preliminaryPairs(period, days, null)?.('dropbox|slack')).toBe(true);
  });

  it('cannot tell without the day rows once there are enough active days', () => {
    const days = [1, 2, 3, 4, 5, 6].map((n) => day(n));
    expect(preliminaryPairs(period, days, null)).toBeNull();
  });

  it('counts each pair’s active days in the period, and no other day', () => {
    const days = [...[1, 2, 3, 4, 5, 6].map((n) => day(n)), day(7, HOUR / 2)];
    const rows = [
      ...[1, 2, 3, 4, 5].map((n) => seen(n, 'dropbox', 'slack')),
      // Four active days, one idle day: still preliminary.
      ...[1, 2, 3, 4, 7].map((n) => seen(n, 'gmail', 'slack')),
      // Before the period.
      { ...seen(1, 'asana', 'slack'), day: '2026-02-27' },
    ];
    const preliminary = preliminaryPairs(period, days, rows)!;
    expect(preliminary('dropbox|slack')).toBe(false);
    expect(preliminary('gmail|slack')).toBe(true);
    expect(preliminary('asana|slack')).toBe(true);
  });
});
