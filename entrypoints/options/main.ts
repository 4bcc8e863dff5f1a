/**
 * The options page's first module: starts the ranking's read, then loads the view. It imports only
 * what that read needs, so IndexedDB works while Preact and the components are fetched and
 * evaluated, not after (as the popup's, entrypoints/popup/main.ts).
 */
import styles from './style.css?inline';
import { startOptions } from './start';

const start = startOptions();
// The styles come with this module instead of from a <link>: a module script waits for every
// stylesheet the page is loading. Nothing is drawn before this runs.
const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);
void import('./view').then(({ mount }) => mount(start, document.getElementById('app')!));
