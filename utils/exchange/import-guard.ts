/**
 * The first line of defence for every imported file: a size cap, JSON that parses, and no key that
 * could reach an object's prototype. Schemas (utils/evidence.ts, utils/backup.ts) check the rest.
 * Every failure is a message that names the problem; nothing is stored before a file passed.
 */
import type { BaseIssue, BaseSchema, InferOutput } from 'valibot';
import { safeParse } from 'valibot';

export class ImportError extends Error {
  override name = 'ImportError';
}

/** Keys that could reach an object's prototype once the file's objects are copied or merged. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses JSON text of at most `maxBytes`, refusing prototype keys anywhere in it, however written. */
export function parseJsonSafely(text: string, maxBytes: number, what: string): unknown {
  // Characters, not bytes, but never fewer: a cheap check before any parsing.
  if (text.length > maxBytes) throw new ImportError(`${what} is larger than ${Math.round(maxBytes / 1_048_576)} MB.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportError(`${what} is not a Toggle Tax export or backup: it is not JSON.`);
  }
  const forbidden = forbiddenKey(value);
  if (forbidden) throw new ImportError(`${what} contains the key "${forbidden}", which is not allowed.`);
  return value;
}

/**
 * The first prototype key among the parsed objects' own keys, or undefined. Checked on the parsed
 * value, not the text, so an escaped key (`"\u005f_proto__"`) is found too; one loop over the
 * objects, with arrays of plain values (a year of switches) passed over quickly.
 */
function forbiddenKey(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}

/**
 * Checks that a parsed file is of our `format` and `version` before its schema is checked, so
 * that a different file or a newer version gets a message about that rather than about fields.
 */
export function checkFormat(value: unknown, format: string, version: number, what: string): void {
  const file = value as { format?: unknown; version?: unknown } | null;
  if (file?.format !== format)
    throw new ImportError(`This is not a Toggle Tax ${what} (its "format" is missing or different).`);
  if (file.version !== version)
    throw new ImportError(
      `This ${what} has version ${JSON.stringify(file.version)}; this Toggle Tax reads version ${version}.`,
    );
}

/** Checks `value` against a schema and says where the first problems are. */
export function checkSchema<S extends BaseSchema<unknown, unknown, BaseIssue<unknown>>>(
  schema: S,
  value: unknown,
  what: string,
): InferOutput<S> {
  const result = safeParse(schema, value, { abortPipeEarly: true });
  if (result.success) return result.output;
  const problems = result.issues.slice(0, 3).map((issue) => {
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    const words = plainWords(issue);
    return path ? `${path}: ${words}` : words;
  });
  throw new ImportError(`${what} is not valid: ${problems.join('; ')}.`);
}

/** What valibot calls each type, as a person would say it. */
const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a group of fields',
  strict_object: 'a group of fields',
  null: 'empty (null)',
};

/**
 * An issue in plain words: our schemas' own messages as they are, valibot's defaults ("Invalid
 * type: Expected number but received "12"") said as a person would, since people read them.
 */
function plainWords(issue: BaseIssue<unknown>): string {
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  const bound = issue.requirement;
  switch (issue.type) {
    case 'strict_object':
    case 'object':
      if (issue.expected === 'never') return 'is not part of this kind of file';
      if (issue.received === 'undefined') return 'is missing';
      return 'should be a group of fields';
    case 'literal':
      return `should be ${issue.expected ?? 'something else'}`;
    case 'picklist':
      return `should be one of ${(issue.expected ?? '').replace(/^\(|\)$/g, '').replaceAll(' | ', ', ')}`;
    case 'integer':
      return 'should be a whole number';
    case 'finite':
      return 'should be a finite number';
    case 'min_value':
      return `should be at least ${String(bound)}`;
    case 'max_value':
      return `should be at most ${String(bound)}`;
    case 'min_length':
      return `should have at least ${String(bound)} ${typeof issue.input === 'string' ? 'characters' : 'entries'}`;
    case 'max_length':
      return `should have at most ${String(bound)} ${typeof issue.input === 'string' ? 'characters' : 'entries'}`;
    case 'iso_timestamp':
      return 'should be a date and time (ISO 8601)';
    case 'regex':
      return 'is not in the expected form';
  }
  const expected = TYPE_WORDS[issue.type];
  if (expected) return issue.received === 'undefined' ? 'is missing' : `should be ${expected}, not ${issue.received}`;
  return 'is not valid';
}
