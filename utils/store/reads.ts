/**
 * Every read of recorded data, in raw IndexedDB: the popup, the options page, the brief, exports
 * and backups all read through here. A database that does not exist yet is never created by a read:
 * it means nothing has been recorded.
 */
import { ACTIVE_DAY_MS } from '../days';
import type { Connection } from './connection';
import { connect } from './connection';
import type { SwitchRow } from '../tracker/reducer';
import type { IndexedDBPlatform } from './idb';
import { eachValue, getAll, inTransaction } from './idb';
import type {
  AppDayRow,
  DayRollups,
  DayRow,
  KeyRange,
  MonthRollups,
  PairColumns,
  PairDayRow,
  PairsOfDay,
  RollupSource,
  SiteDayRow,
  StoreName,
  SwitchBlock,
} from './rows';
import { roomCheck } from './room';
import { DB_NAME, flattenPairs, fromBlock, monthReads } from './rows';

/** The rollups of a range of days, and whether anything at all was recorded, on any day. */
export interface RangeRollups {
  /** Pair rollups of the range, one row per pair and day. */
  pairDays: PairDayRow[];
  /** Day totals of the range. */
  days: DayRow[];
  /** Some day, in or out of the range, has been recorded. */
  anyDay: boolean;
  /** Some day, in or out of the range, is an active day. */
  anyActiveDay: boolean;
}

export const NOTHING_RECORDED: RangeRollups = { pairDays: [], days: [], anyDay: false, anyActiveDay: false };

/** Everything recorded that a backup carries, as rows. */
export interface RecordedRows {
  switches: SwitchRow[];
  pairDays: PairDayRow[];
  appDays: AppDayRow[];
  days: DayRow[];
}

export interface Reader extends RollupSource {
  /** The rollups of the days from `start` to `end` (inclusive): the popup's read. */
  range(start: string, end: string): Promise<RangeRollups>;
  /** Attended time on each unrecognised site kept by the opt-in, most first. */
  siteTotals(): Promise<{ host: string; attendedMs: number }[]>;
  /** Every switch ever recorded, counted from the day totals (they outlive the raw switches). */
  switchCount(): Promise<number>;
  /** Every raw switch, oldest first. */
  switches(): Promise<SwitchRow[]>;
  /** The raw switches of one day, oldest first: at most 24 hour blocks, read by key. */
  switchesOn(day: string): Promise<SwitchRow[]>;
  /** Attended time by app and day, for the days from `start` to `end` (inclusive), read by key. */
  appDays(start: string, end: string): Promise<AppDayRow[]>;
  /** Raw switches, pair rollups by day, attended time by app and day totals, all in one moment. */
  rows(): Promise<RecordedRows>;
}

export function createReader(connection: Connection, keyRange: typeof IDBKeyRange): Reader {
  const keys = ({ first, last }: KeyRange) =>
    first === null ? keyRange.upperBound(last) : keyRange.bound(first, last);

  /** Runs `read` in one read-only transaction over `stores`; `empty` when there is nothing to read. */
  const reading = async <T>(stores: readonly StoreName[], empty: T, read: (tx: IDBTransaction) => Promise<T>) => {
    const db = await connection.existing();
    const present = stores.filter((store) => db?.objectStoreNames.contains(store));
    if (!db || present.length === 0) return empty;
    return inTransaction(db, present, 'readonly', read);
  };
  const has = (tx: IDBTransaction, store: StoreName) => tx.objectStoreNames.contains(store);

  const readDays = async (tx: IDBTransaction, range: IDBKeyRange): Promise<DayRollups> => {
    if (!has(tx, 'pairsByDay') || !has(tx, 'days')) return { pairsOfDays: [], days: [] };
    const [pairsOfDays, days] = await Promise.all([
      getAll<PairsOfDay>(tx.objectStore('pairsByDay'), range),
      getAll<DayRow>(tx.objectStore('days'), range),
    ]);
    return { pairsOfDays, days };
  };

  const firstDay = async (tx: IDBTransaction, accept: (day: DayRow) => boolean) => {
    let found = false;
    await eachValue<DayRow>(tx.objectStore('days'), null, (day) => !(found = accept(day)));
    return found;
  };

  return {
    range: (start, end) =>
      reading(['pairsByDay', 'days'], NOTHING_RECORDED, async (tx) => {
        // A database from before these stores is upgraded before anything new is recorded in it.
        if (!has(tx, 'pairsByDay') || !has(tx, 'days')) return NOTHING_RECORDED;
        const { pairsOfDays, days } = await readDays(tx, keyRange.bound(start, end));
        const isActive = (day: DayRow) => day.attendedMs >= ACTIVE_DAY_MS;
        // Usually the range answers both questions; otherwise look further, stopping at the first hit.
        const anyDay = days.length > 0 || (await firstDay(tx, () => true));
        const anyActiveDay = days.some(isActive) || (anyDay && (await firstDay(tx, isActive)));
        return { pairDays: flattenPairs(pairsOfDays), days, anyDay, anyActiveDay };
      }),

    read: (start, end) =>
      reading(['pairsByDay', 'days'], { pairsOfDays: [], days: [] }, (tx) =>
        readDays(tx, keys({ first: start, last: end })),
      ),

    readByMonth: (start, end) =>
      reading(['pairsByMonth', 'pairsByDay', 'days'], { pairRows: [], days: [] }, async (tx): Promise<MonthRollups> => {
        if (!has(tx, 'pairsByDay') || !has(tx, 'days')) return { pairRows: [], days: [] };
        // A database from before monthly rollups is read by the day until it is upgraded.
        const reads = has(tx, 'pairsByMonth')
          ? monthReads(start, end)
          : { months: null, days: [{ first: start, last: end }] };
        const [months, days, ...edges] = await Promise.all([
          reads.months ? getAll<PairColumns>(tx.objectStore('pairsByMonth'), keys(reads.months)) : [],
          getAll<DayRow>(tx.objectStore('days'), keys({ first: start, last: end })),
          ...reads.days.map((range) => getAll<PairsOfDay>(tx.objectStore('pairsByDay'), keys(range))),
        ]);
        return { pairRows: [...months, ...edges.flat()], days };
      }),

    siteTotals: () =>
      reading(['siteDays'], [], async (tx) => {
        const totals = new Map<string, number>();
        await eachValue<SiteDayRow>(tx.objectStore('siteDays'), null, (row) => {
          totals.set(row.host, (totals.get(row.host) ?? 0) + row.attendedMs);
        });
        return [...totals]
          .map(([host, attendedMs]) => ({ host, attendedMs }))
          .sort((x, y) => y.attendedMs - x.attendedMs);
      }),

    switchCount: () =>
      reading(['days'], 0, async (tx) => {
        let count = 0;
        await eachValue<DayRow>(tx.objectStore('days'), null, (day) => void (count += day.switches));
        return count;
      }),

    switches: () =>
      reading(['switchBlocks'], [], async (tx) =>
        switchesIn(await getAll<SwitchBlock>(tx.objectStore('switchBlocks'))),
      ),

    switchesOn: (day) =>
      reading(['switchBlocks'], [], async (tx) =>
        switchesIn(
          await getAll<SwitchBlock>(tx.objectStore('switchBlocks'), keyRange.bound([day, -Infinity], [day, Infinity])),
        ),
      ),

    appDays: (start, end) =>
      reading(['appDays'], [], (tx) =>
        // Keys are [day, app]: [start] sorts before every app of `start`, [end, []] after every app of `end`.
        getAll<AppDayRow>(tx.objectStore('appDays'), keyRange.bound([start], [end, []])),
      ),

    rows: () =>
      reading(
        ['switchBlocks', 'pairsByDay', 'appDays', 'days'],
        { switches: [], pairDays: [], appDays: [], days: [] },
        async (tx) => {
          const [blocks, pairsOfDays, appDays, days] = await Promise.all([
            getAll<SwitchBlock>(tx.objectStore('switchBlocks')),
            getAll<PairsOfDay>(tx.objectStore('pairsByDay')),
            getAll<AppDayRow>(tx.objectStore('appDays')),
            getAll<DayRow>(tx.objectStore('days')),
          ]);
          return { switches: switchesIn(blocks), pairDays: flattenPairs(pairsOfDays), appDays, days };
        },
      ),
  };
}

function switchesIn(blocks: readonly SwitchBlock[]): SwitchRow[] {
  return blocks.flatMap(fromBlock).sort((a, b) => a.at - b.at);
}

/**
 * Reads only: for a page that must draw before Dexie could even load (the popup, the ranking).
 * `storage` is `navigator.storage`, to refuse opening the database on a full disk (room.ts).
 */
export function openReader(
  platform: IndexedDBPlatform,
  { name = DB_NAME, storage = globalThis.navigator?.storage }: ReaderOptions = {},
): Reader {
  const room = roomCheck(storage, Date.now);
  return createReader(connect(platform, name, { beforeOpen: room.ensure }), platform.IDBKeyRange);
}

export interface ReaderOptions {
  /** Another database than the extension's (tests). */
  name?: string;
  storage?: Pick<StorageManager, 'estimate'>;
}
