/**
 * Synthetic history of a heavy user, as a backup file the extension restores through its own
 * Import: 1,200 switches per active day among 25 apps, on weekdays, with detours and transits
 * shaped like real ones. Deterministic for a given seed.
 */
import type { BackupFile } from '@/utils/exchange/backup';
import { BACKUP_FORMAT, BACKUP_VERSION } from '@/utils/exchange/backup';
import { CATALOG_VERSION } from '@/utils/catalog/apps';
import { localCalendar } from '@/utils/days';
import type { AppDayRow, DayRow, PairDayRow } from '@/utils/store/rows';
import { pairKey } from '@/utils/store/journal';
import { mulberry32 } from '../unit/helpers/scenario';

export const HEAVY_APPS = [
  'slack',
  'gmail',
  'google-docs',
  'google-sheets',
  'google-drive',
  'google-calendar',
  'google-meet',
  'dropbox',
  'zoom',
  'paychex',
  'salesforce',
  'hubspot',
  'asana',
  'atlassian-jira',
  'atlassian-confluence',
  'notion',
  'github',
  'figma',
  'microsoft-teams',
  'outlook',
  'trello',
  'box',
  'docusign',
  'quickbooks-online',
  'xero',
];
const SWITCHES_PER_DAY = 1_200;

/** Starts (08:30) of today and the `count - 1` weekdays before it, oldest first. */
function activeDays(now: number, count: number): number[] {
  const days: number[] = [];
  for (let d = new Date(now); days.length < count; d.setDate(d.getDate() - 1)) {
    const weekday = d.getDay();
    // Today always counts, so the popup's "Today" has figures whatever day the benchmark runs.
    if (!days.length || (weekday !== 0 && weekday !== 6))
      days.push(new Date(d.getFullYear(), d.getMonth(), d.getDate(), 8, 30).getTime());
  }
  return days.reverse();
}

export interface HistoryShape {
  switchesPerDay?: number;
  /** Pairs the person switches along more often than the rest (the demo's story). */
  hotPairs?: readonly (readonly [string, string])[];
  seed?: number;
}

export function heavyHistory(days: number, now = Date.now(), shape: HistoryShape = {}): BackupFile {
  const { switchesPerDay = SWITCHES_PER_DAY, hotPairs = [], seed = 7 } = shape;
  const random = mulberry32(seed);
  const hotPartner = new Map<number, number>();
  const indexOf = (app: string) => {
    const i = HEAVY_APPS.indexOf(app);
    if (i < 0) throw new Error(`${app} is not one of the heavy user's apps`);
    return i;
  };
  for (const [a, b] of hotPairs) {
    hotPartner.set(indexOf(a), indexOf(b));
    hotPartner.set(indexOf(b), indexOf(a));
  }
  // Each app has a few favourite partners: real switching concentrates on some pairs.
  const favourites = HEAVY_APPS.map((_, i) => [1, 2, 5, 11].map((step) => (i + step) % HEAVY_APPS.length));
  const switches: BackupFile['switches'] = [];
  const pairDays = new Map<string, PairDayRow>();
  const appDays = new Map<string, AppDayRow>();
  const dayRows: DayRow[] = [];

  for (const start of activeDays(now, days)) {
    const day = localCalendar.dayOf(start);
    let at = start;
    let current = Math.floor(random() * HEAVY_APPS.length);
    let previous = -1;
    let landedAt = at;
    let attendedMs = 0;
    for (let n = 0; n < switchesPerDay; n++) {
      const dwell = Math.round(2_000 + -Math.log(1 - random()) * 20_000);
      const transitMs = Math.round(random() < 0.7 ? random() * 800 : 1_000 + random() * 6_000);
      const back = previous >= 0 && random() < 0.3;
      const hot = hotPartner.get(current);
      const next = back
        ? previous
        : hot !== undefined && random() < 0.6
          ? hot
          : favourites[current]![Math.floor(random() * 4)]!;
      at = landedAt + dwell + transitMs;
      const detourDwellMs = back && dwell <= 120_000 ? dwell : null;
      const from = HEAVY_APPS[current]!;
      const to = HEAVY_APPS[next]!;
      switches.push([at, day, from, to, transitMs, detourDwellMs]);

      const { a, b, forward } = pairKey(from, to);
      const key = `${day}|${a}|${b}`;
      const row = pairDays.get(key) ?? { day, a, b, aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0 };
      if (forward) row.aToB++;
      else row.bToA++;
      row.transitMs += transitMs;
      if (detourDwellMs !== null) {
        row.detours++;
        row.detourDwellMs += detourDwellMs;
      }
      pairDays.set(key, row);
      const appKey = `${day}|${from}`;
      const app = appDays.get(appKey) ?? { day, app: from, attendedMs: 0 };
      app.attendedMs += dwell;
      appDays.set(appKey, app);
      attendedMs += dwell + transitMs;

      previous = back ? -1 : current;
      current = next;
      landedAt = at;
    }
    dayRows.push({ day, attendedMs, switches: switchesPerDay, breaks: Math.floor(random() * 30) });
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date(now).toISOString(),
    catalogVersion: CATALOG_VERSION,
    switches,
    pairDays: [...pairDays.values()],
    appDays: [...appDays.values()],
    days: dayRows,
    settings: {},
  };
}
