/** The one-page brief, as a function of its model: what a partnerships executive forwards. */
import type { Chart } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import type { BriefModel } from '@/utils/exchange/brief';
import { formatCount, formatMoney, formatOneDecimal } from '@/utils/figures/format';

const one = formatOneDecimal;

export function Brief({ model, onPrint }: { model: BriefModel; onPrint: () => void }) {
  const money = (n: number) => formatMoney(n, model.currency);
  const team = model.contributors > 1;
  const teamColumn = team || model.seats !== null;
  return (
    <article class="brief" data-ready="true">
      <header>
        <h1>{model.title}</h1>
        <p class="meta">
          {model.period.start} to {model.period.end} ·{' '}
          {team ? `${formatCount(model.contributors)} people, ` : 'one person, '}
          {formatCount(model.period.activeDays)} active {team ? 'person-days' : 'days'} · Toggle Tax, catalog{' '}
          {model.catalogVersion} · generated {model.generatedAt.slice(0, 16).replace('T', ' ')} UTC
        </p>
        <button type="button" class="no-print" onClick={onPrint}>
          Print or save as PDF
        </button>
      </header>
      {model.rows.length === 0 ? (
        <p>No switches between apps in this period yet.</p>
      ) : (
        <>
          <h2>The five integrations worth the most time</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Pair of apps</th>
                <th scope="col" class="num">
                  Switches / day
                </th>
                <th scope="col" class="num">
                  Measured / assumed s per day
                </th>
                <th scope="col" class="num">
                  Hours / year / person{team ? ' (median)' : ''}
                </th>
                <th scope="col" class="num">
                  Range (Conservative–High)
                </th>
                <th scope="col" class="num">
                  Cost / year / person
                </th>
                {teamColumn && (
                  <th scope="col" class="num">
                    {team ? 'Team hours / year' : `Hours / year, ${formatCount(model.seats ?? 0)} seats`}
                  </th>
                )}
                {teamColumn && (
                  <th scope="col" class="num">
                    Team cost / year
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {model.rows.map((row) => (
                <tr key={row.apps.join('|')}>
                  <th scope="row">
                    {row.label}
                    {row.preliminary && <small>preliminary: under 5 days of data</small>}
                    {row.sameCategory && <small>same category: consolidate?</small>}
                    {row.integratedSince && <small>integrated since {row.integratedSince}</small>}
                  </th>
                  <td class="num">{one(row.switchesPerDay)}</td>
                  <td class="num">
                    {one(row.measuredSecondsPerDay)} / {one(row.assumedSecondsPerDay)}
                  </td>
                  <td class="num strong">{one(row.annualHoursPerPerson)}</td>
                  <td class="num">
                    {one(row.rangeHours.conservative)}–{one(row.rangeHours.high)}
                  </td>
                  <td class="num">{money(row.annualCostPerPerson)}</td>
                  {teamColumn && <td class="num">{formatCount(row.teamAnnualHours ?? 0)}</td>}
                  {teamColumn && <td class="num">{money(row.teamAnnualCost ?? 0)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          <BriefChart model={model} />
        </>
      )}
      <h2>Method</h2>
      {model.method.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
      <h2>Assumptions and sources</h2>
      <ul class="sources">
        {Object.entries(model.assumptions).map(([key, a]) => (
          <li key={key}>
            <strong>
              {key}: {String(a.value)}
            </strong>{' '}
            — {a.source}
          </li>
        ))}
      </ul>
      <p class="meta">Aggregates only: no addresses, titles or times of single switches.</p>
    </article>
  );
}

/** Hours a year per person, split into measured and assumed time. */
function BriefChart({ model }: { model: BriefModel }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: Chart<'bar'> | null = null;
    let cancelled = false;
    void import('@/components/popup/pair-chart').then(({ Chart }) => {
      const context = canvas.current?.getContext('2d');
      if (cancelled || !context) return;
      const share = (measured: number, assumed: number) => (measured + assumed ? measured / (measured + assumed) : 0);
      const measured = model.rows.map(
        (r) => r.annualHoursPerPerson * share(r.measuredSecondsPerDay, r.assumedSecondsPerDay),
      );
      chart = new Chart(context, {
        type: 'bar',
        data: {
          labels: model.rows.map((r) => r.label),
          datasets: [
            { label: 'Measured (transit)', data: measured, backgroundColor: '#2563eb' },
            {
              label: 'Assumed (refocus, resumption, detour share)',
              data: model.rows.map((r, i) => r.annualHoursPerPerson - measured[i]!),
              backgroundColor: '#9333ea',
            },
          ],
        },
        options: {
          indexAxis: 'y',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            x: { stacked: true, title: { display: true, text: 'hours a year per person' } },
            y: { stacked: true },
          },
          plugins: { legend: { position: 'bottom' } },
        },
      });
      canvas.current!.dataset.ready = 'true';
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [model]);
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label="Hours a year per person for the five pairs, measured and assumed" />
    </div>
  );
}
