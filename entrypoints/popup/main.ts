/**
 * The popup's first module: starts what the popup reads, then loads its view, so that IndexedDB
 * and extension storage work while the view (preloaded by popup.html) is fetched and evaluated.
 */
import styles from './style.css?inline';
import { startPopup } from './start';

const start = startPopup();
// The styles come with this module, not from a <link>: a module script waits for every stylesheet
// still loading. Nothing is drawn before this runs.
const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);
void import('./view').then(({ mount }) => mount(start, document.getElementById('app')!));
