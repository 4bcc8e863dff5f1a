/**
 * The pair chart: chart.js with only the parts it uses registered (it is tree-shaken otherwise),
 * and the pure shaping of report pairs into its data.
 */
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { AppInfo } from '@/utils/catalog/directory';
import { formatDuration } from '@/utils/figures/format';
import type { PairFigures } from '@/utils/figures/report';
import { pairDetail, pairLabel } from '@/utils/figures/report';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };

export interface ChartColours {
  measured: string;
  detour: string;
  penalty: string;
  text: string;
  grid: string;
}

/**
 * The three parts of each bar, in the order they stack: transit; the assumed share of the time
 * spent in quick look-ups; refocus after each switch plus resumption after each look-up.
 */
export const PARTS = [
  { key: 'measuredSeconds', label: 'Time between apps (measured)', colour: 'measured' },
  { key: 'detourSeconds', label: 'Quick look-ups (share assumed)', colour: 'detour' },
  { key: 'penaltySeconds', label: 'Refocus and resumption (assumed)', colour: 'penalty' },
] as const;

/** The unit the axis counts in: the one the longest bar reads best in. */
export function axisUnit(maxSeconds: number): { name: string; seconds: number } {
  if (maxSeconds >= 2 * 3600) return { name: 'h', seconds: 3600 };
  if (maxSeconds >= 120) return { name: 'min', seconds: 60 };
  return { name: 's', seconds: 1 };
}

export function pairChartConfig(
  pairs: readonly PairFigures[],
  appInfo: (id: string) => AppInfo | undefined,
  colours: ChartColours,
): ChartConfiguration<'bar'> {
  const labels = pairs.map((p) => pairLabel(p, appInfo));
  const unit = axisUnit(Math.max(0, ...pairs.map((p) => p.secondsLost)));
  return {
    type: 'bar',
    data: {
      labels,
      datasets: PARTS.map((part) => ({
        label: part.label,
        // Unrounded, in the axis's unit: the tooltip rounds once, as the table beside the chart does.
        data: pairs.map((p) => p[part.key] / unit.seconds),
        backgroundColor: colours[part.colour],
        borderWidth: 0,
        barThickness: 10,
      })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: {
          stacked: true,
          // The unit on every tick ("10 min"): an axis title would take a line from the bars.
          ticks: { color: colours.text, font: { size: 10 }, callback: (value) => `${value} ${unit.name}` },
          grid: { color: colours.grid },
        },
        y: {
          stacked: true,
          // The table below and the tooltip have the full names; long ones would be cut off at the canvas edge.
          ticks: {
            color: colours.text,
            autoSkip: false,
            callback: (_value, index) => shorten(labels[index] ?? '', 26),
          },
          grid: { display: false },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: colours.text, boxWidth: 8, padding: 6, font: { size: 10 } } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) =>
              `${item.dataset.label ?? ''}: ${formatDuration((item.parsed.x ?? 0) * unit.seconds)}`,
            footer: (items: TooltipItem<'bar'>[]) => {
              const pair = items[0] && pairs[items[0].dataIndex];
              return pair ? pairDetail(pair, appInfo) : '';
            },
          },
        },
      },
    },
  };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}
