import { describe, expect, it } from 'vitest';
import { pairKey } from '@/utils/store/journal';
import type { ToggleTaxDB } from '@/utils/store/schema';
import type { AttentionEvent } from '@/utils/tracker/reducer';
import { context, mulberry32, randomAttention, URL as U } from '../helpers/scenario';
import { freshDb, storeOf } from '../helpers/database';

const URLS = [U.slack, U.dropbox, U.paychex, U.gmail, U.docs, U.sheets, U.newTab, U.search, U.news, U.sso];

async function recordAll(db: ToggleTaxDB, events: AttentionEvent[]): Promise<void> {
  const recorder = storeOf(db);
  for (const event of events) await recorder.record([event], context);
  await recorder.fold();
}

async function dump(db: ToggleTaxDB) {
  return {
    switches: await storeOf(db).switches(),
    pairDays: (await storeOf(db).rows()).pairDays,
    appDays: await db.appDays.toArray(),
    days: await db.days.toArray(),
  };
}

describe('recorder and rollups', () => {
  it('journals each event at once and shows it in the figures once folded', async () => {
    const db = freshDb();
    const recorder = storeOf(db);
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    await recorder.record([{ type: 'attend', at: t, tabId: 1, url: U.slack }], context);
    await recorder.record([{ type: 'attend', at: t + 30_000, tabId: 2, url: U.dropbox }], context);
    const landing = await recorder.record([{ type: 'tick', at: t + 31_000 }], context);
    expect(landing.records).toMatchObject([{ type: 'switch', from: 'slack', to: 'dropbox' }]);
    // Recorded, but not folded yet: the figures don't have it, the journal does.
    expect((await dump(db)).pairDays).toEqual([]);
    expect(await db.journal.count()).toBe(2);

    // A fold by another connection (a restarted worker) finds everything.
    const restarted = storeOf(freshDb(db.name));
    expect(await restarted.fold()).toBe(2);
    expect((await dump(db)).pairDays).toMatchObject([{ a: 'dropbox', b: 'slack', bToA: 1 }]);
    expect((await dump(db)).switches).toMatchObject([{ from: 'slack', to: 'dropbox', at: t + 30_000 }]);
    expect(await db.journal.count()).toBe(0);
    expect(await restarted.fold()).toBe(0);
  });

  it('stores the switches of a simple session with their rollups', async () => {
    const db = freshDb();
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    await recordAll(db, [
      { type: 'attend', at: t, tabId: 1, url: U.paychex },
      { type: 'attend', at: t + 30_000, tabId: 2, url: U.newTab },
      { type: 'navigate', at: t + 33_000, tabId: 2, url: U.dropbox },
      { type: 'attend', at: t + 53_000, tabId: 1, url: U.paychex },
      { type: 'blur', at: t + 80_000 },
    ]);
    const { switches, pairDays, appDays, days } = await dump(db);
    expect(switches).toEqual([
      { at: t + 33_000, day: '2026-03-10', from: 'paychex', to: 'dropbox', transitMs: 3000, detourDwellMs: null },
      { at: t + 53_000, day: '2026-03-10', from: 'dropbox', to: 'paychex', transitMs: 0, detourDwellMs: 20_000 },
    ]);
    expect(pairDays).toEqual([
      {
        day: '2026-03-10',
        a: 'dropbox',
        b: 'paychex',
        aToB: 1,
        bToA: 1,
        transitMs: 3000,
        detours: 1,
        detourDwellMs: 20_000,
      },
    ]);
    expect(appDays).toEqual(
      expect.arrayContaining([
        { day: '2026-03-10', app: 'paychex', attendedMs: 57_000 },
        { day: '2026-03-10', app: 'dropbox', attendedMs: 20_000 },
      ]),
    );
    expect(days).toEqual([{ day: '2026-03-10', attendedMs: 80_000, switches: 2, breaks: 0 }]);
  });

  it('keeps rollups equal to the sums of the raw rows after random sessions', async () => {
    const random = mulberry32(42);
    for (let trial = 0; trial < 8; trial++) {
      const db = freshDb();
      // Start late in the evening so sessions cross midnight.
      await recordAll(db, randomAttention(random, URLS, 400, Date.parse('2026-03-10T23:30:00-04:00')));
      const { switches, pairDays, days } = await dump(db);
      expect(switches.length).toBeGreaterThan(20);

      const expected = new Map<
        string,
        { aToB: number; bToA: number; transitMs: number; detours: number; detourDwellMs: number }
      >();
      for (const s of switches) {
        const { a, b, forward } = pairKey(s.from, s.to);
        const key = `${s.day} ${a} ${b}`;
        const sum = expected.get(key) ?? { aToB: 0, bToA: 0, transitMs: 0, detours: 0, detourDwellMs: 0 };
        if (forward) sum.aToB++;
        else sum.bToA++;
        sum.transitMs += s.transitMs;
        if (s.detourDwellMs !== null) {
          sum.detours++;
          sum.detourDwellMs += s.detourDwellMs;
        }
        expected.set(key, sum);
      }
      expect(new Map(pairDays.map(({ day, a, b, ...sums }) => [`${day} ${a} ${b}`, sums]))).toEqual(expected);
      for (const day of days) expect(day.switches).toBe(switches.filter((s) => s.day === day.day).length);
      expect(new Set(days.map((d) => d.day)).size).toBeGreaterThan(1);
    }
  });

  it('writes exactly the rows of an uninterrupted run when restarted mid-sequence', async () => {
    const random = mulberry32(1234);
    for (let trial = 0; trial < 5; trial++) {
      const events = randomAttention(random, URLS, 300);
      const uninterrupted = freshDb();
      await recordAll(uninterrupted, events);

      // The same events, but the worker "dies" at random points: a new connection and a new
      // recorder that know nothing but what is in IndexedDB.
      let db = freshDb();
      const name = db.name;
      let recorder = storeOf(db);
      let restarts = 0;
      let folds = 0;
      for (const event of events) {
        // Stopped with records still in the journal, or just after a fold.
        if (random() < 0.1) {
          if (random() < 0.5) folds += Number((await recorder.fold()) > 0);
          db.close();
          db = freshDb(name);
          recorder = storeOf(db);
          restarts++;
        }
        await recorder.record([event], context);
      }
      await recorder.fold();
      expect(restarts).toBeGreaterThan(10);
      expect(folds).toBeGreaterThan(3);
      expect(await dump(db)).toEqual(await dump(uninterrupted));
    }
  });

  it('starts afresh after everything was deleted elsewhere: no switch reaches back before the delete', async () => {
    const db = freshDb();
    const recorder = storeOf(db);
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    await recorder.record([{ type: 'attend', at: t, tabId: 1, url: U.slack }], context);
    await recorder.record([{ type: 'tick', at: t + 5_000 }], context);
    await storeOf(db).deleteEverything(t + 7_000); // the options page, in another context
    await recorder.record([{ type: 'attend', at: t + 10_000, tabId: 2, url: U.dropbox }], context);
    await recorder.record([{ type: 'blur', at: t + 20_000 }], context);
    await recorder.fold();
    expect((await dump(db)).switches).toEqual([]);
    expect((await dump(db)).appDays).toEqual([{ day: '2026-03-10', app: 'dropbox', attendedMs: 10_000 }]);
  });

  it('counts events from before a delete, written after it, from the delete on', async () => {
    const db = freshDb();
    const recorder = storeOf(db);
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    await recorder.record([{ type: 'attend', at: t, tabId: 1, url: U.slack }], context);
    await storeOf(db).deleteEverything(t + 8_000);
    // Written late (the background writes a few seconds behind): Dropbox from 3 s, but deleted at 8 s.
    await recorder.record(
      [
        { type: 'attend', at: t + 3_000, tabId: 2, url: U.dropbox },
        { type: 'blur', at: t + 20_000 },
      ],
      context,
    );
    await recorder.fold();
    expect((await dump(db)).switches).toEqual([]);
    expect((await dump(db)).appDays).toEqual([{ day: '2026-03-10', app: 'dropbox', attendedMs: 12_000 }]);
  });

  it('stores the same rows folded in many goes as in one', async () => {
    const events = randomAttention(mulberry32(7), URLS, 300, Date.parse('2026-03-31T23:40:00-04:00'));
    const [once, often] = [freshDb(), freshDb()];
    for (const db of [once, often]) {
      const recorder = storeOf(db);
      for (let i = 0; i < events.length; i += 25) {
        await recorder.record(events.slice(i, i + 25), context);
        // Each fold adds to the rows the ones before wrote (across midnight and a month's end).
        if (db === often) await recorder.fold();
      }
      await recorder.record([{ type: 'blur', at: events.at(-1)!.at + 60_000 }], context);
      expect(await recorder.fold()).toBeGreaterThan(0);
    }
    const everything = async (db: ToggleTaxDB) =>
      Object.fromEntries(
        await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()] as const)),
      );
    const inOneGo = await everything(once);
    expect(inOneGo.switchBlocks!.length).toBeGreaterThan(1);
    expect(inOneGo.pairsByMonth!.length).toBe(2);
    expect(inOneGo.journal).toEqual([]);
    expect(await everything(often)).toEqual(inOneGo);
  });

  it('writes nothing when a fold fails half-way, and keeps the journal', async () => {
    const db = freshDb();
    const recorder = storeOf(db);
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    await recorder.record([{ type: 'attend', at: t, tabId: 1, url: U.slack }], context);
    await recorder.record([{ type: 'attend', at: t + 20_000, tabId: 2, url: U.dropbox }], context);
    await recorder.record([{ type: 'blur', at: t + 40_000 }], context);
    // A record no store can key (as a corrupted journal might hold), after the good ones.
    await db.journal.add({
      records: [{ type: 'attended', day: undefined as unknown as string, appId: 'slack', ms: 1 }],
    } as never);
    const journalled = await db.journal.count();
    await expect(recorder.fold()).rejects.toThrow();
    expect(await db.days.count()).toBe(0);
    expect(await db.switchBlocks.count()).toBe(0);
    expect(await db.journal.count()).toBe(journalled);
  });

  it('stores nothing and keeps its state when a write fails, and records the next event', async () => {
    const db = freshDb();
    const recorder = storeOf(db);
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    await recorder.record([{ type: 'attend', at: t, tabId: 1, url: U.slack }], context);
    const failingContext = {
      ...context,
      classify: () => {
        throw new Error('disk full');
      },
    };
    await expect(
      recorder.record([{ type: 'attend', at: t + 10_000, tabId: 2, url: U.dropbox }], failingContext),
    ).rejects.toThrow('disk full');
    await recorder.record([{ type: 'attend', at: t + 20_000, tabId: 2, url: U.dropbox }], context);
    await recorder.record([{ type: 'blur', at: t + 40_000 }], context);
    await recorder.fold();
    expect((await dump(db)).switches).toMatchObject([{ from: 'slack', to: 'dropbox', at: t + 20_000 }]);
  });
});
