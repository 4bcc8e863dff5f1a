/**
 * Backups go through the real Import (utils/exchange/import-files.ts) as strictly as the options
 * page's forms and as recording itself: a file that breaks the rules is refused with a message
 * that names the problem and changes nothing; a setting the form would refuse is left out, named,
 * and the rest restored; what the form accepts survives a backup.
 */
import { describe, expect, it } from 'vitest';
import type { BackupFile } from '@/utils/exchange/backup';
import { importFiles } from '@/utils/exchange/import-files';
import { CUSTOM_APP } from '@/utils/settings/declarations';
import { assumptionsSetting, integrationsSetting, userRulesSetting } from '@/utils/settings/items';
import { restoreSettings, settingsSnapshot } from '@/utils/settings/backup';
import type { ToggleTaxDB } from '@/utils/store/schema';
import { heavyHistory } from '../../bench/history';
import { freshDb, storeOf } from '../helpers/database';

const NOW = Date.parse('2026-03-10T18:00:00-04:00');

/** A profile with a few days of its own and a setting of its own. */
async function profile(): Promise<ToggleTaxDB> {
  const db = freshDb();
  await storeOf(db).restore(rowsOf(heavyHistory(3, NOW - 10 * 86_400_000, { switchesPerDay: 20, seed: 2 })));
  await assumptionsSetting.setValue({ ...(await assumptionsSetting.getValue()), hourlyCost: 60 });
  return db;
}

const rowsOf = (backup: BackupFile) => ({
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

/** A valid backup of two days, to break in one place. */
const backup = (): BackupFile => ({
  ...heavyHistory(2, NOW, { switchesPerDay: 12, seed: 5 }),
  settings: {},
});

async function everything(db: ToggleTaxDB) {
  return {
    stores: Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const))),
    settings: await settingsSnapshot(),
  };
}

async function importText(db: ToggleTaxDB, text: string) {
  const [message] = await importFiles([{ name: 'backup.json', size: text.length, text: async () => text }], {
    store: storeOf(db),
    restoreSettings,
    teamFiles: [],
    saveTeamFiles: async () => {},
  });
  return message!;
}

describe('a backup that breaks the rules is refused, and nothing changes', () => {
  it.each([
    [
      'day totals of 8e15 switches with 2 listed',
      (b: BackupFile) => ({ ...b, days: b.days.map((d, i) => (i === 0 ? { ...d, switches: 8e15 } : d)) }),
      /days\.0\.switches: more switches than a day can hold/,
    ],
    [
      'day totals that are not the sum of the switches listed',
      (b: BackupFile) => ({ ...b, days: b.days.map((d, i) => (i === 0 ? { ...d, switches: d.switches + 3 } : d)) }),
      /counts \d+ switches, but \d+ are listed for it/,
    ],
    [
      'a date that does not exist',
      (b: BackupFile) => ({ ...b, days: b.days.map((d, i) => (i === 0 ? { ...d, day: '2026-13-45' } : d)) }),
      /days\.0\.day: not a real date/,
    ],
    [
      'pair totals that are not the sums of their switches',
      (b: BackupFile) => ({
        ...b,
        pairDays: b.pairDays.map((p, i) => (i === 0 ? { ...p, transitMs: p.transitMs + 1 } : p)),
      }),
      /are not the sums of its switches/,
    ],
  ])('%s', async (_name, change, message) => {
    const db = await profile();
    const before = await everything(db);
    const result = await importText(db, JSON.stringify(change(backup())));
    expect(result.ok).toBe(false);
    expect(result.text).toMatch(message);
    expect(result.text).toMatch(/Nothing was changed\.$/);
    expect(await everything(db)).toEqual(before);
  });

  it('a prototype key written escaped', async () => {
    const db = await profile();
    const before = await everything(db);
    const text = JSON.stringify(backup()).replace('"settings":{}', '"settings":{"\\u005f_proto__":{"polluted":true}}');
    const result = await importText(db, text);
    expect(result.text).toMatch(/contains the key "__proto__", which is not allowed/);
    expect(await everything(db)).toEqual(before);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('a file that is not JSON, in plain words', async () => {
    const db = await profile();
    const before = await everything(db);
    const result = await importText(db, '{"format": "toggle-tax/backup", "vers');
    expect(result.text).toBe('The file is not a Toggle Tax export or backup: it is not JSON. Nothing was changed.');
    expect(await everything(db)).toEqual(before);
  });
});

describe('a setting the form would refuse is left out, named, and the rest restored', () => {
  it.each([
    [
      'a rule sending every .com site to Slack',
      { userRules: { customApps: [], overrides: [{ rule: { host: '*.com' }, appId: 'slack' }], ignoredAppIds: [] } },
      userRulesSetting,
      /custom apps and rules \(Not a host: \*\.com/,
    ],
    [
      'a custom app over a whole country suffix',
      {
        userRules: {
          customApps: [
            { id: 'custom-acme', name: 'Acme', vendor: 'Custom', category: 'chat', match: [{ host: '*.co.uk' }] },
          ],
          overrides: [],
          ignoredAppIds: [],
        },
      },
      userRulesSetting,
      /custom apps and rules \(\*\.co\.uk would take in every site under \.co\.uk/,
    ],
    [
      'an integration marked on a day that does not exist',
      { integrations: { 'dropbox|slack': { since: '2026-99-99' } } },
      integrationsSetting,
      /the integrations marked \(2026-99-99 is not a real date/,
    ],
  ])('%s', async (_name, settings, item, message) => {
    const db = await profile();
    const setting = await item.getValue();
    const result = await importText(db, JSON.stringify({ ...backup(), settings }));
    expect(result.ok).toBe(true);
    expect(result.text).toMatch(/^Backup restored: \d+ switches and 2 days added/);
    expect(result.text).toMatch(message);
    expect(await item.getValue()).toEqual(setting);
  });
});

describe('what the form accepts survives a backup', () => {
  it('a custom app at every limit the form allows', async () => {
    const db = await profile();
    const app = {
      id: 'custom-acme',
      name: 'A'.repeat(CUSTOM_APP.name.maxLength),
      vendor: 'Custom',
      category: 'docs-knowledge',
      match: Array.from({ length: CUSTOM_APP.hosts.maxCount }, (_, i) => ({
        host: `wiki${i}.acme.com`,
        path: `/${'p'.repeat(CUSTOM_APP.path.maxLength - 1)}`,
      })),
    };
    const userRules = { customApps: [app], overrides: [], ignoredAppIds: [] };
    const result = await importText(db, JSON.stringify({ ...backup(), settings: { userRules } }));
    expect(result.text).not.toMatch(/left out/);
    expect((await userRulesSetting.getValue()).customApps).toEqual([app]);
  });
});
