/**
 * The focus follows a row that an action moves: a partner marked not a fit, or a pair marked
 * integrated, leaves the partner ranking for the lists apart (and back when undone), and the menu
 * button that had the focus goes with the old row. Without this the focus falls to the page.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Returns `follow(from, to)`: selectors of the row's old and new place under `root`. Once `data`
 * changes and the old place is gone, the menu button at the new place takes the focus, unless the
 * focus went somewhere else meanwhile. One try: a row moved out of sight is not waited for.
 */
export function useFocusFollow(root: RefObject<HTMLElement | null>, data: unknown): (from: string, to: string) => void {
  const pending = useRef<{ from: string; to: string } | null>(null);
  useEffect(() => {
    const move = pending.current;
    const el = root.current;
    // Not moved yet: the data that changed is not the action's.
    if (!move || !el || el.querySelector(move.from)) return;
    pending.current = null;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost) el.querySelector<HTMLElement>(`${move.to} button[aria-haspopup="menu"]`)?.focus();
  }, [data]);
  return (from, to) => {
    pending.current = { from, to };
  };
}
