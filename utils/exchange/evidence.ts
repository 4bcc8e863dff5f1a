/**
 * Evidence for a partnerships team (DESIGN.md, "Contracts"): the ranking as JSON and CSV, with
 * every assumption and its source, and the merge of many people's files into one team ranking.
 * Aggregates only: no URL, title, hostname or time of a single event ever goes in.
 */
import * as v from 'valibot';
import { APP_ID } from '../catalog/types';
import type { Assumptions } from '../figures/cost-model';
import { annualCost, annualHours, ASSUMPTIONS, price } from '../figures/cost-model';
import { schemaOf } from '../settings/field-schemas';
import { SEATS, TEAM_LABEL } from '../settings/declarations';
import { checkFormat, checkSchema, ImportError, parseJsonSafely } from './import-guard';
import type { RankedPair, Ranking } from '../figures/ranking';
import type { AppInfo } from '../catalog/directory';
import { ACTIVE_DAY_MS } from '../days';
import type { DayRow, PairDayRow } from '../store/rows';

export const EVIDENCE_FORMAT = 'toggle-tax/evidence';
export const EVIDENCE_VERSION = 1;
/** A pair seen on fewer active days than this is marked preliminary. */
export const PRELIMINARY_DAYS = 5;
/** Evidence is a few hundred pairs at most; anything this large is not one. */
export const MAX_EVIDENCE_BYTES = 5 * 1_048_576;

const appId = v.pipe(v.string(), v.regex(APP_ID, 'not an app id'));
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)'));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e9));
const amount = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e12));

type AssumptionKey = keyof Assumptions;
const ASSUMPTION_KEYS = Object.keys(ASSUMPTIONS) as AssumptionKey[];

/** Each assumption with its source, its value checked as the options page checks it. */
/* @__NO_SIDE_EFFECTS__ */
function assumptionsSchema() {
  const entries = ASSUMPTION_KEYS.map((key) => [
    key,
    v.strictObject({ value: schemaOf(ASSUMPTIONS[key]), source: v.pipe(v.string(), v.maxLength(1000)) }),
  ]);
  return v.strictObject(
    Object.fromEntries(entries) as { [K in AssumptionKey]: v.GenericSchema<{ value: Assumptions[K]; source: string }> },
  );
}

// Free of side effects: pages that only write evidence (the brief) leave the schemas, and valibot, out.
const AssumptionsSchema = assumptionsSchema();

const PairSchema = v.strictObject({
  apps: v.pipe(
    v.tuple([appId, appId]),
    v.check(([a, b]) => a < b, 'the two app ids must be different and sorted'),
  ),
  switches: count,
  aToB: count,
  bToA: count,
  detours: count,
  detourDwellSeconds: amount,
  measuredSeconds: amount,
  assumedSeconds: amount,
  secondsLost: amount,
  switchesPerDay: amount,
  secondsLostPerDay: amount,
  annualHours: amount,
  annualCost: amount,
  sameCategory: v.boolean(),
  integration: v.nullable(v.strictObject({ since: day })),
  activeDaysObserved: count,
  preliminary: v.boolean(),
  people: v.pipe(count, v.minValue(1)),
  perPersonAnnualHours: v.array(amount),
  medianAnnualHours: amount,
  p75AnnualHours: amount,
});

export const EvidenceSchema = v.pipe(
  v.strictObject({
    format: v.literal(EVIDENCE_FORMAT),
    version: v.literal(EVIDENCE_VERSION),
    generatedAt: v.pipe(v.string(), v.isoTimestamp()),
    period: v.strictObject({ start: day, end: day, activeDays: count }),
    assumptions: AssumptionsSchema,
    catalogVersion: v.pipe(v.string(), v.maxLength(40)),
    team: v.nullable(v.pipe(v.string(), v.maxLength(TEAM_LABEL.maxLength))),
    seats: schemaOf(SEATS),
    contributors: v.pipe(count, v.minValue(1)),
    apps: v.array(
      v.strictObject({
        id: appId,
        name: v.pipe(v.string(), v.maxLength(100)),
        category: v.pipe(v.string(), v.maxLength(40)),
      }),
    ),
    pairs: v.pipe(v.array(PairSchema), v.maxLength(100_000)),
  }),
  v.check((e) => e.period.start <= e.period.end, 'the period ends before it starts'),
  v.check((e) => new Set(e.pairs.map((p) => p.apps.join('|'))).size === e.pairs.length, 'a pair is listed twice'),
  v.check((e) => new Set(e.apps.map((a) => a.id)).size === e.apps.length, 'an app is listed twice'),
  v.check((e) => e.pairs.every((p) => p.aToB + p.bToA === p.switches), 'switches must equal aToB + bToA'),
  v.check(
    (e) => e.pairs.every((p) => p.people === p.perPersonAnnualHours.length),
    'people must match perPersonAnnualHours',
  ),
);

export type EvidenceFile = v.InferOutput<typeof EvidenceSchema>;
export type EvidencePair = EvidenceFile['pairs'][number];

/** Reads an evidence file a person picked: every check, and a message naming the first problem. */
export function parseEvidence(text: string): EvidenceFile {
  return readEvidence(parseJsonSafely(text, MAX_EVIDENCE_BYTES, 'The evidence file'));
}

/** Checks an already parsed value as evidence. */
export function readEvidence(value: unknown): EvidenceFile {
  checkFormat(value, EVIDENCE_FORMAT, EVIDENCE_VERSION, 'evidence file');
  return checkSchema(EvidenceSchema, value, 'The evidence file');
}

export interface EvidenceContext {
  ranking: Ranking;
  pairDays: readonly PairDayRow[];
  days: readonly DayRow[];
  assumptions: Assumptions;
  appInfo: (id: string) => AppInfo | undefined;
  catalogVersion: string;
  team: string | null;
  seats: number | null;
  now: Date;
}

export function assumptionsWithSources(a: Assumptions): EvidenceFile['assumptions'] {
  return Object.fromEntries(
    ASSUMPTION_KEYS.map((key) => [key, { value: a[key], source: ASSUMPTIONS[key].source }]),
  ) as EvidenceFile['assumptions'];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One person's evidence: the ranking of this browser over its period. */
export function buildEvidence(ctx: EvidenceContext): EvidenceFile {
  const { report } = ctx.ranking;
  const activeDays = new Set(ctx.days.filter((d) => d.attendedMs >= ACTIVE_DAY_MS).map((d) => d.day));
  const observed = (p: RankedPair) =>
    new Set(ctx.pairDays.filter((r) => r.a === p.a && r.b === p.b && activeDays.has(r.day)).map((r) => r.day)).size;
  const pairs = ctx.ranking.pairs.map((p): EvidencePair => {
    const hours = round(p.annualHours);
    const activeDaysObserved = observed(p);
    return {
      apps: [p.a, p.b],
      switches: p.switches,
      aToB: p.aToB,
      bToA: p.bToA,
      detours: p.detours,
      detourDwellSeconds: round(p.detourDwellMs / 1000, 3),
      measuredSeconds: round(p.measuredSeconds, 3),
      assumedSeconds: round(p.assumedSeconds, 3),
      secondsLost: round(p.secondsLost, 3),
      switchesPerDay: round(p.switchesPerDay),
      secondsLostPerDay: round(p.secondsLostPerDay),
      annualHours: hours,
      annualCost: round(p.annualCost),
      sameCategory: p.sameCategory,
      integration: p.integration ? { since: p.integration.since } : null,
      activeDaysObserved,
      preliminary: activeDaysObserved < PRELIMINARY_DAYS,
      people: 1,
      perPersonAnnualHours: [hours],
      medianAnnualHours: hours,
      p75AnnualHours: hours,
    };
  });
  return {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_VERSION,
    generatedAt: ctx.now.toISOString(),
    period: { start: report.period.start, end: report.period.end, activeDays: report.activeDays },
    assumptions: assumptionsWithSources(ctx.assumptions),
    catalogVersion: ctx.catalogVersion,
    team: ctx.team,
    seats: ctx.seats,
    contributors: 1,
    apps: appsOf(pairs, ctx.appInfo),
    pairs,
  };
}

function appsOf(pairs: readonly EvidencePair[], appInfo: (id: string) => AppInfo | undefined): EvidenceFile['apps'] {
  const ids = [...new Set(pairs.flatMap((p) => p.apps))].sort();
  return ids.map((id) => ({ id, name: appInfo(id)?.name ?? id, category: appInfo(id)?.category ?? 'other' }));
}

/** The value below which `share` of the sorted values lie (linear interpolation). */
export function percentile(sorted: readonly number[], share: number): number {
  if (!sorted.length) return 0;
  const at = (sorted.length - 1) * share;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function sameAssumptions(a: EvidenceFile['assumptions'], b: EvidenceFile['assumptions']): boolean {
  return (Object.keys(a) as (keyof typeof a)[]).every((k) => a[k].value === b[k].value);
}

export interface MergeResult {
  evidence: EvidenceFile;
  /** Files left out, with the reason (a duplicate, or a team file priced differently). */
  skipped: { index: number; reason: string }[];
}

/**
 * Merges many people's evidence into one team ranking, priced under `assumptions`. A personal file
 * is re-priced from its measured sums; a merged team file is taken as it is, which needs the same
 * assumptions. Per pair: total annual hours, people affected, median and 75th percentile per person.
 */
export function mergeEvidence(
  files: readonly EvidenceFile[],
  assumptions: Assumptions,
  now: Date,
  team: string | null = null,
): MergeResult {
  const sources = assumptionsWithSources(assumptions);
  const skipped: MergeResult['skipped'] = [];
  const seen = new Set<string>();
  const used: EvidenceFile[] = [];
  files.forEach((file, index) => {
    const fingerprint = JSON.stringify([file.generatedAt, file.period, file.pairs]);
    if (seen.has(fingerprint)) skipped.push({ index, reason: 'the same file was given twice' });
    else if (file.contributors > 1 && !sameAssumptions(file.assumptions, sources))
      skipped.push({ index, reason: 'a team file priced with other assumptions; merge the personal files instead' });
    else {
      seen.add(fingerprint);
      used.push(file);
    }
  });
  if (!used.length) throw new ImportError('None of these files could be merged.');

  const merged = new Map<string, EvidencePair & { hours: number[] }>();
  const categories = new Map<string, EvidenceFile['apps'][number]>();
  for (const file of used) {
    for (const app of file.apps) categories.set(app.id, app);
    const perDay = Math.max(1, file.period.activeDays);
    for (const pair of file.pairs) {
      const key = pair.apps.join('|');
      const priced =
        file.contributors > 1
          ? {
              measuredSeconds: pair.measuredSeconds,
              assumedSeconds: pair.assumedSeconds,
              secondsLost: pair.secondsLost,
            }
          : price(
              {
                switches: pair.switches,
                transitMs: pair.measuredSeconds * 1000,
                detours: pair.detours,
                detourDwellMs: pair.detourDwellSeconds * 1000,
              },
              assumptions,
            );
      const personHours =
        file.contributors > 1
          ? pair.perPersonAnnualHours
          : [round(annualHours(priced.secondsLost / perDay, assumptions))];
      const target = merged.get(key) ?? {
        ...pair,
        switches: 0,
        aToB: 0,
        bToA: 0,
        detours: 0,
        detourDwellSeconds: 0,
        measuredSeconds: 0,
        assumedSeconds: 0,
        secondsLost: 0,
        switchesPerDay: 0,
        secondsLostPerDay: 0,
        activeDaysObserved: 0,
        people: 0,
        hours: [],
        integration: null,
      };
      target.switches += pair.switches;
      target.aToB += pair.aToB;
      target.bToA += pair.bToA;
      target.detours += pair.detours;
      target.detourDwellSeconds += pair.detourDwellSeconds;
      target.measuredSeconds += priced.measuredSeconds;
      target.assumedSeconds += priced.assumedSeconds;
      target.secondsLost += priced.secondsLost;
      target.switchesPerDay += file.contributors > 1 ? pair.switchesPerDay : pair.switches / perDay;
      target.secondsLostPerDay += file.contributors > 1 ? pair.secondsLostPerDay : priced.secondsLost / perDay;
      target.activeDaysObserved += pair.activeDaysObserved;
      target.people += file.contributors > 1 ? pair.people : 1;
      target.hours.push(...personHours);
      if (pair.integration && (!target.integration || pair.integration.since < target.integration.since))
        target.integration = pair.integration;
      merged.set(key, target);
    }
  }

  const pairs = [...merged.values()].map(({ hours, ...p }): EvidencePair => {
    const sorted = [...hours].sort((x, y) => x - y);
    const total = sorted.reduce((s, h) => s + h, 0);
    const [a, b] = p.apps;
    const categoryA = categories.get(a)?.category;
    return {
      ...p,
      detourDwellSeconds: round(p.detourDwellSeconds, 3),
      measuredSeconds: round(p.measuredSeconds, 3),
      assumedSeconds: round(p.assumedSeconds, 3),
      secondsLost: round(p.secondsLost, 3),
      switchesPerDay: round(p.switchesPerDay),
      secondsLostPerDay: round(p.secondsLostPerDay),
      annualHours: round(total),
      annualCost: round(annualCost(total, assumptions)),
      sameCategory: categoryA !== undefined && categoryA !== 'other' && categoryA === categories.get(b)?.category,
      preliminary: p.activeDaysObserved < PRELIMINARY_DAYS,
      perPersonAnnualHours: sorted,
      medianAnnualHours: round(percentile(sorted, 0.5)),
      p75AnnualHours: round(percentile(sorted, 0.75)),
    };
  });
  pairs.sort((x, y) => y.annualHours - x.annualHours || x.apps.join().localeCompare(y.apps.join()));

  const starts = used.map((f) => f.period.start).sort();
  const ends = used.map((f) => f.period.end).sort();
  return {
    evidence: {
      format: EVIDENCE_FORMAT,
      version: EVIDENCE_VERSION,
      generatedAt: now.toISOString(),
      period: { start: starts[0]!, end: ends.at(-1)!, activeDays: used.reduce((s, f) => s + f.period.activeDays, 0) },
      assumptions: sources,
      catalogVersion: [...new Set(used.map((f) => f.catalogVersion))].sort().join(', ').slice(0, 40),
      team,
      seats: null,
      contributors: used.reduce((s, f) => s + f.contributors, 0),
      apps: [...categories.values()]
        .filter((app) => pairs.some((p) => p.apps.includes(app.id)))
        .sort((x, y) => x.id.localeCompare(y.id)),
      pairs,
    },
    skipped,
  };
}

/** A spreadsheet cell: quoted when needed, and never the start of a formula. */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  // = + - @ (and tab or carriage return) start a formula in spreadsheet programs (CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_COLUMNS = [
  'app_a',
  'app_b',
  'switches',
  'seconds_lost',
  'annual_hours',
  'app_a_name',
  'app_b_name',
  'a_to_b',
  'b_to_a',
  'detours',
  'measured_seconds',
  'assumed_seconds',
  'switches_per_day',
  'seconds_lost_per_day',
  'annual_cost',
  'currency',
  'same_category',
  'integrated_since',
  'active_days_observed',
  'preliminary',
  'people',
  'median_annual_hours',
  'p75_annual_hours',
] as const;

/** One row per pair, ranked as in the JSON; the header starts `app_a,app_b,switches,seconds_lost,annual_hours`. */
export function evidenceToCsv(evidence: EvidenceFile): string {
  const names = new Map(evidence.apps.map((a) => [a.id, a.name]));
  const rows = evidence.pairs.map((p) =>
    [
      p.apps[0],
      p.apps[1],
      p.switches,
      p.secondsLost,
      p.annualHours,
      names.get(p.apps[0]) ?? p.apps[0],
      names.get(p.apps[1]) ?? p.apps[1],
      p.aToB,
      p.bToA,
      p.detours,
      p.measuredSeconds,
      p.assumedSeconds,
      p.switchesPerDay,
      p.secondsLostPerDay,
      p.annualCost,
      evidence.assumptions.currency.value,
      p.sameCategory,
      p.integration?.since ?? null,
      p.activeDaysObserved,
      p.preliminary,
      p.people,
      p.medianAnnualHours,
      p.p75AnnualHours,
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
