/**
 * The popup's first module: starts what the popup reads, then loads its view. It imports only what
 * those reads need, so it runs as soon as it has arrived, and IndexedDB and extension storage work
 * while the view (Preact, the components and chart.js, which popup.html preloads: wxt.config.ts)
 * is fetched and evaluated, not after it (`npm run bench`, README "Benchmark").
 */
import styles from './style.css?inline';
import { startPopup } from './start';

const start = startPopup();
// The styles come with this module instead of from a <link>: a module script waits for every
// stylesheet the page is loading, and the popup's arrived 20-25 ms after this module did, behind
// the view (Chromium trace, `npm run bench`). Nothing is drawn before this runs.
const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);
void import('./view').then(({ mount }) => mount(start, document.getElementById('app')!));
