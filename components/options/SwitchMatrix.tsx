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
  return (
    <section aria-labelledby="matrix-title">
      <h2 id="matrix-title">Who switches to what</h2>
      <p class="hint">
        Switches from the app in the row to the app in the column, over the period, among the {matrix.apps.length}{' '}
        busiest apps.
      </p>
      <div class="table-wrap">
        <table class="matrix">
          <thead>
            <tr>
              <th scope="col">From ↓ To →</th>
              {matrix.apps.map((id) => (
                <th scope="col" key={id}>
                  {name(id)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.apps.map((from, i) => (
              <tr key={from}>
                <th scope="row">{name(from)}</th>
                {matrix.apps.map((to, j) => {
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
