/**
 * Evidence for tests without a database: the settings evidence is made with, and a person's
 * measured sums written as data, priced as the options page prices them.
 */
import { APPS, CATALOG_VERSION } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import type { AppEntry } from '@/utils/catalog/types';
import { NO_USER_RULES } from '@/utils/catalog/types';
import type { PersonalEvidence } from '@/utils/exchange/evidence';
import { assumptionsWithSources } from '@/utils/exchange/evidence';
import type { EvidenceSettings } from '@/utils/exchange/evidence-source';
import { teamEvidence } from '@/utils/exchange/evidence-source';
import { unpriced } from '@/utils/exchange/pricing';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker/rules';

export const NOW = new Date('2026-03-20T12:00:00Z');

export function evidenceSettings(overrides: Partial<EvidenceSettings> = {}): EvidenceSettings {
  return {
    assumptions: DEFAULT_ASSUMPTIONS,
    userRules: NO_USER_RULES,
    seats: null,
    team: null,
    integrations: {},
    yourProduct: null,
    notAFit: {},
    personId: 'person-0000-here',
    rules: DEFAULT_RECORDING_RULES,
    ...overrides,
  };
}

/** One pair's measured sums; the two apps in any order. */
export interface Sums {
  apps: [string, string];
  aToB: number;
  bToA?: number;
  /** Time between apps, over all the switches. */
  measuredSeconds: number;
  detours?: number;
  detourDwellSeconds?: number;
  activeDaysObserved?: number;
}

export interface PersonOptions {
  /** When the export was made (its `generatedAt`). */
  at?: Date;
  activeDays?: number;
  period?: { start: string; end: string };
  /** Settings of the person's own browser: the file is priced with them. */
  settings?: Partial<EvidenceSettings>;
  /** Apps only this person has (custom apps): their names as the file gives them. */
  customApps?: { id: string; name: string }[];
}

/** A person's exported file, made from measured sums and priced under their own settings. */
export function personFile(id: string, pairs: readonly Sums[], options: PersonOptions = {}): PersonalEvidence {
  const settings = evidenceSettings({ ...options.settings, personId: id });
  const custom: AppEntry[] = (options.customApps ?? []).map((app) => ({
    id: app.id,
    name: app.name,
    category: 'other',
    vendor: 'Custom',
    match: [{ host: `${app.id.slice(7)}.example` }],
  }));
  const apps = createAppDirectory(APPS, custom);
  const ids = [...new Set(pairs.flatMap((p) => p.apps))].sort();
  const measured: PersonalEvidence = {
    format: 'toggle-tax/evidence',
    version: 2,
    generatedAt: (options.at ?? NOW).toISOString(),
    person: { id },
    period: { ...(options.period ?? { start: '2026-03-01', end: '2026-03-20' }), activeDays: options.activeDays ?? 10 },
    assumptions: assumptionsWithSources(settings.assumptions),
    rules: settings.rules,
    catalogVersion: CATALOG_VERSION,
    team: settings.team,
    seats: settings.seats,
    contributors: 1,
    yourProduct: settings.yourProduct,
    apps: ids.map((app) => ({
      id: app,
      name: apps(app)!.name,
      category: apps(app)!.category,
      vendor: apps(app)!.vendor,
    })),
    pairs: pairs.map((p) => {
      const swapped = p.apps[0] > p.apps[1];
      const [aToB, bToA] = swapped ? [p.bToA ?? 0, p.aToB] : [p.aToB, p.bToA ?? 0];
      return {
        apps: (swapped ? [p.apps[1], p.apps[0]] : [...p.apps]) as [string, string],
        switches: aToB + bToA,
        aToB,
        bToA,
        detours: p.detours ?? 0,
        detourDwellSeconds: p.detourDwellSeconds ?? 0,
        measuredSeconds: p.measuredSeconds,
        activeDaysObserved: p.activeDaysObserved ?? options.activeDays ?? 10,
        ...unpriced(),
        integration: null,
      };
    }),
  };
  return teamEvidence(
    [measured],
    { ...settings, userRules: { ...NO_USER_RULES, customApps: custom } },
    options.at ?? NOW,
  ) as PersonalEvidence;
}
