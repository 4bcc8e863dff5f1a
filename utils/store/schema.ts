/**
 * The database's schema and its migrations, owned by Dexie: the only module that imports it. It
 * runs only to create the database or move an older one forward (connection.ts); everything else
 * reads and writes raw IndexedDB. Versions only ever move forward, and a version with an upgrade
 * function is never edited once shipped (https://dexie.org/docs/Tutorial/Design#database-versioning).
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { SwitchRow } from '../tracker/reducer';
import type { IndexedDBPlatform } from './idb';
import type {
  AppDayRow,
  DayRow,
  JournalEntry,
  MetaRow,
  PairDayRow,
  PairsOfDay,
  PairsOfDayV4,
  PairsOfMonth,
  SiteDayRow,
  SwitchBlock,
} from './rows';
import { DB_NAME, groupPairsByDay, monthsOfDays, toBlocks, toPairsOfDay } from './rows';

export class ToggleTaxDB extends Dexie {
  switchBlocks!: Table<SwitchBlock, [string, number]>;
  pairsByDay!: EntityTable<PairsOfDay, 'day'>;
  pairsByMonth!: EntityTable<PairsOfMonth, 'month'>;
  appDays!: Table<AppDayRow, [string, string]>;
  days!: EntityTable<DayRow, 'day'>;
  siteDays!: Table<SiteDayRow, [string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;
  journal!: EntityTable<JournalEntry, 'id'>;

  constructor(name = DB_NAME, platform?: IndexedDBPlatform) {
    super(name, {
      cache: 'disabled',
      ...(platform && { indexedDB: platform.indexedDB, IDBKeyRange: platform.IDBKeyRange }),
    });
    this.version(1).stores({
      switches: '++id, at, day',
      pairDays: '[day+a+b], day',
      appDays: '[day+app], day',
      days: 'day',
      meta: 'key',
    });
    // 2: the opt-in list of unrecognised sites.
    this.version(2).stores({ siteDays: '[day+host], day, host' });
    // 3: raw switches by the hour instead of one record each.
    this.version(3).stores({ switchBlocks: '[day+hour], day', switches: null }).upgrade(moveSwitchesIntoBlocks);
    // 4: pair rollups by the day instead of one record per pair and day.
    this.version(4)
      .stores({ pairsByDay: 'day', pairDays: null })
      .upgrade(async (tx) => {
        const rows = (await tx.table('pairDays').toArray()) as PairDayRow[];
        await tx.table('pairsByDay').bulkPut(groupPairsByDay(rows));
      });
    // 5: records waiting to be folded into the tables above.
    this.version(5).stores({ journal: '++id' });
    // 6: each day's pair rollups by column instead of an array of objects.
    this.version(6)
      .stores({ pairsByDay: 'day' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('pairsByDay').toArray()) as PairsOfDayV4[];
        await tx.table('pairsByDay').bulkPut(rows.map(({ day, pairs }) => toPairsOfDay(day, pairs)));
      });
    // 7: each month's pair rollups, summed from its days (and kept with them from then on).
    // A new version moves SCHEMA_VERSION (rows.ts) on with it.
    this.version(7)
      .stores({ pairsByMonth: 'month' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('pairsByDay').toArray()) as PairsOfDay[];
        await tx.table('pairsByMonth').bulkPut(monthsOfDays(rows));
      });
  }
}

/** Creates the database, or moves it to this build's version, then lets it go. */
export async function createOrUpgrade(platform: IndexedDBPlatform, name = DB_NAME): Promise<void> {
  const db = new ToggleTaxDB(name, platform);
  try {
    await db.open();
  } finally {
    db.close();
  }
}

async function moveSwitchesIntoBlocks(tx: Transaction): Promise<void> {
  const rows = (await tx.table('switches').orderBy('id').toArray()) as SwitchRow[];
  await tx.table('switchBlocks').bulkPut(toBlocks(rows));
}
