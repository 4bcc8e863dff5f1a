/** The data kept in this browser: how much, for how long, and deleting it. */
import { useState } from 'preact/hooks';
import { formatCount } from '@/utils/figures/format';
import type { StorageUse } from '@/utils/store/housekeeping';
import { RETENTION_DAYS } from '@/utils/settings/declarations';
import { OptionalNumberForm } from './SettingsForm';

interface Props {
  use: StorageUse | undefined;
  switchCount: number | undefined;
  retentionDays: number | null;
  onSaveRetention: (days: number | null) => void;
  onDeleteAll: () => Promise<void>;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 2 : 0)} MB`;

export function DataSection({ use, switchCount, retentionDays, onSaveRetention, onDeleteAll }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p>
        {switchCount === undefined ? '…' : `${formatCount(switchCount)} switches recorded`}
        {typeof use?.usedBytes === 'number' && `, ${megabytes(use.usedBytes)} used in this browser`}. Everything stays
        here; nothing is sent anywhere.
      </p>
      <OptionalNumberForm name="retention" field={RETENTION_DAYS} value={retentionDays} onSave={onSaveRetention} />
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
