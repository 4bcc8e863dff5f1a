/**
 * Preact counterpart of dexie-react-hooks' useLiveQuery: re-runs `query` whenever the tables it
 * read change, in this page or in any other context of the extension (the background included).
 */
import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): { value: T | undefined; error: unknown } {
  const [state, setState] = useState<{ value: T | undefined; error: unknown }>({ value: undefined, error: undefined });
  // Subscribed as soon as the component is in the DOM, not after the first paint as useEffect
  // would: the query runs in IndexedDB while the browser paints the page around it.
  useLayoutEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ value, error: undefined }),
      error: (error: unknown) => setState((previous) => ({ ...previous, error })),
    });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on, as with useEffect.
  }, deps);
  return state;
}
