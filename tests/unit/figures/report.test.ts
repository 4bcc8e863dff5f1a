import { describe, expect, it } from 'vitest';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { localCalendar } from '@/utils/days';
import type { Assumptions } from '@/utils/figures/cost-model';
import { DEFAULT_ASSUMPTIONS, PRESETS } from '@/utils/figures/cost-model';
import type { DayRow, PairDayRow } from '@/utils/store/rows';
import { addDays, daysIn, lastDays, previousPeriod } from '@/utils/days';
import { buildReport, pairDetail, pairLabel } from '@/utils/figures/report';

const appInfo = createAppDirectory(APPS);
const HOUR = 3_600_000;

function pairDay(day: string, a: string, b: string, sums: Partial<PairDayRow>): PairDayRow {
  return { day, a, b, aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0, ...sums };
}
const day = (d: string, attendedMs = 2 * HOUR, breaks = 0): DayRow => ({ day: d, attendedMs, switches: 0, breaks });

describe('periods', () => {
  it.each([
    ['2026-03-10', 1, '2026-03-10', '2026-03-10'],
    ['2026-03-10', 7, '2026-03-04', '2026-03-10'],
    ['2026-03-01', 7, '2026-02-23', '2026-03-01'],
    ['2024-03-01', 2, '2024-02-29', '2024-03-01'],
    ['2026-01-03', 30, '2025-12-05', '2026-01-03'],
  ])('%s, the last %i days: %s to %s', (today, count, start, end) => {
    expect(lastDays(today, count)).toEqual({ start, end });
    expect(daysIn(lastDays(today, count))).toBe(count);
  });

  it('puts the previous period right before, with the same length', () => {
    expect(previousPeriod({ start: '2026-03-04', end: '2026-03-10' })).toEqual({
      start: '2026-02-25',
      end: '2026-03-03',
    });
    expect(previousPeriod({ start: '2026-03-10', end: '2026-03-10' })).toEqual({
      start: '2026-03-09',
      end: '2026-03-09',
    });
  });

  it('steps over daylight-saving changes a whole day at a time', () => {
    // New York moves its clocks on 8 March and 1 November 2026.
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-09', -2)).toBe('2026-03-07');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
  });

  it('takes "today" from the local calendar: a late-evening switch in New York is on the evening’s day', () => {
    // 23:30 in New York is already the next day in UTC.
    const lateEvening = Date.parse('2026-03-10T23:30:00-04:00');
    expect(new Date(lateEvening).toISOString().slice(0, 10)).toBe('2026-03-11');
    expect(localCalendar.dayOf(lateEvening)).toBe('2026-03-10');
    const rows = [
      pairDay('2026-03-10', 'dropbox', 'slack', { aToB: 3 }),
      pairDay('2026-03-11', 'dropbox', 'slack', { aToB: 5 }),
    ];
    const today = localCalendar.dayOf(lateEvening);
    const report = buildReport({
      period: lastDays(today, 1),
      pairDays: rows,
      days: [],
      assumptions: DEFAULT_ASSUMPTIONS,
      appInfo,
    });
    expect(report.switches).toBe(3);
  });

  it('counts rollups on the first and last day of a period and none outside it', () => {
    const rows = ['2026-03-03', '2026-03-04', '2026-03-10', '2026-03-11'].map((d) =>
      pairDay(d, 'dropbox', 'slack', { aToB: 1 }),
    );
    const report = buildReport({
      period: lastDays('2026-03-10', 7),
      pairDays: rows,
      days: [],
      assumptions: DEFAULT_ASSUMPTIONS,
      appInfo,
    });
    expect(report.switches).toBe(2);
  });
});

describe('report', () => {
  const rows = [
    pairDay('2026-03-09', 'dropbox', 'paychex', {
      aToB: 10,
      bToA: 12,
      transitMs: 44_000,
      detours: 8,
      detourDwellMs: 240_000,
    }),
    pairDay('2026-03-10', 'dropbox', 'paychex', {
      aToB: 6,
      bToA: 6,
      transitMs: 20_000,
      detours: 4,
      detourDwellMs: 100_000,
    }),
    pairDay('2026-03-10', 'gmail', 'slack', { aToB: 30, bToA: 28, transitMs: 30_000 }),
    pairDay('2026-03-10', 'google-docs', 'google-sheets', {
      aToB: 2,
      bToA: 1,
      transitMs: 1_000,
      detours: 1,
      detourDwellMs: 10_000,
    }),
  ];
  const days = [day('2026-03-09'), day('2026-03-10'), day('2026-03-08', 30 * 60_000, 4)];
  const report = buildReport({
    period: lastDays('2026-03-10', 7),
    pairDays: rows,
    days,
    assumptions: DEFAULT_ASSUMPTIONS,
    appInfo,
  });

  it('ranks pairs by seconds lost, not by switches', () => {
    expect(report.pairs.map((p) => `${p.a}+${p.b}`)).toEqual([
      'dropbox+paychex',
      'gmail+slack',
      'google-docs+google-sheets',
    ]);
    expect(report.pairs[1]!.switches).toBeGreaterThan(report.pairs[0]!.switches);
  });

  it('keeps measured and assumed seconds apart', () => {
    const top = report.pairs[0]!;
    expect(top).toMatchObject({ aToB: 16, bToA: 18, switches: 34, detours: 12 });
    expect(top.measuredSeconds).toBeCloseTo(64);
    // P × 34 + R × 12 + f × 340 s
    expect(top.penaltySeconds).toBeCloseTo(2 * 34 + 4 * 12);
    expect(top.detourSeconds).toBeCloseTo(0.5 * 340);
    expect(top.assumedSeconds).toBeCloseTo(2 * 34 + 4 * 12 + 170);
    expect(top.secondsLost).toBeCloseTo(64 + 68 + 48 + 170);
  });

  it('divides by active days only: an hour of browsing makes a day count', () => {
    expect(report.activeDays).toBe(2);
    const top = report.pairs[0]!;
    expect(top.switchesPerDay).toBeCloseTo(17);
    expect(top.secondsLostPerDay).toBeCloseTo(350 / 2);
    expect(top.annualHours).toBeCloseTo((175 * 230) / 3600);
    expect(top.annualCost).toBeCloseTo(((175 * 230) / 3600) * 47.2);
  });

  it('totals the period, breaks included', () => {
    expect(report.switches).toBe(34 + 58 + 3);
    expect(report.breaks).toBe(4);
    expect(report.secondsLost).toBeCloseTo(report.pairs.reduce((s, p) => s + p.secondsLost, 0));
    expect(report.measuredSeconds + report.assumedSeconds).toBeCloseTo(report.secondsLost);
  });

  it('flags two apps of one category as overlap', () => {
    expect(report.pairs.find((p) => p.a === 'google-docs')!.sameCategory).toBe(false);
    const fileStores = buildReport({
      period: lastDays('2026-03-10', 1),
      pairDays: [pairDay('2026-03-10', 'box', 'dropbox', { aToB: 1 })],
      days,
      assumptions: DEFAULT_ASSUMPTIONS,
      appInfo,
    });
    expect(fileStores.pairs[0]!.sameCategory).toBe(true);
  });

  it('re-prices the same rollups at once when an assumption changes', () => {
    const priced = (a: Assumptions) =>
      buildReport({ period: lastDays('2026-03-10', 7), pairDays: rows, days, assumptions: a, appInfo }).pairs.find(
        (p) => p.a === 'dropbox',
      )!;
    const conservative = priced({ ...DEFAULT_ASSUMPTIONS, ...PRESETS.conservative });
    const high = priced({ ...DEFAULT_ASSUMPTIONS, ...PRESETS.high });
    expect(conservative.secondsLost).toBeCloseTo(64 + 68);
    expect(high.secondsLost).toBeCloseTo(64 + 68 + 15 * 12 + 340);
    expect(conservative.measuredSeconds).toBe(high.measuredSeconds);
  });

  it('labels pairs with app names and directions', () => {
    const top = report.pairs[0]!;
    expect(pairLabel(top, appInfo)).toBe('Dropbox \u2194 Paychex Flex');
    expect(pairDetail(top, appInfo)).toBe(
      'Dropbox \u2192 Paychex Flex: 16, Paychex Flex \u2192 Dropbox: 18, 12 quick look-ups',
    );
    expect(pairLabel({ a: 'custom-gone', b: 'slack' }, appInfo)).toBe('custom-gone \u2194 Slack');
  });

  it('reproduces the worked example: 40 switches a day with 15 detours of 30 s', () => {
    // utils/figures/README.md's worked example: about 31 h a year at Default, about 13 at Conservative.
    const example = [
      pairDay('2026-03-10', 'atlassian-jira', 'slack', {
        aToB: 20,
        bToA: 20,
        transitMs: 40 * 3000,
        detours: 15,
        detourDwellMs: 15 * 30_000,
      }),
    ];
    const hours = (a: Assumptions) =>
      buildReport({
        period: lastDays('2026-03-10', 1),
        pairDays: example,
        days: [day('2026-03-10')],
        assumptions: a,
        appInfo,
      }).pairs[0]!.annualHours;
    expect(hours(DEFAULT_ASSUMPTIONS)).toBeCloseTo(31, 0);
    expect(hours({ ...DEFAULT_ASSUMPTIONS, ...PRESETS.conservative })).toBeCloseTo(12.8, 1);
    expect(hours({ ...DEFAULT_ASSUMPTIONS, ...PRESETS.high })).toBeCloseTo(55.9, 1);
  });
});
