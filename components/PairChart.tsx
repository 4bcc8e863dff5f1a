/**
 * Horizontal stacked bars of the top pairs. chart.js is loaded after the first paint, so the text
 * list and headline never wait for it. `activeIndex` shows one bar's tooltip, so the keyboard
 * reaches what hovering shows.
 */
import type { Chart } from 'chart.js';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AppInfo, PairFigures } from '@/utils/report';
import type { ChartColours } from '@/utils/pair-chart';

interface Props {
  pairs: readonly PairFigures[];
  appInfo: (id: string) => AppInfo | undefined;
  activeIndex: number | null;
}

// Start fetching chart.js as soon as the popup starts, while its data is read: it is then ready
// when the figures arrive instead of being fetched after them (`npm run bench`).
const chartModule = import('@/utils/pair-chart');

export function PairChart({ pairs, appInfo, activeIndex }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const dark = usePrefersDark();

  // Drawn in the frame the figures arrive in: useEffect would wait for the next one (`npm run bench`).
  useLayoutEffect(() => {
    let cancelled = false;
    void chartModule.then(({ Chart, pairChartConfig }) => {
      const context = canvas.current?.getContext('2d');
      if (cancelled || !context) return;
      chart.current?.destroy();
      chart.current = new Chart(context, pairChartConfig(pairs, appInfo, themeColours(canvas.current!)));
      canvas.current!.dataset.ready = 'true';
      // The moment the popup is fully drawn, for `npm run bench` (User Timing, costs nothing).
      performance.mark('toggle-tax:chart-ready');
    });
    return () => {
      cancelled = true;
      chart.current?.destroy();
      chart.current = null;
    };
    // Colours come from the theme's CSS variables, so a theme change redraws.
  }, [pairs, appInfo, dark]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
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
