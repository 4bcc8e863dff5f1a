/**
 * What the test bridge's two scripts and the tests agree on. Plain constants, no imports: the
 * bridge's browser scripts bundle this file, and tests/e2e/manifest.test.ts looks for these
 * strings in the production builds.
 */

/** The one question the bridge asks. */
export const TEST_BRIDGE_DUMP = 'toggle-tax:test-dump';

/** The only host whose pages get the bridge: a reserved test name that no real site can have. */
export const TEST_BRIDGE_HOST = 'bridge.toggle-tax.test';

/** Where the bridge's scripts go in the test build; both names say `test-bridge`. */
export const TEST_BRIDGE_CONTENT_FILE = 'content-scripts/test-bridge.js';
export const TEST_BRIDGE_ANSWER_FILE = 'test-bridge-answer.js';

/**
 * The second question: open the popup and the options page in tabs of their own, read their top
 * pair as text, and press the options page's "Export JSON" (WebDriver BiDi may not navigate to
 * moz-extension:// pages, so the background opens them and reads their documents).
 */
export const TEST_BRIDGE_PAGES = 'toggle-tax:test-pages';

/** The bridge page that asks it (the dump is asked on any other path). */
export const TEST_BRIDGE_PAGES_PATH = '/pages';
