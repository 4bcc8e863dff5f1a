/** The cost model's assumptions, each with its source; a change re-prices all history at once. */
import { useMemo } from 'preact/hooks';
import type { Assumptions, PresetId } from '@/utils/figures/cost-model';
import { ASSUMPTIONS, PRESET_NAMES, PRESETS } from '@/utils/figures/cost-model';
import { formOf } from '@/utils/fields';
import { SEATS } from '@/utils/settings/declarations';
import { validateAssumptions } from '@/utils/settings/validate';
import { OptionalNumberForm, SettingsForm } from './SettingsForm';

interface Props {
  assumptions: Assumptions;
  seats: number | null;
  onSave: (assumptions: Assumptions) => void;
  onSaveSeats: (seats: number | null) => void;
  /** Set by the organisation's policy: shown, not editable. */
  assumptionsLocked?: boolean;
  seatsLocked?: boolean;
}

const KEYS = Object.keys(ASSUMPTIONS) as (keyof Assumptions)[];
const SOURCES = Object.fromEntries(KEYS.map((key) => [key, ASSUMPTIONS[key].source])) as Record<
  keyof Assumptions,
  string
>;

export function presetOf(a: Assumptions): PresetId | null {
  const match = (Object.keys(PRESETS) as PresetId[]).find((id) =>
    (Object.keys(PRESETS[id]) as (keyof (typeof PRESETS)[PresetId])[]).every((k) => PRESETS[id][k] === a[k]),
  );
  return match ?? null;
}

export function AssumptionsSection({ assumptions, seats, onSave, onSaveSeats, assumptionsLocked, seatsLocked }: Props) {
  const form = useMemo(() => formOf(ASSUMPTIONS, assumptions), [assumptions]);
  const preset = presetOf(assumptions);

  return (
    <section aria-labelledby="assumptions-title">
      <h2 id="assumptions-title">Assumptions</h2>
      <p class="hint">
        Transit time is measured. Refocus, resumption and the avoidable share of detour time are assumptions, applied
        when figures are shown: changing them re-prices all history. A change applies as you press Enter or leave the
        field.
      </p>
      <div role="group" aria-label="Preset" class="segmented">
        {(Object.keys(PRESETS) as PresetId[]).map((id) => (
          <button
            key={id}
            type="button"
            aria-pressed={preset === id}
            disabled={assumptionsLocked}
            onClick={() => onSave({ ...assumptions, ...PRESETS[id] })}
          >
            {PRESET_NAMES[id]}
          </button>
        ))}
      </div>
      <SettingsForm
        fields={ASSUMPTIONS}
        hints={SOURCES}
        idPrefix="a-"
        values={form}
        validate={validateAssumptions}
        onSave={onSave}
        saved="Saved: figures re-priced."
        locked={assumptionsLocked}
      />
      <OptionalNumberForm name="seats" field={SEATS} value={seats} onSave={onSaveSeats} locked={seatsLocked} />
    </section>
  );
}
