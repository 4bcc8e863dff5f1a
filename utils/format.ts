/** Numbers as people read them in the popup, the options page and the brief. */

/** 38 s, 4 min 10 s, 2 h 5 min. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest ? `${Math.floor(s / 60)} min ${rest} s` : `${s / 60} min`;
  }
  const minutes = Math.round((s % 3600) / 60);
  return minutes ? `${Math.floor(s / 3600)} h ${minutes} min` : `${Math.floor(s / 3600)} h`;
}

/** The change from `before` to `now` as "+12%", "−30%", or null when there is nothing to compare. */
export function formatChange(now: number, before: number): string | null {
  if (before <= 0) return null;
  const percent = Math.round(((now - before) / before) * 100);
  if (percent === 0) return '±0%';
  return percent > 0 ? `+${percent}%` : `\u2212${-percent}%`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
