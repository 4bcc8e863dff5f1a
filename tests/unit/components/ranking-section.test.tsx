// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RankingSectionProps } from '@/components/options/RankingSection';
import { directionLine, FIRST_ROWS, RankingSection } from '@/components/options/RankingSection';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import type { PairCounts } from '@/utils/store/rows';
import { rankReport } from '@/utils/figures/ranking';
import { reportFromTotals } from '@/utils/figures/report';

afterEach(cleanup);

const appInfo = createAppDirectory(APPS);
const period = { start: '2026-03-01', end: '2026-03-10' };

/** `count` pairs of catalog apps, the first with the most switches. */
function rankingOf(count: number, integrations: Record<string, { since: string }> = {}) {
  const ids = APPS.map((app) => app.id);
  const pairTotals: PairCounts[] = Array.from({ length: count }, (_, i) => {
    const [a, b] = [ids[0]!, ids[i + 1]!].sort();
    return { a: a!, b: b!, aToB: 100 - i, bToA: 0, transitMs: (100 - i) * 4_000, detours: 0, detourDwellMs: 0 };
  });
  const data = {
    period,
    pairTotals,
    pairDays: null,
    days: [{ day: '2026-03-10', attendedMs: 5 * 3_600_000, switches: 0, breaks: 0 }],
  };
  const report = reportFromTotals({ period, pairTotals, days: data.days, assumptions: DEFAULT_ASSUMPTIONS, appInfo });
  return {
    report,
    pairs: rankReport(report, data, { ignoredAppIds: new Set(), seats: null, integrations }, DEFAULT_ASSUMPTIONS).pairs,
  };
}

function show(
  count: number,
  preliminary?: (id: string) => boolean,
  trend?: ((a: string, b: string) => readonly number[]) | null,
  marks: {
    integrations?: Record<string, { since: string }>;
    onMarkIntegrated?: RankingSectionProps['onMarkIntegrated'];
    onUnmarkIntegrated?: RankingSectionProps['onUnmarkIntegrated'];
  } = {},
) {
  const { report, pairs } = rankingOf(count, marks.integrations);
  render(
    <RankingSection
      report={report}
      pairs={pairs}
      preliminary={preliminary}
      trend={trend}
      period="30"
      onPeriodChange={vi.fn()}
      yourProduct={null}
      productName={null}
      productChoices={null}
      onYourProductChange={vi.fn()}
      partners={null}
      onMarkNotAFit={vi.fn()}
      onUnmarkNotAFit={vi.fn()}
      seats={null}
      currency="USD"
      appInfo={appInfo}
      today="2026-03-10"
      onMarkIntegrated={marks.onMarkIntegrated ?? (() => null)}
      onUnmarkIntegrated={marks.onUnmarkIntegrated ?? vi.fn()}
    />,
  );
  return pairs;
}

const rankingRows = () =>
  within(screen.getByRole('table', { name: /Integration opportunities/ }))
    .getAllByRole('row')
    .slice(1);

describe('the ranking table', () => {
  it('draws the first rows at once, most hours first, and every pair on request', () => {
    const pairs = show(FIRST_ROWS + 7);
    expect(rankingRows()).toHaveLength(FIRST_ROWS);
    expect(rankingRows()[0]!.getAttribute('data-pair')).toBe(`${pairs[0]!.a}|${pairs[0]!.b}`);
    fireEvent.click(screen.getByRole('button', { name: `Show all ${FIRST_ROWS + 7} pairs` }));
    expect(rankingRows()).toHaveLength(FIRST_ROWS + 7);
    expect(rankingRows().at(-1)!.getAttribute('data-pair')).toBe(`${pairs.at(-1)!.a}|${pairs.at(-1)!.b}`);
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });

  it('has nothing more to show when every pair fits', () => {
    show(FIRST_ROWS);
    expect(rankingRows()).toHaveLength(FIRST_ROWS);
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });
});

describe('preliminary pairs', () => {
  it('are marked in the table, next to the pair, and the mark is explained below it', () => {
    // The first pair (most switches) is the catalog's first two apps.
    const first = [APPS[0]!.id, APPS[1]!.id].sort().join('|');
    const pairs = show(3, (id) => id !== first);
    expect(`${pairs[0]!.a}|${pairs[0]!.b}`).toBe(first);
    const marks = rankingRows().map((row) => row.querySelector('th .preliminary')?.textContent ?? null);
    expect(marks).toEqual([null, 'Preliminary', 'Preliminary']);
    expect(screen.getByText(/^Preliminary: seen on fewer than 5 active days/)).toBeTruthy();
  });

  it('are not marked while not known, and the explanation is left out', () => {
    show(3);
    expect(document.querySelector('.preliminary')).toBeNull();
    expect(screen.queryByText(/^Preliminary:/)).toBeNull();
  });
});

describe('the direction of switching', () => {
  it('is said under each pair, each way with its count', () => {
    const pairs = show(2);
    const first = pairs[0]!;
    const line = directionLine(first, appInfo);
    const [a, b] = [appInfo(first.a)!.name, appInfo(first.b)!.name];
    expect(line).toBe(`${a} \u2192 ${b} ${first.aToB} \u00b7 ${b} \u2192 ${a} ${first.bToA}`);
    expect(rankingRows()[0]!.querySelector('th .direction')!.textContent).toBe(line);
  });
});

describe('the weekly sparkline', () => {
  it('is drawn in each pair’s name cell once the weeks are known, named by its numbers', () => {
    const weeks = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    show(2, undefined, () => weeks);
    const lines = rankingRows().map((row) => within(row).getByRole('img'));
    expect(lines.map((line) => line.getAttribute('aria-label'))).toEqual([
      'Switches per week, last 10 weeks: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9',
      'Switches per week, last 10 weeks: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9',
    ]);
    expect(lines[0]!.closest('th')).not.toBeNull();
  });

  it('is left out while the history is not read', () => {
    show(2, undefined, null);
    expect(document.querySelector('svg.sparkline')).toBeNull();
  });
});

describe('a pair’s actions', () => {
  // The first pair (most switches) is the catalog's first two apps.
  const [a, b] = [APPS[0]!.id, APPS[1]!.id].sort() as [string, string];
  const firstPair = `${a}|${b}`;
  const label = () => `Actions for ${appInfo(a)!.name} \u2194 ${appInfo(b)!.name}`;
  const row = () => rankingRows()[0]!;
  const menuButton = () => within(row()).getByRole('button', { name: label() });
  const choose = (item: string) => {
    fireEvent.click(menuButton());
    fireEvent.click(within(row()).getByRole('menuitem', { name: item }));
  };

  it('are in one menu per row, named for its pair, instead of links in the row', () => {
    show(2);
    const buttons = rankingRows().map((r) => within(r).getAllByRole('button'));
    expect(buttons.map((row) => row.map((button) => button.getAttribute('aria-label')))).toEqual([
      [label()],
      [expect.stringMatching(/^Actions for .+ \u2194 .+$/)],
    ]);
    fireEvent.click(menuButton());
    const items = within(row()).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Mark integrated…']);
  });

  it('mark a pair integrated from the day given, showing the problem when there is one', () => {
    const onMarkIntegrated = vi.fn((_pair: unknown, since: string) =>
      since > '2026-03-10' ? 'The day cannot be after today.' : null,
    );
    show(2, undefined, undefined, { onMarkIntegrated });
    choose('Mark integrated…');
    const since = within(row()).getByLabelText('Integrated since') as HTMLInputElement;
    expect(since.value).toBe('2026-03-10');
    expect(document.activeElement).toBe(since);

    fireEvent.input(since, { target: { value: '2026-03-11' } });
    fireEvent.click(within(row()).getByRole('button', { name: 'Mark integrated' }));
    expect(within(row()).getByRole('alert').textContent).toBe('The day cannot be after today.');
    expect(within(row()).queryByLabelText('Integrated since')).not.toBeNull();

    fireEvent.input(since, { target: { value: '2026-03-02' } });
    fireEvent.click(within(row()).getByRole('button', { name: 'Mark integrated' }));
    expect(onMarkIntegrated).toHaveBeenLastCalledWith(expect.objectContaining({ a, b }), '2026-03-02');
    expect(within(row()).queryByLabelText('Integrated since')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
  });

  it('cancel "Mark integrated…" without marking, the focus back on the menu button', () => {
    const onMarkIntegrated = vi.fn(() => null);
    show(2, undefined, undefined, { onMarkIntegrated });
    choose('Mark integrated…');
    fireEvent.click(within(row()).getByRole('button', { name: 'Cancel' }));
    expect(within(row()).queryByLabelText('Integrated since')).toBeNull();
    expect(onMarkIntegrated).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(menuButton());
  });

  it('cancel "Mark integrated…" with Escape, as the menu closes, the focus back on the menu button', () => {
    const onMarkIntegrated = vi.fn(() => null);
    show(2, undefined, undefined, { onMarkIntegrated });
    choose('Mark integrated…');
    fireEvent.keyDown(within(row()).getByLabelText('Integrated since'), { key: 'Escape' });
    expect(within(row()).queryByLabelText('Integrated since')).toBeNull();
    expect(onMarkIntegrated).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(menuButton());
  });

  it('show an integrated pair’s status in the row, and undo the mark from the menu', () => {
    const onUnmarkIntegrated = vi.fn();
    show(2, undefined, undefined, { integrations: { [firstPair]: { since: '2026-03-05' } }, onUnmarkIntegrated });
    expect(row().querySelector('.integrated')!.textContent).toMatch(/^Integrated since 2026-03-05/);
    fireEvent.click(menuButton());
    const items = within(row()).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Unmark integrated']);
    fireEvent.click(items[0]!);
    expect(onUnmarkIntegrated).toHaveBeenCalledWith(expect.objectContaining({ a, b }));
    expect(document.activeElement).toBe(menuButton());
  });
});
