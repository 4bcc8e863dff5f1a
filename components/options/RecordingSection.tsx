/** Recording rules: they apply to what is recorded from the moment they change, never to the past. */
import { useEffect, useState } from 'preact/hooks';
import type { RecordingRules } from '@/utils/tracker/reducer';
import type { RecordingForm } from '@/utils/settings/validate';
import { validateRecording } from '@/utils/settings/validate';
import { TextField } from './TextField';

interface Props {
  rules: RecordingRules;
  idleSeconds: number;
  onSave: (rules: RecordingRules, idleSeconds: number) => void;
}

const FIELDS: { key: keyof RecordingForm; label: string; hint: string }[] = [
  {
    key: 'minDwellSeconds',
    label: 'Time to land on an app (s)',
    hint: 'Tabs passed through faster (Ctrl+Tab) are transit.',
  },
  {
    key: 'breakAfterSeconds',
    label: 'Longest transit (s)',
    hint: 'A longer gap between two apps is a break, never priced.',
  },
  { key: 'detourMaxSeconds', label: 'Longest detour (s)', hint: 'A → B → A with B at most this long is a detour.' },
  {
    key: 'idleSeconds',
    label: 'Idle after (s)',
    hint: 'No input for this long ends the visit. The browser’s minimum is 15 s.',
  },
];

const toForm = (r: RecordingRules, idleSeconds: number): RecordingForm => ({
  minDwellSeconds: String(r.minDwellMs / 1000),
  breakAfterSeconds: String(r.breakAfterMs / 1000),
  detourMaxSeconds: String(r.detourMaxMs / 1000),
  idleSeconds: String(idleSeconds),
});

export function RecordingSection({ rules, idleSeconds, onSave }: Props) {
  const [form, setForm] = useState(toForm(rules, idleSeconds));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => setForm(toForm(rules, idleSeconds)), [rules, idleSeconds]);
  return (
    <section aria-labelledby="recording-title">
      <h2 id="recording-title">Recording rules</h2>
      <p class="hint">
        These decide what counts as a switch. They apply from the moment you save them; what was recorded stays as it
        was.
      </p>
      <form
        class="fields"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const result = validateRecording(form, rules);
          setErrors(result.ok ? {} : result.errors);
          setSaved(result.ok);
          if (result.ok) onSave(result.value.rules, result.value.idleSeconds);
        }}
      >
        {FIELDS.map(({ key, label, hint }) => (
          <TextField
            key={key}
            id={`r-${key}`}
            label={label}
            value={form[key]}
            error={errors[key]}
            hint={hint}
            onInput={(value) => {
              setSaved(false);
              setForm({ ...form, [key]: value });
            }}
          />
        ))}
        <button type="submit">Save recording rules</button>
        {saved && <span role="status"> Saved: applies from now on.</span>}
      </form>
    </section>
  );
}
