/**
 * Feeds attention events through the tracker and stores what it records. Each event is one
 * IndexedDB transaction holding the raw rows, every rollup they touch and the tracker's new state:
 * the rollups can never disagree with the raw rows, and a service worker stopped between two
 * events resumes from exactly the state that matches what was stored.
 */
import type { DayRow, PairDayRow, ToggleTaxDB } from './db';
import { appendToBlock, blockKey, emptyBlock, loadTrackerState, TRACKER_STATE_KEY } from './db';
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
        await addToPairDay(db, record);
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

/** Pairs are unordered: {A, B} is stored once, with A < B, and directions kept apart. */
export function pairKey(from: string, to: string): { a: string; b: string; forward: boolean } {
  return from < to ? { a: from, b: to, forward: true } : { a: to, b: from, forward: false };
}

async function addToPairDay(db: ToggleTaxDB, s: Extract<TrackerRecord, { type: 'switch' }>): Promise<void> {
  const { a, b, forward } = pairKey(s.from, s.to);
  const row: PairDayRow = (await db.pairDays.get([s.day, a, b])) ?? {
    day: s.day,
    a,
    b,
    aToB: 0,
    bToA: 0,
    transitMs: 0,
    detours: 0,
    detourDwellMs: 0,
  };
  if (forward) row.aToB += 1;
  else row.bToA += 1;
  row.transitMs += s.transitMs;
  if (s.detourDwellMs !== null) {
    row.detours += 1;
    row.detourDwellMs += s.detourDwellMs;
  }
  await db.pairDays.put(row);
}

async function addToDay(db: ToggleTaxDB, day: string, add: Partial<Omit<DayRow, 'day'>>): Promise<void> {
  const row = (await db.days.get(day)) ?? { day, attendedMs: 0, switches: 0, breaks: 0 };
  row.attendedMs += add.attendedMs ?? 0;
  row.switches += add.switches ?? 0;
  row.breaks += add.breaks ?? 0;
  await db.days.put(row);
}
