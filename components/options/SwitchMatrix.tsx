/** App × app heatmap of switches: who hops between what, at a glance. A table, so it reads aloud too. */
import type { SwitchMatrix as Matrix } from '@/utils/figures/ranking';
import type { AppInfo } from '@/utils/catalog/directory';
import { formatCount } from '@/utils/figures/format';

interface Props {
  matrix: Matrix;
  appInfo: (id: string) => AppInfo | undefined;
}

export function SwitchMatrix({ matrix, appInfo }: Props) {
  if (matrix.apps.length < 2) return null;
  const name = (id: string) => appInfo(id)?.name ?? id;
  // An app nobody switched from (or to) in the period would be a row (or column) of empty cells.
  const all = matrix.apps.map((_, i) => i);
  const rows = all.filter((i) => matrix.counts[i]!.some((n, j) => i !== j && n > 0));
  const columns = all.filter((j) => matrix.counts.some((row, i) => i !== j && row[j]! > 0));
  return (
    <section aria-labelledby="matrix-title">
      <h2 id="matrix-title">Who switches to what</h2>
      <p class="hint">
        Switches from the app in the row to the app in the column, over the period, among the {matrix.apps.length}{' '}
        busiest apps. An app with no switch from it has no row; one with no switch to it, no column.
      </p>
      <div class="table-wrap">
        <table class="matrix" aria-label="Switches from the app in the row to the app in the column">
          <thead>
            <tr>
              <th scope="col">From ↓ To →</th>
              {columns.map((j) => (
                <th scope="col" key={matrix.apps[j]}>
                  {name(matrix.apps[j]!)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={matrix.apps[i]}>
                <th scope="row">{name(matrix.apps[i]!)}</th>
                {columns.map((j) => {
                  const [from, to] = [matrix.apps[i]!, matrix.apps[j]!];
                  const count = matrix.counts[i]![j]!;
                  const heat = matrix.max ? count / matrix.max : 0;
                  return (
                    <td
                      key={to}
                      class="num"
                      style={{ '--heat': heat.toFixed(3) } as Record<string, string>}
                      title={i === j ? '' : `${name(from)} \u2192 ${name(to)}: ${formatCount(count)}`}
                    >
                      {i === j || !count ? '' : formatCount(count)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
