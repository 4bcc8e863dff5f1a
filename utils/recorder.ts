/**
 * Feeds attention events through the tracker and stores what it records, in two steps.
 *
 * Recording a batch of events is one small IndexedDB transaction, written without Dexie: the
 * tracker's new state and the events' records, appended to a journal. A service worker stopped
 * between two batches resumes from exactly the state that matches what was stored, and nothing
 * recorded is lost. Folding moves the journal into the raw switches and every rollup in one
 * transaction, many events at a time: the rollups can never disagree with the raw rows. Before the journal, each
 * event read and rewrote a day's pair rollups and an hour of raw switches through Dexie: about 14
 * requests and 7–10 ms of the worker's CPU per switch (`npm run bench`, README).
 */
import type { AppDayRow, DayRow, JournalEntry, MetaRow, PairColumns, PairsOfDay, PairsOfMonth, SiteDayRow, SwitchBlock, SwitchRow, ToggleTaxDB } from './db';
import { appendToBlock, blockKey, emptyBlock, emptyPairsOfDay, emptyPairsOfMonth, monthOf, pairIndex, TRACKER_STATE_KEY } from './db';
import type { AttentionEvent, Reduction, TrackerContext, TrackerRecord, TrackerState } from './tracker';
import { initialTrackerState, reduce } from './tracker';

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

export function createRecorder(db: ToggleTaxDB): Recorder {
  return {
    async record(events, ctx) {
      if (!db.isOpen()) await db.open();
      return recordInJournal(db.backendDB(), events, ctx);
    },
    fold: () => foldJournal(db),
    storedState: async () => (await db.meta.get(TRACKER_STATE_KEY))?.value as TrackerState | undefined,
  };
}

/**
 * Moves everything journalled so far into the raw switches and rollups, in one transaction; returns
 * how many records. Any context may fold (the options page does before it exports).
 */
export function foldJournal(db: ToggleTaxDB): Promise<number> {
  return db.transaction('rw', db.foldTables, async () => {
    const entries = await db.journal.toArray();
    if (entries.length === 0) return 0;
    const records = entries.flatMap((entry) => entry.records);
    await storeRecords(db, records);
    // Nothing can be journalled meanwhile: this transaction holds the journal.
    await db.journal.clear();
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
export async function storeRecords(db: ToggleTaxDB, records: readonly TrackerRecord[]): Promise<void> {
  const idOf = (key: readonly (string | number)[]) => key.join('\u0000');
  const switches = records.filter((r) => r.type === 'switch');
  const attended = records.filter((r) => r.type === 'attended');
  const blockKeys = unique(switches.map(blockKey), idOf);
  const pairDayKeys = unique(switches.map((r) => r.day), String);
  const pairMonthKeys = unique(pairDayKeys.map(monthOf), String);
  const dayKeys = unique(records.map((r) => r.day), String);
  const appKeys = unique(attended.flatMap((r) => (r.appId === null ? [] : [[r.day, r.appId] as [string, string]])), idOf);
  const siteKeys = unique(attended.flatMap((r) => (r.site ? [[r.day, r.site] as [string, string]] : [])), idOf);
  const [oldBlocks, oldPairs, oldMonths, oldDays, oldApps, oldSites] = await Promise.all([
    blockKeys.length ? db.switchBlocks.bulkGet(blockKeys) : [],
    pairDayKeys.length ? db.pairsByDay.bulkGet(pairDayKeys) : [],
    pairMonthKeys.length ? db.pairsByMonth.bulkGet(pairMonthKeys) : [],
    db.days.bulkGet(dayKeys),
    appKeys.length ? db.appDays.bulkGet(appKeys) : [],
    siteKeys.length ? db.siteDays.bulkGet(siteKeys) : [],
  ]);
  const blocks = new Map(blockKeys.map((k, i): [string, SwitchBlock] => [idOf(k), oldBlocks[i] ?? emptyBlock(k)]));
  const pairs = new Map(pairDayKeys.map((d, i): [string, PairsOfDay] => [d, oldPairs[i] ?? emptyPairsOfDay(d)]));
  const months = new Map(pairMonthKeys.map((m, i): [string, PairsOfMonth] => [m, oldMonths[i] ?? emptyPairsOfMonth(m)]));
  const days = new Map(dayKeys.map((d, i): [string, DayRow] => [d, oldDays[i] ?? { day: d, attendedMs: 0, switches: 0, breaks: 0 }]));
  const apps = new Map(appKeys.map(([day, app], i): [string, AppDayRow] => [idOf([day, app]), oldApps[i] ?? { day, app, attendedMs: 0 }]));
  const sites = new Map(siteKeys.map(([day, host], i): [string, SiteDayRow] => [idOf([day, host]), oldSites[i] ?? { day, host, attendedMs: 0 }]));
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
  // Tables the records don't touch may be outside the transaction: leave them alone.
  const writes: Promise<unknown>[] = [db.days.bulkPut([...days.values()])];
  if (blocks.size) writes.push(db.switchBlocks.bulkPut([...blocks.values()]));
  if (pairs.size) writes.push(db.pairsByDay.bulkPut([...pairs.values()]));
  if (months.size) writes.push(db.pairsByMonth.bulkPut([...months.values()]));
  if (apps.size) writes.push(db.appDays.bulkPut([...apps.values()]));
  if (sites.size) writes.push(db.siteDays.bulkPut([...sites.values()]));
  await Promise.all(writes);
}

/**
 * Adds many switches at once, with their rollups (a restore merging a day both browsers recorded).
 * Inside a transaction over switchBlocks, pairsByDay, pairsByMonth and days.
 */
export function storeSwitchesInBulk(db: ToggleTaxDB, rows: readonly SwitchRow[]): Promise<void> {
  return storeRecords(db, rows.map((row) => ({ type: 'switch', ...row })));
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
