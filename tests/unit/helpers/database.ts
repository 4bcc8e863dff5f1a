/**
 * A database of its own for each test (fake-indexeddb): the store under test, and Dexie's view of the
 * same database to set up fixtures and look inside. Every database made here is deleted after the test.
 */
import { afterEach } from 'vitest';
import type { Store } from '@/utils/store';
import { openStore } from '@/utils/store';
import type { PairDayRow } from '@/utils/store/rows';
import { DB_NAME, monthsOfDays, toPairsOfDays } from '@/utils/store/rows';
import { ToggleTaxDB } from '@/utils/store/schema';

let serial = 0;
const made: ToggleTaxDB[] = [];

afterEach(async () => {
  for (const db of made.splice(0)) await db.delete();
});

export interface TestDatabase {
  name: string;
  store: Store;
  /** Dexie over the same database, for fixtures and for looking inside. */
  db: ToggleTaxDB;
}

/** Dexie over a fresh database (or the one named), deleted after the test. */
export function freshDb(name = `test-${++serial}`): ToggleTaxDB {
  const db = new ToggleTaxDB(name);
  made.push(db);
  return db;
}

/** The store over the same database as `db`, with a connection of its own (as another context has). */
export function storeOf(db: ToggleTaxDB): Store {
  return openStore(globalThis, { name: db.name });
}

/** A fresh, empty database; `name` defaults to a new one (DB_NAME: the extension's own). */
export function testDatabase(name?: string): TestDatabase {
  const db = freshDb(name);
  return { name: db.name, store: storeOf(db), db };
}

export { DB_NAME };

/**
 * Fixture: pair rollups written straight into `db`, replacing whole days, with every month summed
 * again from its days (as the store keeps them).
 */
export async function putPairDays(db: ToggleTaxDB, pairDays: readonly PairDayRow[]): Promise<void> {
  await db.transaction('rw', [db.pairsByDay, db.pairsByMonth], async () => {
    await db.pairsByDay.bulkPut(toPairsOfDays(pairDays));
    await db.pairsByMonth.clear();
    await db.pairsByMonth.bulkPut(monthsOfDays(await db.pairsByDay.toArray()));
  });
}
