/** Housekeeping of recorded data: retention of raw switches, deleting everything, storage used. */
import { announceDataChanged } from './changes';
import type { ToggleTaxDB } from './schema';
import { TRACKER_STATE_KEY } from './schema';
import { addDays } from '../figures/report';
import { initialTrackerState } from '../tracker/reducer';

/** Deletes raw switches older than `retentionDays` before `today`; rollups stay. Returns how many went. */
export async function applyRetention(db: ToggleTaxDB, today: string, retentionDays: number | null): Promise<number> {
  if (retentionDays === null) return 0;
  const old = db.switchBlocks.where('day').below(addDays(today, -retentionDays + 1));
  let deleted = 0;
  await old.each((block) => (deleted += block.at.length));
  await old.delete();
  if (deleted > 0) announceDataChanged();
  return deleted;
}

/**
 * Deletes every recorded row and the tracker's state; settings stay. The tracker starts afresh at
 * `now`: events the background still holds in memory from before (utils/tracking.ts writes them a
 * few seconds late) count from the delete on, never before it.
 */
export async function deleteAllData(db: ToggleTaxDB, now: number): Promise<void> {
  await db.transaction('rw', db.dataTables, async () => {
    await Promise.all(db.dataTables.map((table) => table.clear()));
    await db.meta.put({ key: TRACKER_STATE_KEY, value: initialTrackerState(now) });
  });
  // Committed: pages that show figures read again.
  announceDataChanged();
}

/** Forgets the opt-in list of unrecognised sites (hostnames and time); pages showing it read again. */
export async function forgetSites(db: ToggleTaxDB): Promise<void> {
  await db.siteDays.clear();
  announceDataChanged();
}

export interface StorageUse {
  usedBytes: number | null;
  quotaBytes: number | null;
}

export async function storageUse(storage: Pick<StorageManager, 'estimate'> | undefined): Promise<StorageUse> {
  const estimate = await storage?.estimate().catch(() => undefined);
  return { usedBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
}
