/**
 * A row's actions behind one small button (the WAI-ARIA menu button pattern), so that a ranking's
 * rows show their figures and statuses rather than a line of links each. Opened, the menu holds
 * the focus: arrows, Home and End move it, Escape gives it back to the button, Tab or a click
 * elsewhere closes the menu.
 */
import type { RefObject } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface RowMenuItem {
  label: string;
  onSelect: () => void;
}

export interface RowMenuProps {
  /** The button's accessible name: "Actions for Dropbox ↔ Slack". */
  label: string;
  items: readonly RowMenuItem[];
  /** The button, for whoever gives the focus back to it (a row's inline form, once closed). */
  buttonRef?: RefObject<HTMLButtonElement | null>;
}

interface Box {
  top: number;
  right: number;
  bottom: number;
}

/**
 * Where the menu goes, in the viewport: under the button, its right edge at the button's, or above
 * the button when there is no room below and there is above; never off the left or right edge.
 */
export function menuPlacement(
  button: Box,
  menu: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 2,
): { top: number; left: number } {
  const below = button.bottom + gap;
  const above = button.top - gap - menu.height;
  const top = below + menu.height > viewport.height && above >= 0 ? above : below;
  const left = Math.max(0, Math.min(button.right - menu.width, viewport.width - menu.width));
  return { top, left };
}

export function RowMenu({ label, items, buttonRef }: RowMenuProps) {
  const [open, setOpen] = useState(false);
  // Which item takes the focus as the menu opens: ArrowUp opens on the last.
  const start = useRef<'first' | 'last'>('first');
  const ownButton = useRef<HTMLButtonElement>(null);
  const button = buttonRef ?? ownButton;
  const wrapper = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();

  const menuItems = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const show = (from: 'first' | 'last') => {
    start.current = from;
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Fixed to the viewport: the tables scroll sideways in a wrapper that would clip the menu.
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const list = menu.current;
      if (!list || !button.current) return;
      const { top, left } = menuPlacement(button.current.getBoundingClientRect(), list.getBoundingClientRect(), {
        width: document.documentElement.clientWidth,
        height: window.innerHeight,
      });
      list.style.top = `${top}px`;
      list.style.left = `${left}px`;
    };
    place();
    const all = menuItems();
    (start.current === 'first' ? all[0] : all.at(-1))?.focus();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      if (!wrapper.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const onButtonKey = (e: KeyboardEvent) => {
    // Handled here, not left to the click they would make: each opens on the first item.
    if (e.key === 'Enter' || e.key === ' ' || e.key === 'ArrowDown') show('first');
    else if (e.key === 'ArrowUp') show('last');
    else return;
    e.preventDefault();
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const all = menuItems();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => all[(to + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at < 0 ? -1 : at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(-1);
    else if (e.key === 'Escape') close(true);
    else {
      // Tab goes on from the button, as if the menu had not opened (the items are out of the tab
      // order); the focus is moved first, so the browser's own Tab starts from there.
      if (e.key === 'Tab') close(true);
      return;
    }
    e.preventDefault();
  };

  const choose = (item: RowMenuItem) => {
    close(true);
    // After the focus is back on the button: an action that opens a form may take it from there.
    item.onSelect();
  };

  return (
    <div
      class="row-menu"
      ref={wrapper}
      onFocusOut={(e) => {
        // A focus moved elsewhere closes the menu; null (a click on nothing focusable, or a button
        // in browsers that do not focus clicked buttons) is left to the pointerdown listener.
        const to = e.relatedTarget as Node | null;
        if (open && to && !wrapper.current?.contains(to)) setOpen(false);
      }}
    >
      <button
        type="button"
        class="row-menu-button"
        id={`${id}-button`}
        ref={button}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close(false) : show('first'))}
        onKeyDown={onButtonKey}
      >
        <MoreIcon />
      </button>
      {open && (
        <div
          role="menu"
          id={`${id}-menu`}
          class="row-menu-list"
          aria-labelledby={`${id}-button`}
          ref={menu}
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <button key={item.label} type="button" role="menuitem" tabIndex={-1} onClick={() => choose(item)}>
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** Three dots in a row, drawn: a font's "⋯" differs from one system to the next. */
function MoreIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="3" cy="8" r="1.5" fill="currentColor" />
      <circle cx="8" cy="8" r="1.5" fill="currentColor" />
      <circle cx="13" cy="8" r="1.5" fill="currentColor" />
    </svg>
  );
}

/**
 * A row's inline form opened from its menu: `open` shows it, `close` hides it and gives the focus
 * back to the menu's button (pass `button` to the RowMenu as its `buttonRef`).
 */
export function useRowForm() {
  const [editing, setEditing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return {
    editing,
    button,
    open: () => setEditing(true),
    close: () => {
      setEditing(false);
      button.current?.focus();
    },
  };
}
