/** A pair's integration: before and after in words, and the form that marks it; the pair table and the partner view share them. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCount, formatDuration, formatOneDecimal } from '@/utils/figures/format';
import { TOO_EARLY_DAYS } from '@/utils/figures/integration';
import type { Integration } from '@/utils/figures/ranking';

const activeDays = (n: number) => `${formatCount(n)} active ${n === 1 ? 'day' : 'days'}`;

/** "Integrated since 2026-03-15: 2 min 5 s lost per active day before (8.0 h a year, 20 active days), …". */
export function IntegrationSummary({ integration }: { integration: Integration }) {
  const { since, before, after, tooEarly } = integration;
  return (
    <>
      Integrated since {since}
      {before && after && (
        <>
          : {formatDuration(before.secondsLostPerDay)} lost per active day before (
          {formatOneDecimal(before.annualHours)} h a year, {activeDays(before.activeDays)}),{' '}
          {formatDuration(after.secondsLostPerDay)} after ({formatOneDecimal(after.annualHours)} h a year,{' '}
          {activeDays(after.activeDays)})
          {tooEarly && (
            <span title={`Either side has fewer than ${TOO_EARLY_DAYS} active days.`}>: too early to tell</span>
          )}
        </>
      )}
    </>
  );
}

/**
 * The day an integration went live, asked in the row once "Mark integrated…" is chosen from its
 * menu; `onMark` answers with a problem (shown, the form stays) or null, and `onClose` follows.
 */
export function MarkIntegratedForm({
  today,
  onMark,
  onClose,
}: {
  today: string;
  onMark: (since: string) => string | null;
  onClose: () => void;
}) {
  const [since, setSince] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // Opened from a menu that no longer holds the focus: the form's one field takes it.
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      class="inline row-form"
      // Escape cancels, as it closes the menu the form was opened from.
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const problem = onMark(since);
        setError(problem);
        if (!problem) onClose();
      }}
    >
      <label>
        Integrated since{' '}
        <input
          ref={field}
          type="date"
          value={since}
          max={today}
          onInput={(e) => setSince((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit">Mark integrated</button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      {error && (
        <span role="alert" class="error">
          {error}
        </span>
      )}
    </form>
  );
}
