/**
 * Backup and restore of everything recorded: raw switches, daily rollups and settings, in one file.
 *
 * Restore merges, so that it is safe to repeat and to use for moving browsers:
 * - a day this browser has no record of is taken from the backup as it is;
 * - a day both have keeps what is here, adds the backup's switches it lacks (each switch is known by
 *   its time and apps) and keeps the larger attended times;
 * so importing the same backup twice changes nothing, and nothing here is ever replaced by less.
 */
import * as v from 'valibot';
import { announceDataChanged } from '../store/changes';
import type { SwitchRow, ToggleTaxDB } from '../store/schema';
import { allSwitches, fromBlock, putPairDays, readPairDays, toBlocks } from '../store/schema';
import { checkFormat, checkSchema, parseJsonSafely } from './import-guard';
import { foldJournal, storeSwitchesInBulk } from '../store/journal';

export const BACKUP_FORMAT = 'toggle-tax/backup';
export const BACKUP_VERSION = 1;
/** Three heavy years are about 60 MB; a backup larger than this is not one of ours. */
export const MAX_BACKUP_BYTES = 256 * 1_048_576;

const appId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'not an app id'));
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)'));
const ms = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));

/** A switch as `[at, day, from, to, transitMs, detourDwellMs | null]`: arrays keep a year's backup small. */
type SwitchTuple = [number, string, string, string, number, number | null];

const APP_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isMs = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 8.64e15;

/**
 * The first problem in a backup's switches, or null. A plain loop rather than a schema per element:
 * a year holds 276,000 switches, which a per-element schema checked in 1.8 s.
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
    if (!isMs(at) || !isMs(transitMs) || !(dwell === null || isMs(dwell)))
      return `${where}: a time is not a whole, non-negative number of ms`;
    if (typeof day !== 'string' || !(days.has(day) || (DAY.test(day) && days.add(day))))
      return `${where}: not a date (YYYY-MM-DD)`;
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
      v.strictObject({ day, a: appId, b: appId, aToB: ms, bToA: ms, transitMs: ms, detours: ms, detourDwellMs: ms }),
    ),
    appDays: v.array(v.strictObject({ day, app: appId, attendedMs: ms })),
    days: v.array(v.strictObject({ day, attendedMs: ms, switches: ms, breaks: ms })),
    /** Extension-storage settings, checked item by item when they are restored. */
    settings: v.record(v.pipe(v.string(), v.regex(/^[a-zA-Z]{1,40}$/)), v.unknown()),
  }),
  v.check((b) => new Set(b.days.map((d) => d.day)).size === b.days.length, 'a day is listed twice'),
  v.check(
    (b) => new Set(b.pairDays.map((p) => `${p.day}|${p.a}|${p.b}`)).size === b.pairDays.length,
    'a pair-day is listed twice',
  ),
  v.check((b) => b.pairDays.every((p) => p.a < p.b), 'a pair is not sorted'),
);

export type BackupFile = v.InferOutput<typeof BackupSchema>;

export function parseBackup(text: string): BackupFile {
  return readBackup(parseJsonSafely(text, MAX_BACKUP_BYTES, 'The backup'));
}

/** Checks an already parsed value as a backup. */
export function readBackup(value: unknown): BackupFile {
  checkFormat(value, BACKUP_FORMAT, BACKUP_VERSION, 'backup');
  return checkSchema(BackupSchema, value, 'The backup');
}

export async function createBackup(
  db: ToggleTaxDB,
  settings: Record<string, unknown>,
  catalogVersion: string,
  now: Date,
): Promise<BackupFile> {
  // Switches still in the journal belong in the backup.
  await foldJournal(db);
  return db.transaction('r', [db.switchBlocks, db.pairsByDay, db.appDays, db.days], async () => ({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    catalogVersion,
    switches: (await allSwitches(db)).map((s) => [s.at, s.day, s.from, s.to, s.transitMs, s.detourDwellMs] as const),
    pairDays: await readPairDays(db),
    appDays: await db.appDays.toArray(),
    days: await db.days.toArray(),
    settings,
  }));
}

export interface RestoreSummary {
  daysAdded: number;
  switchesAdded: number;
}

/** Merges a checked backup into the database, in one transaction: all of it or, on failure, none. */
export async function restoreBackup(db: ToggleTaxDB, backup: BackupFile): Promise<RestoreSummary> {
  const summary = await db.transaction('rw', db.restoreTables, async () => {
    const localDays = new Set((await db.days.toCollection().primaryKeys()) as string[]);
    const newDay = (d: string) => !localDays.has(d);
    const switchRows = (rows: BackupFile['switches']): SwitchRow[] =>
      rows.map(([at, day, from, to, transitMs, detourDwellMs]) => ({ at, day, from, to, transitMs, detourDwellMs }));

    // Days this browser never saw: taken whole, in bulk.
    const fresh = switchRows(backup.switches.filter((s) => newDay(s[1])));
    await db.switchBlocks.bulkPut(toBlocks(fresh));
    await putPairDays(
      db,
      backup.pairDays.filter((r) => newDay(r.day)),
    );
    await db.appDays.bulkPut(backup.appDays.filter((r) => newDay(r.day)));
    const freshDays = backup.days.filter((r) => newDay(r.day));
    await db.days.bulkPut(freshDays);

    // Days both have: add only the switches missing here, and keep the larger attended times.
    const shared = switchRows(backup.switches.filter((s) => !newDay(s[1])));
    let added = fresh.length;
    if (shared.length) {
      const sharedDays = [...new Set(shared.map((s) => s.day))];
      const here = (await db.switchBlocks.where('day').anyOf(sharedDays).toArray()).flatMap(fromBlock);
      const known = new Set(here.map((s) => `${s.at}|${s.from}|${s.to}`));
      const missing = shared.filter((s) => !known.has(`${s.at}|${s.from}|${s.to}`));
      await storeSwitchesInBulk(db, missing);
      added += missing.length;
    }
    for (const row of backup.days.filter((r) => !newDay(r.day))) {
      const here = (await db.days.get(row.day))!;
      await db.days.put({
        ...here,
        attendedMs: Math.max(here.attendedMs, row.attendedMs),
        breaks: Math.max(here.breaks, row.breaks),
      });
    }
    for (const row of backup.appDays.filter((r) => !newDay(r.day))) {
      const here = await db.appDays.get([row.day, row.app]);
      if (!here || here.attendedMs < row.attendedMs) await db.appDays.put(row);
    }
    return { daysAdded: freshDays.length, switchesAdded: added };
  });
  // Committed: pages that show figures read again.
  announceDataChanged();
  return summary;
}
