/**
 * This browser's evidence, and the team's: what the options page exports and the brief shows. This
 * browser's measured sums become a person's file, priced (utils/exchange/pricing.ts) like any
 * colleague's; the team's files are priced together, each person once.
 */
import { APPS, CATALOG_VERSION } from '../catalog/apps';
import { createAppDirectory } from '../catalog/directory';
import type { UserRules } from '../catalog/types';
import { CATEGORIES } from '../catalog/types';
import { ACTIVE_DAY_MS } from '../days';
import type { Assumptions, PresetId } from '../figures/cost-model';
import { PRESETS } from '../figures/cost-model';
import { integrationSides } from '../figures/integration';
import type { RankingDataByDay, RankingPeriod } from '../figures/ranking';
import { loadRankingDataByDay, pairId, rank } from '../figures/ranking';
import {
  assumptionsSetting,
  integrationsSetting,
  notAFitSetting,
  personIdItem,
  recordingRulesSetting,
  seatsSetting,
  teamLabelSetting,
  userRulesSetting,
  yourProductSetting,
} from '../settings/items';
import type { Store } from '../store';
import type { RecordingRules } from '../tracker/rules';
import type { EvidenceFile, IntegrationSide, PersonalEvidence } from './evidence';
import { assumptionsWithSources, EVIDENCE_FORMAT, EVIDENCE_VERSION, personalFiles } from './evidence';
import type { PricingSettings } from './pricing';
import { newestPerPerson, priceEvidence, unpriced } from './pricing';

export interface EvidenceSettings {
  assumptions: Assumptions;
  userRules: UserRules;
  seats: number | null;
  team: string | null;
  integrations: Record<string, { since: string }>;
  yourProduct: string | null;
  notAFit: Record<string, { note: string }>;
  /** This browser profile's anonymous id. */
  personId: string;
  rules: RecordingRules;
}

/** Every setting evidence is made with, as stored now. */
export async function readEvidenceSettings(): Promise<EvidenceSettings> {
  const [assumptions, userRules, seats, team, integrations, yourProduct, notAFit, personId, rules] = await Promise.all([
    assumptionsSetting.getValue(),
    userRulesSetting.getValue(),
    seatsSetting.getValue(),
    teamLabelSetting.getValue(),
    integrationsSetting.getValue(),
    yourProductSetting.getValue(),
    notAFitSetting.getValue(),
    personIdItem.getValue(),
    recordingRulesSetting.getValue(),
  ]);
  return { assumptions, userRules, seats, team, integrations, yourProduct, notAFit, personId, rules };
}

function pricingOf(settings: EvidenceSettings, now: Date): PricingSettings {
  return {
    assumptions: settings.assumptions,
    yourProduct: settings.yourProduct,
    notAFit: settings.notAFit,
    integrations: settings.integrations,
    seats: settings.seats,
    team: settings.team,
    catalogVersion: CATALOG_VERSION,
    appInfo: createAppDirectory(APPS, settings.userRules.customApps),
    categoryName: (c) => CATEGORIES[c as keyof typeof CATEGORIES] ?? c,
    now,
  };
}

/** The measured sums of this browser over the period, as a person's file (figures filled by pricing). */
export function measuredPerson(data: RankingDataByDay, settings: EvidenceSettings, now: Date): PersonalEvidence {
  const appInfo = createAppDirectory(APPS, settings.userRules.customApps);
  const { report, pairs } = rank(data, settings.assumptions, appInfo, {
    ignoredAppIds: new Set(settings.userRules.ignoredAppIds),
    seats: settings.seats,
    integrations: {},
  });
  const activeDays = new Set(data.days.filter((d) => d.attendedMs >= ACTIVE_DAY_MS).map((d) => d.day));
  const observed = new Map<string, Set<string>>();
  for (const row of data.pairDays)
    if (activeDays.has(row.day))
      observed.set(pairId(row.a, row.b), (observed.get(pairId(row.a, row.b)) ?? new Set()).add(row.day));
  const history = data.history ?? { pairDays: data.pairDays, days: data.days };
  const side = (s: ReturnType<typeof integrationSides>['before']): IntegrationSide => ({
    activeDays: s.activeDays,
    switches: s.switches,
    detours: s.detours,
    measuredSeconds: s.transitMs / 1000,
    detourDwellSeconds: s.detourDwellMs / 1000,
    secondsLostPerDay: 0,
    annualHours: 0,
  });
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort();
  return {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_VERSION,
    generatedAt: now.toISOString(),
    person: { id: settings.personId },
    period: { start: report.period.start, end: report.period.end, activeDays: report.activeDays },
    assumptions: assumptionsWithSources(settings.assumptions),
    rules: settings.rules,
    catalogVersion: CATALOG_VERSION,
    team: settings.team,
    seats: settings.seats,
    contributors: 1,
    yourProduct: settings.yourProduct,
    apps: ids.map((id) => ({
      id,
      name: appInfo(id)?.name ?? id,
      category: appInfo(id)?.category ?? 'other',
      vendor: appInfo(id)?.vendor ?? id,
    })),
    pairs: pairs.map((p) => {
      const mark = settings.integrations[pairId(p.a, p.b)];
      const sides = mark && integrationSides(history.pairDays, history.days, p, mark.since, report.period.end);
      const activeDaysObserved = observed.get(pairId(p.a, p.b))?.size ?? 0;
      return {
        apps: [p.a, p.b] as [string, string],
        switches: p.switches,
        aToB: p.aToB,
        bToA: p.bToA,
        detours: p.detours,
        detourDwellSeconds: p.detourDwellMs / 1000,
        measuredSeconds: p.measuredSeconds,
        activeDaysObserved,
        ...unpriced(),
        integration: sides ? { since: mark.since, before: side(sides.before), after: side(sides.after) } : null,
      };
    }),
  };
}

/** What evidence reads from the store: the journal folded first, then every day. */
type EvidenceStore = Pick<Store, 'fold' | 'read' | 'readByMonth'>;

/** Evidence priced under the current assumptions and under the Conservative and High presets. */
export type PricedThreeWays = Record<'current' | PresetId, EvidenceFile>;

async function myData(store: EvidenceStore, today: string, period: RankingPeriod) {
  // Switches still in the journal belong in the evidence.
  await store.fold();
  return loadRankingDataByDay(store, today, period);
}

export async function myEvidence(
  store: EvidenceStore,
  today: string,
  period: RankingPeriod,
  settings: EvidenceSettings,
  now: Date,
): Promise<EvidenceFile> {
  const person = measuredPerson(await myData(store, today, period), settings, now);
  return priceEvidence([person], pricingOf(settings, now));
}

export async function myEvidenceThreeWays(
  store: EvidenceStore,
  today: string,
  period: RankingPeriod,
  settings: EvidenceSettings,
  now: Date,
): Promise<PricedThreeWays> {
  const person = measuredPerson(await myData(store, today, period), settings, now);
  return threeWays([person], settings, now);
}

/** The team's people, each once: the files imported (teams' files bring their people's). */
export function teamPeople(files: readonly EvidenceFile[]): PersonalEvidence[] {
  return newestPerPerson(files.flatMap(personalFiles));
}

export function teamEvidence(files: readonly EvidenceFile[], settings: EvidenceSettings, now: Date): EvidenceFile {
  return priceEvidence(teamPeople(files), pricingOf(settings, now));
}

export function teamEvidenceThreeWays(
  files: readonly EvidenceFile[],
  settings: EvidenceSettings,
  now: Date,
): PricedThreeWays {
  return threeWays(teamPeople(files), settings, now);
}

function threeWays(people: PersonalEvidence[], settings: EvidenceSettings, now: Date): PricedThreeWays {
  const priced = (assumptions: Assumptions) => priceEvidence(people, pricingOf({ ...settings, assumptions }, now));
  return {
    current: priced(settings.assumptions),
    conservative: priced(withPreset(settings.assumptions, 'conservative')),
    default: priced(withPreset(settings.assumptions, 'default')),
    high: priced(withPreset(settings.assumptions, 'high')),
  };
}

/** The current assumptions with a preset's assumed parameters: the brief's range. */
export function withPreset(assumptions: Assumptions, preset: PresetId): Assumptions {
  return { ...assumptions, ...PRESETS[preset] };
}
