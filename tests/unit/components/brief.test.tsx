// @vitest-environment happy-dom
/**
 * The brief as a partnerships executive reads it: with your product set, partner companies ranked
 * from evidence (what is not a candidate listed apart, with why), every bar of the chart labelled,
 * the share assumed said up front, the assumptions and recording rules in words. Evidence is made
 * from measured sums (tests/unit/helpers/evidence.ts); expected figures come from the cost model as
 * DESIGN.md states it, computed here from those sums.
 */
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Brief } from '@/components/brief/Brief';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { briefModel } from '@/utils/exchange/brief';
import type { PersonalEvidence } from '@/utils/exchange/evidence';
import type { EvidenceSettings } from '@/utils/exchange/evidence-source';
import { teamEvidenceThreeWays } from '@/utils/exchange/evidence-source';
import { ASSUMPTIONS } from '@/utils/figures/cost-model';
import { formatCount, formatOneDecimal, formatShare } from '@/utils/figures/format';
import { DEFAULT_RECORDING_RULES, RECORDING_RULES } from '@/utils/tracker/rules';
import type { Sums } from '../helpers/evidence';
import { evidenceSettings, NOW, personFile } from '../helpers/evidence';

afterEach(cleanup);

const app = createAppDirectory(APPS);
const ACTIVE_DAYS = 10;
/** Time between apps per switch, measured; a quarter of the switches are look-ups of 20 s. */
const TRANSIT_S = 1;
const LOOKUP_DWELL_S = 20;
const SINCE = '2026-03-11';

type Apart = 'same-category' | 'integrated' | 'not-a-fit';
/** Dropbox's switches with each app, per active day, and why a pair is not a candidate. */
const DROPBOX_WITH: { app: string; perDay: number; apart?: Apart }[] = [
  { app: 'box', perDay: 80, apart: 'same-category' }, // the most of all, and a file store like Dropbox
  { app: 'google-drive', perDay: 60, apart: 'same-category' }, // Google's file store; Google ranks on Sheets and Gmail
  { app: 'slack', perDay: 52, apart: 'integrated' }, // Salesforce's only app here
  { app: 'xero', perDay: 48, apart: 'not-a-fit' },
  { app: 'google-sheets', perDay: 40 },
  { app: 'gmail', perDay: 8 },
  { app: 'paychex', perDay: 32 },
  { app: 'quickbooks-online', perDay: 20 },
  { app: 'hubspot', perDay: 12 },
  { app: 'notion', perDay: 12 },
  { app: 'asana', perDay: 8 },
  { app: 'trello', perDay: 4 },
];

function sumsOf(other: string, perDay: number): Sums {
  const switches = perDay * ACTIVE_DAYS;
  const lookups = switches / 4;
  return {
    apps: ['dropbox', other],
    aToB: switches / 2,
    bToA: switches / 2,
    measuredSeconds: switches * TRANSIT_S,
    detours: lookups,
    detourDwellSeconds: lookups * LOOKUP_DWELL_S,
  };
}

/** The cost model of DESIGN.md: per switch transit + P, per look-up R + f × dwell; 230 days a year. */
const PRESET = {
  conservative: { P: 2, R: 0, f: 0 },
  default: { P: 2, R: 4, f: 0.5 },
  high: { P: 2, R: 15, f: 1 },
};
function hoursOf(perDay: number, preset: keyof typeof PRESET) {
  const { P, R, f } = PRESET[preset];
  const s = sumsOf('x', perDay);
  const switches = s.aToB + (s.bToA ?? 0);
  const lost = s.measuredSeconds + P * switches + R * s.detours! + f * s.detourDwellSeconds!;
  return { lost, measured: s.measuredSeconds, hours: ((lost / ACTIVE_DAYS) * 230) / 3600 };
}

/** The candidates, each company's pairs added up, most switches first: the ranking to expect. */
function expectedCandidates(rows = DROPBOX_WITH) {
  const byVendor = new Map<string, number[]>();
  for (const row of rows.filter((r) => !r.apart)) {
    const name = app(row.app)!.vendorName;
    byVendor.set(name, [...(byVendor.get(name) ?? []), row.perDay]);
  }
  const sum = (days: number[], pick: (h: ReturnType<typeof hoursOf>) => number, preset: keyof typeof PRESET) =>
    days.reduce((s, d) => s + pick(hoursOf(d, preset)), 0);
  return [...byVendor]
    .map(([name, days]) => ({
      name,
      hours: sum(days, (h) => h.hours, 'default'),
      range: [sum(days, (h) => h.hours, 'conservative'), sum(days, (h) => h.hours, 'high')] as const,
      lost: sum(days, (h) => h.lost, 'default'),
      measured: sum(days, (h) => h.measured, 'default'),
    }))
    .sort((x, y) => y.hours - x.hours);
}

function withIntegration(file: PersonalEvidence, other: string, before: number, after: number): PersonalEvidence {
  const side = (activeDays: number) => ({
    activeDays,
    switches: activeDays * 52,
    detours: activeDays * 13,
    measuredSeconds: activeDays * 52 * TRANSIT_S,
    detourDwellSeconds: activeDays * 13 * LOOKUP_DWELL_S,
    secondsLostPerDay: 0,
    annualHours: 0,
  });
  return {
    ...file,
    pairs: file.pairs.map((p) =>
      p.apps.includes(other) ? { ...p, integration: { since: SINCE, before: side(before), after: side(after) } } : p,
    ),
  };
}

/** The brief of one person's evidence, priced three ways as the brief page prices it. */
function modelOf(
  options: {
    settings?: Partial<EvidenceSettings>;
    integrationDays?: [number, number];
    rows?: typeof DROPBOX_WITH;
  } = {},
) {
  const settings = evidenceSettings({
    yourProduct: 'dropbox',
    integrations: { 'dropbox|slack': { since: SINCE } },
    notAFit: { xero: { note: 'they compete with us' } },
    ...options.settings,
  });
  const rows = options.rows ?? DROPBOX_WITH;
  const [before, after] = options.integrationDays ?? [4, 6];
  const file = withIntegration(
    personFile(
      'person-0001-brief',
      rows.map((r) => sumsOf(r.app, r.perDay)),
      { activeDays: ACTIVE_DAYS, settings },
    ),
    'slack',
    before,
    after,
  );
  return briefModel(teamEvidenceThreeWays([file], { ...settings, personId: 'person-0001-brief' }, NOW));
}

function show(model = modelOf()) {
  render(<Brief model={model} />);
  return model;
}

const textOf = () => document.body.textContent ?? '';
const listed = (name: string | RegExp) =>
  within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');

describe('the brief, with your product set to Dropbox', () => {
  const expected = expectedCandidates();
  const topFive = expected.slice(0, 5);

  it('recommends the top five partner companies by name, in order, each with its line of reason', () => {
    show();
    const recommendation = screen.getByText(/^Pursue integrations with/);
    const names = topFive.map((p) => p.name);
    expect(recommendation.textContent).toContain(`${names.slice(0, -1).join(', ')} and ${names.at(-1)} first`);
    const top = screen.getByRole('heading', { name: /^Top 5 partners for Dropbox/ });
    const items = within(top.parentElement!).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual(names);
    for (const [i, partner] of topFive.entries())
      expect(items[i]!.textContent).toContain(
        `${formatOneDecimal(partner.hours)} hours a year for one person (Conservative–High ${formatOneDecimal(partner.range[0])}–${formatOneDecimal(partner.range[1])})`,
      );
    // Google ranks on its apps other than its file store.
    expect(items[0]!.textContent).toMatch(/^Google \((Google Sheets, Gmail|Gmail, Google Sheets)\):/);
    expect(screen.getByRole('heading', { name: 'To evaluate next' }).parentElement!.textContent).toContain(
      expected[5]!.name,
    );
  });

  it.each([
    ['Same category', 'Box', 'Box', 'Dropbox and Box are both file storage: consolidation or competition'],
    [
      'Same category',
      'Dropbox ↔ Google Drive (Google)',
      'Google Drive',
      "both file storage: consolidation or competition, not integration; not counted in Google's figure",
    ],
    ['Already integrated', 'Salesforce', 'Slack', `Dropbox and Slack are integrated since ${SINCE}`],
    ['Marked not a fit', 'Xero', 'Xero', 'Marked not a fit: they compete with us'],
  ])('lists apart under “%s”: %s, with its reason; %s is in no top partner', (heading, name, appName, reason) => {
    show();
    const item = listed(heading).find((line) => line.startsWith(`${name}:`));
    expect(item, `${name} under ${heading}`).toBeDefined();
    expect(item).toContain(reason);
    const top = listed(/^Top 5 partners/);
    expect(top.some((line) => line.includes(appName))).toBe(false);
    expect(top.some((line) => line.startsWith(`${name} `) || line.startsWith(`${name}:`))).toBe(false);
  });

  it('labels every bar of the chart with its name and its value text, the range spelled out', () => {
    show();
    const chart = screen.getByRole('img', { name: /^Hours a year for one person: measured/ });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    const bars = [...chart.querySelectorAll('g.bar')];
    expect(bars).toHaveLength(topFive.length);
    for (const [i, partner] of topFive.entries()) {
      const texts = [...bars[i]!.querySelectorAll('text')].map((t) => t.textContent);
      expect(texts).toEqual([
        partner.name,
        `${formatOneDecimal(partner.hours)} h (${formatOneDecimal(partner.range[0])}–${formatOneDecimal(partner.range[1])})`,
      ]);
      // Measured and estimated parts, and the range as a line.
      expect(bars[i]!.querySelectorAll('rect')).toHaveLength(2);
      expect(bars[i]!.querySelectorAll('.range line').length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['the rest of the candidates', DROPBOX_WITH],
    ['a sixth partner with a trace of switching', [...DROPBOX_WITH.slice(0, 10), { app: 'trello', perDay: 0.2 }]],
  ])('says what share of all candidates’ hours the top five hold, with %s', (_, rows) => {
    show(modelOf({ rows }));
    const candidates = expectedCandidates(rows);
    const all = candidates.reduce((sum, c) => sum + c.hours, 0);
    const top = candidates.slice(0, 5).reduce((sum, c) => sum + c.hours, 0);
    const share = top / all > 0.995 ? 'over 99%' : formatShare(top / all);
    expect(screen.getByText(/^Pursue integrations with/).textContent).toContain(
      `${share} of the time lost with all ${candidates.length} candidate partners of Dropbox`,
    );
  });

  it('says up front how much of the time lost is assumed', () => {
    const model = show();
    const measured = topFive.reduce((s, p) => s + p.measured, 0) / topFive.reduce((s, p) => s + p.lost, 0);
    const headline = screen.getByText(/^Mostly assumed:/);
    expect(headline.textContent).toContain(`${Math.round((1 - measured) * 100)}% is estimated from the assumptions`);
    expect(headline.textContent).toContain(`${Math.round(measured * 100)}% is measured`);
    // Near the top: right after the recommendation, before the ranking.
    const order = [...document.querySelectorAll('.recommendation, .headline, h2')].map((e) => e.className || 'h2');
    expect(order.slice(0, 3)).toEqual(['recommendation', 'headline', 'h2']);
    expect(model.measuredAndEstimated).toBe(headline.textContent);
  });

  it('scales to seats with the qualification next to the figure', () => {
    show(modelOf({ settings: { seats: 12 } }));
    const hours = topFive.reduce((s, p) => s + p.hours, 0);
    expect(screen.getByText(/^Pursue integrations with/).textContent).toContain(
      `${formatCount(hours * 12)} hours a year at 12 seats (scales one person's figure to 12 seats)`,
    );
  });

  it.each([
    [[4, 6] as [number, number], true],
    [[6, 4] as [number, number], true],
    [[5, 5] as [number, number], false],
  ])('shows before and after an integration (%j active days): too early to tell is %s', ([before, after], early) => {
    show(modelOf({ integrationDays: [before, after] }));
    const lines = listed('Before and after an integration');
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toContain(`Dropbox ↔ Slack, integrated since ${SINCE}`);
    expect(line).toContain(`(${before} active days); after,`);
    expect(line).toContain(`(${after} active days)`);
    expect(line.includes('too early to tell')).toBe(early);
  });

  it('names the assumptions in words, each with its value and source; no code names', () => {
    show();
    const table = screen.getByRole('table', { name: 'Assumptions, in plain words' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.children].map((cell) => cell.textContent));
    const declared = Object.values(ASSUMPTIONS);
    expect(rows.map((r) => r[0]!.toLowerCase())).toEqual(declared.map((a) => a.words.toLowerCase()));
    expect(rows.map((r) => r[2])).toEqual(declared.map((a) => a.source));
    expect(rows.find((r) => r[0] === 'Time to refocus after each switch')?.[1]).toBe('2 seconds');
    expect(rows.find((r) => r[0] === 'Cost of an hour of work')?.[1]).toBe('$47.20 an hour');
    // The code's names (refocusSeconds, breakAfterMs…), not the words ("currency") some share.
    for (const name of [...Object.keys(ASSUMPTIONS), ...Object.keys(RECORDING_RULES)].filter((n) => /[A-Z]/.test(n)))
      expect(textOf()).not.toContain(name);
  });

  it.each([
    ['breakAfterMs', 300_000, 'reached within 300 seconds', 'within 120 seconds'],
    ['detourMaxMs', 45_000, 'time in B is at most 45 seconds', 'at most 120 seconds'],
    ['minDwellMs', 2_500, 'held attention for 2.5 seconds', 'held attention for 1 second'],
  ] as const)('states the recording rules as set: %s = %i says “%s”', (key, value, says, notSays) => {
    show(modelOf({ settings: { rules: { ...DEFAULT_RECORDING_RULES, [key]: value } } }));
    const rules = listed(/^Recording rules/).join(' ');
    expect(rules).toContain(says);
    expect(rules).not.toContain(notSays);
  });
});

describe('the brief without your product', () => {
  it('ranks pairs of apps; a same-category pair is listed apart, never in the top', () => {
    const model = modelOf({ settings: { yourProduct: null, notAFit: {} } });
    show(model);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Integration opportunities');
    expect(screen.getByText(/^The top 5 pairs cost together/).textContent).toContain('Your product is not set');
    const chart = screen.getByRole('img', { name: /^Hours a year/ });
    const labels = [...chart.querySelectorAll('g.bar text:first-child')].map((t) => t.textContent);
    expect(labels).toHaveLength(5);
    expect(labels).not.toContain('Box ↔ Dropbox');
    expect(labels).not.toContain('Dropbox ↔ Slack');
    expect(listed('Same category').join(' ')).toContain('Box ↔ Dropbox');
  });
});
