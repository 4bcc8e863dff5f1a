/**
 * Restoring recorded rows (a backup) by merging, in one transaction: all of it or, on failure, none.
 * - a day this browser has no record of is taken from the backup as it is;
 * - a day both have keeps what is here, adds the backup's switches it lacks (a switch is known by
 *   its time and apps) and keeps the larger attended times, unless retention deleted its switches
 *   here (their totals already count them);
 * so restoring the same rows any number of times, before or after retention, changes nothing, and
 * nothing here is ever replaced by less.
 */
import type { SwitchRow } from '../tracker/reducer';
import { getAll, inTransaction, request } from './idb';
import { storeRecords } from './journal';
import type { AppDayRow, DayRow, PairsOfDay, SwitchBlock } from './rows';
import { fromBlock, monthOf, monthsOfDays, toBlocks, toPairsOfDays } from './rows';
import type { RecordedRows } from './reads';

export interface RestoreSummary {
  daysAdded: number;
  switchesAdded: number;
}

const RESTORE_STORES = ['switchBlocks', 'pairsByDay', 'pairsByMonth', 'appDays', 'days'];

export function restoreRows(
  db: IDBDatabase,
  rows: RecordedRows,
  keyRange: typeof IDBKeyRange,
): Promise<RestoreSummary> {
  return inTransaction(db, RESTORE_STORES, 'readwrite', async (tx) => {
    const store = (name: string) => tx.objectStore(name);
    const putAll = async (name: string, values: readonly unknown[]) =>
      Promise.all(values.map((v) => request(store(name).put(v))));
    const localDays = new Set(await request<string[]>(store('days').getAllKeys()));
    const isNew = (day: string) => !localDays.has(day);

    // Days this browser never saw: taken whole.
    const fresh = rows.switches.filter((s) => isNew(s.day));
    const freshPairs = rows.pairDays.filter((r) => isNew(r.day));
    const freshDays = rows.days.filter((r) => isNew(r.day));
    await Promise.all([
      putAll('switchBlocks', toBlocks(fresh)),
      putAll('pairsByDay', toPairsOfDays(freshPairs)),
      putAll(
        'appDays',
        rows.appDays.filter((r) => isNew(r.day)),
      ),
      putAll('days', freshDays),
    ]);
    await sumMonthsAgain(tx, [...new Set(freshPairs.map((r) => monthOf(r.day)))], keyRange);

    // Days both have: add only the switches missing here, and keep the larger attended times. A
    // day whose switches retention deleted here keeps its totals: they already count them.
    const shared = rows.switches.filter((s) => !isNew(s.day));
    let added = fresh.length;
    if (shared.length) {
      const sharedDays = [...new Set(shared.map((s) => s.day))];
      const [blocks, totals] = await Promise.all([
        Promise.all(
          sharedDays.map((day) => getAll<SwitchBlock>(store('switchBlocks').index('day'), keyRange.only(day))),
        ),
        Promise.all(sharedDays.map((day) => request<DayRow>(store('days').get(day)))),
      ]);
      const pruned = new Set(
        sharedDays.filter((_, i) => blocks[i]!.reduce((n, block) => n + block.at.length, 0) < totals[i]!.switches),
      );
      const known = new Set(blocks.flat().flatMap(fromBlock).map(switchId));
      const missing = shared.filter((s) => !pruned.has(s.day) && !known.has(switchId(s)));
      await storeRecords(
        tx,
        missing.map((s) => ({ type: 'switch', ...s })),
      );
      added += missing.length;
    }
    for (const row of rows.days.filter((r) => !isNew(r.day))) {
      const here = (await request<DayRow | undefined>(store('days').get(row.day)))!;
      await request(
        store('days').put({
          ...here,
          attendedMs: Math.max(here.attendedMs, row.attendedMs),
          breaks: Math.max(here.breaks, row.breaks),
        }),
      );
    }
    for (const row of rows.appDays.filter((r) => !isNew(r.day))) {
      const here = await request<AppDayRow | undefined>(store('appDays').get([row.day, row.app]));
      if (!here || here.attendedMs < row.attendedMs) await request(store('appDays').put(row));
    }
    return { daysAdded: freshDays.length, switchesAdded: added };
  });
}

const switchId = (s: Pick<SwitchRow, 'at' | 'from' | 'to'>) => `${s.at}|${s.from}|${s.to}`;

/**
 * Rewrites the monthly pair rollups of `months` from their days: for writers that replace whole
 * days, where adding a replaced day's sums would count it twice.
 */
async function sumMonthsAgain(tx: IDBTransaction, months: readonly string[], keyRange: typeof IDBKeyRange) {
  if (months.length === 0) return;
  // Day keys sort as text: a month's days all lie between its `-01` and `-31`.
  const days = await Promise.all(
    months.map((month) =>
      getAll<PairsOfDay>(tx.objectStore('pairsByDay'), keyRange.bound(`${month}-01`, `${month}-31`)),
    ),
  );
  const summed = monthsOfDays(days.flat());
  const byMonth = tx.objectStore('pairsByMonth');
  await Promise.all([
    ...summed.map((row) => request(byMonth.put(row))),
    ...months.filter((m) => !summed.some((row) => row.month === m)).map((m) => request(byMonth.delete(m))),
  ]);
}
