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

/** A fresh, empty database; `name` defaults to a new one (DB_NAME: the extension's own). */
export function testDatabase(name = `test-${++serial}`): TestDatabase {
  const db = new ToggleTaxDB(name);
  made.push(db);
  return { name, store: openStore(globalThis, { name }), db };
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
