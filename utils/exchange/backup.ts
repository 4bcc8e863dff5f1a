/**
 * The backup file: everything recorded (raw switches, daily rollups) and the settings, for moving
 * browsers and merging. Its format and checks live here; restoring merges (utils/store/restore.ts),
 * so importing the same backup twice changes nothing.
 */
import * as v from 'valibot';
import type { Store } from '../store';
import type { RestoreSummary } from '../store/restore';
import { checkFormat, checkSchema, parseJsonSafely } from './import-guard';

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
