/**
 * Feeds attention events through the tracker and stores what it records, in two steps, both in raw
 * IndexedDB (through Dexie's promises and middleware, a fold cost the worker about twice the CPU:
 * `npm run bench`).
 *
 * Recording a batch of events is one small transaction: the tracker's new state and the events'
 * records, appended to a journal. A service worker stopped between two batches resumes from exactly
 * the state that matches what was stored, and nothing recorded is lost. Folding moves the journal
 * into the raw switches and every rollup in one transaction, many events at a time: the rollups can
 * never disagree with the raw rows. Before the journal, each event read and rewrote a day's pair
 * rollups and an hour of raw switches through Dexie: about 14 requests and 7–10 ms of the worker's
 * CPU per switch (`npm run bench`, README).
 */
import type {
  AppDayRow,
  DayRow,
  JournalEntry,
  MetaRow,
  PairColumns,
  PairsOfDay,
  PairsOfMonth,
  SiteDayRow,
  SwitchBlock,
  SwitchRow,
  ToggleTaxDB,
} from './schema';
import {
  appendToBlock,
  blockKey,
  dexieConnection,
  emptyBlock,
  emptyPairsOfDay,
  emptyPairsOfMonth,
  monthOf,
  pairIndex,
  TRACKER_STATE_KEY,
} from './schema';
import type { AttentionEvent, Reduction, TrackerContext, TrackerRecord, TrackerState } from '../tracker/reducer';
import { initialTrackerState, reduce } from '../tracker/reducer';
import { request } from './reads';

export interface Recorder {
  /**
   * Records events into the journal in one transaction, in the order given (the order they
   * happened): all of them or, if that fails, none. Returns the last state and every record.
   */
  record(events: readonly AttentionEvent[], ctx: TrackerContext): Promise<Reduction>;
  /** Moves everything journalled so far into the raw switches and rollups. Returns how many records. */
  fold(): Promise<number>;
  /** The tracker's state as stored (by this worker or one before it), if any. */
  storedState(): Promise<TrackerState | undefined>;
}

/** `connection` opens the database (utils/db.ts `dexieConnection`, or the worker's own, utils/worker-database.ts). */
export function createRecorder(connection: () => Promise<IDBDatabase>): Recorder {
  return {
    record: async (events, ctx) => recordInJournal(await connection(), events, ctx),
    fold: async () => foldJournalIn(await connection()),
    async storedState() {
      const tx = (await connection()).transaction('meta', 'readonly');
      const row = await request<MetaRow | undefined>(tx.objectStore('meta').get(TRACKER_STATE_KEY));
      return row?.value as TrackerState | undefined;
    },
  };
}

/**
 * Moves everything journalled so far into the raw switches and rollups, in one transaction; returns
 * how many records. Any context may fold: the worker every minute or so while the person switches,
 * a page before it exports.
 */
export async function foldJournal(db: ToggleTaxDB): Promise<number> {
  return foldJournalIn(await dexieConnection(db)());
}

async function foldJournalIn(idb: IDBDatabase): Promise<number> {
  const tx = idb.transaction(FOLD_STORES, 'readwrite');
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('Folding the journal was aborted'));
  });
  const folded = (async () => {
    const journal = tx.objectStore('journal');
    const entries = await request<JournalEntry[]>(journal.getAll());
    const records = entries.flatMap((entry) => entry.records);
    if (records.length === 0) return 0;
    await storeRecords(rawRows(tx), records);
    // Nothing can be journalled meanwhile: this transaction holds the journal.
    journal.clear();
    return records.length;
  })();
  // A fold that fails half-way must write nothing. (A failed request may have aborted it already.)
  folded.catch(() => {
    try {
      tx.abort();
    } catch {
      // Already aborted: nothing was written.
    }
  });
  const [count] = await Promise.all([folded, committed]);
  return count;
}

/**
 * One transaction: the stored state, the tracker's reduction of each event in turn, the new state
 * and the events' records in the journal. The state is read inside the transaction every time,
 * never kept in memory: a kept state goes stale when another context writes (deleting
 * everything), and is suspect while a stopped worker is being replaced; one small read per batch
 * is the price.
 */
function recordInJournal(idb: IDBDatabase, events: readonly AttentionEvent[], ctx: TrackerContext): Promise<Reduction> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['meta', 'journal'], 'readwrite');
    const meta = tx.objectStore('meta');
    let reduction: Reduction | undefined;
    let failure: unknown;
    const read = meta.get(TRACKER_STATE_KEY);
    read.onsuccess = () => {
      try {
        const stored = (read.result as MetaRow | undefined)?.value as TrackerState | undefined;
        let state = stored ?? initialTrackerState(events[0]?.at ?? 0);
        const records: TrackerRecord[] = [];
        for (const event of events) {
          const next = reduce(state, event, ctx);
          state = next.state;
          records.push(...next.records);
        }
        reduction = { state, records };
        if (records.length > 0) tx.objectStore('journal').add({ records } satisfies JournalEntry);
        if (state !== stored) meta.put({ key: TRACKER_STATE_KEY, value: state });
      } catch (error) {
        failure = error;
        tx.abort();
      }
    };
    tx.oncomplete = () => resolve(reduction!);
    tx.onabort = () => reject(failure ?? tx.error ?? new Error('Recording events was aborted'));
  });
}

/**
 * Adds records to the raw switches and the rollups in a few bulk reads and writes, whatever their
 * number. Inside a transaction over the tables the records touch (switchBlocks, pairsByDay,
 * pairsByMonth and days for switches; days for breaks; days, appDays and siteDays for attended time).
 */
export async function storeRecords(stores: RowAccess, records: readonly TrackerRecord[]): Promise<void> {
  const idOf = (key: readonly (string | number)[]) => key.join('\u0000');
  const switches = records.filter((r) => r.type === 'switch');
  const attended = records.filter((r) => r.type === 'attended');
  const blockKeys = unique(switches.map(blockKey), idOf);
  const pairDayKeys = unique(
    switches.map((r) => r.day),
    String,
  );
  const pairMonthKeys = unique(pairDayKeys.map(monthOf), String);
  const dayKeys = unique(
    records.map((r) => r.day),
    String,
  );
  const appKeys = unique(
    attended.flatMap((r) => (r.appId === null ? [] : [[r.day, r.appId] as [string, string]])),
    idOf,
  );
  const siteKeys = unique(
    attended.flatMap((r) => (r.site ? [[r.day, r.site] as [string, string]] : [])),
    idOf,
  );
  const [oldBlocks, oldPairs, oldMonths, oldDays, oldApps, oldSites] = await Promise.all([
    stores.getMany<SwitchBlock>('switchBlocks', blockKeys),
    stores.getMany<PairsOfDay>('pairsByDay', pairDayKeys),
    stores.getMany<PairsOfMonth>('pairsByMonth', pairMonthKeys),
    stores.getMany<DayRow>('days', dayKeys),
    stores.getMany<AppDayRow>('appDays', appKeys),
    stores.getMany<SiteDayRow>('siteDays', siteKeys),
  ]);
  const blocks = new Map(blockKeys.map((k, i): [string, SwitchBlock] => [idOf(k), oldBlocks[i] ?? emptyBlock(k)]));
  const pairs = new Map(pairDayKeys.map((d, i): [string, PairsOfDay] => [d, oldPairs[i] ?? emptyPairsOfDay(d)]));
  const months = new Map(
    pairMonthKeys.map((m, i): [string, PairsOfMonth] => [m, oldMonths[i] ?? emptyPairsOfMonth(m)]),
  );
  const days = new Map(
    dayKeys.map((d, i): [string, DayRow] => [d, oldDays[i] ?? { day: d, attendedMs: 0, switches: 0, breaks: 0 }]),
  );
  const apps = new Map(
    appKeys.map(([day, app], i): [string, AppDayRow] => [idOf([day, app]), oldApps[i] ?? { day, app, attendedMs: 0 }]),
  );
  const sites = new Map(
    siteKeys.map(([day, host], i): [string, SiteDayRow] => [
      idOf([day, host]),
      oldSites[i] ?? { day, host, attendedMs: 0 },
    ]),
  );
  for (const record of records) {
    const day = days.get(record.day)!;
    switch (record.type) {
      case 'switch': {
        const { type: _, ...row } = record;
        appendToBlock(blocks.get(idOf(blockKey(row)))!, row);
        countSwitch(pairs.get(row.day)!, row);
        countSwitch(months.get(monthOf(row.day))!, row);
        day.switches += 1;
        break;
      }
      case 'break':
        day.breaks += 1;
        break;
      case 'attended':
        day.attendedMs += record.ms;
        if (record.appId !== null) apps.get(idOf([record.day, record.appId]))!.attendedMs += record.ms;
        if (record.site) sites.get(idOf([record.day, record.site]))!.attendedMs += record.ms;
        break;
    }
  }
  await Promise.all([
    stores.putMany('days', [...days.values()]),
    stores.putMany('switchBlocks', [...blocks.values()]),
    stores.putMany('pairsByDay', [...pairs.values()]),
    stores.putMany('pairsByMonth', [...months.values()]),
    stores.putMany('appDays', [...apps.values()]),
    stores.putMany('siteDays', [...sites.values()]),
  ]);
}

/** The stores records are folded into (and, with the journal, what a fold's transaction covers). */
type RollupStore = 'switchBlocks' | 'pairsByDay' | 'pairsByMonth' | 'days' | 'appDays' | 'siteDays';
const FOLD_STORES = ['journal', 'switchBlocks', 'pairsByDay', 'pairsByMonth', 'days', 'appDays', 'siteDays'] satisfies (
  'journal' | RollupStore
)[];
/** Every store the recorder writes: the tracker's state, and what a fold covers. */
export const RECORDER_STORES = ['meta', ...FOLD_STORES];

/** A row's primary key: a day or a month, or [day, hour], [day, app], [day, host]. */
type RowKey = string | (string | number)[];

/**
 * Reads and writes of rows by key, within one transaction: Dexie's tables or raw IndexedDB stores.
 * Stores the records don't touch may be outside the transaction, so asking for no rows touches
 * nothing.
 */
export interface RowAccess {
  getMany<T>(store: RollupStore, keys: readonly RowKey[]): Promise<(T | undefined)[]>;
  putMany(store: RollupStore, rows: readonly unknown[]): Promise<unknown>;
}

/** Dexie's tables, inside a Dexie transaction over the stores written. */
export function dexieRows(db: ToggleTaxDB): RowAccess {
  return {
    getMany: async (store, keys) => (keys.length ? db.table(store).bulkGet([...keys]) : []),
    putMany: async (store, rows) => (rows.length ? db.table(store).bulkPut(rows as unknown[]) : undefined),
  };
}

/** The stores of a raw IndexedDB transaction. */
function rawRows(tx: IDBTransaction): RowAccess {
  return {
    getMany: async <T>(store: RollupStore, keys: readonly RowKey[]) =>
      Promise.all(keys.map((key) => request<T | undefined>(tx.objectStore(store).get(key)))),
    putMany: async (store, rows) => Promise.all(rows.map((row) => request(tx.objectStore(store).put(row)))),
  };
}

/**
 * Adds many switches at once, with their rollups (a restore merging a day both browsers recorded).
 * Inside a transaction over switchBlocks, pairsByDay, pairsByMonth and days.
 */
export function storeSwitchesInBulk(db: ToggleTaxDB, rows: readonly SwitchRow[]): Promise<void> {
  return storeRecords(
    dexieRows(db),
    rows.map((row) => ({ type: 'switch', ...row })),
  );
}

function unique<K>(keys: readonly K[], idOf: (key: K) => string): K[] {
  return [...new Map(keys.map((key) => [idOf(key), key])).values()];
}

/** Pairs are unordered: {A, B} is stored once, with A < B, and directions kept apart. */
export function pairKey(from: string, to: string): { a: string; b: string; forward: boolean } {
  return from < to ? { a: from, b: to, forward: true } : { a: to, b: from, forward: false };
}

/** Adds one switch to its pair's sums in the day's (or the month's) rollup row. */
function countSwitch(row: PairColumns, s: SwitchRow): void {
  const { a, b, forward } = pairKey(s.from, s.to);
  const i = pairIndex(row, a, b);
  if (forward) row.aToB[i]! += 1;
  else row.bToA[i]! += 1;
  row.transitMs[i]! += s.transitMs;
  if (s.detourDwellMs !== null) {
    row.detours[i]! += 1;
    row.detourDwellMs[i]! += s.detourDwellMs;
  }
}
