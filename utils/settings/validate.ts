/**
 * Checks what a person types on the options page before anything is saved. Each function returns
 * either the value to store or a message per field that says what is wrong; on any error nothing
 * is saved, so a bad entry never changes settings or figures.
 */
import type { AppEntry, CategoryId, HostRule } from '../catalog/types';
import { CATEGORIES } from '../catalog/types';
import type { Assumptions } from '../figures/cost-model';
import type { RecordingRules } from '../tracker/reducer';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

interface NumberRule {
  label: string;
  min: number;
  max: number;
  unit?: string;
  integer?: boolean;
}

/** A number typed by a person: plain decimal notation only, within the rule's range. */
export function parseNumber(raw: string, rule: NumberRule): { value: number } | { error: string } {
  const text = raw.trim();
  const range = `between ${rule.min} and ${rule.max}${rule.unit ? ` ${rule.unit}` : ''}`;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { error: `${rule.label} must be a number ${range}.` };
  const value = Number(text);
  if (rule.integer && !Number.isInteger(value)) return { error: `${rule.label} must be a whole number ${range}.` };
  if (value < rule.min || value > rule.max) return { error: `${rule.label} must be ${range}.` };
  return { value };
}

function collect<K extends string>(
  form: Record<K, string>,
  rules: Record<K, NumberRule>,
): { values: Record<K, number>; errors: Record<string, string> } {
  const values = {} as Record<K, number>;
  const errors: Record<string, string> = {};
  for (const key of Object.keys(rules) as K[]) {
    const parsed = parseNumber(form[key] ?? '', rules[key]);
    if ('error' in parsed) errors[key] = parsed.error;
    else values[key] = parsed.value;
  }
  return { values, errors };
}

const ASSUMPTION_RULES = {
  refocusSeconds: { label: 'Refocus per switch', min: 0, max: 60, unit: 'seconds' },
  resumptionSeconds: { label: 'Resumption after a detour', min: 0, max: 120, unit: 'seconds' },
  avoidableShare: { label: 'Avoidable share of detour time', min: 0, max: 1 },
  workingDaysPerYear: { label: 'Working days a year', min: 1, max: 366, unit: 'days', integer: true },
  hourlyCost: { label: 'Hourly cost', min: 0, max: 100_000 },
} satisfies Record<string, NumberRule>;

export type AssumptionsForm = Record<keyof typeof ASSUMPTION_RULES | 'currency', string>;

export function validateAssumptions(form: AssumptionsForm): Validated<Assumptions> {
  const { values, errors } = collect<keyof typeof ASSUMPTION_RULES>(form, ASSUMPTION_RULES);
  const currency = form.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'Currency must be a three-letter code such as USD or EUR.';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { ...values, currency } };
}

const RECORDING_RULES = {
  minDwellSeconds: { label: 'Time to land on an app', min: 0.2, max: 10, unit: 'seconds' },
  breakAfterSeconds: { label: 'Longest transit', min: 10, max: 1800, unit: 'seconds' },
  detourMaxSeconds: { label: 'Longest detour', min: 5, max: 1800, unit: 'seconds' },
  idleSeconds: { label: 'Idle after', min: 15, max: 3600, unit: 'seconds', integer: true },
} satisfies Record<string, NumberRule>;

export type RecordingForm = Record<keyof typeof RECORDING_RULES, string>;

export function validateRecording(
  form: RecordingForm,
  current: RecordingRules,
): Validated<{ rules: RecordingRules; idleSeconds: number }> {
  const { values, errors } = collect(form, RECORDING_RULES);
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      rules: {
        ...current,
        minDwellMs: Math.round(values.minDwellSeconds * 1000),
        breakAfterMs: Math.round(values.breakAfterSeconds * 1000),
        detourMaxMs: Math.round(values.detourMaxSeconds * 1000),
      },
      idleSeconds: values.idleSeconds,
    },
  };
}

/** Seats for team figures; empty means "no team figure". */
export function validateSeats(raw: string): Validated<number | null> {
  if (!raw.trim()) return { ok: true, value: null };
  const parsed = parseNumber(raw, { label: 'Seats', min: 1, max: 1_000_000, integer: true });
  return 'error' in parsed ? { ok: false, errors: { seats: parsed.error } } : { ok: true, value: parsed.value };
}

/** Days to keep raw switches; empty keeps them all. */
export function validateRetention(raw: string): Validated<number | null> {
  if (!raw.trim()) return { ok: true, value: null };
  const parsed = parseNumber(raw, { label: 'Keep raw switches for', min: 7, max: 3650, unit: 'days', integer: true });
  return 'error' in parsed ? { ok: false, errors: { retention: parsed.error } } : { ok: true, value: parsed.value };
}

/** A local day, `YYYY-MM-DD`, that exists and is not after `today`. */
export function validateDay(raw: string, today: string): Validated<string> {
  const day = raw.trim();
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  if (!valid) return { ok: false, errors: { day: 'Enter a date as YYYY-MM-DD.' } };
  if (day > today) return { ok: false, errors: { day: 'The date cannot be in the future.' } };
  return { ok: true, value: day };
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** `jira.acme.com` or `*.acme.com`: lower-case labels, at least two, no scheme, port or path. */
export function parseHostPattern(raw: string): HostRule['host'] | null {
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  const labels = bare.split('.');
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l))) return null;
  return host;
}

export interface CustomAppForm {
  name: string;
  category: string;
  /** Host patterns separated by commas, spaces or new lines. */
  hosts: string;
  /** Optional path prefix, e.g. `/wiki`. */
  path: string;
}

export function validateCustomApp(form: CustomAppForm, takenIds: ReadonlySet<string>): Validated<AppEntry> {
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  if (!name || name.length > 60) errors.name = 'Name must have 1 to 60 characters.';
  if (!(form.category in CATEGORIES)) errors.category = 'Choose a category from the list.';
  const patterns = form.hosts.split(/[\s,]+/).filter(Boolean);
  const hosts = patterns.map(parseHostPattern);
  if (!patterns.length) errors.hosts = 'Enter at least one host, such as jira.acme.com or *.acme.com.';
  else if (hosts.some((h) => h === null))
    errors.hosts = `Not a host: ${patterns.filter((_, i) => hosts[i] === null).join(', ')}. Use names such as jira.acme.com or *.acme.com, without https:// or a path.`;
  const path = form.path.trim().toLowerCase();
  if (path && !/^\/[a-z0-9._~%!$&'()*+,;=:@/-]*$/.test(path))
    errors.path = 'A path starts with / and has no spaces, such as /wiki.';
  if (Object.keys(errors).length) return { ok: false, errors };

  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'app';
  let id = `custom-${slug}`;
  for (let n = 2; takenIds.has(id); n++) id = `custom-${slug}-${n}`;
  return {
    ok: true,
    value: {
      id,
      name,
      vendor: 'Custom',
      category: form.category as CategoryId,
      match: (hosts as string[]).map((host) => (path ? { host, path } : { host })),
    },
  };
}
