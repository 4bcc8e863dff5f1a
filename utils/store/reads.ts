/**
 * Reads the rollups of a range of days straight from IndexedDB, for the popup (and, through the
 * monthly rollups, the options page's ranking). The popup only reads, and Dexie (about 100 KB the
 * page would fetch and compile before drawing anything) was most of its load time (`npm run
 * bench`, issue 7), so this reader speaks raw IndexedDB instead. The shapes it reads are the ones
 * utils/db.ts writes; tests/unit/rollup-reader.test.ts writes them with Dexie and reads them back
 * through here.
 */
import type {
  DayRollups,
  DayRow,
  KeyRange,
  MonthRollups,
  PairColumns,
  PairDayRow,
  PairsOfDay,
  RollupSource,
} from './rows';
import { flattenPairs, monthReads } from './rows';
import { ACTIVE_DAY_MS } from '../figures/report';

/**
 * utils/db.ts `DB_NAME`. Imported from there, it would bring Dexie into the popup (the module
 * creates its Dexie class at import); the unit tests check that both names agree.
 */
export const DB_NAME = 'toggle-tax';

/** The rollups of a range of days, and whether anything at all was recorded, on any day. */
export interface RangeRollups {
  /** Pair rollups of the range, one row per pair and day. */
  pairDays: PairDayRow[];
  /** Day totals of the range. */
  days: DayRow[];
  /** Some day, in or out of the range, has been recorded. */
  anyDay: boolean;
  /** Some day, in or out of the range, is an active day (`ACTIVE_DAY_MS` of browsing). */
  anyActiveDay: boolean;
}

/** IndexedDB as the page has it (`globalThis`), or a fake one in tests. */
export interface IndexedDBPlatform {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export const NOTHING_RECORDED: RangeRollups = { pairDays: [], days: [], anyDay: false, anyActiveDay: false };

/**
 * The rollups of the days from `start` to `end` (inclusive). A database that does not exist yet is
 * never created here (its schema belongs to utils/db.ts): it means nothing has been recorded.
 */
export function readRollups(
  platform: IndexedDBPlatform,
  start: string,
  end: string,
  dbName = DB_NAME,
): Promise<RangeRollups> {
  return inRollups(platform, dbName, NOTHING_RECORDED, async (tx) => {
    const { pairsOfDays, days } = await readDays(tx, platform.IDBKeyRange.bound(start, end));
    const daysStore = tx.objectStore('days');
    const isActive = (day: DayRow) => day.attendedMs >= ACTIVE_DAY_MS;
    // Usually the range answers both questions; otherwise look further, stopping at the first hit.
    const anyDay = days.length > 0 || (await firstDay(daysStore, () => true)) !== undefined;
    const anyActiveDay = days.some(isActive) || (anyDay && (await firstDay(daysStore, isActive)) !== undefined);
    return { pairDays: flattenPairs(pairsOfDays), days, anyDay, anyActiveDay };
  });
}

/**
 * Rollups read the same way, for a page that must draw before Dexie could even load (the options
 * page's ranking): a database that does not exist yet reads as no rollups.
 */
export function rawRollups(platform: IndexedDBPlatform, dbName = DB_NAME): RollupSource {
  const keys = ({ first, last }: KeyRange) =>
    first === null ? platform.IDBKeyRange.upperBound(last) : platform.IDBKeyRange.bound(first, last);
  return {
    read: (start, end) =>
      inRollups(platform, dbName, { pairsOfDays: [], days: [] }, (tx) =>
        readDays(tx, keys({ first: start, last: end })),
      ),
    readByMonth: (start, end) =>
      inRollups(platform, dbName, { pairRows: [], days: [] }, async (tx): Promise<MonthRollups> => {
        // A database from before monthly rollups (version 7) is read by the day until the
        // background has upgraded it.
        const reads = tx.objectStoreNames.contains('pairsByMonth')
          ? monthReads(start, end)
          : { months: null, days: [{ first: start, last: end }] };
        const [months, days, ...edges] = await Promise.all([
          reads.months ? request<PairColumns[]>(tx.objectStore('pairsByMonth').getAll(keys(reads.months))) : [],
          request<DayRow[]>(tx.objectStore('days').getAll(keys({ first: start, last: end }))),
          ...reads.days.map((range) => request<PairsOfDay[]>(tx.objectStore('pairsByDay').getAll(keys(range)))),
        ]);
        return { pairRows: [...months, ...edges.flat()], days };
      }),
  };
}

/**
 * Runs `read` in one read-only transaction over the rollups (the pairs and the day totals of one
 * moment, never half a write), then closes the database; `empty` when there is nothing to read.
 */
async function inRollups<T>(
  platform: IndexedDBPlatform,
  dbName: string,
  empty: T,
  read: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  const db = await openExisting(platform.indexedDB, dbName);
  if (!db) return empty;
  try {
    // Stores are created by utils/db.ts (version 4 on); an older database is upgraded by the
    // background before anything new is recorded in it.
    if (!db.objectStoreNames.contains('pairsByDay') || !db.objectStoreNames.contains('days')) return empty;
    const stores = ['pairsByDay', 'pairsByMonth', 'days'].filter((name) => db.objectStoreNames.contains(name));
    return await read(db.transaction(stores, 'readonly'));
  } finally {
    db.close();
  }
}

/** The pair rollups and day totals of the days in `range`. */
async function readDays(tx: IDBTransaction, range: IDBKeyRange): Promise<DayRollups> {
  const [pairsOfDays, days] = await Promise.all([
    request<PairsOfDay[]>(tx.objectStore('pairsByDay').getAll(range)),
    request<DayRow[]>(tx.objectStore('days').getAll(range)),
  ]);
  return { pairsOfDays, days };
}

/** Opens the database if it exists; undefined if it does not (opening must not create it). */
export function openExisting(indexedDB: IDBFactory, name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    let missing = false;
    open.onupgradeneeded = () => {
      // Only a database that does not exist yet gets here (no version was asked for): undo it.
      missing = true;
      open.transaction?.abort();
    };
    open.onerror = (event) => {
      if (!missing) return reject(open.error);
      // The abort is expected: keep it from surfacing as an unhandled error.
      event.preventDefault();
      resolve(undefined);
    };
    open.onsuccess = () => {
      const db = open.result;
      // Never stand in the way of the extension's own version upgrades.
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

/** The first day row, oldest first, that `accept`s; undefined if none does. */
function firstDay(store: IDBObjectStore, accept: (day: DayRow) => boolean): Promise<DayRow | undefined> {
  return new Promise((resolve, reject) => {
    const cursor = store.openCursor();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return resolve(undefined);
      if (accept(at.value as DayRow)) return resolve(at.value as DayRow);
      at.continue();
    };
    cursor.onerror = () => reject(cursor.error);
  });
}

/** A request's result. */
export function request<T>(req: IDBRequest): Promise<T> {
  const done = new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
  // A transaction that fails fails every request still pending; whoever runs it reports the
  // failure once, so these need no handler of their own.
  done.catch(() => {});
  return done;
}
