/**
 * Team settings in extension storage: applied from a team settings file a colleague imports, or
 * from the browser's enterprise policy (managed storage), which wins and locks what it sets.
 */
import type { browser } from 'wxt/browser';
import { assumptionsSetting, lockedSettingsItem, seatsSetting, teamLabelSetting, yourProductSetting } from './items';
import type { TeamSettings, TeamSettingKey } from './team-setup';
import { lockedBy, readPolicy } from './team-setup';

/** Stores what `team` sets, leaving alone the settings in `keep` (those a policy locked). */
export async function storeTeamSettings(team: TeamSettings, keep: readonly string[] = []): Promise<TeamSettingKey[]> {
  const set = (key: TeamSettingKey) => team[key] !== undefined && !keep.includes(key);
  const changed = (Object.keys(team) as TeamSettingKey[]).filter(set);
  await Promise.all([
    set('team') && teamLabelSetting.setValue(team.team!),
    set('yourProduct') && yourProductSetting.setValue(team.yourProduct!),
    set('seats') && seatsSetting.setValue(team.seats!),
    set('assumptions') &&
      assumptionsSetting.setValue({ ...(await assumptionsSetting.getValue()), ...team.assumptions }),
  ]);
  return changed;
}

/** A team settings file, imported: what a policy locked stays as the policy set it. */
export async function importTeamSettings(team: TeamSettings): Promise<TeamSettingKey[]> {
  return storeTeamSettings(team, await lockedSettingsItem.getValue());
}

/**
 * Reads the policy (managed storage; absent where the browser has none) and applies it, locking
 * what it sets. Returns the settings it refused as not valid.
 */
export async function applyPolicy(api: typeof browser): Promise<string[]> {
  const managed = ((await api.storage.managed?.get().catch(() => ({}))) ?? {}) as Record<string, unknown>;
  const { settings, refused } = readPolicy(managed);
  await storeTeamSettings(settings);
  await lockedSettingsItem.setValue(lockedBy(settings));
  return refused;
}
