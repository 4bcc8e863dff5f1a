/** The popup's line on what changed this week: which pair rose or fell most, and when it is left out. */
import { describe, expect, it } from 'vitest';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import type { PairSwitches, PopupPeriod } from '@/utils/figures/popup-figures';
import { describeWeekChange, mostChangedPair, popupData } from '@/utils/figures/popup-figures';
import type { DayRow, PairDayRow } from '@/utils/store/rows';

const appInfo = createAppDirectory(APPS);
const HOUR = 3_600_000;
const TODAY = '2026-03-10';

const pair = (a: string, b: string, switches: number): PairSwitches => ({ a, b, switches });

describe('mostChangedPair', () => {
  it.each([
    {
      case: 'a rise',
      current: [pair('dropbox', 'paychex', 18)],
      previous: [pair('dropbox', 'paychex', 6)],
      expected: { a: 'dropbox', b: 'paychex', change: 12 },
    },
    {
      case: 'a fall larger than a rise',
      current: [pair('dropbox', 'paychex', 9), pair('gmail', 'slack', 2)],
      previous: [pair('dropbox', 'paychex', 6), pair('gmail', 'slack', 9)],
      expected: { a: 'gmail', b: 'slack', change: -7 },
    },
    {
      case: 'a pair new this week',
      current: [pair('asana', 'zoom', 5), pair('gmail', 'slack', 4)],
      previous: [pair('gmail', 'slack', 3)],
      expected: { a: 'asana', b: 'zoom', change: 5 },
    },
    {
      case: 'a pair gone this week',
      current: [pair('gmail', 'slack', 4)],
      previous: [pair('asana', 'zoom', 5), pair('gmail', 'slack', 3)],
      expected: { a: 'asana', b: 'zoom', change: -5 },
    },
    {
      case: 'a rise and a fall as large: the rise',
      current: [pair('asana', 'zoom', 1), pair('gmail', 'slack', 7)],
      previous: [pair('asana', 'zoom', 5), pair('gmail', 'slack', 3)],
      expected: { a: 'gmail', b: 'slack', change: 4 },
    },
    {
      case: 'two rises as large: by app ids',
      current: [pair('gmail', 'slack', 4), pair('box', 'zoom', 4)],
      previous: [],
      expected: { a: 'box', b: 'zoom', change: 4 },
    },
    {
      case: 'nothing changed',
      current: [pair('gmail', 'slack', 4)],
      previous: [pair('gmail', 'slack', 4)],
      expected: null,
    },
    { case: 'no switches either week', current: [], previous: [], expected: null },
  ])('$case', ({ current, previous, expected }) => {
    expect(mostChangedPair(current, previous)).toEqual(expected);
  });
});

describe('describeWeekChange', () => {
  const pairDay = (day: string, a: string, b: string, switches: number): PairDayRow => ({
    day,
    a,
    b,
    aToB: switches,
    bToA: 0,
    transitMs: 0,
    detours: 0,
    detourDwellMs: 0,
  });
  const dayRow = (day: string, attendedMs = 2 * HOUR): DayRow => ({ day, attendedMs, switches: 0, breaks: 0 });
  // The last 7 days are 4 to 10 March; the 7 before, 25 February to 3 March.
  const EARLIER = ['2026-02-25', '2026-02-27', '2026-03-01', '2026-03-03'];

  interface Case {
    period?: PopupPeriod;
    earlierActiveDays?: number;
    laterActiveDays?: number;
    paused?: boolean;
    /** Dropbox ↔ Paychex Flex switches in the last 7 days, and in the 7 before. */
    thisWeek?: number;
    before?: number;
  }

  function line({
    period = 'week',
    earlierActiveDays = 3,
    laterActiveDays = 1,
    paused = false,
    thisWeek = 13,
    before = 1,
  }: Case) {
    const data = popupData(
      {
        pairDays: [
          pairDay('2026-03-06', 'dropbox', 'paychex', thisWeek),
          pairDay('2026-03-03', 'dropbox', 'paychex', before),
          // Before the 7 days before: not compared, also for 30 days.
          pairDay('2026-02-20', 'dropbox', 'paychex', 40),
        ],
        days: [
          ...EARLIER.slice(0, earlierActiveDays).map((d) => dayRow(d)),
          ...['2026-03-06', '2026-03-07'].slice(0, laterActiveDays).map((d) => dayRow(d)),
          // A short day is not an active day.
          dayRow('2026-03-02', HOUR / 2),
        ],
        anyDay: true,
        anyActiveDay: true,
      },
      { today: TODAY, period, assumptions: DEFAULT_ASSUMPTIONS, appInfo, now: Date.now() },
    );
    return describeWeekChange(data, paused, appInfo);
  }

  it.each([
    {
      case: '7 days: a rise',
      options: {},
      expected: 'This week: Dropbox \u2194 Paychex Flex rose most (+12 switches)',
    },
    {
      case: '7 days: a fall of one switch',
      options: { thisWeek: 2, before: 3 },
      expected: 'This week: Dropbox \u2194 Paychex Flex fell most (\u22121 switch)',
    },
    {
      case: 'large counts are grouped',
      options: { thisWeek: 1_501 },
      expected: 'This week: Dropbox \u2194 Paychex Flex rose most (+1,500 switches)',
    },
    {
      case: '30 days: the last 7 days against the 7 before',
      options: { period: 'month' as const },
      expected: 'This week: Dropbox \u2194 Paychex Flex rose most (+12 switches)',
    },
    { case: 'the week before had 2 active days', options: { earlierActiveDays: 2 }, expected: null },
    { case: 'no active day this week', options: { laterActiveDays: 0 }, expected: null },
    { case: 'today', options: { period: 'today' as const }, expected: null },
    { case: 'paused', options: { paused: true }, expected: null },
    { case: 'nothing changed', options: { thisWeek: 1 }, expected: null },
  ])('$case', ({ options, expected }) => {
    expect(line(options)).toBe(expected);
  });
});
