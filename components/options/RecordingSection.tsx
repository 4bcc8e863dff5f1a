/** Recording rules: they apply to what is recorded from the moment they change, never to the past. */
import { useMemo } from 'preact/hooks';
import type { RecordingRules } from '@/utils/tracker/rules';
import { RECORDING_FORM_FIELDS, recordingFormOf, validateRecording } from '@/utils/settings/validate';
import { SettingsForm } from './SettingsForm';

interface Props {
  rules: RecordingRules;
  idleSeconds: number;
  onSave: (rules: RecordingRules, idleSeconds: number) => void;
}

export function RecordingSection({ rules, idleSeconds, onSave }: Props) {
  const form = useMemo(() => recordingFormOf(rules, idleSeconds), [rules, idleSeconds]);
  return (
    <section aria-labelledby="recording-title">
      <h2 id="recording-title">Recording rules</h2>
      <p class="hint">
        These decide what counts as a switch. A change applies from the moment you press Enter or leave the field; what
        was recorded stays as it was.
      </p>
      <SettingsForm
        fields={RECORDING_FORM_FIELDS}
        idPrefix="r-"
        values={form}
        validate={(f) => validateRecording(f, rules)}
        onSave={(value) => onSave(value.rules, value.idleSeconds)}
        saved="Saved: applies from now on."
      />
    </section>
  );
}
