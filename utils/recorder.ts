/**
 * Feeds attention events through the tracker and stores what it records. Each event is one
 * IndexedDB transaction holding the raw rows, every rollup they touch and the tracker's new state:
 * the rollups can never disagree with the raw rows, and a service worker stopped between two
 * events resumes from exactly the state that matches what was stored.
 */
import type { DayRow, PairsOfDay, SwitchRow, ToggleTaxDB } from './db';
import { appendToBlock, blockKey, emptyBlock, emptyPairsOfDay, loadTrackerState, pairIn, TRACKER_STATE_KEY } from './db';
import type { AttentionEvent, Reduction, TrackerContext, TrackerRecord } from './tracker';
import { initialTrackerState, reduce } from './tracker';

export interface Recorder {
  /** Records one event; events must be passed in the order they happened. */
  record(event: AttentionEvent, ctx: TrackerContext): Promise<Reduction>;
}

export function createRecorder(db: ToggleTaxDB): Recorder {
  return {
    record: (event, ctx) =>
      db.transaction('rw', db.dataTables, async () => {
        const state = (await loadTrackerState(db)) ?? initialTrackerState(event.at);
        const reduction = reduce(state, event, ctx);
        await storeRecords(db, reduction.records);
        if (reduction.state !== state) await db.meta.put({ key: TRACKER_STATE_KEY, value: reduction.state });
        return reduction;
      }),
  };
}

/** Adds records to the raw table and the rollups. Must run inside a transaction over all of them. */
export async function storeRecords(db: ToggleTaxDB, records: readonly TrackerRecord[]): Promise<void> {
  for (const record of records) {
    switch (record.type) {
      case 'switch': {
        const { type: _, ...row } = record;
        const key = blockKey(row);
        const block = (await db.switchBlocks.get(key)) ?? emptyBlock(key);
        appendToBlock(block, row);
        await db.switchBlocks.put(block);
        await addToPairDay(db, row);
        await addToDay(db, record.day, { switches: 1 });
        break;
      }
      case 'break':
        await addToDay(db, record.day, { breaks: 1 });
        break;
      case 'attended':
        await addToDay(db, record.day, { attendedMs: record.ms });
        if (record.appId !== null) {
          const row = await db.appDays.get([record.day, record.appId]);
          await db.appDays.put({ day: record.day, app: record.appId, attendedMs: (row?.attendedMs ?? 0) + record.ms });
        }
        if (record.site) {
          const row = await db.siteDays.get([record.day, record.site]);
          await db.siteDays.put({ day: record.day, host: record.site, attendedMs: (row?.attendedMs ?? 0) + record.ms });
        }
        break;
    }
  }
}

/**
 * Adds many switches at once, with their rollups: what `storeRecords` does one by one, in a few
 * bulk reads and writes (a restore merging a day both browsers recorded). Inside a transaction over
 * switchBlocks, pairDays and days.
 */
export async function storeSwitchesInBulk(db: ToggleTaxDB, rows: readonly SwitchRow[]): Promise<void> {
  const idOf = (key: readonly (string | number)[]) => key.join('\u0000');
  const blockKeys = [...new Map(rows.map((r) => [idOf(blockKey(r)), blockKey(r)])).values()];
  const dayKeys = [...new Set(rows.map((r) => r.day))];
  const [oldBlocks, oldPairs, oldDays] = await Promise.all([
    db.switchBlocks.bulkGet(blockKeys),
    db.pairsByDay.bulkGet(dayKeys),
    db.days.bulkGet(dayKeys),
  ]);
  const blocks = new Map(blockKeys.map((k, i) => [idOf(k), oldBlocks[i] ?? emptyBlock(k)]));
  const pairs = new Map(dayKeys.map((d, i) => [d, oldPairs[i] ?? emptyPairsOfDay(d)]));
  const days = new Map(dayKeys.map((d, i) => [d, oldDays[i] ?? { day: d, attendedMs: 0, switches: 0, breaks: 0 }]));
  for (const row of rows) {
    appendToBlock(blocks.get(idOf(blockKey(row)))!, row);
    countSwitch(pairs.get(row.day)!, row);
    days.get(row.day)!.switches += 1;
  }
  await Promise.all([
    db.switchBlocks.bulkPut([...blocks.values()]),
    db.pairsByDay.bulkPut([...pairs.values()]),
    db.days.bulkPut([...days.values()]),
  ]);
}

/** Pairs are unordered: {A, B} is stored once, with A < B, and directions kept apart. */
export function pairKey(from: string, to: string): { a: string; b: string; forward: boolean } {
  return from < to ? { a: from, b: to, forward: true } : { a: to, b: from, forward: false };
}

async function addToPairDay(db: ToggleTaxDB, s: SwitchRow): Promise<void> {
  const row = (await db.pairsByDay.get(s.day)) ?? emptyPairsOfDay(s.day);
  countSwitch(row, s);
  await db.pairsByDay.put(row);
}

/** Adds one switch to its pair's sums in the day's rollup row. */
function countSwitch(row: PairsOfDay, s: SwitchRow): void {
  const { a, b, forward } = pairKey(s.from, s.to);
  const pair = pairIn(row, a, b);
  if (forward) pair.aToB += 1;
  else pair.bToA += 1;
  pair.transitMs += s.transitMs;
  if (s.detourDwellMs !== null) {
    pair.detours += 1;
    pair.detourDwellMs += s.detourDwellMs;
  }
}

async function addToDay(db: ToggleTaxDB, day: string, add: Partial<Omit<DayRow, 'day'>>): Promise<void> {
  const row = (await db.days.get(day)) ?? { day, attendedMs: 0, switches: 0, breaks: 0 };
  row.attendedMs += add.attendedMs ?? 0;
  row.switches += add.switches ?? 0;
  row.breaks += add.breaks ?? 0;
  await db.days.put(row);
}
