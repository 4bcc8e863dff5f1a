// @vitest-environment happy-dom
/** A row's actions menu, as a keyboard or mouse user meets it. */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { menuPlacement, RowMenu } from '@/components/options/RowMenu';

afterEach(cleanup);

const LABELS = ['Mark integrated…', 'Compare weeks', 'Forget pair'];

function show() {
  const chosen: string[] = [];
  render(
    <div>
      <button type="button">Before</button>
      <RowMenu
        label="Actions for Dropbox ↔ Slack"
        items={LABELS.map((label) => ({ label, onSelect: () => chosen.push(label) }))}
      />
      <button type="button">After</button>
    </div>,
  );
  const button = screen.getByRole('button', { name: 'Actions for Dropbox ↔ Slack' });
  return { button, chosen };
}

const menu = () => screen.queryByRole('menu', { name: 'Actions for Dropbox ↔ Slack' });
const focused = () => document.activeElement;
const focusedText = () => document.activeElement?.textContent;
const key = (key: string) => fireEvent.keyDown(document.activeElement!, { key });

describe('the row menu', () => {
  it('is one small button named for its row, an icon drawn in SVG, saying it opens a menu', () => {
    const { button } = show();
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.textContent).toBe('');
    expect(button.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    expect(menu()).toBeNull();
  });

  it.each(['Enter', ' ', 'ArrowDown'])('opens from %j on the button, the focus on the first item', (opener) => {
    const { button } = show();
    button.focus();
    key(opener);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = [...menu()!.querySelectorAll('[role="menuitem"]')].map((i) => i.textContent);
    expect(items).toEqual(LABELS);
    expect(button.getAttribute('aria-controls')).toBe(menu()!.id);
    expect(focusedText()).toBe('Mark integrated…');
  });

  it('opens from ArrowUp on the last item', () => {
    const { button } = show();
    button.focus();
    key('ArrowUp');
    expect(focusedText()).toBe('Forget pair');
  });

  it('moves with the arrows, round from either end, and jumps with Home and End', () => {
    const { button } = show();
    button.focus();
    key('Enter');
    const path = ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'End', 'Home', 'ArrowUp'].map((k) => {
      key(k);
      return focusedText();
    });
    expect(path).toEqual([
      'Compare weeks',
      'Forget pair',
      'Mark integrated…',
      'Forget pair',
      'Forget pair',
      'Mark integrated…',
      'Forget pair',
    ]);
    // The items are out of the tab order: the menu, not Tab, moves between them.
    expect(screen.getAllByRole('menuitem').every((i) => i.getAttribute('tabindex') === '-1')).toBe(true);
  });

  it('closes on Escape and gives the focus back to the button, nothing chosen', () => {
    const { button, chosen } = show();
    button.focus();
    key('ArrowDown');
    key('ArrowDown');
    key('Escape');
    expect(menu()).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(focused()).toBe(button);
    expect(chosen).toEqual([]);
  });

  it('closes on Tab, which goes on from the button', () => {
    const { button } = show();
    button.focus();
    key('Enter');
    key('Tab');
    expect(menu()).toBeNull();
    expect(focused()).toBe(button);
  });

  it('closes on a click elsewhere, leaving the focus alone', () => {
    const { button, chosen } = show();
    fireEvent.click(button);
    expect(menu()).not.toBeNull();
    const after = screen.getByRole('button', { name: 'After' });
    fireEvent.pointerDown(after);
    expect(menu()).toBeNull();
    expect(chosen).toEqual([]);
    // A click inside the menu does not close it.
    fireEvent.click(button);
    fireEvent.pointerDown(screen.getByRole('menuitem', { name: 'Compare weeks' }));
    expect(menu()).not.toBeNull();
  });

  it('opens on a click on the first item and closes on a second click', () => {
    const { button } = show();
    fireEvent.click(button);
    expect(focusedText()).toBe('Mark integrated…');
    fireEvent.click(button);
    expect(menu()).toBeNull();
  });

  it('runs the chosen item’s action once, closes, and gives the focus back to the button', () => {
    const { button, chosen } = show();
    button.focus();
    key('Enter');
    key('ArrowDown');
    // Enter or Space on a focused item is a click on it: the browser's own for a button.
    fireEvent.click(focused()!);
    expect(chosen).toEqual(['Compare weeks']);
    expect(menu()).toBeNull();
    expect(focused()).toBe(button);
  });
});

describe('where the menu goes', () => {
  const viewport = { width: 1000, height: 800 };
  const size = { width: 170, height: 60 };

  it('under the button, right edges aligned', () => {
    expect(menuPlacement({ top: 100, right: 900, bottom: 124 }, size, viewport)).toEqual({ top: 126, left: 730 });
  });

  it('above the button when there is no room below, and never off the left or right edge', () => {
    expect(menuPlacement({ top: 760, right: 900, bottom: 784 }, size, viewport)).toEqual({ top: 698, left: 730 });
    expect(menuPlacement({ top: 100, right: 80, bottom: 124 }, size, viewport).left).toBe(0);
    expect(menuPlacement({ top: 100, right: 1200, bottom: 124 }, size, viewport).left).toBe(830);
    // No room either way: below, where the page can scroll to it.
    expect(menuPlacement({ top: 20, right: 900, bottom: 44 }, size, { width: 1000, height: 60 }).top).toBe(46);
  });
});
