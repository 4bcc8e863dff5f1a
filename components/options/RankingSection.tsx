/** The ranking of integration opportunities: the table a partnerships manager picks from. */
import { useState } from 'preact/hooks';
import { formatCount, formatDuration, formatMoney, formatOneDecimal } from '@/utils/figures/format';
import type { RankedPair, RankingPeriod } from '@/utils/figures/ranking';
import { pairId, RANKING_PERIODS } from '@/utils/figures/ranking';
import type { AppInfo } from '@/utils/catalog/directory';
import type { Report } from '@/utils/figures/report';
import { pairDetail, pairLabel } from '@/utils/figures/report';

export interface RankingSectionProps {
  report: Report | undefined;
  pairs: readonly RankedPair[];
  period: RankingPeriod;
  onPeriodChange: (period: RankingPeriod) => void;
  homeApp: string | null;
  /** Apps that appear in the period, for the home-app filter. */
  homeAppChoices: readonly string[];
  onHomeAppChange: (app: string | null) => void;
  seats: number | null;
  currency: string;
  appInfo: (id: string) => AppInfo | undefined;
  today: string;
  onMarkIntegrated: (pair: RankedPair, since: string) => string | null;
  onUnmarkIntegrated: (pair: RankedPair) => void;
}

const one = formatOneDecimal;

/**
 * Rows drawn at first: the decisions are at the top (about a screenful), and a year of pairs is a
 * long table, slower to lay out on the first draw; the rest are one click away, and in every export.
 */
export const FIRST_ROWS = 20;

export function RankingSection(props: RankingSectionProps) {
  const { report, appInfo, seats } = props;
  const [showAll, setShowAll] = useState(false);
  const pairs = showAll ? props.pairs : props.pairs.slice(0, FIRST_ROWS);
  const money = (n: number) => formatMoney(n, props.currency);
  return (
    <section aria-labelledby="ranking-title">
      <h2 id="ranking-title">Integration opportunities</h2>
      <div class="controls">
        <div role="group" aria-label="Period" class="segmented">
          {(Object.keys(RANKING_PERIODS) as RankingPeriod[]).map((id) => (
            <button key={id} type="button" aria-pressed={id === props.period} onClick={() => props.onPeriodChange(id)}>
              {RANKING_PERIODS[id].label}
            </button>
          ))}
        </div>
        <label>
          Home app{' '}
          <select
            value={props.homeApp ?? ''}
            onChange={(e) => props.onHomeAppChange((e.target as HTMLSelectElement).value || null)}
          >
            <option value="">All apps</option>
            {props.homeAppChoices.map((id) => (
              <option key={id} value={id}>
                {appInfo(id)?.name ?? id}
              </option>
            ))}
          </select>
        </label>
      </div>
      {report && (
        <p class="summary">
          {report.period.start} to {report.period.end}: {formatCount(report.activeDays)} active{' '}
          {report.activeDays === 1 ? 'day' : 'days'}, {formatCount(report.switches)} switches,{' '}
          {formatCount(report.breaks)} breaks (not priced).
          {report.activeDays === 0 &&
            ' No active day yet (an hour of browsing in a day): per-day figures are the period’s totals.'}
        </p>
      )}
      {props.pairs.length === 0 ? (
        <p class="empty">No switches between apps in this period{props.homeApp ? ' for this app' : ''}.</p>
      ) : (
        <div class="table-wrap">
          <table class="ranking" aria-label="Integration opportunities, most hours a year first">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Pair</th>
                <th scope="col" class="num">
                  Switches / day
                </th>
                <th scope="col" class="num">
                  Detours / day
                </th>
                <th scope="col" class="num">
                  Measured s / day
                </th>
                <th scope="col" class="num">
                  Assumed s / day
                </th>
                <th scope="col" class="num">
                  Hours / year / person
                </th>
                <th scope="col" class="num">
                  Cost / year / person
                </th>
                {seats !== null && (
                  <th scope="col" class="num">
                    Team hours / year ({formatCount(seats)} seats)
                  </th>
                )}
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair) => (
                <tr
                  key={pairId(pair.a, pair.b)}
                  class={pair.top ? 'top' : undefined}
                  data-pair={pairId(pair.a, pair.b)}
                >
                  <td>{pair.rank}</td>
                  <th scope="row" title={pairDetail(pair, appInfo)}>
                    {pairLabel(pair, appInfo)}
                    {pair.top && <span class="badge">Top {pair.rank}</span>}
                  </th>
                  <td class="num">{one(pair.switchesPerDay)}</td>
                  <td class="num">{one(pair.detoursPerDay)}</td>
                  <td class="num">{one(pair.measuredSecondsPerDay)}</td>
                  <td class="num">{one(pair.assumedSecondsPerDay)}</td>
                  <td class="num hours">{one(pair.annualHours)}</td>
                  <td class="num">{money(pair.annualCost)}</td>
                  {seats !== null && <td class="num">{formatCount(pair.teamAnnualHours ?? 0)}</td>}
                  <td>
                    <PairNotes pair={pair} {...props} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {props.pairs.length > pairs.length && (
            <button type="button" class="link" onClick={() => setShowAll(true)}>
              Show all {props.pairs.length} pairs
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function PairNotes({ pair, today, onMarkIntegrated, onUnmarkIntegrated }: RankingSectionProps & { pair: RankedPair }) {
  const [editing, setEditing] = useState(false);
  const [since, setSince] = useState(today);
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="notes">
      {pair.sameCategory && (
        <span
          class="flag overlap"
          title="Both apps are in the same category: consider consolidating rather than integrating."
        >
          Overlap: consolidate
        </span>
      )}
      {pair.integration ? (
        <span class="flag integrated">
          Integrated since {pair.integration.since}
          {pair.integration.before && (
            <>
              : {formatDuration(pair.integration.before.secondsLostPerDay)} lost a day before (
              {one(pair.integration.before.annualHours)} h a year, {pair.integration.before.activeDays} active days),{' '}
              {formatDuration(pair.integration.after.secondsLostPerDay)} after (
              {one(pair.integration.after.annualHours)} h a year, {pair.integration.after.activeDays} active days)
              {pair.integration.tooEarly && ': too early to tell'}
            </>
          )}{' '}
          <button type="button" class="link" onClick={() => onUnmarkIntegrated(pair)}>
            Unmark
          </button>
        </span>
      ) : editing ? (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            const problem = onMarkIntegrated(pair, since);
            setError(problem);
            if (!problem) setEditing(false);
          }}
        >
          <label>
            Integrated since{' '}
            <input
              type="date"
              value={since}
              max={today}
              onInput={(e) => setSince((e.target as HTMLInputElement).value)}
            />
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
      ) : (
        <button type="button" class="link" onClick={() => setEditing(true)}>
          Mark integrated…
        </button>
      )}
    </div>
  );
}
