import { afterEach, describe, expect, it } from 'vitest';
import { allSwitches, ToggleTaxDB } from '@/utils/db';
import { createRecorder } from '@/utils/recorder';
import type { TrackerContext } from '@/utils/tracker';
import { createTracking } from '@/utils/tracking';
import { context, MORNING, URL as U } from './scenario';

const db = new ToggleTaxDB('tracking-test');
afterEach(() => Promise.all(db.tables.map((t) => t.clear())));

function setup(loadContext: () => Promise<TrackerContext> = async () => context) {
  let now = MORNING;
  const timers: { run: () => void; at: number }[] = [];
  const errors: unknown[] = [];
  const tracking = createTracking({
    recorder: createRecorder(db),
    loadContext,
    now: () => now,
    setTimer: (run, ms) => {
      const timer = { run, at: now + ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { at: number }).at = Infinity;
    },
    onError: (error) => errors.push(error),
  });
  /** Moves the fake clock on, firing the timers that fall due. */
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timer.at = Infinity;
      timer.run();
    }
  };
  return { tracking, errors, advance, at: () => now };
}

describe('tracking loop', () => {
  it('records a switch once minDwell has passed, without waiting for another event', async () => {
    const { tracking, advance, at } = setup();
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(30_000);
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    await tracking.idle();
    expect((await allSwitches(db)).length).toBe(0);
    advance(1_100);
    await tracking.idle();
    expect(await allSwitches(db)).toMatchObject([{ from: 'slack', to: 'dropbox', at: MORNING + 30_000 }]);
  });

  it('reports a failure and goes on recording the next events', async () => {
    let calls = 0;
    const { tracking, errors, advance, at } = setup(async () => {
      if (++calls === 1) throw new Error('settings unreadable');
      return context;
    });
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(10_000);
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(10_000);
    tracking.emit(Promise.reject(new Error('tab vanished')));
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    advance(10_000);
    tracking.emit([{ type: 'blur', at: at() }]);
    await tracking.idle();
    expect(errors.map((e) => (e as Error).message)).toEqual(['settings unreadable', 'tab vanished']);
    expect(await allSwitches(db)).toMatchObject([{ from: 'slack', to: 'dropbox' }]);
  });

  it('records events in the order they happened, even when a lookup finishes late', async () => {
    const { tracking, advance, at } = setup();
    let resolveSlow!: (events: never[]) => void;
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(5_000);
    const slackAgain = at();
    tracking.emit(new Promise((resolve) => (resolveSlow = resolve)).then(() => [{ type: 'attend' as const, at: slackAgain, tabId: 1, url: U.gmail }]));
    advance(5_000);
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    advance(5_000);
    tracking.emit([{ type: 'blur', at: at() }]);
    resolveSlow([]);
    await tracking.idle();
    expect((await allSwitches(db)).map((s) => `${s.from}→${s.to}`)).toEqual(['slack→gmail', 'gmail→dropbox']);
  });
});
