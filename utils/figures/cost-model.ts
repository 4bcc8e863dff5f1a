/**
 * The cost model (DESIGN.md, "Cost model"): measured time kept apart from assumed time. The
 * assumptions are applied when figures are read, never when recording, so changing one re-prices
 * all history at once. Figures and sources: ../shared/facts/cost-of-a-switch.md.
 */

export interface Assumptions {
  /** P: seconds to refocus after every switch. */
  refocusSeconds: number;
  /** R: seconds to resume the first task after a detour. */
  resumptionSeconds: number;
  /** f: share of the time spent in B during a detour that an integration would save (0–1). */
  avoidableShare: number;
  workingDaysPerYear: number;
  hourlyCost: number;
  currency: string;
}

export type PresetId = 'conservative' | 'default' | 'high';

export const PRESETS: Record<PresetId, Pick<Assumptions, 'refocusSeconds' | 'resumptionSeconds' | 'avoidableShare'>> = {
  conservative: { refocusSeconds: 2, resumptionSeconds: 0, avoidableShare: 0 },
  default: { refocusSeconds: 2, resumptionSeconds: 4, avoidableShare: 0.5 },
  high: { refocusSeconds: 2, resumptionSeconds: 15, avoidableShare: 1 },
};

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  ...PRESETS.default,
  workingDaysPerYear: 230,
  hourlyCost: 47.2,
  currency: 'USD',
};

/** Where each assumption comes from; exported with every piece of evidence. */
export const ASSUMPTION_SOURCES: Record<keyof Assumptions, string> = {
  refocusSeconds:
    'Murty, Dadlani & Das, "How Much Time and Energy Do We Waste Toggling Between Applications?", Harvard Business Review, Aug 2022: a little over 2 s to reorient per toggle (logs of 137 users).',
  resumptionSeconds:
    'Altmann & Trafton 2004, "Task interruption: Resumption lag and the role of cues": 3.8 s resumption lag; Altmann & Trafton 2007: recovery over about 15 s (the High preset).',
  avoidableShare:
    'Assumption: an integration brings B\u2019s data into A, but the person still reads it. Shown with its range, 0 (Conservative) to 1 (High).',
  workingDaysPerYear: '261 weekdays, less about 11 public holidays and 20 days of leave or sickness.',
  hourlyCost:
    'US Bureau of Labor Statistics, Employer Costs for Employee Compensation, December 2024: total compensation per hour worked, civilian workers.',
  currency: 'The currency of the hourly cost.',
};

/** Raw measured sums for a pair (or any set of switches), as stored in the rollups. */
export interface MeasuredSums {
  switches: number;
  transitMs: number;
  detours: number;
  detourDwellMs: number;
}

export interface Priced {
  /** Transit time, measured. */
  measuredSeconds: number;
  /** P × switches + R × detours + f × detour dwell. */
  assumedSeconds: number;
  /** The part of `assumedSeconds` that is f × detour dwell: measured time, assumed share. */
  detourSeconds: number;
  /** The part of `assumedSeconds` that is P × switches + R × detours: assumed penalties. */
  penaltySeconds: number;
  secondsLost: number;
}

export function price(sums: MeasuredSums, a: Assumptions): Priced {
  const measuredSeconds = sums.transitMs / 1000;
  const detourSeconds = (a.avoidableShare * sums.detourDwellMs) / 1000;
  const penaltySeconds = a.refocusSeconds * sums.switches + a.resumptionSeconds * sums.detours;
  const assumedSeconds = detourSeconds + penaltySeconds;
  return {
    measuredSeconds,
    assumedSeconds,
    detourSeconds,
    penaltySeconds,
    secondsLost: measuredSeconds + assumedSeconds,
  };
}

/** Annual hours from seconds lost per active day: `seconds × working days ÷ 3600`. */
export function annualHours(secondsPerDay: number, a: Assumptions): number {
  return (secondsPerDay * a.workingDaysPerYear) / 3600;
}

export function annualCost(hours: number, a: Assumptions): number {
  return hours * a.hourlyCost;
}
