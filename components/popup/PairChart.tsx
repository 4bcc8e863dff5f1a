/**
 * Horizontal stacked bars of the top pairs, drawn beside the text list of the same figures.
 * chart.js is two thirds of the popup's script, so it comes in a chunk of its own (popup.html
 * preloads it) and the chart is drawn after the frame that shows the figures as text.
 * `activeIndex` shows one bar's tooltip, so the keyboard reaches what hovering shows.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppInfo } from '@/utils/catalog/directory';
import type { PairFigures } from '@/utils/figures/report';
import type { Chart, ChartColours } from '@/components/popup/pair-chart';

type ChartModule = typeof import('@/components/popup/pair-chart');

/** Started as the view loads, so the chart's code is usually there once the figures are. */
let chartModule: ChartModule | undefined;
const loadingChart = import('@/components/popup/pair-chart').then((module) => (chartModule = module));

interface Props {
  pairs: readonly PairFigures[];
  appInfo: (id: string) => AppInfo | undefined;
  activeIndex: number | null;
}

export function PairChart({ pairs, appInfo, activeIndex }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  // The bar whose tooltip the chart shows: none on a new chart.
  const shownIndex = useRef<number | null>(null);
  const dark = usePrefersDark();
  const [charts, setCharts] = useState(chartModule);
  useEffect(() => {
    if (!charts) void loadingChart.then(setCharts);
  }, []);

  // After the paint (useEffect), so the text beside it shows a frame sooner: drawing a first chart
  // takes chart.js 15-20 ms with the layout it forces.
  useEffect(() => {
    const context = charts && canvas.current?.getContext('2d');
    if (!charts || !context) return;
    const drawn = new charts.Chart(context, charts.pairChartConfig(pairs, appInfo, themeColours(canvas.current!)));
    chart.current = drawn;
    shownIndex.current = null;
    canvas.current!.dataset.ready = 'true';
    // The moment the popup is fully drawn, for `npm run bench` (User Timing, costs nothing).
    performance.mark('toggle-tax:chart-ready');
    return () => {
      drawn.destroy();
      chart.current = null;
    };
    // Colours come from the theme's CSS variables, so a theme change redraws.
  }, [charts, pairs, appInfo, dark]);

  useEffect(() => {
    const c = chart.current;
    // Nothing to change, as on a chart just drawn: an update redraws the whole chart.
    if (!c || shownIndex.current === activeIndex) return;
    shownIndex.current = activeIndex;
    const active = activeIndex === null ? [] : [{ datasetIndex: 0, index: activeIndex }];
    c.tooltip?.setActiveElements(active, { x: 0, y: 0 });
    c.setActiveElements(active);
    c.update();
  }, [activeIndex]);

  return (
    <div class="chart" style={{ height: `${Math.max(2, pairs.length) * 19 + 52}px` }}>
      {/* The same figures are in the table below: the canvas is decoration for screen readers. */}
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}

function themeColours(element: HTMLElement): ChartColours {
  const css = getComputedStyle(element);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    measured: read('--measured', '#2563eb'),
    detour: read('--detour', '#f59e0b'),
    penalty: read('--penalty', '#a855f7'),
    text: read('--muted', '#555'),
    grid: read('--grid', '#ddd'),
  };
}

function usePrefersDark(): boolean {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return dark;
}
