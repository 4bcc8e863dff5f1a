/**
 * The build-time constant that utils/catalog/app-names.ts reads (Vite's `define`): the shipped
 * catalog's names, projected from the catalog when the extension (or the unit tests) are built.
 */
import { namesOf } from '../catalog/directory.ts';
import type { AppEntry } from '../catalog/types.ts';

export function appNamesDefine(apps: readonly AppEntry[]): Record<string, string> {
  return { __TOGGLE_TAX_APP_NAMES__: JSON.stringify(namesOf(apps)) };
}
