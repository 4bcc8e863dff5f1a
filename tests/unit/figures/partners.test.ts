import { describe, expect, it } from 'vitest';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { CATEGORIES } from '@/utils/catalog/types';
import { DEFAULT_ASSUMPTIONS, PRESETS } from '@/utils/figures/cost-model';
import { rankPartners, topPartners } from '@/utils/figures/partners';
import type { PairFigures } from '@/utils/figures/report';
import { reportFromTotals } from '@/utils/figures/report';

const appInfo = createAppDirectory(APPS);
const period = { start: '2026-03-01', end: '2026-03-30' };
const days = Array.from({ length: 20 }, (_, i) => ({
  day: `2026-03-${String(i + 1).padStart(2, '0')}`,
  attendedMs: 5 * 3_600_000,
  switches: 0,
  breaks: 0,
}));
/** A pair's sums over the month: `switches` each way, 3 s between apps, a quarter of them look-ups. */
const sums = (a: string, b: string, switches: number) => {
  const [x, y] = a < b ? [a, b] : [b, a];
  return {
    a: x,
    b: y,
    aToB: switches,
    bToA: switches,
    transitMs: 2 * switches * 3_000,
    detours: Math.floor(switches / 2),
    detourDwellMs: Math.floor(switches / 2) * 20_000,
  };
};
const priced = (assumptions = DEFAULT_ASSUMPTIONS) =>
  reportFromTotals({
    period,
    days,
    assumptions,
    appInfo,
    pairTotals: [
      sums('dropbox', 'box', 400), // two file stores: the most switching of all
      sums('dropbox', 'google-drive', 300), // Google's file store
      sums('dropbox', 'google-sheets', 120),
      sums('dropbox', 'gmail', 80),
      sums('dropbox', 'paychex', 200),
      sums('dropbox', 'xero', 60),
      sums('dropbox', 'slack', 150),
      sums('gmail', 'slack', 900), // no Dropbox in it: not about a partner
    ],
  }).pairs;
const key = (p: PairFigures) => `${p.a}|${p.b}`;
const rangeOf = () => {
  const [low, high] = [
    priced({ ...DEFAULT_ASSUMPTIONS, ...PRESETS.conservative }),
    priced({ ...DEFAULT_ASSUMPTIONS, ...PRESETS.high }),
  ];
  return (p: PairFigures): [number, number] => [
    low.find((q) => key(q) === key(p))!.annualHours,
    high.find((q) => key(q) === key(p))!.annualHours,
  ];
};
const partners = (options: { integrated?: string[]; notAFit?: Record<string, { note: string }> } = {}) =>
  rankPartners({
    yourProduct: 'dropbox',
    pairs: priced().map((p) => ({
      ...p,
      integration: options.integrated?.includes(key(p)) ? { since: '2026-03-15' } : null,
    })),
    range: rangeOf(),
    appInfo,
    notAFit: options.notAFit,
    categoryName: (c) => CATEGORIES[c as keyof typeof CATEGORIES] ?? c,
  });

describe('partners are companies', () => {
  it('ranks vendors by the hours of their pairs with your product, same-category pairs apart', () => {
    const ranked = partners();
    expect(ranked.map((p) => [p.vendor, p.status])).toEqual([
      ['google', 'candidate'],
      ['paychex', 'candidate'],
      ['salesforce', 'candidate'],
      ['xero', 'candidate'],
      ['box', 'same-category'],
    ]);
    const google = ranked[0]!;
    // Google ranks on Sheets and Gmail; its Drive pair is listed apart, with why.
    const pairHours = (app: string) =>
      priced().find((p) => [p.a, p.b].includes(app) && [p.a, p.b].includes('dropbox'))!.annualHours;
    expect(google.annualHours).toBeCloseTo(pairHours('google-sheets') + pairHours('gmail'), 9);
    expect(google.pairs.find((p) => p.theirs === 'google-drive')).toMatchObject({
      status: 'same-category',
      reason: expect.stringMatching(/^Dropbox and Google Drive are both file storage: consolidation or competition/),
    });
    expect(ranked.at(-1)!.reason).toMatch(/^Dropbox and Box are both file storage/);
  });

  it('never gives a top-five place to a pair apart, an integrated partner or one not a fit', () => {
    const ranked = partners({ integrated: ['dropbox|paychex'], notAFit: { xero: { note: 'they compete with us' } } });
    expect(topPartners(ranked).map((p) => p.vendor)).toEqual(['google', 'salesforce']);
    expect(ranked.find((p) => p.vendor === 'paychex')).toMatchObject({
      status: 'integrated',
      reason: 'Dropbox and Paychex Flex are integrated since 2026-03-15',
    });
    expect(ranked.find((p) => p.vendor === 'xero')).toMatchObject({
      status: 'not-a-fit',
      reason: 'Marked not a fit: they compete with us',
    });
  });

  it('explains each figure: per day, seconds per switch, the share measured', () => {
    const paychex = partners().find((p) => p.vendor === 'paychex')!;
    const pair = priced().find((p) => p.b === 'paychex')!;
    expect(paychex.switchesPerDay).toBeCloseTo(pair.switchesPerDay, 9);
    expect(paychex.lookupsPerDay).toBeCloseTo(pair.detoursPerDay, 9);
    expect(paychex.secondsPerSwitch).toBeCloseTo(pair.secondsLost / pair.switches, 9);
    expect(paychex.measuredShare).toBeCloseTo(pair.measuredSeconds / pair.secondsLost, 9);
    expect(paychex.annualHoursRange[0]).toBeLessThan(paychex.annualHours);
    expect(paychex.annualHoursRange[1]).toBeGreaterThan(paychex.annualHours);
  });

  it('says which neighbours are level: their ranges overlap', () => {
    const ranked = partners();
    for (let i = 0; i + 1 < ranked.length; i++) {
      const [here, next] = [ranked[i]!, ranked[i + 1]!];
      if (here.status !== 'candidate' || next.status !== 'candidate') expect(here.levelWithNext).toBe(false);
      else expect(here.levelWithNext).toBe(next.annualHoursRange[1] >= here.annualHoursRange[0]);
    }
    expect(ranked.some((p) => p.levelWithNext)).toBe(true);
  });
});
