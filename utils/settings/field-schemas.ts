/**
 * The valibot schema of a declared setting's stored value, with the options page's messages. Apart
 * from ./fields.ts so that pages which only read the defaults (the popup, the options page's first
 * module, the background) do not load valibot with them; marked free of side effects, as valibot's
 * own functions are, so that a page which never checks a file leaves the schemas out.
 */
import * as v from 'valibot';
import type { Field, NumberRule, ValueOf } from '../fields';
import { isPatternField, numberMessages, textMessage, toStored } from '../fields';

/** The schema of a stored number: the rule's range, scaled as stored, with the form's messages. */
/* @__NO_SIDE_EFFECTS__ */
function numberSchema(field: NumberRule & { scale?: number }): v.GenericSchema<number> {
  const say = numberMessages(field);
  const number = v.pipe(
    v.number(),
    v.finite(say.notNumber),
    v.minValue(toStored(field, field.min), say.outside),
    v.maxValue(toStored(field, field.max), say.outside),
  );
  if (field.integer) return v.pipe(number, v.integer(say.notWhole));
  // The form rounds what it stores to whole units of the scale (milliseconds).
  return field.scale ? v.pipe(number, v.integer(say.outside)) : number;
}

/** The schema of a declared field's stored value. */
/* @__NO_SIDE_EFFECTS__ */
export function schemaOf<F extends Field>(field: F): v.GenericSchema<ValueOf<F>> {
  if (isPatternField(field)) return v.pipe(v.string(), v.regex(field.pattern, textMessage(field))) as never;
  return ('empty' in field ? v.nullable(numberSchema(field)) : numberSchema(field)) as never;
}

/** The schemas of a table of declared fields, as valibot object entries. */
/* @__NO_SIDE_EFFECTS__ */
export function schemasOf<D extends Record<string, Field>>(
  fields: D,
): { [K in keyof D]: v.GenericSchema<ValueOf<D[K]>> } {
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, schemaOf(field)])) as never;
}
