/** The current value of a setting, kept up to date when it changes anywhere in the extension. */
import { useLayoutEffect, useState } from 'preact/hooks';
import type { ReadableItem } from '@/components/shared/early-reads';

export function useStorageItem<T>(item: ReadableItem<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  // Read at once, not a frame later (useEffect): the popup's figures wait for the settings.
  useLayoutEffect(() => {
    let live = true;
    // A change seen while the first read is under way is newer than anything that read can say.
    let changed = false;
    void item.getValue().then((v) => live && !changed && setValue(v));
    const unwatch = item.watch((v) => {
      changed = true;
      setValue(v);
    });
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
