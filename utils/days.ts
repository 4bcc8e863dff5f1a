/**
 * Local calendar days, which every room counts in: the tracker splits time at local midnight (it
 * gets the calendar as a parameter, never a clock), the store keys rows by day, and figures are per
 * active day.
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

/** A local calendar day with at least this much attended browsing is an active day. */
export const ACTIVE_DAY_MS = 60 * 60 * 1000;

/** An inclusive range of local days, `YYYY-MM-DD`. */
export interface Period {
  start: string;
  end: string;
}

/** Day keys are calendar dates, so arithmetic on them is the same in every time zone. */
export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The `count` days ending with `today`. */
export function lastDays(today: string, count: number): Period {
  return { start: addDays(today, -(count - 1)), end: today };
}

/** The period of the same length just before `period`. */
export function previousPeriod(period: Period): Period {
  const length = daysIn(period);
  return { start: addDays(period.start, -length), end: addDays(period.start, -1) };
}

export function daysIn(period: Period): number {
  return Math.round((Date.parse(`${period.end}T00:00:00Z`) - Date.parse(`${period.start}T00:00:00Z`)) / 86_400_000) + 1;
}

export function inPeriod(day: string, period: Period): boolean {
  return day >= period.start && day <= period.end;
}

/** A local day typed by a person: `YYYY-MM-DD`, one that exists and is not after `today`. */
export function validateDay(
  raw: string,
  today: string,
): { ok: true; value: string } | { ok: false; errors: { day: string } } {
  const day = raw.trim();
  if (!isDay(day)) return { ok: false, errors: { day: 'Enter a date as YYYY-MM-DD.' } };
  if (day > today) return { ok: false, errors: { day: 'The date cannot be in the future.' } };
  return { ok: true, value: day };
}
