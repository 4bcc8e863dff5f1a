/**
 * The evidence file (its README has the contract): what one person measured, or a team's people
 * together, priced with every assumption and its source, ranked by pair and, with your product set,
 * by partner. Aggregates only: no URL, title, hostname or time of a single event ever goes in.
 * Version 2; version 1 files still import (`readEvidence` brings them to version 2).
 */
import * as v from 'valibot';
import { APP_ID } from '../catalog/types';
import type { Assumptions } from '../figures/cost-model';
import { ASSUMPTIONS } from '../figures/cost-model';
import { schemaOf } from '../settings/field-schemas';
import { SEATS, TEAM_LABEL } from '../settings/declarations';
import type { RecordingRules } from '../tracker/rules';
import { RECORDING_RULES } from '../tracker/rules';
import { checkFormat, checkSchema, ImportError, parseJsonSafely } from './import-guard';

export const EVIDENCE_FORMAT = 'toggle-tax/evidence';
export const EVIDENCE_VERSION = 2;
/** A pair seen on fewer active days than this is marked preliminary (declared with the figures). */
export { PRELIMINARY_DAYS } from '../figures/preliminary';
/** A person's evidence is a few hundred pairs; a team file carries its people's. */
export const MAX_EVIDENCE_BYTES = 64 * 1_048_576;

const appId = v.pipe(v.string(), v.regex(APP_ID, 'not an app id'));
const vendorId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'not a vendor id'));
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)'));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e9));
const amount = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e12));
const share = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const personId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9:_-]{8,80}$/, 'not a person id'));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

type AssumptionKey = keyof Assumptions;
const ASSUMPTION_KEYS = Object.keys(ASSUMPTIONS) as AssumptionKey[];

/** Each assumption with its source, its value checked as the options page checks it. */
/* @__NO_SIDE_EFFECTS__ */
function assumptionsSchema() {
  const entries = ASSUMPTION_KEYS.map((key) => [
    key,
    v.strictObject({ value: schemaOf(ASSUMPTIONS[key]), source: text(1000) }),
  ]);
  return v.strictObject(
    Object.fromEntries(entries) as { [K in AssumptionKey]: v.GenericSchema<{ value: Assumptions[K]; source: string }> },
  );
}

/** The recording rules a file was recorded with, in milliseconds, checked as the options page checks them. */
/* @__NO_SIDE_EFFECTS__ */
function rulesSchema() {
  const keys = Object.keys(RECORDING_RULES) as (keyof RecordingRules)[];
  return v.strictObject(
    Object.fromEntries(keys.map((key) => [key, schemaOf(RECORDING_RULES[key])])) as {
      [K in keyof RecordingRules]: v.GenericSchema<number>;
    },
  );
}

// Free of side effects: pages that only write evidence (the brief) leave the schemas, and valibot, out.
const AssumptionsSchema = assumptionsSchema();
const RulesSchema = rulesSchema();

const sortedPair = v.pipe(
  v.tuple([appId, appId]),
  v.check(([a, b]) => a < b, 'the two app ids must be different and sorted'),
);

/** One side of an integration: measured sums (to re-price) and their figures. */
const SideSchema = v.strictObject({
  activeDays: count,
  switches: count,
  detours: count,
  measuredSeconds: amount,
  detourDwellSeconds: amount,
  secondsLostPerDay: amount,
  annualHours: amount,
});

const PAIR_FIELDS = {
  apps: sortedPair,
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
  activeDaysObserved: count,
  preliminary: v.boolean(),
  people: v.pipe(count, v.minValue(1)),
  perPersonAnnualHours: v.array(amount),
  medianAnnualHours: amount,
  p75AnnualHours: amount,
};

const PairSchema = v.strictObject({
  ...PAIR_FIELDS,
  integration: v.nullable(v.strictObject({ since: day, before: SideSchema, after: SideSchema })),
});

const PartnerSchema = v.strictObject({
  vendor: vendorId,
  name: text(100),
  apps: v.array(appId),
  status: v.picklist(['candidate', 'same-category', 'integrated', 'not-a-fit']),
  reason: v.nullable(text(2000)),
  annualHours: amount,
  annualHoursRange: v.tuple([amount, amount]),
  annualCost: amount,
  switchesPerDay: amount,
  lookupsPerDay: amount,
  secondsPerSwitch: amount,
  measuredShare: share,
  levelWithNext: v.boolean(),
  pairs: v.array(sortedPair),
});

const COMMON = {
  format: v.literal(EVIDENCE_FORMAT),
  generatedAt: v.pipe(v.string(), v.isoTimestamp()),
  period: v.strictObject({ start: day, end: day, activeDays: count }),
  assumptions: AssumptionsSchema,
  catalogVersion: text(40),
  team: v.nullable(v.pipe(v.string(), v.maxLength(TEAM_LABEL.maxLength))),
  seats: schemaOf(SEATS),
  contributors: v.pipe(count, v.minValue(1)),
};

const APP = { id: appId, name: text(100), category: text(40) };

interface Listed {
  period: { start: string; end: string };
  pairs: { apps: string[] }[];
  apps: { id: string }[];
}
/** What is wrong with a file's lists, or null. */
function listsProblem(e: Listed): string | null {
  if (e.period.start > e.period.end) return 'the period ends before it starts';
  if (new Set(e.pairs.map((p) => p.apps.join('|'))).size !== e.pairs.length) return 'a pair is listed twice';
  if (new Set(e.apps.map((a) => a.id)).size !== e.apps.length) return 'an app is listed twice';
  // Pricing names every app of a pair from the file's list.
  const listed = new Set(e.apps.map((a) => a.id));
  if (e.pairs.some((p) => !p.apps.every((id) => listed.has(id)))) return 'a pair names an app the file does not list';
  return null;
}
/** A person's measured and priced figures, as version 2 writes them; a team file carries its people's. */
const PersonalSchema = v.pipe(
  v.strictObject({
    ...COMMON,
    version: v.literal(2),
    person: v.strictObject({ id: personId }),
    rules: v.nullable(RulesSchema),
    yourProduct: v.nullable(vendorId),
    apps: v.array(v.strictObject({ ...APP, vendor: vendorId })),
    pairs: v.pipe(v.array(PairSchema), v.maxLength(100_000)),
    partners: v.optional(v.array(PartnerSchema)),
    topFive: v.optional(v.array(vendorId)),
  }),
  v.check(
    (e) => listsProblem(e) === null,
    (issue) => listsProblem(issue.input as Listed) ?? 'not valid',
  ),
  v.check((e) => e.pairs.every((p) => p.aToB + p.bToA === p.switches), 'switches must equal aToB + bToA'),
);

export type PersonalEvidence = v.InferOutput<typeof PersonalSchema>;
export type EvidencePair = PersonalEvidence['pairs'][number];
export type EvidencePartner = NonNullable<PersonalEvidence['partners']>[number];
export type IntegrationSide = NonNullable<EvidencePair['integration']>['before'];

const TeamSchema = v.pipe(
  v.strictObject({
    ...COMMON,
    version: v.literal(2),
    people: v.pipe(v.array(personId), v.minLength(1)),
    rules: v.nullable(RulesSchema),
    yourProduct: v.nullable(vendorId),
    apps: v.array(v.strictObject({ ...APP, vendor: vendorId })),
    pairs: v.pipe(v.array(PairSchema), v.maxLength(100_000)),
    partners: v.optional(v.array(PartnerSchema)),
    topFive: v.optional(v.array(vendorId)),
    /** The people's own files: a team file is re-priced, and merged again, from them. */
    sources: v.array(v.unknown()),
  }),
  v.check(
    (e) => listsProblem(e) === null,
    (issue) => listsProblem(issue.input as Listed) ?? 'not valid',
  ),
);

export type TeamEvidence = Omit<v.InferOutput<typeof TeamSchema>, 'sources'> & { sources: PersonalEvidence[] };
export type EvidenceFile = PersonalEvidence | TeamEvidence;

const V1Schema = v.strictObject({
  ...COMMON,
  version: v.literal(1),
  apps: v.array(v.strictObject(APP)),
  pairs: v.array(v.strictObject({ ...PAIR_FIELDS, integration: v.nullable(v.strictObject({ since: day })) })),
});

/** Reads an evidence file a person picked: every check, and a message naming the first problem. */
export function parseEvidence(text: string): EvidenceFile {
  return readEvidence(parseJsonSafely(text, MAX_EVIDENCE_BYTES, 'The evidence file'));
}

/**
 * Checks an already parsed value as evidence; a version 1 file comes back as version 2, a team
 * file with its people's files checked one by one.
 */
export function readEvidence(value: unknown): EvidenceFile {
  const version = (value as { version?: unknown } | null)?.version;
  if (version === 1) {
    checkFormat(value, EVIDENCE_FORMAT, 1, 'evidence file');
    return fromVersion1(checkSchema(V1Schema, value, 'The evidence file'));
  }
  checkFormat(value, EVIDENCE_FORMAT, EVIDENCE_VERSION, 'evidence file');
  if ((value as { people?: unknown }).people === undefined)
    return checkSchema(PersonalSchema, value, 'The evidence file');
  const team = checkSchema(TeamSchema, value, 'The team file');
  const sources = team.sources.map((source, i) => {
    try {
      return checkSchema(PersonalSchema, source, 'A person’s file');
    } catch (error) {
      throw new ImportError(`The team file’s person ${i + 1}: ${(error as Error).message}`);
    }
  });
  const ids = sources.map((s) => s.person.id);
  if (ids.length !== team.people.length || ids.some((id) => !team.people.includes(id)))
    throw new ImportError('The team file is not valid: its people do not match the files it carries.');
  return { ...team, sources };
}

export function isTeam(file: EvidenceFile): file is TeamEvidence {
  return 'people' in file;
}

/** The people's own files in a file: itself for a person, those it carries for a team. */
export function personalFiles(file: EvidenceFile): PersonalEvidence[] {
  return isTeam(file) ? file.sources : [file];
}

export function assumptionsWithSources(a: Assumptions): PersonalEvidence['assumptions'] {
  return Object.fromEntries(
    ASSUMPTION_KEYS.map((key) => [key, { value: a[key], source: ASSUMPTIONS[key].source }]),
  ) as PersonalEvidence['assumptions'];
}

/** The assumptions' values of a file. */
export function assumptionsOf(file: Pick<EvidenceFile, 'assumptions'>): Assumptions {
  return Object.fromEntries(ASSUMPTION_KEYS.map((key) => [key, file.assumptions[key].value])) as Assumptions;
}

/**
 * A version 1 file as version 2. A person's file keeps its measured sums; it had no person id, so
 * it is known by when it was made. A merged team file of version 1 kept only priced figures, which
 * cannot be priced again under other assumptions: its people's own files are needed.
 */
function fromVersion1(file: v.InferOutput<typeof V1Schema>): PersonalEvidence {
  if (file.contributors > 1)
    throw new ImportError(
      'This team file was made by an earlier Toggle Tax and cannot be priced again: import your colleagues’ own files instead.',
    );
  return {
    ...file,
    version: 2,
    person: { id: `v1:${file.generatedAt.replace(/[^0-9]/g, '')}` },
    rules: null,
    yourProduct: null,
    apps: file.apps.map((app) => ({ ...app, vendor: 'unknown' })),
    pairs: file.pairs.map((pair) => ({ ...pair, integration: null })),
  };
}
