/**
 * The store's reads (utils/store/reads.ts) against what the database really holds: rows written
 * through Dexie's schema, read back raw.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { DayRow, PairDayRow } from '@/utils/store/rows';
import { toBlocks } from '@/utils/store/rows';
import type { SwitchRow } from '@/utils/tracker/reducer';
import { ToggleTaxDB } from '@/utils/store/schema';
import { putPairDays } from '../helpers/database';
import { ACTIVE_DAY_MS } from '@/utils/days';
import { loadRankingData } from '@/utils/figures/ranking';
import { NOTHING_RECORDED, openReader } from '@/utils/store/reads';
import { loadRankingDataByDay } from '@/utils/figures/ranking';

const opened: Dexie[] = [];
let serial = 0;
const freshName = () => `rollup-reader-test-${++serial}`;
const dexieDb = (name: string) => {
  const db = new ToggleTaxDB(name);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const read = (name: string, start: string, end: string) => openReader(globalThis, { name: name }).range(start, end);
const pairDay = (day: string, a: string, b: string, aToB: number): PairDayRow => ({
  day,
  a,
  b,
  aToB,
  bToA: 1,
  transitMs: 1500,
  detours: 1,
  detourDwellMs: 20_000,
});
const dayRow = (day: string, attendedMs: number): DayRow => ({ day, attendedMs, switches: 3, breaks: 1 });
const databaseNames = async () => (await indexedDB.databases()).map((d) => d.name);

describe('reading the rollups', () => {
  it('reads a database that does not exist yet as nothing recorded, and does not create it', async () => {
    const name = freshName();
    expect(await read(name, '2026-03-09', '2026-03-10')).toEqual(NOTHING_RECORDED);
    expect(await databaseNames()).not.toContain(name);
    // The extension then creates it with its own schema, as if the popup had never looked.
    const db = dexieDb(name);
    await db.days.put(dayRow('2026-03-10', ACTIVE_DAY_MS));
    expect(db.tables.map((table) => table.name)).toContain('pairsByDay');
    expect((await read(name, '2026-03-10', '2026-03-10')).days).toEqual([dayRow('2026-03-10', ACTIVE_DAY_MS)]);
  });

  it('reads an empty database as nothing recorded', async () => {
    const name = freshName();
    await dexieDb(name).open();
    expect(await read(name, '2026-03-09', '2026-03-10')).toEqual(NOTHING_RECORDED);
  });

  it('reads the pairs and days of the range as the database stores them, and nothing outside it', async () => {
    const name = freshName();
    const db = dexieDb(name);
    const inRange = [
      pairDay('2026-03-09', 'dropbox', 'slack', 4),
      pairDay('2026-03-10', 'dropbox', 'slack', 2),
      pairDay('2026-03-10', 'gmail', 'slack', 7),
    ];
    await putPairDays(db, [
      pairDay('2026-03-08', 'dropbox', 'slack', 9),
      ...inRange,
      pairDay('2026-03-11', 'box', 'slack', 1),
    ]);
    await db.days.bulkPut([
      dayRow('2026-03-08', 1),
      dayRow('2026-03-09', 2 * ACTIVE_DAY_MS),
      dayRow('2026-03-10', 3),
      dayRow('2026-03-11', 4),
    ]);

    const rollups = await read(name, '2026-03-09', '2026-03-10');
    const byKey = (rows: PairDayRow[]) =>
      [...rows].sort((x, y) => `${x.day}${x.a}${x.b}`.localeCompare(`${y.day}${y.a}${y.b}`));
    expect(byKey(rollups.pairDays)).toEqual(byKey(inRange));
    expect(rollups.days).toEqual([dayRow('2026-03-09', 2 * ACTIVE_DAY_MS), dayRow('2026-03-10', 3)]);
    expect(rollups).toMatchObject({ anyDay: true, anyActiveDay: true });
  });

  it.each([
    { recorded: 'an active day', attendedMs: ACTIVE_DAY_MS, anyActiveDay: true },
    { recorded: 'a short day', attendedMs: ACTIVE_DAY_MS - 1, anyActiveDay: false },
  ])('knows about $recorded before the range (first run or still learning)', async ({ attendedMs, anyActiveDay }) => {
    const name = freshName();
    const db = dexieDb(name);
    await db.days.bulkPut([dayRow('2025-12-01', 5), dayRow('2026-01-01', attendedMs), dayRow('2026-01-02', 5)]);
    expect(await read(name, '2026-03-09', '2026-03-10')).toEqual({
      pairDays: [],
      days: [],
      anyDay: true,
      anyActiveDay,
    });
  });

  it('reads the raw switches of one day, oldest first, and none of the days around it', async () => {
    const name = freshName();
    const db = dexieDb(name);
    const switchAt = (day: string, hour: number, to: string): SwitchRow => ({
      at: new Date(`${day}T${String(hour).padStart(2, '0')}:30:00`).getTime(),
      day,
      from: 'slack',
      to,
      transitMs: 1000,
      detourDwellMs: null,
    });
    await db.switchBlocks.bulkPut(
      toBlocks([
        switchAt('2026-03-08', 23, 'box'),
        switchAt('2026-03-09', 14, 'gmail'),
        switchAt('2026-03-09', 0, 'asana'),
        switchAt('2026-03-09', 23, 'zoom'),
        switchAt('2026-03-10', 0, 'trello'),
      ]),
    );
    const reader = openReader(globalThis, { name });
    expect((await reader.switchesOn('2026-03-09')).map((s) => s.to)).toEqual(['asana', 'gmail', 'zoom']);
    expect(await reader.switchesOn('2026-03-11')).toEqual([]);
  });

  it('reads the time in apps of a range of days, and none of the days around it', async () => {
    const name = freshName();
    const db = dexieDb(name);
    const appDay = (day: string, app: string, attendedMs: number) => ({ day, app, attendedMs });
    await db.appDays.bulkPut([
      appDay('2026-03-07', 'slack', 1000),
      appDay('2026-03-08', 'gmail', 2000),
      appDay('2026-03-08', 'slack', 3000),
      appDay('2026-03-10', 'zoom', 4000),
      appDay('2026-03-11', 'slack', 5000),
    ]);
    const reader = openReader(globalThis, { name });
    expect((await reader.appDays('2026-03-08', '2026-03-10')).map((r) => r.attendedMs)).toEqual([2000, 3000, 4000]);
    expect(await reader.appDays('2026-03-12', '2026-03-20')).toEqual([]);
  });

  it('reads a database from before the stores it needs as nothing recorded, without changing it', async () => {
    const name = freshName();
    const old = new Dexie(name);
    opened.push(old);
    old.version(1).stores({ days: 'day' });
    await old.table('days').put(dayRow('2026-03-10', ACTIVE_DAY_MS));
    old.close();
    expect(await read(name, '2026-03-10', '2026-03-10')).toEqual(NOTHING_RECORDED);
    await old.open();
    expect(await old.table('days').count()).toBe(1);
  });

  it('never holds up the extension’s upgrade to a new version', async () => {
    const name = freshName();
    await dexieDb(name).days.put(dayRow('2026-03-10', ACTIVE_DAY_MS));
    opened[0]!.close();
    // Reads under way while a newer version of the extension opens its database.
    const reads = Array.from({ length: 5 }, () => read(name, '2026-03-10', '2026-03-10'));
    const next = new Dexie(name);
    opened.push(next);
    next.version(50).stores({ days: 'day', later: 'id' });
    await next.open();
    expect(next.verno).toBe(50);
    for (const result of await Promise.allSettled(reads))
      if (result.status === 'fulfilled') expect(result.value.anyDay).toBe(true);
  });

  it('gives the options ranking the same totals from the months as from the days, for a period and for all days', async () => {
    const name = freshName();
    const db = dexieDb(name);
    await putPairDays(db, [
      pairDay('2025-12-01', 'dropbox', 'slack', 4),
      pairDay('2026-03-09', 'dropbox', 'slack', 2),
      pairDay('2026-03-10', 'gmail', 'slack', 7),
    ]);
    await db.days.bulkPut([
      dayRow('2025-12-01', ACTIVE_DAY_MS),
      dayRow('2026-03-09', ACTIVE_DAY_MS),
      dayRow('2026-03-10', 1000),
    ]);
    const raw = openReader(globalThis, { name: name });
    const byPair = (totals: readonly { a: string; b: string }[]) =>
      [...totals].sort((x, y) => `${x.a}|${x.b}`.localeCompare(`${y.a}|${y.b}`));
    for (const period of ['30', '365', 'all'] as const) {
      const [byMonth, byDay] = [
        await loadRankingData(raw, '2026-03-10', period),
        await loadRankingDataByDay(raw, '2026-03-10', period),
      ];
      expect(byPair(byMonth.pairTotals)).toEqual(byPair(byDay.pairTotals));
      expect(byMonth.days).toEqual(byDay.days);
      expect(byMonth.period).toEqual(byDay.period);
    }
    const all = await loadRankingData(raw, '2026-03-10', 'all');
    expect(all.period).toEqual({ start: '2025-12-01', end: '2026-03-10' });
    expect(all.pairTotals).toContainEqual(expect.objectContaining({ a: 'dropbox', b: 'slack', aToB: 6 }));
    expect((await loadRankingData(raw, '2026-03-10', '30')).pairTotals).toContainEqual(
      expect.objectContaining({ a: 'dropbox', b: 'slack', aToB: 2 }),
    );
  });

  it('gives the ranking nothing, and creates nothing, when the database does not exist yet', async () => {
    const name = freshName();
    const data = await loadRankingData(openReader(globalThis, { name: name }), '2026-03-10', 'all');
    expect(data.pairTotals).toEqual([]);
    expect(data.period).toEqual({ start: '2026-03-10', end: '2026-03-10' });
    expect(await databaseNames()).not.toContain(name);
  });
});
