/**
 * Keeping the database safe on a full disk. A write that fails for lack of room can leave half a
 * record at the end of Chromium's IndexedDB log (LevelDB); the next open reuses that log, appends
 * after the broken record, and the open after that finds it corrupt and deletes the whole database.
 * So nothing is written while the disk is nearly full, and after a write that failed the log is
 * made to start afresh before the next one.
 */

/** Below this much free room nothing is written: far more than any one write needs. */
export const RESERVE_BYTES = 32 * 1024 * 1024;
/** With this much room, the last reading is trusted for RECHECK_MS; with less, each write checks. */
const PLENTY_BYTES = 1024 * 1024 * 1024;
const RECHECK_MS = 30_000;

/** A database made and deleted only to have LevelDB start a new log (repairLog). */
const REPAIR_DB = 'toggle-tax-repair';

export interface RoomCheck {
  /** Rejects with a QuotaExceededError, touching nothing, while the disk is nearly full. */
  ensure(): Promise<void>;
}

/**
 * `storage` is `navigator.storage`: for an extension with unlimited storage, `quota - usage` is the
 * free room on the profile's disk. Without it (tests) every write goes ahead.
 */
export function roomCheck(storage: Pick<StorageManager, 'estimate'> | undefined, now: () => number): RoomCheck {
  let known: { free: number; at: number } | null = null;
  return {
    async ensure() {
      if (!storage?.estimate) return;
      if (!known || known.free < PLENTY_BYTES || now() - known.at > RECHECK_MS) {
        const { usage = 0, quota } = await storage.estimate();
        if (quota === undefined) return;
        known = { free: quota - usage, at: now() };
      }
      if (known.free < RESERVE_BYTES)
        throw new DOMException(
          `The disk is full: ${Math.round(known.free / 1_048_576)} MB left, nothing is written until there is room`,
          'QuotaExceededError',
        );
    },
  };
}

/**
 * Has LevelDB write what it holds to a table file and drop its log, broken record and all:
 * deleting a database (any of the extension's) compacts the store it shares with the others.
 */
export async function repairLog(indexedDB: IDBFactory): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(REPAIR_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('repair');
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const remove = indexedDB.deleteDatabase(REPAIR_DB);
    remove.onsuccess = () => resolve();
    remove.onerror = () => reject(remove.error);
  });
}
