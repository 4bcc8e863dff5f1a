/**
 * The result of `load`, loaded again when `deps` change and whenever `subscribe` reports that the
 * data changed elsewhere (utils/data-changes.ts). The last result stays on screen while the next
 * load runs; a burst of changes costs one more load, not one each.
 */
import { useLayoutEffect, useState } from 'preact/hooks';

export function useRefreshed<T>(
  load: () => Promise<T>,
  subscribe: (onChange: () => void) => () => void,
  deps: readonly unknown[],
): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  // A layout effect runs as soon as the page is rendered; useEffect would wait for the next frame
  // before the read even starts.
  useLayoutEffect(() => {
    let live = true;
    let loading = false;
    let again = false;
    const run = async () => {
      if (loading) return void (again = true);
      loading = true;
      do {
        again = false;
        try {
          const next = await load();
          if (live) setValue(() => next);
        } catch (error) {
          // Keep what is shown; the next change tries again.
          console.error(error);
        }
      } while (again && live);
      loading = false;
    };
    void run();
    const unsubscribe = subscribe(() => void run());
    return () => {
      live = false;
      unsubscribe();
    };
    // The caller lists what `load` depends on, as with useEffect.
  }, deps);
  return value;
}
