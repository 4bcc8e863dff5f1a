/**
 * The assumptions' declaration: the defaults and presets derive from it, and the options page, a
 * backup and an evidence file accept and refuse the same values of each numeric assumption.
 */
import { describe, expect, it } from 'vitest';
import { briefModel } from '@/utils/exchange/brief';
import type { EvidenceFile } from '@/utils/exchange/evidence';
import { assumptionsWithSources, EVIDENCE_FORMAT, EVIDENCE_VERSION, readEvidence } from '@/utils/exchange/evidence';
import type { Assumptions } from '@/utils/figures/cost-model';
import { ASSUMPTIONS, DEFAULT_ASSUMPTIONS, PRESETS } from '@/utils/figures/cost-model';
import { restoreSettings } from '@/utils/settings/backup';
import type { Field } from '@/utils/fields';
import { formOf, isPatternField, valueText } from '@/utils/fields';
import { validateAssumptions } from '@/utils/settings/validate';
import { casesOf } from '../helpers/declared-cases';

const evidenceWith = (assumptions: Assumptions): EvidenceFile => ({
  format: EVIDENCE_FORMAT,
  version: EVIDENCE_VERSION,
  generatedAt: '2026-03-20T12:00:00.000Z',
  period: { start: '2026-03-01', end: '2026-03-20', activeDays: 12 },
  assumptions: assumptionsWithSources(assumptions),
  catalogVersion: 'test',
  team: null,
  seats: null,
  contributors: 1,
  person: { id: 'person-test-1' },
  rules: null,
  yourProduct: null,
  apps: [],
  pairs: [],
});

const KEYS = Object.keys(ASSUMPTIONS) as (keyof Assumptions)[];
const NUMERIC = KEYS.flatMap((key) => {
  const field: Field = ASSUMPTIONS[key];
  return isPatternField(field) ? [] : [[key, field] as const];
});

describe('what derives from the declaration', () => {
  it('gives the defaults and the Conservative, Default and High presets', () => {
    expect(PRESETS).toEqual({
      conservative: { refocusSeconds: 2, resumptionSeconds: 0, avoidableShare: 0 },
      default: { refocusSeconds: 2, resumptionSeconds: 4, avoidableShare: 0.5 },
      high: { refocusSeconds: 2, resumptionSeconds: 15, avoidableShare: 1 },
    });
    // The Default preset is the defaults.
    expect(DEFAULT_ASSUMPTIONS).toEqual({
      ...PRESETS.default,
      workingDaysPerYear: 230,
      hourlyCost: 47.2,
      currency: 'USD',
    });
  });

  it('exports every assumption with its source', () => {
    const exported = assumptionsWithSources(DEFAULT_ASSUMPTIONS);
    expect(Object.keys(exported)).toEqual(Object.keys(ASSUMPTIONS));
    for (const key of KEYS)
      expect(exported[key]).toEqual({ value: ASSUMPTIONS[key].default, source: ASSUMPTIONS[key].source });
  });

  it('names every assumption in the brief in words, with the evidence’s value and source', () => {
    const evidence = evidenceWith({ ...DEFAULT_ASSUMPTIONS, ...PRESETS.high, hourlyCost: 80, currency: 'EUR' });
    const brief = briefModel({ current: evidence, conservative: evidence, default: evidence, high: evidence });
    expect(brief.assumptions.map((a) => a.key)).toEqual(KEYS);
    for (const a of brief.assumptions) {
      expect(a.words.toLowerCase()).toBe(ASSUMPTIONS[a.key].words.toLowerCase());
      expect(a.source).toBe(ASSUMPTIONS[a.key].source);
      if (a.key !== 'hourlyCost')
        expect(a.value).toBe(valueText(ASSUMPTIONS[a.key], evidence.assumptions[a.key].value));
    }
    const value = (key: keyof Assumptions) => brief.assumptions.find((a) => a.key === key)!.value;
    expect(value('refocusSeconds')).toBe('2 seconds');
    expect(value('avoidableShare')).toBe('100%');
    // The hourly cost as set, to the cent, in its currency.
    expect(value('hourlyCost')).toBe('€80.00 an hour');
    expect(brief.method.join(' ')).toContain('by €80.00 an hour into cost');
  });
});

describe('each numeric assumption: the form, a backup and an evidence file agree', () => {
  const form = formOf(ASSUMPTIONS, DEFAULT_ASSUMPTIONS);
  const rows = NUMERIC.flatMap(([key, field]) =>
    casesOf(field).map(({ shown, allowed }) => ({ key, value: shown, allowed })),
  );

  it.each(rows)('$key = $value: allowed is $allowed', async ({ key, value, allowed }) => {
    expect(validateAssumptions({ ...form, [key]: String(value) }).ok).toBe(allowed);
    const assumptions = { ...DEFAULT_ASSUMPTIONS, [key]: value };
    const refused = await restoreSettings({ assumptions });
    if (allowed) expect(refused).toEqual([]);
    else expect(refused).toEqual([expect.stringMatching(/^the assumptions \(.+ must be/)]);
    const file = JSON.parse(JSON.stringify(evidenceWith(assumptions)));
    if (allowed) expect(readEvidence(file).assumptions[key].value).toBe(value);
    else
      expect(() => readEvidence(file)).toThrowError(
        new RegExp(`assumptions\\.${key}\\.value: ${ASSUMPTIONS[key].label}`),
      );
  });
});
