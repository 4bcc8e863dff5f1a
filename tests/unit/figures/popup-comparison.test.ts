/** The popup's comparison line: what is compared with what, and when it is left out. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import type { PopupPeriod, PopupRollups } from '@/utils/figures/popup-figures';
import { describeComparison, popupData, sameTimeYesterday } from '@/utils/figures/popup-figures';
import type { DayRow, PairDayRow } from '@/utils/store/rows';
import type { SwitchRow } from '@/utils/tracker/reducer';

const appInfo = createAppDirectory(APPS);
const HOUR = 3_600_000;
const TODAY = '2026-03-10';

const pairDay = (day: string, transitMs: number, switches = 1): PairDayRow => ({
  day,
  a: 'gmail',
  b: 'slack',
  aToB: switches,
  bToA: 0,
  transitMs,
  detours: 0,
  detourDwellMs: 0,
});
const dayRow = (day: string, attendedMs = 3 * HOUR): DayRow => ({ day, attendedMs, switches: 1, breaks: 0 });
const switchAt = (local: string, transitMs: number): SwitchRow => ({
  at: new Date(local).getTime(),
  day: local.slice(0, 10),
  from: 'gmail',
  to: 'slack',
  transitMs,
  detourDwellMs: null,
});

function comparison(rollups: Partial<PopupRollups>, period: PopupPeriod, paused = false): string {
  const data = popupData(
    { pairDays: [], days: [], anyDay: true, anyActiveDay: true, ...rollups },
    { today: TODAY, period, assumptions: DEFAULT_ASSUMPTIONS, appInfo, now: Date.now() },
  );
  return describeComparison(data, period, paused);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${TODAY}T15:00:00`) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('today against yesterday', () => {
  // Today 18 s + 2 s refocus = 20 s.
  const today = [pairDay(TODAY, 18_000), pairDay('2026-03-09', 600_000, 5)];

  it('compares only what yesterday held by the same time of day', () => {
    const yesterday = [switchAt('2026-03-09T09:00:00', 8_000), switchAt('2026-03-09T15:00:01', 500_000)];
    // Yesterday by 3 PM: 8 s + 2 s = 10 s, not its whole day (which would read "−96%").
    expect(comparison({ pairDays: today, yesterdaySwitches: yesterday }, 'today')).toBe(
      '+100% vs yesterday by this time',
    );
  });

  it('moves with the clock: later in the day, more of yesterday counts', () => {
    vi.setSystemTime(new Date(`${TODAY}T21:00:00`));
    const yesterday = [switchAt('2026-03-09T09:00:00', 8_000), switchAt('2026-03-09T20:00:00', 28_000)];
    // Yesterday by 9 PM: 10 s + 30 s = 40 s.
    expect(comparison({ pairDays: today, yesterdaySwitches: yesterday }, 'today')).toBe(
      '\u221250% vs yesterday by this time',
    );
  });

  it('is left out when yesterday had nothing by this time', () => {
    const yesterday = [switchAt('2026-03-09T18:00:00', 8_000)];
    expect(comparison({ pairDays: today, yesterdaySwitches: yesterday }, 'today')).toBe(
      'Nothing to compare with yesterday by this time',
    );
    expect(comparison({ pairDays: today }, 'today')).toBe('Nothing to compare with yesterday by this time');
  });

  it('is left out while paused, rather than reading −100%', () => {
    const yesterday = [switchAt('2026-03-09T09:00:00', 8_000)];
    expect(comparison({ yesterdaySwitches: yesterday }, 'today', true)).toBe('No comparison while paused');
  });

  it('finds the same clock time across a daylight-saving change (a 23-hour day under TZ=America/New_York)', () => {
    const now = new Date(2026, 2, 8, 15, 0).getTime();
    const before = new Date(sameTimeYesterday(now));
    expect([before.getDate(), before.getHours(), before.getMinutes()]).toEqual([7, 15, 0]);
  });
});

describe('7 and 30 days against the period before', () => {
  it('is left out when the period before held under 3 active days (no "+2024%")', () => {
    const rollups = {
      pairDays: [pairDay('2026-02-01', 1_000), pairDay(TODAY, 2_000_000)],
      days: [dayRow('2026-02-01'), dayRow(TODAY)],
    };
    expect(comparison(rollups, 'month')).toBe('Too few active days in the 30 days before to compare');
  });

  it('compares time lost per active day once the period before has 3', () => {
    const before = ['2026-03-01', '2026-03-02', '2026-03-03'];
    const rollups = {
      // Before: 3 days of 8 s + 2 s = 10 s a day. Now: one day of 18 s + 2 s = 20 s.
      pairDays: [...before.map((d) => pairDay(d, 8_000)), pairDay(TODAY, 18_000)],
      days: [...before.map((d) => dayRow(d)), dayRow(TODAY)],
    };
    expect(comparison(rollups, 'week')).toBe('+100% per active day vs the 7 days before');
    // An inactive day before does not count towards the 3.
    rollups.days[0] = dayRow(before[0]!, 10 * 60_000);
    expect(comparison(rollups, 'week')).toBe('Too few active days in the 7 days before to compare');
  });
});
