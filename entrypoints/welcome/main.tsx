import { render } from 'preact';
import styles from './style.css?inline';
import { App, loadWelcome } from './App';

// The settings are read while the page sets up; the page draws once they are in.
const loading = loadWelcome();
// The styles come with this module, not from a <link>: a module script waits for every stylesheet
// still loading, and the page is drawn only by this script.
const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);
render(<App loading={loading} />, document.getElementById('app')!);
