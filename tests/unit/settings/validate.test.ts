import { validateDay } from '@/utils/days';
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS } from '@/utils/figures/cost-model';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker/rules';
import { parseNumber } from '@/utils/fields';
import { parseHostPattern } from '@/utils/settings/user-rules';
import {
  validateAssumptions,
  validateCustomApp,
  validateRecording,
  validateRetention,
  validateSeats,
} from '@/utils/settings/validate';

const rule = ASSUMPTIONS.refocusSeconds;

describe('numbers typed by a person', () => {
  it.each([
    ['2', 2],
    [' 2.5 ', 2.5],
    ['0', 0],
    ['60', 60],
  ])('accepts %j', (raw, value) => {
    expect(parseNumber(raw, rule)).toEqual({ value });
  });

  it.each([
    ['', 'Refocus per switch must be a number between 0 and 60 seconds.'],
    ['abc', 'Refocus per switch must be a number between 0 and 60 seconds.'],
    ['NaN', 'Refocus per switch must be a number between 0 and 60 seconds.'],
    ['Infinity', 'Refocus per switch must be a number between 0 and 60 seconds.'],
    ['1e3', 'Refocus per switch must be a number between 0 and 60 seconds.'],
    ['0x10', 'Refocus per switch must be a number between 0 and 60 seconds.'],
    ['-1', 'Refocus per switch must be between 0 and 60 seconds.'],
    ['61', 'Refocus per switch must be between 0 and 60 seconds.'],
    ['99999999999999999999', 'Refocus per switch must be between 0 and 60 seconds.'],
  ])('refuses %j', (raw, error) => {
    expect(parseNumber(raw, rule)).toEqual({ error });
  });

  it('asks for whole numbers where only those make sense', () => {
    expect(parseNumber('2.5', ASSUMPTIONS.workingDaysPerYear)).toEqual({
      error: 'Working days a year must be a whole number between 1 and 366 days.',
    });
  });
});

describe('assumptions', () => {
  const form = {
    refocusSeconds: '2',
    resumptionSeconds: '4',
    avoidableShare: '0.5',
    workingDaysPerYear: '230',
    hourlyCost: '47.20',
    currency: 'usd',
  };

  it('accepts a valid form and normalises the currency', () => {
    expect(validateAssumptions(form)).toEqual({
      ok: true,
      value: {
        refocusSeconds: 2,
        resumptionSeconds: 4,
        avoidableShare: 0.5,
        workingDaysPerYear: 230,
        hourlyCost: 47.2,
        currency: 'USD',
      },
    });
  });

  it('names every field that is wrong, and returns no value', () => {
    const result = validateAssumptions({
      ...form,
      avoidableShare: '1.5',
      workingDaysPerYear: '-4',
      currency: 'dollars',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        avoidableShare: 'Avoidable share of detour time must be between 0 and 1.',
        workingDaysPerYear: 'Working days a year must be between 1 and 366 days.',
        currency: 'Currency must be a three-letter code such as USD or EUR.',
      },
    });
  });
});

describe('recording rules', () => {
  it('converts seconds to the milliseconds the tracker uses, keeping other rules', () => {
    const result = validateRecording(
      { minDwellSeconds: '1.5', breakAfterSeconds: '90', detourMaxSeconds: '60', idleSeconds: '30' },
      DEFAULT_RECORDING_RULES,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        rules: { ...DEFAULT_RECORDING_RULES, minDwellMs: 1500, breakAfterMs: 90_000, detourMaxMs: 60_000 },
        idleSeconds: 30,
      },
    });
  });

  it('refuses an idle threshold under the browser’s minimum of 15 s', () => {
    const result = validateRecording(
      { minDwellSeconds: '1', breakAfterSeconds: '120', detourMaxSeconds: '120', idleSeconds: '5' },
      DEFAULT_RECORDING_RULES,
    );
    expect(result).toEqual({ ok: false, errors: { idleSeconds: 'Idle after must be between 15 and 3600 seconds.' } });
  });
});

describe('seats, retention, dates', () => {
  it.each([
    ['', { ok: true, value: null }],
    ['25', { ok: true, value: 25 }],
    ['0', { ok: false, errors: { seats: 'Seats must be between 1 and 1000000.' } }],
    ['2.5', { ok: false, errors: { seats: 'Seats must be a whole number between 1 and 1000000.' } }],
  ])('seats %j', (raw, expected) => {
    expect(validateSeats(raw)).toEqual(expected);
  });

  it.each([
    ['', { ok: true, value: null }],
    ['90', { ok: true, value: 90 }],
    ['3', { ok: false, errors: { retention: 'Days to keep single switches must be between 7 and 3650 days.' } }],
  ])('retention %j', (raw, expected) => {
    expect(validateRetention(raw)).toEqual(expected);
  });

  it.each([
    ['2026-03-01', { ok: true, value: '2026-03-01' }],
    ['2026-02-30', { ok: false, errors: { day: 'Enter a date as YYYY-MM-DD.' } }],
    ['01/03/2026', { ok: false, errors: { day: 'Enter a date as YYYY-MM-DD.' } }],
    ['2026-03-11', { ok: false, errors: { day: 'The date cannot be in the future.' } }],
  ])('integration date %j', (raw, expected) => {
    expect(validateDay(raw, '2026-03-10')).toEqual(expected);
  });
});

describe('custom apps', () => {
  it.each([
    ['jira.acme.com', 'jira.acme.com'],
    ['*.acme.com', '*.acme.com'],
    ['Wiki.ACME.com.', 'wiki.acme.com'],
    ['https://jira.acme.com', null],
    ['jira.acme.com/browse', null],
    ['jira.acme.com:8080', null],
    ['localhost', null],
    ['-bad.acme.com', null],
    ['*.', null],
  ])('host pattern %j', (raw, expected) => {
    expect(parseHostPattern(raw)).toBe(expected);
  });

  it('builds an app with a fresh custom id', () => {
    const result = validateCustomApp(
      { name: 'Acme Jira', category: 'work-management', hosts: 'jira.acme.com, *.jira-acme.net', path: '/Browse' },
      new Set(['custom-acme-jira']),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'custom-acme-jira-2',
        name: 'Acme Jira',
        vendor: 'Custom',
        category: 'work-management',
        match: [
          { host: 'jira.acme.com', path: '/browse' },
          { host: '*.jira-acme.net', path: '/browse' },
        ],
      },
    });
  });

  it('says what is wrong with each field', () => {
    expect(
      validateCustomApp(
        { name: '', category: 'nonsense', hosts: 'https://x.com/a, ok.example.com', path: 'wiki' },
        new Set(),
      ),
    ).toEqual({
      ok: false,
      errors: {
        name: 'Name must have 1 to 60 characters.',
        category: 'Choose a category from the list.',
        hosts:
          'Not a host: https://x.com/a. Use names such as jira.acme.com or *.acme.com, without https:// or a path.',
        path: 'A path starts with / and has no spaces, such as /wiki.',
      },
    });
  });
});
