/**
 * The store's connection (utils/store/connection.ts): raw IndexedDB when the database is at this
 * build's version, Dexie when it must be created or upgraded, and never created by a read.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '@/utils/store';
import { connect } from '@/utils/store/connection';
import { NATIVE_SCHEMA_VERSION, SCHEMA_VERSION } from '@/utils/store/rows';
import { createOrUpgrade, ToggleTaxDB } from '@/utils/store/schema';
import { context, URL as U } from '../helpers/scenario';

const opened: ToggleTaxDB[] = [];
const closers: (() => void)[] = [];
let serial = 0;
const freshName = () => `connection-test-${++serial}`;
const dexieDb = (name: string) => {
  const db = new ToggleTaxDB(name);
  opened.push(db);
  return db;
};
afterEach(async () => {
  closers.splice(0).forEach((close) => close());
  for (const db of opened.splice(0)) await db.delete();
  for (const name of names.splice(0)) await deleteDatabase(name);
});
const names: string[] = [];
const deleteDatabase = (name: string) =>
  new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = () => resolve();
  });

/** A connection to `name`, with a spy on its way through Dexie. */
function connectTo(name: string) {
  names.push(name);
  const throughDexie = vi.fn(() => createOrUpgrade(globalThis, name));
  const connection = connect(globalThis, name, { createOrUpgrade: throughDexie });
  const open = async () => {
    const db = await connection.current();
    closers.push(() => db.close());
    return db;
  };
  return { open, throughDexie, connection };
}

describe('the store’s database connection', () => {
  it('takes the schema from Dexie: its version is the one the worker expects', () => {
    expect(new ToggleTaxDB(freshName()).verno).toBe(SCHEMA_VERSION);
  });

  it('opens a database already at this version without Dexie, and keeps the connection', async () => {
    const name = freshName();
    await dexieDb(name).open();
    const worker = connectTo(name);
    const first = await worker.open();
    expect(worker.throughDexie).not.toHaveBeenCalled();
    expect(first.version).toBe(NATIVE_SCHEMA_VERSION);
    expect(await worker.connection.current()).toBe(first);
  });

  it('has Dexie create a database that does not exist yet, with every store', async () => {
    const name = freshName();
    const worker = connectTo(name);
    const db = await worker.open();
    expect(worker.throughDexie).toHaveBeenCalledTimes(1);
    expect([...db.objectStoreNames]).toEqual(
      expect.arrayContaining([
        'meta',
        'journal',
        'switchBlocks',
        'pairsByDay',
        'pairsByMonth',
        'days',
        'appDays',
        'siteDays',
      ]),
    );
  });

  it('has Dexie upgrade an older database, keeping what it holds', async () => {
    const name = freshName();
    // Version 6 of the schema (IndexedDB's 60): no monthly rollups yet, one day recorded.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name, 60);
      open.onupgradeneeded = () => {
        const db = open.result;
        db.createObjectStore('switchBlocks', { keyPath: ['day', 'hour'] }).createIndex('day', 'day');
        db.createObjectStore('pairsByDay', { keyPath: 'day' });
        db.createObjectStore('appDays', { keyPath: ['day', 'app'] }).createIndex('day', 'day');
        db.createObjectStore('days', { keyPath: 'day' });
        db.createObjectStore('meta', { keyPath: 'key' });
        const sites = db.createObjectStore('siteDays', { keyPath: ['day', 'host'] });
        sites.createIndex('day', 'day');
        sites.createIndex('host', 'host');
        db.createObjectStore('journal', { keyPath: 'id', autoIncrement: true });
        open.transaction!.objectStore('days').put({ day: '2026-03-10', attendedMs: 1000, switches: 2, breaks: 0 });
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const worker = connectTo(name);
    const db = await worker.open();
    expect(worker.throughDexie).toHaveBeenCalledTimes(1);
    expect(db.version).toBe(NATIVE_SCHEMA_VERSION);
    expect(db.objectStoreNames.contains('pairsByMonth')).toBe(true);
    expect(await dexieDb(name).days.toArray()).toMatchObject([{ day: '2026-03-10', switches: 2 }]);
  });

  it('lets a newer version through and opens the database again on next use', async () => {
    const name = freshName();
    await dexieDb(name).open();
    opened[0]!.close();
    const worker = connectTo(name);
    const first = await worker.open();
    // Another context upgrading the database: it waits for this connection to close.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name, NATIVE_SCHEMA_VERSION + 1);
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const second = await worker.open();
    expect(second).not.toBe(first);
    expect(second.version).toBe(NATIVE_SCHEMA_VERSION + 1);
    expect(worker.throughDexie).not.toHaveBeenCalled();
  });

  it('reads a database that does not exist as nothing, without creating it', async () => {
    const name = freshName();
    const worker = connectTo(name);
    expect(await worker.connection.existing()).toBeUndefined();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    expect(worker.throughDexie).not.toHaveBeenCalled();
  });

  it('records, folds and reads the tracker’s state through it', async () => {
    const name = freshName();
    names.push(name);
    const store = openStore(globalThis, { name });
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    await store.record([{ type: 'attend', at: t, tabId: 1, url: U.slack }], context);
    await store.record(
      [
        { type: 'attend', at: t + 30_000, tabId: 2, url: U.dropbox },
        { type: 'tick', at: t + 31_000 },
      ],
      context,
    );
    expect(await store.fold()).toBe(2);
    expect(await store.trackerState()).toMatchObject({ lastAt: t + 31_000 });
    const db = dexieDb(name);
    expect(await db.pairsByDay.count()).toBe(1);
    expect(await db.journal.count()).toBe(0);
  });
});
