/**
 * Evidence for a partnerships team (its README has the contract): the ranking as a file, with
 * every assumption and its source, and the merge of many people's files into one team ranking.
 * Aggregates only: no URL, title, hostname or time of a single event ever goes in.
 */
import * as v from 'valibot';
import { APP_ID } from '../catalog/types';
import type { Assumptions } from '../figures/cost-model';
import { ASSUMPTIONS } from '../figures/cost-model';
import { schemaOf } from '../settings/field-schemas';
import { SEATS, TEAM_LABEL } from '../settings/declarations';
import { checkFormat, checkSchema, parseJsonSafely } from './import-guard';
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

/** Figures in a file keep this many decimals (amounts of time three). */
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

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
