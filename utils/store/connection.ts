/**
 * One connection to the database per context, kept until something closes it. The database is
 * almost always at this build's version already, so it is opened raw; Dexie (schema.ts) is
 * called only to create it or move an older one forward, which keeps it out of the worker's start
 * and out of the pages that only read.
 */
import type { IndexedDBPlatform } from './idb';
import { openExisting } from './idb';
import { NATIVE_SCHEMA_VERSION, STORES } from './rows';

export interface Connection {
  /** The database as it is, or undefined while it does not exist (it is never created here). */
  existing(): Promise<IDBDatabase | undefined>;
  /** The database at this build's version, created or upgraded first if need be. */
  current(): Promise<IDBDatabase>;
  /** Closes and forgets the connection: the next use opens the database again. */
  reset(): void;
}

export interface ConnectOptions {
  /** schema.ts's, passed in by whoever writes; a reader passes none and never needs it. */
  createOrUpgrade?: () => Promise<void>;
  /** Runs before each open and may refuse it: opening writes a little too (room.ts). */
  beforeOpen?: () => Promise<void>;
}

/**
 * A newer version opened elsewhere is let through: the connection closes, and the next use opens
 * the database again; so does one the browser closed (its storage failed).
 */
export function connect(platform: IndexedDBPlatform, name: string, options: ConnectOptions = {}): Connection {
  const { createOrUpgrade, beforeOpen } = options;
  let opened: Promise<IDBDatabase | undefined> | null = null;

  const keep = (opening: Promise<IDBDatabase | undefined>) => {
    opened = opening;
    const forget = () => {
      if (opened === opening) opened = null;
    };
    opening.then((db) => {
      if (!db) return forget();
      db.addEventListener('versionchange', () => {
        db.close();
        forget();
      });
      db.addEventListener('close', forget);
    }, forget);
    return opening;
  };

  const isCurrent = (db: IDBDatabase) =>
    db.version >= NATIVE_SCHEMA_VERSION && STORES.every((store) => db.objectStoreNames.contains(store));

  const open = async () => {
    await beforeOpen?.();
    return openExisting(platform.indexedDB, name);
  };
  const existing = () => opened ?? keep(open());

  return {
    existing,
    reset() {
      const was = opened;
      opened = null;
      void was?.then(
        (db) => db?.close(),
        () => {},
      );
    },
    async current() {
      const db = await existing();
      if (db && isCurrent(db)) return db;
      if (!createOrUpgrade) throw new Error('This context only reads the database.');
      db?.close();
      opened = null;
      await createOrUpgrade();
      const upgraded = await existing();
      if (!upgraded) throw new Error('The database could not be created.');
      return upgraded;
    },
  };
}
