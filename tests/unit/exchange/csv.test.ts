/**
 * Evidence as CSV (utils/exchange/README.md): readable names first, then ids and figures, unrounded;
 * each row keeps its context (period, assumptions, recording rules); with your product set, one row
 * per partner and pair; and no cell a spreadsheet would run as a formula.
 */
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, evidenceToCsv } from '@/utils/exchange/csv';
import type { EvidenceFile, PersonalEvidence } from '@/utils/exchange/evidence';
import { teamEvidence } from '@/utils/exchange/evidence-source';
import { ASSUMPTIONS, DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { DEFAULT_RECORDING_RULES, RECORDING_RULES } from '@/utils/tracker/rules';
import type { Sums } from '../helpers/evidence';
import { parseCsv } from '../helpers/csv';
import { evidenceSettings, NOW, personFile } from '../helpers/evidence';

const SUMS: Sums[] = [
  { apps: ['dropbox', 'box'], aToB: 400, bToA: 380, measuredSeconds: 9000 },
  {
    apps: ['dropbox', 'paychex'],
    aToB: 31,
    bToA: 30,
    measuredSeconds: 700.123456789,
    detours: 7,
    detourDwellSeconds: 99.5,
  },
  { apps: ['dropbox', 'gmail'], aToB: 90, bToA: 80, measuredSeconds: 1500 },
  { apps: ['dropbox', 'google-sheets'], aToB: 40, bToA: 40, measuredSeconds: 700 },
  { apps: ['slack', 'gmail'], aToB: 500, bToA: 500, measuredSeconds: 9000 },
];
const person = personFile('person-0070-anna', SUMS, { activeDays: 7, settings: { team: 'Finance', seats: 12 } });

describe('evidence as CSV', () => {
  it('puts readable names first, then ids, the figures and the context', () => {
    const header = CSV_COLUMNS;
    expect(header.slice(0, 8)).toEqual([
      'partner',
      'partner_status',
      'partner_reason',
      'app_a_name',
      'app_b_name',
      'partner_vendor',
      'app_a',
      'app_b',
    ]);
    expect(new Set(header).size).toBe(header.length);
    // Every assumption and every recording rule has a column, so each row keeps its context.
    const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    for (const key of Object.keys(ASSUMPTIONS)) expect(header).toContain(snake(key));
    for (const key of Object.keys(RECORDING_RULES)) expect(header).toContain(snake(key));
    for (const column of ['period_start', 'period_end', 'period_active_days', 'currency', 'integrated_since'])
      expect(header).toContain(column);
  });

  it('writes one row per pair, in the JSON’s order, each with the period, assumptions and rules', () => {
    const rows = parseCsv(evidenceToCsv(person));
    expect(rows.map((r) => [r.app_a, r.app_b])).toEqual(person.pairs.map((p) => p.apps));
    for (const row of rows)
      expect(row).toMatchObject({
        partner: '',
        period_start: '2026-03-01',
        period_end: '2026-03-20',
        period_active_days: '7',
        team: 'Finance',
        seats: '12',
        refocus_seconds: String(DEFAULT_ASSUMPTIONS.refocusSeconds),
        avoidable_share: String(DEFAULT_ASSUMPTIONS.avoidableShare),
        hourly_cost: String(DEFAULT_ASSUMPTIONS.hourlyCost),
        currency: 'USD',
        min_dwell_ms: String(DEFAULT_RECORDING_RULES.minDwellMs),
        break_after_ms: String(DEFAULT_RECORDING_RULES.breakAfterMs),
        detour_max_ms: String(DEFAULT_RECORDING_RULES.detourMaxMs),
      });
    expect(rows.find((r) => r.app_a === 'dropbox' && r.app_b === 'gmail')).toMatchObject({
      app_a_name: 'Dropbox',
      app_b_name: 'Gmail',
    });
  });

  it('keeps numbers unrounded: every figure reads back as the JSON has it', () => {
    const rows = parseCsv(evidenceToCsv(person));
    const paychex = person.pairs.find((p) => p.apps.join() === 'dropbox,paychex')!;
    const row = rows.find((r) => r.app_b === 'paychex')!;
    expect(paychex.annualHours % 0.01).not.toBe(0);
    for (const [column, value] of [
      ['measured_seconds', paychex.measuredSeconds],
      ['assumed_seconds', paychex.assumedSeconds],
      ['seconds_lost_per_day', paychex.secondsLostPerDay],
      ['annual_hours', paychex.annualHours],
      ['annual_cost', paychex.annualCost],
    ] as const)
      expect(Number(row[column])).toBe(value);
  });

  it('with your product set: one row per partner and pair, candidates first, then those apart', () => {
    const settings = evidenceSettings({ yourProduct: 'dropbox', notAFit: { paychex: { note: 'not, "ours"' } } });
    const evidence = teamEvidence([person], settings, NOW);
    const rows = parseCsv(evidenceToCsv(evidence));
    const partnerRows = rows.filter((r) => r.partner !== '');
    expect(partnerRows.map((r) => [r.partner_vendor, r.app_a, r.app_b])).toEqual(
      evidence.partners!.flatMap((p) => p.pairs.map((pair) => [p.vendor, ...pair])),
    );
    expect(partnerRows[0]).toMatchObject({ partner: 'Google', partner_status: 'candidate', partner_top_five: 'true' });
    expect(rows.find((r) => r.partner_vendor === 'paychex')).toMatchObject({
      partner_status: 'not-a-fit',
      partner_reason: 'Marked not a fit: not, "ours"',
      partner_top_five: 'false',
    });
    expect(rows.find((r) => r.partner_vendor === 'box')).toMatchObject({ partner_status: 'same-category' });
    const statuses = partnerRows.map((r) => r.partner_status);
    expect(statuses.lastIndexOf('candidate')).toBeLessThan(statuses.findIndex((s) => s !== 'candidate'));
    // The pair without your product is kept, after the partners, with no partner.
    expect(rows.at(-1)).toMatchObject({ partner: '', app_a: 'gmail', app_b: 'slack', your_product: 'dropbox' });
    expect(rows).toHaveLength(evidence.pairs.length);
  });

  it('writes an integration’s before and after, each side with its active days', () => {
    const marked: PersonalEvidence = {
      ...person,
      pairs: person.pairs.map((p) =>
        p.apps.join() === 'dropbox,gmail'
          ? {
              ...p,
              integration: {
                since: '2026-03-10',
                before: { ...sideOf(6, 120, 600), secondsLostPerDay: 0, annualHours: 0 },
                after: { ...sideOf(4, 10, 50), secondsLostPerDay: 0, annualHours: 0 },
              },
            }
          : p,
      ),
    };
    const evidence = teamEvidence([marked], evidenceSettings(), NOW);
    const pair = evidence.pairs.find((p) => p.apps.join() === 'dropbox,gmail')!;
    const row = parseCsv(evidenceToCsv(evidence)).find((r) => r.app_b === 'gmail' && r.app_a === 'dropbox')!;
    expect(row).toMatchObject({
      integrated_since: '2026-03-10',
      before_active_days: '6',
      after_active_days: '4',
      before_seconds_lost_per_day: String(pair.integration!.before.secondsLostPerDay),
      after_annual_hours: String(pair.integration!.after.annualHours),
    });
    expect(pair.integration!.before.annualHours).toBeGreaterThan(pair.integration!.after.annualHours);
  });

  it('leaves the rules empty for a file whose people recorded under different rules', () => {
    const other = personFile('person-0071-ben', SUMS, {
      settings: { rules: { ...DEFAULT_RECORDING_RULES, breakAfterMs: 60_000 } },
    });
    const team: EvidenceFile = teamEvidence([person, other], evidenceSettings(), NOW);
    expect(team.rules).toBeNull();
    const [row] = parseCsv(evidenceToCsv(team));
    expect(row).toMatchObject({ min_dwell_ms: '', break_after_ms: '', contributors: '2' });
  });
});

function sideOf(activeDays: number, switches: number, measuredSeconds: number) {
  return { activeDays, switches, detours: 0, measuredSeconds, detourDwellSeconds: 0 };
}

describe('csvCell: never the start of a formula', () => {
  it.each([
    ['plain', 'Dropbox', 'Dropbox'],
    ['equals', '=1+1', "'=1+1"],
    ['plus', '+1', "'+1"],
    ['minus', '-1', "'-1"],
    ['at', '@SUM(A1)', "'@SUM(A1)"],
    ['tab', '\tx', "'\tx"],
    ['carriage return', '\rx', `"'\rx"`],
    ['leading space', ' =1+1', "' =1+1"],
    ['leading spaces and a tab', ' \t+1', "' \t+1"],
    ['no-break space', '\u00a0@x', "'\u00a0@x"],
    ['full-width equals', '\uff1d1+1', "'\uff1d1+1"],
    ['full-width plus', '\uff0b1', "'\uff0b1"],
    ['full-width minus', '\uff0d1', "'\uff0d1"],
    ['full-width at', '\uff20x', "'\uff20x"],
    ['ideographic space, then equals', '\u3000=1', "'\u3000=1"],
    ['comma', 'a,b', '"a,b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['line break', 'a\nb', '"a\nb"'],
    ['a formula with a comma', '=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['equals inside', 'a=b', 'a=b'],
    ['empty', '', ''],
  ])('%s', (_, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    [null, ''],
    [true, 'true'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1234.56789, '1234.56789'],
    [-3, '-3'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
