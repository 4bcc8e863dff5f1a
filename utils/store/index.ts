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
import { repairLog, roomCheck } from './room';
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
  /** `navigator.storage`: nothing is written, and the database not opened, on a full disk (room.ts). */
  storage?: Pick<StorageManager, 'estimate'>;
  /**
   * Resolves true when a write may have failed half-way since the log was last repaired (the first
   * worker of a browser session, which cannot know how the last one ended): the log is repaired
   * before the first write. Writes wait for it.
   */
  repairFirst?: Promise<boolean>;
  now?: () => number;
}

export function openStore(platform: IndexedDBPlatform, options: StoreOptions = {}): Store {
  const { name = DB_NAME, announce = announceDataChanged, now = Date.now } = options;
  const room = roomCheck(options.storage ?? globalThis.navigator?.storage, now);
  const connection = connect(platform, name, {
    createOrUpgrade: () => createOrUpgrade(platform, name),
    beforeOpen: room.ensure,
  });
  /** A write failed half-way (or may have, before this store): repair the log before the next. */
  let repairDue: Promise<boolean> = (options.repairFirst ?? Promise.resolve(false)).catch(() => true);

  /** Every write: room checked, the log repaired if due, announced once committed if figures changed. */
  const write = async <T>(work: (db: IDBDatabase) => Promise<T>, changed: (result: T) => boolean): Promise<T> => {
    await room.ensure();
    if (await repairDue) {
      await repairLog(platform.indexedDB);
      repairDue = Promise.resolve(false);
    }
    let result: T;
    try {
      result = await work(await connection.current());
    } catch (error) {
      if (error instanceof DOMException) {
        // Storage failed (the browser may be closing the connection): afresh next time.
        repairDue = Promise.resolve(true);
        connection.reset();
      }
      throw error;
    }
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
        // Folded first: switches still journalled for a day retention deletes would come back
        // into it alone, and that day would no longer hold all its switches or none.
        async (db) => (await foldJournal(db), deleteOldSwitches(db, platform.IDBKeyRange, today, days)),
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
