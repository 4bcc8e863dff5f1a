/**
 * Settings in a backup: taken as they are, and restored by merging. A setting this browser never
 * changed takes the backup's value; lists (custom apps, ignored apps, integrations) are joined, with
 * this browser's entries winning; anything that fails its check is left out and reported.
 */
import * as v from 'valibot';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { storage } from 'wxt/utils/storage';
import type { UserRules } from '../catalog/types';
import { CATEGORIES } from '../catalog/types';
import {
  assumptionsSetting,
  idleSecondsSetting,
  integrationsSetting,
  recordingRulesSetting,
  retentionDaysSetting,
  seatsSetting,
  teamLabelSetting,
  userRulesSetting,
} from './items';

const appId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,79}$/));
const host = v.pipe(v.string(), v.regex(/^(\*\.)?[a-z0-9.-]{1,253}$/));
const rule = v.strictObject({
  host,
  path: v.optional(v.pipe(v.string(), v.regex(/^\/\S{0,200}$/))),
  exclude: v.optional(v.literal(true)),
});
const num = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));

const SCHEMAS = {
  assumptions: v.strictObject({
    refocusSeconds: num(0, 60),
    resumptionSeconds: num(0, 120),
    avoidableShare: num(0, 1),
    workingDaysPerYear: v.pipe(num(1, 366), v.integer()),
    hourlyCost: num(0, 100_000),
    currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)),
  }),
  recordingRules: v.strictObject({
    minDwellMs: num(200, 10_000),
    breakAfterMs: num(10_000, 1_800_000),
    detourMaxMs: num(5_000, 1_800_000),
    otherBudgetMs: num(0, 600_000),
    focusDebounceMs: num(0, 10_000),
  }),
  idleSeconds: v.pipe(num(15, 3600), v.integer()),
  seats: v.nullable(v.pipe(num(1, 1_000_000), v.integer())),
  retentionDays: v.nullable(v.pipe(num(7, 3650), v.integer())),
  teamLabel: v.nullable(v.pipe(v.string(), v.maxLength(100))),
  integrations: v.record(
    v.pipe(v.string(), v.regex(/^[a-z0-9-]+\|[a-z0-9-]+$/)),
    v.strictObject({ since: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)) }),
  ),
  userRules: v.strictObject({
    customApps: v.array(
      v.strictObject({
        id: v.pipe(appId, v.startsWith('custom-')),
        name: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
        vendor: v.pipe(v.string(), v.maxLength(60)),
        category: v.picklist(Object.keys(CATEGORIES) as (keyof typeof CATEGORIES)[]),
        match: v.pipe(v.array(rule), v.minLength(1), v.maxLength(50)),
      }),
    ),
    overrides: v.array(v.strictObject({ rule, appId })),
    ignoredAppIds: v.array(appId),
  }),
};

type Key = keyof typeof SCHEMAS;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one table of differently typed items
const ITEMS: Record<Key, WxtStorageItem<any, Record<string, unknown>>> = {
  assumptions: assumptionsSetting,
  recordingRules: recordingRulesSetting,
  idleSeconds: idleSecondsSetting,
  seats: seatsSetting,
  retentionDays: retentionDaysSetting,
  teamLabel: teamLabelSetting,
  integrations: integrationsSetting,
  userRules: userRulesSetting,
};

export async function settingsSnapshot(): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    (Object.keys(ITEMS) as Key[]).map(async (key) => [key, await ITEMS[key].getValue()] as const),
  );
  return Object.fromEntries(entries);
}

/** Restores settings from a backup by merging; returns the names of settings it could not use. */
export async function restoreSettings(snapshot: Record<string, unknown>): Promise<string[]> {
  const refused: string[] = [];
  for (const key of Object.keys(ITEMS) as Key[]) {
    if (!(key in snapshot)) continue;
    const parsed = v.safeParse(SCHEMAS[key], snapshot[key]);
    if (!parsed.success) {
      refused.push(key);
      continue;
    }
    const item = ITEMS[key];
    const value = parsed.output;
    if (key === 'userRules') {
      const here = (await item.getValue()) as UserRules;
      const theirs = value as UserRules;
      const ids = new Set(here.customApps.map((a) => a.id));
      await item.setValue({
        customApps: [...here.customApps, ...theirs.customApps.filter((a) => !ids.has(a.id))],
        overrides: [
          ...here.overrides,
          ...theirs.overrides.filter((o) => !here.overrides.some((h) => JSON.stringify(h) === JSON.stringify(o))),
        ],
        ignoredAppIds: [...new Set([...here.ignoredAppIds, ...theirs.ignoredAppIds])],
      } satisfies UserRules);
    } else if (key === 'integrations') {
      await item.setValue({ ...(value as object), ...((await item.getValue()) as object) });
    } else if ((await storage.getItem(item.key)) === null) {
      // Never chosen here (only the fallback): take the backup's choice.
      await item.setValue(value);
    }
  }
  return refused;
}
