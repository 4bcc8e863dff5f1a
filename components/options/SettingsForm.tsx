/**
 * A form of declared settings, with one way to save: a field's value applies as soon as it is
 * committed (Enter, leaving the field, or the page being hidden), with no Save button. A value
 * that is wrong keeps its message until fixed and changes nothing; the other fields still apply.
 * Applying on commit rather than per keystroke keeps a half-typed value (3 on the way to 30
 * days of retention) from taking effect. Each field's label, keyboard and hint come from its
 * declaration.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Field, OptionalNumberField } from '@/utils/fields';
import { fieldLabel, formOf, inputModeOf, parseField } from '@/utils/fields';
import type { Validated } from '@/utils/settings/validate';
import { validateOptional } from '@/utils/settings/validate';
import { LOCKED_NOTE } from './locked';
import { TextField } from './TextField';
import { useCommitOnHide } from './use-commit-on-hide';

interface Props<K extends string, T> {
  /** Each field's declaration, by its name in the form, in the order shown. */
  fields: Record<K, Field>;
  /** Said below a field instead of its declaration's hint (an assumption's source). */
  hints?: Record<K, string>;
  /** Put before each field's name to make its element id. */
  idPrefix?: string;
  /** The stored values as the form shows them; shown again whenever a new object is passed. */
  values: Record<K, string>;
  validate: (form: Record<K, string>) => Validated<T>;
  onSave: (value: T) => void;
  /** Said once a value applied (default "Saved."). */
  saved?: string;
  /** Set by the organisation's policy: every field shown disabled, with a note, and nothing saved. */
  locked?: boolean;
}

export function SettingsForm<K extends string, T>(props: Props<K, T>) {
  const { fields, values, idPrefix = '' } = props;
  const keys = Object.keys(fields) as K[];
  const [form, setForm] = useState(values);
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  const [saved, setSaved] = useState(false);

  // New stored values replace what was typed and its messages: all of it after a change made
  // elsewhere (a preset, another tab), while after this form's own save a wrong value in a field
  // it did not apply keeps its text and message until fixed.
  const previous = useRef(values);
  const ownSave = useRef(false);
  /** The stored values with this form's own saves on top: two fields committed in quick succession both apply. */
  const applied = useRef(values);
  useEffect(() => {
    const before = previous.current;
    previous.current = values;
    if (before === values) return;
    applied.current = values;
    const kept = ownSave.current ? keys.filter((key) => errors[key] !== undefined && values[key] === before[key]) : [];
    ownSave.current = false;
    setForm(Object.fromEntries(keys.map((key) => [key, kept.includes(key) ? form[key] : values[key]])) as typeof form);
    setErrors(Object.fromEntries(kept.map((key) => [key, errors[key]])) as typeof errors);
  }, [values]);

  /** Applies the changed fields among `applying` with the others as stored, or shows what is wrong. */
  const commit = (applying: readonly K[]) => {
    const changed = applying.filter((key) => form[key] !== applied.current[key]);
    if (props.locked || changed.length === 0) return;
    const wrong: Partial<Record<K, string>> = {};
    const candidate = { ...applied.current };
    for (const key of changed) {
      const parsed = parseField(form[key], fields[key]);
      if ('error' in parsed) wrong[key] = parsed.error;
      else candidate[key] = form[key];
    }
    const result = props.validate(candidate);
    const left = Object.fromEntries(
      keys.filter((key) => !changed.includes(key) && errors[key] !== undefined).map((key) => [key, errors[key]]),
    );
    setErrors({ ...left, ...wrong, ...(result.ok ? {} : result.errors) });
    const applies = result.ok && changed.some((key) => wrong[key] === undefined);
    if (applies) {
      ownSave.current = true;
      applied.current = candidate;
      props.onSave(result.value);
    }
    setSaved(applies);
  };
  useCommitOnHide(() => commit(keys));

  return (
    <form class="fields" noValidate onSubmit={(e) => e.preventDefault()}>
      {keys.map((key) => (
        <TextField
          key={key}
          id={`${idPrefix}${key}`}
          label={fieldLabel(fields[key])}
          inputMode={inputModeOf(fields[key])}
          value={form[key]}
          error={errors[key]}
          hint={props.hints?.[key] ?? fields[key].hint}
          disabled={props.locked}
          onInput={(value) => {
            setForm({ ...form, [key]: value });
            // A message stays until its field holds a valid value (then it goes at once), and says
            // what is wrong with the value now typed.
            if (errors[key] !== undefined) {
              const parsed = parseField(value, fields[key]);
              const { [key]: _, ...rest } = errors;
              setErrors('error' in parsed ? { ...errors, [key]: parsed.error } : (rest as typeof errors));
            }
          }}
          onCommit={() => commit([key])}
        />
      ))}
      {props.locked && <span class="locked">{LOCKED_NOTE}</span>}
      <span role="status" class="saved">
        {saved ? (props.saved ?? 'Saved.') : ''}
      </span>
    </form>
  );
}

interface OptionalNumberProps {
  /** The field's name: its element id, and the key of its error. */
  name: string;
  field: OptionalNumberField;
  value: number | null;
  onSave: (value: number | null) => void;
  locked?: boolean;
}

/** A form of one number that may be left empty (seats, retention). */
export function OptionalNumberForm({ name, field, value, onSave, locked }: OptionalNumberProps) {
  const values = useMemo(() => formOf({ [name]: field }, { [name]: value }), [name, field, value]);
  return (
    <SettingsForm
      fields={{ [name]: field }}
      values={values}
      validate={(form) => validateOptional(form[name] ?? '', field, name)}
      onSave={onSave}
      locked={locked}
    />
  );
}
