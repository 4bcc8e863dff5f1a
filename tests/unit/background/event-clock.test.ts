import { describe, expect, it } from 'vitest';
import { eventClock, HELD_GAP_MS, HELD_WITHIN_MS } from '@/entrypoints/background/event-clock';

const SET_UP_AT = Date.parse('2026-03-10T09:00:00-04:00');

/** A clock whose wall time the test moves on; the background was set up at SET_UP_AT. */
function clockFrom(workerStartedAt: number) {
  let now = SET_UP_AT;
  const clock = eventClock(() => now, workerStartedAt);
  return { ...clock, wait: (ms: number) => (now += ms) };
}

describe('event clock', () => {
  it('stamps the events held while the worker started with its start, and later ones on arrival', () => {
    // The worker started 55.4 ms before its listeners were set up (its scripts ran meanwhile).
    const { startedAt, eventTime, wait } = clockFrom(SET_UP_AT - 55.4);
    expect(startedAt).toBe(SET_UP_AT - 56);
    wait(90); // the new tab that started the worker, dispatched once it was set up (a busy machine)
    expect(eventTime()).toBe(SET_UP_AT - 56);
    wait(3); // its URL, which Chrome held with it
    expect(eventTime()).toBe(SET_UP_AT - 56);
    wait(HELD_GAP_MS + 1); // the next switch, made while the worker was running
    expect(eventTime()).toBe(SET_UP_AT + 93 + HELD_GAP_MS + 1);
    wait(1); // the held events are over for good
    expect(eventTime()).toBe(SET_UP_AT + 93 + HELD_GAP_MS + 2);
  });

  it('stamps on arrival when no event came as the worker was set up', () => {
    // Started for something else (a page asking for figures, say): the first switch comes later.
    const { eventTime, wait } = clockFrom(SET_UP_AT - 40);
    wait(HELD_WITHIN_MS + 1);
    expect(eventTime()).toBe(SET_UP_AT + HELD_WITHIN_MS + 1);
    wait(1);
    expect(eventTime()).toBe(SET_UP_AT + HELD_WITHIN_MS + 2);
  });

  it('stamps on arrival when the start it is given cannot be this worker’s', () => {
    for (const workerStartedAt of [SET_UP_AT + 5, SET_UP_AT - 60_000, Number.NaN]) {
      const { startedAt, eventTime, wait } = clockFrom(workerStartedAt);
      expect(startedAt).toBe(SET_UP_AT);
      wait(20);
      expect(eventTime()).toBe(SET_UP_AT + 20);
    }
  });
});
