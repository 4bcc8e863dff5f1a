/** This browser's evidence, priced under any assumptions: what the options page exports and the brief shows. */
import { APPS, CATALOG_VERSION } from '../catalog/apps';
import { createAppDirectory } from '../catalog/directory';
import type { UserRules } from '../catalog/types';
import type { Assumptions, PresetId } from '../figures/cost-model';
import type { Store } from '../store';
import type { EvidenceFile } from './evidence';
import { buildEvidence } from './evidence';
import { mergeEvidence } from './merge';
import type { RankingDataByDay, RankingPeriod } from '../figures/ranking';
import { loadRankingDataByDay, rank } from '../figures/ranking';
import { withPreset } from './brief';

export interface EvidenceSettings {
  assumptions: Assumptions;
  userRules: UserRules;
  seats: number | null;
  team: string | null;
  integrations: Record<string, { since: string }>;
}

export function evidenceFromData(data: RankingDataByDay, settings: EvidenceSettings, now: Date): EvidenceFile {
  const appInfo = createAppDirectory(APPS, settings.userRules.customApps);
  const ranking = rank(data, settings.assumptions, appInfo, {
    homeApp: null,
    ignoredAppIds: new Set(settings.userRules.ignoredAppIds),
    seats: settings.seats,
    integrations: settings.integrations,
  });
  return buildEvidence({
    ranking,
    ...data,
    assumptions: settings.assumptions,
    appInfo,
    catalogVersion: CATALOG_VERSION,
    team: settings.team,
    seats: settings.seats,
    now,
  });
}

/** What evidence reads from the store: the journal folded first, then the period day by day. */
type EvidenceStore = Pick<Store, 'fold' | 'read' | 'readByMonth'>;

export async function myEvidence(
  store: EvidenceStore,
  today: string,
  period: RankingPeriod,
  settings: EvidenceSettings,
  now: Date,
): Promise<EvidenceFile> {
  // Switches still in the journal belong in the evidence.
  await store.fold();
  return evidenceFromData(await loadRankingDataByDay(store, today, period), settings, now);
}

/** Evidence priced under the current assumptions and under the Conservative and High presets. */
export type PricedThreeWays = Record<'current' | PresetId, EvidenceFile>;

export async function myEvidenceThreeWays(
  store: EvidenceStore,
  today: string,
  period: RankingPeriod,
  settings: EvidenceSettings,
  now: Date,
): Promise<PricedThreeWays> {
  await store.fold();
  const data = await loadRankingDataByDay(store, today, period);
  const priced = (assumptions: Assumptions) => evidenceFromData(data, { ...settings, assumptions }, now);
  return {
    current: priced(settings.assumptions),
    conservative: priced(withPreset(settings.assumptions, 'conservative')),
    default: priced(withPreset(settings.assumptions, 'default')),
    high: priced(withPreset(settings.assumptions, 'high')),
  };
}

export function teamEvidenceThreeWays(
  files: readonly EvidenceFile[],
  settings: EvidenceSettings,
  now: Date,
): PricedThreeWays {
  const merged = (assumptions: Assumptions) => mergeEvidence(files, assumptions, now, settings.team).evidence;
  return {
    current: merged(settings.assumptions),
    conservative: merged(withPreset(settings.assumptions, 'conservative')),
    default: merged(withPreset(settings.assumptions, 'default')),
    high: merged(withPreset(settings.assumptions, 'high')),
  };
}
