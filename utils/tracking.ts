/**
 * The background's tracking loop: runs attention events one at a time through the recorder with
 * the current settings, and folds the journal into the rollups (utils/recorder.ts) many events at
 * a time. Its dependencies are passed in, so tests drive it with a fake browser, fake-indexeddb
 * and a fake clock.
 *
 * When to fold: a fold costs several times an event, so it waits until the journal holds
 * FOLD_AFTER_RECORDS records, or the person has paused for FOLD_WHEN_QUIET_MS (a worker about to
 * idle out leaves nothing behind), or a page that shows figures asks (`flush`), or a worker starts
 * again. Until then figures lag: pages ask for a fold when they open.
 */
import type { PendingEvents } from './attention';
import type { Recorder } from './recorder';
import type { AttentionEvent, TrackerContext, TrackerState } from './tracker';
import { msUntilLanding } from './tracker';

export interface TrackingDeps {
  recorder: Recorder;
  /** The settings-dependent context; called again after `settingsChanged()`. */
  loadContext: () => Promise<TrackerContext>;
  now: () => number;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** Failures (a full disk, say) are reported here; tracking goes on with the next event. */
  onError: (error: unknown) => void;
  /** Called after records were folded into the rollups: pages showing figures can refresh. */
  onFolded?: () => void;
}

/** A fold once the journal holds this many records (a busy minute of switching, about 20 switches). */
export const FOLD_AFTER_RECORDS = 60;
/** ...or once no event came for this long: Chrome stops an idle service worker after 30 s. */
export const FOLD_WHEN_QUIET_MS = 20_000;

export interface Tracking {
  /** Queues the events of one browser event; they are recorded after all earlier ones. */
  emit(pending: PendingEvents | AttentionEvent[]): void;
  /** Settings changed: later events use the new ones. */
  settingsChanged(): void;
  /** Resolves once everything queued so far is recorded (in the journal). */
  idle(): Promise<void>;
  /** Folds everything queued so far into the rollups now; resolves once done. */
  flush(): Promise<void>;
}

export function createTracking(deps: TrackingDeps): Tracking {
  let queue: Promise<void> = Promise.resolve();
  let context: Promise<TrackerContext> | null = null;
  let quietTimer: unknown = null;
  /** Records journalled since the last fold (by this worker). */
  let journalled = 0;
  /**
   * When the open visit lands if nothing else happens. No timer records the landing then: the next
   * event or fold does, with the same time (the tracker settles landings from the event times), so
   * the stored state never needs an extra write per switch.
   */
  let landingAt: number | null = null;

  const recordAll = async (events: AttentionEvent[]) => {
    for (const event of events) await recordOne(event);
    if (journalled >= FOLD_AFTER_RECORDS) await fold(events.at(-1)?.at ?? deps.now());
    else if (journalled > 0) foldWhenQuiet();
  };

  const recordOne = async (event: AttentionEvent) => {
    context ??= deps.loadContext();
    const ctx = await context;
    const { state, records } = await deps.recorder.record(event, ctx);
    journalled += records.length;
    expectLanding(state, ctx);
  };

  const expectLanding = (state: TrackerState, ctx: TrackerContext) => {
    const ms = msUntilLanding(state, ctx.rules);
    landingAt = ms === null ? null : state.lastAt + ms;
  };

  /**
   * Folds the journal. `asOf` is when the fold was asked for: a landing due by then is recorded
   * first, so that this fold carries its switch, and with that time, never a later one: events
   * queued behind a slow fold keep their own times (the tracker never moves time backwards).
   */
  const fold = async (asOf: number) => {
    if (landingAt !== null && landingAt <= asOf) await recordOne({ type: 'tick', at: asOf });
    if (quietTimer !== null) deps.clearTimer(quietTimer);
    quietTimer = null;
    journalled = 0;
    if ((await deps.recorder.fold()) > 0) deps.onFolded?.();
  };

  const foldWhenQuiet = () => {
    if (quietTimer !== null) deps.clearTimer(quietTimer);
    quietTimer = deps.setTimer(() => {
      quietTimer = null;
      const asOf = deps.now();
      enqueue(() => fold(asOf));
    }, FOLD_WHEN_QUIET_MS);
  };

  /** A worker starting again (at `startedAt`): a landing may be due, and records may wait in the journal. */
  const resume = async (startedAt: number) => {
    context ??= deps.loadContext();
    const [ctx, state] = await Promise.all([context, deps.recorder.storedState()]);
    if (state) expectLanding(state, ctx);
    await fold(startedAt);
  };

  const enqueue = (step: () => Promise<void>) => {
    queue = queue.then(step).catch((error: unknown) => {
      // Settings may be what failed to load: try them afresh next time.
      context = null;
      deps.onError(error);
    });
    return queue;
  };

  const tracking: Tracking = {
    emit(pending) {
      const events = Promise.resolve(pending);
      // Its failure is handled in turn below; don't let it count as unhandled meanwhile.
      events.catch(() => {});
      enqueue(() => events.then(recordAll));
    },
    settingsChanged() {
      context = null;
    },
    idle: () => queue,
    flush() {
      const asOf = deps.now();
      return enqueue(() => fold(asOf));
    },
  };
  const startedAt = deps.now();
  enqueue(() => resume(startedAt));
  return tracking;
}
