/**
 * The tracker: a pure reducer from attention events to switch records, implementing the
 * definitions in README.md beside it (attended page, landing, switch, transit, break, detour, active day).
 *
 * Time arrives with each event and nothing in here reads a clock, so the same events always give
 * the same records. The state is plain JSON and holds app ids only (never URLs or hostnames): the
 * background persists it after every event, so a service worker stopped at any moment resumes
 * exactly where it was.
 *
 * Model: the attended page changes only at events, so time is a chain of segments, each with one
 * key (an app, transit, another site, or one of the unattended states). An event either continues
 * the open segment (same key: a second tab of the same app, an SPA navigation inside it) or closes
 * it and opens another. Closed segments are accounted: attended time per day, and whatever they
 * do to the gap since the current app was left.
 */
import type { Calendar } from '../days';
import { splitByDay } from '../days';
import type { Classifier } from '../catalog/classify';
import type { RecordingRules } from './rules';

/** One recorded switch. Timestamps of single events never leave the browser (exports aggregate). */
export interface SwitchRow {
  /** When the person landed on `to` (ms since the epoch). */
  at: number;
  /** Local day of `at`, `YYYY-MM-DD`. */
  day: string;
  from: string;
  to: string;
  transitMs: number;
  /** Dwell in `from` when this switch returns from a detour, else null. */
  detourDwellMs: number | null;
}

export type AttentionEvent =
  /** A tab became the attended page: activated in the focused window, or its window got focus. */
  | { type: 'attend'; at: number; tabId: number; url: string; incognito?: boolean }
  /** A tab's URL changed (navigation, redirect, SPA route); it matters only for the attended tab. */
  | { type: 'navigate'; at: number; tabId: number; url: string; incognito?: boolean }
  | { type: 'close'; at: number; tabId: number }
  /** No browser window has focus (a desktop app has it). */
  | { type: 'blur'; at: number }
  | { type: 'idle'; at: number }
  | { type: 'active'; at: number }
  | { type: 'pause'; at: number }
  | { type: 'resume'; at: number }
  /** The browser started: the previous session ended at an unknown time after its last event. */
  | { type: 'startup'; at: number }
  /** Events since the last one recorded were lost (storage refused them): as at a startup. */
  | { type: 'lost'; at: number }
  /** Time has passed with no other change; lets a landing be recorded as soon as it happens. */
  | { type: 'tick'; at: number };

export type TrackerRecord =
  /** A switch, as it is stored (utils/rows.ts). */
  | ({ type: 'switch' } & SwitchRow)
  /** A move between two apps that was not a switch (too long, idle or away inside it): never priced. */
  | { type: 'break'; at: number; day: string; from: string; to: string }
  /**
   * Attended browsing time; `appId` is null for transit pages, other sites and pass-throughs.
   * `site` is the hostname of another site, only when the person opted in to the list of
   * unrecognised sites.
   */
  | { type: 'attended'; day: string; appId: string | null; ms: number; site?: string };

/**
 * What holds the person's attention: a page kind, or why nothing does. Other sites carry their
 * hostname (`other:example.org`) only while the person has opted in to the list of unrecognised
 * sites; without the opt-in no hostname ever enters the state.
 */
type SegmentKey =
  `app:${string}` | 'transit' | 'other' | `other:${string}` | 'blur' | 'idle' | 'private' | 'paused' | 'none';

type Focus =
  | { kind: 'page'; tabId: number; key: SegmentKey }
  | { kind: 'private'; tabId: number }
  | { kind: 'blur' }
  | { kind: 'none' };

export interface TrackerState {
  version: 1;
  /** Time of the last event seen; events that arrive out of order are clamped to it. */
  lastAt: number;
  focus: Focus;
  idle: boolean;
  paused: boolean;
  segment: { key: SegmentKey; since: number; landed: boolean };
  /** The app of the last landing; `leftAt` is set once attention moved off it. */
  current: { appId: string; landedAt: number; leftAt: number | null } | null;
  /** What the gap since leaving the current app held so far. */
  gap: { otherMs: number; broken: boolean };
  /** The last switch, while the next one still follows it directly (for detours). */
  lastSwitch: { from: string; to: string } | null;
}

export interface TrackerContext {
  classify: Classifier;
  rules: RecordingRules;
  calendar: Calendar;
  /** The person opted in to a list of unrecognised sites (hostnames and time only). */
  rememberSites?: boolean;
}

export function initialTrackerState(at: number): TrackerState {
  return {
    version: 1,
    lastAt: at,
    focus: { kind: 'none' },
    idle: false,
    paused: false,
    segment: { key: 'none', since: at, landed: false },
    current: null,
    gap: { otherMs: 0, broken: false },
    lastSwitch: null,
  };
}

export interface Reduction {
  state: TrackerState;
  records: TrackerRecord[];
}

export function reduce(previous: TrackerState, event: AttentionEvent, ctx: TrackerContext): Reduction {
  const records: TrackerRecord[] = [];
  const state = structuredClone(previous);
  // A clock set back must not produce negative durations.
  const at = Math.max(event.at, state.lastAt);

  if (state.paused && event.type !== 'resume') return { state: previous, records };

  // After a restart or lost events, nothing is known past the last event: a visit still short of
  // landing then had not landed.
  const unknownGap = event.type === 'startup' || event.type === 'lost';
  settleLanding(state, unknownGap ? state.lastAt : at, ctx, records);

  if (unknownGap) {
    // The browser was closed somewhere after the last event: end what was open there and
    // never price anything across the restart.
    closeSegment(state, state.lastAt, ctx, records);
    state.gap.broken = true;
    state.focus = { kind: 'none' };
    state.idle = false;
    state.segment = { key: 'none', since: at, landed: false };
  } else {
    applyToFocus(state, event, ctx);
    const key = effectiveKey(state);
    if (key !== state.segment.key) {
      closeSegment(state, at, ctx, records);
      state.segment = { key, since: at, landed: false };
      settleLanding(state, at, ctx, records);
    }
  }
  state.lastAt = at;
  return { state, records };
}

function applyToFocus(state: TrackerState, event: AttentionEvent, ctx: TrackerContext): void {
  switch (event.type) {
    case 'attend':
      // Activating a tab is the person at work, so it also ends an idle spell.
      state.idle = false;
      state.focus = pageFocus(event.tabId, event.url, event.incognito, ctx);
      return;
    case 'navigate':
      if ('tabId' in state.focus && state.focus.tabId === event.tabId)
        state.focus = pageFocus(event.tabId, event.url, event.incognito, ctx);
      return;
    case 'close':
      if ('tabId' in state.focus && state.focus.tabId === event.tabId) state.focus = { kind: 'none' };
      return;
    case 'blur':
      state.focus = { kind: 'blur' };
      return;
    case 'idle':
      state.idle = true;
      return;
    case 'active':
      state.idle = false;
      return;
    case 'pause':
      state.paused = true;
      state.focus = { kind: 'none' };
      return;
    case 'resume':
      // What is attended now arrives with the next attend event.
      state.paused = false;
      state.idle = false;
      state.focus = { kind: 'none' };
      return;
    case 'tick':
    case 'startup':
    case 'lost':
      return;
  }
}

function pageFocus(tabId: number, url: string, incognito: boolean | undefined, ctx: TrackerContext): Focus {
  // Incognito pages are never classified: nothing about them may reach storage.
  if (incognito) return { kind: 'private', tabId };
  const page = ctx.classify(url);
  if (page.kind === 'app') return { kind: 'page', tabId, key: `app:${page.appId}` };
  if (page.kind === 'other' && ctx.rememberSites && page.host)
    return { kind: 'page', tabId, key: `other:${page.host}` };
  return { kind: 'page', tabId, key: page.kind };
}

function effectiveKey(state: TrackerState): SegmentKey {
  if (state.paused) return 'paused';
  if (state.idle) return 'idle';
  switch (state.focus.kind) {
    case 'page':
      return state.focus.key;
    case 'private':
      return 'private';
    case 'blur':
      return 'blur';
    case 'none':
      return 'none';
  }
}

function appOf(key: SegmentKey): string | null {
  return key.startsWith('app:') ? key.slice(4) : null;
}

function isOtherSite(key: SegmentKey): boolean {
  return key === 'other' || key.startsWith('other:');
}

/** Lands on the open segment's app once it has been attended for minDwell. */
function settleLanding(state: TrackerState, at: number, ctx: TrackerContext, records: TrackerRecord[]): void {
  const { segment } = state;
  const appId = appOf(segment.key);
  if (appId === null || segment.landed || at - segment.since < ctx.rules.minDwellMs) return;
  segment.landed = true;
  land(state, appId, segment.since, ctx, records);
}

function land(state: TrackerState, appId: string, at: number, ctx: TrackerContext, records: TrackerRecord[]): void {
  const { current, gap } = state;
  const day = ctx.calendar.dayOf(at);
  if (current && current.appId === appId) {
    // Back on the same app: not a switch. After a break it is a new visit and starts a new chain.
    if (gap.broken) {
      state.current = { appId, landedAt: at, leftAt: null };
      state.lastSwitch = null;
    } else current.leftAt = null;
  } else if (current && current.leftAt !== null) {
    const transitMs = at - current.leftAt;
    if (gap.broken || transitMs > ctx.rules.breakAfterMs) {
      records.push({ type: 'break', at, day, from: current.appId, to: appId });
      state.lastSwitch = null;
    } else {
      const dwellMs = current.leftAt - current.landedAt;
      const isDetour =
        state.lastSwitch?.from === appId && state.lastSwitch.to === current.appId && dwellMs <= ctx.rules.detourMaxMs;
      records.push({
        type: 'switch',
        at,
        day,
        from: current.appId,
        to: appId,
        transitMs,
        detourDwellMs: isDetour ? dwellMs : null,
      });
      state.lastSwitch = { from: current.appId, to: appId };
    }
    state.current = { appId, landedAt: at, leftAt: null };
  } else {
    // The first landing (or the current app was never left): nothing to compare with.
    state.current = { appId, landedAt: at, leftAt: null };
    state.lastSwitch = null;
  }
  state.gap = { otherMs: 0, broken: false };
}

/** Accounts the open segment as ending at `end`. */
function closeSegment(state: TrackerState, end: number, ctx: TrackerContext, records: TrackerRecord[]): void {
  const { segment, current } = state;
  const durationMs = Math.max(0, end - segment.since);
  const appId = appOf(segment.key);
  const otherSite = isOtherSite(segment.key);
  if ((appId !== null || otherSite || segment.key === 'transit') && durationMs > 0) {
    // A pass-through shorter than minDwell is transit, not time in that app.
    const owner = segment.landed ? appId : null;
    const site = segment.key.startsWith('other:') ? segment.key.slice(6) : undefined;
    for (const part of splitByDay(ctx.calendar, segment.since, end))
      records.push({ type: 'attended', day: part.day, appId: owner, ms: part.ms, ...(site ? { site } : {}) });
  }
  if (!current) return;
  if (segment.landed && appId === current.appId) {
    current.leftAt = end;
    return;
  }
  if (current.leftAt === null) return;
  // Inside a gap: does this segment disqualify it?
  const gap = state.gap;
  if (otherSite) {
    gap.otherMs += durationMs;
    if (gap.otherMs > ctx.rules.otherBudgetMs) gap.broken = true;
    return;
  }
  switch (segment.key) {
    case 'blur':
      if (durationMs > ctx.rules.focusDebounceMs) gap.broken = true;
      break;
    case 'idle':
    case 'private':
    case 'paused':
      gap.broken = true;
      break;
    default:
      // Transit pages, pass-throughs and the instant between a closed tab and the next one.
      break;
  }
}

/**
 * How long until the open segment's app would land, if nothing else happens; null when no landing
 * is pending. The background sends a tick then, so a switch is recorded as it happens.
 */
export function msUntilLanding(state: TrackerState, rules: RecordingRules): number | null {
  const { segment } = state;
  if (segment.landed || appOf(segment.key) === null) return null;
  return Math.max(0, segment.since + rules.minDwellMs - state.lastAt);
}
