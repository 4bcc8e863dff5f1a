/**
 * Settings in a backup: taken as they are, and restored by merging. A setting this browser never
 * changed takes the backup's value; lists (custom apps, ignored apps, integrations) are joined, with
 * this browser's entries winning; anything that fails its check is left out and reported. The checks
 * derive from each setting's declaration, as the options page's do, so both accept the same values.
 */
import * as v from 'valibot';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { storage } from 'wxt/utils/storage';
import type { UserRules } from '../catalog/types';
import { APP_ID } from '../catalog/types';
import { isDay } from '../days';
import { ASSUMPTIONS } from '../figures/cost-model';
import { RECORDING_RULES } from '../tracker/rules';
import { schemaOf, schemasOf } from './field-schemas';
import { CUSTOM_APP, IDLE_SECONDS, INTEGRATION_KEY, RETENTION_DAYS, SEATS, TEAM_LABEL } from './declarations';
import {
  assumptionsSetting,
  idleSecondsSetting,
  integrationsSetting,
  lockedSettingsItem,
  recordingRulesSetting,
  retentionDaysSetting,
  seatsSetting,
  teamLabelSetting,
  userRulesSetting,
} from './items';
import { customAppProblem, hostProblem, parseHostPattern } from './user-rules';

const appId = v.pipe(v.string(), v.regex(APP_ID));

// The checks of the options page's form (./user-rules.ts), on the values it stores.
const hostRule = v.strictObject({
  host: v.pipe(
    v.string(),
    v.check(
      (host) => parseHostPattern(host) === host && hostProblem(host) === null,
      (issue) => hostProblem(String(issue.input)) ?? `${String(issue.input)} is not a host as the form stores it.`,
    ),
  ),
  path: v.optional(
    v.pipe(
      v.string(),
      v.check(
        (path) => !customAppProblem.path(path),
        (issue) => customAppProblem.path(String(issue.input))!,
      ),
    ),
  ),
  exclude: v.optional(v.literal(true)),
});

const customApp = v.strictObject({
  id: v.pipe(appId, v.startsWith('custom-')),
  // The form keeps names trimmed.
  name: v.pipe(
    v.string(),
    v.check(
      (name) => name === name.trim() && !customAppProblem.name(name),
      (issue) => customAppProblem.name(String(issue.input).trim()) ?? 'A name has no spaces around it.',
    ),
  ),
  vendor: v.pipe(v.string(), v.maxLength(CUSTOM_APP.vendor.maxLength)),
  category: v.pipe(
    v.string(),
    v.check(
      (id) => !customAppProblem.category(id),
      (issue) => customAppProblem.category(String(issue.input))!,
    ),
  ),
  match: v.pipe(
    v.array(hostRule),
    v.check(
      (rules) => !customAppProblem.hosts(rules.map((r) => r.host)),
      (issue) => customAppProblem.hosts((issue.input as { host: string }[]).map((r) => r.host))!,
    ),
  ),
});

const SCHEMAS = {
  assumptions: v.strictObject(schemasOf(ASSUMPTIONS)),
  recordingRules: v.strictObject(schemasOf(RECORDING_RULES)),
  idleSeconds: schemaOf(IDLE_SECONDS),
  seats: schemaOf(SEATS),
  retentionDays: schemaOf(RETENTION_DAYS),
  teamLabel: v.nullable(v.pipe(v.string(), v.maxLength(TEAM_LABEL.maxLength))),
  integrations: v.record(
    v.pipe(v.string(), v.regex(INTEGRATION_KEY)),
    v.strictObject({
      since: v.pipe(
        v.string(),
        v.check(isDay, (issue) => `${String(issue.input)} is not a real date (YYYY-MM-DD).`),
      ),
    }),
  ),
  userRules: v.strictObject({
    customApps: v.array(customApp),
    overrides: v.array(v.strictObject({ rule: hostRule, appId })),
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

/** The backup's settings a policy may lock, by the name the policy gives them. */
const LOCKED_AS = { teamLabel: 'team', seats: 'seats', assumptions: 'assumptions' } as const;

/** Each setting in a backup, as people call it. */
const NAMES: Record<Key, string> = {
  assumptions: 'the assumptions',
  recordingRules: 'the recording rules',
  idleSeconds: 'idle after',
  seats: 'seats',
  retentionDays: 'how long single switches are kept',
  teamLabel: 'the team label',
  integrations: 'the integrations marked',
  userRules: 'custom apps and rules',
};

/**
 * Restores settings from a backup by merging; returns, for each setting it could not use, its name
 * and why (the message the options page gives for the same value). Nothing of a refused setting is
 * taken.
 */
export async function restoreSettings(snapshot: Record<string, unknown>): Promise<string[]> {
  const refused: string[] = [];
  // What an organisation's policy set stays as it set it (./policy.ts).
  const locked = await lockedSettingsItem.getValue();
  for (const key of Object.keys(ITEMS) as Key[]) {
    if (!(key in snapshot)) continue;
    if (key in LOCKED_AS && locked.includes(LOCKED_AS[key as keyof typeof LOCKED_AS])) continue;
    const parsed = v.safeParse(SCHEMAS[key], snapshot[key], { abortPipeEarly: true });
    if (!parsed.success) {
      const why = parsed.issues[0]?.message;
      refused.push(why && !why.startsWith('Invalid') ? `${NAMES[key]} (${why.replace(/\.$/, '')})` : NAMES[key]);
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
