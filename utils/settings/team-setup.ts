/**
 * A team set up once: the team lead hands out the team's settings (team label, your product, seats,
 * assumptions) as a file a colleague imports in one step, or an administrator deploys them through
 * the browser's enterprise policy (the managed storage schema, public/managed-schema.json). Both are
 * checked through the same declarations as the options page's form; settings set by policy win over
 * the person's own and show as locked.
 */
import * as v from 'valibot';
import type { Assumptions } from '../figures/cost-model';
import { ASSUMPTIONS } from '../figures/cost-model';
import { SEATS, TEAM_LABEL } from './declarations';
import { schemaOf, schemasOf } from './field-schemas';

export const TEAM_SETTINGS_FORMAT = 'toggle-tax/team-settings';
export const TEAM_SETTINGS_VERSION = 1;

/** What a team shares: each optional, so a policy may set only some. */
export interface TeamSettings {
  team?: string | null;
  yourProduct?: string | null;
  seats?: number | null;
  assumptions?: Partial<Assumptions>;
}

export type TeamSettingKey = keyof TeamSettings;

const vendor = v.nullable(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'not a vendor id')));
/* @__NO_SIDE_EFFECTS__ */
function teamSettingsSchema() {
  return v.strictObject({
    team: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(TEAM_LABEL.maxLength)))),
    yourProduct: v.optional(vendor),
    seats: v.optional(schemaOf(SEATS)),
    assumptions: v.optional(v.partial(v.strictObject(schemasOf(ASSUMPTIONS)))),
  });
}
const TeamSettingsSchema = teamSettingsSchema();

const FileSchema = v.strictObject({
  format: v.literal(TEAM_SETTINGS_FORMAT),
  version: v.literal(TEAM_SETTINGS_VERSION),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  settings: TeamSettingsSchema,
});

export type TeamSettingsFile = v.InferOutput<typeof FileSchema>;

/** The file a team lead hands out. */
export function teamSettingsFile(settings: Required<TeamSettings>, now: Date): TeamSettingsFile {
  return { format: TEAM_SETTINGS_FORMAT, version: TEAM_SETTINGS_VERSION, createdAt: now.toISOString(), settings };
}

/** Checks a parsed file; a message naming the first problem when it is not valid. */
export function readTeamSettingsFile(
  value: unknown,
): { ok: true; file: TeamSettingsFile } | { ok: false; problem: string } {
  const parsed = v.safeParse(FileSchema, value, { abortPipeEarly: true });
  if (parsed.success) return { ok: true, file: parsed.output };
  const issue = parsed.issues[0]!;
  const path = issue.path?.map((p) => String(p.key)).join('.');
  return { ok: false, problem: path ? `${path}: ${issue.message}` : issue.message };
}

/**
 * The settings an administrator set by policy (chrome.storage.managed), checked; each invalid one
 * is left out, named in `refused`, so that one typo does not lose the rest.
 */
export function readPolicy(value: Record<string, unknown>): { settings: TeamSettings; refused: string[] } {
  const settings: TeamSettings = {};
  const refused: string[] = [];
  for (const key of ['team', 'yourProduct', 'seats', 'assumptions'] as const) {
    if (!(key in value)) continue;
    const parsed = v.safeParse(TeamSettingsSchema.entries[key], value[key]);
    if (parsed.success) (settings as Record<string, unknown>)[key] = parsed.output;
    else refused.push(key);
  }
  return { settings, refused };
}

/** The settings a policy sets, by name: the options page shows them locked. */
export function lockedBy(settings: TeamSettings): TeamSettingKey[] {
  return (Object.keys(settings) as TeamSettingKey[]).filter((key) => settings[key] !== undefined);
}

/** Settings as stored, changed by what a team's settings set (assumptions key by key). */
export function applyTeamSettings<
  S extends { team: string | null; yourProduct: string | null; seats: number | null; assumptions: Assumptions },
>(current: S, team: TeamSettings): S {
  return {
    ...current,
    ...(team.team !== undefined && { team: team.team }),
    ...(team.yourProduct !== undefined && { yourProduct: team.yourProduct }),
    ...(team.seats !== undefined && { seats: team.seats }),
    ...(team.assumptions && { assumptions: { ...current.assumptions, ...team.assumptions } }),
  };
}
