/** Housekeeping of recorded data: retention of raw switches, forgetting sites, deleting everything. */
import { addDays } from '../days';
import { initialTrackerState } from '../tracker/reducer';
import { eachValue, inTransaction, request } from './idb';
import type { SwitchBlock } from './rows';
import { STORES, TRACKER_STATE_KEY } from './rows';

/** Deletes raw switches older than `retentionDays` before `today`; rollups stay. Returns how many went. */
export async function deleteOldSwitches(
  db: IDBDatabase,
  keyRange: typeof IDBKeyRange,
  today: string,
  retentionDays: number | null,
): Promise<number> {
  if (retentionDays === null) return 0;
  const before = keyRange.upperBound(addDays(today, -retentionDays + 1), true);
  return inTransaction(db, ['switchBlocks'], 'readwrite', async (tx) => {
    let deleted = 0;
    await eachValue<SwitchBlock>(tx.objectStore('switchBlocks').index('day'), before, (block, cursor) => {
      deleted += block.at.length;
      cursor.delete();
    });
    return deleted;
  });
}

/**
 * Deletes every recorded row and the tracker's state; settings stay. The tracker starts afresh at
 * `now`: events the worker still holds from before count from the delete on, never before it.
 */
export function deleteEverything(db: IDBDatabase, now: number): Promise<void> {
  return inTransaction(db, STORES, 'readwrite', async (tx) => {
    for (const store of STORES) tx.objectStore(store).clear();
    await request(tx.objectStore('meta').put({ key: TRACKER_STATE_KEY, value: initialTrackerState(now) }));
  });
}

/** Forgets the opt-in list of unrecognised sites (hostnames and time). */
export function forgetSites(db: IDBDatabase): Promise<void> {
  return inTransaction(
    db,
    ['siteDays'],
    'readwrite',
    async (tx) => void (await request(tx.objectStore('siteDays').clear())),
  );
}

export interface StorageUse {
  usedBytes: number | null;
  quotaBytes: number | null;
}

export async function storageUse(storage: Pick<StorageManager, 'estimate'> | undefined): Promise<StorageUse> {
  const estimate = await storage?.estimate().catch(() => undefined);
  return { usedBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
}
