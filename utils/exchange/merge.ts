/** Many people's evidence merged into one team ranking, priced under one set of assumptions. */
import type { Assumptions } from '../figures/cost-model';
import { annualCost, annualHours, price } from '../figures/cost-model';
import type { EvidenceFile, EvidencePair } from './evidence';
import { assumptionsWithSources, EVIDENCE_FORMAT, EVIDENCE_VERSION, PRELIMINARY_DAYS, round } from './evidence';
import { ImportError } from './import-guard';

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
