/**
 * The store: the one owner of the extension's IndexedDB. The worker records and folds through it,
 * pages read, restore, prune and delete through it; nothing else opens the database or names a
 * store. Every write that changes what pages show is announced here, once it has committed
 * (changes.ts), so no writer can forget to.
 */
import type { AttentionEvent, Reduction, TrackerContext, TrackerState } from '../tracker/reducer';
import { announceDataChanged } from './changes';
import { connect } from './connection';
import { deleteEverything, deleteOldSwitches, forgetSites } from './housekeeping';
import type { IndexedDBPlatform } from './idb';
import { foldJournal, recordInJournal, storedTrackerState } from './journal';
import type { Reader, RecordedRows } from './reads';
import { createReader } from './reads';
import type { RestoreSummary } from './restore';
import { restoreRows } from './restore';
import { DB_NAME } from './rows';
import { createOrUpgrade } from './schema';

export interface Store extends Reader {
  /**
   * Runs events through the tracker and journals what they record, in one transaction, in the
   * order given: all of them or, if that fails, none. Returns the last state and every record.
   */
  record(events: readonly AttentionEvent[], ctx: TrackerContext): Promise<Reduction>;
  /** Moves everything journalled into the raw switches and rollups. Returns how many records. */
  fold(): Promise<number>;
  /** The tracker's state as stored (by this worker or one before it), if any. */
  trackerState(): Promise<TrackerState | undefined>;
  /** Merges recorded rows (a backup's) into what is here. */
  restore(rows: RecordedRows): Promise<RestoreSummary>;
  /** Deletes raw switches older than `retentionDays` before `today`. Returns how many went. */
  deleteOldSwitches(today: string, retentionDays: number | null): Promise<number>;
  /** Deletes everything recorded; the tracker starts afresh at `now`. */
  deleteEverything(now: number): Promise<void>;
  /** Forgets the opt-in list of unrecognised sites. */
  forgetSites(): Promise<void>;
}

export interface StoreOptions {
  /** Another database than the extension's (tests). */
  name?: string;
  /** Told after each committed write that changed what pages show. */
  announce?: () => void;
}

export function openStore(platform: IndexedDBPlatform, options: StoreOptions = {}): Store {
  const { name = DB_NAME, announce = announceDataChanged } = options;
  const connection = connect(platform, name, () => createOrUpgrade(platform, name));
  const write = async <T>(work: (db: IDBDatabase) => Promise<T>, changed: (result: T) => boolean): Promise<T> => {
    const result = await work(await connection.current());
    if (changed(result)) announce();
    return result;
  };
  return {
    ...createReader(connection, platform.IDBKeyRange),
    record: (events, ctx) =>
      write(
        (db) => recordInJournal(db, events, ctx),
        () => false,
      ),
    fold: () => write(foldJournal, (folded) => folded > 0),
    trackerState: async () => storedTrackerState(await connection.current()),
    restore: (rows) =>
      write(
        (db) => restoreRows(db, rows, platform.IDBKeyRange),
        () => true,
      ),
    deleteOldSwitches: (today, days) =>
      write(
        (db) => deleteOldSwitches(db, platform.IDBKeyRange, today, days),
        (deleted) => deleted > 0,
      ),
    deleteEverything: (now) =>
      write(
        (db) => deleteEverything(db, now),
        () => true,
      ),
    forgetSites: () => write(forgetSites, () => true),
  };
}
