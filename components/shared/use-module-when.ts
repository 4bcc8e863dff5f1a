/**
 * A module loaded on demand: nothing is fetched until `when` is first true, then the module once
 * it has arrived (undefined until then). For code a page needs only after its first figures.
 */
import { useEffect, useState } from 'preact/hooks';

export function useModuleWhen<T>(load: () => Promise<T>, when: boolean): T | undefined {
  const [module, setModule] = useState<T | undefined>(undefined);
  const [wanted, setWanted] = useState(false);
  if (when && !wanted) setWanted(true);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    load().then(
      (loaded) => live && setModule(() => loaded),
      // A chunk of the extension's own build that fails to load is a broken install: say so.
      (error: unknown) => console.error('Toggle Tax: a part of the page failed to load', error),
    );
    return () => {
      live = false;
    };
    // Loaded once: `load` is a fresh closure on every render.
  }, [wanted]);
  return module;
}
