import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { openStore } from '@/utils/store';
import type { DayRow, PairDayRow } from '@/utils/store/rows';
import { flattenPairs, pairIndex, toBlocks } from '@/utils/store/rows';
import { ToggleTaxDB } from '@/utils/store/schema';
import { putPairDays } from '../helpers/database';
import type { RankingOptions } from '@/utils/figures/ranking';
import {
  loadRankingData,
  loadRankingDataByDay,
  pairId,
  rank,
  rankingData,
  switchMatrix,
} from '@/utils/figures/ranking';
import { lastDays } from '@/utils/days';
import { initialTrackerState } from '@/utils/tracker/reducer';

const appInfo = createAppDirectory(APPS);
/** The store over the same database as `db`. */
const storeOf = (db: ToggleTaxDB) => openStore(globalThis, { name: db.name });
const HOUR = 3_600_000;
const pairDay = (day: string, a: string, b: string, aToB: number, bToA = 0): PairDayRow => ({
  day,
  a,
  b,
  aToB,
  bToA,
  transitMs: (aToB + bToA) * 1000,
  detours: 0,
  detourDwellMs: 0,
});
const active = (day: string): DayRow => ({ day, attendedMs: 2 * HOUR, switches: 0, breaks: 0 });
const none: RankingOptions = { ignoredAppIds: new Set(), seats: null, integrations: {} };

// Six pairs over two active days; Dropbox ↔ Paychex was integrated on 10 March.
const data = rankingData(
  lastDays('2026-03-10', 30),
  [
    pairDay('2026-03-09', 'dropbox', 'paychex', 30, 30),
    pairDay('2026-03-10', 'dropbox', 'paychex', 5, 5),
    pairDay('2026-03-10', 'gmail', 'slack', 20, 20),
    pairDay('2026-03-10', 'dropbox', 'slack', 10, 0),
    pairDay('2026-03-10', 'asana', 'slack', 8, 0),
    pairDay('2026-03-10', 'box', 'dropbox', 6, 0),
    pairDay('2026-03-10', 'gmail', 'google-docs', 1, 0),
  ],
  [active('2026-03-09'), active('2026-03-10')],
);

describe('ranking', () => {
  it('marks the top five candidates and numbers every pair', () => {
    const { pairs } = rank(data, DEFAULT_ASSUMPTIONS, appInfo, none);
    expect(pairs.map((p) => [p.rank, pairId(p.a, p.b), p.top])).toEqual([
      [1, 'dropbox|paychex', 1],
      [2, 'gmail|slack', 2],
      [3, 'dropbox|slack', 3],
      [4, 'asana|slack', 4],
      // Two file stores: consolidation, not integration, so no top-five place.
      [5, 'box|dropbox', null],
      [6, 'gmail|google-docs', 5],
    ]);
  });

  it('gives an integrated pair no top-five place: the next candidate moves up', () => {
    const integrations = { 'dropbox|paychex': { since: '2026-03-10' } };
    const { pairs } = rank(data, DEFAULT_ASSUMPTIONS, appInfo, { ...none, integrations });
    expect(pairs.map((p) => [pairId(p.a, p.b), p.top])).toEqual([
      ['dropbox|paychex', null],
      ['gmail|slack', 1],
      ['dropbox|slack', 2],
      ['asana|slack', 3],
      ['box|dropbox', null],
      ['gmail|google-docs', 4],
    ]);
  });

  it('leaves ignored apps out', () => {
    const { pairs } = rank(data, DEFAULT_ASSUMPTIONS, appInfo, { ...none, ignoredAppIds: new Set(['slack']) });
    expect(pairs.some((p) => p.a === 'slack' || p.b === 'slack')).toBe(false);
    expect(pairs).toHaveLength(3);
  });

  it('multiplies by seats only when seats are entered', () => {
    const alone = rank(data, DEFAULT_ASSUMPTIONS, appInfo, none).pairs[0]!;
    expect(alone.teamAnnualHours).toBeNull();
    const team = rank(data, DEFAULT_ASSUMPTIONS, appInfo, { ...none, seats: 40 }).pairs[0]!;
    expect(team.teamAnnualHours).toBeCloseTo(alone.annualHours * 40);
    expect(team.teamAnnualCost).toBeCloseTo(alone.annualCost * 40);
  });

  it('shows seconds lost per active day and hours a year before and after an integration', () => {
    const { pairs } = rank(data, DEFAULT_ASSUMPTIONS, appInfo, {
      ...none,
      integrations: { 'dropbox|paychex': { since: '2026-03-10' } },
    });
    // 60 switches of 1 s between apps and an assumed 2 s to refocus: 180 s a day, 11.5 h a year.
    expect(pairs[0]!.integration).toEqual({
      since: '2026-03-10',
      before: { activeDays: 1, switchesPerDay: 60, secondsLostPerDay: 180, annualHours: 11.5 },
      after: { activeDays: 1, switchesPerDay: 10, secondsLostPerDay: 30, annualHours: (30 * 230) / 3600 },
      tooEarly: true,
    });
    expect(pairs[1]!.integration).toBeNull();
  });

  it('marks an integration before the rows per day are read, and gives its before and after once they are', () => {
    const integrations = { 'dropbox|paychex': { since: '2026-03-10' } };
    const totalsOnly = rank({ ...data, pairDays: null, history: null }, DEFAULT_ASSUMPTIONS, appInfo, {
      ...none,
      integrations,
    });
    expect(totalsOnly.pairs[0]!.integration).toEqual({
      since: '2026-03-10',
      before: null,
      after: null,
      tooEarly: false,
    });
    expect({ ...totalsOnly.pairs[0]!, integration: null }).toEqual({
      ...rank(data, DEFAULT_ASSUMPTIONS, appInfo, none).pairs[0]!,
      top: null,
      integration: null,
    });
  });

  it('builds the switch matrix among the busiest apps', () => {
    const { pairs } = rank(data, DEFAULT_ASSUMPTIONS, appInfo, none);
    const matrix = switchMatrix(pairs, 3);
    expect(matrix.apps).toEqual(['dropbox', 'paychex', 'slack']);
    expect(matrix.counts).toEqual([
      [0, 35, 10],
      [35, 0, 0],
      [0, 0, 0],
    ]);
    expect(matrix.max).toBe(35);
  });
});

describe('ranking data and housekeeping', () => {
  const db = new ToggleTaxDB('ranking-test');
  afterEach(() => Promise.all(db.tables.map((t) => t.clear())));

  it('reads "all" from the first day recorded', async () => {
    await db.days.bulkPut([active('2025-01-05'), active('2026-03-10')]);
    await putPairDays(db, [pairDay('2025-01-05', 'dropbox', 'slack', 3), pairDay('2026-03-10', 'dropbox', 'slack', 2)]);
    const all = await loadRankingDataByDay(storeOf(db), '2026-03-10', 'all');
    expect(all.period).toEqual({ start: '2025-01-05', end: '2026-03-10' });
    expect(all.pairDays).toHaveLength(2);
    const month = await loadRankingDataByDay(storeOf(db), '2026-03-10', '30');
    expect(month.pairDays).toHaveLength(1);
    // From the monthly rollups: the same period and sums, and no rows per day.
    const allByMonth = await loadRankingData(storeOf(db), '2026-03-10', 'all');
    expect(allByMonth).toEqual({
      ...all,
      pairTotals: [expect.objectContaining({ a: 'dropbox', b: 'slack', aToB: 5 })],
      pairDays: null,
      history: undefined,
    });
    // By the day, every day is read: an integration's "before" reaches back past the period.
    expect(month.history?.pairDays).toHaveLength(2);
  });

  it('deletes raw switches past the retention and keeps the rollups', async () => {
    const row = (day: string) => ({
      at: Date.parse(`${day}T12:00:00Z`),
      day,
      from: 'dropbox',
      to: 'slack',
      transitMs: 1,
      detourDwellMs: null,
    });
    await db.switchBlocks.bulkPut(
      toBlocks([row('2025-01-01'), row('2026-02-09'), row('2026-02-10'), row('2026-03-10')]),
    );
    await putPairDays(db, [pairDay('2025-01-01', 'dropbox', 'slack', 1)]);
    // 30 days kept: today and the 29 before it, from 9 February.
    expect(await storeOf(db).deleteOldSwitches('2026-03-10', 30)).toBe(1);
    expect((await storeOf(db).switches()).map((s) => s.day)).toEqual(['2026-02-09', '2026-02-10', '2026-03-10']);
    expect((await storeOf(db).rows()).pairDays.length).toBe(1);
    expect(await storeOf(db).deleteOldSwitches('2026-03-10', null)).toBe(0);
  });

  it('deletes everything recorded', async () => {
    await db.switchBlocks.bulkPut(
      toBlocks([{ at: 1, day: '2026-03-10', from: 'a', to: 'b', transitMs: 1, detourDwellMs: null }]),
    );
    await db.days.put(active('2026-03-10'));
    await db.meta.put({ key: 'tracker', value: { any: 1 } });
    // Recorded but not yet folded: it must not come back after the delete.
    await db.journal.add({ records: [{ type: 'break', at: 2, day: '2026-03-10', from: 'a', to: 'b' }] });
    const deletedAt = Date.parse('2026-03-11T09:00:00Z');
    await storeOf(db).deleteEverything(deletedAt);
    for (const table of db.tables.filter((t) => t.name !== 'meta')) expect(await table.count(), table.name).toBe(0);
    // The tracker starts afresh from the delete: nothing before it can be recorded again.
    expect(await db.meta.toArray()).toEqual([{ key: 'tracker', value: initialTrackerState(deletedAt) }]);
  });
});

describe('database versions', () => {
  it('opens a version 1 database with its rows intact and the new table added', async () => {
    // Frozen copy of version 1's schema: never edit it, add a fixture for each new version instead.
    const v1 = new Dexie('migration-v1');
    v1.version(1).stores({
      switches: '++id, at, day',
      pairDays: '[day+a+b], day',
      appDays: '[day+app], day',
      days: 'day',
      meta: 'key',
    });
    await v1
      .table('switches')
      .add({ at: 1, day: '2026-03-10', from: 'dropbox', to: 'slack', transitMs: 500, detourDwellMs: null });
    await v1.table('pairDays').put(pairDay('2026-03-10', 'dropbox', 'slack', 1));
    await v1.table('meta').put({ key: 'tracker', value: { version: 1 } });
    v1.close();

    const db = new ToggleTaxDB('migration-v1');
    await db.open();
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.journal.count()).toBe(0);
    expect(await storeOf(db).switches()).toEqual([
      { at: 1, day: '2026-03-10', from: 'dropbox', to: 'slack', transitMs: 500, detourDwellMs: null },
    ]);
    expect((await storeOf(db).rows()).pairDays).toEqual([pairDay('2026-03-10', 'dropbox', 'slack', 1)]);
    expect(await db.meta.get('tracker')).toEqual({ key: 'tracker', value: { version: 1 } });
    await db.siteDays.put({ day: '2026-03-10', host: 'intranet.acme.test', attendedMs: 1000 });
    expect(await db.siteDays.count()).toBe(1);
    await db.delete();
  });

  it('moves version 2’s one-row-per-switch table into hour blocks, in order', async () => {
    // Frozen copy of version 2's schema.
    const v2 = new Dexie('migration-v2');
    v2.version(2).stores({
      switches: '++id, at, day',
      pairDays: '[day+a+b], day',
      appDays: '[day+app], day',
      days: 'day',
      meta: 'key',
      siteDays: '[day+host], day, host',
    });
    const t = Date.parse('2026-03-10T09:10:00-04:00');
    const rows = [0, 20, 50, 70, 24 * 60].map((minutes, i) => ({
      at: t + minutes * 60_000,
      day: minutes < 24 * 60 ? '2026-03-10' : '2026-03-11',
      from: i % 2 ? 'slack' : 'dropbox',
      to: i % 2 ? 'dropbox' : 'slack',
      transitMs: 100 * i,
      detourDwellMs: i === 1 ? 30_000 : null,
    }));
    await v2.table('switches').bulkAdd(rows);
    v2.close();

    const db = new ToggleTaxDB('migration-v2');
    await db.open();
    expect(await storeOf(db).switches()).toEqual(rows);
    // 09:10, 09:30 | 10:00, 10:20 | the next day: three blocks.
    expect(await db.switchBlocks.count()).toBe(3);
    expect(db.tables.map((table) => table.name)).not.toContain('switches');
    await db.delete();
  });

  it('keeps version 4’s pair rollups through the move to columns: same ranking, and new switches add to them', async () => {
    // Frozen copy of version 4's schema and of its `pairsByDay` rows (one object per pair).
    const v4 = new Dexie('migration-v4');
    v4.version(4).stores({
      switchBlocks: '[day+hour], day',
      pairsByDay: 'day',
      appDays: '[day+app], day',
      days: 'day',
      siteDays: '[day+host], day, host',
      meta: 'key',
    });
    const v4Row = (day: string, ...rows: PairDayRow[]) => ({ day, pairs: rows.map(({ day: _, ...pair }) => pair) });
    await v4
      .table('pairsByDay')
      .bulkPut([v4Row('2026-03-09', data.pairDays[0]!), v4Row('2026-03-10', ...data.pairDays.slice(1))]);
    await v4.table('days').bulkPut(data.days);
    v4.close();

    const db = new ToggleTaxDB('migration-v4');
    await db.open();
    await db.open();
    expect(db.verno).toBe(7);
    const migrated = await loadRankingDataByDay(storeOf(db), '2026-03-10', '30');
    // With an integration marked, so that the per-day rows are read too (switches before and after).
    const marked = { ...none, integrations: { 'dropbox|paychex': { since: '2026-03-10' } } };
    expect(rank(migrated, DEFAULT_ASSUMPTIONS, appInfo, marked)).toEqual(
      rank(data, DEFAULT_ASSUMPTIONS, appInfo, marked),
    );
    expect(rank(migrated, DEFAULT_ASSUMPTIONS, appInfo, marked).pairs[0]!.integration?.before?.switchesPerDay).toBe(60);

    // What the recorder does with a switch: count it into its pair's sums of the day's row.
    const day = (await db.pairsByDay.get('2026-03-10'))!;
    day.bToA[pairIndex(day, 'gmail', 'slack')]! += 1;
    const added = pairIndex(day, 'notion', 'slack');
    day.aToB[added]! += 1;
    day.transitMs[added]! += 700;
    await db.pairsByDay.put(day);
    const after = flattenPairs((await storeOf(db).read('2026-03-10', '2026-03-10')).pairsOfDays).map((r) => [
      r.a,
      r.b,
      r.aToB,
      r.bToA,
      r.transitMs,
    ]);
    expect(after).toContainEqual(['gmail', 'slack', 20, 21, 40_000]);
    expect(after).toContainEqual(['notion', 'slack', 1, 0, 700]);
    expect(after).toHaveLength(7);
    await db.delete();
  });
});
