/** Names and categories of apps by id, for labels: the shipped catalog plus the person's custom apps. */
import type { AppEntry } from './types';

/** What a label needs to know of an app. */
export interface AppInfo {
  name: string;
  category: string;
}

export type AppDirectory = (id: string) => AppInfo | undefined;

/** What a label needs of an app: no vendor, no matching rules. */
export type AppName = Pick<AppEntry, 'id' | 'name' | 'category'>;

export function createAppDirectory(...lists: readonly (readonly AppName[])[]): AppDirectory {
  const byId = new Map<string, AppInfo>();
  for (const list of lists) for (const app of list) byId.set(app.id, { name: app.name, category: app.category });
  return (id) => byId.get(id);
}

/** The names of `apps`, without their rules (utils/catalog/app-names.ts says why). */
export function namesOf(apps: readonly AppEntry[]): AppName[] {
  return apps.map(({ id, name, category }) => ({ id, name, category }));
}
