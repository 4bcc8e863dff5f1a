/** The cost model's assumptions, each with its source; a change re-prices all history at once. */
import { useEffect, useState } from 'preact/hooks';
import type { Assumptions, PresetId } from '@/utils/figures/cost-model';
import { ASSUMPTION_SOURCES, PRESETS } from '@/utils/figures/cost-model';
import type { AssumptionsForm } from '@/utils/settings/validate';
import { validateAssumptions, validateSeats } from '@/utils/settings/validate';
import { TextField } from './TextField';

interface Props {
  assumptions: Assumptions;
  seats: number | null;
  onSave: (assumptions: Assumptions) => void;
  onSaveSeats: (seats: number | null) => void;
}

const FIELDS: { key: keyof AssumptionsForm; label: string }[] = [
  { key: 'refocusSeconds', label: 'Refocus per switch (s)' },
  { key: 'resumptionSeconds', label: 'Resumption after a detour (s)' },
  { key: 'avoidableShare', label: 'Avoidable share of detour time (0–1)' },
  { key: 'workingDaysPerYear', label: 'Working days a year' },
  { key: 'hourlyCost', label: 'Hourly cost' },
  { key: 'currency', label: 'Currency' },
];

const PRESET_LABELS: Record<PresetId, string> = { conservative: 'Conservative', default: 'Default', high: 'High' };

function toForm(a: Assumptions): AssumptionsForm {
  return {
    refocusSeconds: String(a.refocusSeconds),
    resumptionSeconds: String(a.resumptionSeconds),
    avoidableShare: String(a.avoidableShare),
    workingDaysPerYear: String(a.workingDaysPerYear),
    hourlyCost: String(a.hourlyCost),
    currency: a.currency,
  };
}

export function presetOf(a: Assumptions): PresetId | null {
  const match = (Object.keys(PRESETS) as PresetId[]).find((id) =>
    (Object.keys(PRESETS[id]) as (keyof (typeof PRESETS)[PresetId])[]).every((k) => PRESETS[id][k] === a[k]),
  );
  return match ?? null;
}

export function AssumptionsSection({ assumptions, seats, onSave, onSaveSeats }: Props) {
  const [form, setForm] = useState(toForm(assumptions));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [seatsText, setSeatsText] = useState(seats === null ? '' : String(seats));
  const [seatsError, setSeatsError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setForm(toForm(assumptions)), [assumptions]);
  useEffect(() => setSeatsText(seats === null ? '' : String(seats)), [seats]);
  const preset = presetOf(assumptions);

  return (
    <section aria-labelledby="assumptions-title">
      <h2 id="assumptions-title">Assumptions</h2>
      <p class="hint">
        Transit time is measured. Refocus, resumption and the avoidable share of detour time are assumptions, applied
        when figures are shown: changing them re-prices all history.
      </p>
      <div role="group" aria-label="Preset" class="segmented">
        {(Object.keys(PRESETS) as PresetId[]).map((id) => (
          <button
            key={id}
            type="button"
            aria-pressed={preset === id}
            onClick={() => onSave({ ...assumptions, ...PRESETS[id] })}
          >
            {PRESET_LABELS[id]}
          </button>
        ))}
      </div>
      <form
        class="fields"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const result = validateAssumptions(form);
          setErrors(result.ok ? {} : result.errors);
          setSaved(result.ok);
          if (result.ok) onSave(result.value);
        }}
      >
        {FIELDS.map(({ key, label }) => (
          <TextField
            key={key}
            id={`a-${key}`}
            label={label}
            inputMode={key === 'currency' ? 'text' : 'decimal'}
            value={form[key]}
            error={errors[key]}
            hint={ASSUMPTION_SOURCES[key]}
            onInput={(value) => {
              setSaved(false);
              setForm({ ...form, [key]: value });
            }}
          />
        ))}
        <button type="submit">Save assumptions</button>
        {saved && <span role="status"> Saved: figures re-priced.</span>}
      </form>
      <form
        class="fields"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const result = validateSeats(seatsText);
          setSeatsError(result.ok ? null : (result.errors.seats ?? null));
          if (result.ok) onSaveSeats(result.value);
        }}
      >
        <TextField
          id="seats"
          label="Seats (people the team figures stand for; empty for none)"
          inputMode="numeric"
          value={seatsText}
          error={seatsError}
          onInput={setSeatsText}
        />
        <button type="submit">Save seats</button>
      </form>
    </section>
  );
}
