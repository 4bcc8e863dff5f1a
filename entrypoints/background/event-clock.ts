/**
 * When a browser event happened, as near as the worker can tell. The event that starts a stopped
 * worker reaches its listener only once the worker's scripts have run, a noticeable while after the
 * switch; stamped on arrival, that switch would start late and a short visit could fall under the
 * landing threshold. Chrome hands over the events it held right after the set-up, one behind
 * another, so those are stamped with the worker's start instead; every other event on arrival.
 * (Measured delays: tests/bench/README.md.)
 */

/** The first held event arrives within this of the worker's set-up (well under it, measured). */
export const HELD_WITHIN_MS = 300;
/** Held events arrive right behind one another; a person's next switch never comes this soon. */
export const HELD_GAP_MS = 20;
/** A worker start further back than this is not one (a clock that jumped, a test's fake clock). */
const MAX_START_MS = 10_000;

export interface EventClock {
  /** When this worker started, or when the clock was made if the start given was implausible. */
  startedAt: number;
  /** The time to stamp a browser event with, read as its listener runs. */
  eventTime: () => number;
}

/**
 * Made as the background is set up. `now` is the wall clock; `workerStartedAt` is when this worker
 * started (`performance.timeOrigin`).
 */
export function eventClock(now: () => number, workerStartedAt: number): EventClock {
  const setUpAt = now();
  const startedAt = Math.floor(workerStartedAt);
  if (!(startedAt <= setUpAt && setUpAt - startedAt <= MAX_START_MS)) return { startedAt: setUpAt, eventTime: now };
  /** Until when an event arriving counts as held; null once one arrived that was not. */
  let heldUntil: number | null = setUpAt + HELD_WITHIN_MS;
  return {
    startedAt,
    eventTime() {
      const at = now();
      if (heldUntil !== null && at <= heldUntil) {
        heldUntil = at + HELD_GAP_MS;
        return startedAt;
      }
      heldUntil = null;
      return at;
    },
  };
}
