/**
 * Reads that a page starts before its view has loaded, handed over to the view once it mounts. The
 * popup starts its IndexedDB and storage reads in its first, small module, so they run while Preact
 * and its components are fetched and evaluated instead of after. Nothing
 * that happens in between is lost: a change announced before the view listens is passed on to it.
 */
import type { WxtStorageItem } from 'wxt/utils/storage';

type Subscribe<A extends unknown[]> = (listener: (...args: A) => void) => () => void;

/**
 * Subscribes at once. The first listener to subscribe later takes this subscription over, and is
 * called first with the last event that came before it, if any; later listeners subscribe directly.
 */
export function heldSubscription<A extends unknown[]>(subscribe: Subscribe<A>): Subscribe<A> {
  let listener: ((...args: A) => void) | undefined;
  let held: A | undefined;
  let early: (() => void) | undefined = subscribe((...args) => (listener ? listener(...args) : (held = args)));
  return (next) => {
    if (!early) return subscribe(next);
    const stop = early;
    early = undefined;
    listener = next;
    if (held) next(...held);
    held = undefined;
    return () => {
      listener = undefined;
      stop();
    };
  };
}

/** `first` on the first call, then `load()` on every later one. */
export function firstThen<T>(first: Promise<T>, load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined = first;
  return () => {
    const next = pending ?? load();
    pending = undefined;
    return next;
  };
}

/** What components/use-storage-item.ts needs of a storage item. */
export type ReadableItem<T> = Pick<WxtStorageItem<T, Record<string, unknown>>, 'getValue' | 'watch'>;

/**
 * A storage item whose value is read at once. Until a view watches it, changes are tracked here, so
 * `getValue` gives the latest value, never the one read at the start if it has changed since.
 */
export function earlyItem<T>(item: ReadableItem<T>): ReadableItem<T> {
  let latest: Promise<T> | undefined = item.getValue();
  const watch = heldSubscription<[T, T]>((listener) =>
    item.watch((value, old) => {
      if (latest) latest = Promise.resolve(value);
      listener(value, old);
    }),
  );
  return {
    getValue: () => latest ?? item.getValue(),
    watch: (listener) => {
      const stop = watch(listener);
      return () => {
        // Once the view has stopped watching, nothing here keeps the value current.
        latest = undefined;
        stop();
      };
    },
  };
}
