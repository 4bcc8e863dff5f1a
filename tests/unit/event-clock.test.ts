import { describe, expect, it } from 'vitest';
import { eventClock, START_BURST_MS } from '@/utils/event-clock';

const SET_UP_AT = Date.parse('2026-03-10T09:00:00-04:00');

/** A clock whose wall time the test moves on; the background was set up at SET_UP_AT. */
function clockFrom(workerStartedAt: number) {
  let now = SET_UP_AT;
  const eventTime = eventClock(() => now, workerStartedAt);
  return { eventTime, wait: (ms: number) => (now += ms) };
}

describe('event clock', () => {
  it('stamps the events held while the worker started with its start, and later ones on arrival', () => {
    // The worker started 55.4 ms before its listeners were set up (its scripts ran meanwhile).
    const { eventTime, wait } = clockFrom(SET_UP_AT - 55.4);
    wait(20); // the tab activation that started the worker, dispatched once it was set up
    expect(eventTime()).toBe(SET_UP_AT - 56);
    wait(2); // a URL change Chrome held with it
    expect(eventTime()).toBe(SET_UP_AT - 56);
    wait(START_BURST_MS - 22 + 1); // the next switch, made while the worker was running
    expect(eventTime()).toBe(SET_UP_AT + START_BURST_MS + 1);
    wait(1_300);
    expect(eventTime()).toBe(SET_UP_AT + START_BURST_MS + 1_301);
  });

  it('stamps on arrival when the start it is given cannot be this worker’s', () => {
    for (const startedAt of [SET_UP_AT + 5, SET_UP_AT - 60_000, Number.NaN]) {
      const { eventTime, wait } = clockFrom(startedAt);
      wait(20);
      expect(eventTime()).toBe(SET_UP_AT + 20);
    }
  });
});
