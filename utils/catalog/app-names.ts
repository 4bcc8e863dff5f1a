/**
 * The shipped apps' names and categories, without their matching rules: all the popup needs to
 * label pairs. utils/catalog/apps.ts stays the one source: this list is projected from it when the
 * extension is built (utils/build/app-names.ts, in wxt.config.ts and vitest.config.mts), because a bundler
 * cannot drop the rules from the catalog's object literals. The rules were two thirds of the popup's
 * up-front JavaScript (67 KB of 97 KB raw; the names are 30 KB; `npm run bench`, issue 7).
 */
import type { AppName } from './directory';

declare const __TOGGLE_TAX_APP_NAMES__: readonly AppName[];

export const APP_NAMES: readonly AppName[] = __TOGGLE_TAX_APP_NAMES__;
