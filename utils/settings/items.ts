/**
 * Settings kept in extension storage, one item per key (`wxt/utils/storage`). Each setting's label,
 * bounds and default are declared once: assumptions in utils/figures/cost-model.ts, recording rules
 * in utils/tracker/rules.ts, the others in ./declarations.ts. Recording rules are read by the
 * background on every event; the options page edits them (issue 5).
 *
 * Each definition is marked pure so that a page's bundle keeps only the items it uses: defining an
 * item reads it from storage at once (@wxt-dev/storage), and 17 reads queued ahead of a page's own.
 */
import { storage } from 'wxt/utils/storage';
import type { UserRules } from '../catalog/types';
import type { Assumptions } from '../figures/cost-model';
import { DEFAULT_ASSUMPTIONS } from '../figures/cost-model';
import type { RecordingProblem } from '../store/recording-problem';
import { NO_USER_RULES } from '../catalog/types';
import type { RecordingRules } from '../tracker/rules';
import { DEFAULT_RECORDING_RULES } from '../tracker/rules';
import { IDLE_SECONDS, RETENTION_DAYS, SEATS, TEAM_LABEL } from './declarations';

/** True while the person has paused tracking from the popup. */
export const pausedSetting = /* @__PURE__ */ storage.defineItem<boolean>('local:paused', { fallback: false });

/** Recording rules (utils/tracker/rules.ts): they apply from the moment they change, never to the past. */
export const recordingRulesSetting = /* @__PURE__ */ storage.defineItem<RecordingRules>('local:recordingRules', {
  fallback: DEFAULT_RECORDING_RULES,
  version: 1,
});

/** Seconds without input before the person counts as idle (IDLE_SECONDS). */
export const idleSecondsSetting = /* @__PURE__ */ storage.defineItem<number>('local:idleSeconds', {
  fallback: IDLE_SECONDS.default,
});

/** Custom apps, overrides and ignored apps: they take precedence over the shipped catalog. */
export const userRulesSetting = /* @__PURE__ */ storage.defineItem<UserRules>('local:userRules', {
  fallback: NO_USER_RULES,
  version: 1,
});

/** The cost model's assumptions: applied when figures are shown, so a change re-prices all history. */
export const assumptionsSetting = /* @__PURE__ */ storage.defineItem<Assumptions>('local:assumptions', {
  fallback: DEFAULT_ASSUMPTIONS,
  version: 1,
});

/** Seats: how many people a team figure stands for (SEATS). Null until someone enters it. */
export const seatsSetting = /* @__PURE__ */ storage.defineItem<number | null>('local:seats', {
  fallback: SEATS.default,
});

/**
 * Pairs that already have an integration, keyed by `pairId`, with the local day it went live: the
 * ranking shows switching before and after that day.
 */
export const integrationsSetting = /* @__PURE__ */ storage.defineItem<Record<string, { since: string }>>(
  'local:integrations',
  {
    fallback: {},
  },
);

/** Raw switches older than this many days are deleted (rollups are kept); null keeps them all. */
export const retentionDaysSetting = /* @__PURE__ */ storage.defineItem<number | null>('local:retentionDays', {
  fallback: RETENTION_DAYS.default,
});

/** Opt-in, off by default: keep the hostnames of unrecognised sites with time spent, to add as apps. */
export const rememberSitesSetting = /* @__PURE__ */ storage.defineItem<boolean>('local:rememberSites', {
  fallback: false,
});

/** A label for exported evidence (TEAM_LABEL). */
export const teamLabelSetting = /* @__PURE__ */ storage.defineItem<string | null>('local:teamLabel', {
  fallback: TEAM_LABEL.default,
});

/**
 * Why switches are not being saved right now (a full disk), while it lasts; null when storing works.
 * Set by the background, shown by the popup. In session storage: kept in memory by the browser,
 * so it can still be written when the disk is full, and it ends with the browser.
 */
export const recordingProblemItem = /* @__PURE__ */ storage.defineItem<RecordingProblem | null>(
  'session:recordingProblem',
  {
    fallback: null,
  },
);

/** When the first service worker of this browser session started; absent until one has. */
export const workerStartedItem = /* @__PURE__ */ storage.defineItem<number | null>('session:workerStartedAt', {
  fallback: null,
});

/**
 * When the background last started holding events not yet in the database (for up to a second
 * each time). In session storage, which outlives a stopped worker: the next worker compares it with
 * the last event stored to know whether events were lost with the one before.
 */
export const holdingSinceItem = /* @__PURE__ */ storage.defineItem<number | null>('session:holdingSince', {
  fallback: null,
});

/** Your product: the vendor (utils/catalog/directory.ts `vendorId`) whose partners are ranked; null for none. */
export const yourProductSetting = /* @__PURE__ */ storage.defineItem<string | null>('local:yourProduct', {
  fallback: null,
});

/** Partner vendors the person marked not a fit, with a note: listed apart, never in the top five. */
export const notAFitSetting = /* @__PURE__ */ storage.defineItem<Record<string, { note: string }>>('local:notAFit', {
  fallback: {},
});

/**
 * This browser profile's anonymous id in exports, so that a team counts a person once: random, made
 * once, never derived from anything about the person.
 */
export const personIdItem = /* @__PURE__ */ storage.defineItem<string>('local:personId', {
  init: () => crypto.randomUUID(),
});

/** The team settings an administrator set by policy: the options page shows them locked. */
export const lockedSettingsItem = /* @__PURE__ */ storage.defineItem<string[]>('local:lockedByPolicy', {
  fallback: [],
});

/**
 * Whether the welcome page has been opened in this profile. Chromium tells an extension loaded from
 * a folder (`--load-extension`) "install" at every start, so the reason alone would open it each time.
 */
export const welcomeShownItem = /* @__PURE__ */ storage.defineItem<boolean>('local:welcomeShown', { fallback: false });
