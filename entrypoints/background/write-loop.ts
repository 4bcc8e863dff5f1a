/**
 * The background's tracking loop: runs attention events in order through the tracker with the
 * current settings into the store's journal, and folds the journal into the rollups many events at
 * a time. Its dependencies are passed in, so tests drive it with a fake store and a fake clock.
 *
 * When to write: within a second (WRITE_EVERY_MS), with what else came in that second, so whatever
 * stops the worker (an update, a crash, the browser killed) loses at most that second. When storage
 * refuses (a full disk), the events are kept in memory and tried again, less and less often, until a
 * write works.
 *
 * When to fold: a fold costs several times a write, so it waits until the journal holds
 * FOLD_AFTER_RECORDS records, or the person has paused for FOLD_WHEN_QUIET_MS, or a page that shows
 * figures asks (`flush`), or a worker starts again. Until then figures lag: pages ask as they open.
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
  /**
   * The problem the worker before this one reported and never saw end, if any: it may have been
   * stopped holding events storage had refused, so what follows is not priced across the gap.
   */
  earlierProblem?: Promise<RecordingProblem | null>;
  /**
   * Told when this worker starts holding events not yet in storage (kept where it outlives the
   * worker), once per write: a worker stopped before its write lost them without a word.
   */
  noteHolding?: (since: number) => void;
  /**
   * When the worker before this one last started holding events (`noteHolding`): at or after the
   * last event stored, it was stopped holding them. The visit they told of is unknown, so what
   * follows is not priced across it (A→B→C never becomes A→C).
   */
  earlierHeldSince?: Promise<number | null>;
  /**
   * True for the first worker of a browser session: the last session ended at an unknown time
   * after its last stored event (the browser closed, or was killed), so nothing is priced across.
   */
  firstOfSession?: Promise<boolean>;
}

/**
 * An event waits at most this long to be written, and writes are at least this far apart: what
 * comes within a second goes together (each write costs the worker about as much as a switch
 * itself: tests/bench/README.md). A write also waits, within that second, until the newest visit
 * has had time to land, and records that it did: a switch is then stored with its landing, and a
 * visit cut short by a crash is never taken for one that landed.
 */
export const WRITE_EVERY_MS = 1_000;
/** After storage refused a write, the first try again comes this much later, then twice as late each time. */
export const FIRST_RETRY_MS = 1_000;
export const LAST_RETRY_MS = 60_000;
/** At most this many refused events are kept in memory; older ones are dropped, and a break marks them. */
export const MAX_HELD_EVENTS = 10_000;
/** A fold once the journal holds this many records (a busy minute of switching, about 20 switches). */
export const FOLD_AFTER_RECORDS = 60;
/** ...or once no event came for this long: Chrome stops a service worker 30 s after its last event. */
export const FOLD_WHEN_QUIET_MS = 20_000;

export interface Tracking {
  /** Takes the events of one browser event; they are recorded after all earlier ones. */
  emit(pending: PendingEvents | AttentionEvent[]): void;
  /** Settings changed: events from now on use the new ones. */
  settingsChanged(): void;
  /** Resolves once every event emitted so far is in the journal (or held, storage refusing). */
  written(): Promise<void>;
  /** Folds everything emitted so far into the rollups now; resolves once done. */
  flush(): Promise<void>;
}

export function createTracking(deps: TrackingDeps): Tracking {
  let queue: Promise<void> = Promise.resolve();
  let context: Promise<TrackerContext> | null = null;
  /** Events emitted and not yet written, in the order they happened. */
  let waiting: Promise<AttentionEvent[]>[] = [];
  /** Events storage refused, oldest first: written before anything newer, once storing works. */
  let held: AttentionEvent[] = [];
  /** A write is queued and has not yet taken what waits. */
  let writeQueued = false;
  /** When the last write was queued; when the oldest and the newest event waiting came; the timer of the next write. */
  let lastWriteAt = -Infinity;
  let oldestWaitingAt: number | null = null;
  let newestWaitingAt = -Infinity;
  let writeTimer: unknown = null;
  /** The time to land on an app, from the settings last loaded. */
  let minDwellMs = 0;
  /** The timer set for when the open visit lands; set once it has, until a write records it. */
  let landingTimer: unknown = null;
  let landingDue = false;
  /** Set while storage refuses: the next try, and how long the one after it waits. */
  let retryTimer: unknown = null;
  let retryInMs = FIRST_RETRY_MS;
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
   * When the open visit lands if nothing else happens: a write records it within a second, unless
   * the write an event brings does first (usually: it waits for the landing).
   */
  let landingAt: number | null = null;

  /**
   * When this worker started holding what waits now (told to `noteHolding`); null once a write
   * has taken it. Each write's tick comes after it, so a stored state past it means written.
   */
  let holdingSince: number | null = null;

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

  /** Writes what waits (and what storage refused before) into the journal; returns the time of the last one written. */
  const writeWaiting = async (): Promise<number | null> => {
    writeQueued = false;
    oldestWaitingAt = null;
    const batch = waiting;
    waiting = [];
    // What comes from now on is held anew, and noted with its own time.
    const noted = holdingSince;
    holdingSince = null;
    const events = held;
    held = [];
    for (const pending of batch) {
      // A lookup that failed (a tab closed meanwhile, say) costs only its own event.
      try {
        events.push(...(await pending));
      } catch (error) {
        deps.onError(error);
      }
    }
    // Nothing to write, unless a note of holding went out: a tick then says nothing was lost.
    if (events.length === 0 && !landingDue && noted === null) return null;
    landingDue = false;
    // Still here as of now: the stored state knows the newest visit lasted until this write (and
    // is later than the note of holding, so the next worker knows it was written).
    const tickAt = Math.max(deps.now(), events.at(-1)?.at ?? 0, noted === null ? -Infinity : noted + 1);
    events.push({ type: 'tick', at: tickAt });
    if (!(await record(events))) {
      holdingSince ??= noted;
      return null;
    }
    return tickAt;
  };

  const writeThenFoldIfDue = async () => {
    const lastAt = await writeWaiting();
    if (lastAt !== null && journalled >= FOLD_AFTER_RECORDS) await fold(lastAt);
  };

  /**
   * Queues a write of what waits when it is due (WRITE_EVERY_MS), unless one is queued already or
   * storage refuses (a try is then due).
   */
  const writeSoon = () => {
    if (writeQueued || retryTimer !== null || writeTimer !== null) return;
    // Events storage refused are due at once: their try has come.
    if (oldestWaitingAt === null && held.length === 0) return;
    const due = Math.min(
      oldestWaitingAt === null ? -Infinity : oldestWaitingAt + WRITE_EVERY_MS,
      Math.max(lastWriteAt + WRITE_EVERY_MS, newestWaitingAt + minDwellMs),
    );
    const wait = due - deps.now();
    if (wait > 0) {
      writeTimer = deps.setTimer(() => {
        writeTimer = null;
        writeSoon();
      }, wait);
      return;
    }
    writeQueued = true;
    lastWriteAt = deps.now();
    enqueue(writeThenFoldIfDue);
  };

  /**
   * Records events in one transaction; returns false if storage refused (they are then held and
   * tried again). An event the tracker cannot take costs only itself.
   */
  const record = async (events: AttentionEvent[]): Promise<boolean> => {
    context ??= deps.loadContext();
    const ctx = await context;
    minDwellMs = ctx.rules.minDwellMs;
    // All at once; after a failure that was not storage's, one by one.
    let oneByOne = false;
    for (let i = 0; i < events.length;) {
      const batch = oneByOne ? events.slice(i, i + 1) : events;
      try {
        noteRecorded(await storing(() => deps.store.record(batch, ctx)), ctx);
        i += batch.length;
      } catch (error) {
        if (recordingProblemOf(error, 0)) {
          hold(events.slice(i));
          return false;
        }
        deps.onError(error);
        if (oneByOne || batch.length === 1) i += 1;
        oneByOne = true;
      }
    }
    retryInMs = FIRST_RETRY_MS;
    return true;
  };

  /** Keeps refused events for the next try, the oldest dropped beyond MAX_HELD_EVENTS. */
  const hold = (events: AttentionEvent[]) => {
    held = events.concat(held);
    if (held.length > MAX_HELD_EVENTS) {
      held = held.slice(-MAX_HELD_EVENTS);
      // What was dropped is unknown time: nothing is priced across it.
      held.unshift({ type: 'lost', at: held[0]!.at });
    }
    if (retryTimer !== null) return;
    retryTimer = deps.setTimer(() => {
      retryTimer = null;
      writeSoon();
    }, retryInMs);
    retryInMs = Math.min(retryInMs * 2, LAST_RETRY_MS);
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
    if (landingTimer !== null) deps.clearTimer(landingTimer);
    landingTimer = null;
    // A visit that lands after the last write: its landing is written too, within a second of it.
    if (landingAt !== null)
      landingTimer = deps.setTimer(
        () => {
          landingTimer = null;
          landingDue = true;
          oldestWaitingAt ??= deps.now();
          writeSoon();
        },
        Math.max(0, landingAt - deps.now()),
      );
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
    // the reads of the page that asked for it; while storage refuses, it would fail too.
    if (journalKnownEmpty || held.length > 0) return;
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

  /**
   * A worker starting again (at `startedAt`): events may have been lost with the one before, a
   * landing may be due, and records may wait in the journal.
   */
  const resume = async (startedAt: number) => {
    context ??= deps.loadContext();
    const [ctx, state, earlier, first, heldSince] = await Promise.all([
      context,
      deps.store.trackerState(),
      deps.earlierProblem,
      deps.firstOfSession,
      deps.earlierHeldSince,
    ]);
    // Every write ends with a tick after its note: a note at or after the last event stored was
    // never followed by its write.
    const heldBefore = typeof heldSince === 'number' && heldSince >= (state?.lastAt ?? -Infinity);
    minDwellMs = ctx.rules.minDwellMs;
    if (state) expectLanding(state, ctx);
    if (first) await record([{ type: 'startup', at: startedAt }]);
    else if (earlier || heldBefore) await record([{ type: 'lost', at: startedAt }]);
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
      if (holdingSince === null) {
        holdingSince = deps.now();
        deps.noteHolding?.(holdingSince);
      }
      const now = deps.now();
      oldestWaitingAt ??= now;
      newestWaitingAt = now;
      writeSoon();
      foldWhenQuiet();
    },
    settingsChanged() {
      // What waits was emitted under the old settings: write it with them.
      enqueue(async () => {
        await writeWaiting();
        context = null;
      });
    },
    // A write already queued, or a try due later, is left as it is.
    written: () => enqueue(retryTimer === null && !writeQueued ? writeThenFoldIfDue : async () => {}),
    flush() {
      const asOf = deps.now();
      return enqueue(() => fold(asOf));
    },
  };
  const startedAt = deps.startedAt ?? deps.now();
  enqueue(() => resume(startedAt));
  return tracking;
}
