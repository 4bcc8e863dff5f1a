import { render } from 'preact';
import styles from './style.css?inline';
import { App } from './App';

// The styles come with this module instead of from a <link>: a module script waits for every
// stylesheet the page is loading (as in the popup, entrypoints/popup/main.ts). Nothing is drawn
// before this runs.
const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);
render(<App />, document.getElementById('app')!);
