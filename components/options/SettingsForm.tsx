/**
 * A form of declared settings: each field's label, keyboard and hint come from its declaration;
 * every field is checked on save, and nothing is saved while any is wrong. A field's error goes as
 * soon as it holds a valid value, or when new stored values replace what was typed.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Field, OptionalNumberField } from '@/utils/fields';
import { fieldLabel, formOf, inputModeOf, parseField } from '@/utils/fields';
import type { Validated } from '@/utils/settings/validate';
import { validateOptional } from '@/utils/settings/validate';
import { LOCKED_NOTE } from './locked';
import { TextField } from './TextField';

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
  submit: string;
  /** Said once a save went through. */
  saved?: string;
  /** Set by the organisation's policy: every field shown disabled, with a note, and nothing saved. */
  locked?: boolean;
}

export function SettingsForm<K extends string, T>(props: Props<K, T>) {
  const { fields, values, idPrefix = '' } = props;
  const [form, setForm] = useState(values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  // New stored values (a preset, a save, another tab): what was typed and its errors are gone.
  useEffect(() => {
    setForm(values);
    setErrors({});
  }, [values]);
  return (
    <form
      class="fields"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (props.locked) return;
        const result = props.validate(form);
        setErrors(result.ok ? {} : result.errors);
        setSaved(result.ok);
        if (result.ok) props.onSave(result.value);
      }}
    >
      {(Object.keys(fields) as K[]).map((key) => (
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
            setSaved(false);
            setForm({ ...form, [key]: value });
            // An error stays until its field holds a valid value (then it goes at once), and says
            // what is wrong with the value now typed.
            if (errors[key] !== undefined) {
              const parsed = parseField(value, fields[key]);
              const { [key]: _, ...rest } = errors;
              setErrors('error' in parsed ? { ...errors, [key]: parsed.error } : rest);
            }
          }}
        />
      ))}
      <button type="submit" disabled={props.locked}>
        {props.submit}
      </button>
      {props.locked && <span class="locked">{LOCKED_NOTE}</span>}
      {saved && props.saved && <span role="status"> {props.saved}</span>}
    </form>
  );
}

interface OptionalNumberProps {
  /** The field's name: its element id, and the key of its error. */
  name: string;
  field: OptionalNumberField;
  value: number | null;
  onSave: (value: number | null) => void;
  submit: string;
  locked?: boolean;
}

/** A form of one number that may be left empty (seats, retention). */
export function OptionalNumberForm({ name, field, value, onSave, submit, locked }: OptionalNumberProps) {
  const values = useMemo(() => formOf({ [name]: field }, { [name]: value }), [name, field, value]);
  return (
    <SettingsForm
      fields={{ [name]: field }}
      values={values}
      validate={(form) => validateOptional(form[name] ?? '', field, name)}
      onSave={onSave}
      submit={submit}
      locked={locked}
    />
  );
}
