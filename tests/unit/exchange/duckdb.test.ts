/**
 * The organisation path: the README's DuckDB queries, read from the README itself so that the two
 * cannot drift apart, run on a folder of personal exports and checked against the options page's
 * merge (`teamEvidence` over the same files). The SQL cannot price again, so every newest export is
 * priced under the team's assumptions; earlier exports, under others, must not count.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { NO_USER_RULES } from '@/utils/catalog/types';
import type { Assumptions } from '@/utils/figures/cost-model';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { evidenceToCsv } from '@/utils/exchange/csv';
import type { EvidenceFile, PersonalEvidence } from '@/utils/exchange/evidence';
import { parseEvidence } from '@/utils/exchange/evidence';
import type { EvidenceSettings } from '@/utils/exchange/evidence-source';
import { teamEvidence, teamPeople } from '@/utils/exchange/evidence-source';
import { percentile, priceEvidence } from '@/utils/exchange/pricing';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker/rules';
import { evidenceFiles } from '../helpers/evidence-files';

const README = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
const HEADING = '## Past one browser: a whole organisation in DuckDB';

/** The fenced SQL blocks under the README's heading, in order. */
function readmeSql(): string[] {
  const start = README.indexOf(HEADING);
  expect(start, `the README has "${HEADING}"`).toBeGreaterThan(-1);
  const next = README.indexOf('\n## ', start + HEADING.length);
  const section = README.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const [VIEWS, PAIR_RANKING, PARTNER_RANKING, PRICED_ALIKE, CSV_RANKING] = readmeSql();
const YOUR_PRODUCT = /SET VARIABLE your_product = '([^']+)'/.exec(PARTNER_RANKING ?? '')?.[1];

/** Not the defaults: files priced under the defaults would agree with the page by chance. */
const TEAM: Assumptions = {
  ...DEFAULT_ASSUMPTIONS,
  refocusSeconds: 3,
  resumptionSeconds: 6,
  avoidableShare: 0.4,
  workingDaysPerYear: 220,
};
const NOW = new Date('2026-03-21T09:00:00Z');
/** What the options page could still merge at a sitting; the whole organisation is FILES. */
const PAGE_FILES = 60;
const FILES = 1000;

const settings = (yourProduct: string | null): EvidenceSettings => ({
  assumptions: TEAM,
  userRules: NO_USER_RULES,
  seats: null,
  team: null,
  integrations: {},
  yourProduct,
  notAFit: {},
  personId: '',
  rules: DEFAULT_RECORDING_RULES,
});

type Row = Record<string, unknown>;
const num = (value: unknown) => Number(value);
/** Equal but for the order floating-point sums were added in. */
const close = (actual: unknown, expected: number) =>
  expect(Math.abs(num(actual) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

let root: string;
let files: PersonalEvidence[];
/** The files as the options page reads them, through its import's checks. */
let parsed: EvidenceFile[];
let instance: DuckDBInstance;
let db: DuckDBConnection;

/** Runs one of the README's blocks (its last statement's rows) on the exports in `folder`. */
async function query(folder: string, sql: string): Promise<Row[]> {
  // The README reads 'exports/*.json' relative to where DuckDB was started.
  await db.run(`SET file_search_path = '${folder}'`);
  await db.run(VIEWS!);
  return (await db.runAndReadAll(sql)).getRowObjectsJS();
}

function writeExports(folder: string, list: readonly PersonalEvidence[], csv = false) {
  mkdirSync(join(folder, 'exports'), { recursive: true });
  list.forEach((file, i) =>
    writeFileSync(
      join(folder, 'exports', `toggle-tax-mine-evidence-${String(i).padStart(4, '0')}.${csv ? 'csv' : 'json'}`),
      // As the options page writes them.
      csv ? evidenceToCsv(file) : JSON.stringify(file, null, 2),
    ),
  );
}

/** The merge's pair ranking against DuckDB's: order, people and switches exact, hours to floating point. */
function expectSamePairs(rows: Row[], team: EvidenceFile) {
  expect(rows.map((r) => [r.app_a, r.app_b, num(r.people), num(r.switches)])).toEqual(
    team.pairs.map((p) => [p.apps[0], p.apps[1], p.people, p.switches]),
  );
  rows.forEach((row, i) => {
    const pair = team.pairs[i]!;
    close(row.total_annual_hours, pair.annualHours);
    close(row.median_hours_per_person, pair.medianAnnualHours);
    close(row.p75_hours_per_person, pair.p75AnnualHours);
  });
}

beforeAll(async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  root = mkdtempSync(join(tmpdir(), 'toggle-tax-duckdb-'));
  files = evidenceFiles(FILES, { assumptions: TEAM, seed: 29, now: NOW });
  parsed = files.map((file) => parseEvidence(JSON.stringify(file)));
  writeExports(join(root, 'page'), files.slice(0, PAGE_FILES));
  writeExports(join(root, 'all'), files);
  // A team file in the folder is left out (its people are in its `sources`), not counted again.
  const teamFile = teamEvidence(parsed.slice(0, 5), settings(null), NOW);
  writeFileSync(join(root, 'all', 'exports', 'toggle-tax-team-evidence.json'), JSON.stringify(teamFile, null, 2));
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("the README's DuckDB recipe, against the options page's merge", () => {
  it('has its blocks: views, pairs, partners, the assumptions check, CSV', () => {
    expect(VIEWS).toMatch(/CREATE OR REPLACE VIEW person_pairs/);
    expect(PAIR_RANKING).toMatch(/FROM person_pairs/);
    expect(YOUR_PRODUCT).toBeTruthy();
    expect(PRICED_ALIKE).toMatch(/assumptions/);
    expect(CSV_RANKING).toMatch(/read_csv\('exports\/\*\.csv'/);
  });

  it('the folder holds people who exported twice, the earlier file under other assumptions', () => {
    const page = files.slice(0, PAGE_FILES);
    const people = new Set(page.map((f) => f.person.id));
    expect(people.size).toBeLessThan(page.length - 5);
    expect(new Set(files.map((f) => f.assumptions.refocusSeconds.value)).size).toBeGreaterThan(3);
    expect(new Set(files.map((f) => f.period.start)).size).toBeGreaterThan(50);
    expect(files.some((f) => f.pairs.some((p) => p.integration))).toBe(true);
  });

  it('ranks pairs as the options page does: each person once, their newest export', async () => {
    const team = teamEvidence(parsed.slice(0, PAGE_FILES), settings(null), NOW);
    const rows = await query(join(root, 'page'), PAIR_RANKING!);
    expect(rows.length).toBeGreaterThan(100);
    expectSamePairs(rows, team);
  });

  it('ranks partner vendors as the options page does, with people and figures per person', async () => {
    const page = parsed.slice(0, PAGE_FILES);
    const team = teamEvidence(page, settings(YOUR_PRODUCT!), NOW);
    const candidates = team.partners!.filter((p) => p.status === 'candidate');
    const rows = await query(join(root, 'page'), PARTNER_RANKING!);
    expect(rows.map((r) => r.vendor)).toEqual(candidates.map((p) => p.vendor));
    candidates.forEach((partner, i) => close(rows[i]!.total_annual_hours, partner.annualHours));
    expect(candidates.length).toBeGreaterThan(10);
    // The candidates' pairs include both kinds the query must leave out.
    const category = new Map(team.apps.map((a) => [a.id, a.category]));
    const integrated = new Set(team.pairs.filter((p) => p.integration).map((p) => p.apps.join('|')));
    const pairsOfCandidates = candidates.flatMap((p) => p.pairs);
    expect(pairsOfCandidates.some(([a, b]) => category.get(a) === category.get(b))).toBe(true);
    expect(pairsOfCandidates.some((pair) => integrated.has(pair.join('|')))).toBe(true);

    // Each person's hours for a vendor: the person priced alone, with the pairs the team counts
    // as integrated marked so.
    const integrations = Object.fromEntries(
      team.pairs.filter((p) => p.integration).map((p) => [p.apps.join('|'), { since: p.integration!.since }]),
    );
    const hours = new Map<string, number[]>();
    for (const person of teamPeople(page)) {
      const alone = priceEvidence([person], {
        assumptions: TEAM,
        yourProduct: YOUR_PRODUCT!,
        notAFit: {},
        integrations,
        seats: null,
        team: null,
        catalogVersion: team.catalogVersion,
        appInfo: createAppDirectory(APPS),
        categoryName: (c) => c,
        now: NOW,
      });
      for (const partner of alone.partners!.filter((p) => p.status === 'candidate'))
        hours.set(partner.vendor, [...(hours.get(partner.vendor) ?? []), partner.annualHours]);
    }
    candidates.forEach((partner, i) => {
      const each = hours.get(partner.vendor)!.sort((x, y) => x - y);
      expect(num(rows[i]!.people), partner.vendor).toBe(each.length);
      close(rows[i]!.median_hours_per_person, percentile(each, 0.5));
      close(rows[i]!.p75_hours_per_person, percentile(each, 0.75));
      close(
        partner.annualHours,
        each.reduce((s, h) => s + h, 0),
      );
    });
  });

  it('says whether the newest exports were priced alike', async () => {
    const rows = await query(join(root, 'page'), PRICED_ALIKE!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      refocus_seconds: String(TEAM.refocusSeconds),
      working_days_per_year: String(TEAM.workingDaysPerYear),
    });
    expect(num(rows[0]!.people)).toBe(teamPeople(parsed.slice(0, PAGE_FILES)).length);
  });

  it(`gives the merge's figures on all ${FILES} exports too, with a team file among them`, async () => {
    const team = teamEvidence(parsed, settings(YOUR_PRODUCT!), NOW);
    const pairs = await query(join(root, 'all'), PAIR_RANKING!);
    expectSamePairs(pairs, team);
    const partners = await query(join(root, 'all'), PARTNER_RANKING!);
    const candidates = team.partners!.filter((p) => p.status === 'candidate');
    expect(partners.map((r) => r.vendor)).toEqual(candidates.map((p) => p.vendor));
    candidates.forEach((partner, i) => close(partners[i]!.total_annual_hours, partner.annualHours));
  });
});

/**
 * CSV, AS csv.ts WRITES IT AT THIS COMMIT: one row per pair, no person id, period or assumptions
 * (another change is adding them). Until then the folder must hold one file per person, their
 * newest: this test writes only those. With person ids in the CSV, count each person once as the
 * JSON query does, and add the partners.
 */
describe("the README's DuckDB query for CSV exports (the CSV's current columns)", () => {
  it('ranks pairs as the options page does, given each person once', async () => {
    const page = parsed.slice(0, PAGE_FILES);
    const team = teamEvidence(page, settings(null), NOW);
    const folder = join(root, 'csv');
    writeExports(folder, teamPeople(page), true);
    await db.run(`SET file_search_path = '${folder}'`);
    const rows = (await db.runAndReadAll(CSV_RANKING!)).getRowObjectsJS();
    expectSamePairs(rows, team);
  });
});
