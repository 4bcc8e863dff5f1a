/**
 * The one-page brief a partnerships executive reads to decide which partners to pursue. With your
 * product set it ranks partner companies, as the evidence does (`partners`, `topFive`): a sentence
 * of recommendation, a line of reason per top partner, the rest to evaluate next, and what is
 * listed apart with why; without it, pairs of apps, with the same honesty. Then the sample, what a
 * quick look-up takes here against what the model charges for it, the assumptions in words and
 * the recording rules as they were set.
 *
 * Pure: every sentence is made here from evidence priced three ways. Figures are the file's,
 * unrounded, and each is rounded once as it goes into words (utils/figures/format.ts).
 */
import { APP_NAMES } from '../catalog/app-names';
import { vendorsOf } from '../catalog/directory';
import { CATEGORIES } from '../catalog/types';
import { ACTIVE_DAY_MS } from '../days';
import { valueText } from '../fields';
import type { Assumptions, PresetId } from '../figures/cost-model';
import { ASSUMPTIONS, PRESET_NAMES } from '../figures/cost-model';
import { formatCount, formatDuration, formatMoney, formatOneDecimal, formatShare } from '../figures/format';
import { TOO_EARLY_DAYS } from '../figures/integration';
import { integratedReason, sameCategoryReason, TOP_PARTNERS } from '../figures/partners';
import type { RecordingRules } from '../tracker/rules';
import { RECORDING_RULES } from '../tracker/rules';
import type { EvidenceFile, EvidencePair, EvidencePartner, IntegrationSide } from './evidence';
import { personalFiles, PRELIMINARY_DAYS } from './evidence';

/** How many partners (or pairs) stand out: the evidence's top five. */
export const BRIEF_TOP = TOP_PARTNERS;
/** Those to evaluate next named one by one; the rest are counted (the brief is one page). */
export const BRIEF_NEXT = 10;
/** Pairs listed apart by name when ranking pairs (same-category pairs can be many). */
export const BRIEF_APART_PAIRS = 5;

/** A partner, or a pair of apps, as the brief ranks it. Figures are the evidence's, unrounded. */
export interface BriefEntry {
  /** The vendor id, or `a|b` for a pair. */
  key: string;
  name: string;
  /** The partner's apps counted in its figures (empty for a pair). */
  apps: string[];
  annualHours: number;
  /** Annual hours under the Conservative and High assumptions. */
  range: [number, number];
  annualCost: number;
  switchesPerDay: number;
  lookupsPerDay: number;
  secondsPerSwitch: number;
  /** Share of the seconds lost that is measured (time between apps), 0–1. */
  measuredShare: number;
  /** Its range overlaps the next one's: their order is not a finding. */
  levelWithNext: boolean;
  /** Every pair it is made of was seen on fewer than PRELIMINARY_DAYS active days. */
  preliminary: boolean;
  /** The pairs its figures are made of. */
  pairs: EvidencePair[];
  /** The line of reason (top) or the short line (to evaluate next). */
  line: string;
}

/** A partner or pair listed apart: same category, integrated, or not a fit. */
export interface BriefApart {
  key: string;
  name: string;
  kind: 'same-category' | 'integrated' | 'not-a-fit';
  annualHours: number;
  line: string;
}

export interface BriefIntegration {
  key: string;
  name: string;
  since: string;
  before: IntegrationSide;
  after: IntegrationSide;
  /** Either side has fewer than TOO_EARLY_DAYS active days. */
  tooEarly: boolean;
  line: string;
}

export interface BriefBar {
  label: string;
  annualHours: number;
  /** The measured part of `annualHours` (its measured share), for the bar's split. */
  measuredHours: number;
  range: [number, number];
  /** The bar's figure as the lines read it: "21.4 h (12.0–35.9)". */
  value: string;
}

export interface BriefModel {
  title: string;
  /** What is ranked: partner companies (your product set) or pairs of apps. */
  ranks: 'partners' | 'pairs';
  meta: string;
  /** "Pursue integrations with Google, Paychex and Salesforce first: …"; null when ranking pairs. */
  recommendation: string | null;
  /** A sentence that comes first when ranking pairs, or when no partner can be recommended. */
  lead: string | null;
  topHeading: string;
  top: BriefEntry[];
  /** Which neighbours are level, in sentences. */
  levels: string[];
  next: BriefEntry[];
  /** Those to evaluate next that are not named: "and 7 more, …"; or null. */
  nextRest: string | null;
  apart: BriefApart[];
  apartRest: string | null;
  integrations: BriefIntegration[];
  chart: { caption: string; bars: BriefBar[] };
  /** How much of the time lost is measured, and how much estimated. */
  measuredAndEstimated: string | null;
  sample: string[];
  lookUp: string;
  method: string[];
  assumptions: { key: keyof Assumptions; words: string; value: string; source: string }[];
  rules: string[];
  currency: string;
}

const one = formatOneDecimal;
const seconds = (s: number) => `${formatOneDecimal(s)} s`;
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const pairKey = (apps: readonly string[]) => apps.join('|');

/** "38%"; a share short of all that rounds to 100% is "over 99%", so the rest is not said to be nothing. */
function shareWords(share: number): string {
  return share < 1 && formatShare(share) === formatShare(1) ? `over ${formatShare(0.99)}` : formatShare(share);
}

/** "A", "A and B", "A, B and C". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Per unit of the figures: one person's, or a team's added up. */
function whoOf(file: EvidenceFile) {
  const team = file.contributors > 1;
  return {
    team,
    /** After "hours a year". */
    forWhom: team ? `for the ${formatCount(file.contributors)} people together` : 'for one person',
    /** After "per active day". */
    perDay: team ? `per active day, the ${formatCount(file.contributors)} people's added up` : 'per active day',
  };
}

/** The seat-scaled figure with, next to it, what it scales. */
function seatsClause(file: EvidenceFile, hours: number): string {
  const seats = file.seats;
  if (seats === null) return '';
  if (file.contributors > 1)
    return `; ${formatCount((hours / file.contributors) * seats)} hours a year at ${formatCount(seats)} seats (scales the team's figure, ${formatCount(file.contributors)} people, to ${formatCount(seats)} seats)`;
  return `; ${formatCount(hours * seats)} hours a year at ${formatCount(seats)} seats (scales one person's figure to ${formatCount(seats)} seats)`;
}

function rangeWords(range: readonly [number, number]): string {
  return `${PRESET_NAMES.conservative}–${PRESET_NAMES.high} ${one(range[0])}–${one(range[1])}`;
}

/** What entries cost together: hours a year and range, cost, and the seat-scaled hours with what they scale. */
function totalWords(file: EvidenceFile, entries: readonly Omit<BriefEntry, 'line'>[]): string {
  const sum = (pick: (e: Omit<BriefEntry, 'line'>) => number) => entries.reduce((s, e) => s + pick(e), 0);
  const hours = sum((e) => e.annualHours);
  const range: [number, number] = [sum((e) => e.range[0]), sum((e) => e.range[1])];
  const cost = formatMoney(
    sum((e) => e.annualCost),
    file.assumptions.currency.value,
  );
  return `${one(hours)} hours a year ${whoOf(file).forWhom} (${rangeWords(range)}; ${cost} a year${seatsClause(file, hours)})`;
}

/** The line of reason: hours and range, switches and look-ups per day, seconds per switch, the share measured. */
function reasonLine(entry: Omit<BriefEntry, 'line'>, file: EvidenceFile, nextName: string | null): string {
  const who = whoOf(file);
  // " (Google Sheets, Gmail)": the apps, unless the partner's name already says which (HubSpot's HubSpot).
  const apps =
    entry.apps.length && !(entry.apps.length === 1 && entry.apps[0] === entry.name)
      ? ` (${entry.apps.join(', ')})`
      : '';
  const parts = [
    `${entry.name}${apps}: ${one(entry.annualHours)} hours a year ${who.forWhom} (${rangeWords(entry.range)})`,
    `${one(entry.switchesPerDay)} switches and ${one(entry.lookupsPerDay)} quick look-ups (A→B→A) ${who.perDay}`,
    `${seconds(entry.secondsPerSwitch)} per switch, ${formatShare(entry.measuredShare)} of it measured`,
  ];
  let line = `${parts.join('; ')}.`;
  if (entry.preliminary) line += ` Preliminary: seen on fewer than ${PRELIMINARY_DAYS} active days.`;
  if (entry.levelWithNext && nextName) line += ` Level with ${nextName}: their ranges overlap.`;
  return line;
}

function shortLine(entry: Omit<BriefEntry, 'line'>, nextName: string | null): string {
  return [
    `${entry.name}: ${one(entry.annualHours)} hours a year (${one(entry.range[0])}–${one(entry.range[1])})`,
    entry.preliminary ? ', preliminary' : '',
    entry.levelWithNext && nextName ? `, level with ${nextName}` : '',
  ].join('');
}

/** Quick look-ups per active day of a pair, as pricing counts them: each person's, added up. */
function lookupsPerDay(file: EvidenceFile, apps: readonly string[]): number {
  let total = 0;
  for (const person of personalFiles(file)) {
    const pair = person.pairs.find((p) => pairKey(p.apps) === pairKey(apps));
    if (pair) total += pair.detours / Math.max(1, person.period.activeDays);
  }
  return total;
}

/** Your product's name: its company's, as the catalog names it, or its apps'. */
function productName(file: EvidenceFile, vendor: string): string {
  const known = vendorsOf(APP_NAMES).find((v) => v.id === vendor);
  if (known) return known.name;
  const apps = file.apps.filter((a) => a.vendor === vendor).map((a) => a.name);
  return apps.length ? listWords(apps) : vendor;
}

const categoryName = (id: string) => CATEGORIES[id as keyof typeof CATEGORIES] ?? id;

interface PairOfPartner {
  pair: EvidencePair;
  ours: string;
  theirs: string;
  status: 'candidate' | 'same-category' | 'integrated';
  reason: string | null;
}

/**
 * A partner's pairs with the status each has in the ranking (utils/figures/partners.ts): those
 * its figures count, and those listed apart with why.
 */
function pairsOfPartner(file: EvidenceFile, partner: EvidencePartner, yourProduct: string): PairOfPartner[] {
  const apps = new Map(file.apps.map((a) => [a.id, a]));
  const name = (id: string) => apps.get(id)?.name ?? id;
  return partner.pairs.flatMap((ids): PairOfPartner[] => {
    const pair = file.pairs.find((p) => pairKey(p.apps) === pairKey(ids));
    if (!pair) return [];
    const [ours, theirs] = apps.get(ids[0])?.vendor === yourProduct ? ids : [ids[1], ids[0]];
    const [ourApp, theirApp] = [apps.get(ours), apps.get(theirs)];
    if (pair.integration)
      return [
        {
          pair,
          ours,
          theirs,
          status: 'integrated',
          reason: integratedReason(name(ours), name(theirs), pair.integration.since),
        },
      ];
    if (ourApp && theirApp && ourApp.category === theirApp.category)
      return [
        {
          pair,
          ours,
          theirs,
          status: 'same-category',
          reason: sameCategoryReason(name(ours), name(theirs), categoryName(ourApp.category)),
        },
      ];
    return [{ pair, ours, theirs, status: 'candidate', reason: null }];
  });
}

/** Of the seconds lost on these pairs, the share measured (time between apps). */
function measuredShareOf(pairs: readonly EvidencePair[]): number {
  const lost = pairs.reduce((s, p) => s + p.secondsLost, 0);
  return lost ? pairs.reduce((s, p) => s + p.measuredSeconds, 0) / lost : 0;
}

/** Which neighbours among the top are level, and whether the cut after the top falls between level ones. */
function levelSentences(top: readonly BriefEntry[], next: readonly BriefEntry[], what: string): string[] {
  const sentences: string[] = [];
  let run: BriefEntry[] = [];
  for (const entry of top) {
    run.push(entry);
    if (entry.levelWithNext) continue;
    if (run.length > 1)
      sentences.push(
        `${listWords(run.map((e) => e.name))} are level: their ${PRESET_NAMES.conservative}–${PRESET_NAMES.high} ranges overlap, so their order is not a finding.`,
      );
    run = [];
  }
  const last = top.at(-1);
  if (last?.levelWithNext && next[0])
    sentences.push(
      `${listWords(run.map((e) => e.name))}${run.length > 1 ? ' are level with each other and' : ' is level'} with ${next[0].name}, the first ${what} to evaluate next: the cut after the top ${top.length} is not a finding either.`,
    );
  return sentences;
}

function integrationOf(pair: EvidencePair, label: string): BriefIntegration | null {
  const i = pair.integration;
  if (!i) return null;
  const tooEarly = i.before.activeDays < TOO_EARLY_DAYS || i.after.activeDays < TOO_EARLY_DAYS;
  const side = (s: IntegrationSide) =>
    `${formatDuration(s.secondsLostPerDay)} lost per active day, ${one(s.annualHours)} hours a year (${formatCount(s.activeDays)} active ${s.activeDays === 1 ? 'day' : 'days'})`;
  return {
    key: pairKey(pair.apps),
    name: label,
    since: i.since,
    before: i.before,
    after: i.after,
    tooEarly,
    line: `${label}, integrated since ${i.since}: before, ${side(i.before)}; after, ${side(i.after)}${tooEarly ? `: too early to tell (fewer than ${TOO_EARLY_DAYS} active days on a side)` : ''}.`,
  };
}

/** A pair's figures as a ranked entry, for the brief without your product. */
function pairEntry(
  file: EvidenceFile,
  pair: EvidencePair,
  label: string,
  range: [number, number],
): Omit<BriefEntry, 'line'> {
  return {
    key: pairKey(pair.apps),
    name: label,
    apps: [],
    annualHours: pair.annualHours,
    range,
    annualCost: pair.annualCost,
    switchesPerDay: pair.switchesPerDay,
    lookupsPerDay: lookupsPerDay(file, pair.apps),
    secondsPerSwitch: pair.switches ? pair.secondsLost / pair.switches : 0,
    measuredShare: pair.secondsLost ? pair.measuredSeconds / pair.secondsLost : 0,
    levelWithNext: false,
    preliminary: pair.preliminary,
    pairs: [pair],
  };
}

/** Entries with their lines, once each knows its neighbour. */
function withLines(
  entries: Omit<BriefEntry, 'line'>[],
  line: (e: Omit<BriefEntry, 'line'>, next: string | null) => string,
) {
  return entries.map((e, i) => ({ ...e, line: line(e, entries[i + 1]?.name ?? null) }));
}

interface Ranked {
  ranks: 'partners' | 'pairs';
  lead: string | null;
  recommendation: string | null;
  topHeading: string;
  ranked: Omit<BriefEntry, 'line'>[];
  apart: BriefApart[];
  apartRest: string | null;
  integrations: BriefIntegration[];
  /** "partner", "pair". */
  what: string;
}

function rankedPartners(file: EvidenceFile, yourProduct: string, partners: readonly EvidencePartner[]): Ranked {
  const product = productName(file, yourProduct);
  const who = whoOf(file);
  const names = new Map(file.apps.map((a) => [a.id, a.name]));
  const label = (p: EvidencePair) => `${names.get(p.apps[0]) ?? p.apps[0]} ↔ ${names.get(p.apps[1]) ?? p.apps[1]}`;
  const candidates = partners.filter((p) => p.status === 'candidate');
  const topIds = file.topFive ?? candidates.slice(0, BRIEF_TOP).map((p) => p.vendor);
  // The file's order: its top five first, then the other candidates as ranked.
  const ordered = [
    ...topIds.flatMap((id) => candidates.filter((p) => p.vendor === id)),
    ...candidates.filter((p) => !topIds.includes(p.vendor)),
  ];
  const apart: BriefApart[] = [];
  const ranked = ordered.map((partner): Omit<BriefEntry, 'line'> => {
    const pairs = pairsOfPartner(file, partner, yourProduct);
    const counted = pairs.filter((p) => p.status === 'candidate');
    for (const p of pairs)
      if (p.status !== 'candidate')
        apart.push({
          key: pairKey(p.pair.apps),
          name: `${label(p.pair)} (${partner.name})`,
          kind: p.status,
          annualHours: p.pair.annualHours,
          line: `${label(p.pair)} (${partner.name}): ${p.reason}; not counted in ${partner.name}'s figure (${one(p.pair.annualHours)} hours a year ${who.forWhom}).`,
        });
    return {
      key: partner.vendor,
      name: partner.name,
      apps: [...new Set(counted.map((p) => names.get(p.theirs) ?? p.theirs))],
      annualHours: partner.annualHours,
      range: partner.annualHoursRange,
      annualCost: partner.annualCost,
      switchesPerDay: partner.switchesPerDay,
      lookupsPerDay: partner.lookupsPerDay,
      secondsPerSwitch: partner.secondsPerSwitch,
      measuredShare: partner.measuredShare,
      levelWithNext: partner.levelWithNext,
      preliminary: counted.length > 0 && counted.every((p) => p.pair.preliminary),
      pairs: counted.map((p) => p.pair),
    };
  });
  for (const partner of partners.filter((p) => p.status !== 'candidate'))
    apart.push({
      key: partner.vendor,
      name: partner.name,
      kind: partner.status as BriefApart['kind'],
      annualHours: partner.annualHours,
      line: `${partner.name}: ${partner.reason ?? partner.status} (${one(partner.annualHours)} hours a year ${who.forWhom}).`,
    });
  apart.sort((x, y) => y.annualHours - x.annualHours);

  const top = ranked.slice(0, topIds.length);
  const ourPairs = file.pairs.filter((p) =>
    p.apps.some((id) => file.apps.find((a) => a.id === id)?.vendor === yourProduct),
  );
  const integrations = ourPairs.flatMap((p) => integrationOf(p, label(p)) ?? []);
  let recommendation: string | null = null;
  if (top.length) {
    const hours = top.reduce((s, e) => s + e.annualHours, 0);
    const all = candidates.reduce((s, p) => s + p.annualHours, 0);
    const whom =
      top.length > 1 ? `integrations with ${listWords(top.map((e) => e.name))}` : `an integration with ${top[0]!.name}`;
    const many = top.length > 1;
    // "100% of the time lost with all 5 candidates" says less than that they are all there is.
    const share =
      candidates.length > top.length
        ? `, ${shareWords(all ? hours / all : 0)} of the time lost with all ${formatCount(candidates.length)} candidate partners of ${product}.`
        : `; ${many ? 'they are all the candidate partners' : 'it is the one candidate partner'} of ${product} in this period.`;
    recommendation =
      `Pursue ${whom} first: ${many ? 'together they cost' : 'it costs'} ${totalWords(file, top)} ` +
      `in switches between ${product} and ${many ? 'their' : 'its'} apps${share}`;
  }
  return {
    ranks: 'partners',
    lead: top.length
      ? null
      : `No partner to recommend yet: no switches between ${product} and another company's apps (not of the same category, not integrated) in this period.`,
    recommendation,
    topHeading: `Top ${top.length === 1 ? 'partner' : `${formatCount(top.length)} partners`} for ${product}, most hours a year first`,
    ranked,
    apart,
    apartRest: null,
    integrations,
    what: 'partner',
  };
}

function rankedPairs(priced: Record<'current' | PresetId, EvidenceFile>): Ranked {
  const file = priced.current;
  const who = whoOf(file);
  const names = new Map(file.apps.map((a) => [a.id, a]));
  const label = (p: EvidencePair) =>
    `${names.get(p.apps[0])?.name ?? p.apps[0]} ↔ ${names.get(p.apps[1])?.name ?? p.apps[1]}`;
  const hoursIn = (other: EvidenceFile, p: EvidencePair) =>
    other.pairs.find((q) => pairKey(q.apps) === pairKey(p.apps))?.annualHours ?? 0;
  const candidates = file.pairs.filter((p) => !p.sameCategory && !p.integration);
  const ranked = candidates.map((p) =>
    pairEntry(file, p, label(p), [hoursIn(priced.conservative, p), hoursIn(priced.high, p)]),
  );
  // As for partners: neighbours whose ranges overlap are level.
  for (let i = 0; i + 1 < ranked.length; i++) ranked[i]!.levelWithNext = ranked[i + 1]!.range[1] >= ranked[i]!.range[0];
  const team = who.team
    ? (p: EvidencePair) => `; ${formatCount(p.people)} of them had it, median ${one(p.medianAnnualHours)} per person`
    : () => '';
  const fifth = ranked[BRIEF_TOP - 1]?.annualHours ?? 0;
  // Same-category pairs can be many: those that would have ranked in the top are named.
  const apartPairs = file.pairs.filter((p) => p.integration || (p.sameCategory && p.annualHours >= fifth));
  const named = apartPairs.slice(0, BRIEF_APART_PAIRS);
  const apart = named.map((p): BriefApart => {
    const category = categoryName(names.get(p.apps[0])?.category ?? '');
    const reason = p.integration
      ? `integrated since ${p.integration.since}`
      : `both ${category.toLowerCase()}: consolidation or competition, not integration`;
    return {
      key: pairKey(p.apps),
      name: label(p),
      kind: p.integration ? 'integrated' : 'same-category',
      annualHours: p.annualHours,
      line: `${label(p)}: ${reason} (${one(p.annualHours)} hours a year ${who.forWhom}${team(p)}).`,
    };
  });
  const rest =
    file.pairs.filter((p) => p.sameCategory && !p.integration).length -
    apart.filter((a) => a.kind === 'same-category').length;
  return {
    ranks: 'pairs',
    lead:
      (ranked.length
        ? `${ranked.length > 1 ? `The top ${formatCount(Math.min(BRIEF_TOP, ranked.length))} pairs cost together` : 'The one pair costs'} ${totalWords(file, ranked.slice(0, BRIEF_TOP))}. `
        : 'No pair of apps to rank yet in this period. ') +
      'Your product is not set, so this brief ranks pairs of apps; with your product set it ranks partner companies.',
    recommendation: null,
    topHeading: `The ${formatCount(Math.min(BRIEF_TOP, ranked.length))} pairs of apps that cost the most time`,
    ranked,
    apart,
    apartRest:
      rest > 0
        ? `${formatCount(rest)} more pairs of the same category, each fewer hours than the top ${formatCount(BRIEF_TOP)}, are left out.`
        : null,
    integrations: file.pairs.flatMap((p) => integrationOf(p, label(p)) ?? []),
    what: 'pair',
  };
}

/** What a quick look-up (A→B→A) takes here, measured, against what the model charges for it. */
function lookUpSentence(file: EvidenceFile): string {
  const sum = (pick: (p: EvidencePair) => number) => file.pairs.reduce((s, p) => s + pick(p), 0);
  const [switches, detours] = [sum((p) => p.switches), sum((p) => p.detours)];
  if (!detours) return 'No quick look-up (A→B→A) was recorded in this sample, so what one takes here is not known yet.';
  const a = file.assumptions;
  const between = (2 * sum((p) => p.measuredSeconds)) / switches;
  const inOther = sum((p) => p.detourDwellSeconds) / detours;
  const share = a.avoidableShare.value * inOther;
  const charged = between + 2 * a.refocusSeconds.value + a.resumptionSeconds.value + share;
  return (
    `A quick look-up (A→B→A) takes ${seconds(between + inOther)} here, measured: ${seconds(between)} of time between apps for its two switches ` +
    `plus ${seconds(inOther)} in the other app (averages over ${formatCount(detours)} look-ups and ${formatCount(switches)} switches). ` +
    `The model charges ${seconds(charged)} for it: those ${seconds(between)} between apps, then from the assumptions ` +
    `2 × ${valueText(ASSUMPTIONS.refocusSeconds, a.refocusSeconds.value)} to refocus, ` +
    `${valueText(ASSUMPTIONS.resumptionSeconds, a.resumptionSeconds.value)} to resume the first task, ` +
    `and ${valueText(ASSUMPTIONS.avoidableShare, a.avoidableShare.value)} of the time in the other app (${seconds(share)}).`
  );
}

/** The recording rules as the evidence says they were set. */
function rulesSentences(rules: RecordingRules | null): string[] {
  if (!rules)
    return [
      'The recording rules are not in this evidence: it holds a file from an earlier version of Toggle Tax, or people who recorded under different rules.',
    ];
  return (Object.keys(RECORDING_RULES) as (keyof RecordingRules)[]).map((key) => {
    const field = RECORDING_RULES[key];
    return `${sentence(field.words(valueText(field, rules[key] / (field.scale ?? 1))))}.`;
  });
}

function sampleSentences(file: EvidenceFile, shown: readonly BriefEntry[], what: string): string[] {
  const who = whoOf(file);
  const days = file.period.activeDays;
  const people = who.team ? `${formatCount(file.contributors)} people` : 'One person';
  const first = `${people}, ${file.period.start} to ${file.period.end}: ${formatCount(days)} active ${who.team ? 'days, each person’s added up' : days === 1 ? 'day' : 'days'} (an active day has at least ${formatDuration(ACTIVE_DAY_MS / 1000)} of browsing).`;
  const wholly = shown.filter((e) => e.preliminary);
  const partly = shown.filter((e) => !e.preliminary && e.pairs.length > 1 && e.pairs.some((p) => p.preliminary));
  const observed = (p: EvidencePair) =>
    `${formatCount(p.activeDaysObserved)} active ${p.activeDaysObserved === 1 ? 'day' : 'days'}`;
  const items = [
    ...wholly.map((e) => `${e.name} (${listWords(e.pairs.map(observed))})`),
    ...partly.map((e) => {
      const names = new Map(file.apps.map((a) => [a.id, a.name]));
      const pairs = e.pairs.filter((p) => p.preliminary);
      return `part of ${e.name}'s figure (${listWords(pairs.map((p) => `${names.get(p.apps[0])} ↔ ${names.get(p.apps[1])}, ${observed(p)}`))})`;
    }),
  ];
  const preliminary = items.length
    ? `Preliminary, seen on fewer than ${PRELIMINARY_DAYS} active days: ${items.join('; ')}.`
    : `No ${what} figure shown is preliminary: each was seen on at least ${PRELIMINARY_DAYS} active days.`;
  return [first, preliminary];
}

function methodSentences(file: EvidenceFile, ranks: 'partners' | 'pairs', product: string | null): string[] {
  const a = file.assumptions;
  const days = valueText(ASSUMPTIONS.workingDaysPerYear, a.workingDaysPerYear.value);
  return [
    'Toggle Tax, a browser extension, recorded each move of attention from one web app to another in the browser, locally and without addresses or titles.',
    `Each switch costs its time between apps, measured, plus time estimated from the assumptions below; seconds lost per active day are multiplied by ${days} working days into hours a year, and by ${hourlyMoney(a.hourlyCost.value, a.currency.value)} an hour into cost. The range prices the same switches under the ${PRESET_NAMES.conservative} and ${PRESET_NAMES.high} assumptions.`,
    ranks === 'partners'
      ? `A partner's figure is the time lost on switches between ${product}'s apps and the partner's; pairs of the same category and pairs already integrated are listed apart and counted for no partner. Desktop apps and meetings outside the browser are not seen, so figures are a floor.`
      : 'Pairs of the same category and pairs already integrated are listed apart, never in the top. Desktop apps and meetings outside the browser are not seen, so figures are a floor.',
  ];
}

/** The headline on what is measured: the larger part comes first, so a mostly assumed figure says so. */
function measuredAndEstimated(share: number, them: string): string {
  const measured = `${formatShare(share)} is measured (the time between apps, timed by the extension)`;
  const estimated = `${formatShare(1 - share)} is estimated from the assumptions (refocusing, resuming, and a share of the time in the other app)`;
  return share < 0.5
    ? `Mostly assumed: of the time lost with ${them}, ${estimated}; ${measured}.`
    : `Mostly measured: of the time lost with ${them}, ${measured}; ${estimated}.`;
}

/** An hourly cost as it was set, to the cent: "$47.20" (a setting, not a figure to round). */
function hourlyMoney(n: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2 }).format(n);
}

export function briefModel(priced: Record<'current' | PresetId, EvidenceFile>): BriefModel {
  const file = priced.current;
  const who = whoOf(file);
  const yourProduct = file.yourProduct;
  const r = yourProduct && file.partners ? rankedPartners(file, yourProduct, file.partners) : rankedPairs(priced);
  const topCount = r.ranks === 'partners' ? (file.topFive?.length ?? Math.min(BRIEF_TOP, r.ranked.length)) : BRIEF_TOP;
  const lined = withLines(r.ranked, (e, next) => reasonLine(e, file, next));
  const top = lined.slice(0, topCount);
  const nextAll = withLines(r.ranked.slice(topCount), shortLine);
  const next = nextAll.slice(0, BRIEF_NEXT);
  const unnamed = nextAll.slice(BRIEF_NEXT);
  const product = yourProduct ? productName(file, yourProduct) : null;
  const counted = top.flatMap((e) => e.pairs);
  const share = measuredShareOf(counted);
  const a = file.assumptions;
  const them =
    r.ranks === 'partners'
      ? top.length === 1
        ? 'this partner'
        : `these ${formatCount(top.length)} partners`
      : top.length === 1
        ? 'this pair'
        : `these ${formatCount(top.length)} pairs`;
  return {
    title: `${r.ranks === 'partners' ? `Integration partners for ${product}` : 'Integration opportunities'}${file.team ? `: ${file.team}` : ''}`,
    ranks: r.ranks,
    meta: `${file.period.start} to ${file.period.end} · ${who.team ? `${formatCount(file.contributors)} people` : 'one person'}, ${formatCount(file.period.activeDays)} active ${file.period.activeDays === 1 ? 'day' : 'days'} · Toggle Tax, catalog ${file.catalogVersion} · generated ${file.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    recommendation: r.recommendation,
    lead: r.lead,
    topHeading: r.topHeading,
    top,
    levels: levelSentences(top, next, r.what),
    next,
    nextRest: unnamed.length
      ? `And ${formatCount(unnamed.length)} more, each at most ${one(unnamed[0]!.annualHours)} hours a year.`
      : null,
    apart: r.apart,
    apartRest: r.apartRest,
    integrations: r.integrations,
    chart: {
      caption: `Hours a year ${who.forWhom}: measured (time between apps) and estimated (the assumptions); the line spans ${PRESET_NAMES.conservative} to ${PRESET_NAMES.high}.`,
      bars: top.map((e) => ({
        label: e.name,
        annualHours: e.annualHours,
        measuredHours: e.annualHours * e.measuredShare,
        range: e.range,
        value: `${one(e.annualHours)} h (${one(e.range[0])}–${one(e.range[1])})`,
      })),
    },
    measuredAndEstimated: counted.length ? measuredAndEstimated(share, them) : null,
    sample: sampleSentences(file, [...top, ...next], r.what),
    lookUp: lookUpSentence(file),
    method: methodSentences(file, r.ranks, product),
    assumptions: (Object.keys(ASSUMPTIONS) as (keyof Assumptions)[]).map((key) => ({
      key,
      words: sentence(ASSUMPTIONS[key].words),
      value:
        key === 'hourlyCost'
          ? `${hourlyMoney(a.hourlyCost.value, a.currency.value)} an hour`
          : valueText(ASSUMPTIONS[key], a[key].value),
      source: a[key].source,
    })),
    rules: rulesSentences(file.rules),
    currency: a.currency.value,
  };
}
