/**
 * The shipped apps' names and categories, without their matching rules: all the popup needs to
 * label pairs. utils/catalog/apps.ts stays the one source: this list is projected from it when the
 * extension is built (utils/build/app-names.ts, in wxt.config.ts and vitest.config.mts), because a bundler
 * cannot drop the rules from the catalog's object literals, and they were most of the popup's
 * up-front JavaScript.
 */
import type { AppName } from './directory';

declare const __TOGGLE_TAX_APP_NAMES__: readonly AppName[];

export const APP_NAMES: readonly AppName[] = __TOGGLE_TAX_APP_NAMES__;
