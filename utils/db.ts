/**
 * The one database: raw switches, daily rollups written in the same transaction, and the
 * tracker's state. Versions only ever move forward; a version with an upgrade function is never
 * edited once shipped (Dexie's rule: https://dexie.org/docs/Tutorial/Design#database-versioning).
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { TrackerRecord } from './tracker';

export const DB_NAME = 'toggle-tax';

/** One recorded switch. Timestamps of single events never leave the browser (exports aggregate). */
export interface SwitchRow {
  /** When the person landed on `to` (ms since the epoch). */
  at: number;
  /** Local day of `at`, `YYYY-MM-DD`. */
  day: string;
  from: string;
  to: string;
  transitMs: number;
  /** Dwell in `from` when this switch returns from a detour, else null. */
  detourDwellMs: number | null;
}

/**
 * The raw switches of one hour of one local day, stored by column. A row per switch made the
 * database write one IndexedDB record per switch: restoring a year of a heavy user (276,000
 * switches) took 27 s and 280 bytes a switch; by the hour it is about 2,000 records
 * (`npm run bench`, README). Appending a switch rewrites one block of at most a few hundred entries.
 */
export interface SwitchBlock {
  day: string;
  /** Hours since the epoch: `Math.floor(at / 3_600_000)`. */
  hour: number;
  at: number[];
  from: string[];
  to: string[];
  transitMs: number[];
  detourDwellMs: (number | null)[];
}

/**
 * Switches of one unordered pair on one day. `a` < `b`; `aToB` and `bToA` count the directions.
 * Sums are raw measurements: the cost model is applied when reading, so a change of assumptions
 * re-prices all history without rewriting it.
 */
export interface PairDayRow {
  day: string;
  a: string;
  b: string;
  aToB: number;
  bToA: number;
  transitMs: number;
  detours: number;
  detourDwellMs: number;
}

/** A pair's sums within one day's row of `pairsByDay`. */
export type PairCounts = Omit<PairDayRow, 'day'>;

/**
 * The pair rollups of one local day, stored by column: entry `i` of every array is one pair. One
 * record per pair and day meant reading 23,000 records for a heavy user's year (400 ms in
 * IndexedDB alone); one record per day of pair objects (version 4) still made IndexedDB
 * deserialise 23,000 small objects for the options page's year (about 30 ms); arrays of numbers
 * and strings read about four times faster. Code reads and writes them through the functions below.
 */
export interface PairsOfDay {
  day: string;
  a: string[];
  b: string[];
  aToB: number[];
  bToA: number[];
  transitMs: number[];
  detours: number[];
  detourDwellMs: number[];
}

/** Version 4's rows of `pairsByDay`, one object per pair (kept for its upgrade). */
export interface PairsOfDayV4 {
  day: string;
  pairs: PairCounts[];
}

/** Attended time in one app on one day (landed visits only). */
export interface AppDayRow {
  day: string;
  app: string;
  attendedMs: number;
}

/** Totals of one local day; `attendedMs` (all attended browsing) decides whether it is an active day. */
export interface DayRow {
  day: string;
  attendedMs: number;
  switches: number;
  breaks: number;
}

/**
 * Time on one unrecognised site on one day: kept only while the person has opted in, to offer
 * adding the site as an app. Hostname and milliseconds, nothing else.
 */
export interface SiteDayRow {
  day: string;
  host: string;
  attendedMs: number;
}

/**
 * Records of one event, written at once when the event is recorded and folded into the raw
 * switches and rollups a moment later, many events at a time (utils/recorder.ts says why).
 */
export interface JournalEntry {
  id?: number;
  records: TrackerRecord[];
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class ToggleTaxDB extends Dexie {
  switchBlocks!: Table<SwitchBlock, [string, number]>;
  pairsByDay!: EntityTable<PairsOfDay, 'day'>;
  appDays!: Table<AppDayRow, [string, string]>;
  days!: EntityTable<DayRow, 'day'>;
  siteDays!: Table<SiteDayRow, [string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;
  journal!: EntityTable<JournalEntry, 'id'>;

  constructor(name = DB_NAME) {
    // No query cache: Dexie's default cache deep-copies every live query's result for each reader,
    // about 10 ms of the options page's year of rollups. Pages re-read on every change anyway.
    super(name, { cache: 'disabled' });
    this.version(1).stores({
      switches: '++id, at, day',
      pairDays: '[day+a+b], day',
      appDays: '[day+app], day',
      days: 'day',
      meta: 'key',
    });
    // 2: the opt-in list of unrecognised sites.
    this.version(2).stores({ siteDays: '[day+host], day, host' });
    // 3: raw switches by the hour instead of one record each.
    this.version(3)
      .stores({ switchBlocks: '[day+hour], day', switches: null })
      .upgrade(moveSwitchesIntoBlocks);
    // 4: pair rollups by the day instead of one record per pair and day.
    this.version(4)
      .stores({ pairsByDay: 'day', pairDays: null })
      .upgrade(async (tx) => {
        const rows = (await tx.table('pairDays').toArray()) as PairDayRow[];
        await tx.table('pairsByDay').bulkPut(groupPairsByDay(rows));
      });
    // 5: records waiting to be folded into the tables above.
    this.version(5).stores({ journal: '++id' });
    // 6: each day's pair rollups by column instead of an array of objects.
    this.version(6)
      .stores({ pairsByDay: 'day' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('pairsByDay').toArray()) as PairsOfDayV4[];
        await tx.table('pairsByDay').bulkPut(rows.map(({ day, pairs }) => toPairsOfDay(day, pairs)));
      });
  }

  /** Every table that holds recorded data (all but settings, which live in extension storage). */
  get dataTables() {
    return [this.switchBlocks, this.pairsByDay, this.appDays, this.days, this.siteDays, this.meta, this.journal];
  }

  /** The tables a fold of the journal writes. */
  get foldTables() {
    return [this.journal, this.switchBlocks, this.pairsByDay, this.appDays, this.days, this.siteDays];
  }
}

export const TRACKER_STATE_KEY = 'tracker';


async function moveSwitchesIntoBlocks(tx: Transaction): Promise<void> {
  const rows = (await tx.table('switches').orderBy('id').toArray()) as SwitchRow[];
  await tx.table('switchBlocks').bulkPut(toBlocks(rows));
}

export function blockKey(row: Pick<SwitchRow, 'at' | 'day'>): [string, number] {
  return [row.day, Math.floor(row.at / 3_600_000)];
}

export function emptyBlock([day, hour]: [string, number]): SwitchBlock {
  return { day, hour, at: [], from: [], to: [], transitMs: [], detourDwellMs: [] };
}

export function appendToBlock(block: SwitchBlock, row: SwitchRow): void {
  block.at.push(row.at);
  block.from.push(row.from);
  block.to.push(row.to);
  block.transitMs.push(row.transitMs);
  block.detourDwellMs.push(row.detourDwellMs);
}

/** Groups switches, in the order given, into hour blocks. */
export function toBlocks(rows: Iterable<SwitchRow>): SwitchBlock[] {
  const blocks = new Map<string, SwitchBlock>();
  for (const row of rows) {
    const key = blockKey(row);
    const id = `${key[0]}|${key[1]}`;
    let block = blocks.get(id);
    if (!block) blocks.set(id, (block = emptyBlock(key)));
    appendToBlock(block, row);
  }
  return [...blocks.values()];
}

export function fromBlock(block: SwitchBlock): SwitchRow[] {
  return block.at.map((at, i) => ({
    at,
    day: block.day,
    from: block.from[i]!,
    to: block.to[i]!,
    transitMs: block.transitMs[i]!,
    detourDwellMs: block.detourDwellMs[i]!,
  }));
}

/** Every raw switch, oldest first (for backups and tests; figures come from the rollups). */
export async function allSwitches(db: ToggleTaxDB): Promise<SwitchRow[]> {
  const rows = (await db.switchBlocks.toArray()).flatMap(fromBlock);
  return rows.sort((a, b) => a.at - b.at);
}

/** Version 4's grouping of pair rollups by day (its upgrade's; never change it). */
export function groupPairsByDay(rows: readonly PairDayRow[]): PairsOfDayV4[] {
  const days = new Map<string, PairsOfDayV4>();
  for (const { day, ...pair } of rows) {
    let row = days.get(day);
    if (!row) days.set(day, (row = { day, pairs: [] }));
    row.pairs.push(pair);
  }
  return [...days.values()];
}

/** A day with no pair rollups yet: what the recorder starts from when `pairsByDay` has no row for it. */
export function emptyPairsOfDay(day: string): PairsOfDay {
  return { day, a: [], b: [], aToB: [], bToA: [], transitMs: [], detours: [], detourDwellMs: [] };
}

function toPairsOfDay(day: string, pairs: Iterable<PairCounts>): PairsOfDay {
  const row = emptyPairsOfDay(day);
  for (const pair of pairs) appendPair(row, pair);
  return row;
}

function appendPair(row: PairsOfDay, pair: PairCounts): void {
  row.a.push(pair.a);
  row.b.push(pair.b);
  row.aToB.push(pair.aToB);
  row.bToA.push(pair.bToA);
  row.transitMs.push(pair.transitMs);
  row.detours.push(pair.detours);
  row.detourDwellMs.push(pair.detourDwellMs);
}

/** Rollup rows grouped into one `pairsByDay` record per day. */
export function toPairsOfDays(rows: readonly PairDayRow[]): PairsOfDay[] {
  const days = new Map<string, PairsOfDay>();
  for (const { day, ...pair } of rows) {
    let row = days.get(day);
    if (!row) days.set(day, (row = emptyPairsOfDay(day)));
    appendPair(row, pair);
  }
  return [...days.values()];
}

/** One rollup row per pair and day. */
export function flattenPairs(rows: readonly PairsOfDay[]): PairDayRow[] {
  const flat: PairDayRow[] = [];
  for (const row of rows)
    for (let i = 0; i < row.a.length; i++)
      flat.push({
        day: row.day,
        a: row.a[i]!,
        b: row.b[i]!,
        aToB: row.aToB[i]!,
        bToA: row.bToA[i]!,
        transitMs: row.transitMs[i]!,
        detours: row.detours[i]!,
        detourDwellMs: row.detourDwellMs[i]!,
      });
  return flat;
}

/** Pair rollups of the days from `start` to `end` (inclusive; all days when omitted). */
export async function readPairDays(db: ToggleTaxDB, start?: string, end?: string): Promise<PairDayRow[]> {
  const rows =
    start === undefined || end === undefined
      ? await db.pairsByDay.toArray()
      : await db.pairsByDay.where('day').between(start, end, true, true).toArray();
  return flattenPairs(rows);
}

/**
 * The pair rollups of a range of days: each pair's totals, summed straight from the stored
 * columns, and one row per pair and day only when asked for (a heavy user's year is 23,000 rows).
 */
export interface PairRollups {
  totals: PairCounts[];
  perDay(): PairDayRow[];
}

export async function readPairRollups(db: ToggleTaxDB, start: string, end: string): Promise<PairRollups> {
  const rows = await db.pairsByDay.where('day').between(start, end, true, true).toArray();
  return { totals: sumPairsOfDays(rows), perDay: () => flattenPairs(rows) };
}

/** Each pair's sums over the given days. */
export function sumPairsOfDays(rows: readonly PairsOfDay[]): PairCounts[] {
  const totalsByA = new Map<string, Map<string, PairCounts>>();
  const totals: PairCounts[] = [];
  for (const row of rows)
    for (let i = 0; i < row.a.length; i++) {
      const a = row.a[i]!;
      const b = row.b[i]!;
      let byB = totalsByA.get(a);
      if (!byB) totalsByA.set(a, (byB = new Map()));
      let total = byB.get(b);
      if (!total) {
        byB.set(b, (total = { a, b, aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0 }));
        totals.push(total);
      }
      total.aToB += row.aToB[i]!;
      total.bToA += row.bToA[i]!;
      total.transitMs += row.transitMs[i]!;
      total.detours += row.detours[i]!;
      total.detourDwellMs += row.detourDwellMs[i]!;
    }
  return totals;
}

/** Writes pair rollups, replacing whole days: for days this database has no rollups of. */
export async function putPairDays(db: ToggleTaxDB, rows: readonly PairDayRow[]): Promise<void> {
  await db.pairsByDay.bulkPut(toPairsOfDays(rows));
}

/**
 * The sums of one pair within a day's row, added to the row if the pair is new that day. Setting
 * a field of what it returns writes the row's column, so `pairIn(row, a, b).aToB += 1` counts a switch.
 */
export function pairIn(row: PairsOfDay, a: string, b: string): PairCounts {
  let i = 0;
  while (i < row.a.length && (row.a[i] !== a || row.b[i] !== b)) i++;
  if (i === row.a.length) appendPair(row, { a, b, aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0 });
  return {
    a,
    b,
    get aToB() {
      return row.aToB[i]!;
    },
    set aToB(n) {
      row.aToB[i] = n;
    },
    get bToA() {
      return row.bToA[i]!;
    },
    set bToA(n) {
      row.bToA[i] = n;
    },
    get transitMs() {
      return row.transitMs[i]!;
    },
    set transitMs(n) {
      row.transitMs[i] = n;
    },
    get detours() {
      return row.detours[i]!;
    },
    set detours(n) {
      row.detours[i] = n;
    },
    get detourDwellMs() {
      return row.detourDwellMs[i]!;
    },
    set detourDwellMs(n) {
      row.detourDwellMs[i] = n;
    },
  };
}
