/** Names and categories of apps by id, for labels: the shipped catalog plus the person's custom apps. */
import type { AppInfo } from '../report';
import type { AppEntry } from './types';

export type AppDirectory = (id: string) => AppInfo | undefined;

export function createAppDirectory(...lists: readonly (readonly AppEntry[])[]): AppDirectory {
  const byId = new Map<string, AppInfo>();
  for (const list of lists) for (const app of list) byId.set(app.id, { name: app.name, category: app.category });
  return (id) => byId.get(id);
}
