/**
 * A team set up once: the team settings file a colleague imports, and the enterprise policy an
 * administrator deploys, checked as the options page's form checks, the policy winning and locking.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import {
  assumptionsSetting,
  lockedSettingsItem,
  seatsSetting,
  teamLabelSetting,
  yourProductSetting,
} from '@/utils/settings/items';
import { applyPolicy, importTeamSettings } from '@/utils/settings/policy';
import { readTeamSettingsFile, teamSettingsFile } from '@/utils/settings/team-setup';

const managed = (policy: Record<string, unknown>) => ({ storage: { managed: { get: async () => policy } } }) as never;
const handedOut = {
  team: 'Finance',
  yourProduct: 'dropbox',
  seats: 40,
  assumptions: { ...DEFAULT_ASSUMPTIONS, hourlyCost: 80, currency: 'EUR' },
};

describe('the team settings file', () => {
  it('round-trips what a team lead hands out, and a colleague takes it in one step', async () => {
    const file = JSON.parse(JSON.stringify(teamSettingsFile(handedOut, new Date('2026-03-10T12:00:00Z'))));
    const read = readTeamSettingsFile(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(await importTeamSettings(read.file.settings)).toEqual(['team', 'yourProduct', 'seats', 'assumptions']);
    expect(await teamLabelSetting.getValue()).toBe('Finance');
    expect(await yourProductSetting.getValue()).toBe('dropbox');
    expect(await seatsSetting.getValue()).toBe(40);
    expect(await assumptionsSetting.getValue()).toMatchObject({ hourlyCost: 80, currency: 'EUR' });
  });

  it.each([
    [{ seats: 0 }, /^settings\.seats: Seats must be/],
    [{ assumptions: { refocusSeconds: 99 } }, /^settings\.assumptions\.refocusSeconds: Refocus per switch must be/],
    [{ yourProduct: 'Drop Box!' }, /not a vendor id/],
    [{ partner: 'x' }, /partner/],
  ])('refuses %j with the form’s message', (settings, message) => {
    const file = { ...teamSettingsFile(handedOut, new Date()), settings: { ...handedOut, ...settings } };
    const read = readTeamSettingsFile(JSON.parse(JSON.stringify(file)));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toMatch(message);
  });
});

describe('the enterprise policy', () => {
  it('sets what it names and locks it; a colleague’s file cannot change a locked setting', async () => {
    expect(await applyPolicy(managed({ yourProduct: 'dropbox', assumptions: { hourlyCost: 90 } }))).toEqual([]);
    expect(await yourProductSetting.getValue()).toBe('dropbox');
    expect((await assumptionsSetting.getValue()).hourlyCost).toBe(90);
    expect(await lockedSettingsItem.getValue()).toEqual(['yourProduct', 'assumptions']);

    await importTeamSettings({ yourProduct: 'google', seats: 12, assumptions: { hourlyCost: 50 } });
    expect(await yourProductSetting.getValue()).toBe('dropbox');
    expect((await assumptionsSetting.getValue()).hourlyCost).toBe(90);
    expect(await seatsSetting.getValue()).toBe(12);
  });

  it('leaves out a setting it cannot use, names it, and applies the rest', async () => {
    expect(await applyPolicy(managed({ seats: -3, team: 'Ops' }))).toEqual(['seats']);
    expect(await teamLabelSetting.getValue()).toBe('Ops');
    expect(await seatsSetting.getValue()).toBeNull();
    expect(await lockedSettingsItem.getValue()).toEqual(['team']);
  });

  it('locks nothing where the browser has no policy', async () => {
    expect(await applyPolicy({ storage: {} } as never)).toEqual([]);
    expect(await lockedSettingsItem.getValue()).toEqual([]);
  });
});
