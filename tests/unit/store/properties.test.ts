/**
 * Whatever happens to the store, in whatever order (recording, folds, a worker stopped with records
 * still in its journal, retention, restores, imports, deleting everything), what it keeps stays
 * consistent: months are the sums of their days, a day's totals are its switches wherever they are
 * kept, no count is negative, and restoring a backup a second time changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { localCalendar } from '@/utils/days';
import type { BackupFile } from '@/utils/exchange/backup';
import { createBackup, restoreBackup } from '@/utils/exchange/backup';
import { importFiles } from '@/utils/exchange/import-files';
import type { Store } from '@/utils/store';
import { openStore } from '@/utils/store';
import type { PairColumns } from '@/utils/store/rows';
import { pairKey } from '@/utils/store/journal';
import type { ToggleTaxDB } from '@/utils/store/schema';
import { freshDb } from '../helpers/database';
import { context, mulberry32, randomAttention, URL as U } from '../helpers/scenario';

const URLS = [U.slack, U.dropbox, U.paychex, U.gmail, U.docs, U.sheets, U.newTab, U.search, U.news, U.sso];
const START = Date.parse('2026-03-28T08:00:00-04:00');

type Sums = { aToB: number; bToA: number; transitMs: number; detours: number; detourDwellMs: number };
const zero = (): Sums => ({ aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0 });
const add = (into: Map<string, Sums>, key: string, sums: Sums) => {
  const total = into.get(key) ?? zero();
  for (const field of Object.keys(total) as (keyof Sums)[]) total[field] += sums[field];
  into.set(key, total);
};
const columns = (row: PairColumns, prefix: string, into: Map<string, Sums>) => {
  for (let i = 0; i < row.a.length; i++)
    add(into, `${prefix} ${row.a[i]} ${row.b[i]}`, {
      aToB: row.aToB[i]!,
      bToA: row.bToA[i]!,
      transitMs: row.transitMs[i]!,
      detours: row.detours[i]!,
      detourDwellMs: row.detourDwellMs[i]!,
    });
};

/** Every store as it is, to compare before and after. */
async function everything(db: ToggleTaxDB) {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

async function expectConsistent(db: ToggleTaxDB, step: string) {
  const [months, pairDays, days, blocks, apps] = await Promise.all([
    db.pairsByMonth.toArray(),
    db.pairsByDay.toArray(),
    db.days.toArray(),
    db.switchBlocks.toArray(),
    db.appDays.toArray(),
  ]);
  // Months are the sums of their days.
  const fromDays = new Map<string, Sums>();
  for (const row of pairDays) columns(row, row.day.slice(0, 7), fromDays);
  const stored = new Map<string, Sums>();
  for (const row of months) columns(row, row.month, stored);
  expect(stored, `${step}: months`).toEqual(fromDays);

  // A day's totals are its switches where they are kept, and its pair totals everywhere.
  const byDay = new Map<string, Sums>();
  const rawCount = new Map<string, number>();
  for (const block of blocks)
    block.at.forEach((_, i) => {
      const { a, b, forward } = pairKey(block.from[i]!, block.to[i]!);
      const dwell = block.detourDwellMs[i]!;
      add(byDay, `${block.day} ${a} ${b}`, {
        aToB: forward ? 1 : 0,
        bToA: forward ? 0 : 1,
        transitMs: block.transitMs[i]!,
        detours: dwell === null ? 0 : 1,
        detourDwellMs: dwell ?? 0,
      });
      rawCount.set(block.day, (rawCount.get(block.day) ?? 0) + 1);
    });
  const pairsOfDay = new Map<string, Sums>();
  for (const row of pairDays) columns(row, row.day, pairsOfDay);
  for (const day of days) {
    const pairs = [...pairsOfDay].filter(([key]) => key.startsWith(`${day.day} `));
    expect(
      pairs.reduce((n, [, s]) => n + s.aToB + s.bToA, 0),
      `${step}: ${day.day}'s switches`,
    ).toBe(day.switches);
    if (rawCount.has(day.day)) {
      expect(rawCount.get(day.day), `${step}: ${day.day}'s raw switches`).toBe(day.switches);
      for (const [key, sums] of pairs) expect(byDay.get(key), `${step}: ${key}`).toEqual(sums);
    }
  }
  // Nothing negative.
  for (const sums of [...stored.values(), ...pairsOfDay.values()])
    for (const value of Object.values(sums)) expect(value, step).toBeGreaterThanOrEqual(0);
  for (const day of days)
    for (const value of [day.attendedMs, day.switches, day.breaks]) expect(value, step).toBeGreaterThanOrEqual(0);
  for (const app of apps) expect(app.attendedMs, step).toBeGreaterThanOrEqual(0);
}

/** Each day's switch count once `backup` is restored into `db`, as the merge rules say. */
async function countsAfterRestore(db: ToggleTaxDB, backup: BackupFile): Promise<Map<string, number>> {
  const here = new Map((await db.days.toArray()).map((d) => [d.day, d.switches]));
  const raw = new Map<string, Set<string>>();
  for (const block of await db.switchBlocks.toArray())
    block.at.forEach((at, i) => {
      const ids = raw.get(block.day) ?? new Set<string>();
      raw.set(block.day, ids.add(`${at}|${block.from[i]}|${block.to[i]}`));
    });
  const theirs = new Map<string, Set<string>>();
  for (const [at, day, from, to] of backup.switches)
    theirs.set(day, (theirs.get(day) ?? new Set<string>()).add(`${at}|${from}|${to}`));
  const counts = new Map(here);
  for (const day of backup.days) {
    const count = here.get(day.day);
    if (count === undefined) counts.set(day.day, day.switches);
    else if ((raw.get(day.day)?.size ?? 0) === count)
      counts.set(day.day, new Set([...(raw.get(day.day) ?? []), ...(theirs.get(day.day) ?? [])]).size);
  }
  return counts;
}

describe('the store under any sequence of operations', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('stays consistent, seed %i', async (seed) => {
    const random = mulberry32(seed);
    const db = freshDb();
    let store: Store = openStore(globalThis, { name: db.name, announce: () => {} });
    // About six days of browsing, a few hours each: retention has days to delete.
    const events = Array.from({ length: 6 }, (_, d) =>
      randomAttention(random, URLS, 300, START + d * 86_400_000),
    ).flat();
    const backups: BackupFile[] = [];
    let next = 0;
    let now = START;
    const log: string[] = [];

    for (let step = 0; step < 60; step++) {
      const r = random();
      if (r < 0.45 && next < events.length) {
        // Record a batch, as a worker does.
        const count = 1 + Math.floor(random() * 60);
        for (const event of events.slice(next, next + count)) await store.record([event], context);
        next = Math.min(events.length, next + count);
        now = events[next - 1]!.at;
        log.push(`record ${count}`);
      } else if (r < 0.55) {
        await store.fold();
        log.push('fold');
      } else if (r < 0.62) {
        // The worker stopped: a new one, with a connection of its own, and the journal left as it is.
        store = openStore(globalThis, { name: db.name, announce: () => {} });
        log.push('worker stopped');
      } else if (r < 0.72) {
        const keep = 1 + Math.floor(random() * 4);
        await store.deleteOldSwitches(localCalendar.dayOf(now), keep);
        log.push(`retention ${keep}`);
      } else if (r < 0.82) {
        backups.push(await createBackup(store, {}, 'test', new Date(now)));
        log.push('backup');
      } else if (r < 0.92 && backups.length) {
        const backup = backups[Math.floor(random() * backups.length)]!;
        const expected = await countsAfterRestore(db, backup);
        if (random() < 0.5) {
          await restoreBackup(store, backup);
          log.push('restore');
        } else {
          const text = JSON.stringify(backup);
          const [message] = await importFiles([{ name: 'backup.json', size: text.length, text: async () => text }], {
            store,
            restoreSettings: async () => [],
            teamFiles: [],
            saveTeamFiles: async () => {},
          });
          expect(message?.ok, `${log.join(', ')}: ${message?.text}`).toBe(true);
          log.push('import');
        }
        // Each switch counted once: the union of both sides' switches, or what is here where
        // retention left only totals.
        expect(new Map((await db.days.toArray()).map((d) => [d.day, d.switches])), log.join(', ')).toEqual(expected);
        // A second restore of the same backup changes nothing.
        const stored = await everything(db);
        await restoreBackup(store, backup);
        expect(await everything(db), `${log.join(', ')}, restore again`).toEqual(stored);
      } else if (r < 0.95) {
        await store.deleteEverything(now);
        log.push('delete everything');
      } else continue;
      await expectConsistent(db, log.join(', '));
    }
  });
});

describe('restoring after retention', () => {
  it('adds nothing again for days whose switches retention deleted, however often and in whatever order', async () => {
    const db = freshDb();
    const store = openStore(globalThis, { name: db.name, announce: () => {} });
    const random = mulberry32(11);
    const events = Array.from({ length: 3 }, (_, d) =>
      randomAttention(random, URLS, 200, START + d * 86_400_000),
    ).flat();
    for (const event of events) await store.record([event], context);
    await store.fold();
    const lastDay = localCalendar.dayOf(events.at(-1)!.at);
    const backup = await createBackup(store, {}, 'test', new Date(events.at(-1)!.at));
    const counts = async () => (await db.days.toArray()).map((d) => [d.day, d.switches]);
    const recorded = await counts();
    expect(recorded.length).toBeGreaterThanOrEqual(3);

    expect(await store.deleteOldSwitches(lastDay, 1)).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      await restoreBackup(store, backup);
      expect(await counts()).toEqual(recorded);
      await expectConsistent(db, `restore ${i + 1}`);
      await store.deleteOldSwitches(lastDay, 1);
    }
  });
});
