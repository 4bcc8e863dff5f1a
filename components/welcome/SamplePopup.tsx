/**
 * What the popup will look like, with made-up figures: every figure says it is a sample, and
 * nothing here is read from or written to storage.
 */
import { formatCount, formatDuration } from '@/utils/figures/format';

/** Made-up pairs for the preview: seconds lost today, switches, quick look-ups. */
export const SAMPLE_PAIRS = [
  { apps: 'Paychex \u2194 Dropbox', switches: 38, lookUps: 9, seconds: 412 },
  { apps: 'Slack \u2194 Google Sheets', switches: 24, lookUps: 3, seconds: 171 },
  { apps: 'Gmail \u2194 Salesforce', switches: 11, lookUps: 1, seconds: 64 },
] as const;

export function SamplePopup() {
  const switches = SAMPLE_PAIRS.reduce((sum, pair) => sum + pair.switches, 0);
  const seconds = SAMPLE_PAIRS.reduce((sum, pair) => sum + pair.seconds, 0);
  return (
    <figure class="sample" aria-labelledby="sample-caption">
      <figcaption id="sample-caption">
        What the popup will show, with <strong>sample figures</strong>: not yours, and not stored.
      </figcaption>
      <div class="sample-popup">
        <p class="sample-badge" aria-hidden="true">
          Sample
        </p>
        <p>
          Sample: <strong>{formatCount(switches)}</strong> switches, <strong>{formatDuration(seconds)}</strong> lost
          today
        </p>
        <table>
          <caption>Sample top pairs</caption>
          <thead>
            <tr>
              <th scope="col">Apps</th>
              <th scope="col">Switches</th>
              <th scope="col">Quick look-ups A→B→A</th>
              <th scope="col">Time lost</th>
            </tr>
          </thead>
          <tbody>
            {SAMPLE_PAIRS.map((pair) => (
              <tr key={pair.apps}>
                <th scope="row">{pair.apps}</th>
                <td>{formatCount(pair.switches)}</td>
                <td>{formatCount(pair.lookUps)}</td>
                <td>{formatDuration(pair.seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
