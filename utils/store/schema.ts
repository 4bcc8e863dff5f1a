/**
 * The one database: raw switches and daily rollups (always changed together), the journal of
 * recorded events not folded into them yet, and the tracker's state; the rows' shapes are in
 * utils/rows.ts. Versions only ever move forward; a version with an upgrade function is never
 * edited once shipped (Dexie's rule: https://dexie.org/docs/Tutorial/Design#database-versioning).
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { TrackerRecord } from '../tracker/reducer';
import type {
  AppDayRow,
  DayRollups,
  DayRow,
  KeyRange,
  MonthRollups,
  PairDayRow,
  PairsOfDay,
  PairsOfDayV4,
  PairsOfMonth,
  RollupSource,
  SiteDayRow,
  SwitchBlock,
  SwitchRow,
} from './rows';
import {
  flattenPairs,
  fromBlock,
  groupPairsByDay,
  monthOf,
  monthReads,
  monthsOfDays,
  toBlocks,
  toPairsOfDay,
  toPairsOfDays,
} from './rows';

export * from './rows';

export const DB_NAME = 'toggle-tax';

/**
 * Records of one event, written at once when the event is recorded and folded into the raw
 * switches and rollups a moment later, many events at a time (utils/recorder.ts says why).
 */
export interface JournalEntry {
  id?: number;
  records: TrackerRecord[];
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class ToggleTaxDB extends Dexie {
  switchBlocks!: Table<SwitchBlock, [string, number]>;
  pairsByDay!: EntityTable<PairsOfDay, 'day'>;
  pairsByMonth!: EntityTable<PairsOfMonth, 'month'>;
  appDays!: Table<AppDayRow, [string, string]>;
  days!: EntityTable<DayRow, 'day'>;
  siteDays!: Table<SiteDayRow, [string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;
  journal!: EntityTable<JournalEntry, 'id'>;

  constructor(name = DB_NAME) {
    // No query cache: Dexie's default cache deep-copies every live query's result for each reader,
    // about 10 ms of the options page's year of rollups. Pages re-read on every change anyway.
    super(name, { cache: 'disabled' });
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
    // (A new version moves SCHEMA_VERSION on with it.)
    this.version(7)
      .stores({ pairsByMonth: 'month' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('pairsByDay').toArray()) as PairsOfDay[];
        await tx.table('pairsByMonth').bulkPut(monthsOfDays(rows));
      });
  }

  /** Every table that holds recorded data (all but settings, which live in extension storage). */
  get dataTables() {
    return [
      this.switchBlocks,
      this.pairsByDay,
      this.pairsByMonth,
      this.appDays,
      this.days,
      this.siteDays,
      this.meta,
      this.journal,
    ];
  }

  /** The tables a restore writes: raw switches and every rollup of them. */
  get restoreTables() {
    return [this.switchBlocks, this.pairsByDay, this.pairsByMonth, this.appDays, this.days];
  }
}

export const TRACKER_STATE_KEY = 'tracker';

/** The last version declared above. */
export const SCHEMA_VERSION = 7;
/** The same version as IndexedDB knows it: ten times Dexie's (Dexie's rule). */
export const NATIVE_SCHEMA_VERSION = SCHEMA_VERSION * 10;

/** The raw IndexedDB connection under Dexie's, opened (creating or upgrading the database) if need be. */
export function dexieConnection(db: ToggleTaxDB): () => Promise<IDBDatabase> {
  return async () => {
    if (!db.isOpen()) await db.open();
    return db.backendDB();
  };
}

async function moveSwitchesIntoBlocks(tx: Transaction): Promise<void> {
  const rows = (await tx.table('switches').orderBy('id').toArray()) as SwitchRow[];
  await tx.table('switchBlocks').bulkPut(toBlocks(rows));
}

/** Every raw switch, oldest first (for backups and tests; figures come from the rollups). */
export async function allSwitches(db: ToggleTaxDB): Promise<SwitchRow[]> {
  const rows = (await db.switchBlocks.toArray()).flatMap(fromBlock);
  return rows.sort((a, b) => a.at - b.at);
}

/** Pair rollups of the days from `start` to `end` (inclusive; all days when omitted). */
export async function readPairDays(db: ToggleTaxDB, start?: string, end?: string): Promise<PairDayRow[]> {
  const rows =
    start === undefined || end === undefined
      ? await db.pairsByDay.toArray()
      : await db.pairsByDay.where('day').between(start, end, true, true).toArray();
  return flattenPairs(rows);
}

/** Rollups through Dexie, each read in one read transaction. */
export function dexieRollups(db: ToggleTaxDB): RollupSource {
  const inRange = <T>(table: Table<T, string, unknown>, key: string, { first, last }: KeyRange) =>
    (first === null
      ? table.where(key).belowOrEqual(last)
      : table.where(key).between(first, last, true, true)
    ).toArray();
  return {
    read: (start, end) =>
      db.transaction('r', [db.pairsByDay, db.days], async (): Promise<DayRollups> => {
        const range = { first: start, last: end };
        const [pairsOfDays, days] = await Promise.all([
          inRange(db.pairsByDay, 'day', range),
          inRange(db.days, 'day', range),
        ]);
        return { pairsOfDays, days };
      }),
    readByMonth: (start, end) =>
      db.transaction('r', [db.pairsByMonth, db.pairsByDay, db.days], async (): Promise<MonthRollups> => {
        const reads = monthReads(start, end);
        const [months, days, ...edges] = await Promise.all([
          reads.months ? inRange(db.pairsByMonth, 'month', reads.months) : [],
          inRange(db.days, 'day', { first: start, last: end }),
          ...reads.days.map((range) => inRange(db.pairsByDay, 'day', range)),
        ]);
        return { pairRows: [...months, ...edges.flat()], days };
      }),
  };
}

/**
 * Writes pair rollups, replacing whole days (for days this database has no rollups of), and
 * sums the months they fall in again. Inside a transaction over pairsByDay and pairsByMonth.
 */
export async function putPairDays(db: ToggleTaxDB, rows: readonly PairDayRow[]): Promise<void> {
  await db.transaction('rw', [db.pairsByDay, db.pairsByMonth], async () => {
    await db.pairsByDay.bulkPut(toPairsOfDays(rows));
    await sumMonthsAgain(db, [...new Set(rows.map((row) => monthOf(row.day)))]);
  });
}

/**
 * Rewrites the rows of `pairsByMonth` of the given months from their days in `pairsByDay`: for
 * writers that replace whole days (adding a replaced day's sums would count it twice). Inside a
 * transaction over both tables.
 */
async function sumMonthsAgain(db: ToggleTaxDB, months: readonly string[]): Promise<void> {
  if (months.length === 0) return;
  // Day keys sort as text: a month's days all lie between its `-01` and `-31`.
  const ranges = months.map((month): [string, string] => [`${month}-01`, `${month}-31`]);
  const summed = monthsOfDays(await db.pairsByDay.where('day').inAnyRange(ranges, { includeUppers: true }).toArray());
  const emptied = months.filter((month) => !summed.some((row) => row.month === month));
  await Promise.all([db.pairsByMonth.bulkPut(summed), db.pairsByMonth.bulkDelete(emptied)]);
}
