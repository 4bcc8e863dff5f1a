/**
 * Horizontal stacked bars of the top pairs, drawn in the same commit as the text list beside them.
 * chart.js is part of the popup's view, which popup.html preloads and which loads while the
 * popup's data is read (entrypoints/popup/main.ts), so it is there when the figures are.
 * `activeIndex` shows one bar's tooltip, so the keyboard reaches what hovering shows.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AppInfo } from '@/utils/catalog/directory';
import type { PairFigures } from '@/utils/figures/report';
import type { ChartColours } from '@/components/popup/pair-chart';
import { Chart, pairChartConfig } from '@/components/popup/pair-chart';

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

  // Drawn in the frame the figures arrive in: useEffect would wait for the next one.
  useLayoutEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const drawn = new Chart(context, pairChartConfig(pairs, appInfo, themeColours(canvas.current!)));
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
  }, [pairs, appInfo, dark]);

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
