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
import type { SwitchRow, ToggleTaxDB } from './db';
import { allSwitches, fromBlock, toBlocks } from './db';
import { checkSchema, ImportError, parseJsonSafely } from './import-guard';
import { storeRecords } from './recorder';

export const BACKUP_FORMAT = 'toggle-tax/backup';
export const BACKUP_VERSION = 1;
/** Three heavy years are about 60 MB; a backup larger than this is not one of ours. */
export const MAX_BACKUP_BYTES = 256 * 1_048_576;

const appId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'not an app id'));
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)'));
const ms = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));

/** A switch as `[at, day, from, to, transitMs, detourDwellMs | null]`: arrays keep a year's backup small. */
const SwitchTuple = v.tuple([ms, day, appId, appId, ms, v.nullable(ms)]);

export const BackupSchema = v.pipe(
  v.strictObject({
    format: v.literal(BACKUP_FORMAT),
    version: v.literal(BACKUP_VERSION),
    createdAt: v.pipe(v.string(), v.isoTimestamp()),
    catalogVersion: v.pipe(v.string(), v.maxLength(40)),
    switches: v.array(SwitchTuple),
    pairDays: v.array(
      v.strictObject({ day, a: appId, b: appId, aToB: ms, bToA: ms, transitMs: ms, detours: ms, detourDwellMs: ms }),
    ),
    appDays: v.array(v.strictObject({ day, app: appId, attendedMs: ms })),
    days: v.array(v.strictObject({ day, attendedMs: ms, switches: ms, breaks: ms })),
    /** Extension-storage settings, checked item by item when they are restored. */
    settings: v.record(v.pipe(v.string(), v.regex(/^[a-zA-Z]{1,40}$/)), v.unknown()),
  }),
  v.check(
    (b) => new Set(b.switches.map((s) => `${s[0]}|${s[2]}|${s[3]}`)).size === b.switches.length,
    'a switch is listed twice',
  ),
  v.check((b) => new Set(b.days.map((d) => d.day)).size === b.days.length, 'a day is listed twice'),
  v.check((b) => new Set(b.pairDays.map((p) => `${p.day}|${p.a}|${p.b}`)).size === b.pairDays.length, 'a pair-day is listed twice'),
  v.check((b) => b.pairDays.every((p) => p.a < p.b), 'a pair is not sorted'),
);

export type BackupFile = v.InferOutput<typeof BackupSchema>;

export function parseBackup(text: string): BackupFile {
  return readBackup(parseJsonSafely(text, MAX_BACKUP_BYTES, 'The backup'));
}

/** Checks an already parsed value as a backup. */
export function readBackup(value: unknown): BackupFile {
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new ImportError('This is not a Toggle Tax backup (its "format" is missing or different).');
  const version = (value as { version?: unknown }).version;
  if (version !== BACKUP_VERSION)
    throw new ImportError(`This backup has version ${JSON.stringify(version)}; this Toggle Tax reads version ${BACKUP_VERSION}.`);
  return checkSchema(BackupSchema, value, 'The backup');
}

export async function createBackup(
  db: ToggleTaxDB,
  settings: Record<string, unknown>,
  catalogVersion: string,
  now: Date,
): Promise<BackupFile> {
  return db.transaction('r', [db.switchBlocks, db.pairDays, db.appDays, db.days], async () => ({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    catalogVersion,
    switches: (await allSwitches(db)).map((s) => [s.at, s.day, s.from, s.to, s.transitMs, s.detourDwellMs] as const),
    pairDays: await db.pairDays.toArray(),
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
  return db.transaction('rw', [db.switchBlocks, db.pairDays, db.appDays, db.days], async () => {
    const localDays = new Set((await db.days.toCollection().primaryKeys()) as string[]);
    const newDay = (d: string) => !localDays.has(d);
    const switchRows = (rows: BackupFile['switches']): SwitchRow[] =>
      rows.map(([at, day, from, to, transitMs, detourDwellMs]) => ({ at, day, from, to, transitMs, detourDwellMs }));

    // Days this browser never saw: taken whole, in bulk.
    const fresh = switchRows(backup.switches.filter((s) => newDay(s[1])));
    await db.switchBlocks.bulkPut(toBlocks(fresh));
    await db.pairDays.bulkPut(backup.pairDays.filter((r) => newDay(r.day)));
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
      await storeRecords(db, missing.map((s) => ({ type: 'switch', ...s })));
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
}
