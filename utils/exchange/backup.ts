/**
 * The backup file: everything recorded (raw switches, daily rollups) and the settings, for moving
 * browsers and merging. Its format and checks live here; restoring merges (utils/store/restore.ts),
 * so importing the same backup twice changes nothing.
 */
import * as v from 'valibot';
import type { Store } from '../store';
import { APP_ID } from '../catalog/types';
import { isDay } from '../days';
import type { RestoreSummary } from '../store/restore';
import { pairKey } from '../store/journal';
import type { AppDayRow, DayRow, PairDayRow } from '../store/rows';
import { RECORDING_RULES } from '../tracker/rules';
import { checkFormat, checkSchema, parseJsonSafely } from './import-guard';

export const BACKUP_FORMAT = 'toggle-tax/backup';
export const BACKUP_VERSION = 1;
/** Three heavy years are about 60 MB; a backup larger than this is not one of ours. */
export const MAX_BACKUP_BYTES = 256 * 1_048_576;

/** The longest a local day can be (25 h, across a daylight-saving change), and so any time in it. */
const DAY_MS = 25 * 3_600_000;
/** At most one switch per landing, and a landing takes at least the shortest time to land. */
const MAX_SWITCHES_A_DAY = Math.floor(DAY_MS / (RECORDING_RULES.minDwellMs.min * 1000));
/** No switch is recorded across a gap longer than the longest transit, nor a look-up longer than the longest detour. */
const MAX_TRANSIT_MS = RECORDING_RULES.breakAfterMs.max * 1000;
const MAX_DWELL_MS = RECORDING_RULES.detourMaxMs.max * 1000;

const appId = v.pipe(v.string(), v.regex(APP_ID, 'not an app id'));
const day = v.pipe(v.string(), v.check(isDay, 'not a real date (YYYY-MM-DD)'));
const count = (max: number, what: string) =>
  v.pipe(
    v.number('not a number'),
    v.integer('not a whole number'),
    v.minValue(0, 'a negative number'),
    v.maxValue(max, `more ${what} than a day can hold`),
  );
const ms = count(DAY_MS, 'time');
const switchCount = count(MAX_SWITCHES_A_DAY, 'switches');
const sums = count(MAX_SWITCHES_A_DAY * Math.max(MAX_TRANSIT_MS, MAX_DWELL_MS), 'time');

/** A switch as `[at, day, from, to, transitMs, detourDwellMs | null]`: arrays keep a year's backup small. */
type SwitchTuple = [number, string, string, string, number, number | null];

const isWhole = (n: unknown, max: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
/** Any moment from 2000 to 2100, in ms since the epoch. */
const isMoment = (n: unknown): n is number => isWhole(n, 4_102_444_800_000) && n >= 946_684_800_000;

/**
 * The first problem in a backup's switches, or null. A plain loop rather than a schema per element:
 * a year holds hundreds of thousands of switches, which a per-element schema checks slowly.
 */
export function switchesProblem(rows: readonly unknown[]): string | null {
  const days = new Set<string>();
  const apps = new Set<string>();
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const where = `switches.${i}`;
    if (!Array.isArray(row) || row.length !== 6) return `${where}: not [at, day, from, to, transitMs, detourDwellMs]`;
    const [at, day, from, to, transitMs, dwell] = row as unknown[];
    if (!isMoment(at)) return `${where}: its time is not a moment between 2000 and 2100`;
    if (!isWhole(transitMs, MAX_TRANSIT_MS) || !(dwell === null || isWhole(dwell, MAX_DWELL_MS)))
      return `${where}: a duration is not a whole number of ms within the recording rules' limits`;
    if (typeof day !== 'string' || !(days.has(day) || (isDay(day) && days.add(day))))
      return `${where}: not a real date (YYYY-MM-DD)`;
    for (const app of [from, to])
      if (typeof app !== 'string' || !(apps.has(app) || (APP_ID.test(app) && apps.add(app))))
        return `${where}: not an app id`;
    const key = `${at}|${from}|${to}`;
    if (seen.has(key)) return `${where}: a switch is listed twice`;
    seen.add(key);
  }
  return null;
}

export const BackupSchema = v.pipe(
  v.strictObject({
    format: v.literal(BACKUP_FORMAT),
    version: v.literal(BACKUP_VERSION),
    createdAt: v.pipe(v.string(), v.isoTimestamp()),
    catalogVersion: v.pipe(v.string(), v.maxLength(40)),
    switches: v.pipe(
      v.custom<SwitchTuple[]>(Array.isArray, 'must be a list'),
      v.rawCheck(({ dataset, addIssue }) => {
        const problem = dataset.typed ? switchesProblem(dataset.value) : null;
        if (problem) addIssue({ message: problem });
      }),
    ),
    pairDays: v.array(
      v.strictObject({
        day,
        a: appId,
        b: appId,
        aToB: switchCount,
        bToA: switchCount,
        transitMs: sums,
        detours: switchCount,
        detourDwellMs: sums,
      }),
    ),
    appDays: v.array(v.strictObject({ day, app: appId, attendedMs: ms })),
    days: v.array(v.strictObject({ day, attendedMs: ms, switches: switchCount, breaks: switchCount })),
    /** Extension-storage settings, checked item by item when they are restored. */
    settings: v.record(v.pipe(v.string(), v.regex(/^[a-zA-Z]{1,40}$/)), v.unknown()),
  }),
  v.check((b) => new Set(b.days.map((d) => d.day)).size === b.days.length, 'a day is listed twice'),
  v.check(
    (b) => new Set(b.pairDays.map((p) => `${p.day}|${p.a}|${p.b}`)).size === b.pairDays.length,
    'a pair-day is listed twice',
  ),
  v.check((b) => b.pairDays.every((p) => p.a < p.b), 'a pair is not sorted'),
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = dataset.typed ? totalsProblem(dataset.value) : null;
    if (problem) addIssue({ message: problem });
  }),
);

interface CheckedRows {
  switches: readonly SwitchTuple[];
  pairDays: readonly PairDayRow[];
  appDays: readonly AppDayRow[];
  days: readonly DayRow[];
}

/**
 * The first place where a backup's totals disagree with what they sum, or null: the same rules as
 * recording keeps. A day's totals equal its switches when they are listed (retention deletes a
 * day's switches whole, so a day lists all or none), and its pair rollups otherwise; every row
 * belongs to a day listed; nothing in a day adds up to more time than the day has.
 */
export function totalsProblem(backup: CheckedRows): string | null {
  const days = new Map(backup.days.map((d) => [d.day, d]));
  const listed = new Map<string, { switches: number; pairs: Map<string, PairSums> }>();
  for (const [, day, from, to, transitMs, dwell] of backup.switches) {
    if (!days.has(day)) return `switches: ${day} has switches but no day totals`;
    let ofDay = listed.get(day);
    if (!ofDay) listed.set(day, (ofDay = { switches: 0, pairs: new Map() }));
    ofDay.switches += 1;
    const { a, b, forward } = pairKey(from, to);
    const key = `${a}|${b}`;
    const sums = ofDay.pairs.get(key) ?? { aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0 };
    if (forward) sums.aToB += 1;
    else sums.bToA += 1;
    sums.transitMs += transitMs;
    if (dwell !== null) {
      sums.detours += 1;
      sums.detourDwellMs += dwell;
    }
    ofDay.pairs.set(key, sums);
  }
  const pairSwitches = new Map<string, number>();
  for (const pair of backup.pairDays) {
    if (!days.has(pair.day)) return `pairDays: ${pair.day} has pair totals but no day totals`;
    if (pair.detours > pair.aToB + pair.bToA) return `pairDays: ${pair.day} has more look-ups than switches`;
    pairSwitches.set(pair.day, (pairSwitches.get(pair.day) ?? 0) + pair.aToB + pair.bToA);
    const ofDay = listed.get(pair.day);
    if (!ofDay) continue;
    const sums = ofDay.pairs.get(`${pair.a}|${pair.b}`);
    if (
      !sums ||
      sums.aToB !== pair.aToB ||
      sums.bToA !== pair.bToA ||
      sums.transitMs !== pair.transitMs ||
      sums.detours !== pair.detours ||
      sums.detourDwellMs !== pair.detourDwellMs
    )
      return `pairDays: the totals of ${pair.a} and ${pair.b} on ${pair.day} are not the sums of its switches`;
    ofDay.pairs.delete(`${pair.a}|${pair.b}`);
  }
  for (const [day, ofDay] of listed)
    if (ofDay.pairs.size > 0) return `pairDays: ${day} lists switches its pair totals leave out`;
  for (const day of backup.days) {
    const switches = listed.get(day.day)?.switches ?? pairSwitches.get(day.day) ?? 0;
    if (day.switches !== switches)
      return `days: ${day.day} counts ${day.switches} switches, but ${switches} are listed for it`;
  }
  const appTime = new Map<string, number>();
  for (const app of backup.appDays) {
    const day = days.get(app.day);
    if (!day) return `appDays: ${app.day} has time in apps but no day totals`;
    const total = (appTime.get(app.day) ?? 0) + app.attendedMs;
    if (total > day.attendedMs) return `appDays: the time in apps on ${app.day} is more than the day's browsing`;
    appTime.set(app.day, total);
  }
  return null;
}

interface PairSums {
  aToB: number;
  bToA: number;
  transitMs: number;
  detours: number;
  detourDwellMs: number;
}

export type BackupFile = v.InferOutput<typeof BackupSchema>;

export function parseBackup(text: string): BackupFile {
  return readBackup(parseJsonSafely(text, MAX_BACKUP_BYTES, 'The backup'));
}

/** Checks an already parsed value as a backup. */
export function readBackup(value: unknown): BackupFile {
  checkFormat(value, BACKUP_FORMAT, BACKUP_VERSION, 'backup');
  return checkSchema(BackupSchema, value, 'The backup');
}

/** A backup of everything recorded (the journal folded first), with the settings given. */
export async function createBackup(
  store: Pick<Store, 'fold' | 'rows'>,
  settings: Record<string, unknown>,
  catalogVersion: string,
  now: Date,
): Promise<BackupFile> {
  await store.fold();
  const { switches, pairDays, appDays, days } = await store.rows();
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    catalogVersion,
    switches: switches.map((s): SwitchTuple => [s.at, s.day, s.from, s.to, s.transitMs, s.detourDwellMs]),
    pairDays,
    appDays,
    days,
    settings,
  };
}

/** Merges a checked backup into the store: all of it or, on failure, none (utils/store/restore.ts). */
export function restoreBackup(store: Pick<Store, 'restore'>, backup: BackupFile): Promise<RestoreSummary> {
  return store.restore({
    switches: backup.switches.map(([at, day, from, to, transitMs, detourDwellMs]) => ({
      at,
      day,
      from,
      to,
      transitMs,
      detourDwellMs,
    })),
    pairDays: backup.pairDays,
    appDays: backup.appDays,
    days: backup.days,
  });
}
