/**
 * The shapes of a setting's declaration (every room declares its settings with these, so this sits
 * below them all), and what derives from one: the label a form shows, the
 * check of what a person typed, the stored defaults and the value in a sentence; the schema of the
 * stored value is in settings/field-schemas.ts. The options page's forms, a backup's settings and an
 * evidence file's assumptions all check through these, so they accept the same values and say the
 * same words.
 */

/** How a number is named after it: in messages (`words`) and in a form's label (`short`). */
const UNITS = {
  seconds: { words: 'seconds', short: 's' },
  days: { words: 'days', short: 'days' },
  /** A fraction of a whole: no word after the number; the form's label shows the range instead. */
  share: { words: '', short: '' },
} as const;

export type Unit = keyof typeof UNITS;

/** A number a person types. */
export interface NumberRule {
  /** What people read on the form and in its messages: "Refocus per switch". */
  label: string;
  min: number;
  max: number;
  unit?: Unit;
  integer?: boolean;
}

export interface NumberField extends NumberRule {
  default: number;
  /** Said below the field on the options page. */
  hint?: string;
  /** In the form's label, after the unit: "Seats (people the team figures stand for; …)". */
  note?: string;
  /** Stored as the shown value times this, as a whole number (seconds shown, milliseconds stored). */
  scale?: number;
}

/** A number that may be left empty: stored as null. */
export interface OptionalNumberField extends Omit<NumberField, 'default'> {
  default: number | null;
  /** What an empty field means, after "empty": "keeps them all". */
  empty: string;
}

/** Text that must have one form, such as a currency code. */
export interface PatternField {
  label: string;
  default: string;
  /** How typed text becomes the stored value (spaces, case). */
  normalise: (raw: string) => string;
  pattern: RegExp;
  /** What the text must be, after "must be": "a three-letter code such as USD or EUR". */
  expected: string;
  hint?: string;
}

export type Field = NumberField | OptionalNumberField | PatternField;

export const isPatternField = (field: Field): field is PatternField => 'pattern' in field;

/** The value a declared field holds. */
export type ValueOf<F> = F extends PatternField ? string : F extends OptionalNumberField ? number | null : number;

/** "Refocus per switch (s)", "Avoidable share of detour time (0–1)", "Seats (…; empty for none)". */
export function fieldLabel(field: Field): string {
  const parts: string[] = [];
  if (!isPatternField(field) && field.unit) {
    const unit = UNITS[field.unit];
    if (field.unit === 'share') parts.push(`${field.min}–${field.max}`);
    // "Working days a year", "Days to keep single switches" name their unit already.
    else if (!field.label.toLowerCase().includes(unit.words)) parts.push(unit.short);
  }
  if ('note' in field && field.note) parts.push(field.note);
  if ('empty' in field) parts.push(`empty ${field.empty}`);
  return parts.length ? `${field.label} (${parts.join('; ')})` : field.label;
}

/** The keyboard a phone shows for the field. */
export function inputModeOf(field: Field): 'text' | 'decimal' | 'numeric' {
  return isPatternField(field) ? 'text' : field.integer ? 'numeric' : 'decimal';
}

/** The messages for a number out of its rule: the form's, and the schemas' for stored values. */
export function numberMessages(rule: NumberRule) {
  const words = rule.unit ? UNITS[rule.unit].words : '';
  const range = `between ${rule.min} and ${rule.max}${words ? ` ${words}` : ''}`;
  return {
    notNumber: `${rule.label} must be a number ${range}.`,
    notWhole: `${rule.label} must be a whole number ${range}.`,
    outside: `${rule.label} must be ${range}.`,
  };
}

/** A number typed by a person: plain decimal notation only, within the rule's range. */
export function parseNumber(raw: string, rule: NumberRule): { value: number } | { error: string } {
  const text = raw.trim();
  const say = numberMessages(rule);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { error: say.notNumber };
  const value = Number(text);
  if (rule.integer && !Number.isInteger(value)) return { error: say.notWhole };
  if (value < rule.min || value > rule.max) return { error: say.outside };
  return { value };
}

/** As `parseNumber`, where an empty field means null. */
export function parseOptionalNumber(
  raw: string,
  field: OptionalNumberField,
): { value: number | null } | { error: string } {
  return raw.trim() ? parseNumber(raw, field) : { value: null };
}

export const textMessage = (field: PatternField) => `${field.label} must be ${field.expected}.`;

function parseText(raw: string, field: PatternField): { value: string } | { error: string } {
  const value = field.normalise(raw);
  return field.pattern.test(value) ? { value } : { error: textMessage(field) };
}

/** What a person typed in a field, as the value to store. */
export function parseField(raw: string, field: Field): { value: string | number | null } | { error: string } {
  if (isPatternField(field)) return parseText(raw, field);
  const parsed = 'empty' in field ? parseOptionalNumber(raw, field) : parseNumber(raw, field);
  return 'value' in parsed && typeof parsed.value === 'number' ? { value: toStored(field, parsed.value) } : parsed;
}

/** A shown value as stored (seconds to milliseconds), and back. */
export const toStored = (field: NumberRule & { scale?: number }, shown: number) =>
  field.scale ? Math.round(shown * field.scale) : shown;
const fromStored = (field: NumberRule & { scale?: number }, stored: number) =>
  field.scale ? stored / field.scale : stored;

/** The stored value as the form shows it. */
function formText(field: Field, stored: string | number | null): string {
  if (stored === null) return '';
  return typeof stored === 'string' || isPatternField(field) ? String(stored) : String(fromStored(field, stored));
}

/** A table of stored values as a form shows them. */
export function formOf<K extends string>(fields: Record<K, Field>, stored: Record<K, string | number | null>) {
  return Object.fromEntries(
    (Object.keys(fields) as K[]).map((key) => [key, formText(fields[key], stored[key])]),
  ) as Record<K, string>;
}

/** The stored defaults of a table of declared fields. */
export function defaultsOf<D extends Record<string, Field>>(fields: D): { [K in keyof D]: ValueOf<D[K]> } {
  return Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [
      key,
      typeof field.default === 'number' && !isPatternField(field) ? toStored(field, field.default) : field.default,
    ]),
  ) as never;
}

/** A value in a sentence: "2 seconds", "1 second", "50%", "230" (working days a year), "USD". */
export function valueText(field: Field, value: string | number | null): string {
  if (value === null || typeof value === 'string' || isPatternField(field)) return String(value ?? '');
  if (field.unit === 'share') return `${Math.round(value * 100)}%`;
  const words = field.unit ? UNITS[field.unit].words : '';
  if (!words || field.label.toLowerCase().includes(words)) return String(value);
  // "1 second", not "1 seconds".
  return `${value} ${value === 1 ? words.replace(/s$/, '') : words}`;
}
