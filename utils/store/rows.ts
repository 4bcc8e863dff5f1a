/**
 * The database's name and version, the stored rows' shapes, and the pure functions that build and
 * read them: switches are kept by the hour, pair rollups by the day and by the month. Apart from
 * schema.ts (Dexie) so that a page that only reads (the popup) never loads Dexie.
 */
import type { SwitchRow, TrackerRecord } from '../tracker/reducer';

export const DB_NAME = 'toggle-tax';
/** The last version schema.ts declares (a test holds them equal). */
export const SCHEMA_VERSION = 7;
/** The same version as IndexedDB knows it: Dexie multiplies its own by ten. */
export const NATIVE_SCHEMA_VERSION = SCHEMA_VERSION * 10;
/** Every object store of this version: recorded data and the tracker's state (settings live elsewhere). */
export const STORES = [
  'switchBlocks',
  'pairsByDay',
  'pairsByMonth',
  'appDays',
  'days',
  'siteDays',
  'meta',
  'journal',
] as const;
export type StoreName = (typeof STORES)[number];
/** The `meta` row that holds the tracker's state. */
export const TRACKER_STATE_KEY = 'tracker';

/**
 * Records of one batch of events, written as they are recorded and folded into the raw switches
 * and rollups a moment later, many batches at a time (journal.ts says why).
 */
export interface JournalEntry {
  id?: number;
  records: TrackerRecord[];
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The raw switches of one hour of one local day, stored by column: IndexedDB charges by the record,
 * so a year is a few thousand records instead of one per switch. Appending a switch rewrites one
 * block of at most a few hundred entries.
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
 * Sums of several pairs stored by column: entry `i` of every array is one pair. Arrays of numbers
 * and strings deserialise several times faster than as many small objects. Code reads and writes
 * them through the functions below.
 */
export interface PairColumns {
  a: string[];
  b: string[];
  aToB: number[];
  bToA: number[];
  transitMs: number[];
  detours: number[];
  detourDwellMs: number[];
}

/** The pair rollups of one local day (`pairsByDay`). */
export interface PairsOfDay extends PairColumns {
  day: string;
}

/**
 * The pair rollups of one calendar month (`pairsByMonth`): the sums of that month's rows of
 * `pairsByDay`, kept by every writer of those rows, so that a year is read as a dozen month rows and
 * the days at the two ends of the range rather than as every day.
 */
export interface PairsOfMonth extends PairColumns {
  /** `YYYY-MM`, the first seven characters of its days' keys. */
  month: string;
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

function emptyColumns(): PairColumns {
  return { a: [], b: [], aToB: [], bToA: [], transitMs: [], detours: [], detourDwellMs: [] };
}

/** A day with no pair rollups yet: what the recorder starts from when `pairsByDay` has no row for it. */
export function emptyPairsOfDay(day: string): PairsOfDay {
  return { day, ...emptyColumns() };
}

/** A month with no pair rollups yet. */
export function emptyPairsOfMonth(month: string): PairsOfMonth {
  return { month, ...emptyColumns() };
}

/** The month (`YYYY-MM`) of a day key (`YYYY-MM-DD`). */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function toPairsOfDay(day: string, pairs: Iterable<PairCounts>): PairsOfDay {
  const row = emptyPairsOfDay(day);
  for (const pair of pairs) appendPair(row, pair);
  return row;
}

function appendPair(row: PairColumns, pair: PairCounts): void {
  row.a.push(pair.a);
  row.b.push(pair.b);
  row.aToB.push(pair.aToB);
  row.bToA.push(pair.bToA);
  row.transitMs.push(pair.transitMs);
  row.detours.push(pair.detours);
  row.detourDwellMs.push(pair.detourDwellMs);
}

/** The monthly rollups of the given day rows: each month's pairs summed over its days. */
export function monthsOfDays(rows: readonly PairsOfDay[]): PairsOfMonth[] {
  const byMonth = new Map<string, PairsOfDay[]>();
  for (const row of rows) {
    const month = monthOf(row.day);
    let days = byMonth.get(month);
    if (!days) byMonth.set(month, (days = []));
    days.push(row);
  }
  return [...byMonth].map(([month, days]) => {
    const row = emptyPairsOfMonth(month);
    for (const pair of sumPairs(days)) appendPair(row, pair);
    return row;
  });
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
/** Each pair's sums over the given rows (days, months, or both). */
export function sumPairs(rows: readonly PairColumns[]): PairCounts[] {
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
/**
 * Where one pair's sums are within a day's (or a month's) row: their index in every column, the
 * pair added with zero sums if it is new there. `row.aToB[i] += 1` then counts a switch. (The fold
 * counts every switch this way twice, into its day and its month: no allocation per switch.)
 */
export function pairIndex(row: PairColumns, a: string, b: string): number {
  for (let i = 0; i < row.a.length; i++) if (row.a[i] === a && row.b[i] === b) return i;
  appendPair(row, { a, b, aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0 });
  return row.a.length - 1;
}

/** The daily rollups of a range of days, as stored, in day order. */
export interface DayRollups {
  pairsOfDays: PairsOfDay[];
  days: DayRow[];
}

/**
 * The pair rollups that cover a range of days once summed (the months wholly inside it and the
 * days of the months it only partly covers), and the day totals of the range.
 */
export interface MonthRollups {
  pairRows: PairColumns[];
  days: DayRow[];
}

/**
 * Reads of the rollups of the days up to `end`, from `start` or, when null, from the first day
 * recorded, each in one transaction (reads.ts; tests may pass rows already in memory).
 */
export interface RollupSource {
  /** Each day's rollups: for what needs pairs day by day (integrations' before and after, evidence). */
  read(start: string | null, end: string): Promise<DayRollups>;
  /** Rollups to sum: whole months from `pairsByMonth`, the other days from `pairsByDay` (see `monthReads`). */
  readByMonth(start: string | null, end: string): Promise<MonthRollups>;
}

/** An inclusive range of keys of `pairsByMonth` or `pairsByDay`; `first` null reads from the first one stored. */
export interface KeyRange {
  first: string | null;
  last: string;
}

/**
 * Which rows cover the days from `start` (null: the first recorded) to `end`: the months wholly
 * inside the range, and the days of the months at its ends that it covers only in part (at most
 * two ranges of days). Summing them gives the range's sums; a year is read as about a dozen month
 * rows and the days of the current month and of the month it starts in.
 */
export function monthReads(start: string | null, end: string): { months: KeyRange | null; days: KeyRange[] } {
  const endMonth = monthOf(end);
  const endsMonth = end === lastDayOf(endMonth);
  const lastWhole = endsMonth ? endMonth : shiftMonth(endMonth, -1);
  const tail: KeyRange[] = endsMonth ? [] : [{ first: `${endMonth}-01`, last: end }];
  if (start === null) return { months: { first: null, last: lastWhole }, days: tail };
  const startMonth = monthOf(start);
  const startsMonth = start === `${startMonth}-01`;
  const firstWhole = startsMonth ? startMonth : shiftMonth(startMonth, 1);
  if (firstWhole > lastWhole) return { months: null, days: [{ first: start, last: end }] };
  const head: KeyRange[] = startsMonth ? [] : [{ first: start, last: lastDayOf(startMonth) }];
  return { months: { first: firstWhole, last: lastWhole }, days: [...head, ...tail] };
}

/** `YYYY-MM` moved by `n` months. */
function shiftMonth(month: string, n: number): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + n);
  return date.toISOString().slice(0, 7);
}

/** The last day of a month, `YYYY-MM-DD`. */
function lastDayOf(month: string): string {
  const date = new Date(`${shiftMonth(month, 1)}-01T00:00:00Z`);
  date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}
