/** Evidence as CSV: one row per pair, in the JSON's order, safe to open in a spreadsheet. */
import type { EvidenceFile, EvidencePair } from './evidence';

type Cell = string | number | boolean | null;

interface Row {
  pair: EvidencePair;
  evidence: EvidenceFile;
  name: (id: string) => string;
}

/** The columns in order, each with how its cell is read from a pair: adding a column is one line here. */
const COLUMNS: readonly [string, (row: Row) => Cell][] = [
  ['app_a', ({ pair }) => pair.apps[0]],
  ['app_b', ({ pair }) => pair.apps[1]],
  ['switches', ({ pair }) => pair.switches],
  ['seconds_lost', ({ pair }) => pair.secondsLost],
  ['annual_hours', ({ pair }) => pair.annualHours],
  ['app_a_name', ({ pair, name }) => name(pair.apps[0])],
  ['app_b_name', ({ pair, name }) => name(pair.apps[1])],
  ['a_to_b', ({ pair }) => pair.aToB],
  ['b_to_a', ({ pair }) => pair.bToA],
  ['detours', ({ pair }) => pair.detours],
  ['measured_seconds', ({ pair }) => pair.measuredSeconds],
  ['assumed_seconds', ({ pair }) => pair.assumedSeconds],
  ['switches_per_day', ({ pair }) => pair.switchesPerDay],
  ['seconds_lost_per_day', ({ pair }) => pair.secondsLostPerDay],
  ['annual_cost', ({ pair }) => pair.annualCost],
  ['currency', ({ evidence }) => evidence.assumptions.currency.value],
  ['same_category', ({ pair }) => pair.sameCategory],
  ['integrated_since', ({ pair }) => pair.integration?.since ?? null],
  ['active_days_observed', ({ pair }) => pair.activeDaysObserved],
  ['preliminary', ({ pair }) => pair.preliminary],
  ['people', ({ pair }) => pair.people],
  ['median_annual_hours', ({ pair }) => pair.medianAnnualHours],
  ['p75_annual_hours', ({ pair }) => pair.p75AnnualHours],
];

export const CSV_COLUMNS = COLUMNS.map(([name]) => name);

/** A spreadsheet cell: quoted when needed, and never the start of a formula. */
export function csvCell(value: Cell): string {
  let text = value === null ? '' : String(value);
  // = + - @ (and tab or carriage return) start a formula in spreadsheet programs (CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function evidenceToCsv(evidence: EvidenceFile): string {
  const names = new Map(evidence.apps.map((a) => [a.id, a.name]));
  const name = (id: string) => names.get(id) ?? id;
  const rows = evidence.pairs.map((pair) =>
    COLUMNS.map(([, cell]) => csvCell(cell({ pair, evidence, name }))).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
