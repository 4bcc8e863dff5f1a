/**
 * Local calendar days. Days split at local midnight (DESIGN.md, "Active day"), so the tracker
 * needs to know where midnight falls; it gets that from here, as a parameter, never from a clock.
 */
export interface Calendar {
  /** The local day a moment belongs to, as `YYYY-MM-DD`. */
  dayOf(ms: number): string;
  /** The first moment of the local day after the one `ms` belongs to. */
  nextDayStart(ms: number): number;
}

/** The calendar of the machine's time zone (the TZ environment variable under Node). */
export const localCalendar: Calendar = {
  dayOf(ms) {
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  },
  nextDayStart(ms) {
    const d = new Date(ms);
    // setHours(24) lands on the next local midnight, also across daylight-saving changes.
    d.setHours(24, 0, 0, 0);
    return d.getTime();
  },
};

/** A day written `YYYY-MM-DD` that exists in the calendar (not 2026-02-30). */
export function isDay(text: string): boolean {
  const at = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over into March, and gives NaN for month 13.
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(at) && new Date(at).toISOString().startsWith(text);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Splits [start, end) at local midnights into per-day durations. */
export function splitByDay(calendar: Calendar, start: number, end: number): { day: string; ms: number }[] {
  const parts: { day: string; ms: number }[] = [];
  for (let from = start; from < end;) {
    const to = Math.min(end, calendar.nextDayStart(from));
    parts.push({ day: calendar.dayOf(from), ms: to - from });
    from = to;
  }
  return parts;
}
