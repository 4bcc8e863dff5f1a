/**
 * Recording, in two steps, both in raw IndexedDB. Recording a batch of events is one small
 * transaction: the tracker's new state and the events' records, appended to the journal, so a
 * worker stopped between two batches resumes from exactly the state that matches what was stored.
 * Folding moves the journal into the raw switches and every rollup in one transaction, many
 * batches at a time, so the rollups can never disagree with the raw rows; a fold costs several
 * times a small write, which is why it is not done per event.
 */
import type {
  AttentionEvent,
  Reduction,
  SwitchRow,
  TrackerContext,
  TrackerRecord,
  TrackerState,
} from '../tracker/reducer';
import { initialTrackerState, reduce } from '../tracker/reducer';
import { getAll, inTransaction, request, settled } from './idb';
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
} from './rows';
import {
  appendToBlock,
  blockKey,
  emptyBlock,
  emptyPairsOfDay,
  emptyPairsOfMonth,
  monthOf,
  pairIndex,
  TRACKER_STATE_KEY,
} from './rows';

/** The stores records are folded into. */
export const ROLLUP_STORES = ['switchBlocks', 'pairsByDay', 'pairsByMonth', 'days', 'appDays', 'siteDays'] as const;
type RollupStore = (typeof ROLLUP_STORES)[number];

/** The tracker's state as stored, if any. */
export async function storedTrackerState(db: IDBDatabase): Promise<TrackerState | undefined> {
  const row = await request<MetaRow | undefined>(
    db.transaction('meta', 'readonly').objectStore('meta').get(TRACKER_STATE_KEY),
  );
  return row?.value as TrackerState | undefined;
}

/**
 * Moves everything journalled so far into the raw switches and rollups, in one transaction; returns
 * how many records. Nothing can be journalled meanwhile: the transaction holds the journal.
 */
export function foldJournal(db: IDBDatabase): Promise<number> {
  return inTransaction(db, ['journal', ...ROLLUP_STORES], 'readwrite', async (tx) => {
    const journal = tx.objectStore('journal');
    const records = (await getAll<JournalEntry>(journal)).flatMap((entry) => entry.records);
    if (records.length === 0) return 0;
    await storeRecords(tx, records);
    journal.clear();
    return records.length;
  });
}

/**
 * One transaction: the stored state, the tracker's reduction of each event in turn, the new state
 * and the events' records in the journal. The state is read inside the transaction every time,
 * never kept in memory: a kept state goes stale when another context writes (deleting
 * everything), and is suspect while a stopped worker is being replaced; one small read per batch
 * is the price.
 */
export function recordInJournal(
  idb: IDBDatabase,
  events: readonly AttentionEvent[],
  ctx: TrackerContext,
): Promise<Reduction> {
  const tx = idb.transaction(['meta', 'journal'], 'readwrite');
  const meta = tx.objectStore('meta');
  let reduction: Reduction | undefined;
  let failure: unknown;
  const read = meta.get(TRACKER_STATE_KEY);
  // Reduced in the request's own callback: the transaction stays open, with no promise in between.
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
  return settled(idb, tx).then(
    () => reduction!,
    (error: unknown) => Promise.reject(failure ?? error),
  );
}

/**
 * Adds records to the raw switches and the rollups in a few bulk reads and writes, whatever their
 * number. Inside a transaction over the tables the records touch (switchBlocks, pairsByDay,
 * pairsByMonth and days for switches; days for breaks; days, appDays and siteDays for attended time).
 */
export async function storeRecords(tx: IDBTransaction, records: readonly TrackerRecord[]): Promise<void> {
  const stores = rowsOf(tx);
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

/** Reads and writes of rows by key within one transaction; asking for no rows touches no store. */
function rowsOf(tx: IDBTransaction) {
  return {
    // Async, so that a key IndexedDB refuses rejects here rather than throwing past Promise.all.
    getMany: async <T>(store: RollupStore, keys: readonly (string | (string | number)[])[]) =>
      Promise.all(keys.map((key) => request<T | undefined>(tx.objectStore(store).get(key)))),
    putMany: async (store: RollupStore, rows: readonly unknown[]) =>
      Promise.all(rows.map((row) => request(tx.objectStore(store).put(row)))),
  };
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
