/**
 * The ranking of integration opportunities: the table a partnerships manager picks from. Pairs of
 * apps, or, with your product chosen, partner companies (PartnerRanking.tsx).
 */
import { useState } from 'preact/hooks';
import { formatCount, formatMoney, formatOneDecimal } from '@/utils/figures/format';
import type { Partner } from '@/utils/figures/partners';
import type { RankedPair, RankingPeriod } from '@/utils/figures/ranking';
import { pairId, RANKING_PERIODS } from '@/utils/figures/ranking';
import { PRELIMINARY_DAYS } from '@/utils/figures/preliminary';
import type { AppInfo } from '@/utils/catalog/directory';
import type { Report } from '@/utils/figures/report';
import { pairDetail, pairLabel } from '@/utils/figures/report';
import { IntegrationSummary, MarkIntegratedForm } from './IntegrationNotes';
import { PartnerRanking } from './PartnerRanking';
import { RowMenu, useRowForm } from './RowMenu';
import { Sparkline } from './Sparkline';
import { LOCKED_NOTE } from './locked';

export interface VendorChoice {
  id: string;
  name: string;
}

export interface RankingSectionProps {
  report: Report | undefined;
  pairs: readonly RankedPair[];
  /** Whether a pair (by `pairId`) was seen on too few active days to be settled; null while not known. */
  preliminary?: ((id: string) => boolean) | null;
  /** A pair's switches per week, oldest first (utils/figures/trend.ts); null while the history is not read. */
  trend?: ((a: string, b: string) => readonly number[]) | null;
  period: RankingPeriod;
  onPeriodChange: (period: RankingPeriod) => void;
  /** Your product's vendor id, or null to rank every pair. */
  yourProduct: string | null;
  productName: string | null;
  /** Companies to choose from, those seen in the period first; null while only the current one is offered. */
  productChoices: { seen: readonly VendorChoice[]; others: readonly VendorChoice[] } | null;
  onYourProductChange: (vendor: string | null) => void;
  /** Your product was set by the organisation's policy: shown, not editable. */
  yourProductLocked?: boolean;
  /** Partner vendors, when your product is set. */
  partners: readonly Partner<RankedPair>[] | null;
  onMarkNotAFit: (vendor: string, note: string) => void;
  onUnmarkNotAFit: (vendor: string) => void;
  seats: number | null;
  currency: string;
  appInfo: (id: string) => AppInfo | undefined;
  today: string;
  onMarkIntegrated: (pair: RankedPair, since: string) => string | null;
  onUnmarkIntegrated: (pair: RankedPair) => void;
}

const one = formatOneDecimal;

/** What "Preliminary" by a pair means. */
export const PRELIMINARY_TITLE = `Seen on fewer than ${PRELIMINARY_DAYS} active days: its figures may still change a lot.`;

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
          Your product{' '}
          <select
            value={props.yourProduct ?? ''}
            disabled={props.yourProductLocked}
            aria-describedby={props.yourProductLocked ? 'your-product-locked' : undefined}
            onChange={(e) => props.onYourProductChange((e.target as HTMLSelectElement).value || null)}
          >
            <option value="">None: rank every pair</option>
            {props.yourProduct && !offered(props) && (
              <option value={props.yourProduct}>{props.productName ?? props.yourProduct}</option>
            )}
            {props.productChoices?.seen.length ? (
              <optgroup label="Seen in this period">{props.productChoices.seen.map(vendorOption)}</optgroup>
            ) : null}
            {props.productChoices && (
              <optgroup label="Every other company">{props.productChoices.others.map(vendorOption)}</optgroup>
            )}
          </select>
          {props.yourProductLocked && (
            <span class="locked" id="your-product-locked">
              {' '}
              {LOCKED_NOTE}
            </span>
          )}
        </label>
      </div>
      {report && <p class="summary">{summaryLine(report)}</p>}
      {props.partners && props.yourProduct ? (
        <PartnerRanking
          partners={props.partners}
          productName={props.productName ?? props.yourProduct}
          trend={props.trend ?? null}
          seats={seats}
          currency={props.currency}
          appInfo={appInfo}
          today={props.today}
          onMarkIntegrated={props.onMarkIntegrated}
          onUnmarkIntegrated={props.onUnmarkIntegrated}
          onMarkNotAFit={props.onMarkNotAFit}
          onUnmarkNotAFit={props.onUnmarkNotAFit}
        />
      ) : props.pairs.length === 0 ? (
        <p class="empty">No switches between apps in this period.</p>
      ) : (
        <div class="table-wrap">
          <table class="ranking" aria-label="Integration opportunities, most hours a year first">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Pair</th>
                <th scope="col" class="num">
                  Switches / active day
                </th>
                <th scope="col" class="num">
                  Quick look-ups / active day
                </th>
                <th scope="col" class="num">
                  Measured s / active day
                </th>
                <th scope="col" class="num">
                  Assumed s / active day
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
                  class={pair.top !== null ? 'top' : undefined}
                  data-pair={pairId(pair.a, pair.b)}
                >
                  <td>{pair.rank}</td>
                  <th scope="row" title={pairDetail(pair, appInfo)}>
                    {pairLabel(pair, appInfo)}
                    {pair.top !== null && <span class="badge">Top {pair.top}</span>}
                    {props.preliminary?.(pairId(pair.a, pair.b)) && (
                      <span class="flag preliminary" title={PRELIMINARY_TITLE}>
                        Preliminary
                      </span>
                    )}
                    <small class="direction">{directionLine(pair, appInfo)}</small>
                    {props.trend && <Sparkline weeks={props.trend(pair.a, pair.b)} />}
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
          {pairs.some((p) => props.preliminary?.(pairId(p.a, p.b))) && (
            <p class="hint">Preliminary: {PRELIMINARY_TITLE.charAt(0).toLowerCase() + PRELIMINARY_TITLE.slice(1)}</p>
          )}
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

/**
 * The period in a sentence, in the words of the page: active days, switches, and the breaks (long
 * gaps between two apps) that are not counted as switches.
 */
export function summaryLine(report: Pick<Report, 'period' | 'activeDays' | 'switches' | 'breaks'>): string {
  const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
  let line = `${report.period.start} to ${report.period.end}: ${plural(report.activeDays, 'active day', 'active days')}, ${plural(report.switches, 'switch', 'switches')} between apps.`;
  if (report.breaks > 0)
    line +=
      report.breaks === 1
        ? ' 1 long gap between two apps (a break) is not counted as a switch.'
        : ` ${formatCount(report.breaks)} long gaps between two apps (breaks) are not counted as switches.`;
  if (report.activeDays === 0)
    line += ' No active day yet (a day with an hour of browsing), so “per active day” means the whole period so far.';
  return line;
}

/** Which way the switches went, shown under the pair: "Slack → Dropbox 12 · Dropbox → Slack 9". */
export function directionLine(
  pair: Pick<RankedPair, 'a' | 'b' | 'aToB' | 'bToA'>,
  appInfo: RankingSectionProps['appInfo'],
) {
  const [a, b] = [appInfo(pair.a)?.name ?? pair.a, appInfo(pair.b)?.name ?? pair.b];
  return `${a} \u2192 ${b} ${formatCount(pair.aToB)} \u00b7 ${b} \u2192 ${a} ${formatCount(pair.bToA)}`;
}

const vendorOption = (v: VendorChoice) => (
  <option key={v.id} value={v.id}>
    {v.name}
  </option>
);

/** Whether the choices offer your product (before they are drawn, or after its custom app went). */
function offered({ yourProduct, productChoices }: RankingSectionProps): boolean {
  if (!productChoices) return false;
  return [...productChoices.seen, ...productChoices.others].some((v) => v.id === yourProduct);
}

/** The pair's flags and status as text, its actions in a menu, and the form one of them opens. */
function PairNotes({
  pair,
  today,
  appInfo,
  onMarkIntegrated,
  onUnmarkIntegrated,
}: RankingSectionProps & { pair: RankedPair }) {
  const form = useRowForm();
  const items = pair.integration
    ? [{ label: 'Unmark integrated', onSelect: () => onUnmarkIntegrated(pair) }]
    : [{ label: 'Mark integrated…', onSelect: form.open }];
  return (
    <>
      <div class="row-actions">
        <div class="notes">
          {pair.sameCategory && (
            <span
              class="flag same-category"
              title="Both apps are in the same category: consider consolidating rather than integrating."
            >
              Same category: consolidate
            </span>
          )}
          {pair.integration && (
            <span class="flag integrated">
              <IntegrationSummary integration={pair.integration} />
            </span>
          )}
        </div>
        <RowMenu label={`Actions for ${pairLabel(pair, appInfo)}`} items={items} buttonRef={form.button} />
      </div>
      {form.editing && !pair.integration && (
        <MarkIntegratedForm today={today} onMark={(since) => onMarkIntegrated(pair, since)} onClose={form.close} />
      )}
    </>
  );
}
