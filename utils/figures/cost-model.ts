/**
 * The cost model (README.md beside this file): measured time kept apart from assumed time. The
 * assumptions are applied when figures are read, never when recording, so changing one re-prices
 * all history at once. Each assumption carries its source.
 */

import type { NumberField, PatternField, ValueOf } from '../fields';
import { defaultsOf } from '../fields';

export type PresetId = 'conservative' | 'default' | 'high';

export const PRESET_NAMES: Record<PresetId, string> = {
  conservative: 'Conservative',
  default: 'Default',
  high: 'High',
};

interface Declared {
  /** The assumption in a sentence: "time to refocus after each switch". */
  words: string;
  /** Where the value comes from; exported with every piece of evidence. */
  source: string;
}

/** An assumption the presets set: its default is the Default preset. */
interface PresetAssumption extends NumberField, Declared {
  presets: Record<Exclude<PresetId, 'default'>, number>;
}

/**
 * Each assumption, declared once: the Assumptions type, the defaults, the presets, the sources, the
 * options page's form, the checks of backups and evidence files, and the brief's method all derive
 * from this table. Adding an assumption means adding it here and using it in `price()`; nothing else.
 */
export const ASSUMPTIONS = {
  /** P: seconds to refocus after every switch. */
  refocusSeconds: {
    label: 'Refocus per switch',
    words: 'time to refocus after each switch',
    unit: 'seconds',
    min: 0,
    max: 60,
    default: 2,
    presets: { conservative: 2, high: 2 },
    source:
      'Murty, Dadlani & Das, "How Much Time and Energy Do We Waste Toggling Between Applications?", Harvard Business Review, Aug 2022: a little over 2 s to reorient per toggle (logs of 137 users).',
  },
  /** R: seconds to resume the first task after a detour. */
  resumptionSeconds: {
    label: 'Resumption after a detour',
    words: 'time to resume the first task after a quick look-up (A→B→A) in another app',
    unit: 'seconds',
    min: 0,
    max: 120,
    default: 4,
    presets: { conservative: 0, high: 15 },
    source:
      'Altmann & Trafton 2004, "Task interruption: Resumption lag and the role of cues": 3.8 s resumption lag; Altmann & Trafton 2007: recovery over about 15 s (the High preset).',
  },
  /** f: share of the time spent in B during a detour that an integration would save. */
  avoidableShare: {
    label: 'Avoidable share of detour time',
    words: 'share of the time spent in the other app during a quick look-up (A→B→A) that an integration would save',
    unit: 'share',
    min: 0,
    max: 1,
    default: 0.5,
    presets: { conservative: 0, high: 1 },
    source:
      'Assumption: an integration brings B\u2019s data into A, but the person still reads it. Shown with its range, 0 (Conservative) to 1 (High).',
  },
  workingDaysPerYear: {
    label: 'Working days a year',
    words: 'working days a year',
    unit: 'days',
    min: 1,
    max: 366,
    integer: true,
    default: 230,
    source: '261 weekdays, less about 11 public holidays and 20 days of leave or sickness.',
  },
  hourlyCost: {
    label: 'Hourly cost',
    words: 'cost of an hour of work',
    min: 0,
    max: 100_000,
    default: 47.2,
    source:
      'US Bureau of Labor Statistics, Employer Costs for Employee Compensation, December 2024: total compensation per hour worked, civilian workers.',
  },
  currency: {
    label: 'Currency',
    words: 'currency of the hourly cost',
    default: 'USD',
    normalise: (raw: string) => raw.trim().toUpperCase(),
    pattern: /^[A-Z]{3}$/,
    expected: 'a three-letter code such as USD or EUR',
    source: 'The currency of the hourly cost.',
  },
} satisfies Record<string, (NumberField & Declared) | PresetAssumption | (PatternField & Declared)>;

type Table = typeof ASSUMPTIONS;

export type Assumptions = { [K in keyof Table]: ValueOf<Table[K]> };

export const DEFAULT_ASSUMPTIONS: Assumptions = defaultsOf(ASSUMPTIONS);

/** The assumptions the presets set. */
type PresetKey = { [K in keyof Table]: Table[K] extends { presets: object } ? K : never }[keyof Table];

const hasPresets = (entry: [string, object]): entry is [PresetKey, PresetAssumption] => 'presets' in entry[1];

export const PRESETS = Object.fromEntries(
  Object.keys(PRESET_NAMES).map((id) => [
    id,
    Object.fromEntries(
      Object.entries(ASSUMPTIONS)
        .filter(hasPresets)
        .map(([key, a]) => [key, id === 'default' ? a.default : a.presets[id as keyof PresetAssumption['presets']]]),
    ),
  ]),
) as Record<PresetId, Pick<Assumptions, PresetKey>>;

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
