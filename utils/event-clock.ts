/**
 * When a browser event happened, as near as the background can tell.
 *
 * Chrome stops the extension's service worker 30 s after its last event, and the next event starts
 * it again. That event reaches its listener only once the worker's scripts have run and Chrome has
 * dispatched it: about 50 ms after the worker started on a quiet machine, more on a busy one.
 * Stamped on arrival, the switch that woke the worker would begin that much late, and a short visit
 * could fall under the landing threshold.
 *
 * Chrome dispatches the events it held while the worker started right after the worker is set up:
 * 7–28 ms after, measured here. So the events that arrive within START_BURST_MS of the set-up are
 * stamped with the time the worker started, the nearest time it can know (Chrome itself takes about
 * another 50 ms to start the worker); later ones on arrival. A worker started for another reason
 * (the browser starting, a page asking for figures) has no held event, and a person's next switch
 * comes later than that.
 */

/** Held events arrive within this of the worker's set-up (7–28 ms measured, with room for a busy machine). */
export const START_BURST_MS = 100;
/** A worker start further back than this is not one (a clock that jumped, a test's fake clock). */
const MAX_START_MS = 10_000;

/**
 * The clock to stamp browser events with, made as the background is set up. `now` is the wall
 * clock; `workerStartedAt` is when this worker started (`performance.timeOrigin`).
 */
export function eventClock(now: () => number, workerStartedAt: number): () => number {
  const setUpAt = now();
  const startedAt = Math.floor(workerStartedAt);
  if (!(startedAt <= setUpAt && setUpAt - startedAt <= MAX_START_MS)) return now;
  return () => {
    const at = now();
    return at - setUpAt <= START_BURST_MS ? startedAt : at;
  };
}
