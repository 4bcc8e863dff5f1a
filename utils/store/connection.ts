/**
 * The service worker's connection to the database. Chrome stops the worker after 30 s without
 * events, so a person who switches less often than that starts it afresh at nearly every switch,
 * and each start opens the database again. Through Dexie that meant building its schema and
 * checking it against the stored one, a good part of what a start costs the worker (`npm run
 * bench`, README "Benchmark"). The database is almost always at this build's version already, so
 * the worker opens it raw; Dexie opens it only when it is missing or older, to create or upgrade it.
 */
import { RECORDER_STORES } from './journal';
import { DB_NAME, openExisting } from './reads';

/**
 * Opens the database on first use and keeps the connection until something closes it (an upgrade
 * from another context, the browser): the next use then opens it again. `nativeVersion` is the
 * IndexedDB version of this build's schema (utils/db.ts `NATIVE_SCHEMA_VERSION`); `throughDexie`
 * opens the database with Dexie, creating or upgrading it.
 */
export function workerConnection(
  indexedDB: IDBFactory,
  nativeVersion: number,
  throughDexie: () => Promise<IDBDatabase>,
  name = DB_NAME,
): () => Promise<IDBDatabase> {
  let connection: Promise<IDBDatabase> | null = null;

  const open = async () => {
    const raw = await openExisting(indexedDB, name);
    if (raw && raw.version >= nativeVersion && RECORDER_STORES.every((store) => raw.objectStoreNames.contains(store)))
      return raw;
    raw?.close();
    return throughDexie();
  };

  return () => {
    if (connection) return connection;
    const opening = open();
    connection = opening;
    const forget = () => {
      if (connection === opening) connection = null;
    };
    opening.then((db) => {
      // Let a newer version opened elsewhere through (closing also ends what Dexie holds).
      db.addEventListener('versionchange', () => {
        db.close();
        forget();
      });
      db.addEventListener('close', forget);
    }, forget);
    return opening;
  };
}
