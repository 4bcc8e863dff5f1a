/**
 * The background's tracking loop: runs attention events one at a time through the recorder with
 * the current settings, and wakes itself when a landing is due. Its dependencies are passed in,
 * so tests drive it with a fake browser, fake-indexeddb and a fake clock.
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
}

export interface Tracking {
  /** Queues the events of one browser event; they are recorded after all earlier ones. */
  emit(pending: PendingEvents | AttentionEvent[]): void;
  /** Settings changed: later events use the new ones. */
  settingsChanged(): void;
  /** Resolves once everything queued so far is recorded. */
  idle(): Promise<void>;
}

export function createTracking(deps: TrackingDeps): Tracking {
  let queue: Promise<void> = Promise.resolve();
  let context: Promise<TrackerContext> | null = null;
  let tickTimer: unknown = null;

  const recordAll = async (events: AttentionEvent[]) => {
    context ??= deps.loadContext();
    const ctx = await context;
    for (const event of events) {
      const { state } = await deps.recorder.record(event, ctx);
      scheduleTick(msUntilLanding(state, ctx.rules));
    }
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
      queue = queue
        .then(() => events)
        .then(recordAll)
        .catch((error: unknown) => {
          // Settings may be what failed to load: try them afresh next time.
          context = null;
          deps.onError(error);
        });
    },
    settingsChanged() {
      context = null;
    },
    idle: () => queue,
  };
  return tracking;
}
