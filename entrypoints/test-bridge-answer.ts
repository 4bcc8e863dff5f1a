/**
 * TEST BUILDS ONLY: wxt.config.ts removes this entrypoint unless TOGGLE_TAX_TEST_BRIDGE=1, and
 * then lists it as a second background script, so it shares the background page (and its
 * IndexedDB) with the untouched production background. It answers the `test-bridge` content script.
 */
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ToggleTaxDB } from '@/utils/store/schema';
import { registerTestBridge } from '@/utils/test-bridge';

export default defineUnlistedScript(() => registerTestBridge(browser, new ToggleTaxDB()));
