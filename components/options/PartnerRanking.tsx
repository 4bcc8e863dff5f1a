/**
 * Partner companies of your product, ranked by the hours a year lost between your product's apps
 * and theirs, each with its app pairs beneath: the top five, then the rest to evaluate next, in
 * order. What is not a candidate is listed apart with its reason, so nothing is silently dropped.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppInfo } from '@/utils/catalog/directory';
import { formatCount, formatMoney, formatOneDecimal, formatShare } from '@/utils/figures/format';
import type { Partner, PartnerPair } from '@/utils/figures/partners';
import { TOP_PARTNERS } from '@/utils/figures/partners';
import type { RankedPair } from '@/utils/figures/ranking';
import { pairId } from '@/utils/figures/ranking';
import { pairDetail, pairLabel } from '@/utils/figures/report';
import { useFocusFollow } from './focus-follow';
import { IntegrationSummary, MarkIntegratedForm } from './IntegrationNotes';
import { RowMenu, useRowForm } from './RowMenu';
import { Sparkline } from './Sparkline';

export interface PartnerRankingProps {
  partners: readonly Partner<RankedPair>[];
  productName: string;
  /** A pair's switches per week, oldest first (utils/figures/trend.ts); null while the history is not read. */
  trend?: ((a: string, b: string) => readonly number[]) | null;
  seats: number | null;
  currency: string;
  appInfo: (id: string) => AppInfo | undefined;
  today: string;
  onMarkIntegrated: (pair: RankedPair, since: string) => string | null;
  onUnmarkIntegrated: (pair: RankedPair) => void;
  onMarkNotAFit: (vendor: string, note: string) => void;
  onUnmarkNotAFit: (vendor: string) => void;
}

/** Partners drawn at first: the top five and as many to evaluate next; the rest are one click away. */
export const FIRST_PARTNERS = 10;

const one = formatOneDecimal;

/** The figures a partner and each of its pairs show, in the table's column order. */
interface Figures {
  switchesPerDay: number;
  lookupsPerDay: number;
  secondsPerSwitch: number;
  measuredShare: number;
  annualHours: number;
  range: [number, number];
  annualCost: number;
}

const pairFigures = ({ figures: f, range }: PartnerPair<RankedPair>): Figures => ({
  switchesPerDay: f.switchesPerDay,
  lookupsPerDay: f.detoursPerDay,
  secondsPerSwitch: f.switches ? f.secondsLost / f.switches : 0,
  measuredShare: f.secondsLost ? f.measuredSeconds / f.secondsLost : 0,
  annualHours: f.annualHours,
  range,
  annualCost: f.annualCost,
});

const partnerFigures = (p: Partner<RankedPair>): Figures => ({
  switchesPerDay: p.switchesPerDay,
  lookupsPerDay: p.lookupsPerDay,
  secondsPerSwitch: p.secondsPerSwitch,
  measuredShare: p.measuredShare,
  annualHours: p.annualHours,
  range: p.annualHoursRange,
  annualCost: p.annualCost,
});

export function PartnerRanking(props: PartnerRankingProps) {
  const { partners, productName, seats } = props;
  const [showAll, setShowAll] = useState(false);
  const candidates = partners.filter((p) => p.status === 'candidate');
  const shown = showAll ? candidates : candidates.slice(0, FIRST_PARTNERS);
  // Most hours first, whichever partner they belong to.
  const apartPairs = partners
    .flatMap((p) => p.pairs.filter((pair) => pair.status !== 'candidate'))
    .sort((x, y) => y.figures.annualHours - x.figures.annualHours);
  const sameCategory = apartPairs.filter((p) => p.status === 'same-category');
  const integrated = apartPairs.filter((p) => p.status === 'integrated');
  const notAFit = partners.filter((p) => p.status === 'not-a-fit');
  const columns = seats === null ? 11 : 12;
  const root = useRef<HTMLDivElement>(null);
  const follow = useFocusFollow(root, partners);

  if (partners.length === 0)
    return (
      <p class="empty">
        No switches between {productName}’s apps and another company’s in this period. Choose None to rank every pair.
      </p>
    );
  return (
    <div class="partner-view" ref={root}>
      <p class="hint">
        Partners of {productName}: the companies whose apps people switch to and from {productName}’s, by the hours a
        year an integration could give back (per person, from this browser). The range is the hours under the
        Conservative and High assumptions; where neighbours’ ranges overlap they are level, and their order is not a
        finding.
      </p>
      {candidates.length === 0 ? (
        <p class="empty">No partner to rank: every pair with {productName} is listed apart below.</p>
      ) : (
        <div class="table-wrap">
          <table class="ranking partners" aria-label={`Partners of ${productName}, most hours a year first`}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Partner, and its pairs</th>
                <th scope="col" class="num">
                  Switches / active day
                </th>
                <th scope="col" class="num">
                  Quick look-ups / active day
                </th>
                <th scope="col" class="num">
                  Seconds / switch
                </th>
                <th
                  scope="col"
                  class="num"
                  title="Time between apps is measured; refocus, resumption and the share of look-up time are estimated."
                >
                  Measured (rest estimated)
                </th>
                <th scope="col" class="num">
                  Hours / year / person
                </th>
                <th scope="col" class="num">
                  Conservative–High
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
            <tbody aria-label="Top five">
              {shown.slice(0, TOP_PARTNERS).map((partner, i) => (
                <PartnerRows
                  key={partner.vendor}
                  {...props}
                  partner={partner}
                  rank={i + 1}
                  list={candidates}
                  follow={follow}
                />
              ))}
            </tbody>
            {shown.length > TOP_PARTNERS && (
              <tbody aria-label="To evaluate next">
                <tr class="group">
                  <th scope="rowgroup" colSpan={columns}>
                    To evaluate next, in order
                  </th>
                </tr>
                {shown.slice(TOP_PARTNERS).map((partner, i) => (
                  <PartnerRows
                    key={partner.vendor}
                    {...props}
                    partner={partner}
                    rank={TOP_PARTNERS + i + 1}
                    list={candidates}
                    follow={follow}
                  />
                ))}
              </tbody>
            )}
          </table>
          {candidates.length > shown.length && (
            <button type="button" class="link" onClick={() => setShowAll(true)}>
              Show all {candidates.length} partners
            </button>
          )}
        </div>
      )}
      {(sameCategory.length > 0 || integrated.length > 0 || notAFit.length > 0) && (
        <div class="apart">
          <h3>Listed apart</h3>
          <p class="hint">Not ranked, and counted toward no partner: each with its reason.</p>
          {sameCategory.length > 0 && (
            <>
              <h4 id="apart-same-category">Same category</h4>
              <ul aria-labelledby="apart-same-category">
                {sameCategory.map((pair) => (
                  <li key={pairId(pair.ours, pair.theirs)} data-pair={pairId(pair.ours, pair.theirs)}>
                    <strong>{pairLabel({ a: pair.ours, b: pair.theirs }, props.appInfo)}</strong>,{' '}
                    {one(pair.figures.annualHours)} h a year: {pair.reason}.
                  </li>
                ))}
              </ul>
            </>
          )}
          {integrated.length > 0 && (
            <>
              <h4 id="apart-integrated">Integrated</h4>
              <ul aria-labelledby="apart-integrated">
                {integrated.map((pair) => (
                  <li key={pairId(pair.ours, pair.theirs)} data-pair={pairId(pair.ours, pair.theirs)}>
                    <strong>{pairLabel({ a: pair.ours, b: pair.theirs }, props.appInfo)}</strong>:{' '}
                    {pair.figures.integration && <IntegrationSummary integration={pair.figures.integration} />}.{' '}
                    <RowMenu
                      label={`Actions for ${pairLabel({ a: pair.ours, b: pair.theirs }, props.appInfo)}`}
                      items={[
                        {
                          label: 'Unmark integrated',
                          onSelect: () => {
                            const id = pairId(pair.ours, pair.theirs);
                            follow(`li[data-pair="${id}"]`, `tr[data-pair="${id}"]`);
                            props.onUnmarkIntegrated(pair.figures);
                          },
                        },
                      ]}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
          {notAFit.length > 0 && (
            <>
              <h4 id="apart-not-a-fit">Not a fit</h4>
              <ul aria-labelledby="apart-not-a-fit">
                {notAFit.map((partner) => (
                  <li key={partner.vendor} data-vendor={partner.vendor}>
                    <strong>{partner.name}</strong>
                    {appsOf(partner, props.appInfo)}, {one(partner.annualHours)} h a year: {partner.reason}.{' '}
                    <RowMenu
                      label={`Actions for ${partner.name}`}
                      items={[
                        {
                          label: 'Unmark not a fit',
                          onSelect: () => {
                            const vendor = partner.vendor;
                            follow(`li[data-vendor="${vendor}"]`, `tr[data-vendor="${vendor}"]`);
                            props.onUnmarkNotAFit(vendor);
                          },
                        },
                      ]}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** `follow(from, to)` of useFocusFollow: where a row's menu button will be once an action moves it. */
type Follow = (from: string, to: string) => void;

/** A candidate's row, then one row per pair it ranks on. */
function PartnerRows(
  props: PartnerRankingProps & {
    partner: Partner<RankedPair>;
    rank: number;
    list: readonly Partner<RankedPair>[];
    follow: Follow;
  },
) {
  const { partner, rank, list, seats } = props;
  const top = rank <= TOP_PARTNERS;
  const level = [
    ...(rank > 1 && list[rank - 2]!.levelWithNext ? [rank - 1] : []),
    ...(partner.levelWithNext ? [rank + 1] : []),
  ];
  const pairs = partner.pairs.filter((p) => p.status === 'candidate');
  const form = useRowForm();
  return (
    <>
      <tr class={top ? 'partner top' : 'partner'} data-vendor={partner.vendor}>
        <td>{rank}</td>
        <th scope="row">
          {partner.name}
          {top && <span class="badge">Top {rank}</span>}
        </th>
        <FigureCells figures={partnerFigures(partner)} seats={seats} currency={props.currency} />
        <td>
          <div class="row-actions">
            <div class="notes">
              {level.length > 0 && (
                <span
                  class="flag level"
                  title="Their Conservative–High ranges overlap: the order between them is not a finding."
                >
                  Level with {level.map((n) => `#${n}`).join(' and ')}
                </span>
              )}
            </div>
            <RowMenu
              label={`Actions for ${partner.name}`}
              items={[{ label: 'Not a fit…', onSelect: form.open }]}
              buttonRef={form.button}
            />
          </div>
          {form.editing && (
            <NotAFitForm
              onMark={(note) => {
                props.follow(`tr[data-vendor="${partner.vendor}"]`, `li[data-vendor="${partner.vendor}"]`);
                props.onMarkNotAFit(partner.vendor, note);
              }}
              onClose={form.close}
            />
          )}
        </td>
      </tr>
      {pairs.map((pair) => (
        <PairRow key={pairId(pair.ours, pair.theirs)} {...props} pair={pair} />
      ))}
    </>
  );
}

/** One of a partner's pairs, beneath it: its figures, its sparkline, and "Mark integrated…". */
function PairRow(props: PartnerRankingProps & { pair: PartnerPair<RankedPair>; follow: Follow }) {
  const { pair, appInfo } = props;
  const id = pairId(pair.ours, pair.theirs);
  const label = pairLabel({ a: pair.ours, b: pair.theirs }, appInfo);
  const form = useRowForm();
  return (
    <tr class="partner-pair" data-pair={id}>
      <td />
      <th scope="row" title={pairDetail(pair.figures, appInfo)}>
        {label}
        {props.trend && <Sparkline weeks={props.trend(pair.ours, pair.theirs)} />}
      </th>
      <FigureCells figures={pairFigures(pair)} seats={props.seats} currency={props.currency} />
      <td>
        <div class="row-actions">
          <RowMenu
            label={`Actions for ${label}`}
            items={[{ label: 'Mark integrated…', onSelect: form.open }]}
            buttonRef={form.button}
          />
        </div>
        {form.editing && (
          <MarkIntegratedForm
            today={props.today}
            onMark={(since) => {
              const problem = props.onMarkIntegrated(pair.figures, since);
              if (!problem) props.follow(`tr[data-pair="${id}"]`, `li[data-pair="${id}"]`);
              return problem;
            }}
            onClose={form.close}
          />
        )}
      </td>
    </tr>
  );
}

function FigureCells({ figures: f, seats, currency }: { figures: Figures; seats: number | null; currency: string }) {
  return (
    <>
      <td class="num">{one(f.switchesPerDay)}</td>
      <td class="num">{one(f.lookupsPerDay)}</td>
      <td class="num">{one(f.secondsPerSwitch)}</td>
      <td class="num">{formatShare(f.measuredShare)}</td>
      <td class="num hours">{one(f.annualHours)}</td>
      <td class="num range">
        {one(f.range[0])}–{one(f.range[1])}
      </td>
      <td class="num">{formatMoney(f.annualCost, currency)}</td>
      {seats !== null && <td class="num">{formatCount(f.annualHours * seats)}</td>}
    </>
  );
}

/** " (Google Sheets, Gmail)": the partner's apps, when its name alone does not say which. */
function appsOf(partner: Partner, appInfo: (id: string) => AppInfo | undefined): string {
  const names = partner.apps.map((id) => appInfo(id)?.name ?? id);
  return names.length === 1 && names[0] === partner.name ? '' : ` (${names.join(', ')})`;
}

/**
 * Why a partner is not a fit, asked in its row once "Not a fit…" is chosen from its menu: marked,
 * the partner leaves the ranking and is listed apart with the note.
 */
function NotAFitForm({ onMark, onClose }: { onMark: (note: string) => void; onClose: () => void }) {
  const [note, setNote] = useState('');
  const field = useRef<HTMLInputElement>(null);
  // Opened from a menu that no longer holds the focus: the form's one field takes it.
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      class="inline row-form"
      // Escape cancels, as it closes the menu the form was opened from.
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        onMark(note.trim());
        onClose();
      }}
    >
      <label>
        Why not a fit{' '}
        <input
          ref={field}
          type="text"
          value={note}
          maxLength={200}
          onInput={(e) => setNote((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit">Mark not a fit</button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
