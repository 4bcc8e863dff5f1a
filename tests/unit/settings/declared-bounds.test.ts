/**
 * The options page's forms and a backup's settings accept and refuse the same values: for every
 * declared numeric setting, the cases come from its declaration (its bounds, just outside them, and
 * a fraction where only whole numbers make sense).
 */
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { restoreSettings } from '@/utils/settings/backup';
import type { Field, NumberField, OptionalNumberField } from '@/utils/fields';
import { fieldLabel, formOf, isPatternField, parseField, toStored } from '@/utils/fields';
import { CUSTOM_APP, IDLE_SECONDS, RETENTION_DAYS, SEATS } from '@/utils/settings/declarations';
import type { CustomAppForm } from '@/utils/settings/validate';
import {
  RECORDING_FORM,
  recordingFormOf,
  validateAssumptions,
  validateCustomApp,
  validateRecording,
  validateRetention,
  validateSeats,
} from '@/utils/settings/validate';
import { DEFAULT_RECORDING_RULES, RECORDING_RULES } from '@/utils/tracker/rules';
import { casesOf } from '../helpers/declared-cases';

type NumberDeclaration = NumberField | OptionalNumberField;

const refused = async (settings: Record<string, unknown>) => (await restoreSettings(settings)).length > 0;

interface Setting {
  field: NumberDeclaration;
  /** Whether the options page takes this text. */
  form: (text: string) => boolean;
  /** Whether a backup's settings with this stored value are taken. */
  backup: (stored: number) => Promise<boolean>;
}

const assumptionForm = formOf(ASSUMPTIONS, DEFAULT_ASSUMPTIONS);
const recordingForm = recordingFormOf(DEFAULT_RECORDING_RULES, IDLE_SECONDS.default);
const formKeyOf = (rule: string) => Object.entries(RECORDING_FORM).find(([, r]) => r === rule)?.[0];

const SETTINGS: Record<string, Setting> = {
  ...Object.fromEntries(
    (Object.keys(ASSUMPTIONS) as (keyof typeof ASSUMPTIONS)[]).flatMap((key) => {
      const field: Field = ASSUMPTIONS[key];
      if (isPatternField(field)) return [];
      const setting: Setting = {
        field,
        form: (text) => validateAssumptions({ ...assumptionForm, [key]: text }).ok,
        backup: async (stored) => !(await refused({ assumptions: { ...DEFAULT_ASSUMPTIONS, [key]: stored } })),
      };
      return [[`assumption ${key}`, setting]];
    }),
  ),
  ...Object.fromEntries(
    Object.entries(RECORDING_RULES).map(([rule, field]) => {
      const formKey = formKeyOf(rule);
      return [
        `recording rule ${rule}`,
        {
          field,
          // Rules the options page does not show are checked as it would check them.
          form: (text) =>
            formKey
              ? validateRecording({ ...recordingForm, [formKey]: text }, DEFAULT_RECORDING_RULES).ok
              : 'value' in parseField(text, field),
          backup: async (stored) =>
            !(await refused({ recordingRules: { ...DEFAULT_RECORDING_RULES, [rule]: stored } })),
        } satisfies Setting,
      ];
    }),
  ),
  idleSeconds: {
    field: IDLE_SECONDS,
    form: (text) => validateRecording({ ...recordingForm, idleSeconds: text }, DEFAULT_RECORDING_RULES).ok,
    backup: async (stored) => !(await refused({ idleSeconds: stored })),
  },
  seats: {
    field: SEATS,
    form: (text) => validateSeats(text).ok,
    backup: async (stored) => !(await refused({ seats: stored })),
  },
  retentionDays: {
    field: RETENTION_DAYS,
    form: (text) => validateRetention(text).ok,
    backup: async (stored) => !(await refused({ retentionDays: stored })),
  },
};

describe('every declared number: the form and a backup agree', () => {
  const rows = Object.entries(SETTINGS).flatMap(([name, setting]) =>
    casesOf(setting.field).map((c) => ({ setting: name, ...c })),
  );

  it('covers every numeric assumption and recording rule, and the other numeric settings', () => {
    const names = Object.keys(SETTINGS);
    for (const key of ['refocusSeconds', 'resumptionSeconds', 'avoidableShare', 'workingDaysPerYear', 'hourlyCost'])
      expect(names).toContain(`assumption ${key}`);
    for (const rule of Object.keys(DEFAULT_RECORDING_RULES)) expect(names).toContain(`recording rule ${rule}`);
    expect(names).toEqual(expect.arrayContaining(['idleSeconds', 'seats', 'retentionDays']));
  });

  it.each(rows)('$setting, $name ($shown): allowed is $allowed', async ({ setting, shown, allowed }) => {
    const { field, form, backup } = SETTINGS[setting]!;
    expect(form(String(shown))).toBe(allowed);
    expect(await backup(toStored(field, shown))).toBe(allowed);
  });

  it.each(Object.entries(SETTINGS))('%s: the default is allowed by both', async (_name, { field, form, backup }) => {
    if (field.default === null) return;
    expect(form(String(field.default))).toBe(true);
    expect(await backup(toStored(field, field.default))).toBe(true);
  });

  it('an empty seats or retention field means none, and a backup may say none', async () => {
    expect(validateSeats('')).toEqual({ ok: true, value: null });
    expect(validateRetention(' ')).toEqual({ ok: true, value: null });
    expect(await restoreSettings({ seats: null, retentionDays: null })).toEqual([]);
  });
});

describe('the currency: the form keeps what a backup takes', () => {
  it.each([
    ['USD', true],
    ['eur', true],
    ['EU', false],
    ['EURO', false],
    ['U5D', false],
  ])('%j: allowed is %s', async (text, allowed) => {
    const result = validateAssumptions({ ...assumptionForm, currency: text });
    expect(result.ok).toBe(allowed);
    const stored = result.ok ? result.value.currency : text;
    expect(await refused({ assumptions: { ...DEFAULT_ASSUMPTIONS, currency: stored } })).toBe(!allowed);
  });
});

describe('custom apps: one definition for the form and a backup', () => {
  const valid: CustomAppForm = { name: 'Acme Wiki', category: 'docs-knowledge', hosts: 'wiki.acme.com', path: '' };
  const hosts = (n: number) => Array.from({ length: n }, (_, i) => `h${i}.acme.com`).join(', ');
  const path = (length: number) => `/${'a'.repeat(length - 1)}`;
  /** The app as the form would store it, whether or not the form takes it. */
  const asStored = (form: CustomAppForm) => ({
    id: 'custom-acme',
    name: form.name,
    vendor: CUSTOM_APP.vendor.default,
    category: form.category,
    match: form.hosts
      .split(', ')
      .filter(Boolean)
      .map((host) => (form.path ? { host, path: form.path } : { host })),
  });

  it.each([
    ['a valid app', {}, true],
    ['the longest name', { name: 'n'.repeat(CUSTOM_APP.name.maxLength) }, true],
    ['a name too long', { name: 'n'.repeat(CUSTOM_APP.name.maxLength + 1) }, false],
    ['no name', { name: '' }, false],
    ['the most hosts', { hosts: hosts(CUSTOM_APP.hosts.maxCount) }, true],
    ['too many hosts', { hosts: hosts(CUSTOM_APP.hosts.maxCount + 1) }, false],
    ['no host', { hosts: '' }, false],
    ['a host of one label', { hosts: 'localhost' }, false],
    ['a wildcard host', { hosts: '*.acme.com' }, true],
    ['a wildcard under a two-label suffix', { hosts: '*.acme.co.uk' }, true],
    ['a wildcard over a whole country suffix', { hosts: '*.co.uk' }, false],
    ['a wildcard over a whole hosting suffix', { hosts: '*.github.io' }, false],
    ['a wildcard over a whole top-level domain', { hosts: '*.com' }, false],
    ['the longest path', { path: path(CUSTOM_APP.path.maxLength) }, true],
    ['a path too long', { path: path(CUSTOM_APP.path.maxLength + 1) }, false],
    ['a path without its slash', { path: 'wiki' }, false],
    ['a category every object has', { category: 'toString' }, false],
    ['an unknown category', { category: 'nonsense' }, false],
  ] as const)('%s: allowed is %s', async (_name, change: Partial<CustomAppForm>, allowed) => {
    const form = { ...valid, ...change };
    const result = validateCustomApp(form, new Set());
    expect(result.ok).toBe(allowed);
    const app = result.ok ? result.value : asStored(form);
    const settings = { userRules: { customApps: [app], overrides: [], ignoredAppIds: [] } };
    expect(await refused(settings)).toBe(!allowed);
  });
});

describe('form labels come from the declarations', () => {
  it.each([
    [ASSUMPTIONS.refocusSeconds, 'Refocus per switch (s)'],
    [ASSUMPTIONS.resumptionSeconds, 'Resumption after a detour (s)'],
    [ASSUMPTIONS.avoidableShare, 'Avoidable share of detour time (0–1)'],
    [ASSUMPTIONS.workingDaysPerYear, 'Working days a year'],
    [ASSUMPTIONS.hourlyCost, 'Hourly cost'],
    [ASSUMPTIONS.currency, 'Currency'],
    [RECORDING_RULES.minDwellMs, 'Time to land on an app (s)'],
    [RECORDING_RULES.breakAfterMs, 'Longest transit (s)'],
    [RECORDING_RULES.detourMaxMs, 'Longest detour (s)'],
    [IDLE_SECONDS, 'Idle after (s)'],
    [SEATS, 'Seats (people the team figures stand for; empty for none)'],
    [RETENTION_DAYS, 'Days to keep single switches (empty keeps them all)'],
  ] as [Field, string][])('%#: %s', (field, label) => {
    expect(fieldLabel(field)).toBe(label);
  });
});

describe('overrides: a backup refuses a rule the form would refuse', () => {
  it.each([
    ['*.com', false],
    ['*.co.uk', false],
    ['*.github.io', false],
    ['*.zendesk.com', true],
    ['help.acme.com', true],
  ])('%s: allowed is %s', async (host, allowed) => {
    const settings = {
      userRules: { customApps: [], overrides: [{ rule: { host }, appId: 'slack' }], ignoredAppIds: [] },
    };
    expect(await refused(settings)).toBe(!allowed);
  });
});

describe('the form says why a wildcard is too broad', () => {
  it('names the suffix and what to enter instead', () => {
    const result = validateCustomApp({ name: 'Acme', category: 'chat', hosts: '*.co.uk', path: '' }, new Set());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.hosts).toMatch(/^\*\.co\.uk would take in every site under \.co\.uk/);
  });
});
