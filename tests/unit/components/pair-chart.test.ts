// @vitest-environment happy-dom
/** The pair chart's words and unit: what its legend, axis and tooltips say. */
import type { TooltipItem } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { axisUnit, pairChartConfig } from '@/components/popup/pair-chart';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { reportFromTotals } from '@/utils/figures/report';

const appInfo = createAppDirectory(APPS);
const colours = { measured: '#00f', detour: '#fa0', penalty: '#a0f', text: '#555', grid: '#ddd' };
const pairsLosing = (transitMs: number) =>
  reportFromTotals({
    period: { start: '2026-03-10', end: '2026-03-10' },
    pairTotals: [{ a: 'gmail', b: 'slack', aToB: 3, bToA: 1, transitMs, detours: 1, detourDwellMs: 20_000 }],
    days: [],
    assumptions: DEFAULT_ASSUMPTIONS,
    appInfo,
  }).pairs;

describe('pair chart', () => {
  it('names each part of a bar as what it holds', () => {
    const config = pairChartConfig(pairsLosing(1_000), appInfo, colours);
    expect(config.data.datasets.map((d) => d.label)).toEqual([
      'Time between apps (measured)',
      'Quick look-ups (share assumed)',
      'Refocus and resumption (assumed)',
    ]);
  });

  it('says the unit on its axis, and the tooltip rounds the unrounded time once', () => {
    // 629.6 s between apps + 10 s of look-ups + 4 × 2 s + 4 s = 651.6 s: counted in minutes.
    const config = pairChartConfig(pairsLosing(629_600), appInfo, colours);
    const x = config.options!.scales!.x as { ticks: { callback: (value: number) => string } };
    expect(x.ticks.callback(10)).toBe('10 min');
    const label = config.options!.plugins!.tooltip!.callbacks!.label as (item: TooltipItem<'bar'>) => string;
    const measured = { dataset: config.data.datasets[0], parsed: { x: config.data.datasets[0]!.data[0] } };
    expect(label(measured as unknown as TooltipItem<'bar'>)).toBe('Time between apps (measured): 10 min 30 s');
  });

  it('counts short bars in seconds and long ones in hours', () => {
    expect(axisUnit(90).name).toBe('s');
    expect(axisUnit(600).name).toBe('min');
    expect(axisUnit(3 * 3600).name).toBe('h');
  });
});
