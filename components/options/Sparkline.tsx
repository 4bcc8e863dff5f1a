/**
 * A pair's switches per week as a tiny line (utils/figures/trend.ts): one polyline, no axis. The
 * numbers are its accessible name, so a screen reader reads the trend the line shows.
 */

export const SPARKLINE_WIDTH = 60;
export const SPARKLINE_HEIGHT = 16;

/** "Switches per week, last 10 weeks: 3, 5, 8, …", oldest week first. */
export function sparklineLabel(weeks: readonly number[]): string {
  return `Switches per week, last ${weeks.length} weeks: ${weeks.join(', ')}`;
}

/**
 * The top of the scale is never below this many switches a week (one a working day): scaled to its
 * own highest week, a pair with one switch in ten weeks drew a full-height spike.
 */
export const SPARKLINE_MIN_TOP = 5;

/** The line's points: the scale's top at the top, 0 at the bottom, inside a 1 px margin. */
export function sparklinePoints(weeks: readonly number[]): string {
  const [w, h, m] = [SPARKLINE_WIDTH, SPARKLINE_HEIGHT, 1];
  const max = Math.max(SPARKLINE_MIN_TOP, ...weeks);
  const step = weeks.length > 1 ? (w - 2 * m) / (weeks.length - 1) : 0;
  return weeks
    .map((n, i) => {
      const x = m + i * step;
      const y = h - m - (n / max) * (h - 2 * m);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;

export function Sparkline({ weeks }: { weeks: readonly number[] }) {
  return (
    <svg
      class="sparkline"
      role="img"
      aria-label={sparklineLabel(weeks)}
      width={SPARKLINE_WIDTH}
      height={SPARKLINE_HEIGHT}
      viewBox={`0 0 ${SPARKLINE_WIDTH} ${SPARKLINE_HEIGHT}`}
    >
      <polyline
        points={sparklinePoints(weeks)}
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
        stroke-linecap="round"
      />
    </svg>
  );
}
