/**
 * The one-page brief for a partnerships executive: the top five pairs with annual hours and cost
 * per person and for the team, measured against assumed, the Conservative-to-High range, the period
 * and sample size, and the method. Pure: it reads evidence priced three ways.
 */
import type { Assumptions, PresetId } from '../figures/cost-model';
import { ASSUMPTIONS, PRESET_NAMES, PRESETS } from '../figures/cost-model';
import { formatDuration } from '../figures/format';
import { ACTIVE_DAY_MS } from '../days';
import { valueText } from '../fields';
import { RECORDING_RULES } from '../tracker/rules';
import type { EvidenceFile, EvidencePair } from './evidence';

export const BRIEF_PAIRS = 5;

export interface BriefRow {
  apps: [string, string];
  label: string;
  switchesPerDay: number;
  measuredSecondsPerDay: number;
  assumedSecondsPerDay: number;
  annualHoursPerPerson: number;
  annualCostPerPerson: number;
  /** Team total: the sum over contributors, or per person × seats for one person's evidence. */
  teamAnnualHours: number | null;
  teamAnnualCost: number | null;
  people: number;
  rangeHours: { conservative: number; high: number };
  preliminary: boolean;
  sameCategory: boolean;
  integratedSince: string | null;
}

export interface BriefModel {
  title: string;
  period: EvidenceFile['period'];
  contributors: number;
  seats: number | null;
  currency: string;
  rows: BriefRow[];
  method: string[];
  assumptions: EvidenceFile['assumptions'];
  catalogVersion: string;
  generatedAt: string;
}

/** The current assumptions with a preset's assumed parameters: the brief's range. */
export function withPreset(assumptions: Assumptions, preset: PresetId): Assumptions {
  return { ...assumptions, ...PRESETS[preset] };
}

/**
 * The method in three sentences, its numbers and words from the declarations and the evidence's
 * values. Evidence does not carry recording rules, so the break is the declared default.
 */
function methodOf(a: EvidenceFile['assumptions']): string[] {
  const transit = RECORDING_RULES.breakAfterMs;
  const assumed = (Object.keys(ASSUMPTIONS) as (keyof Assumptions)[]).map(
    (key) => `${ASSUMPTIONS[key].words}, ${valueText(ASSUMPTIONS[key], a[key].value)}`,
  );
  return [
    `Toggle Tax, a browser extension, recorded each move of attention from one web app to another in the browser, locally and without addresses or titles; a move counts when the next app is reached within ${valueText(transit, transit.default)} with no idle time or time away in between.`,
    `Each switch costs its measured transit time plus assumed time, and seconds lost per active day (a day with ${formatDuration(ACTIVE_DAY_MS / 1000)} of browsing) are annualised and priced. The assumptions: ${assumed.join('; ')}.`,
    `The range shows the ${PRESET_NAMES.conservative} and ${PRESET_NAMES.high} assumptions, and desktop apps and meetings outside the browser are not seen, so figures are a floor.`,
  ];
}

export function briefModel(priced: Record<'current' | PresetId, EvidenceFile>): BriefModel {
  const { current } = priced;
  const names = new Map(current.apps.map((a) => [a.id, a.name]));
  const find = (file: EvidenceFile, p: EvidencePair) =>
    file.pairs.find((q) => q.apps[0] === p.apps[0] && q.apps[1] === p.apps[1]);
  const team = current.contributors > 1;
  const perPerson = (p: EvidencePair | undefined) => (p ? (team ? p.medianAnnualHours : p.annualHours) : 0);
  const rows = current.pairs.slice(0, BRIEF_PAIRS).map((p): BriefRow => {
    const divisor = Math.max(1, current.period.activeDays);
    const hoursPerPerson = perPerson(p);
    return {
      apps: p.apps,
      label: `${names.get(p.apps[0]) ?? p.apps[0]} \u2194 ${names.get(p.apps[1]) ?? p.apps[1]}`,
      switchesPerDay: team ? p.switchesPerDay / p.people : p.switchesPerDay,
      measuredSecondsPerDay: p.measuredSeconds / divisor,
      assumedSecondsPerDay: p.assumedSeconds / divisor,
      annualHoursPerPerson: hoursPerPerson,
      annualCostPerPerson: p.annualHours ? (p.annualCost / p.annualHours) * hoursPerPerson : 0,
      teamAnnualHours: team ? p.annualHours : current.seats === null ? null : p.annualHours * current.seats,
      teamAnnualCost: team ? p.annualCost : current.seats === null ? null : p.annualCost * current.seats,
      people: p.people,
      rangeHours: { conservative: perPerson(find(priced.conservative, p)), high: perPerson(find(priced.high, p)) },
      preliminary: p.preliminary,
      sameCategory: p.sameCategory,
      integratedSince: p.integration?.since ?? null,
    };
  });
  const a = current.assumptions;
  return {
    title: current.team ? `Integration opportunities: ${current.team}` : 'Integration opportunities',
    period: current.period,
    contributors: current.contributors,
    seats: current.seats,
    currency: a.currency.value,
    rows,
    method: methodOf(a),
    assumptions: a,
    catalogVersion: current.catalogVersion,
    generatedAt: current.generatedAt,
  };
}
