/** The options page's view, loaded by main.ts once the ranking's read is under way. */
import { render } from 'preact';
import { App } from './App';
import type { OptionsStart } from './start';

export function mount(start: OptionsStart, root: HTMLElement): void {
  render(<App start={start} />, root);
}
