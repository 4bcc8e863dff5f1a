/**
 * The organisation path: the README's DuckDB queries, read from the READMEs themselves so that the
 * two cannot drift apart, run with DuckDB's Node package on a folder of personal exports, and checked
 * against the options page's merge (`teamEvidence`) of the same files. The SQL adds figures as the
 * files priced them, so every newest export is priced under the team's assumptions; earlier exports,
 * under others, must not count.
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

/** The fenced SQL blocks under `heading` in a README (in list items too), in order. */
function sqlBlocks(readme: string, heading: string): string[] {
  const text = readFileSync(resolve(import.meta.dirname, '../../..', readme), 'utf8');
  const start = text.indexOf(heading);
  expect(start, `${readme} has "${heading}"`).toBeGreaterThan(-1);
  const next = text.indexOf('\n## ', start + heading.length);
  const section = text.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** What a person reads and runs: the view with the pair ranking, and the partner ranking. */
const [PAIR_RANKING, PARTNER_RANKING] = sqlBlocks('README.md', '## Past one browser: a whole organisation in DuckDB');
/** Beside the code: the check that the newest files were priced alike, and the CSV variant. */
const [PRICED_ALIKE, CSV_RANKING] = sqlBlocks('utils/exchange/README.md', '## A whole organisation in DuckDB');
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
const PAGE_FILES = 50;
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

/** Runs the blocks in turn on the exports in `folder`: the rows of the last one's last statement. */
async function query(folder: string, ...blocks: string[]): Promise<Row[]> {
  // The READMEs read 'exports/*.json' relative to where DuckDB was started.
  await db.run(`SET file_search_path = '${folder}'`);
  let rows: Row[] = [];
  for (const sql of blocks) rows = (await db.runAndReadAll(sql)).getRowObjectsJS();
  return rows;
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
    close(row.annual_hours, pair.annualHours);
    close(row.median_per_person, pair.medianAnnualHours);
    close(row.p75_per_person, pair.p75AnnualHours);
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
  it('has its blocks: view and pair ranking, partners; beside the code, the assumptions check and CSV', () => {
    expect(PAIR_RANKING).toMatch(/CREATE OR REPLACE VIEW person_pairs[\s\S]*FROM person_pairs/);
    expect(YOUR_PRODUCT).toBeTruthy();
    expect(PRICED_ALIKE).toMatch(/assumptions/);
    expect(CSV_RANKING).toMatch(/read_csv\('exports\/\*\.csv'/);
  });

  it('the folder holds what an organisation sends: repeated exports, varied periods, apps and products', () => {
    const page = files.slice(0, PAGE_FILES);
    const people = (list: readonly PersonalEvidence[]) => new Set(list.map((f) => f.person.id)).size;
    expect(people(page)).toBeLessThan(page.length - 5);
    const exports = new Map<string, number>();
    for (const file of files) exports.set(file.person.id, (exports.get(file.person.id) ?? 0) + 1);
    expect(Math.max(...exports.values())).toBe(3);
    // Earlier exports, priced otherwise, are sometimes later in the folder than the newest.
    expect(
      files.findIndex((f, i) =>
        files.slice(i + 1).some((g) => g.person.id === f.person.id && g.generatedAt < f.generatedAt),
      ),
    ).toBeGreaterThan(-1);
    expect(new Set(files.map((f) => f.assumptions.refocusSeconds.value)).size).toBeGreaterThan(3);
    expect(new Set(files.map((f) => f.period.start)).size).toBeGreaterThan(50);
    expect(new Set(files.map((f) => f.yourProduct)).size).toBeGreaterThan(3);
    expect(new Set(files.flatMap((f) => f.pairs.flatMap((p) => p.apps))).size).toBeGreaterThan(30);
    expect(page.some((f) => f.apps.some((a) => a.id.startsWith('custom-')))).toBe(true);
    expect(page.some((f) => f.pairs.some((p) => p.integration))).toBe(true);
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
    const rows = await query(join(root, 'page'), PAIR_RANKING!, PARTNER_RANKING!);
    expect(rows.map((r) => r.vendor)).toEqual(candidates.map((p) => p.vendor));
    candidates.forEach((partner, i) => close(rows[i]!.annual_hours, partner.annualHours));
    expect(candidates.length).toBeGreaterThan(10);
    // The candidates' pairs include both kinds the query must leave out.
    const category = new Map(team.apps.map((a) => [a.id, a.category]));
    const integrated = new Set(team.pairs.filter((p) => p.integration).map((p) => p.apps.join('|')));
    const pairsOfCandidates = candidates.flatMap((p) => p.pairs);
    expect(pairsOfCandidates.some(([a, b]) => category.get(a) === category.get(b))).toBe(true);
    expect(pairsOfCandidates.some((pair) => integrated.has(pair.join('|')))).toBe(true);
    expect(candidates.some((p) => p.vendor.startsWith('custom-'))).toBe(true);

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
      close(rows[i]!.median_per_person, percentile(each, 0.5));
      close(rows[i]!.p75_per_person, percentile(each, 0.75));
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
      resumption_seconds: String(TEAM.resumptionSeconds),
      avoidable_share: String(TEAM.avoidableShare),
      working_days: String(TEAM.workingDaysPerYear),
    });
    expect(num(rows[0]!.people)).toBe(teamPeople(parsed.slice(0, PAGE_FILES)).length);
  });

  it(`gives the merge's figures on all ${FILES} exports too, with a team file among them`, async () => {
    const team = teamEvidence(parsed, settings(YOUR_PRODUCT!), NOW);
    const pairs = await query(join(root, 'all'), PAIR_RANKING!);
    expectSamePairs(pairs, team);
    const partners = await query(join(root, 'all'), PAIR_RANKING!, PARTNER_RANKING!);
    const candidates = team.partners!.filter((p) => p.status === 'candidate');
    expect(partners.map((r) => r.vendor)).toEqual(candidates.map((p) => p.vendor));
    candidates.forEach((partner, i) => close(partners[i]!.annual_hours, partner.annualHours));
  });
});

/**
 * CSV, as csv.ts writes it: one row per pair, no person id, time or assumptions. So the folder must
 * hold one file per person, their newest: this test writes only those.
 */
describe('the DuckDB query for CSV exports (utils/exchange/README.md)', () => {
  it('ranks pairs as the options page does, given each person once', async () => {
    const page = parsed.slice(0, PAGE_FILES);
    const team = teamEvidence(page, settings(null), NOW);
    const folder = join(root, 'csv');
    writeExports(folder, teamPeople(page), true);
    expectSamePairs(await query(folder, CSV_RANKING!), team);
  });
});
