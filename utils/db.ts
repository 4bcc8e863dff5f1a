/**
 * The one database: raw switches, daily rollups written in the same transaction, and the
 * tracker's state. Versions only ever move forward; a version with an upgrade function is never
 * edited once shipped (Dexie's rule: https://dexie.org/docs/Tutorial/Design#database-versioning).
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { TrackerState } from './tracker';

export const DB_NAME = 'toggle-tax';

/** One recorded switch. Timestamps of single events never leave the browser (exports aggregate). */
export interface SwitchRow {
  id: number;
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

export interface MetaRow {
  key: string;
  value: unknown;
}

export class ToggleTaxDB extends Dexie {
  switches!: EntityTable<SwitchRow, 'id'>;
  pairDays!: Table<PairDayRow, [string, string, string]>;
  appDays!: Table<AppDayRow, [string, string]>;
  days!: EntityTable<DayRow, 'day'>;
  siteDays!: Table<SiteDayRow, [string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      switches: '++id, at, day',
      pairDays: '[day+a+b], day',
      appDays: '[day+app], day',
      days: 'day',
      meta: 'key',
    });
    // 2: the opt-in list of unrecognised sites.
    this.version(2).stores({ siteDays: '[day+host], day, host' });
  }

  /** Every table that holds recorded data (all but settings, which live in extension storage). */
  get dataTables() {
    return [this.switches, this.pairDays, this.appDays, this.days, this.siteDays, this.meta];
  }
}

export const TRACKER_STATE_KEY = 'tracker';

export async function loadTrackerState(db: ToggleTaxDB): Promise<TrackerState | undefined> {
  return (await db.meta.get(TRACKER_STATE_KEY))?.value as TrackerState | undefined;
}
