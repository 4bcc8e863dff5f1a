/**
 * When a browser event happened, as near as the background can tell.
 *
 * Chrome stops the extension's service worker 30 s after its last event, and the next event starts
 * it again. That event reaches its listener only once the worker's scripts have run and Chrome has
 * dispatched it: about 50 ms after the worker started on a quiet machine, more on a busy one.
 * Stamped on arrival, the switch that woke the worker would begin that much late, and a short visit
 * could fall under the landing threshold.
 *
 * Chrome dispatches the events it held while the worker started as soon as the worker is set up,
 * one right after another. So the events that arrive that way (each within START_BURST_GAP_MS of
 * the set-up, or of the event before) are stamped with the time the worker started: the nearest
 * time it can know (Chrome itself takes about another 50 ms to start the worker). Any later event
 * is stamped on arrival.
 */

/** Held events arrive within this of the set-up and of each other (3–28 ms measured here, under load too). */
export const START_BURST_GAP_MS = 100;
/** A worker start further back than this is not one (a clock that jumped, a test's fake clock). */
const MAX_START_MS = 10_000;

/**
 * The clock to stamp browser events with. `now` is the wall clock; `workerStartedAt` is when this
 * worker started (`performance.timeOrigin`). Made as the background is set up.
 */
export function eventClock(now: () => number, workerStartedAt: number): () => number {
  const startedAt = Math.floor(workerStartedAt);
  /** The set-up, then the last event of the start's burst; null once the burst is over. */
  let burstAt: number | null = now();
  if (!(startedAt <= burstAt && burstAt - startedAt <= MAX_START_MS)) return now;
  return () => {
    const at = now();
    if (burstAt !== null && at - burstAt <= START_BURST_GAP_MS) {
      burstAt = at;
      return startedAt;
    }
    burstAt = null;
    return at;
  };
}
