/**
 * The background's tracking loop: runs attention events one at a time through the recorder with
 * the current settings, wakes itself when a landing is due, and folds the journal into the
 * rollups a moment after something was recorded (many events at a time, see utils/recorder.ts).
 * Its dependencies are passed in, so tests drive it with a fake browser, fake-indexeddb and a
 * fake clock.
 */
import type { PendingEvents } from './attention';
import type { Recorder } from './recorder';
import type { AttentionEvent, TrackerContext } from './tracker';
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

  const recordAll = async (events: AttentionEvent[]) => {
    context ??= deps.loadContext();
    const ctx = await context;
    for (const event of events) {
      const { state, records } = await deps.recorder.record(event, ctx);
      scheduleTick(msUntilLanding(state, ctx.rules));
      if (records.length > 0) scheduleFold(deps.foldDelayMs ?? FOLD_DELAY_MS);
    }
  };

  const fold = async () => {
    if (foldTimer !== null) deps.clearTimer(foldTimer);
    foldTimer = null;
    if ((await deps.recorder.fold()) > 0) deps.onFolded?.();
  };

  /** A fold in `ms`, unless one is already scheduled (it is due sooner). */
  const scheduleFold = (ms: number) => {
    if (foldTimer !== null) return;
    foldTimer = deps.setTimer(() => {
      foldTimer = null;
      enqueue(fold);
    }, ms);
  };

  const enqueue = (step: () => Promise<void>) => {
    queue = queue.then(step).catch((error: unknown) => {
      // Settings may be what failed to load: try them afresh next time.
      context = null;
      deps.onError(error);
    });
    return queue;
  };

  const scheduleTick = (ms: number | null) => {
    if (tickTimer !== null) deps.clearTimer(tickTimer);
    tickTimer = null;
    if (ms === null) return;
    tickTimer = deps.setTimer(() => {
      tickTimer = null;
      tracking.emit([{ type: 'tick', at: deps.now() }]);
    }, ms + 1);
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
  // A worker stopped before its last fold left records in the journal: fold them now.
  scheduleFold(0);
  return tracking;
}
