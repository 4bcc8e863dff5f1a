import { describe, expect, it } from 'vitest';
import { createBackup, parseBackup, restoreBackup } from '@/utils/exchange/backup';
import { APPS, CATALOG_VERSION } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import type { Assumptions } from '@/utils/figures/cost-model';
import { DEFAULT_ASSUMPTIONS, PRESETS } from '@/utils/figures/cost-model';
import { ToggleTaxDB } from '@/utils/store/schema';
import type { EvidenceFile } from '@/utils/exchange/evidence';
import { buildEvidence, parseEvidence } from '@/utils/exchange/evidence';
import { csvCell, evidenceToCsv } from '@/utils/exchange/csv';
import { mergeEvidence, percentile } from '@/utils/exchange/merge';
import { loadRankingData, loadRankingDataByDay, rank } from '@/utils/figures/ranking';
import { freshDb, storeOf } from '../helpers/database';
import { context, mulberry32, randomAttention, URL as U } from '../helpers/scenario';

const appInfo = createAppDirectory(APPS);
const NOW = new Date('2026-03-20T12:00:00Z');
const TODAY = '2026-03-20';
const none = { homeApp: null, ignoredAppIds: new Set<string>(), seats: null, integrations: {} };

/** A database with a few days of realistic random browsing, ending on TODAY. */
async function recordedDb(seed: number, days = 6): Promise<ToggleTaxDB> {
  const db = freshDb();
  const recorder = storeOf(db);
  const random = mulberry32(seed);
  const urls = [U.slack, U.dropbox, U.paychex, U.gmail, U.docs, U.sheets, U.newTab, U.search];
  for (let d = days - 1; d >= 0; d--) {
    const start = Date.parse(`2026-03-${String(20 - d).padStart(2, '0')}T09:00:00-04:00`);
    // About 75 minutes of browsing a day: every day is an active day.
    for (const event of randomAttention(random, urls, 450, start)) await recorder.record([event], context);
    await recorder.record([{ type: 'blur', at: start + 10 * 3_600_000 }], context);
  }
  await recorder.fold();
  return db;
}

async function evidenceOf(db: ToggleTaxDB, assumptions: Assumptions = DEFAULT_ASSUMPTIONS): Promise<EvidenceFile> {
  const data = await loadRankingDataByDay(storeOf(db), TODAY, '30');
  const ranking = rank(data, assumptions, appInfo, none);
  return buildEvidence({
    ranking,
    ...data,
    assumptions,
    appInfo,
    catalogVersion: CATALOG_VERSION,
    team: 'Finance',
    seats: 12,
    now: NOW,
  });
}

describe('evidence export', () => {
  it('follows the contract: sorted pairs, every assumption with its source, aggregates only', async () => {
    const db = await recordedDb(1);
    const evidence = await evidenceOf(db);
    expect(evidence).toMatchObject({
      format: 'toggle-tax/evidence',
      version: 1,
      team: 'Finance',
      seats: 12,
      contributors: 1,
      catalogVersion: CATALOG_VERSION,
    });
    expect(evidence.period).toEqual({ start: '2026-02-19', end: TODAY, activeDays: 6 });
    for (const a of Object.values(evidence.assumptions)) expect(a.source.length).toBeGreaterThan(10);
    expect(evidence.pairs.length).toBeGreaterThan(5);
    const hours = evidence.pairs.map((p) => p.annualHours);
    expect(hours).toEqual([...hours].sort((x, y) => y - x));
    for (const p of evidence.pairs) {
      expect(p.apps[0] < p.apps[1]).toBe(true);
      expect(p.secondsLost).toBeCloseTo(p.measuredSeconds + p.assumedSeconds, 2);
      expect(p.preliminary).toBe(p.activeDaysObserved < 5);
    }
    expect(evidence.pairs.some((p) => p.preliminary === false)).toBe(true);
    // Nothing about single events: no URL, no host, no timestamp other than generatedAt.
    const text = JSON.stringify(evidence);
    expect(text).not.toMatch(/https?:|\.com|ycombinator/);
    expect(text.match(/\d{4}-\d{2}-\d{2}T/g)).toEqual(['2026-03-20T']);
  });

  it('round trip: export → import → export gives identical pairs', async () => {
    const evidence = await evidenceOf(await recordedDb(2));
    const again = parseEvidence(JSON.stringify(evidence));
    expect(again).toEqual(evidence);
    const merged = mergeEvidence([again], DEFAULT_ASSUMPTIONS, NOW).evidence;
    expect(merged.pairs.map((p) => [p.apps, p.switches, p.annualHours])).toEqual(
      evidence.pairs.map((p) => [p.apps, p.switches, p.annualHours]),
    );
  });

  it('writes CSV with the contract header, one row per pair, no formula', async () => {
    const evidence = await evidenceOf(await recordedDb(3));
    evidence.apps[0]!.name = '=HYPERLINK("http://evil","click")';
    const csv = evidenceToCsv(evidence);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]!.startsWith('app_a,app_b,switches,seconds_lost,annual_hours')).toBe(true);
    expect(lines).toHaveLength(evidence.pairs.length + 1);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    [12.5, '12.5'],
    [null, ''],
  ])('neutralises the CSV cell %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('team merge', () => {
  it('ranks across people: totals, people affected, median and 75th percentile', async () => {
    const files = [
      await evidenceOf(await recordedDb(10)),
      await evidenceOf(await recordedDb(11)),
      await evidenceOf(await recordedDb(12, 3)),
    ];
    const { evidence, skipped } = mergeEvidence(files, DEFAULT_ASSUMPTIONS, NOW, 'Finance');
    expect(skipped).toEqual([]);
    expect(evidence.contributors).toBe(3);
    const top = evidence.pairs[0]!;
    const perPerson = files
      .flatMap((f) => f.pairs.filter((p) => p.apps.join() === top.apps.join()).map((p) => p.annualHours))
      .sort((a, b) => a - b);
    expect(top.people).toBe(perPerson.length);
    expect(top.perPersonAnnualHours).toEqual(perPerson);
    expect(top.annualHours).toBeCloseTo(
      perPerson.reduce((s, h) => s + h, 0),
      1,
    );
    expect(top.medianAnnualHours).toBeCloseTo(percentile(perPerson, 0.5), 2);
    expect(top.p75AnnualHours).toBeCloseTo(percentile(perPerson, 0.75), 2);
    expect(top.switches).toBe(
      files.reduce((s, f) => s + (f.pairs.find((p) => p.apps.join() === top.apps.join())?.switches ?? 0), 0),
    );
    // The merged file is valid evidence itself, with nothing per person but sorted hours.
    expect(parseEvidence(JSON.stringify(evidence))).toEqual(evidence);
    expect(evidence.team).toBe('Finance');
  });

  it('re-prices personal files under the merger’s assumptions and skips duplicates', async () => {
    const file = await evidenceOf(await recordedDb(20));
    const conservative = { ...DEFAULT_ASSUMPTIONS, ...PRESETS.conservative };
    const { evidence, skipped } = mergeEvidence([file, file], conservative, NOW);
    expect(skipped).toEqual([{ index: 1, reason: 'the same file was given twice' }]);
    const pair = evidence.pairs[0]!;
    expect(pair.assumedSeconds).toBeCloseTo(2 * pair.switches, 2);
    expect(evidence.assumptions.resumptionSeconds.value).toBe(0);
  });

  it('handles dozens of files', async () => {
    const base = await evidenceOf(await recordedDb(30));
    const files = Array.from({ length: 40 }, (_, i) => ({
      ...base,
      generatedAt: new Date(NOW.getTime() + i * 1000).toISOString(),
    }));
    const { evidence } = mergeEvidence(files, DEFAULT_ASSUMPTIONS, NOW);
    expect(evidence.contributors).toBe(40);
    expect(evidence.pairs[0]!.people).toBe(40);
    expect(evidence.pairs[0]!.medianAnnualHours).toBeCloseTo(base.pairs[0]!.annualHours, 2);
  });

  it('percentiles interpolate', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5], 0.75)).toBe(4);
    expect(percentile([7], 0.75)).toBe(7);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these tests break files in arbitrary ways
type Loose = Record<string, any>;

describe('evidence validation', () => {
  let valid: EvidenceFile;
  const mutate = (change: (e: Loose) => void): string => {
    const copy = structuredClone(valid) as Loose;
    change(copy);
    return JSON.stringify(copy);
  };

  it('accepts valid files: personal, merged, empty', async () => {
    valid = await evidenceOf(await recordedDb(40));
    expect(parseEvidence(JSON.stringify(valid))).toEqual(valid);
    expect(parseEvidence(JSON.stringify({ ...valid, pairs: [], apps: [] })).pairs).toEqual([]);
    const merged = mergeEvidence([valid], DEFAULT_ASSUMPTIONS, NOW).evidence;
    expect(parseEvidence(JSON.stringify(merged)).contributors).toBe(1);
  });

  const invalid: [string, () => string, RegExp][] = [
    ['truncated', () => JSON.stringify(valid).slice(0, 200), /not a Toggle Tax export or backup: it is not JSON\.$/],
    ['empty', () => '', /not a Toggle Tax export or backup: it is not JSON\.$/],
    ['not an object', () => '[1,2,3]', /not a Toggle Tax evidence file/],
    ['null', () => 'null', /not a Toggle Tax evidence file/],
    ['a backup instead', () => mutate((e) => (e.format = 'toggle-tax/backup')), /not a Toggle Tax evidence file/],
    ['wrong version', () => mutate((e) => (e.version = 2)), /version 2; this Toggle Tax reads version 1/],
    ['version as text', () => mutate((e) => (e.version = '1')), /version "1"/],
    [
      'NaN as a number',
      () => JSON.stringify(valid).replace(/"switches":\d+/, '"switches":NaN'),
      /not a Toggle Tax export or backup: it is not JSON\.$/,
    ],
    ['Infinity', () => JSON.stringify(valid).replace(/"annualHours":[\d.]+/, '"annualHours":1e999'), /annualHours/],
    ['negative switches', () => mutate((e) => (e.pairs[0].switches = -3)), /switches/],
    ['negative hours', () => mutate((e) => (e.pairs[0].annualHours = -1)), /annualHours/],
    ['fractional count', () => mutate((e) => (e.pairs[0].aToB = 1.5)), /aToB/],
    ['switches as text', () => mutate((e) => (e.pairs[0].switches = '12')), /switches/],
    ['boolean as text', () => mutate((e) => (e.pairs[0].sameCategory = 'no')), /sameCategory/],
    ['missing pairs', () => mutate((e) => delete e.pairs), /pairs/],
    ['pairs not a list', () => mutate((e) => (e.pairs = {})), /pairs/],
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
    ['unknown field', () => mutate((e) => (e.pairs[0].url = 'https://secret.example')), /url/],
    ['duplicated pair', () => mutate((e) => e.pairs.push(structuredClone(e.pairs[0]))), /a pair is listed twice/],
    ['unsorted pair', () => mutate((e) => e.pairs[0].apps.reverse()), /different and sorted/],
    ['one app twice in a pair', () => mutate((e) => (e.pairs[0].apps = ['slack', 'slack'])), /different and sorted/],
    ['app id with a URL', () => mutate((e) => (e.pairs[0].apps[1] = 'https://x')), /not an app id/],
    ['directions do not add up', () => mutate((e) => (e.pairs[0].aToB += 1)), /aToB \+ bToA/],
    ['bad date', () => mutate((e) => (e.period.start = 'last week')), /not a date/],
    ['period backwards', () => mutate((e) => (e.period.start = '2027-01-01')), /ends before it starts/],
    ['absurd refocus', () => mutate((e) => (e.assumptions.refocusSeconds.value = 5000)), /refocusSeconds/],
    ['share above one', () => mutate((e) => (e.assumptions.avoidableShare.value = 3)), /avoidableShare/],
    ['bad currency', () => mutate((e) => (e.assumptions.currency.value = 'dollars')), /currency/],
    ['zero contributors', () => mutate((e) => (e.contributors = 0)), /contributors/],
    ['people mismatch', () => mutate((e) => (e.pairs[0].people = 3)), /people must match/],
    ['bad timestamp', () => mutate((e) => (e.generatedAt = 'yesterday')), /generatedAt/],
    ['a 50 MB file', () => JSON.stringify({ ...valid, padding: 'x'.repeat(50 * 1_048_576) }), /larger than 5 MB/],
  ];

  it.each(invalid)('refuses a file with %s, naming the problem', (_name, make, message) => {
    expect(() => parseEvidence(make())).toThrowError(message);
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
    const backup = await backupOf(db);
    expect(backup.switches).toMatchObject([[t + 5000, '2026-03-20', 'slack', 'dropbox', 0, null]]);
    expect(await db.journal.count()).toBe(0);
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
