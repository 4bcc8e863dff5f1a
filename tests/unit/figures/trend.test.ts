/** A pair's switches per week: the seven days ending today, then the seven before, ten weeks back. */
import { describe, expect, it } from 'vitest';
import { TREND_WEEKS, trendOf, weeklySwitches } from '@/utils/figures/trend';

const row = (day: string, aToB: number, bToA = 0, a = 'dropbox', b = 'slack') => ({ day, a, b, aToB, bToA });

/** The weeks of one pair, or null when it is not in the map. */
const weeks = (rows: ReturnType<typeof row>[], today: string) =>
  weeklySwitches(rows, today).get('dropbox|slack') ?? null;

/** Ten weeks with `n` in the `i`th (0 the oldest, 9 the one ending today). */
const only = (...at: [number, number][]) => {
  const counts = new Array<number>(TREND_WEEKS).fill(0);
  for (const [i, n] of at) counts[i] = n;
  return counts;
};

describe('weeklySwitches', () => {
  it.each([
    { name: 'today is in the last week', rows: [row('2026-03-20', 3)], today: '2026-03-20', want: only([9, 3]) },
    {
      name: 'six days back is the last week, seven days back the one before (a week boundary)',
      rows: [row('2026-03-14', 2), row('2026-03-13', 5)],
      today: '2026-03-20',
      want: only([9, 2], [8, 5]),
    },
    {
      name: 'both ways count, and a week without a switch is 0',
      rows: [row('2026-03-20', 1, 2), row('2026-03-01', 4, 1)],
      today: '2026-03-20',
      want: only([9, 3], [7, 5]),
    },
    {
      // US daylight saving began on 2026-03-08: the week around it is still seven days.
      name: 'a week across the spring daylight-saving change',
      rows: [row('2026-03-07', 1), row('2026-03-08', 2), row('2026-03-09', 4), row('2026-03-06', 8)],
      today: '2026-03-13',
      want: only([9, 7], [8, 8]),
    },
    {
      // US daylight saving ended on 2026-11-01, inside the last week.
      name: 'weeks across the autumn daylight-saving change',
      rows: [row('2026-11-01', 1), row('2026-10-31', 2), row('2026-10-25', 4), row('2026-10-24', 8)],
      today: '2026-11-06',
      want: only([9, 3], [8, 12]),
    },
    {
      name: 'the first day of the oldest week counts, the day before it and days after today do not',
      rows: [row('2026-01-10', 1), row('2026-01-09', 2), row('2026-03-21', 4)],
      today: '2026-03-20',
      want: only([0, 1]),
    },
    {
      name: 'a week boundary across the new year',
      rows: [row('2026-01-01', 1), row('2025-12-31', 2), row('2025-12-26', 4), row('2025-12-25', 8)],
      today: '2026-01-01',
      want: only([9, 7], [8, 8]),
    },
  ])('$name', ({ rows, today, want }) => {
    expect(weeks(rows, today)).toEqual(want);
  });

  it('keys a pair by its unordered ids, whichever way its rows are written', () => {
    const trends = weeklySwitches([row('2026-03-20', 1, 0, 'slack', 'dropbox'), row('2026-03-19', 2)], '2026-03-20');
    expect(trendOf(trends, 'slack', 'dropbox')).toEqual(only([9, 3]));
    expect(trendOf(trends, 'dropbox', 'slack')).toEqual(only([9, 3]));
  });

  it('gives ten weeks of 0 for a pair without a switch in them', () => {
    const trends = weeklySwitches([row('2025-01-01', 9)], '2026-03-20');
    expect(trends.size).toBe(0);
    expect(trendOf(trends, 'dropbox', 'slack')).toEqual(only());
  });
});
