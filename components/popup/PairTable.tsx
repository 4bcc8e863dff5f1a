/** The top pairs as text: what screen readers read, and what tests check. */
import type { AppInfo } from '@/utils/catalog/directory';
import type { PairFigures } from '@/utils/figures/report';
import { formatCount, formatDuration } from '@/utils/figures/format';
import { pairDetail, pairLabel } from '@/utils/figures/report';

interface Props {
  pairs: readonly PairFigures[];
  appInfo: (id: string) => AppInfo | undefined;
  onFocusPair?: (index: number | null) => void;
}

export function PairTable({ pairs, appInfo, onFocusPair }: Props) {
  return (
    <table class="pairs" aria-label="Top pairs by seconds lost">
      <thead>
        <tr>
          <th scope="col">Pair</th>
          <th scope="col" class="num">
            Switches
          </th>
          <th scope="col" class="num">
            Lost
          </th>
        </tr>
      </thead>
      <tbody>
        {pairs.map((pair, index) => (
          <tr
            key={`${pair.a} ${pair.b}`}
            tabIndex={0}
            title={pairDetail(pair, appInfo)}
            aria-description={pairDetail(pair, appInfo)}
            onFocus={() => onFocusPair?.(index)}
            onBlur={() => onFocusPair?.(null)}
            onMouseEnter={() => onFocusPair?.(index)}
            onMouseLeave={() => onFocusPair?.(null)}
          >
            <th scope="row" class="pair-name" title={pairLabel(pair, appInfo)}>
              {pairLabel(pair, appInfo)}
            </th>
            <td class="num">{formatCount(pair.switches)}</td>
            <td class="num">{formatDuration(pair.secondsLost)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
