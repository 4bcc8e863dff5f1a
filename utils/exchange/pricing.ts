/**
 * Evidence priced from what people measured. One person's export and a team's merge are the same
 * operation: each person's measured sums priced under one set of assumptions, per active day of
 * their own, then added up per pair and, with your product set, per partner vendor. So a file made
 * under other assumptions is simply priced again, and a team counts each person once.
 */
import type { AppDirectory, AppInfo } from '../catalog/directory';
import type { Assumptions } from '../figures/cost-model';
import { annualCost, annualHours, price, PRESETS } from '../figures/cost-model';
import type { Partner } from '../figures/partners';
import { rankPartners, topPartners } from '../figures/partners';
import type { PairFigures } from '../figures/report';
import type {
  EvidenceFile,
  EvidencePair,
  EvidencePartner,
  IntegrationSide,
  PersonalEvidence,
  TeamEvidence,
} from './evidence';
import { assumptionsWithSources, EVIDENCE_FORMAT, EVIDENCE_VERSION, PRELIMINARY_DAYS } from './evidence';

export interface PricingSettings {
  assumptions: Assumptions;
  yourProduct: string | null;
  notAFit: Readonly<Record<string, { note: string }>>;
  /** Pairs marked integrated here, by `a|b`: they count as integrated whatever the files say. */
  integrations: Readonly<Record<string, { since: string }>>;
  seats: number | null;
  team: string | null;
  catalogVersion: string;
  /** Apps known here (the catalog and custom apps); apps only a file knows are taken from it. */
  appInfo: AppDirectory;
  categoryName: (category: string) => string;
  now: Date;
}

/** A measured pair's figures before pricing: what `priceEvidence` fills in from its measured sums. */
export function unpriced() {
  return {
    assumedSeconds: 0,
    secondsLost: 0,
    switchesPerDay: 0,
    secondsLostPerDay: 0,
    annualHours: 0,
    annualCost: 0,
    sameCategory: false,
    preliminary: false,
    people: 1,
    perPersonAnnualHours: [] as number[],
    medianAnnualHours: 0,
    p75AnnualHours: 0,
  };
}

/** The value below which `share` of the sorted values lie (linear interpolation). */
export function percentile(sorted: readonly number[], share: number): number {
  if (!sorted.length) return 0;
  const at = (sorted.length - 1) * share;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/**
 * The evidence of `people`'s own files, priced under the settings: a person's file for one, a team
 * file (carrying them) for several. Each person counts once: give each person's newest file only
 * (`newestPerPerson`).
 */
export function priceEvidence(people: readonly PersonalEvidence[], settings: PricingSettings): EvidenceFile {
  const { apps, idOf } = directoryOf(people, settings.appInfo);
  const priced = (assumptions: Assumptions) => pairsOf(people, idOf, apps, assumptions, settings.integrations);
  const pairs = priced(settings.assumptions);
  const partners = settings.yourProduct
    ? partnersOf(pairs, settings, apps, {
        conservative: priced({ ...settings.assumptions, ...PRESETS.conservative }),
        high: priced({ ...settings.assumptions, ...PRESETS.high }),
      })
    : null;
  const used = new Set(pairs.flatMap((p) => p.apps));
  const periods = people.map((p) => p.period);
  const rules = people.every((p) => JSON.stringify(p.rules) === JSON.stringify(people[0]!.rules))
    ? people[0]!.rules
    : null;
  const common = {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_VERSION,
    generatedAt: settings.now.toISOString(),
    period: {
      start: periods.map((p) => p.start).sort()[0]!,
      end: periods
        .map((p) => p.end)
        .sort()
        .at(-1)!,
      activeDays: periods.reduce((sum, p) => sum + p.activeDays, 0),
    },
    assumptions: assumptionsWithSources(settings.assumptions),
    rules,
    catalogVersion: settings.catalogVersion,
    team: settings.team,
    seats: settings.seats,
    contributors: people.length,
    yourProduct: settings.yourProduct,
    apps: [...used]
      .sort()
      .map((id) => ({ id, name: apps.get(id)!.name, category: apps.get(id)!.category, vendor: apps.get(id)!.vendor })),
    pairs: pairs.map(({ figures: _, ...pair }) => pair),
    ...(partners && { partners: partners.map(partnerRow), topFive: topPartners(partners).map((p) => p.vendor) }),
  } as const;
  if (people.length === 1) return { ...common, person: people[0]!.person } satisfies PersonalEvidence;
  return { ...common, people: people.map((p) => p.person.id), sources: [...people] } satisfies TeamEvidence;
}

/** Each person's newest file: a later export of the same profile replaces an earlier one. */
export function newestPerPerson(files: readonly PersonalEvidence[]): PersonalEvidence[] {
  const newest = new Map<string, PersonalEvidence>();
  for (const file of files) {
    const known = newest.get(file.person.id);
    if (!known || known.generatedAt < file.generatedAt) newest.set(file.person.id, file);
  }
  return [...newest.values()];
}

type PricedPair = EvidencePair & { figures: PairFigures & { integration: { since: string } | null } };

/** Per pair, each person priced on their own active days, then added up. */
function pairsOf(
  people: readonly PersonalEvidence[],
  idOf: (person: PersonalEvidence, app: string) => string,
  apps: ReadonlyMap<string, AppInfo>,
  a: Assumptions,
  marks: PricingSettings['integrations'],
): PricedPair[] {
  interface Total {
    apps: [string, string];
    switches: number;
    aToB: number;
    bToA: number;
    detours: number;
    detourDwellSeconds: number;
    measuredSeconds: number;
    assumedSeconds: number;
    secondsLost: number;
    switchesPerDay: number;
    detoursPerDay: number;
    secondsLostPerDay: number;
    activeDaysObserved: number;
    hours: number[];
    integration: { since: string; before: IntegrationSide; after: IntegrationSide } | null;
  }
  const totals = new Map<string, Total>();
  for (const person of people) {
    const perDay = Math.max(1, person.period.activeDays);
    for (const pair of person.pairs) {
      const [x, y] = [idOf(person, pair.apps[0]), idOf(person, pair.apps[1])];
      // A renamed custom app can change which of the two sorts first: directions follow.
      const swapped = x > y;
      const ids: [string, string] = swapped ? [y, x] : [x, y];
      const key = ids.join('|');
      const priced = price(
        {
          switches: pair.switches,
          transitMs: pair.measuredSeconds * 1000,
          detours: pair.detours,
          detourDwellMs: pair.detourDwellSeconds * 1000,
        },
        a,
      );
      const total = totals.get(key) ?? {
        apps: ids,
        switches: 0,
        aToB: 0,
        bToA: 0,
        detours: 0,
        detourDwellSeconds: 0,
        measuredSeconds: 0,
        assumedSeconds: 0,
        secondsLost: 0,
        switchesPerDay: 0,
        detoursPerDay: 0,
        secondsLostPerDay: 0,
        activeDaysObserved: 0,
        hours: [],
        integration: null,
      };
      total.switches += pair.switches;
      total.aToB += swapped ? pair.bToA : pair.aToB;
      total.bToA += swapped ? pair.aToB : pair.bToA;
      total.detours += pair.detours;
      total.detourDwellSeconds += pair.detourDwellSeconds;
      total.measuredSeconds += priced.measuredSeconds;
      total.assumedSeconds += priced.assumedSeconds;
      total.secondsLost += priced.secondsLost;
      total.switchesPerDay += pair.switches / perDay;
      total.detoursPerDay += pair.detours / perDay;
      total.secondsLostPerDay += priced.secondsLost / perDay;
      total.activeDaysObserved += pair.activeDaysObserved;
      total.hours.push(annualHours(priced.secondsLost / perDay, a));
      if (pair.integration) total.integration = addSides(total.integration, pair.integration);
      totals.set(key, total);
    }
  }
  const pairs = [...totals.values()].map(({ hours, integration, detoursPerDay, ...t }): PricedPair => {
    const sorted = [...hours].sort((x, y) => x - y);
    const hoursTotal = sorted.reduce((s, h) => s + h, 0);
    const [infoA, infoB] = [apps.get(t.apps[0]), apps.get(t.apps[1])];
    const sameCategory = !!infoA && infoA.category !== 'other' && infoA.category === infoB?.category;
    const mark = marks[t.apps.join('|')] ?? (integration && { since: integration.since });
    const sides = integration && mark && integration.since === mark.since ? integration : null;
    const pair: EvidencePair = {
      ...t,
      annualHours: hoursTotal,
      annualCost: annualCost(hoursTotal, a),
      sameCategory,
      preliminary: t.activeDaysObserved < PRELIMINARY_DAYS,
      people: hours.length,
      perPersonAnnualHours: sorted,
      medianAnnualHours: percentile(sorted, 0.5),
      p75AnnualHours: percentile(sorted, 0.75),
      integration: sides && {
        since: sides.since,
        before: priceSide(sides.before, a),
        after: priceSide(sides.after, a),
      },
    };
    return {
      ...pair,
      figures: {
        a: t.apps[0],
        b: t.apps[1],
        aToB: t.aToB,
        bToA: t.bToA,
        switches: t.switches,
        detours: t.detours,
        transitMs: t.measuredSeconds * 1000,
        detourDwellMs: t.detourDwellSeconds * 1000,
        measuredSeconds: t.measuredSeconds,
        assumedSeconds: t.assumedSeconds,
        detourSeconds: 0,
        penaltySeconds: 0,
        secondsLost: t.secondsLost,
        switchesPerDay: t.switchesPerDay,
        detoursPerDay,
        measuredSecondsPerDay: 0,
        assumedSecondsPerDay: 0,
        secondsLostPerDay: t.secondsLostPerDay,
        annualHours: hoursTotal,
        annualCost: pair.annualCost,
        sameCategory,
        integration: mark ?? null,
      },
    };
  });
  return pairs.sort((x, y) => y.annualHours - x.annualHours || x.apps.join().localeCompare(y.apps.join()));
}

/** Two people's sides of one integration, added; if they name different days, the earlier's. */
function addSides(
  known: { since: string; before: IntegrationSide; after: IntegrationSide } | null,
  next: { since: string; before: IntegrationSide; after: IntegrationSide },
) {
  if (!known || next.since < known.since) return next;
  if (next.since > known.since) return known;
  const add = (x: IntegrationSide, y: IntegrationSide): IntegrationSide => ({
    activeDays: x.activeDays + y.activeDays,
    switches: x.switches + y.switches,
    detours: x.detours + y.detours,
    measuredSeconds: x.measuredSeconds + y.measuredSeconds,
    detourDwellSeconds: x.detourDwellSeconds + y.detourDwellSeconds,
    secondsLostPerDay: 0,
    annualHours: 0,
  });
  return { since: known.since, before: add(known.before, next.before), after: add(known.after, next.after) };
}

function priceSide(side: IntegrationSide, a: Assumptions): IntegrationSide {
  const seconds = price(
    {
      switches: side.switches,
      transitMs: side.measuredSeconds * 1000,
      detours: side.detours,
      detourDwellMs: side.detourDwellSeconds * 1000,
    },
    a,
  ).secondsLost;
  const secondsLostPerDay = seconds / Math.max(1, side.activeDays);
  return { ...side, secondsLostPerDay, annualHours: annualHours(secondsLostPerDay, a) };
}

function partnersOf(
  pairs: readonly PricedPair[],
  settings: PricingSettings,
  apps: ReadonlyMap<string, AppInfo>,
  presets: { conservative: readonly PricedPair[]; high: readonly PricedPair[] },
): Partner[] {
  const hoursOf = (list: readonly PricedPair[]) => new Map(list.map((p) => [p.apps.join('|'), p.annualHours]));
  const [low, high] = [hoursOf(presets.conservative), hoursOf(presets.high)];
  return rankPartners({
    yourProduct: settings.yourProduct!,
    pairs: pairs.map((p) => p.figures),
    range: (p) => [low.get(`${p.a}|${p.b}`) ?? 0, high.get(`${p.a}|${p.b}`) ?? 0],
    appInfo: (id) => apps.get(id),
    notAFit: settings.notAFit,
    categoryName: settings.categoryName,
  });
}

function partnerRow(partner: Partner): EvidencePartner {
  const { pairs, ...row } = partner;
  return { ...row, pairs: pairs.map((p) => [p.figures.a, p.figures.b] as [string, string]) };
}

/**
 * The apps of every file, known here or as the file names them; and each person's app ids as the
 * team knows them: two colleagues' custom apps with one id and different names are two apps.
 */
function directoryOf(people: readonly PersonalEvidence[], known: AppDirectory) {
  const apps = new Map<string, AppInfo>();
  const renamed = new Map<PersonalEvidence, Map<string, string>>();
  for (const person of people) {
    const ids = new Map<string, string>();
    for (const app of person.apps) {
      const here = known(app.id);
      const info: AppInfo = here ?? {
        name: app.name,
        category: app.category,
        vendor: app.vendor === 'unknown' || app.vendor === app.id ? app.id : app.vendor,
        vendorName: app.vendor === 'unknown' || app.vendor === app.id ? app.name : app.vendor,
      };
      let id = app.id;
      if (!here && app.id.startsWith('custom-'))
        for (let n = 2; apps.has(id) && apps.get(id)!.name !== app.name; n++) id = `${app.id}-${n}`;
      if (id !== app.id) ids.set(app.id, id);
      if (!apps.has(id)) apps.set(id, id === app.id ? info : { ...info, vendor: id, vendorName: app.name });
    }
    renamed.set(person, ids);
  }
  return { apps, idOf: (person: PersonalEvidence, app: string) => renamed.get(person)?.get(app) ?? app };
}
