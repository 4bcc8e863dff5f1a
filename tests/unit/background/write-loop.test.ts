import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '@/utils/store';
import { ToggleTaxDB } from '@/utils/store/schema';
import type { RecordingProblem } from '@/utils/store/recording-problem';
import type { TrackerContext } from '@/utils/tracker/reducer';
import { createTracking, FOLD_AFTER_RECORDS, FOLD_WHEN_QUIET_MS } from '@/entrypoints/background/write-loop';
import { context, MORNING, URL as U } from '../helpers/scenario';

const db = new ToggleTaxDB('tracking-test');
/** Folds that changed the figures, as the store announces them. */
let announced = 0;
const store = openStore(globalThis, { name: 'tracking-test', announce: () => announced++ });
afterEach(() => Promise.all(db.tables.map((t) => t.clear())));

function setup(
  loadContext: () => Promise<TrackerContext> = async () => context,
  start = MORNING,
  recording: Parameters<typeof createTracking>[0]['store'] = store,
  startedAt?: number,
  earlierProblem?: Promise<RecordingProblem | null>,
  more: Partial<Parameters<typeof createTracking>[0]> = {},
) {
  let now = start;
  const timers: { run: () => void; at: number }[] = [];
  const errors: unknown[] = [];
  const problems: (RecordingProblem | null)[] = [];
  const foldsBefore = announced;
  const tracking = createTracking({
    store: recording,
    loadContext,
    now: () => now,
    startedAt,
    setTimer: (run, ms) => {
      const timer = { run, at: now + ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { at: number }).at = Infinity;
    },
    onError: (error) => errors.push(error),
    onRecordingProblem: (problem) => problems.push(problem),
    earlierProblem,
    ...more,
  });
  /** Moves the fake clock on, firing the timers that fall due. */
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timer.at = Infinity;
      timer.run();
    }
  };
  return { tracking, errors, problems, advance, at: () => now, folds: () => announced - foldsBefore };
}

/** The tracker's state as stored. */
const trackerStateOf = async () => (await db.meta.get('tracker'))?.value;

/** Slack, then Dropbox 30 s later (not landed yet), each event recorded before the next. */
async function slackThenDropbox(run: ReturnType<typeof setup>) {
  run.tracking.emit([{ type: 'attend', at: run.at(), tabId: 1, url: U.slack }]);
  await run.tracking.written();
  run.advance(30_000);
  run.tracking.emit([{ type: 'attend', at: run.at(), tabId: 2, url: U.dropbox }]);
  await run.tracking.written();
  return run;
}

describe('tracking loop', () => {
  it('records a switch once minDwell has passed, without waiting for another event', async () => {
    const { tracking, advance, at } = setup();
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(30_000);
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    await tracking.flush();
    expect((await store.switches()).length).toBe(0);
    advance(1_100);
    await tracking.flush();
    expect(await store.switches()).toMatchObject([{ from: 'slack', to: 'dropbox', at: MORNING + 30_000 }]);
  });

  it('writes an event within a second, with its landing, and what comes within it together', async () => {
    const writes: string[][] = [];
    const counting = {
      ...store,
      record: (events: Parameters<typeof store.record>[0], ctx: TrackerContext) => {
        writes.push(events.map((e) => e.type));
        return store.record(events, ctx);
      },
    };
    const { tracking, advance, at } = setup(undefined, MORNING, counting);
    await tracking.flush(); // the worker's start
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(999);
    await settle();
    expect(writes).toEqual([]);
    advance(1);
    await vi.waitFor(() => expect(writes).toEqual([['attend', 'tick']]));
    // Stored with its landing: Slack is known to have been attended a second.
    expect(await trackerStateOf()).toMatchObject({ segment: { key: 'app:slack', landed: true } });

    // Two events within a second go together, a second after the first.
    advance(500);
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    advance(300);
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(700);
    await vi.waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]).toEqual(['attend', 'attend', 'tick']);

    // Switching on without a pause never holds events longer than a second.
    for (let i = 0; i < 15; i++) {
      advance(200);
      tracking.emit([{ type: 'attend', at: at(), tabId: 1 + (i % 2), url: i % 2 ? U.slack : U.dropbox }]);
      await settle();
    }
    expect(writes.length).toBeGreaterThanOrEqual(4);
  });

  it("folds at a page's request only when something was recorded since the last fold (and always as it starts)", async () => {
    const recorder = store;
    let foldCalls = 0;
    const counting = { ...recorder, fold: () => (foldCalls++, recorder.fold()) };
    const { tracking, advance, at } = setup(undefined, MORNING, counting);
    await tracking.flush();
    expect(foldCalls).toBe(1); // as it starts: a stopped worker may have left records
    await tracking.flush();
    expect(foldCalls).toBe(1); // nothing new: no write over the rollups
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(5_000);
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    advance(2_000);
    await tracking.flush();
    expect(foldCalls).toBe(2);
    expect(await store.switches()).toMatchObject([{ from: 'slack', to: 'dropbox' }]);
    await tracking.flush();
    expect(foldCalls).toBe(2);
  });

  it('loses only the event the tracker cannot take, not the others written with it', async () => {
    const broken: TrackerContext = {
      ...context,
      classify: (url) => {
        if (url === U.gmail) throw new Error('cannot classify');
        return context.classify(url);
      },
    };
    const { tracking, errors, problems, advance, at } = setup(async () => broken);
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(1_500);
    tracking.emit([{ type: 'attend', at: at(), tabId: 3, url: U.gmail }]);
    advance(1_500);
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    advance(1_500);
    tracking.emit([{ type: 'blur', at: at() }]);
    await tracking.flush();
    expect(errors.map((e) => (e as Error).message)).toEqual(['cannot classify', 'cannot classify']);
    expect(await store.switches()).toMatchObject([{ from: 'slack', to: 'dropbox', at: MORNING + 3_000 }]);
    // The tracker's own error, about one event: nothing for the person to fix, so nothing to tell.
    expect(problems.filter(Boolean)).toEqual([]);
  });

  it('keeps what storage refuses, tries again less and less often, and saves it once there is room', async () => {
    let diskFull = false;
    let tries = 0;
    const full = () => Promise.reject(new DOMException('The disk is full', 'QuotaExceededError'));
    const filling = {
      ...store,
      record: (events: Parameters<typeof store.record>[0], ctx: TrackerContext) =>
        diskFull ? (tries++, full()) : store.record(events, ctx),
      fold: () => (diskFull ? full() : store.fold()),
    };
    const run = setup(undefined, MORNING, filling);
    await run.tracking.flush(); // the worker's start: storing works (and a problem a stopped worker noted ends)
    expect(run.problems).toEqual([null]);

    diskFull = true;
    const fullSince = run.at();
    await slackThenDropbox(run);
    run.advance(1_100);
    await run.tracking.flush();
    expect(run.problems).toEqual([null, { since: fullSince, error: 'QuotaExceededError' }]); // the person, once
    expect(run.errors).toEqual([]); // nothing is lost, so nothing to report
    // Tries again after 1 s, then 2 s, then 4 s…: not at every event, nor every second.
    const triesBefore = tries;
    for (let i = 0; i < 8; i++) {
      run.advance(1_000);
      run.tracking.emit([{ type: 'blur', at: run.at() }]);
      await run.tracking.written();
    }
    expect(tries - triesBefore).toBeGreaterThanOrEqual(2);
    expect(tries - triesBefore).toBeLessThanOrEqual(3);

    diskFull = false;
    run.advance(8_000);
    run.tracking.emit([{ type: 'attend', at: run.at(), tabId: 2, url: U.dropbox }]);
    await run.tracking.written(); // the try that was due
    await run.tracking.flush();
    expect(run.problems).toEqual([null, { since: fullSince, error: 'QuotaExceededError' }, null]);
    // Made while the disk was full, with its own time.
    expect(await store.switches()).toMatchObject([{ from: 'slack', to: 'dropbox', at: fullSince + 30_000 }]);
  });

  it('invents no switch when a worker that held refused events was stopped', async () => {
    let diskFull = false;
    const filling = {
      ...store,
      record: (events: Parameters<typeof store.record>[0], ctx: TrackerContext) =>
        diskFull ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : store.record(events, ctx),
    };
    const first = setup(undefined, MORNING, filling);
    first.tracking.emit([{ type: 'attend', at: first.at(), tabId: 1, url: U.slack }]);
    first.advance(30_000);
    await first.tracking.written();
    diskFull = true;
    // Dropbox, and back to Slack much later: held in memory, then the worker is stopped.
    first.tracking.emit([{ type: 'attend', at: first.at(), tabId: 2, url: U.dropbox }]);
    first.advance(5 * 60_000);
    first.tracking.emit([{ type: 'attend', at: first.at(), tabId: 1, url: U.slack }]);
    await first.tracking.written();
    expect(first.problems.at(-1)).toMatchObject({ error: 'QuotaExceededError' });

    // The next worker knows a problem was never seen to end: the events after the last stored one
    // are unknown time. Gmail 10 s later is not a switch from Slack, nor is Slack's visit that long.
    diskFull = false;
    const second = setup(undefined, first.at() + 10_000, store, undefined, Promise.resolve(first.problems.at(-1)!));
    second.tracking.emit([{ type: 'attend', at: second.at(), tabId: 3, url: U.gmail }]);
    second.advance(2_000);
    await second.tracking.flush();
    expect(await store.switches()).toEqual([]);
    expect((await db.appDays.get(['2026-03-10', 'slack']))?.attendedMs).toBe(30_000);
  });

  it('notes when it starts holding events not yet written, once per write', async () => {
    const notes: number[] = [];
    const { tracking, advance, at } = setup(undefined, MORNING, store, undefined, undefined, {
      noteHolding: (since) => notes.push(since),
    });
    await tracking.flush();
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(300);
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    expect(notes).toEqual([MORNING]);
    advance(1_100);
    await tracking.written();
    advance(30_000);
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    expect(notes).toEqual([MORNING, MORNING + 31_400]);
  });

  it('invents no switch when a worker was stopped holding an event: A→B→C, B lost, is no A→C', async () => {
    const notes: number[] = [];
    const first = setup(undefined, MORNING, store, undefined, undefined, { noteHolding: (since) => notes.push(since) });
    first.tracking.emit([{ type: 'attend', at: first.at(), tabId: 1, url: U.slack }]);
    first.advance(30_000);
    await first.tracking.written();
    // Dropbox, then the worker is stopped within the second before its write: the event is gone.
    first.tracking.emit([{ type: 'attend', at: first.at(), tabId: 2, url: U.dropbox }]);

    // The next worker finds the note later than the last event stored: Gmail is not a switch from Slack.
    const second = setup(undefined, first.at() + 2_000, store, undefined, undefined, {
      earlierHeldSince: Promise.resolve(notes.at(-1)!),
      noteHolding: (since) => notes.push(since),
    });
    second.tracking.emit([{ type: 'attend', at: second.at(), tabId: 3, url: U.gmail }]);
    second.advance(1_100);
    await second.tracking.flush();
    expect(await store.switches()).toEqual([]);

    // Its own note came before what it wrote (a worker Chrome stopped when idle): the same kind of
    // move is a switch.
    const third = setup(undefined, second.at() + 60_000, store, undefined, undefined, {
      earlierHeldSince: Promise.resolve(notes.at(-1)!),
    });
    third.tracking.emit([{ type: 'attend', at: third.at(), tabId: 1, url: U.slack }]);
    third.advance(1_100);
    await third.tracking.flush();
    expect(await store.switches()).toMatchObject([{ from: 'gmail', to: 'slack' }]);
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
    await tracking.flush();
    expect(errors.map((e) => (e as Error).message)).toEqual(['settings unreadable', 'tab vanished']);
    expect(await store.switches()).toMatchObject([{ from: 'slack', to: 'dropbox' }]);
  });

  it('records events in the order they happened, even when a lookup finishes late', async () => {
    const { tracking, advance, at } = setup();
    let resolveSlow!: (events: never[]) => void;
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    advance(5_000);
    const slackAgain = at();
    tracking.emit(
      new Promise((resolve) => (resolveSlow = resolve)).then(() => [
        { type: 'attend' as const, at: slackAgain, tabId: 1, url: U.gmail },
      ]),
    );
    advance(5_000);
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    advance(5_000);
    tracking.emit([{ type: 'blur', at: at() }]);
    resolveSlow([]);
    await tracking.flush();
    expect((await store.switches()).map((s) => `${s.from}→${s.to}`)).toEqual(['slack→gmail', 'gmail→dropbox']);
  });

  it('folds the journal into the figures once enough records wait, and when the person pauses', async () => {
    const { tracking, advance, at, folds } = setup();
    const switches = 40;
    for (let i = 0; i <= switches; i++) {
      tracking.emit([{ type: 'attend', at: at(), tabId: i % 2 ? 2 : 1, url: i % 2 ? U.dropbox : U.slack }]);
      await tracking.written(); // (the loop sets its timers once it has recorded an event)
      advance(2_000); // each visit lands
      await tracking.written();
    }
    // About two records a switch (its landing, and the time in the app left): one fold so far.
    expect(folds()).toBe(1);
    const folded = (await store.switches()).length;
    expect(folded).toBeGreaterThanOrEqual(FOLD_AFTER_RECORDS / 2 - 1);
    expect(folded).toBeLessThan(switches);
    expect(await db.journal.count()).toBeGreaterThan(0);
    // The person pauses: the rest is folded before the worker could idle out.
    advance(FOLD_WHEN_QUIET_MS);
    await tracking.written();
    expect(folds()).toBe(2);
    expect(await db.journal.count()).toBe(0);
    expect((await store.switches()).length).toBe(switches);
  });

  it('writes and folds on its own timers, and has folded everything before Chrome could stop the worker', async () => {
    const { tracking, advance, at, folds } = setup();
    /** Moves the clock on a second at a time, letting the writes and folds that fall due finish. */
    const wait = async (ms: number) => {
      for (let waited = 0; waited < ms; waited += 1_000) {
        advance(1_000);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    // A switch every 3 s for 18 s: too few records for a fold, and no pause.
    for (let i = 0; i < 7; i++) {
      tracking.emit([{ type: 'attend', at: at(), tabId: i % 2 ? 2 : 1, url: i % 2 ? U.dropbox : U.slack }]);
      await wait(3_000);
    }
    expect(folds()).toBe(0);
    expect(await db.journal.count()).toBeGreaterThan(0);
    // The person stops. Chrome stops a worker 30 s after its last event: by then all is folded.
    await wait(30_000 - 3_000 - 1_000);
    expect(folds()).toBe(1);
    expect(await db.journal.count()).toBe(0);
    expect((await store.switches()).length).toBe(6);
  });

  it('folds at once when a page asks, with a landing that is due', async () => {
    const { tracking, advance, at, folds } = setup();
    tracking.emit([{ type: 'attend', at: at(), tabId: 1, url: U.slack }]);
    await tracking.written();
    advance(5_000);
    tracking.emit([{ type: 'attend', at: at(), tabId: 2, url: U.dropbox }]);
    await tracking.written();
    expect(await store.switches()).toEqual([]);
    advance(1_000); // Dropbox has landed, and its tick is still to come
    await tracking.flush();
    expect(await store.switches()).toMatchObject([{ from: 'slack', to: 'dropbox', at: MORNING + 5_000 }]);
    expect(folds()).toBe(1);
  });

  it('folds what a stopped worker left in the journal as soon as it starts again', async () => {
    const first = await slackThenDropbox(setup());
    first.advance(1_100);
    await first.tracking.written();
    expect(await db.journal.count()).toBeGreaterThan(0);
    // The worker stops here, before its fold; a new one starts with nothing but the database.
    const second = setup(undefined, first.at());
    await second.tracking.written();
    expect(await store.switches()).toMatchObject([{ from: 'slack', to: 'dropbox' }]);
    expect(second.folds()).toBe(1);
  });

  it('keeps the times of events that arrive while a restarted worker is still starting', async () => {
    const first = await slackThenDropbox(setup());
    // Stopped before Dropbox landed. The next event restarts the worker, whose start is slow.
    let startUp!: () => void;
    const slowStart = new Promise<void>((resolve) => (startUp = resolve));
    const recorder = store;
    const slowRecorder = { ...recorder, trackerState: () => slowStart.then(recorder.trackerState) };
    const second = setup(undefined, first.at() + 1_500, slowRecorder);
    const paychexAt = second.at();
    second.tracking.emit([{ type: 'attend', at: paychexAt, tabId: 3, url: U.paychex }]);
    second.advance(3_000);
    startUp();
    second.advance(2_000); // Paychex lands
    await second.tracking.flush();
    expect((await store.switches()).map((s) => [`${s.from}→${s.to}`, s.at])).toEqual([
      ['slack→dropbox', MORNING + 30_000],
      ['dropbox→paychex', paychexAt],
    ]);
  });

  it('settles what was due as of the worker’s start, so the event that started it keeps that time', async () => {
    const first = await slackThenDropbox(setup());
    // Stopped before Dropbox landed. Paychex starts a new worker 1.5 s later; its set-up takes
    // 60 ms, and the event that started it is stamped with its start (utils/event-clock.ts).
    const startedAt = first.at() + 1_500;
    const second = setup(undefined, startedAt + 60, store, startedAt);
    // Its start settled Dropbox's landing before the event was dispatched to it.
    await second.tracking.written();
    second.tracking.emit([{ type: 'attend', at: startedAt, tabId: 3, url: U.paychex }]);
    second.advance(2_000); // Paychex lands
    await second.tracking.flush();
    expect((await store.switches()).map((s) => [`${s.from}→${s.to}`, s.at, s.detourDwellMs])).toEqual([
      ['slack→dropbox', MORNING + 30_000, null],
      ['dropbox→paychex', startedAt, null],
    ]);
  });
});
