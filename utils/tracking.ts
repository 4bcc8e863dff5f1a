/**
 * The background's tracking loop: runs attention events one at a time through the recorder with
 * the current settings, wakes itself when a landing is due, and folds the journal into the
 * rollups a moment after something was recorded (many events at a time, see utils/recorder.ts).
 * Its dependencies are passed in, so tests drive it with a fake browser, fake-indexeddb and a
 * fake clock.
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
  /** How long records wait in the journal before a fold; defaults to FOLD_DELAY_MS. */
  foldDelayMs?: number;
}

/**
 * Records wait this long before they are folded: long enough to fold a busy stretch of switching
 * in one transaction, short enough that a popup opened a moment later shows the latest switch.
 */
export const FOLD_DELAY_MS = 2_000;

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
  let tickTimer: unknown = null;
  let foldTimer: unknown = null;
  /** When the scheduled fold runs, and when the open visit lands if nothing else happens. */
  let foldAt: number | null = null;
  let landingAt: number | null = null;

  const recordAll = async (events: AttentionEvent[]) => {
    context ??= deps.loadContext();
    const ctx = await context;
    for (const event of events) {
      const { state, records } = await deps.recorder.record(event, ctx);
      if (records.length > 0) scheduleFold(deps.foldDelayMs ?? FOLD_DELAY_MS);
      expectLanding(state, ctx);
    }
  };

  const expectLanding = (state: TrackerState, ctx: TrackerContext) => {
    const ms = msUntilLanding(state, ctx.rules);
    landingAt = ms === null ? null : state.lastAt + ms;
    scheduleTick();
  };

  /** A worker starting again: a landing may be due, and records may wait in the journal. */
  const resume = async () => {
    context ??= deps.loadContext();
    const [ctx, state] = await Promise.all([context, deps.recorder.storedState()]);
    if (state) expectLanding(state, ctx);
    await fold();
  };

  const fold = async () => {
    // A landing due by now is recorded first, so that this fold carries its switch.
    if (landingAt !== null && landingAt <= deps.now()) await recordAll([{ type: 'tick', at: deps.now() }]);
    if (foldTimer !== null) deps.clearTimer(foldTimer);
    foldTimer = null;
    foldAt = null;
    if ((await deps.recorder.fold()) > 0) deps.onFolded?.();
    scheduleTick();
  };

  /** A fold in `ms`, unless one is already scheduled (it is due sooner). */
  const scheduleFold = (ms: number) => {
    if (foldTimer !== null) return;
    foldAt = deps.now() + ms;
    foldTimer = deps.setTimer(() => {
      foldTimer = null;
      enqueue(fold);
    }, ms);
  };

  /**
   * A tick when the open visit lands, so that its switch is recorded without waiting for another
   * event. A fold due after the landing ticks first: while the person switches quickly, one tick
   * and one fold serve many switches.
   */
  const scheduleTick = () => {
    if (tickTimer !== null) deps.clearTimer(tickTimer);
    tickTimer = null;
    if (landingAt === null || (foldAt !== null && foldAt >= landingAt)) return;
    tickTimer = deps.setTimer(() => {
      tickTimer = null;
      tracking.emit([{ type: 'tick', at: deps.now() }]);
    }, Math.max(0, landingAt - deps.now()) + 1);
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
    flush: () => enqueue(fold),
  };
  // A worker stopped before its last fold may have left a landing and records behind.
  enqueue(resume);
  return tracking;
}
