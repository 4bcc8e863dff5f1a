/**
 * The background's tracking loop: runs attention events in order through the recorder with the
 * current settings, and folds the journal into the rollups (utils/recorder.ts) many events at a
 * time. Its dependencies are passed in, so tests drive it with a fake browser, fake-indexeddb and
 * a fake clock.
 *
 * When to write: events wait in memory up to WRITE_BEHIND_MS, then go into the journal together in
 * one transaction. A transaction per event was most of the worker's CPU per switch (`npm run
 * bench`, README). Chrome stops a worker only after 30 s without events, and every wait here ends
 * sooner; a crash or a browser closing mid-wait loses at most those last 15 seconds.
 *
 * When to fold: a fold costs several times a write, so it waits until the journal holds
 * FOLD_AFTER_RECORDS records, or the person has paused for FOLD_WHEN_QUIET_MS (a worker about to
 * idle out leaves nothing behind), or a page that shows figures asks (`flush`), or a worker starts
 * again. Until then figures lag: pages ask for a fold when they open.
 */
import type { PendingEvents } from './attention';
import type { Store } from '@/utils/store';
import type { RecordingProblem } from '@/utils/store/recording-problem';
import { recordingProblemOf } from '@/utils/store/recording-problem';
import type { AttentionEvent, TrackerContext, TrackerState } from '@/utils/tracker/reducer';
import { msUntilLanding } from '@/utils/tracker/reducer';

export interface TrackingDeps {
  /** Where events are recorded and folded (utils/store). */
  store: Pick<Store, 'record' | 'fold' | 'trackerState'>;
  /** The settings-dependent context; called again after `settingsChanged()`. */
  loadContext: () => Promise<TrackerContext>;
  now: () => number;
  /**
   * When this worker started (default: now). Its first events may be stamped with that time
   * (utils/event-clock.ts): what it finds due as it starts is settled as of then, not later.
   */
  startedAt?: number;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** Failures (a full disk, say) are reported here; tracking goes on with the next event. */
  onError: (error: unknown) => void;
  /**
   * Told when storing starts failing in a way the person must hear of (a full disk), and with null
   * once a write works again (also at the first write of each worker: a problem a stopped worker
   * reported must not outlive it).
   */
  onRecordingProblem?: (problem: RecordingProblem | null) => void;
}

/**
 * Events wait in memory at most this long before they are written, all in one transaction. Every
 * write costs the worker a wake-up and a transaction, whatever it carries: at one switch every 3 s,
 * a 5 s wait wrote one or two switches at a time, this one about five (`npm run bench`, README).
 */
export const WRITE_BEHIND_MS = 15_000;
/** A fold once the journal holds this many records (a busy minute of switching, about 20 switches). */
export const FOLD_AFTER_RECORDS = 60;
/**
 * ...or once no event came for this long: Chrome stops a service worker 30 s after its last event,
 * and the events waiting are written before this (WRITE_BEHIND_MS is shorter).
 */
export const FOLD_WHEN_QUIET_MS = 20_000;

export interface Tracking {
  /** Takes the events of one browser event; they are recorded after all earlier ones. */
  emit(pending: PendingEvents | AttentionEvent[]): void;
  /** Settings changed: events from now on use the new ones. */
  settingsChanged(): void;
  /**
   * Writes the events waiting in memory now, as their timer would (folding if enough records wait);
   * resolves once they are in the journal.
   */
  written(): Promise<void>;
  /** Folds everything emitted so far into the rollups now; resolves once done. */
  flush(): Promise<void>;
}

export function createTracking(deps: TrackingDeps): Tracking {
  let queue: Promise<void> = Promise.resolve();
  let context: Promise<TrackerContext> | null = null;
  /** Events emitted and not yet written, in the order they happened. */
  let waiting: Promise<AttentionEvent[]>[] = [];
  let writeTimer: unknown = null;
  let quietTimer: unknown = null;
  /** When the last event came: the quiet fold counts from then. */
  let lastEventAt = 0;
  /** Records journalled since the last fold (by this worker). */
  let journalled = 0;
  /**
   * Only this worker journals, so after its first fold it knows whether the journal is empty; as it
   * starts, it does not (a stopped worker may have left records).
   */
  let journalKnownEmpty = false;
  /**
   * When the open visit lands if nothing else happens. No timer records the landing then: the next
   * event or fold does, with the same time (the tracker settles landings from the event times), so
   * the stored state never needs an extra write per switch.
   */
  let landingAt: number | null = null;

  /** The problem reported, null once a write worked, undefined until this worker's first write. */
  let problem: RecordingProblem | null | undefined;
  /** Runs a write to storage, and tells (onRecordingProblem) when storing fails or works again. */
  const storing = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      const result = await write();
      if (problem !== null) deps.onRecordingProblem?.((problem = null));
      return result;
    } catch (error) {
      const failure = problem ? null : recordingProblemOf(error, deps.now());
      if (failure) deps.onRecordingProblem?.((problem = failure));
      throw error;
    }
  };

  /** Writes the waiting events into the journal; returns the time of the last one written. */
  const writeWaiting = async (): Promise<number | null> => {
    if (writeTimer !== null) deps.clearTimer(writeTimer);
    writeTimer = null;
    const batch = waiting;
    waiting = [];
    const events: AttentionEvent[] = [];
    for (const pending of batch) {
      // A lookup that failed (a tab closed meanwhile, say) costs only its own event.
      try {
        events.push(...(await pending));
      } catch (error) {
        deps.onError(error);
      }
    }
    if (events.length === 0) return null;
    await record(events);
    return events.at(-1)!.at;
  };

  const writeThenFoldIfDue = async () => {
    const lastAt = await writeWaiting();
    if (lastAt !== null && journalled >= FOLD_AFTER_RECORDS) await fold(lastAt);
  };

  const record = async (events: AttentionEvent[]) => {
    context ??= deps.loadContext();
    const ctx = await context;
    try {
      noteRecorded(await storing(() => deps.store.record(events, ctx)), ctx);
    } catch (error) {
      if (events.length === 1) throw error;
      // All or nothing failed: try the events one by one, so that one the tracker cannot take
      // (or a write that fails for its size) costs only itself.
      deps.onError(error);
      for (const event of events) {
        try {
          noteRecorded(await storing(() => deps.store.record([event], ctx)), ctx);
        } catch (eventError) {
          deps.onError(eventError);
        }
      }
    }
  };

  const noteRecorded = (
    { state, records }: { state: TrackerState; records: readonly unknown[] },
    ctx: TrackerContext,
  ) => {
    journalled += records.length;
    if (records.length > 0) journalKnownEmpty = false;
    expectLanding(state, ctx);
  };

  const expectLanding = (state: TrackerState, ctx: TrackerContext) => {
    const ms = msUntilLanding(state, ctx.rules);
    landingAt = ms === null ? null : state.lastAt + ms;
  };

  /**
   * Writes what waits, then folds the journal. `asOf` is when the fold was asked for: a landing
   * due by then is recorded first, so that this fold carries its switch, and with that time, never
   * a later one: events emitted behind a slow fold keep their own times (the tracker never moves
   * time backwards).
   */
  const fold = async (asOf: number) => {
    await writeWaiting();
    if (landingAt !== null && landingAt <= asOf) await record([{ type: 'tick', at: asOf }]);
    if (quietTimer !== null) deps.clearTimer(quietTimer);
    quietTimer = null;
    // A fold with nothing to do would still open a write transaction over the rollups, and hold up
    // the reads of the page that asked for it.
    if (journalKnownEmpty) return;
    await storing(() => deps.store.fold());
    journalled = 0;
    journalKnownEmpty = true;
  };

  /**
   * Folds once no event came for FOLD_WHEN_QUIET_MS, so a worker that idles out leaves nothing
   * behind. One timer, moved on when it fires early rather than set again at every event (a timer
   * costs the worker more than one would think: `npm run bench`'s profile).
   */
  const foldWhenQuiet = () => {
    lastEventAt = deps.now();
    if (quietTimer === null) armQuietTimer(FOLD_WHEN_QUIET_MS);
  };
  const armQuietTimer = (ms: number) => {
    quietTimer = deps.setTimer(() => {
      quietTimer = null;
      const asOf = deps.now();
      const quietFor = asOf - lastEventAt;
      if (quietFor < FOLD_WHEN_QUIET_MS) armQuietTimer(FOLD_WHEN_QUIET_MS - quietFor);
      else enqueue(() => fold(asOf));
    }, ms);
  };

  /** A worker starting again (at `startedAt`): a landing may be due, and records may wait in the journal. */
  const resume = async (startedAt: number) => {
    context ??= deps.loadContext();
    const [ctx, state] = await Promise.all([context, deps.store.trackerState()]);
    if (state) expectLanding(state, ctx);
    await fold(startedAt);
  };

  const enqueue = (step: () => Promise<unknown>) => {
    queue = queue.then(step).then(
      () => {},
      (error: unknown) => {
        // Settings may be what failed to load: try them afresh next time.
        context = null;
        deps.onError(error);
      },
    );
    return queue;
  };

  const tracking: Tracking = {
    emit(pending) {
      const events = Promise.resolve(pending);
      // Its failure is reported when it is written; don't let it count as unhandled meanwhile.
      events.catch(() => {});
      waiting.push(events);
      writeTimer ??= deps.setTimer(() => {
        writeTimer = null;
        enqueue(writeThenFoldIfDue);
      }, WRITE_BEHIND_MS);
      foldWhenQuiet();
    },
    settingsChanged() {
      // What waits was emitted under the old settings: write it with them.
      enqueue(async () => {
        await writeWaiting();
        context = null;
      });
    },
    written: () => enqueue(writeThenFoldIfDue),
    flush() {
      const asOf = deps.now();
      return enqueue(() => fold(asOf));
    },
  };
  const startedAt = deps.startedAt ?? deps.now();
  enqueue(() => resume(startedAt));
  return tracking;
}
