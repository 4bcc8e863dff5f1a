/**
 * Raw IndexedDB, as small promises: what every read and write of the store is made of. Dexie only
 * creates and upgrades the database (schema.ts); a page that only reads never loads it.
 */

/** IndexedDB as a page or the worker has it (`globalThis`), or fake-indexeddb in tests. */
export interface IndexedDBPlatform {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** A request's result. */
export function request<T>(req: IDBRequest): Promise<T> {
  const done = new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
  // A failed transaction fails every pending request; its runner reports the failure once.
  done.catch(() => {});
  return done;
}

/**
 * Runs `work` in one transaction and resolves with its result once the transaction has committed;
 * if `work` throws, the transaction is aborted and nothing it wrote is kept.
 */
export function inTransaction<T>(
  db: IDBDatabase,
  stores: readonly string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  const tx = db.transaction([...stores], mode);
  const committed = settled(db, tx);
  return (async () => {
    let value: T;
    try {
      value = await work(tx);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // A failed request may have aborted it already.
      }
      await committed.catch(() => {});
      // The work's own error says more than the abort it caused, unless it is only that abort:
      // then the transaction's error says why (a full disk, say).
      throw (error as DOMException | null)?.name === 'AbortError' && tx.error ? tx.error : error;
    }
    await committed;
    return value;
  })();
}

/**
 * Resolves when `tx` commits, rejects when it aborts, or when the browser closes `db` under it:
 * Chromium closes a connection whose storage failed (a full disk), and a transaction begun just
 * before that neither completes nor aborts.
 */
export function settled(db: IDBDatabase, tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new DOMException('The browser closed the database', 'UnknownError'));
    db.addEventListener('close', onClose);
    tx.addEventListener('complete', () => {
      db.removeEventListener('close', onClose);
      resolve();
    });
    tx.addEventListener('abort', () => {
      db.removeEventListener('close', onClose);
      reject(tx.error ?? new DOMException('The transaction was aborted', 'AbortError'));
    });
  });
}

/** Opens the database if it exists; undefined if it does not (opening never creates it). */
export function openExisting(indexedDB: IDBFactory, name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    let missing = false;
    open.onupgradeneeded = () => {
      // Only a database that does not exist yet gets here (no version was asked for): undo it.
      missing = true;
      open.transaction?.abort();
    };
    open.onerror = (event) => {
      if (!missing) return reject(open.error);
      // The abort is expected: keep it from surfacing as an unhandled error.
      event.preventDefault();
      resolve(undefined);
    };
    open.onsuccess = () => resolve(open.result);
  });
}

/** Every value of a store (or of one index of it) whose key lies in `range`, in key order. */
export function getAll<T>(store: IDBObjectStore | IDBIndex, range?: IDBKeyRange | null): Promise<T[]> {
  return request<T[]>(store.getAll(range));
}

/** Visits the values of `source` in key order until `visit` returns false. */
export function eachValue<T>(
  source: IDBObjectStore | IDBIndex,
  range: IDBKeyRange | null,
  visit: (value: T, cursor: IDBCursorWithValue) => boolean | void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const cursor = source.openCursor(range);
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at || visit(at.value as T, at) === false) return resolve();
      at.continue();
    };
    cursor.onerror = () => reject(cursor.error);
  });
}
