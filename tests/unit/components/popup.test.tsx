// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupProps } from '@/components/popup/Popup';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { ToggleTaxDB } from '@/utils/store/schema';
import { putPairDays } from '../helpers/database';
import type { AppDayRow, DayRow, PairDayRow } from '@/utils/store/rows';
import { toBlocks } from '@/utils/store/rows';
import type { SwitchRow } from '@/utils/tracker/reducer';
import { popupData, readPopupRollups } from '@/utils/figures/popup-figures';
import { openReader } from '@/utils/store/reads';

const appInfo = createAppDirectory(APPS);
const db = new ToggleTaxDB('popup-test');
const HOUR = 3_600_000;

afterEach(async () => {
  cleanup();
  await Promise.all(db.tables.map((t) => t.clear()));
});

const pairDay = (day: string, a: string, b: string, sums: Partial<PairDayRow>): PairDayRow => ({
  day,
  a,
  b,
  aToB: 0,
  bToA: 0,
  transitMs: 0,
  detours: 0,
  detourDwellMs: 0,
  ...sums,
});
const dayRow = (day: string, attendedMs: number): DayRow => ({ day, attendedMs, switches: 0, breaks: 0 });

const NOW = new Date('2026-03-10T15:00:00').getTime();

async function show(
  rows: { pairDays?: PairDayRow[]; days?: DayRow[]; switches?: SwitchRow[]; appDays?: AppDayRow[] },
  overrides: Partial<PopupProps> = {},
) {
  const period = overrides.period ?? 'today';
  await putPairDays(db, rows.pairDays ?? []);
  await db.days.bulkPut(rows.days ?? []);
  await db.appDays.bulkPut(rows.appDays ?? []);
  await db.switchBlocks.bulkPut(toBlocks(rows.switches ?? []));
  // Written by Dexie as the background writes it, read back the way the popup reads it.
  const rollups = await readPopupRollups(openReader(globalThis, { name: db.name }), '2026-03-10', period);
  const data = popupData(rollups, {
    today: '2026-03-10',
    period,
    assumptions: DEFAULT_ASSUMPTIONS,
    appInfo,
    now: NOW,
  });
  const props: PopupProps = {
    data,
    period,
    onPeriodChange: vi.fn(),
    paused: false,
    onTogglePause: vi.fn(),
    onOpenOptions: vi.fn(),
    appInfo,
    ...overrides,
  };
  render(<Popup {...props} />);
  return props;
}

describe('popup', () => {
  it('first run: says what Toggle Tax does and that everything stays in this browser', async () => {
    await show({});
    expect(screen.getByRole('heading', { name: 'Nothing recorded yet' })).toBeTruthy();
    expect(screen.getByText(/Everything stays in this browser/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByRole('link', { name: 'Rank integrations' })).toBeTruthy();
  });

  it('still learning: shows what it has so far and says per-day figures come later', async () => {
    await show({
      pairDays: [pairDay('2026-03-10', 'dropbox', 'slack', { aToB: 2, bToA: 1, transitMs: 3000 })],
      days: [dayRow('2026-03-10', 20 * 60_000)],
    });
    expect(screen.getByRole('note').textContent).toMatch(/Still learning/);
    const rows = within(screen.getByRole('table', { name: /Top pairs/ })).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('Dropbox \u2194 Slack');
  });

  it('full: lists the top pairs as text, worst first, with switches and time lost', async () => {
    await show({
      pairDays: [
        pairDay('2026-03-10', 'gmail', 'slack', { aToB: 5, bToA: 5, transitMs: 1000 }),
        pairDay('2026-03-10', 'dropbox', 'paychex', {
          aToB: 12,
          bToA: 11,
          transitMs: 60_000,
          detours: 9,
          detourDwellMs: 270_000,
        }),
        pairDay('2026-03-09', 'dropbox', 'paychex', { aToB: 4, bToA: 4, transitMs: 10_000 }),
      ],
      days: [dayRow('2026-03-09', 3 * HOUR), dayRow('2026-03-10', 2 * HOUR)],
    });
    expect(screen.queryByRole('note')).toBeNull();
    const rows = within(screen.getByRole('table', { name: /Top pairs/ }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual([
      'Dropbox \u2194 Paychex Flex',
      'Gmail \u2194 Slack',
    ]);
    // 60 s transit + 23 × 2 s + 9 × 4 s + 0.5 × 270 s = 277 s
    expect(rows[0]!.textContent).toContain('23');
    expect(rows[0]!.textContent).toContain('4 min 37 s');
    expect(rows[0]!.getAttribute('aria-description')).toBe(
      'Dropbox \u2192 Paychex Flex: 12, Paychex Flex \u2192 Dropbox: 11, 9 quick look-ups',
    );
    expect(rows[0]!.tabIndex).toBe(0);
    expect(screen.getByLabelText('Summary').textContent).toMatch(/33 switches, 4 min 58 s lost/);
    // 61 s between apps; 23 × 2 s + 9 × 4 s + 0.5 × 270 s = 237 s estimated.
    expect(screen.getByLabelText('Summary').textContent).toMatch(
      /1 min 1 s measured between apps, 3 min 57 s estimated/,
    );
    // Each name is there in full, also where the column is too narrow to show it.
    expect(rows[0]!.querySelector('th')!.getAttribute('title')).toBe('Dropbox \u2194 Paychex Flex');
    expect(screen.queryByRole('link', { name: /more pair/ })).toBeNull();
    // Yesterday's whole day (26 s) is not compared with today so far; its switches by 3 PM are unknown.
    expect(screen.getByLabelText('Summary').textContent).toMatch(/Nothing to compare with yesterday by this time/);
  });

  it('compares today with yesterday up to the same time of day', async () => {
    const yesterday = (time: string, transitMs: number): SwitchRow => ({
      at: new Date(`2026-03-09T${time}`).getTime(),
      day: '2026-03-09',
      from: 'slack',
      to: 'gmail',
      transitMs,
      detourDwellMs: null,
    });
    await show({
      // Today: 18 s + 2 s refocus = 20 s. Yesterday by 3 PM: 8 s + 2 s = 10 s; its evening does not count.
      pairDays: [
        pairDay('2026-03-10', 'gmail', 'slack', { bToA: 1, transitMs: 18_000 }),
        pairDay('2026-03-09', 'gmail', 'slack', { bToA: 2, transitMs: 600_000 }),
      ],
      days: [dayRow('2026-03-09', 3 * HOUR), dayRow('2026-03-10', 2 * HOUR)],
      switches: [yesterday('09:00:00', 8_000), yesterday('20:00:00', 592_000)],
    });
    expect(screen.getByLabelText('Summary').textContent).toMatch(/\+100% vs yesterday by this time/);
  });

  it('shows at most eight pairs, and links the rest to the ranking', async () => {
    const apps = [
      'asana',
      'box',
      'dropbox',
      'gmail',
      'google-docs',
      'google-sheets',
      'slack',
      'zoom',
      'notion',
      'trello',
    ];
    const props = await show({
      pairDays: apps.slice(1).map((b, i) => pairDay('2026-03-10', 'asana', b, { aToB: i + 1 })),
      days: [dayRow('2026-03-10', 2 * HOUR)],
    });
    expect(within(screen.getByRole('table', { name: /Top pairs/ })).getAllByRole('row')).toHaveLength(1 + 8);
    fireEvent.click(screen.getByRole('link', { name: '+1 more pair' }));
    expect(props.onOpenOptions).toHaveBeenCalledOnce();
  });

  it('switches period, pauses and opens the ranking', async () => {
    const props = await show({
      pairDays: [pairDay('2026-03-10', 'dropbox', 'slack', { aToB: 1 })],
      days: [dayRow('2026-03-10', 2 * HOUR)],
    });
    expect(screen.getByRole('button', { name: 'Today' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    expect(props.onPeriodChange).toHaveBeenCalledWith('week');
    expect(screen.getByRole('status').textContent).toBe('Tracking');
    fireEvent.click(screen.getByRole('button', { name: 'Pause tracking' }));
    expect(props.onTogglePause).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('link', { name: 'Rank integrations' }));
    expect(props.onOpenOptions).toHaveBeenCalledOnce();
  });

  it('keeps the paused state in sight', async () => {
    await show({ days: [dayRow('2026-03-10', 2 * HOUR)] }, { paused: true });
    expect(screen.getByRole('status').textContent).toBe('Paused');
    // The pause sign is drawn (two bars), not a font glyph that some systems show as an empty box.
    expect(screen.getByRole('status').querySelectorAll('svg[aria-hidden="true"] rect')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Resume tracking' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('No switches between apps in this period yet.')).toBeTruthy();
  });

  it('shows the time spent in apps in the period next to the time lost', async () => {
    const appDay = (day: string, app: string, attendedMs: number): AppDayRow => ({ day, app, attendedMs });
    await show({
      pairDays: [pairDay('2026-03-10', 'dropbox', 'slack', { aToB: 1, transitMs: 8_000 })],
      days: [dayRow('2026-03-09', 5 * HOUR), dayRow('2026-03-10', 4 * HOUR)],
      // Today: 2 h + 1 h 12 min; yesterday's 5 h are not today's.
      appDays: [
        appDay('2026-03-09', 'slack', 5 * HOUR),
        appDay('2026-03-10', 'dropbox', 2 * HOUR),
        appDay('2026-03-10', 'slack', 72 * 60_000),
      ],
    });
    expect(screen.getByLabelText('Summary').textContent).toMatch(/^1 switch, 10 s lost \u00b7 in apps 3 h 12 min/);
  });

  it('leaves the time in apps out when none was recorded', async () => {
    await show({
      pairDays: [pairDay('2026-03-10', 'dropbox', 'slack', { aToB: 1, transitMs: 8_000 })],
      days: [dayRow('2026-03-10', 2 * HOUR)],
    });
    expect(screen.getByLabelText('Summary').textContent).not.toMatch(/in apps/);
  });

  describe('what changed this week', () => {
    // The last 7 days are 4 to 10 March; the 7 before, 25 February to 3 March.
    const weeks = (earlierActiveDays: number) => ({
      pairDays: [
        pairDay('2026-03-09', 'dropbox', 'paychex', { aToB: 10, bToA: 8 }),
        pairDay('2026-03-02', 'dropbox', 'paychex', { aToB: 3, bToA: 3 }),
        pairDay('2026-03-08', 'gmail', 'slack', { aToB: 2 }),
        pairDay('2026-03-01', 'gmail', 'slack', { aToB: 9 }),
      ],
      days: [
        dayRow('2026-03-09', 2 * HOUR),
        ...['2026-02-26', '2026-02-28', '2026-03-01', '2026-03-02']
          .slice(0, earlierActiveDays)
          .map((d) => dayRow(d, 2 * HOUR)),
      ],
    });
    const line = () => screen.queryByText(/^This week:/)?.textContent ?? null;

    it('names the pair whose switches rose most over the 7 days before', async () => {
      await show(weeks(3), { period: 'week' });
      // Dropbox ↔ Paychex Flex: 6 → 18; Gmail ↔ Slack: 9 → 2.
      expect(line()).toBe('This week: Dropbox \u2194 Paychex Flex rose most (+12 switches)');
    });

    it('names the pair that fell most when that is the larger change', async () => {
      const rows = weeks(4);
      rows.pairDays[1] = pairDay('2026-03-02', 'dropbox', 'paychex', { aToB: 15 });
      await show(rows, { period: 'week' });
      // Dropbox ↔ Paychex Flex: 15 → 18; Gmail ↔ Slack: 9 → 2.
      expect(line()).toBe('This week: Gmail \u2194 Slack fell most (\u22127 switches)');
    });

    it('shows it for 30 days too, about the last 7 days', async () => {
      await show(weeks(3), { period: 'month' });
      expect(line()).toBe('This week: Dropbox \u2194 Paychex Flex rose most (+12 switches)');
    });

    it('is left out when the week before had under 3 active days', async () => {
      await show(weeks(2), { period: 'week' });
      expect(screen.getByLabelText('Summary').textContent).toMatch(/Too few active days/);
      expect(line()).toBeNull();
    });

    it('is left out for today and while paused', async () => {
      await show(weeks(3));
      expect(line()).toBeNull();
      cleanup();
      await show(weeks(3), { period: 'week', paused: true });
      expect(line()).toBeNull();
    });
  });
});
