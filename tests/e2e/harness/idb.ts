/**
 * Reading the extension's IndexedDB the way any extension page could: raw `indexedDB`, in the
 * extension's origin (its service worker's global scope, or one of its pages). No Dexie, and
 * nothing the extension itself exposes.
 */
import type { SwitchRow } from '@/utils/tracker/reducer';
import type { AppDayRow, DayRow, MetaRow, PairDayRow } from '@/utils/store/rows';
import type { TrackerState } from '@/utils/tracker/reducer';

/** The extension's database (utils/db.ts `DB_NAME`). */
export const DB_NAME = 'toggle-tax';

/** Row type of each object store. */
export interface StoreRows {
  switches: SwitchRow;
  pairDays: PairDayRow;
  appDays: AppDayRow;
  days: DayRow;
  meta: MetaRow;
}
export type StoreName = keyof StoreRows;
export const STORE_NAMES: readonly StoreName[] = ['switches', 'pairDays', 'appDays', 'days', 'meta'];

/** The meta row that holds the tracker's state (utils/db.ts `TRACKER_STATE_KEY`). */
export const TRACKER_STATE_KEY = 'tracker';

export type ReadResult =
  | { ok: true; rows: unknown[] }
  | { ok: false; missing: 'database' }
  | { ok: false; missing: 'store'; stores: string[] }
  /** Records still wait in the journal (utils/recorder.ts): the figures are a moment behind. */
  | { ok: false; journalled: number };

/**
 * Asks the worker to write what it holds and fold its journal into the figures, as the extension's
 * pages do (utils/data-changes.ts: the channel and the messages), and waits for its answer. True
 * once answered; false after `timeoutMs` without one (no worker listening yet). Runs in the
 * extension's origin (passed to `evaluate`), so it stays self-contained.
 */
export function foldInBrowser(timeoutMs: number): Promise<boolean> {
  // No named inner functions: tsx (the benchmark) would wrap them in a helper the browser lacks.
  return new Promise((resolve) => {
    const id = `${Date.now()}-${Math.random()}`;
    const channel = new BroadcastChannel('toggle-tax:data');
    const timer = setTimeout(() => {
      channel.close();
      resolve(false);
    }, timeoutMs);
    channel.onmessage = (event: MessageEvent<{ type?: string; id?: string } | null>) => {
      if (event.data?.type !== 'folded' || event.data.id !== id) return;
      clearTimeout(timer);
      channel.close();
      resolve(true);
    };
    channel.postMessage({ type: 'fold-requested', id });
  });
}

/**
 * All rows of one store, in key order. Runs inside the browser (passed to `evaluate`), so it must
 * stay self-contained. A database that does not exist yet is reported as such and never created:
 * creating it would pre-empt the extension's own schema.
 */
export function readStoreInBrowser({ dbName, storeName }: { dbName: string; storeName: string }): Promise<ReadResult> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    let creating = false;
    open.onupgradeneeded = () => {
      creating = true;
      open.transaction?.abort();
    };
    open.onerror = () => (creating ? resolve({ ok: false, missing: 'database' }) : reject(open.error));
    open.onsuccess = () => {
      const db = open.result;
      // Never stand in the way of the extension's own version upgrades.
      db.onversionchange = () => db.close();
      // Raw switches are stored by the hour (utils/db.ts `SwitchBlock`) and pair rollups by the day
      // (`PairsOfDay`); tests read them one row at a time.
      const blocks = storeName === 'switches' && db.objectStoreNames.contains('switchBlocks');
      const byDay = storeName === 'pairDays' && db.objectStoreNames.contains('pairsByDay');
      if (!blocks && !byDay && !db.objectStoreNames.contains(storeName)) {
        const stores = Array.from(db.objectStoreNames);
        db.close();
        resolve({ ok: false, missing: 'store', stores });
        return;
      }
      const source = blocks ? 'switchBlocks' : byDay ? 'pairsByDay' : storeName;
      // Recorded data is read once the journal is folded into it (the caller asks for a fold first).
      const journal = storeName !== 'meta' && db.objectStoreNames.contains('journal');
      const tx = db.transaction(journal ? [source, 'journal'] : [source], 'readonly');
      const journalled = journal ? tx.objectStore('journal').count() : null;
      const get = tx.objectStore(source).getAll();
      get.onsuccess = () => {
        db.close();
        if (journalled?.result) return resolve({ ok: false, journalled: journalled.result });
        if (byDay) {
          // Entry i of every column is one pair (version 6 on).
          type Day = {
            day: string;
            a: string[];
            b: string[];
            aToB: number[];
            bToA: number[];
            transitMs: number[];
            detours: number[];
            detourDwellMs: number[];
          };
          const rows = (get.result as Day[]).flatMap((d) =>
            d.a.map((a, i) => ({
              day: d.day,
              a,
              b: d.b[i],
              aToB: d.aToB[i],
              bToA: d.bToA[i],
              transitMs: d.transitMs[i],
              detours: d.detours[i],
              detourDwellMs: d.detourDwellMs[i],
            })),
          );
          return resolve({ ok: true, rows });
        }
        if (!blocks) return resolve({ ok: true, rows: get.result as unknown[] });
        type Block = {
          day: string;
          at: number[];
          from: string[];
          to: string[];
          transitMs: number[];
          detourDwellMs: (number | null)[];
        };
        const rows = (get.result as Block[]).flatMap((b) =>
          b.at.map((at, i) => ({
            at,
            day: b.day,
            from: b.from[i],
            to: b.to[i],
            transitMs: b.transitMs[i],
            detourDwellMs: b.detourDwellMs[i],
          })),
        );
        resolve({ ok: true, rows: rows.sort((x, y) => x.at - y.at) });
      };
      get.onerror = () => {
        db.close();
        reject(get.error);
      };
    };
  });
}

/** The tracker state out of the `meta` rows, if the extension has stored one. */
export function trackerStateOf(meta: readonly MetaRow[]): TrackerState | undefined {
  return meta.find((row) => row.key === TRACKER_STATE_KEY)?.value as TrackerState | undefined;
}
