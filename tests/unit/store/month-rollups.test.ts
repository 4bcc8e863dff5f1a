/**
 * The monthly pair rollups (`pairsByMonth`): always the sums of their days' rows of `pairsByDay`,
 * whatever writes them (folds, restores, deleting everything, retention), built from the days by
 * the upgrade to version 7, and read with the days around them to give exactly the ranking that
 * reading every day gives.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBackup, restoreBackup } from '@/utils/exchange/backup';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import type { PairCounts, PairDayRow, PairsOfDay } from '@/utils/store/rows';
import { monthReads, toPairsOfDays } from '@/utils/store/rows';
import { openReader } from '@/utils/store/reads';
import { ToggleTaxDB } from '@/utils/store/schema';
import { freshDb, putPairDays, storeOf } from '../helpers/database';
import type { RankingOptions, RankingPeriod } from '@/utils/figures/ranking';
import { loadRankingData, loadRankingDataByDay, rank } from '@/utils/figures/ranking';
import { heavyHistory } from '../../bench/history';
import { context, mulberry32, randomAttention, URL as U } from '../helpers/scenario';

const opened: Dexie[] = [];
let serial = 0;
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

type Sums = Omit<PairCounts, 'a' | 'b'>;
const zero = (): Sums => ({ aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0 });
function add(into: Map<string, Sums>, key: string, row: Sums): void {
  const sum = into.get(key) ?? zero();
  for (const field of Object.keys(sum) as (keyof Sums)[]) sum[field] += row[field];
  into.set(key, sum);
}

/** Every month row holds each pair once, with exactly the sums of that month's day rows. */
async function expectMonthsToSumTheirDays(db: ToggleTaxDB): Promise<void> {
  const fromDays = new Map<string, Sums>();
  for (const { day, a, b, ...sums } of (await storeOf(db).rows()).pairDays)
    add(fromDays, `${day.slice(0, 7)} ${a} ${b}`, sums);
  const stored = new Map<string, Sums>();
  for (const row of await db.pairsByMonth.toArray())
    for (let i = 0; i < row.a.length; i++) {
      const key = `${row.month} ${row.a[i]} ${row.b[i]}`;
      expect(stored.has(key), `${key} twice`).toBe(false);
      stored.set(key, {
        aToB: row.aToB[i]!,
        bToA: row.bToA[i]!,
        transitMs: row.transitMs[i]!,
        detours: row.detours[i]!,
        detourDwellMs: row.detourDwellMs[i]!,
      });
    }
  expect(stored).toEqual(fromDays);
}

const sorted = (totals: readonly PairCounts[]) =>
  [...totals].sort((x, y) => `${x.a} ${x.b}`.localeCompare(`${y.a} ${y.b}`));

// Frozen fixture of version 6: pair rollups by column, on days of two months.
const V6_PAIR_DAYS: PairDayRow[] = [
  {
    day: '2026-02-27',
    a: 'dropbox',
    b: 'slack',
    aToB: 3,
    bToA: 2,
    transitMs: 4_000,
    detours: 1,
    detourDwellMs: 30_000,
  },
  { day: '2026-02-27', a: 'gmail', b: 'slack', aToB: 1, bToA: 0, transitMs: 500, detours: 0, detourDwellMs: 0 },
  {
    day: '2026-03-02',
    a: 'dropbox',
    b: 'slack',
    aToB: 1,
    bToA: 4,
    transitMs: 2_500,
    detours: 2,
    detourDwellMs: 12_000,
  },
  { day: '2026-03-10', a: 'box', b: 'dropbox', aToB: 6, bToA: 0, transitMs: 9_000, detours: 0, detourDwellMs: 0 },
  { day: '2026-03-10', a: 'dropbox', b: 'slack', aToB: 2, bToA: 2, transitMs: 1_000, detours: 1, detourDwellMs: 4_000 },
];
const V6_DAYS = ['2026-02-27', '2026-03-02', '2026-03-10'].map((day) => ({
  day,
  attendedMs: 2 * 3_600_000,
  switches: 9,
  breaks: 0,
}));
const V6_TOTALS: PairCounts[] = [
  { a: 'box', b: 'dropbox', aToB: 6, bToA: 0, transitMs: 9_000, detours: 0, detourDwellMs: 0 },
  { a: 'dropbox', b: 'slack', aToB: 6, bToA: 8, transitMs: 7_500, detours: 4, detourDwellMs: 46_000 },
  { a: 'gmail', b: 'slack', aToB: 1, bToA: 0, transitMs: 500, detours: 0, detourDwellMs: 0 },
];

const URLS = [U.slack, U.dropbox, U.paychex, U.gmail, U.docs, U.sheets, U.newTab, U.search, U.news, U.sso];

describe('which rows cover a range of days', () => {
  it.each([
    { range: ['2026-03-05', '2026-03-20'], months: null, days: [['2026-03-05', '2026-03-20']] },
    { range: ['2026-03-01', '2026-03-31'], months: ['2026-03', '2026-03'], days: [] },
    { range: ['2026-02-01', '2026-02-28'], months: ['2026-02', '2026-02'], days: [] },
    { range: ['2024-02-01', '2024-02-28'], months: null, days: [['2024-02-01', '2024-02-28']] },
    { range: ['2026-02-15', '2026-03-10'], months: null, days: [['2026-02-15', '2026-03-10']] },
    {
      range: ['2026-01-31', '2026-03-01'],
      months: ['2026-02', '2026-02'],
      days: [
        ['2026-01-31', '2026-01-31'],
        ['2026-03-01', '2026-03-01'],
      ],
    },
    {
      range: ['2025-03-11', '2026-03-10'],
      months: ['2025-04', '2026-02'],
      days: [
        ['2025-03-11', '2025-03-31'],
        ['2026-03-01', '2026-03-10'],
      ],
    },
    { range: ['2025-04-01', '2026-03-31'], months: ['2025-04', '2026-03'], days: [] },
    { range: ['2025-11-15', '2026-01-31'], months: ['2025-12', '2026-01'], days: [['2025-11-15', '2025-11-30']] },
    { range: [null, '2026-03-10'], months: [null, '2026-02'], days: [['2026-03-01', '2026-03-10']] },
    { range: [null, '2026-04-30'], months: [null, '2026-04'], days: [] },
    { range: [null, '2026-01-01'], months: [null, '2025-12'], days: [['2026-01-01', '2026-01-01']] },
  ] as const)('$range.0 to $range.1', ({ range: [start, end], months, days }) => {
    expect(monthReads(start, end)).toEqual({
      months: months && { first: months[0], last: months[1] },
      days: days.map(([first, last]) => ({ first, last })),
    });
  });
});

describe('monthly rollups are the sums of their days', () => {
  it('after folds at random moments of sessions that cross midnight at the end of a month', async () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 4; trial++) {
      const db = freshDb();
      const recorder = storeOf(db);
      for (const event of randomAttention(random, URLS, 400, Date.parse('2026-03-31T23:20:00-04:00'))) {
        await recorder.record([event], context);
        if (random() < 0.05) await recorder.fold();
      }
      await recorder.fold();
      const months = await db.pairsByMonth.toCollection().primaryKeys();
      expect(months).toEqual(['2026-03', '2026-04']);
      await expectMonthsToSumTheirDays(db);
    }
  });

  it('after restores into an empty profile, into one with days of its own, and twice', async () => {
    const now = Date.parse('2026-03-10T18:00:00-04:00');
    const year = parseBackup(JSON.stringify(heavyHistory(60, now, { switchesPerDay: 40, seed: 3 })));
    const db = freshDb();
    await restoreBackup(storeOf(db), year);
    await expectMonthsToSumTheirDays(db);
    expect(await db.pairsByMonth.count()).toBe(4);

    // A profile with its own recent days (some also in the backup) and a switch still in its journal.
    const other = freshDb();
    const recorder = storeOf(other);
    for (const event of randomAttention(mulberry32(5), URLS, 300, Date.parse('2026-03-09T09:00:00-04:00')))
      await recorder.record([event], context);
    await recorder.fold();
    await restoreBackup(storeOf(other), year);
    await expectMonthsToSumTheirDays(other);
    await restoreBackup(storeOf(other), year);
    await expectMonthsToSumTheirDays(other);
  });

  it('after rollups written for whole days, again and over days already there', async () => {
    const db = freshDb();
    const day = (d: string, a: string, b: string, aToB: number): PairDayRow => ({
      day: d,
      a,
      b,
      aToB,
      bToA: 1,
      transitMs: 100,
      detours: 1,
      detourDwellMs: 5,
    });
    await putPairDays(db, [
      day('2026-02-27', 'dropbox', 'slack', 2),
      day('2026-03-01', 'dropbox', 'slack', 3),
      day('2026-03-02', 'gmail', 'slack', 4),
    ]);
    await expectMonthsToSumTheirDays(db);
    await putPairDays(db, [day('2026-03-01', 'box', 'slack', 1)]);
    await expectMonthsToSumTheirDays(db);
    expect((await db.pairsByMonth.get('2026-03'))?.a).toEqual(expect.arrayContaining(['box', 'gmail']));
  });

  it('after retention (raw switches go, rollups stay) and after deleting everything', async () => {
    const db = freshDb();
    await restoreBackup(
      storeOf(db),
      parseBackup(JSON.stringify(heavyHistory(40, Date.parse('2026-03-10T18:00:00-04:00'), { switchesPerDay: 30 }))),
    );
    const before = await db.pairsByMonth.toArray();
    expect(await storeOf(db).deleteOldSwitches('2026-03-10', 7)).toBeGreaterThan(0);
    expect(await db.pairsByMonth.toArray()).toEqual(before);
    await expectMonthsToSumTheirDays(db);
    await storeOf(db).deleteEverything(Date.now());
    expect(await db.pairsByMonth.count()).toBe(0);
    await expectMonthsToSumTheirDays(db);
  });
});

describe('ranking from months and the days around them', () => {
  const appInfo = createAppDirectory(APPS);
  const none: RankingOptions = { ignoredAppIds: new Set(), seats: null, integrations: {} };
  const ranked = (data: Parameters<typeof rank>[0]) => rank(data, DEFAULT_ASSUMPTIONS, appInfo, none);

  it.each([
    { today: '2026-03-10', why: 'inside a month' },
    { today: '2026-03-31', why: 'on the last day of a month' },
    { today: '2026-04-01', why: 'on the first day of a month' },
    { today: '2026-02-28', why: 'at the end of February' },
    { today: '2025-12-31', why: 'at the end of a year' },
  ])('gives the ranking that every day gives, today $why', async ({ today }) => {
    const db = freshDb();
    // About 16 months of weekdays, ending after today: days after it must not count.
    await restoreBackup(
      storeOf(db),
      parseBackup(
        JSON.stringify(heavyHistory(340, Date.parse('2026-04-20T18:00:00-04:00'), { switchesPerDay: 25, seed: 11 })),
      ),
    );
    const reader = openReader(globalThis, { name: db.name });
    for (const period of ['30', '90', '365', 'all'] as RankingPeriod[]) {
      const byDay = await loadRankingDataByDay(reader, today, period);
      expect(byDay.pairTotals.length).toBeGreaterThan(20);
      const byMonth = await loadRankingData(reader, today, period);
      expect(byMonth.period).toEqual(byDay.period);
      expect(byMonth.days).toEqual(byDay.days);
      expect(sorted(byMonth.pairTotals)).toEqual(sorted(byDay.pairTotals));
      expect(ranked(byMonth)).toEqual(ranked(byDay));
    }
  });

  it('reads a database from before monthly rollups by the day, without a month store', async () => {
    const name = `month-rollups-v6-${++serial}`;
    const v6 = new Dexie(name);
    opened.push(v6);
    v6.version(6).stores({
      switchBlocks: '[day+hour], day',
      pairsByDay: 'day',
      appDays: '[day+app], day',
      days: 'day',
      siteDays: '[day+host], day, host',
      meta: 'key',
      journal: '++id',
    });
    await v6.table('pairsByDay').bulkPut(toPairsOfDays(V6_PAIR_DAYS));
    await v6.table('days').bulkPut(V6_DAYS);
    v6.close();
    const data = await loadRankingData(openReader(globalThis, { name: name }), '2026-03-10', '365');
    expect(sorted(data.pairTotals)).toEqual(V6_TOTALS);
  });
});

describe('database version 7', () => {
  it('sums version 6’s days into months, and new switches add to both', async () => {
    const name = `migration-v6-${++serial}`;
    // Frozen copy of version 6's schema.
    const v6 = new Dexie(name);
    v6.version(6).stores({
      switchBlocks: '[day+hour], day',
      pairsByDay: 'day',
      appDays: '[day+app], day',
      days: 'day',
      siteDays: '[day+host], day, host',
      meta: 'key',
      journal: '++id',
    });
    const stored: PairsOfDay[] = toPairsOfDays(V6_PAIR_DAYS);
    await v6.table('pairsByDay').bulkPut(stored);
    await v6.table('days').bulkPut(V6_DAYS);
    v6.close();

    const db = freshDb(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect((await storeOf(db).rows()).pairDays).toEqual(V6_PAIR_DAYS);
    expect(await db.pairsByMonth.toCollection().primaryKeys()).toEqual(['2026-02', '2026-03']);
    await expectMonthsToSumTheirDays(db);
    const march = (await loadRankingData(storeOf(db), '2026-03-31', '30')).pairTotals;
    expect(sorted(march)).toEqual([
      { a: 'box', b: 'dropbox', aToB: 6, bToA: 0, transitMs: 9_000, detours: 0, detourDwellMs: 0 },
      { a: 'dropbox', b: 'slack', aToB: 3, bToA: 6, transitMs: 3_500, detours: 3, detourDwellMs: 16_000 },
    ]);

    const recorder = storeOf(db);
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    await recorder.record([{ type: 'attend', at: t, tabId: 1, url: U.slack }], context);
    await recorder.record([{ type: 'attend', at: t + 30_000, tabId: 2, url: U.dropbox }], context);
    await recorder.record([{ type: 'blur', at: t + 60_000 }], context);
    await recorder.fold();
    await expectMonthsToSumTheirDays(db);
    expect(sorted((await loadRankingData(storeOf(db), '2026-03-31', '30')).pairTotals)[1]).toMatchObject({
      a: 'dropbox',
      b: 'slack',
      bToA: 7,
    });
  });
});
