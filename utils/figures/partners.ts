/**
 * Partners are companies: with "your product" (a vendor) set, the pairs between your product's
 * apps and another vendor's are that vendor's, and vendors are ranked by the annual hours lost on
 * the pairs an integration could save. A pair of two apps of the same category (two file stores)
 * is consolidation or competition, and a pair already integrated is done: both are listed apart
 * and count toward no partner. A vendor marked "not a fit" is listed apart too. The first five
 * candidates are the top five; where neighbours' Conservative–High ranges overlap, their order is
 * not a finding, and they are said to be level. Pure: figures come in priced.
 */
import type { AppInfo } from '../catalog/directory';
import type { PairFigures } from './report';

/** How many candidates stand out as the ones to pursue. */
export const TOP_PARTNERS = 5;

export type PartnerStatus = 'candidate' | 'same-category' | 'integrated' | 'not-a-fit';

/** A priced pair, marked if integrated: the options page passes its ranked pairs, and gets them back. */
export type PartnerPairIn = PairFigures & { integration?: { since: string } | null };

export interface PartnerPair<P extends PairFigures = PairFigures> {
  figures: P;
  /** Your product's app, and the partner's. */
  ours: string;
  theirs: string;
  status: Exclude<PartnerStatus, 'not-a-fit'>;
  reason: string | null;
  /** Annual hours under the Conservative and High presets. */
  range: [number, number];
}

export interface Partner<P extends PairFigures = PairFigures> {
  vendor: string;
  name: string;
  /** The partner's apps that your product's apps were switched with. */
  apps: string[];
  status: PartnerStatus;
  reason: string | null;
  /** Over the candidate pairs only (all pairs when the partner has none, for reference). */
  annualHours: number;
  annualHoursRange: [number, number];
  annualCost: number;
  switchesPerDay: number;
  lookupsPerDay: number;
  secondsPerSwitch: number;
  /** Share of the seconds lost that is measured (time between apps), 0–1. */
  measuredShare: number;
  pairs: PartnerPair<P>[];
  /** Among the top five or after: its range overlaps the next candidate's. */
  levelWithNext: boolean;
}

export interface PartnersInput<P extends PartnerPairIn = PartnerPairIn> {
  yourProduct: string;
  pairs: readonly P[];
  /** Annual hours of a pair under the Conservative and High presets. */
  range: (pair: P) => [number, number];
  appInfo: (id: string) => AppInfo | undefined;
  /** Vendors marked not a fit, with the person's note. */
  notAFit?: Readonly<Record<string, { note: string }>>;
  categoryName?: (category: string) => string;
}

/** Why a pair is listed apart, in words the ranking and the brief share. */
export const integratedReason = (ours: string, theirs: string, since: string) =>
  `${ours} and ${theirs} are integrated since ${since}`;
export const sameCategoryReason = (ours: string, theirs: string, category: string) =>
  `${ours} and ${theirs} are both ${category.toLowerCase()}: consolidation or competition, not integration`;

/** Partner vendors, candidates first by annual hours; then the rest, each with its reason. */
export function rankPartners<P extends PartnerPairIn>(input: PartnersInput<P>): Partner<P>[] {
  const { appInfo, yourProduct } = input;
  const byVendor = new Map<string, PartnerPair<P>[]>();
  for (const figures of input.pairs) {
    const [infoA, infoB] = [appInfo(figures.a), appInfo(figures.b)];
    const oursIsA = infoA?.vendor === yourProduct;
    const oursIsB = infoB?.vendor === yourProduct;
    // Pairs without your product, and your product with itself, are not about a partner.
    if (oursIsA === oursIsB) continue;
    const [ours, theirs] = oursIsA ? [figures.a, figures.b] : [figures.b, figures.a];
    const [ourInfo, theirInfo] = oursIsA ? [infoA, infoB] : [infoB, infoA];
    const vendor = theirInfo?.vendor ?? theirs;
    const sameCategory = ourInfo !== undefined && theirInfo !== undefined && ourInfo.category === theirInfo.category;
    const name = (id: string) => appInfo(id)?.name ?? id;
    const category = ourInfo ? (input.categoryName?.(ourInfo.category) ?? ourInfo.category) : '';
    const pair: PartnerPair<P> = figures.integration
      ? {
          figures,
          ours,
          theirs,
          status: 'integrated',
          reason: integratedReason(name(ours), name(theirs), figures.integration.since),
          range: input.range(figures),
        }
      : sameCategory
        ? {
            figures,
            ours,
            theirs,
            status: 'same-category',
            reason: sameCategoryReason(name(ours), name(theirs), category),
            range: input.range(figures),
          }
        : { figures, ours, theirs, status: 'candidate', reason: null, range: input.range(figures) };
    byVendor.set(vendor, [...(byVendor.get(vendor) ?? []), pair]);
  }

  const partners = [...byVendor].map(([vendor, pairs]): Partner<P> => {
    const candidates = pairs.filter((p) => p.status === 'candidate');
    const counted = candidates.length ? candidates : pairs;
    const sum = (pick: (p: PartnerPair<P>) => number) => counted.reduce((total, p) => total + pick(p), 0);
    const secondsLost = sum((p) => p.figures.secondsLost);
    const switches = sum((p) => p.figures.switches);
    const note = input.notAFit?.[vendor];
    const info = appInfo(pairs[0]!.theirs);
    const status: PartnerStatus = note
      ? 'not-a-fit'
      : candidates.length
        ? 'candidate'
        : pairs.some((p) => p.status === 'same-category')
          ? 'same-category'
          : 'integrated';
    const reason = note
      ? `Marked not a fit${note.note ? `: ${note.note}` : ''}`
      : candidates.length
        ? null
        : pairs.map((p) => p.reason).join('; ');
    return {
      vendor,
      name: info?.vendorName ?? vendor,
      apps: [...new Set(pairs.map((p) => p.theirs))],
      status,
      reason,
      annualHours: sum((p) => p.figures.annualHours),
      annualHoursRange: [sum((p) => p.range[0]), sum((p) => p.range[1])],
      annualCost: sum((p) => p.figures.annualCost),
      switchesPerDay: sum((p) => p.figures.switchesPerDay),
      lookupsPerDay: sum((p) => p.figures.detoursPerDay),
      secondsPerSwitch: switches ? secondsLost / switches : 0,
      measuredShare: secondsLost ? sum((p) => p.figures.measuredSeconds) / secondsLost : 0,
      pairs: [...pairs].sort((x, y) => y.figures.annualHours - x.figures.annualHours),
      levelWithNext: false,
    };
  });
  const order = (p: Partner) => (p.status === 'candidate' ? 0 : 1);
  partners.sort((x, y) => order(x) - order(y) || y.annualHours - x.annualHours || x.name.localeCompare(y.name));
  for (let i = 0; i + 1 < partners.length; i++) {
    const [here, next] = [partners[i]!, partners[i + 1]!];
    if (here.status === 'candidate' && next.status === 'candidate')
      here.levelWithNext = next.annualHoursRange[1] >= here.annualHoursRange[0];
  }
  return partners;
}

/** The top five: the first candidates, never a partner listed apart. */
export function topPartners<P extends PairFigures>(partners: readonly Partner<P>[]): Partner<P>[] {
  return partners.filter((p) => p.status === 'candidate').slice(0, TOP_PARTNERS);
}
