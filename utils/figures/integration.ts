/**
 * Before and after an integration: a pair marked integrated since a day shows seconds lost per
 * active day and annual hours on each side, each side with its active days. The side before
 * reaches back to the first day recorded, not to the start of the period being ranked, and a side
 * of fewer than TOO_EARLY_DAYS active days is too early to tell.
 */
import { ACTIVE_DAY_MS } from '../days';
import type { DayRow, PairDayRow } from '../store/rows';
import type { Assumptions } from './cost-model';
import { annualHours, price } from './cost-model';

export const TOO_EARLY_DAYS = 5;

/** A pair's measured sums over one side of the day it was integrated. */
export interface SideSums {
  activeDays: number;
  switches: number;
  transitMs: number;
  detours: number;
  detourDwellMs: number;
}

export interface PricedSide {
  activeDays: number;
  switchesPerDay: number;
  secondsLostPerDay: number;
  annualHours: number;
}

export interface IntegrationFigures {
  since: string;
  before: PricedSide;
  after: PricedSide;
  /** Either side has fewer than TOO_EARLY_DAYS active days. */
  tooEarly: boolean;
}

/** The pair's sums before `since` (all history) and from it to `end`. */
export function integrationSides(
  pairDays: readonly PairDayRow[],
  days: readonly DayRow[],
  pair: { a: string; b: string },
  since: string,
  end: string,
): { before: SideSums; after: SideSums } {
  const side = (inSide: (day: string) => boolean): SideSums => {
    const sums: SideSums = { activeDays: 0, switches: 0, transitMs: 0, detours: 0, detourDwellMs: 0 };
    for (const d of days) if (inSide(d.day) && d.attendedMs >= ACTIVE_DAY_MS) sums.activeDays += 1;
    for (const r of pairDays)
      if (r.a === pair.a && r.b === pair.b && inSide(r.day)) {
        sums.switches += r.aToB + r.bToA;
        sums.transitMs += r.transitMs;
        sums.detours += r.detours;
        sums.detourDwellMs += r.detourDwellMs;
      }
    return sums;
  };
  return { before: side((day) => day < since), after: side((day) => day >= since && day <= end) };
}

export function priceSide(side: SideSums, assumptions: Assumptions): PricedSide {
  // As in the report: before the first active day, the per-day figure is the total.
  const perDay = Math.max(1, side.activeDays);
  const secondsLostPerDay = price(side, assumptions).secondsLost / perDay;
  return {
    activeDays: side.activeDays,
    switchesPerDay: side.switches / perDay,
    secondsLostPerDay,
    annualHours: annualHours(secondsLostPerDay, assumptions),
  };
}

export function integrationFigures(
  since: string,
  sides: { before: SideSums; after: SideSums },
  assumptions: Assumptions,
): IntegrationFigures {
  const [before, after] = [priceSide(sides.before, assumptions), priceSide(sides.after, assumptions)];
  return { since, before, after, tooEarly: before.activeDays < TOO_EARLY_DAYS || after.activeDays < TOO_EARLY_DAYS };
}
