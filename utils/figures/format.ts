/** Numbers as people read them in the popup, the options page and the brief. */

/** 38 s, 4 min 10 s, 2 h 5 min. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest ? `${Math.floor(s / 60)} min ${rest} s` : `${s / 60} min`;
  }
  // Whole minutes from the seconds as they came: rounding the rounded seconds again could move a
  // minute (3,629.6 s is 1 h 0 min, not 1 h 1 min), and 59.9 min must carry into the hour.
  const minutes = Math.round(seconds / 60);
  const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** The change from `before` to `now` as "+12%", "−30%", or null when there is nothing to compare. */
export function formatChange(now: number, before: number): string | null {
  if (before <= 0) return null;
  const percent = Math.round(((now - before) / before) * 100);
  if (percent === 0) return '±0%';
  return percent > 0 ? `+${percent}%` : `\u2212${-percent}%`;
}

// Each formatter is made once, on first use: `toLocaleString` with options builds a new one on
// every call, which adds up over the options page's table.
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat('en-US', options)));
  return format;
}

/** 1,234. */
export function formatCount(n: number): string {
  return numberFormat('count', { maximumFractionDigits: 0 }).format(n);
}

/** 1,234.5: per-day and per-year figures in tables. */
export function formatOneDecimal(n: number): string {
  return numberFormat('one', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** 62%: a share (0–1) in whole percent. */
export function formatShare(share: number): string {
  return numberFormat('share', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** $1,235 (whole units of the currency, an ISO 4217 code). */
export function formatMoney(n: number, currency: string): string {
  return numberFormat(`money ${currency}`, { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
}
