/** The data kept in this browser: how much, for how long, and deleting it. */
import { useEffect, useState } from 'preact/hooks';
import { formatCount } from '@/utils/figures/format';
import type { StorageUse } from '@/utils/store/housekeeping';
import { validateRetention } from '@/utils/settings/validate';
import { TextField } from './TextField';

interface Props {
  use: StorageUse | undefined;
  switchCount: number | undefined;
  retentionDays: number | null;
  onSaveRetention: (days: number | null) => void;
  onDeleteAll: () => Promise<void>;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 2 : 0)} MB`;

export function DataSection({ use, switchCount, retentionDays, onSaveRetention, onDeleteAll }: Props) {
  const [retention, setRetention] = useState(retentionDays === null ? '' : String(retentionDays));
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setRetention(retentionDays === null ? '' : String(retentionDays)), [retentionDays]);
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p>
        {switchCount === undefined ? '…' : `${formatCount(switchCount)} switches recorded`}
        {typeof use?.usedBytes === 'number' && `, ${megabytes(use.usedBytes)} used in this browser`}. Everything stays
        here; nothing is sent anywhere.
      </p>
      <form
        class="fields"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const result = validateRetention(retention);
          setError(result.ok ? null : (result.errors.retention ?? null));
          if (result.ok) onSaveRetention(result.value);
        }}
      >
        <TextField
          id="retention"
          label="Keep single switches for (days; empty keeps them all)"
          inputMode="numeric"
          value={retention}
          error={error}
          hint="Daily totals are kept either way, so rankings over older periods stay complete."
          onInput={setRetention}
        />
        <button type="submit">Save</button>
      </form>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-delete" class="confirm">
          <p id="confirm-delete">
            Delete all {switchCount === undefined ? '' : formatCount(switchCount)} recorded switches and daily totals?
            This cannot be undone. Settings and custom apps stay.
          </p>
          <button
            type="button"
            class="danger"
            onClick={() =>
              void onDeleteAll().then(
                () => {
                  setConfirming(false);
                  setMessage('Everything recorded was deleted.');
                },
                (err: unknown) => setMessage(`Nothing was deleted: ${String(err)}`),
              )
            }
          >
            Yes, delete everything
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          Delete everything…
        </button>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
