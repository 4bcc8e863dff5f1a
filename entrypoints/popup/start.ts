/**
 * What the popup reads before it can draw, started by its first module (main.ts) before the view
 * has even loaded: today's rollups from IndexedDB, its three settings, and the announcements of
 * new figures (utils/early-reads.ts hands all of them over to the view when it mounts), and whether
 * switches are being saved.
 */
import { localCalendar } from '@/utils/days';
import { onDataChanged, requestFold } from '@/utils/store/changes';
import { earlyItem, heldSubscription, type ReadableItem } from '@/components/shared/early-reads';
import type { Assumptions } from '@/utils/figures/cost-model';
import type { UserRules } from '@/utils/catalog/types';
import type { PopupRollups } from '@/utils/figures/popup-figures';
import { readPopupRollups } from '@/utils/figures/popup-figures';
import { openReader } from '@/utils/store/reads';
import type { RecordingProblem } from '@/utils/store/recording-problem';
import { assumptionsSetting, pausedSetting, recordingProblemItem, userRulesSetting } from '@/utils/settings/items';

export interface PopupStart {
  /** The day the first read is for. */
  today: string;
  /** The rollups the popup shows first ("Today"), read at once. */
  todaysRollups: Promise<PopupRollups>;
  /** Announcements of new figures, none missed since the start. */
  onDataChanged: (onChange: () => void) => () => void;
  paused: ReadableItem<boolean>;
  assumptions: ReadableItem<Assumptions>;
  userRules: ReadableItem<UserRules>;
  /** Why switches are not being saved, if they are not. */
  recordingProblem: ReadableItem<RecordingProblem | null>;
}

/** The popup only reads: it never loads Dexie. */
const reader = openReader(globalThis);
export const readFromThisBrowser = reader;

export function startPopup(now = Date.now()): PopupStart {
  const today = localCalendar.dayOf(now);
  const start: PopupStart = {
    today,
    todaysRollups: readPopupRollups(readFromThisBrowser, today, 'today'),
    onDataChanged: heldSubscription(onDataChanged),
    paused: earlyItem(pausedSetting),
    assumptions: earlyItem(assumptionsSetting),
    userRules: earlyItem(userRulesSetting),
    recordingProblem: earlyItem(recordingProblemItem),
  };
  // The latest switches may still wait in the worker's journal: have them folded into the figures.
  // Asked once the popup listens, so the announcement that follows the fold is never missed (the
  // popup then reads again).
  requestFold();
  return start;
}
