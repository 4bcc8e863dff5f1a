/** Helpers to write attention sequences as tables: times in seconds from a fixed morning. */
import { APPS } from '@/utils/catalog/apps';
import { createClassifier } from '@/utils/catalog/classify';
import { TRANSIT } from '@/utils/catalog/transit';
import { localCalendar } from '@/utils/days';
import type { AttentionEvent, TrackerContext, TrackerRecord, TrackerState } from '@/utils/tracker/reducer';
import { initialTrackerState, reduce } from '@/utils/tracker/reducer';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker/rules';

/** Tuesday 10 March 2026, 09:00 in New York (the unit tests run with TZ=America/New_York). */
export const MORNING = Date.parse('2026-03-10T09:00:00-04:00');

export const URL = {
  slack: 'https://app.slack.com/client/T01/C02',
  dropbox: 'https://www.dropbox.com/home/Finance',
  paychex: 'https://myapps.paychex.com/landing_remote/html/index.html',
  gmail: 'https://mail.google.com/mail/u/0/#inbox',
  docs: 'https://docs.google.com/document/d/1abc/edit',
  sheets: 'https://docs.google.com/spreadsheets/d/2def/edit#gid=0',
  newTab: 'chrome://newtab/',
  search: 'https://www.google.com/search?q=q3+payroll+total',
  sso: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  news: 'https://news.ycombinator.com/item?id=1',
  blog: 'https://example.org/a-long-read',
} as const;

export const context: TrackerContext = {
  classify: createClassifier({ apps: APPS, transit: TRANSIT }),
  rules: DEFAULT_RECORDING_RULES,
  calendar: localCalendar,
};

type Timed = [seconds: number, event: DistributiveOmit<AttentionEvent, 'at'>];
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export const attend = (tabId: number, url: string, incognito = false) =>
  ({ type: 'attend', tabId, url, incognito }) as const;
export const navigate = (tabId: number, url: string) => ({ type: 'navigate', tabId, url }) as const;
export const close = (tabId: number) => ({ type: 'close', tabId }) as const;
export const blur = { type: 'blur' } as const;
export const idle = { type: 'idle' } as const;
export const active = { type: 'active' } as const;
export const pause = { type: 'pause' } as const;
export const resume = { type: 'resume' } as const;
export const startup = { type: 'startup' } as const;
export const tick = { type: 'tick' } as const;

export function events(steps: Timed[], start = MORNING): AttentionEvent[] {
  return steps.map(([seconds, event]) => ({ ...event, at: start + seconds * 1000 }) as AttentionEvent);
}

export function run(
  input: AttentionEvent[],
  ctx: TrackerContext = context,
): { state: TrackerState; records: TrackerRecord[] } {
  let state = initialTrackerState(input[0]?.at ?? MORNING);
  const records: TrackerRecord[] = [];
  for (const event of input) {
    const next = reduce(state, event, ctx);
    state = next.state;
    records.push(...next.records);
  }
  return { state, records };
}

/** Switches and breaks as short lines, e.g. `slack→dropbox 2.5s` or `dropbox→slack 1s detour 30s`. */
export function moves(records: TrackerRecord[]): string[] {
  return records.flatMap((r) => {
    if (r.type === 'switch')
      return [
        `${r.from}→${r.to} ${r.transitMs / 1000}s` +
          (r.detourDwellMs === null ? '' : ` detour ${r.detourDwellMs / 1000}s`),
      ];
    if (r.type === 'break') return [`break ${r.from}→${r.to}`];
    return [];
  });
}

/** Attended seconds per day and app ('-' for time that belongs to no app). */
export function attendedSeconds(records: TrackerRecord[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const r of records)
    if (r.type === 'attended') {
      const key = `${r.day} ${r.appId ?? '-'}`;
      totals[key] = (totals[key] ?? 0) + r.ms / 1000;
    }
  return totals;
}

/** A small seeded PRNG, so random sequences are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random but realistic mix of tab activations, navigations, focus and idle changes. */
export function randomAttention(
  random: () => number,
  urls: readonly string[],
  count: number,
  start = MORNING,
): AttentionEvent[] {
  const out: AttentionEvent[] = [];
  let at = start;
  const pick = () => urls[Math.floor(random() * urls.length)]!;
  for (let i = 0; i < count; i++) {
    at += Math.floor(random() * 20_000);
    const r = random();
    const tabId = Math.floor(random() * 5);
    out.push(
      r < 0.55
        ? { type: 'attend', at, tabId, url: pick() }
        : r < 0.75
          ? { type: 'navigate', at, tabId, url: pick() }
          : r < 0.82
            ? { type: 'close', at, tabId }
            : r < 0.9
              ? { type: 'blur', at }
              : r < 0.95
                ? { type: 'idle', at }
                : { type: 'active', at },
    );
  }
  return out;
}
