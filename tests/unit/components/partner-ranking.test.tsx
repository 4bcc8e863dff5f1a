// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sparklineLabel } from '@/components/options/Sparkline';
import { trendOf, weeklySwitches } from '@/utils/figures/trend';
import { RankingSection } from '@/components/options/RankingSection';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { CATEGORIES } from '@/utils/catalog/types';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { formatOneDecimal } from '@/utils/figures/format';
import { TOP_PARTNERS } from '@/utils/figures/partners';
import { rankingData, rankingPartners, rankReport } from '@/utils/figures/ranking';
import { reportFromTotals } from '@/utils/figures/report';
import type { PairDayRow } from '@/utils/store/rows';

afterEach(cleanup);

const appInfo = createAppDirectory(APPS);
const period = { start: '2026-03-01', end: '2026-03-20' };
const dates = Array.from({ length: 20 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
const days = dates.map((day) => ({ day, attendedMs: 5 * 3_600_000, switches: 0, breaks: 0 }));

/** Every day, `switches` each way between Dropbox and `app`, 3 s between apps, a quarter of them look-ups. */
const daily = (app: string, switches: number): PairDayRow[] =>
  dates.map((day) => {
    const [a, b] = ['dropbox', app].sort() as [string, string];
    const lookups = Math.floor(switches / 2);
    return {
      day,
      a,
      b,
      aToB: switches,
      bToA: switches,
      transitMs: 2 * switches * 3_000,
      detours: lookups,
      detourDwellMs: lookups * 20_000,
    };
  });

const pairDays = [
  ...daily('box', 40), // the same category as Dropbox: the most switching of all, listed apart
  ...daily('google-drive', 30), // Google's file store: apart, while Google ranks on its other apps
  ...daily('google-sheets', 120),
  ...daily('gmail', 8),
  ...daily('paychex', 20),
  ...daily('xero', 18), // marked not a fit
  ...daily('slack', 15), // integrated: Salesforce has nothing left to rank
  ...daily('quickbooks-online', 10),
  ...daily('hubspot', 7),
  ...daily('notion', 7), // as much as HubSpot: level
  ...daily('asana', 5),
  ...daily('trello', 2),
];

const NOT_A_FIT = { xero: { note: 'they compete with us' } };

function show(trend?: (a: string, b: string) => readonly number[]) {
  const handlers = {
    onMarkNotAFit: vi.fn(),
    onUnmarkNotAFit: vi.fn(),
    onMarkIntegrated: vi.fn((): string | null => null),
    onUnmarkIntegrated: vi.fn(),
  };
  const first = view(NOT_A_FIT, handlers, trend);
  const { rerender } = render(first.element);
  return {
    partners: first.partners,
    handlers,
    /** Draws the view again as the page does once a mark is stored. */
    marked: (notAFit: Record<string, { note: string }>) => rerender(view(notAFit, handlers, trend).element),
  };
}

function view(
  notAFit: Record<string, { note: string }>,
  handlers: Pick<
    Parameters<typeof RankingSection>[0],
    'onMarkNotAFit' | 'onUnmarkNotAFit' | 'onMarkIntegrated' | 'onUnmarkIntegrated'
  >,
  trend?: (a: string, b: string) => readonly number[],
) {
  const data = rankingData(period, pairDays, days);
  const integrations = { 'dropbox|slack': { since: '2026-03-11' } };
  const report = rankReport(
    // Built as the options page builds it: the report, then the ranking of every pair.
    { ...rankedReport(data), pairs: rankedReport(data).pairs },
    data,
    { ignoredAppIds: new Set(), seats: null, integrations },
    DEFAULT_ASSUMPTIONS,
  );
  const partners = rankingPartners(report, data, DEFAULT_ASSUMPTIONS, appInfo, {
    yourProduct: 'dropbox',
    notAFit,
    categoryName: (id) => CATEGORIES[id as keyof typeof CATEGORIES] ?? id,
  });
  const element = (
    <RankingSection
      report={report.report}
      pairs={report.pairs}
      period="30"
      onPeriodChange={vi.fn()}
      yourProduct="dropbox"
      productName="Dropbox"
      productChoices={null}
      onYourProductChange={vi.fn()}
      partners={partners}
      trend={trend}
      seats={null}
      currency="USD"
      appInfo={appInfo}
      today="2026-03-20"
      {...handlers}
    />
  );
  return { partners, element };
}

function rankedReport(data: ReturnType<typeof rankingData>) {
  return rankReport(
    // A report of the period's totals, as App.tsx prices it.
    { ...reportOf(data) },
    data,
    { ignoredAppIds: new Set(), seats: null, integrations: {} },
    DEFAULT_ASSUMPTIONS,
  ).report;
}

function reportOf(data: ReturnType<typeof rankingData>) {
  return reportFromTotals({
    period: data.period,
    pairTotals: data.pairTotals,
    days: data.days,
    assumptions: DEFAULT_ASSUMPTIONS,
    appInfo,
  });
}

const table = () => screen.getByRole('table', { name: /Partners of Dropbox/ });
const group = (name: string) => within(table()).getByRole('rowgroup', { name });
const partnerRows = (rows: HTMLElement) => [...rows.querySelectorAll<HTMLElement>('tr.partner')];
const names = (rows: HTMLElement[]) => rows.map((r) => r.querySelector('th')!.firstChild!.textContent);
const list = (name: string) => screen.getByRole('list', { name });
/** Opens the row's menu ("Actions for …") and chooses `item` in it. */
function choose(where: HTMLElement, menu: string, item: string) {
  fireEvent.click(within(where).getByRole('button', { name: `Actions for ${menu}` }));
  fireEvent.click(within(where).getByRole('menuitem', { name: item }));
}

describe('the partner view of the ranking', () => {
  it('ranks partner companies, the top five first, the rest to evaluate next, in order', () => {
    const { partners } = show();
    const candidates = partners.filter((p) => p.status === 'candidate');
    const top = partnerRows(group('Top five'));
    expect(names(top)).toEqual(candidates.slice(0, TOP_PARTNERS).map((p) => p.name));
    expect(names(top)[0]).toBe('Google');
    expect(top.map((r) => r.querySelector('.badge')!.textContent)).toEqual([
      'Top 1',
      'Top 2',
      'Top 3',
      'Top 4',
      'Top 5',
    ]);
    const next = partnerRows(group('To evaluate next'));
    expect(names(next)).toEqual(candidates.slice(TOP_PARTNERS).map((p) => p.name));
    expect(next.every((r) => r.querySelector('.badge') === null)).toBe(true);
  });

  it('ranks Google on its other apps, with Dropbox ↔ Google Drive listed apart, and Box apart as same category', () => {
    const { partners } = show();
    const google = partners.find((p) => p.vendor === 'google')!;
    const row = table().querySelector<HTMLElement>('tr[data-vendor="google"]')!;
    // The partner's figures, each rounded once from the unrounded value.
    expect(row.querySelector('.hours')!.textContent).toBe(formatOneDecimal(google.annualHours));
    expect(row.querySelector('.range')!.textContent).toBe(
      `${formatOneDecimal(google.annualHoursRange[0])}–${formatOneDecimal(google.annualHoursRange[1])}`,
    );
    // Its pairs beneath it: Sheets and Gmail, not Drive.
    const beneath = [...table().querySelectorAll('tr.partner-pair')]
      .map((r) => r.getAttribute('data-pair'))
      .filter((id) => id!.includes('g'));
    expect(beneath).toContain('dropbox|google-sheets');
    expect(beneath).toContain('dropbox|gmail');
    expect(table().querySelector('[data-pair="dropbox|google-drive"]')).toBeNull();
    expect(table().querySelector('[data-vendor="box"]')).toBeNull();

    const same = within(list('Same category')).getAllByRole('listitem');
    expect(same.map((li) => li.getAttribute('data-pair'))).toEqual(['box|dropbox', 'dropbox|google-drive']);
    expect(same[0]!.textContent).toMatch(/Dropbox and Box are both file storage: consolidation or competition/);
    expect(same[1]!.textContent).toMatch(/Dropbox and Google Drive are both file storage/);
  });

  it('lists an integrated pair apart, with before and after in time and hours', () => {
    const { handlers } = show();
    expect(table().querySelector('[data-vendor="salesforce"]')).toBeNull();
    const item = within(list('Integrated')).getByRole('listitem');
    expect(item.getAttribute('data-pair')).toBe('dropbox|slack');
    // Ten active days each side: enough to tell.
    expect(item.textContent).toMatch(
      /^Dropbox ↔ Slack: Integrated since 2026-03-11: .+ lost per active day before \(\d+\.\d h a year, 10 active days\), .+ after \(\d+\.\d h a year, 10 active days\)\./,
    );
    expect(item.textContent).not.toContain('too early to tell');
    choose(item, 'Dropbox ↔ Slack', 'Unmark integrated');
    expect(handlers.onUnmarkIntegrated).toHaveBeenCalledWith(expect.objectContaining({ a: 'dropbox', b: 'slack' }));
  });

  it('lists a partner marked not a fit apart, with its note, and can unmark it', () => {
    const { handlers } = show();
    expect(table().querySelector('[data-vendor="xero"]')).toBeNull();
    const item = within(list('Not a fit')).getByRole('listitem');
    expect(item.textContent).toMatch(/^Xero, \d+\.\d h a year: Marked not a fit: they compete with us\./);
    choose(item, 'Xero', 'Unmark not a fit');
    expect(handlers.onUnmarkNotAFit).toHaveBeenCalledWith('xero');
  });

  it('marks a partner not a fit with a note, from its row’s menu', () => {
    const { handlers } = show();
    const row = table().querySelector<HTMLElement>('tr[data-vendor="paychex"]')!;
    choose(row, 'Paychex', 'Not a fit…');
    const note = within(row).getByLabelText('Why not a fit');
    expect(document.activeElement).toBe(note);
    fireEvent.input(note, { target: { value: ' payroll is out of scope ' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Mark not a fit' }));
    expect(handlers.onMarkNotAFit).toHaveBeenCalledWith('paychex', 'payroll is out of scope');
    expect(within(row).queryByLabelText('Why not a fit')).toBeNull();
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Actions for Paychex' }));
  });

  it('follows the partner with the focus to the list apart once its mark is stored', () => {
    const { marked } = show();
    const row = table().querySelector<HTMLElement>('tr[data-vendor="paychex"]')!;
    choose(row, 'Paychex', 'Not a fit…');
    fireEvent.input(within(row).getByLabelText('Why not a fit'), { target: { value: 'payroll' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Mark not a fit' }));
    marked({ ...NOT_A_FIT, paychex: { note: 'payroll' } });
    expect(table().querySelector('[data-vendor="paychex"]')).toBeNull();
    const item = list('Not a fit').querySelector<HTMLElement>('[data-vendor="paychex"]')!;
    expect(item.textContent).toMatch(/^Paychex .*: Marked not a fit: payroll\./);
    expect(document.activeElement).toBe(within(item).getByRole('button', { name: 'Actions for Paychex' }));
  });

  it('cancels "Not a fit…" without marking, the focus back on the row’s menu button', () => {
    const { handlers } = show();
    const row = table().querySelector<HTMLElement>('tr[data-vendor="paychex"]')!;
    choose(row, 'Paychex', 'Not a fit…');
    fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }));
    expect(within(row).queryByLabelText('Why not a fit')).toBeNull();
    expect(handlers.onMarkNotAFit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Actions for Paychex' }));
  });

  it('cancels "Not a fit…" with Escape, the note unsaved and the focus back on the menu button', () => {
    const { handlers } = show();
    const row = table().querySelector<HTMLElement>('tr[data-vendor="paychex"]')!;
    choose(row, 'Paychex', 'Not a fit…');
    const note = within(row).getByLabelText('Why not a fit');
    fireEvent.input(note, { target: { value: 'payroll' } });
    fireEvent.keyDown(note, { key: 'Escape' });
    expect(within(row).queryByLabelText('Why not a fit')).toBeNull();
    expect(handlers.onMarkNotAFit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Actions for Paychex' }));
  });

  it('marks one of a partner’s pairs integrated from the pair’s menu, with the day it went live', () => {
    const { handlers } = show();
    const row = table().querySelector<HTMLElement>('tr[data-pair="dropbox|google-sheets"]')!;
    choose(row, 'Dropbox ↔ Google Sheets', 'Mark integrated…');
    const since = within(row).getByLabelText('Integrated since');
    expect(document.activeElement).toBe(since);
    fireEvent.input(since, { target: { value: '2026-03-12' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Mark integrated' }));
    expect(handlers.onMarkIntegrated).toHaveBeenCalledWith(
      expect.objectContaining({ a: 'dropbox', b: 'google-sheets' }),
      '2026-03-12',
    );
    expect(within(row).queryByLabelText('Integrated since')).toBeNull();
    expect(document.activeElement).toBe(
      within(row).getByRole('button', { name: 'Actions for Dropbox ↔ Google Sheets' }),
    );
  });

  it('offers each row only its own action', () => {
    show();
    const menuOf = (where: Element, name: string) => {
      fireEvent.click(within(where as HTMLElement).getByRole('button', { name: `Actions for ${name}` }));
      const items = screen.getAllByRole('menuitem').map((i) => i.textContent);
      fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
      return items;
    };
    expect(menuOf(table().querySelector('tr[data-vendor="google"]')!, 'Google')).toEqual(['Not a fit…']);
    expect(menuOf(table().querySelector('tr[data-pair="dropbox|gmail"]')!, 'Dropbox ↔ Gmail')).toEqual([
      'Mark integrated…',
    ]);
    expect(menuOf(list('Integrated'), 'Dropbox ↔ Slack')).toEqual(['Unmark integrated']);
    expect(menuOf(list('Not a fit'), 'Xero')).toEqual(['Unmark not a fit']);
    // Same category: nothing to do but read why.
    expect(within(list('Same category')).queryAllByRole('button')).toEqual([]);
  });

  it('gives no top-five place to what is listed apart', () => {
    show();
    const top = names(partnerRows(group('Top five')));
    for (const apart of ['Box', 'Xero', 'Salesforce']) expect(top).not.toContain(apart);
  });

  it('says which neighbours are level: their Conservative–High ranges overlap', () => {
    const { partners } = show();
    const candidates = partners.filter((p) => p.status === 'candidate');
    const levelOf = (vendor: string) =>
      table().querySelector(`tr[data-vendor="${vendor}"] .level`)?.textContent ?? null;
    candidates.forEach((p, i) => {
      const withRanks = [
        ...(i > 0 && candidates[i - 1]!.levelWithNext ? [i] : []),
        ...(p.levelWithNext ? [i + 2] : []),
      ];
      expect(levelOf(p.vendor)).toBe(
        withRanks.length ? `Level with ${withRanks.map((n) => `#${n}`).join(' and ')}` : null,
      );
    });
    // HubSpot and Notion switch as much as each other: level, whichever comes first.
    const [hubspot, notion] = ['hubspot', 'notion-labs'].map((v) => candidates.findIndex((p) => p.vendor === v));
    expect(Math.abs(hubspot! - notion!)).toBe(1);
    expect(levelOf('hubspot')).toMatch(/^Level with /);
    expect(levelOf('notion-labs')).toMatch(/^Level with /);
    // Google, far ahead of the rest, is level with no one.
    expect(levelOf('google')).toBeNull();
  });
});

describe('the weekly sparklines of the partner view', () => {
  it("are drawn beneath each partner, one by each of its pairs, from the history's pair-day rows", () => {
    const trends = weeklySwitches(pairDays, '2026-03-20');
    show((a, b) => trendOf(trends, a, b));
    const pairRows = [...table().querySelectorAll<HTMLElement>('tr.partner-pair')];
    expect(pairRows.length).toBeGreaterThan(0);
    for (const row of pairRows) {
      const [a, b] = row.getAttribute('data-pair')!.split('|');
      expect(within(row).getByRole('img').getAttribute('aria-label')).toBe(sparklineLabel(trendOf(trends, a!, b!)));
    }
    expect(table().querySelectorAll('tr.partner svg.sparkline')).toHaveLength(0);
  });

  it('are left out while the history is not read', () => {
    show();
    expect(document.querySelector('svg.sparkline')).toBeNull();
  });
});
