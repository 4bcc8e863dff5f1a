/**
 * The options page's Import of evidence and team settings (utils/exchange/README.md): each person
 * counts once, the same file twice is a duplicate, a newer export replaces the older, team files
 * merge idempotently, every file is re-priced from its measured sums and flagged when it was priced
 * or recorded otherwise; a team settings file applies in one step, never over a policy's lock.
 */
import { describe, expect, it, vi } from 'vitest';
import type { EvidenceFile, PersonalEvidence } from '@/utils/exchange/evidence';
import { teamEvidence } from '@/utils/exchange/evidence-source';
import type { ImportDeps } from '@/utils/exchange/import-files';
import { importFiles } from '@/utils/exchange/import-files';
import { readStoredTeam, teamView } from '@/utils/exchange/team-list';
import { DEFAULT_ASSUMPTIONS, PRESETS } from '@/utils/figures/cost-model';
import {
  assumptionsSetting,
  lockedSettingsItem,
  seatsSetting,
  teamLabelSetting,
  yourProductSetting,
} from '@/utils/settings/items';
import { restoreSettings } from '@/utils/settings/backup';
import { importTeamSettings } from '@/utils/settings/policy';
import { teamSettingsFile } from '@/utils/settings/team-setup';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker/rules';
import type { Sums } from '../helpers/evidence';
import { evidenceSettings, NOW, personFile } from '../helpers/evidence';

const SUMS: Sums[] = [
  { apps: ['dropbox', 'paychex'], aToB: 60, bToA: 58, measuredSeconds: 900, detours: 12, detourDwellSeconds: 240 },
  { apps: ['slack', 'gmail'], aToB: 40, bToA: 41, measuredSeconds: 300 },
];
const settings = evidenceSettings();
const anna = personFile('person-anna-0001', SUMS, { at: new Date('2026-03-10T09:00:00Z') });
const annaLater = personFile('person-anna-0001', SUMS.slice(0, 1), { at: new Date('2026-03-20T09:00:00Z') });
const ben = personFile('person-ben-00002', SUMS, { activeDays: 14 });
const cleo = personFile('person-cleo-0003', SUMS.slice(1), { activeDays: 5 });

const picked = (name: string, value: unknown) => {
  const text = JSON.stringify(value);
  return { name, size: text.length, text: async () => text };
};

/** Import as the options page does, against a stored team list; what was stored, and the messages. */
function page(stored: PersonalEvidence[] = []) {
  const state = { stored, saves: 0 };
  const deps = (): ImportDeps => ({
    store: { restore: vi.fn() } as never,
    restoreSettings: async () => [],
    teamFiles: state.stored,
    saveTeamFiles: async (files) => {
      state.stored = JSON.parse(JSON.stringify(files));
      state.saves++;
    },
    settings,
    applyTeamSettings: importTeamSettings,
    now: NOW,
  });
  return {
    state,
    import: (...files: ReturnType<typeof picked>[]) => importFiles(files, deps()),
    ids: () => state.stored.map((p) => p.person.id),
  };
}

describe('importing evidence for the team', () => {
  it('counts the very same file once and says the second is a duplicate', async () => {
    const p = page();
    const [first, again] = await p.import(picked('anna.json', anna), picked('anna copy.json', anna));
    expect(first).toMatchObject({
      ok: true,
      text: expect.stringMatching(/^Added to the team ranking: person person-a/),
    });
    expect(again).toMatchObject({ ok: true, text: expect.stringContaining('duplicate') });
    expect(p.ids()).toEqual(['person-anna-0001']);
    // Once more, later: nothing stored twice, nothing written.
    const saves = p.state.saves;
    const [third] = await p.import(picked('anna.json', anna));
    expect(third!.text).toMatch(/duplicate.*nothing was added/);
    expect(p.state.saves).toBe(saves);
    expect(p.ids()).toEqual(['person-anna-0001']);
  });

  it('lets a newer export from the same person replace the older, and keeps the newer over an older one', async () => {
    const p = page();
    await p.import(picked('anna-march-10.json', anna));
    const [newer] = await p.import(picked('anna-march-20.json', annaLater));
    expect(newer!.text).toBe(
      'A newer export from person person-a: it replaced their older one (exported 2026-03-10 09:00 UTC); each person counts once.',
    );
    expect(p.state.stored).toEqual([JSON.parse(JSON.stringify(annaLater))]);
    const [older] = await p.import(picked('anna-march-10.json', anna));
    expect(older!.text).toMatch(
      /^An older export from person person-a: their newer one \(exported 2026-03-20 09:00 UTC\)/,
    );
    expect(p.state.stored[0]!.generatedAt).toBe(annaLater.generatedAt);
  });

  it('merges team files idempotently by their people’s ids', async () => {
    const team = teamEvidence([anna, ben], settings, NOW);
    const p = page();
    const [first] = await p.import(picked('team.json', team));
    expect(first!.text).toBe('Team file of 2 people: 2 people added. Each person counts once.');
    const [again, own] = await p.import(picked('team.json', team), picked('ben.json', ben));
    expect(again!.text).toMatch(/^Already imported: every one of this team file’s 2 people is here/);
    expect(own!.text).toContain('duplicate');
    // A second team with one of the same people and a newer export of another.
    const other = teamEvidence([annaLater, cleo], settings, NOW);
    const [merged] = await p.import(picked('other-team.json', other));
    expect(merged!.text).toBe(
      'Team file of 2 people: 1 person added, 1 newer export replaced an older one. Each person counts once.',
    );
    expect(p.ids().sort()).toEqual(['person-anna-0001', 'person-ben-00002', 'person-cleo-0003']);
    expect(teamEvidence(p.state.stored, settings, NOW).contributors).toBe(3);
  });

  it('re-prices a file made under other assumptions from its measured sums, and flags it', async () => {
    const high = { ...DEFAULT_ASSUMPTIONS, ...PRESETS.high, hourlyCost: 90, currency: 'EUR' };
    const elsewhere = personFile('person-dana-0004', SUMS, { settings: { assumptions: high } });
    const same = personFile('person-dana-0004', SUMS);
    expect(elsewhere.pairs[0]!.annualHours).not.toBe(same.pairs[0]!.annualHours);
    const p = page();
    const [message] = await p.import(picked('dana.json', elsewhere));
    expect(message!.text).toContain('Note: it was priced under other assumptions (re-priced here with yours).');
    const view = teamView(p.state.stored, settings, NOW);
    expect(view.entries[0]!.flags).toEqual(['priced under other assumptions (re-priced here with yours)']);
    expect(view.otherAssumptions).toBe(1);
    // Shown priced as this page prices: the same as the file made here from the same sums.
    expect(view.evidence!.pairs).toEqual(same.pairs);
  });

  it('flags a file recorded under other recording rules', async () => {
    const rules = { ...DEFAULT_RECORDING_RULES, breakAfterMs: 60_000 };
    const p = page();
    const [message] = await p.import(picked('eve.json', personFile('person-eve-00005', SUMS, { settings: { rules } })));
    expect(message!.text).toContain('recorded under other recording rules');
    expect(teamView(p.state.stored, settings, NOW).otherRules).toBe(1);
  });

  it.each([
    [
      'a pair naming an app the file does not list',
      { ...anna, apps: anna.apps.filter((a) => a.id !== 'paychex') },
      /a pair names an app the file does not list/,
    ],
    ['a newer version', { ...anna, version: 3 }, /has version 3; this Toggle Tax reads version 2/],
    ['something else', { format: 'other' }, /not a Toggle Tax backup, evidence or team settings file/],
  ])('refuses %s with the reason, and changes nothing', async (_, file, reason) => {
    const p = page([ben]);
    const [message] = await p.import(picked('bad.json', file));
    expect(message).toMatchObject({ ok: false, text: expect.stringMatching(reason) });
    expect(message!.text).toMatch(/Nothing was changed\.$/);
    expect(p.state.saves).toBe(0);
    expect(p.ids()).toEqual(['person-ben-00002']);
  });
});

describe('the stored team list', () => {
  it('never breaks the page: what cannot be read is left out and said so', () => {
    const stored = [{ format: 'toggle-tax/evidence', version: 2, pairs: 'stale' }, ben, 42];
    const view = teamView(stored, settings, NOW);
    expect(view.entries.map((e) => e.id)).toEqual(['person-ben-00002']);
    expect(view.evidence!.contributors).toBe(1);
    expect(view.problems).toEqual(['2 stored team files could not be read and are left out; import them again.']);
    for (const junk of ['nonsense', { teamFiles: [] }, null, undefined, []])
      expect(() => teamView(junk, settings, NOW)).not.toThrow();
    expect(teamView(undefined, settings, NOW)).toMatchObject({ entries: [], evidence: null, problems: [] });
  });

  it('reads team files stored by an earlier version as their people, each once', () => {
    const team = teamEvidence([anna, ben], settings, NOW) as EvidenceFile;
    const { people } = readStoredTeam(JSON.parse(JSON.stringify([team, annaLater, ben])));
    expect(people.map((p) => [p.person.id, p.generatedAt])).toEqual([
      ['person-anna-0001', annaLater.generatedAt],
      ['person-ben-00002', ben.generatedAt],
    ]);
  });
});

describe('importing a team settings file', () => {
  const handedOut = {
    team: 'Finance',
    yourProduct: 'dropbox',
    seats: 40,
    assumptions: { ...DEFAULT_ASSUMPTIONS, hourlyCost: 80, currency: 'EUR' },
  };

  it('applies the team’s label, product, seats and assumptions in one step', async () => {
    const p = page();
    const [message] = await p.import(picked('finance.json', teamSettingsFile(handedOut, NOW)));
    expect(message).toEqual({
      file: 'finance.json',
      ok: true,
      text: 'Team settings applied: team label, your product, seats, assumptions.',
    });
    expect(await teamLabelSetting.getValue()).toBe('Finance');
    expect(await yourProductSetting.getValue()).toBe('dropbox');
    expect(await seatsSetting.getValue()).toBe(40);
    expect(await assumptionsSetting.getValue()).toEqual(handedOut.assumptions);
  });

  it('leaves settings locked by the organisation as they are, and says so', async () => {
    await yourProductSetting.setValue('google');
    await assumptionsSetting.setValue({ ...DEFAULT_ASSUMPTIONS, hourlyCost: 95 });
    await lockedSettingsItem.setValue(['yourProduct', 'assumptions']);
    const [message] = await page().import(picked('finance.json', teamSettingsFile(handedOut, NOW)));
    expect(message!.text).toBe(
      'Team settings applied: team label, seats. Left as your organisation set them: your product, assumptions.',
    );
    expect(await yourProductSetting.getValue()).toBe('google');
    expect((await assumptionsSetting.getValue()).hourlyCost).toBe(95);
    expect(await seatsSetting.getValue()).toBe(40);
  });

  it('leaves locked settings alone when a backup is restored too', async () => {
    await lockedSettingsItem.setValue(['team', 'seats']);
    expect(await restoreSettings({ teamLabel: 'Sales', seats: 9, idleSeconds: 90 })).toEqual([]);
    expect(await teamLabelSetting.getValue()).toBeNull();
    expect(await seatsSetting.getValue()).toBeNull();
  });

  it.each([
    [{ seats: 0 }, /^The team settings file is not valid: settings\.seats: Seats must be/],
    [{ yourProduct: 'Drop Box!' }, /not a vendor id/],
  ])('refuses %j with the form’s message and changes nothing', async (change, reason) => {
    const file = { ...teamSettingsFile(handedOut, NOW), settings: { ...handedOut, ...change } };
    const [message] = await page().import(picked('bad-settings.json', file));
    expect(message).toMatchObject({ ok: false, text: expect.stringMatching(reason) });
    expect(await teamLabelSetting.getValue()).toBeNull();
    expect(await seatsSetting.getValue()).toBeNull();
  });

  it('names a newer version of the format', async () => {
    const [message] = await page().import(picked('new.json', { ...teamSettingsFile(handedOut, NOW), version: 2 }));
    expect(message!.text).toMatch(/^This team settings file has version 2; this Toggle Tax reads version 1\./);
  });
});
