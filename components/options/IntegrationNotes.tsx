/** A pair's integration: before and after in words, and the form that marks it; the pair table and the partner view share them. */
import { useState } from 'preact/hooks';
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

/** "Mark integrated…", then the day it went live; `onMark` answers with a problem or null. */
export function MarkIntegrated({ today, onMark }: { today: string; onMark: (since: string) => string | null }) {
  const [editing, setEditing] = useState(false);
  const [since, setSince] = useState(today);
  const [error, setError] = useState<string | null>(null);
  if (!editing)
    return (
      <button type="button" class="link" onClick={() => setEditing(true)}>
        Mark integrated…
      </button>
    );
  return (
    <form
      class="inline"
      onSubmit={(e) => {
        e.preventDefault();
        const problem = onMark(since);
        setError(problem);
        if (!problem) setEditing(false);
      }}
    >
      <label>
        Integrated since{' '}
        <input type="date" value={since} max={today} onInput={(e) => setSince((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">Save</button>
      <button type="button" onClick={() => setEditing(false)}>
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
