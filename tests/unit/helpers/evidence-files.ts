/**
 * Synthetic personal evidence files, as a whole organisation's people would export them: measured
 * sums like `measuredPerson`'s, priced by `priceEvidence` as each person's own options page prices
 * them. Varied people, periods, apps, active days, products and integrations; some people export
 * two or three times, the earlier files under other assumptions. Deterministic for a given seed.
 */
import { APPS, CATALOG_VERSION } from '@/utils/catalog/apps';
import type { AppName } from '@/utils/catalog/directory';
import { createAppDirectory } from '@/utils/catalog/directory';
import { CATEGORIES } from '@/utils/catalog/types';
import type { Assumptions } from '@/utils/figures/cost-model';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import type { EvidencePair, IntegrationSide, PersonalEvidence } from '@/utils/exchange/evidence';
import { assumptionsWithSources, EVIDENCE_FORMAT, EVIDENCE_VERSION } from '@/utils/exchange/evidence';
import { priceEvidence, unpriced } from '@/utils/exchange/pricing';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker/rules';
import { HEAVY_APPS } from '../../bench/history';
import { mulberry32 } from './scenario';

/** Custom apps that several people added, each under the same id and name (each its own vendor). */
const CUSTOM_APPS: AppName[] = [
  { id: 'custom-ledger', name: 'Ledger', category: 'finance-accounting', vendor: 'Custom' },
  { id: 'custom-wiki', name: 'Intranet wiki', category: 'other', vendor: 'Custom' },
];
/** The heavy user's apps, a few more from the catalog, and the custom apps. */
const POOL = [
  ...new Set([...HEAVY_APPS, ...APPS.filter((_, i) => i % 40 === 3).map((a) => a.id), ...CUSTOM_APPS.map((a) => a.id)]),
];
const PRODUCTS = [null, 'google', 'salesforce', 'atlassian', 'microsoft'];
const DAY_MS = 86_400_000;

export interface EvidenceFilesShape {
  /** What every person's newest file is priced with (the team's assumptions). */
  assumptions?: Assumptions;
  /** Share of people who exported earlier files too (one or two). */
  again?: number;
  seed?: number;
  /** The newest export is made before this. */
  now?: Date;
}

/** `count` personal files; each person's newest is priced under `assumptions`, earlier ones under others. */
export function evidenceFiles(count: number, shape: EvidenceFilesShape = {}): PersonalEvidence[] {
  const { assumptions = DEFAULT_ASSUMPTIONS, again = 0.2, seed = 11, now = new Date('2026-03-20T12:00:00Z') } = shape;
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join('');
  const shuffled = <T>(list: readonly T[]) => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const files: PersonalEvidence[] = [];
  while (files.length < count) {
    const id = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    const newest = now.getTime() - int(0, 20) * DAY_MS - int(0, 36_000) * 1000;
    const mine = [person(id, newest, assumptions)];
    // Earlier exports, under other assumptions: counting one would change the figures.
    for (let n = random() < again ? int(1, 2) : 0; n > 0 && files.length + mine.length < count; n--) {
      const other: Assumptions = {
        ...assumptions,
        refocusSeconds: int(0, 10),
        resumptionSeconds: int(0, 30),
        avoidableShare: int(0, 10) / 10,
        workingDaysPerYear: int(200, 260),
        hourlyCost: int(20, 120),
      };
      mine.push(person(id, newest - int(1, 60) * DAY_MS, other));
    }
    // In the folder, the newest may come first, last or between.
    files.push(...shuffled(mine));
  }
  return files;

  function person(id: string, at: number, a: Assumptions): PersonalEvidence {
    const periodDays = pick([30, 90, 365, int(400, 900)]);
    const end = new Date(at).toISOString().slice(0, 10);
    const start = new Date(at - (periodDays - 1) * DAY_MS).toISOString().slice(0, 10);
    const activeDays = int(1, Math.round((periodDays * 5) / 7));
    const apps = shuffled(POOL).slice(0, int(3, 25));
    const candidates = apps.flatMap((x, i) =>
      apps.slice(i + 1).map((y): [string, string] => (x < y ? [x, y] : [y, x])),
    );
    const chosen = shuffled(candidates).slice(0, int(1, Math.min(60, candidates.length)));
    const busy = 0.2 + random() * 3;
    const pairs = chosen.map(([x, y]): EvidencePair => {
      const switches = Math.max(1, Math.round(activeDays * busy * random() * 20));
      const aToB = int(0, switches);
      const detours = int(0, Math.floor(switches * 0.3));
      const since = new Date(at - int(1, periodDays - 1) * DAY_MS).toISOString().slice(0, 10);
      return {
        apps: [x, y],
        switches,
        aToB,
        bToA: switches - aToB,
        detours,
        detourDwellSeconds: Math.round(detours * (3 + random() * 40) * 1000) / 1000,
        measuredSeconds: Math.round(switches * (0.2 + random() * 3) * 1000) / 1000,
        activeDaysObserved: int(1, activeDays),
        ...unpriced(),
        integration: random() < 0.03 ? { since, before: side(), after: side() } : null,
      };
    });
    const used = [...new Set(pairs.flatMap((p) => p.apps))].sort();
    const appInfo = createAppDirectory(APPS, CUSTOM_APPS);
    const measured: PersonalEvidence = {
      format: EVIDENCE_FORMAT,
      version: EVIDENCE_VERSION,
      generatedAt: new Date(at).toISOString(),
      person: { id },
      period: { start, end, activeDays },
      assumptions: assumptionsWithSources(a),
      rules: DEFAULT_RECORDING_RULES,
      catalogVersion: CATALOG_VERSION,
      team: pick([null, 'Finance', 'Sales']),
      seats: null,
      contributors: 1,
      yourProduct: null,
      apps: used.map((app) => ({
        id: app,
        name: appInfo(app)!.name,
        category: appInfo(app)!.category,
        vendor: appInfo(app)!.vendor,
      })),
      pairs,
    };
    return priceEvidence([measured], {
      assumptions: a,
      yourProduct: pick(PRODUCTS),
      notAFit: {},
      integrations: {},
      seats: null,
      team: measured.team,
      catalogVersion: CATALOG_VERSION,
      appInfo,
      categoryName: (c) => CATEGORIES[c as keyof typeof CATEGORIES] ?? c,
      now: new Date(at),
    }) as PersonalEvidence;
  }

  function side(): IntegrationSide {
    const switches = int(0, 400);
    const detours = int(0, Math.floor(switches * 0.3));
    return {
      activeDays: int(1, 40),
      switches,
      detours,
      measuredSeconds: Math.round(switches * 1.3 * 1000) / 1000,
      detourDwellSeconds: detours * 12,
      secondsLostPerDay: 0,
      annualHours: 0,
    };
  }
}
