/**
 * The settings other than the assumptions (utils/figures/cost-model.ts) and the recording rules
 * (utils/tracker/rules.ts), each declared once: their storage items (./items.ts), the options
 * page's forms, the check of a backup's settings and of an evidence file derive from these. Kept
 * apart from the storage items so that code reading files outside the extension can use them.
 */
import type { NumberField, OptionalNumberField } from '../fields';

/** The shortest idle time the browser detects (`idle.setDetectionInterval`). */
const BROWSER_IDLE_MIN = 15;

/**
 * Seconds without input before the person counts as idle. The default is Chrome's: a reader who
 * does not touch the mouse for a minute still counts as attending.
 */
export const IDLE_SECONDS: NumberField = {
  label: 'Idle after',
  unit: 'seconds',
  min: BROWSER_IDLE_MIN,
  max: 3600,
  integer: true,
  default: 60,
  hint: `No input for this long ends the visit. The browser’s minimum is ${BROWSER_IDLE_MIN} s.`,
};

/** Seats: how many people a team figure stands for; null until someone enters it. */
export const SEATS: OptionalNumberField = {
  label: 'Seats',
  note: 'people the team figures stand for',
  empty: 'for none',
  min: 1,
  max: 1_000_000,
  integer: true,
  default: null,
};

/** Days to keep raw switches (rollups are kept); null keeps them all. */
export const RETENTION_DAYS: OptionalNumberField = {
  // Said the same way in the form's label and in its error: "Days to keep single switches must be …".
  label: 'Days to keep single switches',
  unit: 'days',
  empty: 'keeps them all',
  min: 7,
  max: 3650,
  integer: true,
  default: 365,
  hint: 'Daily totals are kept either way, so rankings over older periods stay complete.',
};

/** A label for exported evidence ("Finance team"); never a person's name unless they type one. */
/** The keyboard command (manifest `commands`, wxt.config.ts) that pauses and resumes tracking. */
export const PAUSE_COMMAND = 'toggle-tracking';

export const TEAM_LABEL = { label: 'Team label for exports', maxLength: 100, placeholder: 'Finance', default: null };

/** An integration's key: the pair's two app ids, sorted and joined by `|` (`pairId`). */
export const INTEGRATION_KEY = /^[a-z0-9-]+\|[a-z0-9-]+$/;

/**
 * A custom app, as the options page's form makes one and a backup may bring one: both check it
 * with ./user-rules.ts, against these limits.
 */
export const CUSTOM_APP = {
  name: { label: 'Name', maxLength: 60, placeholder: 'Acme Jira' },
  hosts: { label: 'Hosts', maxCount: 50, placeholder: 'jira.acme.com, *.acme-wiki.com' },
  path: { label: 'Path prefix (optional)', maxLength: 200, placeholder: '/wiki' },
  vendor: { maxLength: 60, default: 'Custom' },
} as const;
