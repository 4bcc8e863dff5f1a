/**
 * When a browser event happened, as near as the background can tell.
 *
 * Chrome stops the extension's service worker 30 s after its last event, and the next event starts
 * it again. That event reaches its listener only once the worker's scripts have run and Chrome has
 * dispatched it: about 50 ms after the worker started on a quiet machine, 100–200 ms on a busy one.
 * Stamped on arrival, the switch that woke the worker would begin that much late, and a short visit
 * could fall under the landing threshold.
 *
 * Chrome dispatches the events it held while the worker started once the worker is set up, one
 * right behind another: the first 8–98 ms after the set-up here, with two browsers and two busy
 * loops on two cores. So the first event, when it arrives within HELD_WITHIN_MS of the set-up, and
 * those right behind it (each within HELD_GAP_MS of the one before) are stamped with the time the
 * worker started: the nearest time it can know (Chrome itself takes 50–100 ms to start the worker
 * here, more on a busy machine). Every other event is stamped on arrival. (The listeners read the
 * clock for every tab update, even one they ignore, so that a URL change arriving 100 ms after the
 * favicon update that woke the worker counts as the later event it is.) A worker started for
 * something else (the browser starting, a page asking for figures) holds no event, and a person's
 * first switch after that rarely comes within HELD_WITHIN_MS; if it does, it is stamped that much
 * early, no more.
 */

/** The first held event arrives within this of the worker's set-up (at most 98 ms measured). */
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
