/**
 * Checks what a person types on the options page before anything is saved. Each function returns
 * either the value to store or a message per field that says what is wrong; on any error nothing
 * is saved, so a bad entry never changes settings or figures. The checks derive from each
 * setting's declaration (utils/settings/fields.ts), as a backup's do.
 */
import type { AppEntry, CategoryId } from '../catalog/types';
import type { Assumptions } from '../figures/cost-model';
import { ASSUMPTIONS } from '../figures/cost-model';
import type { RecordingRules } from '../tracker/rules';
import { RECORDING_RULES } from '../tracker/rules';
import type { Field, OptionalNumberField } from '../fields';
import { formOf, parseField, parseOptionalNumber } from '../fields';
import { CUSTOM_APP, IDLE_SECONDS, RETENTION_DAYS, SEATS } from './declarations';
import { customAppProblem, parseHostPattern } from './user-rules';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Each field of a form parsed with its declaration: the values to store, and the errors by field. */
function collect<K extends string>(form: Record<K, string>, fields: Record<K, Field>): Validated<Record<K, unknown>> {
  const values = {} as Record<K, unknown>;
  const errors: Record<string, string> = {};
  for (const key of Object.keys(fields) as K[]) {
    const parsed = parseField(form[key] ?? '', fields[key]);
    if ('error' in parsed) errors[key] = parsed.error;
    else values[key] = parsed.value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: values };
}

export type AssumptionsForm = Record<keyof Assumptions, string>;

export function validateAssumptions(form: AssumptionsForm): Validated<Assumptions> {
  return collect(form, ASSUMPTIONS) as Validated<Assumptions>;
}

/** The recording rules the options page shows, by the name of their field (in seconds). */
export const RECORDING_FORM = {
  minDwellSeconds: 'minDwellMs',
  breakAfterSeconds: 'breakAfterMs',
  detourMaxSeconds: 'detourMaxMs',
} as const satisfies Record<string, keyof RecordingRules>;

export type RecordingForm = Record<keyof typeof RECORDING_FORM | 'idleSeconds', string>;

/** The declaration of each field of the recording form. */
export const RECORDING_FORM_FIELDS = {
  ...(Object.fromEntries(
    Object.entries(RECORDING_FORM).map(([key, rule]): [string, Field] => [key, RECORDING_RULES[rule]]),
  ) as Record<keyof typeof RECORDING_FORM, Field>),
  idleSeconds: IDLE_SECONDS,
};

export function validateRecording(
  form: RecordingForm,
  current: RecordingRules,
): Validated<{ rules: RecordingRules; idleSeconds: number }> {
  const result = collect(form, RECORDING_FORM_FIELDS);
  if (!result.ok) return result;
  // Parsed as stored: the rules in milliseconds.
  const { idleSeconds, ...stored } = result.value as Record<keyof RecordingForm, number>;
  const rules = { ...current };
  for (const [key, rule] of Object.entries(RECORDING_FORM)) rules[rule] = stored[key as keyof typeof RECORDING_FORM];
  return { ok: true, value: { rules, idleSeconds } };
}

/** The stored rules and idle time as the recording form shows them. */
export function recordingFormOf(rules: RecordingRules, idleSeconds: number): RecordingForm {
  const stored = Object.fromEntries(Object.entries(RECORDING_FORM).map(([key, rule]) => [key, rules[rule]]));
  return formOf(RECORDING_FORM_FIELDS, { ...(stored as Record<keyof typeof RECORDING_FORM, number>), idleSeconds });
}

/** A number that may be left empty, with its error under `key`. */
export function validateOptional(raw: string, field: OptionalNumberField, key: string): Validated<number | null> {
  const parsed = parseOptionalNumber(raw, field);
  return 'error' in parsed ? { ok: false, errors: { [key]: parsed.error } } : { ok: true, value: parsed.value };
}

/** Seats for team figures; empty means "no team figure". */
export const validateSeats = (raw: string) => validateOptional(raw, SEATS, 'seats');

/** Days to keep raw switches; empty keeps them all. */
export const validateRetention = (raw: string) => validateOptional(raw, RETENTION_DAYS, 'retention');

export interface CustomAppForm {
  name: string;
  category: string;
  /** Host patterns separated by commas, spaces or new lines. */
  hosts: string;
  /** Optional path prefix, e.g. `/wiki`. */
  path: string;
}

/** A custom app from the form, checked as a backup's custom apps are (utils/settings/user-rules.ts). */
export function validateCustomApp(form: CustomAppForm, takenIds: ReadonlySet<string>): Validated<AppEntry> {
  const name = form.name.trim();
  const patterns = form.hosts.split(/[\s,]+/).filter(Boolean);
  const path = form.path.trim().toLowerCase();
  const problems = {
    name: customAppProblem.name(name),
    category: customAppProblem.category(form.category),
    hosts: customAppProblem.hosts(patterns),
    path: path ? customAppProblem.path(path) : null,
  };
  const errors = Object.fromEntries(Object.entries(problems).filter((entry): entry is [string, string] => !!entry[1]));
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
      vendor: CUSTOM_APP.vendor.default,
      category: form.category as CategoryId,
      match: patterns.map((p) => parseHostPattern(p)!).map((host) => (path ? { host, path } : { host })),
    },
  };
}
