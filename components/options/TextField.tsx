/** A labelled text input with its error (read out as an alert) and a line of explanation below. */
interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** The value is meant: Enter, or leaving the field after changing it. */
  onCommit?: () => void;
  error?: string | null;
  hint?: string;
  inputMode?: 'text' | 'decimal' | 'numeric';
  /** Shown but not editable (a setting an organisation's policy set). */
  disabled?: boolean;
}

export function TextField({
  id,
  label,
  value,
  onInput,
  onCommit,
  error,
  hint,
  inputMode = 'decimal',
  disabled,
}: Props) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={value}
        disabled={disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
        onChange={onCommit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit?.();
        }}
      />
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {hint && (
        <p class="source" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
