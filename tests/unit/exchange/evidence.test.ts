/**
 * The evidence file, version 2 (utils/exchange/README.md): what one browser measured, priced; a
 * team's people, each once, priced again from their measured sums whatever they were priced with.
 */
import { describe, expect, it } from 'vitest';
import { createBackup, parseBackup, restoreBackup } from '@/utils/exchange/backup';
import { APPS, CATALOG_VERSION } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import type { Assumptions } from '@/utils/figures/cost-model';
import { annualHours, DEFAULT_ASSUMPTIONS, price, PRESETS } from '@/utils/figures/cost-model';
import { ToggleTaxDB } from '@/utils/store/schema';
import type { EvidenceFile, PersonalEvidence, TeamEvidence } from '@/utils/exchange/evidence';
import { isTeam, parseEvidence } from '@/utils/exchange/evidence';
import type { EvidenceSettings } from '@/utils/exchange/evidence-source';
import { measuredPerson, myEvidence, teamEvidence, teamPeople } from '@/utils/exchange/evidence-source';
import { percentile, priceEvidence } from '@/utils/exchange/pricing';
import { loadRankingData, loadRankingDataByDay, rank } from '@/utils/figures/ranking';
import { TOP_PARTNERS } from '@/utils/figures/partners';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker/rules';
import { freshDb, storeOf } from '../helpers/database';
import type { Sums } from '../helpers/evidence';
import { evidenceSettings, NOW, personFile } from '../helpers/evidence';
import { context, mulberry32, randomAttention, URL as U } from '../helpers/scenario';

const appInfo = createAppDirectory(APPS);
const TODAY = '2026-03-20';
const none = { ignoredAppIds: new Set<string>(), seats: null, integrations: {} };
const conservative: Assumptions = { ...DEFAULT_ASSUMPTIONS, ...PRESETS.conservative, hourlyCost: 80 };
const high: Assumptions = { ...DEFAULT_ASSUMPTIONS, ...PRESETS.high, currency: 'EUR' };

/** A database with a few days of realistic random browsing, ending on TODAY. */
async function recordedDb(seed: number, days = 6): Promise<ToggleTaxDB> {
  const db = freshDb();
  const recorder = storeOf(db);
  const random = mulberry32(seed);
  const urls = [U.slack, U.dropbox, U.paychex, U.gmail, U.docs, U.sheets, U.newTab, U.search];
  for (let d = days - 1; d >= 0; d--) {
    const start = Date.parse(`2026-03-${String(20 - d).padStart(2, '0')}T09:00:00-04:00`);
    const events = randomAttention(random, urls, 450, start);
    for (const event of events) await recorder.record([event], context);
    // Then an hour on Slack, so that every day is an active day however the random browsing went.
    const settle = events.at(-1)!.at + 1_000;
    await recorder.record([{ type: 'attend', at: settle, tabId: 9, url: U.slack }], context);
    await recorder.record([{ type: 'blur', at: settle + 61 * 60_000 }], context);
  }
  await recorder.fold();
  return db;
}

/** A person's export from the options page: this browser's measured sums, priced under its settings. */
async function exportOf(
  db: ToggleTaxDB,
  overrides: Partial<EvidenceSettings> = {},
  now: Date = NOW,
): Promise<PersonalEvidence> {
  const settings = evidenceSettings({ team: 'Finance', seats: 12, personId: 'person-0001-mine', ...overrides });
  const file = await myEvidence(storeOf(db), TODAY, '30', settings, now);
  expect(isTeam(file)).toBe(false);
  return file as PersonalEvidence;
}

const roundTrip = (file: EvidenceFile | Loose) => parseEvidence(JSON.stringify(file));
/** What a pair measured, as the cost model reads it. */
const sumsOf = (p: { switches: number; measuredSeconds: number; detours: number; detourDwellSeconds: number }) => ({
  switches: p.switches,
  transitMs: p.measuredSeconds * 1000,
  detours: p.detours,
  detourDwellMs: p.detourDwellSeconds * 1000,
});

describe('evidence export (version 2)', () => {
  it('follows the contract: person id, rules, your product, vendors, sorted pairs, aggregates only', async () => {
    const evidence = await exportOf(await recordedDb(1), { yourProduct: 'dropbox' });
    expect(evidence).toMatchObject({
      format: 'toggle-tax/evidence',
      version: 2,
      person: { id: 'person-0001-mine' },
      rules: DEFAULT_RECORDING_RULES,
      yourProduct: 'dropbox',
      team: 'Finance',
      seats: 12,
      contributors: 1,
      catalogVersion: CATALOG_VERSION,
    });
    expect(evidence.period).toEqual({ start: '2026-02-19', end: TODAY, activeDays: 6 });
    for (const a of Object.values(evidence.assumptions)) expect(a.source.length).toBeGreaterThan(10);
    expect(evidence.apps.find((a) => a.id === 'dropbox')).toEqual({
      id: 'dropbox',
      name: 'Dropbox',
      category: 'files',
      vendor: 'dropbox',
    });
    expect(evidence.apps.find((a) => a.id === 'slack')?.vendor).toBe('salesforce');
    expect(evidence.apps.map((a) => a.id)).toEqual([...new Set(evidence.pairs.flatMap((p) => p.apps))].sort());
    expect(evidence.pairs.length).toBeGreaterThan(5);
    const hours = evidence.pairs.map((p) => p.annualHours);
    expect(hours).toEqual([...hours].sort((x, y) => y - x));
    for (const p of evidence.pairs) {
      expect(p.apps[0] < p.apps[1]).toBe(true);
      expect(p.switches).toBe(p.aToB + p.bToA);
      expect(p.secondsLost).toBeCloseTo(p.measuredSeconds + p.assumedSeconds, 9);
      expect(p.preliminary).toBe(p.activeDaysObserved < 5);
      expect(p).toMatchObject({ people: 1, perPersonAnnualHours: [p.annualHours], medianAnnualHours: p.annualHours });
    }
    expect(evidence.pairs.some((p) => p.preliminary === false)).toBe(true);
    expect(evidence.partners?.length).toBeGreaterThan(0);
    expect(evidence.topFive?.length).toBeGreaterThan(0);
    // Nothing about single events: no URL, no host, no timestamp other than generatedAt.
    const text = JSON.stringify(evidence);
    expect(text).not.toMatch(/https?:|\.com|ycombinator|example\.org/);
    expect(text.match(/\d{4}-\d{2}-\d{2}T/g)).toEqual(['2026-03-20T']);
  });

  it('keeps every figure at full precision: the one rounding is when a person reads it', async () => {
    const evidence = await exportOf(await recordedDb(1));
    const a = DEFAULT_ASSUMPTIONS;
    for (const p of evidence.pairs) {
      const lost = price(sumsOf(p), a).secondsLost;
      expect(p.secondsLost).toBe(lost);
      expect(p.secondsLostPerDay).toBe(lost / evidence.period.activeDays);
      expect(p.annualHours).toBe(annualHours(lost / evidence.period.activeDays, a));
      expect(p.annualCost).toBe(p.annualHours * a.hourlyCost);
    }
    const cents = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) > 1e-6;
    expect(evidence.pairs.some((p) => cents(p.annualHours) && cents(p.secondsLostPerDay))).toBe(true);
  });

  it('round trip: export → import → priced again gives the same file', async () => {
    const evidence = await exportOf(await recordedDb(2), { yourProduct: 'dropbox' });
    const again = roundTrip(evidence);
    expect(again).toEqual(evidence);
    const settings = evidenceSettings({ team: 'Finance', seats: 12, yourProduct: 'dropbox' });
    expect(teamEvidence([again], settings, NOW)).toEqual(evidence);
  });

  it('is measuredPerson’s sums priced by priceEvidence, agreeing with the ranking', async () => {
    const db = await recordedDb(3);
    const settings = evidenceSettings({ personId: 'person-0003-mine' });
    const measured = measuredPerson(await loadRankingDataByDay(storeOf(db), TODAY, '30'), settings, NOW);
    const priced = priceEvidence([measured], {
      assumptions: DEFAULT_ASSUMPTIONS,
      yourProduct: null,
      notAFit: {},
      integrations: {},
      seats: null,
      team: null,
      catalogVersion: CATALOG_VERSION,
      appInfo,
      categoryName: (c) => c,
      now: NOW,
    });
    expect(priced).toEqual(await exportOf(db, { team: null, seats: null, personId: 'person-0003-mine' }));
    const sums = (p: PersonalEvidence['pairs'][number]) => [
      p.switches,
      p.measuredSeconds,
      p.detours,
      p.detourDwellSeconds,
    ];
    const measuredSums = new Map(measured.pairs.map((p) => [p.apps.join(), sums(p)]));
    expect(new Map(priced.pairs.map((p) => [p.apps.join(), sums(p)]))).toEqual(measuredSums);
    // The pairs agree with the ranking the options page shows.
    const ranking = rank(await loadRankingData(storeOf(db), TODAY, '30'), DEFAULT_ASSUMPTIONS, appInfo, none);
    expect(ranking.pairs.length).toBe(priced.pairs.length);
    for (const p of ranking.pairs) {
      const pair = priced.pairs.find((q) => q.apps.join() === [p.a, p.b].join())!;
      expect(pair.switches).toBe(p.switches);
      expect(pair.annualHours).toBeCloseTo(p.annualHours, 9);
    }
  });

  it('imports a version 1 personal file as version 2, priced again from its measured sums', async () => {
    const evidence = await exportOf(await recordedDb(4));
    const upgraded = roundTrip(asVersion1(evidence) as never);
    expect(upgraded).toMatchObject({
      version: 2,
      person: { id: 'v1:20260320120000000' },
      rules: null,
      yourProduct: null,
      contributors: 1,
    });
    expect(upgraded.apps.every((a) => a.vendor === 'unknown')).toBe(true);
    const settings = evidenceSettings({ team: 'Finance', seats: 12 });
    const priced = teamEvidence([upgraded], settings, NOW);
    expect(priced.pairs).toEqual(evidence.pairs);
    // Apps the catalog knows get their vendor back.
    expect(priced.apps).toEqual(evidence.apps);
  });

  it('refuses a version 1 team file, saying why', async () => {
    const evidence = await exportOf(await recordedDb(4));
    expect(() => roundTrip(asVersion1(evidence, 3) as never)).toThrowError(
      'This team file was made by an earlier Toggle Tax and cannot be priced again: import your colleagues’ own files instead.',
    );
  });
});

describe('team', () => {
  it('ranks across people: totals, people affected, median and 75th percentile', async () => {
    const files = [
      await exportOf(await recordedDb(10), { personId: 'person-0010-anna' }),
      await exportOf(await recordedDb(11), { personId: 'person-0011-ben' }),
      await exportOf(await recordedDb(12, 3), { personId: 'person-0012-cleo' }),
    ];
    const team = teamEvidence(files, evidenceSettings({ team: 'Finance' }), NOW) as TeamEvidence;
    expect(isTeam(team)).toBe(true);
    expect(team.contributors).toBe(3);
    expect(team.people).toEqual(['person-0010-anna', 'person-0011-ben', 'person-0012-cleo']);
    expect(team.sources).toEqual(files);
    expect(team.period).toEqual({ start: '2026-02-19', end: TODAY, activeDays: 6 + 6 + 3 });
    const top = team.pairs[0]!;
    const theirs = files.flatMap((f) => f.pairs.filter((p) => p.apps.join() === top.apps.join()));
    const perPerson = theirs.map((p) => p.annualHours).sort((a, b) => a - b);
    expect(top.people).toBe(perPerson.length);
    expect(top.perPersonAnnualHours).toEqual(perPerson);
    expect(top.annualHours).toBeCloseTo(
      perPerson.reduce((s, h) => s + h, 0),
      9,
    );
    expect(top.medianAnnualHours).toBeCloseTo(percentile(perPerson, 0.5), 9);
    expect(top.p75AnnualHours).toBeCloseTo(percentile(perPerson, 0.75), 9);
    expect(top.switches).toBe(theirs.reduce((s, p) => s + p.switches, 0));
    const hours = team.pairs.map((p) => p.annualHours);
    expect(hours).toEqual([...hours].sort((x, y) => y - x));
    // The team file is valid evidence itself.
    expect(roundTrip(team)).toEqual(team);
    expect(team.team).toBe('Finance');
  });

  it('counts each person once: a newer export of the same person replaces the older', async () => {
    const older = await exportOf(
      await recordedDb(20, 3),
      { personId: 'person-0020-anna' },
      new Date('2026-03-17T12:00:00Z'),
    );
    const newer = await exportOf(await recordedDb(20, 6), { personId: 'person-0020-anna' });
    const ben = await exportOf(await recordedDb(21), { personId: 'person-0021-ben' });
    const settings = evidenceSettings();
    expect(teamPeople([older, newer])).toEqual([newer]);
    expect(teamPeople([newer, older])).toEqual([newer]);
    expect(teamEvidence([older, newer], settings, NOW)).toEqual(teamEvidence([newer], settings, NOW));
    const team = teamEvidence([older, ben, newer], settings, NOW) as TeamEvidence;
    expect(team.contributors).toBe(2);
    expect(team).toEqual(teamEvidence([newer, ben], settings, NOW));
    // The same export given twice counts once too.
    expect(teamEvidence([ben, ben], settings, NOW)).toEqual(teamEvidence([ben], settings, NOW));
  });

  it('merges a team file idempotently with itself and with its people’s own files', async () => {
    const anna = await exportOf(await recordedDb(30), { personId: 'person-0030-anna' });
    const ben = await exportOf(await recordedDb(31), { personId: 'person-0031-ben' });
    const settings = evidenceSettings({ yourProduct: 'dropbox' });
    const team = roundTrip(teamEvidence([anna, ben], settings, NOW));
    for (const files of [[team], [team, team], [team, anna, ben], [anna, team], [anna, ben, team]])
      expect(teamEvidence(files, settings, NOW)).toEqual(team);
    // A team file of a team file is the same team.
    expect(teamEvidence([roundTrip(teamEvidence([team], settings, NOW))], settings, NOW)).toEqual(team);
  });

  it('prices a file made under other assumptions again, from its measured sums', async () => {
    const db = await recordedDb(40);
    const here = evidenceSettings({ team: 'Finance', seats: 12 });
    const madeHere = await exportOf(db);
    const madeElsewhere = roundTrip(await exportOf(db, { assumptions: conservative }));
    expect(madeElsewhere.pairs.map((p) => p.annualCost)).not.toEqual(madeHere.pairs.map((p) => p.annualCost));
    expect(madeElsewhere.assumptions.hourlyCost.value).toBe(80);
    expect(teamEvidence([madeElsewhere], here, NOW)).toEqual(madeHere);
    // A team file priced elsewhere too, whatever it was priced with.
    const ben = await exportOf(await recordedDb(41), { personId: 'person-0041-ben' });
    const teamElsewhere = roundTrip(teamEvidence([madeElsewhere, ben], evidenceSettings({ assumptions: high }), NOW));
    expect(teamElsewhere.assumptions.currency.value).toBe('EUR');
    const { sources, ...again } = teamEvidence([teamElsewhere], here, NOW) as TeamEvidence;
    const { sources: _, ...madeHereToo } = teamEvidence([madeHere, ben], here, NOW) as TeamEvidence;
    expect(again).toEqual(madeHereToo);
    // It carries the people's files as they were made: they can be priced again elsewhere.
    expect(sources).toEqual([madeElsewhere, ben]);
  });

  it('keeps two colleagues’ custom apps with one id and different names as two apps', () => {
    const anna = personFile('person-0050-anna', [{ apps: ['slack', 'custom-tool'], aToB: 10, measuredSeconds: 30 }], {
      customApps: [{ id: 'custom-tool', name: 'Ledger' }],
    });
    const ben = personFile('person-0051-ben', [{ apps: ['custom-tool', 'slack'], aToB: 4, measuredSeconds: 12 }], {
      customApps: [{ id: 'custom-tool', name: 'Timesheets' }],
    });
    const cleo = personFile('person-0052-cleo', [{ apps: ['custom-tool', 'slack'], aToB: 6, measuredSeconds: 9 }], {
      customApps: [{ id: 'custom-tool', name: 'Ledger' }],
    });
    const team = roundTrip(teamEvidence([anna, ben, cleo], evidenceSettings(), NOW));
    expect(team.apps.filter((a) => a.id.startsWith('custom-'))).toEqual([
      { id: 'custom-tool', name: 'Ledger', category: 'other', vendor: 'custom-tool' },
      { id: 'custom-tool-2', name: 'Timesheets', category: 'other', vendor: 'custom-tool-2' },
    ]);
    const pair = (a: string) => team.pairs.find((p) => p.apps.join() === `${a},slack`)!;
    expect(pair('custom-tool')).toMatchObject({ people: 2, switches: 16 });
    expect(pair('custom-tool-2')).toMatchObject({ people: 1, switches: 4 });
  });

  it('handles dozens of people, and dozens of exports of one person', async () => {
    const base = await exportOf(await recordedDb(60));
    const people = Array.from({ length: 40 }, (_, i) => ({
      ...base,
      person: { id: `person-${String(i).padStart(4, '0')}-many` },
    }));
    const settings = evidenceSettings({ team: 'Finance', seats: 12 });
    const team = teamEvidence(people, settings, NOW);
    expect(team.contributors).toBe(40);
    expect(team.pairs[0]!.people).toBe(40);
    expect(team.pairs[0]!.medianAnnualHours).toBeCloseTo(base.pairs[0]!.annualHours, 9);
    expect(team.pairs[0]!.annualHours).toBeCloseTo(base.pairs[0]!.annualHours * 40, 6);
    const exports = Array.from({ length: 40 }, (_, i) => ({
      ...base,
      generatedAt: new Date(NOW.getTime() - i * 60_000).toISOString(),
    }));
    expect(teamEvidence(exports, settings, NOW)).toEqual(base);
  });

  it('percentiles interpolate', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5], 0.75)).toBe(4);
    expect(percentile([7], 0.75)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });
});

describe('partners, with your product set', () => {
  // The pairs that are not a partnership lose the most time: none may reach the top five.
  const SUMS: Sums[] = [
    { apps: ['dropbox', 'box'], aToB: 400, bToA: 380, measuredSeconds: 9000 },
    { apps: ['dropbox', 'slack'], aToB: 350, bToA: 340, measuredSeconds: 8000 },
    { apps: ['dropbox', 'paychex'], aToB: 300, bToA: 300, measuredSeconds: 7000, detours: 40, detourDwellSeconds: 900 },
    { apps: ['dropbox', 'gmail'], aToB: 90, bToA: 80, measuredSeconds: 1500 },
    { apps: ['dropbox', 'google-sheets'], aToB: 40, bToA: 40, measuredSeconds: 700 },
    { apps: ['dropbox', 'asana'], aToB: 70, bToA: 60, measuredSeconds: 1200 },
    { apps: ['dropbox', 'notion'], aToB: 60, bToA: 50, measuredSeconds: 1000 },
    { apps: ['dropbox', 'github'], aToB: 50, bToA: 40, measuredSeconds: 800 },
    { apps: ['dropbox', 'zoom'], aToB: 30, bToA: 30, measuredSeconds: 500 },
    { apps: ['dropbox', 'docusign'], aToB: 20, bToA: 10, measuredSeconds: 300 },
    { apps: ['slack', 'gmail'], aToB: 500, bToA: 500, measuredSeconds: 9000 },
  ];
  const dropboxDay = personFile('person-0070-anna', SUMS, { activeDays: 12 });
  const settings = evidenceSettings({
    yourProduct: 'dropbox',
    notAFit: { paychex: { note: 'payroll is not our market' } },
    integrations: { 'dropbox|slack': { since: '2026-03-01' } },
  });

  it('puts partners and the top five in the file; no same-category, integrated or not-a-fit partner is in it', () => {
    const evidence = roundTrip(teamEvidence([dropboxDay], settings, NOW));
    const partners = evidence.partners!;
    const byVendor = new Map(partners.map((p) => [p.vendor, p]));
    expect(byVendor.get('box')).toMatchObject({
      status: 'same-category',
      reason: 'Dropbox and Box are both file storage: consolidation or competition, not integration',
    });
    expect(byVendor.get('salesforce')).toMatchObject({
      status: 'integrated',
      reason: 'Dropbox and Slack are integrated since 2026-03-01',
    });
    expect(byVendor.get('paychex')).toMatchObject({
      status: 'not-a-fit',
      reason: 'Marked not a fit: payroll is not our market',
    });
    expect(byVendor.get('google')).toMatchObject({ status: 'candidate', apps: ['gmail', 'google-sheets'] });
    // Google's hours are its two pairs'.
    const hoursOf = (a: string, b: string) => evidence.pairs.find((p) => p.apps.join() === [a, b].join())!.annualHours;
    expect(byVendor.get('google')!.annualHours).toBeCloseTo(
      hoursOf('dropbox', 'gmail') + hoursOf('dropbox', 'google-sheets'),
      9,
    );
    // Pairs without your product belong to no partner.
    expect(partners.flatMap((p) => p.pairs).some((pair) => !pair.includes('dropbox'))).toBe(false);
    const candidates = partners.filter((p) => p.status === 'candidate');
    expect(evidence.topFive).toEqual(candidates.slice(0, TOP_PARTNERS).map((p) => p.vendor));
    expect(evidence.topFive).toEqual(['google', 'asana', 'notion-labs', 'microsoft', 'zoom-communications']);
    for (const vendor of ['box', 'salesforce', 'paychex']) expect(evidence.topFive).not.toContain(vendor);
    expect(partners.map((p) => p.status).indexOf('candidate')).toBe(0);
    // The same partners from the same sums exported with another product and other assumptions.
    const elsewhere = personFile('person-0070-anna', SUMS, {
      activeDays: 12,
      settings: { yourProduct: 'box', assumptions: high },
    });
    expect(elsewhere.topFive).not.toEqual(evidence.topFive);
    expect(teamEvidence([roundTrip(elsewhere)], settings, NOW)).toEqual(evidence);
  });

  it('leaves partners out without your product', () => {
    const evidence = teamEvidence([dropboxDay], evidenceSettings(), NOW);
    expect(evidence.yourProduct).toBeNull();
    expect(evidence.partners).toBeUndefined();
    expect(evidence.topFive).toBeUndefined();
  });

  it('carries an integration’s before and after: active days, seconds lost per day, annual hours', async () => {
    const db = await recordedDb(80);
    const integrations = { 'dropbox|slack': { since: '2026-03-18' } };
    const mine = await exportOf(db, { integrations, yourProduct: 'dropbox' });
    const pair = mine.pairs.find((p) => p.apps.join() === 'dropbox,slack')!;
    expect(pair.integration).toMatchObject({
      since: '2026-03-18',
      before: { activeDays: 3 },
      after: { activeDays: 3 },
    });
    const { before, after } = pair.integration!;
    expect(before.switches + after.switches).toBe(pair.switches);
    for (const side of [before, after]) {
      const perDay = price(sumsOf(side), DEFAULT_ASSUMPTIONS).secondsLost / side.activeDays;
      expect(side.secondsLostPerDay).toBe(perDay);
      expect(side.annualHours).toBe(annualHours(perDay, DEFAULT_ASSUMPTIONS));
      expect(side.annualHours).toBeGreaterThan(0);
    }
    expect(mine.partners!.find((p) => p.vendor === 'salesforce')!.status).toBe('integrated');
    // Carried through a colleague's import, and summed over a team's people.
    const here = evidenceSettings({ integrations, yourProduct: 'dropbox', team: 'Finance', seats: 12 });
    expect(teamEvidence([roundTrip(mine)], here, NOW)).toEqual(mine);
    const ben = await exportOf(await recordedDb(81), { integrations, personId: 'person-0081-ben' });
    const team = roundTrip(teamEvidence([mine, ben], here, NOW));
    const both = team.pairs.find((p) => p.apps.join() === 'dropbox,slack')!.integration!;
    const bens = ben.pairs.find((p) => p.apps.join() === 'dropbox,slack')!.integration!;
    expect(both.before.activeDays).toBe(before.activeDays + bens.before.activeDays);
    expect(both.after.switches).toBe(after.switches + bens.after.switches);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these tests break files in arbitrary ways
type Loose = Record<string, any>;

/** A file as version 1 wrote it: no person, rules, product or vendors; integrations a date only. */
function asVersion1(file: PersonalEvidence, contributors = 1): Loose {
  const { person: _person, rules: _rules, yourProduct: _product, partners: _partners, topFive: _top, ...rest } = file;
  return {
    ...rest,
    version: 1,
    contributors,
    apps: file.apps.map(({ vendor: _vendor, ...app }) => app),
    pairs: file.pairs.map((p) => ({ ...p, integration: p.integration && { since: p.integration.since } })),
  };
}

describe('evidence validation', () => {
  let valid: PersonalEvidence;
  let team: TeamEvidence;
  const mutate = (change: (e: Loose) => void, file: EvidenceFile = valid): string => {
    const copy = structuredClone(file) as Loose;
    change(copy);
    return JSON.stringify(copy);
  };

  it('accepts valid files: personal, team, empty', async () => {
    valid = await exportOf(await recordedDb(90), { yourProduct: 'dropbox' });
    const ben = await exportOf(await recordedDb(91, 2), { personId: 'person-0091-ben' });
    team = teamEvidence([valid, ben], evidenceSettings(), NOW) as TeamEvidence;
    expect(roundTrip(valid)).toEqual(valid);
    expect(roundTrip(team)).toEqual(team);
    expect(parseEvidence(JSON.stringify({ ...valid, pairs: [], apps: [], partners: [], topFive: [] })).pairs).toEqual(
      [],
    );
  });

  const invalid: [string, () => string, RegExp][] = [
    ['truncated', () => JSON.stringify(valid).slice(0, 200), /not a Toggle Tax export or backup: it is not JSON\.$/],
    ['empty', () => '', /not a Toggle Tax export or backup: it is not JSON\.$/],
    ['not an object', () => '[1,2,3]', /not a Toggle Tax evidence file/],
    ['null', () => 'null', /not a Toggle Tax evidence file/],
    ['a backup instead', () => mutate((e) => (e.format = 'toggle-tax/backup')), /not a Toggle Tax evidence file/],
    ['a newer version', () => mutate((e) => (e.version = 3)), /version 3; this Toggle Tax reads version 2/],
    ['version as text', () => mutate((e) => (e.version = '2')), /version "2"/],
    [
      'NaN as a number',
      () => JSON.stringify(valid).replace(/"switches":\d+/, '"switches":NaN'),
      /not a Toggle Tax export or backup: it is not JSON\.$/,
    ],
    ['Infinity', () => JSON.stringify(valid).replace(/"annualHours":[\d.e+-]+/, '"annualHours":1e999'), /annualHours/],
    ['negative switches', () => mutate((e) => (e.pairs[0].switches = -3)), /switches: should be at least 0/],
    ['negative hours', () => mutate((e) => (e.pairs[0].annualHours = -1)), /annualHours/],
    ['fractional count', () => mutate((e) => (e.pairs[0].aToB = 1.5)), /aToB: should be a whole number/],
    ['switches as text', () => mutate((e) => (e.pairs[0].switches = '12')), /switches: should be a number, not "12"/],
    ['boolean as text', () => mutate((e) => (e.pairs[0].sameCategory = 'no')), /sameCategory: should be true or false/],
    ['missing pairs', () => mutate((e) => delete e.pairs), /pairs: is missing/],
    ['pairs not a list', () => mutate((e) => (e.pairs = {})), /pairs: should be a list/],
    [
      '__proto__ written escaped',
      () => JSON.stringify(valid).replace('{', '{"\\u005f_proto__":{"polluted":true},'),
      /"__proto__"/,
    ],
    [
      '__proto__ at the top',
      () => JSON.stringify(valid).replace('{', '{"__proto__":{"polluted":true},'),
      /"__proto__"/,
    ],
    [
      '__proto__ in a pair',
      () => JSON.stringify(valid).replace('"apps":["', '"__proto__":{"x":1},"apps":["'),
      /"__proto__"/,
    ],
    ['constructor key', () => mutate((e) => (e.pairs[0].constructor = { prototype: 1 })), /"(constructor|prototype)"/],
    ['unknown field', () => mutate((e) => (e.pairs[0].url = 'https://secret.example')), /pairs\.0\.url: is not part/],
    ['duplicated pair', () => mutate((e) => e.pairs.push(structuredClone(e.pairs[0]))), /a pair is listed twice/],
    ['duplicated app', () => mutate((e) => e.apps.push(structuredClone(e.apps[0]))), /an app is listed twice/],
    ['unsorted pair', () => mutate((e) => e.pairs[0].apps.reverse()), /different and sorted/],
    ['one app twice in a pair', () => mutate((e) => (e.pairs[0].apps = ['slack', 'slack'])), /different and sorted/],
    ['app id with a URL', () => mutate((e) => (e.pairs[0].apps[1] = 'https://x')), /not an app id/],
    ['vendor with spaces', () => mutate((e) => (e.apps[0].vendor = 'Not A Vendor')), /not a vendor id/],
    ['directions do not add up', () => mutate((e) => (e.pairs[0].aToB += 1)), /aToB \+ bToA/],
    ['bad date', () => mutate((e) => (e.period.start = 'last week')), /not a date/],
    ['period backwards', () => mutate((e) => (e.period.start = '2027-01-01')), /ends before it starts/],
    ['absurd refocus', () => mutate((e) => (e.assumptions.refocusSeconds.value = 5000)), /refocusSeconds/],
    ['share above one', () => mutate((e) => (e.assumptions.avoidableShare.value = 3)), /avoidableShare/],
    ['bad currency', () => mutate((e) => (e.assumptions.currency.value = 'dollars')), /currency/],
    ['zero contributors', () => mutate((e) => (e.contributors = 0)), /contributors: should be at least 1/],
    ['bad timestamp', () => mutate((e) => (e.generatedAt = 'yesterday')), /generatedAt: should be a date and time/],
    ['a person id with a URL', () => mutate((e) => (e.person.id = 'https://tracker.example')), /not a person id/],
    ['no person', () => mutate((e) => delete e.person), /person: is missing/],
    ['a recording rule out of bounds', () => mutate((e) => (e.rules.minDwellMs = 5)), /rules\.minDwellMs/],
    ['a partner status unknown', () => mutate((e) => (e.partners[0].status = 'maybe')), /status: should be one of/],
    [
      'a team whose people do not match its files',
      () => mutate((e) => (e.people[1] = 'person-9999-nobody'), team),
      /its people do not match the files it carries/,
    ],
    [
      'a team carrying a broken file',
      () => mutate((e) => (e.sources[1].pairs[0].switches = -1), team),
      /The team file’s person 2: .*switches/,
    ],
    ['a team without people', () => mutate((e) => (e.people = []), team), /people/],
    ['a version 1 team file', () => JSON.stringify(asVersion1(valid, 2)), /cannot be priced again/],
    ['a 70 MB file', () => JSON.stringify({ ...valid, padding: 'x'.repeat(70 * 1_048_576) }), /larger than 64 MB/],
  ];

  it.each(invalid)('refuses a file with %s, naming the problem', (_name, make, message) => {
    expect(() => parseEvidence(make())).toThrowError(message);
  });

  it('names problems in plain words, never a parser’s', () => {
    for (const [, make] of invalid) {
      let text = '';
      try {
        parseEvidence(make());
      } catch (error) {
        text = (error as Error).message;
      }
      expect(text).not.toMatch(/Invalid (type|key|value)|Expected|received|Unexpected token|JSON\.parse/);
    }
  });

  it('has at least 25 invalid cases', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(25);
  });

  it('leaves Object.prototype untouched by a hostile file', () => {
    expect(() => parseEvidence('{"__proto__":{"polluted":true},"format":"toggle-tax/evidence"}')).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('backup and restore', () => {
  const ranked = async (db: ToggleTaxDB) =>
    rank(await loadRankingData(storeOf(db), TODAY, 'all'), DEFAULT_ASSUMPTIONS, appInfo, none).pairs;
  const backupOf = async (db: ToggleTaxDB) =>
    parseBackup(JSON.stringify(await createBackup(storeOf(db), { seats: 4 }, CATALOG_VERSION, NOW)));
  const dump = async (db: ToggleTaxDB) => ({
    switches: await storeOf(db).switches(),
    pairDays: (await storeOf(db).rows()).pairDays,
    appDays: await db.appDays.toArray(),
    days: await db.days.toArray(),
  });

  it('restores into an empty profile with identical rankings, and twice changes nothing', async () => {
    const source = await recordedDb(50);
    const backup = await backupOf(source);
    expect(backup.settings).toEqual({ seats: 4 });
    const target = freshDb();
    const first = await restoreBackup(storeOf(target), backup);
    expect(first.switchesAdded).toBe((await storeOf(source).switches()).length);
    expect(await ranked(target)).toEqual(await ranked(source));
    expect(await dump(target)).toEqual(await dump(source));
    const second = await restoreBackup(storeOf(target), backup);
    expect(second).toEqual({ daysAdded: 0, switchesAdded: 0 });
    expect(await dump(target)).toEqual(await dump(source));
  });

  it('puts switches still waiting in the journal into the backup and the evidence', async () => {
    const journaled = async () => {
      const db = freshDb();
      const recorder = storeOf(db);
      const t = Date.parse('2026-03-20T09:00:00-04:00');
      for (const event of [
        { type: 'attend', at: t, tabId: 1, url: U.slack },
        { type: 'attend', at: t + 5000, tabId: 2, url: U.dropbox },
        { type: 'blur', at: t + 9000 },
      ] as const)
        await recorder.record([event], context);
      // Not folded by the worker yet.
      expect(await db.journal.count()).toBeGreaterThan(0);
      return { db, t };
    };
    const { db, t } = await journaled();
    const backup = await backupOf(db);
    expect(backup.switches).toMatchObject([[t + 5000, '2026-03-20', 'slack', 'dropbox', 0, null]]);
    expect(await db.journal.count()).toBe(0);
    const other = await journaled();
    const evidence = await exportOf(other.db);
    expect(evidence.pairs).toMatchObject([{ apps: ['dropbox', 'slack'], switches: 1, bToA: 1 }]);
    expect(await other.db.journal.count()).toBe(0);
  });

  it('never overwrites newer data: a day recorded here keeps its switches and gains the missing ones', async () => {
    const source = await recordedDb(60, 3);
    const backup = await backupOf(source);
    const target = freshDb();
    await restoreBackup(storeOf(target), backup);
    // Keep recording on the last day here, then restore the older backup again.
    const recorder = storeOf(target);
    const later = Date.parse('2026-03-20T21:00:00-04:00');
    for (const event of [
      { type: 'startup', at: later },
      { type: 'attend', at: later, tabId: 1, url: U.slack },
      { type: 'attend', at: later + 5000, tabId: 2, url: U.dropbox },
      { type: 'blur', at: later + 9000 },
    ] as const)
      await recorder.record([event], context);
    await recorder.fold();
    const before = await dump(target);
    expect(before.switches.length).toBe(backup.switches.length + 1);
    await restoreBackup(storeOf(target), backup);
    expect(await dump(target)).toEqual(before);
  });

  it('merges a day both browsers recorded without counting a switch twice', async () => {
    // The source records a day and a half, is backed up (A), then records the rest of the day (B).
    const source = freshDb();
    const recorder = storeOf(source);
    const random = mulberry32(70);
    const urls = [U.slack, U.dropbox, U.paychex, U.gmail, U.newTab];
    const events = [
      ...randomAttention(random, urls, 300, Date.parse('2026-03-19T09:00:00-04:00')),
      ...randomAttention(random, urls, 300, Date.parse('2026-03-20T09:00:00-04:00')),
    ];
    for (const event of events.slice(0, 450)) await recorder.record([event], context);
    await recorder.fold();
    const backupA = await backupOf(source);
    for (const event of events.slice(450)) await recorder.record([event], context);
    await recorder.fold();
    const backupB = await backupOf(source);
    expect(backupB.switches.length).toBeGreaterThan(backupA.switches.length);

    const target = freshDb();
    await restoreBackup(storeOf(target), backupA);
    const summary = await restoreBackup(storeOf(target), backupB);
    expect(summary).toEqual({ daysAdded: 0, switchesAdded: backupB.switches.length - backupA.switches.length });
    expect(await dump(target)).toEqual(await dump(source));
  });

  it.each([
    ['an evidence file', (b: object) => ({ ...b, format: 'toggle-tax/evidence' }), /not a Toggle Tax backup/],
    ['a future version', (b: object) => ({ ...b, version: 9 }), /version 9/],
    [
      'a switch with a URL for an app',
      (b: { switches: unknown[][] }) => ({
        ...b,
        switches: [[Date.parse('2026-03-01T12:00:00Z'), '2026-03-01', 'https://x', 'slack', 1, null]],
      }),
      /not an app id/,
    ],
    [
      'a negative time',
      (b: { switches: unknown[][] }) => ({ ...b, switches: [[1, '2026-03-01', 'dropbox', 'slack', -5, null]] }),
      /switches/,
    ],
    [
      'a duplicated switch',
      (b: { switches: unknown[][] }) => ({ ...b, switches: [b.switches[0], b.switches[0]] }),
      /listed twice/,
    ],
    ['a duplicated day', (b: { days: unknown[] }) => ({ ...b, days: [b.days[0], b.days[0]] }), /listed twice/],
  ])('refuses a backup with %s and stores nothing', async (_name, change, message) => {
    const backup = await backupOf(await recordedDb(80, 1));
    const target = freshDb();
    expect(() => parseBackup(JSON.stringify(change(backup as never)))).toThrowError(message);
    expect(await target.switchBlocks.count()).toBe(0);
  });
});
