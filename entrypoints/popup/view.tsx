/** The popup's view, loaded by main.ts once the popup's reads are under way. */
import { render } from 'preact';
import { App } from './App';
import type { PopupStart } from './start';

export function mount(start: PopupStart, root: HTMLElement): void {
  render(<App start={start} />, root);
}
