/**
 * Evidence as CSV, safe to open in a spreadsheet: one row per pair in the JSON's order or, with your
 * product set, one row per partner and pair (candidates first, then those listed apart, then pairs of
 * no partner). Every row carries the period, the assumptions and the recording rules, so a row
 * forwarded on its own keeps its context. Numbers are written unrounded (rounded once, when shown).
 */
import type { EvidenceFile, EvidencePair, EvidencePartner, IntegrationSide } from './evidence';

type Cell = string | number | boolean | null;

interface Row {
  pair: EvidencePair;
  /** The partner the row is about, with your product set; null for a pair of no partner. */
  partner: EvidencePartner | null;
  evidence: EvidenceFile;
  name: (id: string) => string;
}

const side = (row: Row, which: 'before' | 'after', field: keyof IntegrationSide) =>
  row.pair.integration?.[which][field] ?? null;

/** The columns in order, each with how its cell is read from a row: adding a column is one line here. */
const COLUMNS: readonly [string, (row: Row) => Cell][] = [
  // Readable names first.
  ['partner', ({ partner }) => partner?.name ?? null],
  ['partner_status', ({ partner }) => partner?.status ?? null],
  ['partner_reason', ({ partner }) => partner?.reason ?? null],
  ['app_a_name', ({ pair, name }) => name(pair.apps[0])],
  ['app_b_name', ({ pair, name }) => name(pair.apps[1])],
  // Then ids.
  ['partner_vendor', ({ partner }) => partner?.vendor ?? null],
  ['app_a', ({ pair }) => pair.apps[0]],
  ['app_b', ({ pair }) => pair.apps[1]],
  // The pair's figures.
  ['switches', ({ pair }) => pair.switches],
  ['a_to_b', ({ pair }) => pair.aToB],
  ['b_to_a', ({ pair }) => pair.bToA],
  ['detours', ({ pair }) => pair.detours],
  ['detour_dwell_seconds', ({ pair }) => pair.detourDwellSeconds],
  ['measured_seconds', ({ pair }) => pair.measuredSeconds],
  ['assumed_seconds', ({ pair }) => pair.assumedSeconds],
  ['seconds_lost', ({ pair }) => pair.secondsLost],
  ['switches_per_day', ({ pair }) => pair.switchesPerDay],
  ['seconds_lost_per_day', ({ pair }) => pair.secondsLostPerDay],
  ['annual_hours', ({ pair }) => pair.annualHours],
  ['annual_cost', ({ pair }) => pair.annualCost],
  ['same_category', ({ pair }) => pair.sameCategory],
  ['active_days_observed', ({ pair }) => pair.activeDaysObserved],
  ['preliminary', ({ pair }) => pair.preliminary],
  ['people', ({ pair }) => pair.people],
  ['median_annual_hours', ({ pair }) => pair.medianAnnualHours],
  ['p75_annual_hours', ({ pair }) => pair.p75AnnualHours],
  // The partner's figures (all its pairs together).
  ['partner_annual_hours', ({ partner }) => partner?.annualHours ?? null],
  ['partner_annual_hours_conservative', ({ partner }) => partner?.annualHoursRange[0] ?? null],
  ['partner_annual_hours_high', ({ partner }) => partner?.annualHoursRange[1] ?? null],
  ['partner_annual_cost', ({ partner }) => partner?.annualCost ?? null],
  ['partner_top_five', ({ partner, evidence }) => (partner ? (evidence.topFive ?? []).includes(partner.vendor) : null)],
  // An integration: before and after the day it went live.
  ['integrated_since', ({ pair }) => pair.integration?.since ?? null],
  ['before_active_days', (row) => side(row, 'before', 'activeDays')],
  ['before_seconds_lost_per_day', (row) => side(row, 'before', 'secondsLostPerDay')],
  ['before_annual_hours', (row) => side(row, 'before', 'annualHours')],
  ['after_active_days', (row) => side(row, 'after', 'activeDays')],
  ['after_seconds_lost_per_day', (row) => side(row, 'after', 'secondsLostPerDay')],
  ['after_annual_hours', (row) => side(row, 'after', 'annualHours')],
  // The context, in every row: the period, who, the assumptions and the recording rules.
  ['period_start', ({ evidence }) => evidence.period.start],
  ['period_end', ({ evidence }) => evidence.period.end],
  ['period_active_days', ({ evidence }) => evidence.period.activeDays],
  ['contributors', ({ evidence }) => evidence.contributors],
  ['team', ({ evidence }) => evidence.team],
  ['seats', ({ evidence }) => evidence.seats],
  ['your_product', ({ evidence }) => evidence.yourProduct],
  ['refocus_seconds', ({ evidence }) => evidence.assumptions.refocusSeconds.value],
  ['resumption_seconds', ({ evidence }) => evidence.assumptions.resumptionSeconds.value],
  ['avoidable_share', ({ evidence }) => evidence.assumptions.avoidableShare.value],
  ['working_days_per_year', ({ evidence }) => evidence.assumptions.workingDaysPerYear.value],
  ['hourly_cost', ({ evidence }) => evidence.assumptions.hourlyCost.value],
  ['currency', ({ evidence }) => evidence.assumptions.currency.value],
  // Null when the file's people recorded under different rules (or a version 1 file, which had none).
  ['min_dwell_ms', ({ evidence }) => evidence.rules?.minDwellMs ?? null],
  ['break_after_ms', ({ evidence }) => evidence.rules?.breakAfterMs ?? null],
  ['detour_max_ms', ({ evidence }) => evidence.rules?.detourMaxMs ?? null],
  ['other_budget_ms', ({ evidence }) => evidence.rules?.otherBudgetMs ?? null],
  ['focus_debounce_ms', ({ evidence }) => evidence.rules?.focusDebounceMs ?? null],
  ['catalog_version', ({ evidence }) => evidence.catalogVersion],
  ['generated_at', ({ evidence }) => evidence.generatedAt],
];

export const CSV_COLUMNS = COLUMNS.map(([name]) => name);

/**
 * What a spreadsheet may read as the start of a formula (CSV injection): = + - @ (or their
 * full-width forms, which some programs fold to them), also after leading spaces, which they
 * trim; and a tab or carriage return.
 */
const FORMULA_START = /^[\s\u200b\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/** A spreadsheet cell: quoted when needed, and never the start of a formula. Numbers stay as they are. */
export function csvCell(value: Cell): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = value ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows in order: per pair, or with partners per partner and pair, then the pairs of no partner. */
function rowsOf(evidence: EvidenceFile): Omit<Row, 'evidence' | 'name'>[] {
  if (!evidence.partners) return evidence.pairs.map((pair) => ({ pair, partner: null }));
  const byKey = new Map(evidence.pairs.map((p) => [p.apps.join('|'), p]));
  const used = new Set<string>();
  const rows: Omit<Row, 'evidence' | 'name'>[] = [];
  for (const partner of evidence.partners)
    for (const apps of partner.pairs) {
      const pair = byKey.get(apps.join('|'));
      if (!pair) continue;
      used.add(apps.join('|'));
      rows.push({ pair, partner });
    }
  for (const pair of evidence.pairs) if (!used.has(pair.apps.join('|'))) rows.push({ pair, partner: null });
  return rows;
}

export function evidenceToCsv(evidence: EvidenceFile): string {
  const names = new Map(evidence.apps.map((a) => [a.id, a.name]));
  const name = (id: string) => names.get(id) ?? id;
  const rows = rowsOf(evidence).map((row) =>
    COLUMNS.map(([, cell]) => csvCell(cell({ ...row, evidence, name }))).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
